// Package strictoml decodes TOML the way a site owner needs it: a syntax error or a key the
// target does not know (a typo) becomes a *diag.Error with the file, line and column.
//
// BurntSushi/toml reports positions for syntax errors but not for undecoded keys, so the
// key's line is found again in the source. KeyPos and Locate find keys and values the same
// way for the loaders' own checks, which run after decoding.
package strictoml

import (
	"errors"
	"fmt"
	"reflect"
	"regexp"
	"slices"
	"strconv"
	"strings"

	"github.com/BurntSushi/toml"

	"github.com/followup-playbook/playbook/generator/diag"
)

// Decode decodes src into v. path names the file in messages; firstLine is the line of the
// file on which src starts (1 for a whole file, 2 for front matter after a "+++" line).
// The error, if any, joins one *diag.Error per problem. An unknown key's hint names the
// known key nearest to it (see Suggest).
func Decode(path string, src []byte, firstLine int, v any) (toml.MetaData, error) {
	// BurntSushi/toml reports a bad byte at the start of its string; the owner needs the
	// byte itself, as a Markdown file reports it.
	if err := diag.NotUTF8(path, src); err != nil {
		return toml.MetaData{}, err.Shift(firstLine - 1)
	}
	md, err := toml.NewDecoder(strings.NewReader(string(src))).Decode(v)
	if err != nil {
		return md, fromDecodeError(path, src, firstLine, err)
	}
	undecoded := md.Undecoded()
	if len(undecoded) == 0 {
		return md, nil
	}
	entries := scan(src)
	used := map[int]bool{}
	unknown := map[string]bool{}
	var errs []error
	for _, key := range undecoded {
		// BurntSushi/toml lists an unknown table and then every key in it; the table is
		// the one mistake.
		if unknownParent(key, unknown) {
			continue
		}
		unknown[key.String()] = true
		msg, hint := fmt.Sprintf("unknown key %q", key.String()), "check its spelling, or remove it"
		if s := Suggest(key[len(key)-1], knownKeys(reflect.TypeOf(v), key[:len(key)-1])); s != "" {
			hint = fmt.Sprintf("did you mean %q?", toml.Key(append(key[:len(key)-1:len(key)-1], s)).String())
		}
		errs = append(errs, at(path, src, firstLine, entries, key, used, msg, hint))
	}
	return md, errors.Join(errs...)
}

// unknownParent says whether a table that key is in was itself reported unknown.
func unknownParent(key toml.Key, unknown map[string]bool) bool {
	for n := 1; n < len(key); n++ {
		if unknown[key[:n].String()] {
			return true
		}
	}
	return false
}

// mismatch is BurntSushi/toml's wording of a value of the wrong type, which it gives the
// line of (counted from src) but no column.
var mismatch = regexp.MustCompile(`^line (\d+) \(last key "([^"]+)"\): incompatible types: TOML value has type (\S+); destination has type (.+)$`)

func fromDecodeError(path string, src []byte, firstLine int, err error) error {
	var pe toml.ParseError
	if errors.As(err, &pe) {
		line, col := pe.Position.Line, pe.Position.Col
		msg := "invalid TOML: " + pe.Message
		hint := strings.TrimSpace(firstSentence(pe.Usage))
		if hint == "" {
			hint = "see https://toml.io for the syntax"
		}
		return diag.At(path, src, line, col, msg, hint).Shift(firstLine - 1)
	}
	msg := strings.TrimPrefix(err.Error(), "toml: ")
	if m := mismatch.FindStringSubmatch(msg); m != nil {
		line, _ := strconv.Atoi(m[1])
		return wrongType(path, src, firstLine, line, m[2], m[3], m[4])
	}
	// Other mismatches carry no position; name the key where we can.
	hint := "check the value's type (text in quotes, numbers and true/false without)"
	var key []string
	if m := keyInMessage.FindStringSubmatch(msg); m != nil {
		key = strings.Split(m[1], ".")
	}
	return at(path, src, firstLine, scan(src), key, map[int]bool{}, "invalid value: "+msg, hint)
}

// wrongType reports a value of the wrong type at the value, in the owner's words: what
// the key takes and what it was given, and, for a number, date or true/false written in
// quotes, the line without them.
func wrongType(path string, src []byte, firstLine, line int, dotted, got, want string) *diag.Error {
	msg := fmt.Sprintf("%q takes %s, not %s", dotted, typeName(want), typeName(got))
	hint := "check the value's type (text in quotes, numbers and true/false without)"
	entries := scan(src)
	if !slices.ContainsFunc(entries, func(e entry) bool { return e.line == line && e.defines(strings.Split(dotted, ".")) }) {
		line, _ = find(entries, strings.Split(dotted, "."), map[int]bool{})
	}
	for _, e := range entries {
		if e.line != line || e.header {
			continue
		}
		name := e.key[len(e.key)-1]
		switch unquoted, quoted := unquote(e.value); {
		case quoted && got == "string" && sameType(unquoted, want):
			hint = fmt.Sprintf("write it without quotes: %s = %s", name, unquoted)
		case want == "boolean":
			hint = fmt.Sprintf("write %s = true or %s = false, without quotes", name, name)
		case want == "string":
			hint = fmt.Sprintf(`put it in quotes: %s = "…"`, name)
		}
		return diag.At(path, src, line, e.valueCol, msg, hint).Shift(firstLine - 1)
	}
	return &diag.Error{Path: path, Msg: msg, Hint: hint}
}

// sameType says whether text, written as a TOML value, is of the type BurntSushi/toml
// names want.
func sameType(text, want string) bool {
	var probe struct{ V any }
	_, err := toml.Decode("V = "+text, &probe)
	return err == nil && typeName(fmtType(probe.V)) == typeName(want)
}

// unquote returns the text of a basic or literal string at the start of value, when it
// holds no escapes.
func unquote(value string) (string, bool) {
	if len(value) < 2 || value[0] != '"' && value[0] != '\'' {
		return "", false
	}
	end := strings.IndexByte(value[1:], value[0])
	if end < 0 || strings.Contains(value[1:1+end], `\`) {
		return "", false
	}
	return value[1 : 1+end], true
}

// fmtType names a decoded value's type as BurntSushi/toml's messages do.
func fmtType(v any) string {
	return strings.ReplaceAll(fmt.Sprintf("%T", v), "interface {}", "any")
}

// typeName words a type as BurntSushi/toml's messages name it, for a site owner.
func typeName(t string) string {
	switch t {
	case "string":
		return "text"
	case "int64", "integer":
		return "a whole number"
	case "float64", "float":
		return "a number"
	case "bool", "boolean":
		return "true or false"
	case "time.Time", "toml.LocalDate", "toml.LocalDateTime", "toml.LocalTime":
		return "a date"
	case "slice", "[]any":
		return "a list in [ ]"
	case "map", "map[string]any":
		return "a table"
	}
	return t
}

// at is a problem with key, placed on the line of entries that sets it when there is one.
func at(path string, src []byte, firstLine int, entries []entry, key []string, used map[int]bool, msg, hint string) *diag.Error {
	if line, col := find(entries, key, used); line > 0 {
		return diag.At(path, src, line, col, msg, hint).Shift(firstLine - 1)
	}
	return &diag.Error{Path: path, Msg: msg, Hint: hint}
}

var keyInMessage = regexp.MustCompile(`(?:key|field) "?([A-Za-z0-9_.-]+)"?`)

func firstSentence(s string) string {
	s = strings.TrimSpace(s)
	if i := strings.Index(s, "\n"); i >= 0 {
		s = s[:i]
	}
	return s
}
