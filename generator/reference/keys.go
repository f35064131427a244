// Package reference is the site owner's reference: the keys of site.toml, of a message
// file, of its [timing] table and of the [timeline] policy, and the figure keys of
// {{< rule KEY >}}. The keys are read by reflection from the structs the loaders decode
// into, each field's meaning and default from its doc tag, and the figures from
// rules.FigureKinds, so the reference says what the validation accepts. `playbook help
// TOPIC` prints a topic as text (Text); docs/reference.md is every topic as Markdown
// (Markdown), and a test fails when it is stale.
//
// A doc tag is one or two sentences, then "Default: ..." (what applies when the key is
// left out) or "Required.": doc:"The text of the link. Required.". A table's field needs
// only its meaning.
package reference

import (
	"fmt"
	"reflect"
	"slices"
	"strings"
	"time"
)

// Table is one TOML table of a file and its keys, in the order its struct declares them.
type Table struct {
	// Header is the table as written: "" for the file's top level, "[timeline]",
	// "[[menu]]", "[brand.cta]".
	Header string
	// Doc is what the table is for, from the doc tag of the field that holds it.
	Doc  string
	Keys []Key
}

// Key is one key of a table.
type Key struct {
	Name string
	// Type is the TOML type in words: "string", "integer", "list of strings", "table".
	Type    string
	Meaning string
	// Default is what applies when the key is left out, "" for a required key.
	Default  string
	Required bool
	// Value is the field's value in the struct the table was read from: the default,
	// when it was read from the defaults (config.Default, rules.DefaultPolicy).
	Value reflect.Value
}

// Tables reads the tables of v, a struct (or a pointer to one) decoded from TOML: its own,
// named by the dotted table (""), then the tables its fields hold, depth first. Fields
// whose key is in stop are listed as keys and not entered: a table another topic
// documents. A field without a doc tag, or a key's tag without "Default:" or
// "Required.", is an error.
func Tables(v any, table string, stop ...string) ([]Table, error) {
	rv := reflect.Indirect(reflect.ValueOf(v))
	if rv.Kind() != reflect.Struct {
		return nil, fmt.Errorf("reference: %T is not a struct", v)
	}
	header := ""
	if table != "" {
		header = "[" + table + "]"
	}
	w := walker{stop: stop}
	w.walk(rv, table, header, "")
	return w.tables, w.err()
}

// walker collects the tables of a struct and the problems with its tags.
type walker struct {
	stop   []string
	tables []Table
	errs   []string
}

func (w *walker) err() error {
	if len(w.errs) == 0 {
		return nil
	}
	return fmt.Errorf("reference: %s", strings.Join(w.errs, "; "))
}

// walk adds the table v is, named by its dotted path and written as header, then the
// tables inside it.
func (w *walker) walk(v reflect.Value, path, header, doc string) {
	t := v.Type()
	at := len(w.tables)
	w.tables = append(w.tables, Table{Header: header, Doc: doc})
	type inner struct {
		v            reflect.Value
		path, header string
		doc          string
	}
	var inners []inner
	for i := 0; i < t.NumField(); i++ {
		f := t.Field(i)
		name := strings.Split(f.Tag.Get("toml"), ",")[0]
		if !f.IsExported() || name == "-" {
			continue
		}
		if name == "" {
			name = f.Name
		}
		dotted := name
		if path != "" {
			dotted = path + "." + name
		}
		tag, ok := f.Tag.Lookup("doc")
		if !ok || strings.TrimSpace(tag) == "" {
			w.errs = append(w.errs, fmt.Sprintf("%s.%s (%s) has no doc tag", t.Name(), f.Name, dotted))
			continue
		}
		elem, array := tableOf(f.Type)
		if elem != nil && !slices.Contains(w.stop, dotted) {
			sub := reflect.New(elem).Elem()
			if fv := reflect.Indirect(v.Field(i)); !array && fv.IsValid() {
				sub = fv
			}
			h := "[" + dotted + "]"
			if array {
				h = "[" + h + "]"
			}
			inners = append(inners, inner{sub, dotted, h, tag})
			continue
		}
		k := Key{Name: name, Type: typeName(f.Type), Value: v.Field(i)}
		var err error
		k.Meaning, k.Default, k.Required, err = parseDoc(tag, elem != nil || f.Type.Kind() == reflect.Map)
		if err != nil {
			w.errs = append(w.errs, fmt.Sprintf("%s.%s (%s): %v", t.Name(), f.Name, dotted, err))
		}
		w.tables[at].Keys = append(w.tables[at].Keys, k)
	}
	for _, in := range inners {
		w.walk(in.v, in.path, in.header, in.doc)
	}
}

// tableOf returns the struct a field of type t holds as a TOML table (a struct, a pointer
// to one) or an array of tables (a slice of them), and which; nil for any other type.
func tableOf(t reflect.Type) (elem reflect.Type, array bool) {
	if t == reflect.TypeFor[time.Time]() {
		return nil, false
	}
	switch t.Kind() {
	case reflect.Struct:
		return t, false
	case reflect.Pointer:
		if t.Elem().Kind() == reflect.Struct {
			return t.Elem(), false
		}
	case reflect.Slice:
		if t.Elem().Kind() == reflect.Struct {
			return t.Elem(), true
		}
	}
	return nil, false
}

// typeName is a key's TOML type, in the words a site owner reads.
func typeName(t reflect.Type) string {
	if t == reflect.TypeFor[time.Time]() {
		return "date"
	}
	switch t.Kind() {
	case reflect.String:
		return "string"
	case reflect.Bool:
		return "true or false"
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64,
		reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64:
		return "integer"
	case reflect.Float32, reflect.Float64:
		return "number"
	case reflect.Map:
		return "table"
	case reflect.Pointer:
		return typeName(t.Elem())
	case reflect.Slice:
		if _, array := tableOf(t); array {
			return "array of tables"
		}
		return "list of " + typeName(t.Elem()) + "s"
	case reflect.Struct:
		return "table"
	}
	return t.Kind().String()
}

// parseDoc splits a doc tag into the meaning and the default, or says the key is
// required. A table (free tables included) may leave out both.
func parseDoc(tag string, table bool) (meaning, def string, required bool, err error) {
	tag = strings.TrimSpace(tag)
	if m, ok := strings.CutSuffix(tag, "Required."); ok {
		return strings.TrimSpace(m), "", true, nil
	}
	i := strings.LastIndex(tag, "Default: ")
	if i < 0 {
		if table {
			return tag, "", false, nil
		}
		return tag, "", false, fmt.Errorf(`its doc tag ends with neither "Default: ..." nor "Required."`)
	}
	return strings.TrimSpace(tag[:i]), strings.TrimSuffix(strings.TrimSpace(tag[i+len("Default: "):]), "."), false, nil
}
