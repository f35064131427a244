package strictoml

import (
	"reflect"
	"strings"
)

// Suggest returns the key of known nearest to key, for a "did you mean" hint, or "" when
// none is near enough to be the key meant. Near enough is at most one edit (a letter
// added, dropped, changed, or two swapped) for a key of up to five letters, two for a
// longer one: "copyrigth" is "copyright", but "nope" is no key's typo. Case is ignored,
// and the first of known at the least distance wins, so the answer does not depend on
// anything but its arguments.
func Suggest(key string, known []string) string {
	limit := 1
	if len(key) > 5 {
		limit = 2
	}
	best, bestD := "", limit+1
	for _, k := range known {
		if d := distance(strings.ToLower(key), strings.ToLower(k)); d < bestD {
			best, bestD = k, d
		}
	}
	return best
}

// distance is the optimal string alignment distance between a and b, in bytes: the
// Levenshtein distance with a swap of two neighbours counted as one edit, the typo
// fingers make most.
func distance(a, b string) int {
	// Three rows of the table: the one before the previous, the previous, this one.
	pp, prev, cur := make([]int, len(b)+1), make([]int, len(b)+1), make([]int, len(b)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(a); i++ {
		cur[0] = i
		for j := 1; j <= len(b); j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
			if i > 1 && j > 1 && a[i-1] == b[j-2] && a[i-2] == b[j-1] {
				cur[j] = min(cur[j], pp[j-2]+1)
			}
		}
		pp, prev, cur = prev, cur, pp
	}
	return prev[len(b)]
}

// knownKeys lists the keys the table at path (undotted, from the top) of the type t
// decodes, in the order its fields are declared, or nil when any key goes there (a map)
// or the path leads nowhere a key list is known.
func knownKeys(t reflect.Type, path []string) []string {
	for {
		t = deref(t)
		if t.Kind() != reflect.Struct {
			return nil
		}
		if len(path) == 0 {
			break
		}
		f, ok := field(t, path[0])
		if !ok {
			return nil
		}
		t, path = f, path[1:]
	}
	var keys []string
	for _, f := range fields(t) {
		name, _ := tomlName(f)
		keys = append(keys, name)
	}
	return keys
}

// fields lists the fields of struct t that TOML sets, those of an embedded struct without
// a tag in its place, as BurntSushi/toml decodes them.
func fields(t reflect.Type) []reflect.StructField {
	var out []reflect.StructField
	for i := range t.NumField() {
		f := t.Field(i)
		if f.Anonymous && f.Tag.Get("toml") == "" && deref(f.Type).Kind() == reflect.Struct {
			out = append(out, fields(deref(f.Type))...)
			continue
		}
		if _, ok := tomlName(f); ok {
			out = append(out, f)
		}
	}
	return out
}

// deref follows pointers and, since an array of tables is named without an index in
// BurntSushi/toml's undecoded keys, slices and arrays to their element.
func deref(t reflect.Type) reflect.Type {
	for t.Kind() == reflect.Pointer || t.Kind() == reflect.Slice || t.Kind() == reflect.Array {
		t = t.Elem()
	}
	return t
}

// field returns the type of the field of struct t that the key name decodes into,
// matched without case as BurntSushi/toml matches it.
func field(t reflect.Type, name string) (reflect.Type, bool) {
	for _, f := range fields(t) {
		if n, _ := tomlName(f); strings.EqualFold(n, name) {
			return f.Type, true
		}
	}
	return nil, false
}

// tomlName is the key a struct field decodes from: its toml tag, else its name; ok is
// false for a field TOML never sets.
func tomlName(f reflect.StructField) (string, bool) {
	if !f.IsExported() {
		return "", false
	}
	tag, _, _ := strings.Cut(f.Tag.Get("toml"), ",")
	switch tag {
	case "-":
		return "", false
	case "":
		return f.Name, true
	}
	return tag, true
}
