package strictoml

import (
	"slices"
	"strconv"
	"strings"
)

// BurntSushi/toml does not say where a decoded key was written, so every position of a
// key is found again in the source, by scan: the one reading of TOML lines that KeyPos,
// Locate and Decode's unknown keys share.

// entry is a line of TOML source that opens a table or sets a key.
type entry struct {
	line int // 1-based
	// col is the 1-based byte column of the key, or of a header's "[".
	col int
	// table is the table the line is in, dotted and unquoted; a header's is the one it opens.
	table string
	// index is the element of an array of tables the line is in, from 0; -1 outside one.
	index  int
	header bool
	// key is a key line's dotted key, unquoted: "a.'b.c'" is ["a", "b.c"].
	key []string
	// value is what follows a key line's "=" and blanks, and valueCol its 1-based column.
	value    string
	valueCol int
}

// path is the key the first n parts of a key line's key name from the top, as parts.
func (e entry) path(n int) []string {
	var parts []string
	if e.table != "" {
		parts = strings.Split(e.table, ".")
	}
	return append(parts, e.key[:n]...)
}

// scan lists the headers and key lines of src in order. Lines inside multi-line strings
// are skipped, so a body that happens to contain "name =" or "[x]" is not taken for a key.
func scan(src []byte) []entry {
	var out []entry
	table, index := "", -1
	seen := map[string]int{} // elements so far of each array of tables
	inString := ""           // the quotes that close the multi-line string a line is in
	for i, l := range strings.Split(string(src), "\n") {
		l = strings.TrimSuffix(l, "\r")
		if inString != "" {
			if strings.Count(l, inString)%2 == 1 {
				inString = ""
			}
			continue
		}
		start := 0
		if i == 0 {
			start = len(l) - len(strings.TrimPrefix(l, "\uFEFF"))
		}
		if name, array, col, ok := parseHeader(l, start); ok {
			table, index = name, -1
			if array {
				index = seen[name]
				seen[name]++
			}
			out = append(out, entry{line: i + 1, col: col, table: table, index: index, header: true})
			continue
		}
		if key, col, valueAt, ok := parseKey(l, start); ok {
			out = append(out, entry{line: i + 1, col: col, table: table, index: index, key: key, value: l[valueAt:], valueCol: valueAt + 1})
		}
		for _, q := range []string{`"""`, `'''`} {
			if strings.Count(l, q)%2 == 1 {
				inString = q
				break
			}
		}
	}
	return out
}

// parseHeader reads "[a.b]" or "[[a.b]]" from l[start:], returning the table's dotted,
// unquoted name and the column of its first "[".
func parseHeader(l string, start int) (name string, array bool, col int, ok bool) {
	i := skipBlanks(l, start)
	if i >= len(l) || l[i] != '[' {
		return "", false, 0, false
	}
	col = i + 1
	rest := l[i+1:]
	if strings.HasPrefix(rest, "[") {
		array, rest = true, rest[1:]
	}
	end := strings.IndexByte(rest, ']')
	if end < 0 {
		return "", false, 0, false
	}
	parts := strings.Split(rest[:end], ".")
	for k, p := range parts {
		parts[k] = strings.Trim(strings.TrimSpace(p), `"'`)
	}
	name = strings.Join(parts, ".")
	if name == "" {
		return "", false, 0, false
	}
	return name, array, col, true
}

// parseKey reads a dotted key and its "=" from l[start:], returning the key's parts, its
// column, and the offset of the value after the blanks.
func parseKey(l string, start int) (key []string, col, valueAt int, ok bool) {
	i := skipBlanks(l, start)
	col = i + 1
	for {
		var part string
		switch {
		case i < len(l) && (l[i] == '"' || l[i] == '\''):
			end := strings.IndexByte(l[i+1:], l[i])
			if end < 0 {
				return nil, 0, 0, false
			}
			part, i = l[i+1:i+1+end], i+end+2
		default:
			j := i
			for j < len(l) && isBare(l[j]) {
				j++
			}
			if j == i {
				return nil, 0, 0, false
			}
			part, i = l[i:j], j
		}
		key = append(key, part)
		i = skipBlanks(l, i)
		switch {
		case i < len(l) && l[i] == '.':
			i = skipBlanks(l, i+1)
		case i < len(l) && l[i] == '=':
			return key, col, skipBlanks(l, i+1), true
		default:
			return nil, 0, 0, false
		}
	}
}

func isBare(c byte) bool {
	return 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9' || c == '_' || c == '-'
}

func skipBlanks(l string, i int) int {
	for i < len(l) && (l[i] == ' ' || l[i] == '\t') {
		i++
	}
	return i
}

// KeyPos returns the 1-based line and column of a key in TOML source, or 0, 0 when the key
// is not written there: for problems found after decoding, such as a value out of range,
// so they can still be reported at their key. key is dotted from the top: "channel",
// "timing.after", "guidance.when"; an element of an array of tables is named by its
// 0-based index, "fields.2.name". A table alone ("timeline") gives the position of its
// header, and so does an element of an array of tables ("fields.2").
func KeyPos(src []byte, key string) (line, col int) {
	e, ok := keyEntry(src, key)
	if !ok {
		return 0, 0
	}
	return e.line, e.col
}

// ValuePos is KeyPos at the key's value: the column after "key = ". For a table it is
// KeyPos.
func ValuePos(src []byte, key string) (line, col int) {
	e, ok := keyEntry(src, key)
	switch {
	case !ok:
		return 0, 0
	case e.header:
		return e.line, e.col
	}
	return e.line, e.valueCol
}

// keyEntry is the line that sets key (or opens it as a table), as KeyPos names keys.
func keyEntry(src []byte, key string) (entry, bool) {
	table, name := "", key
	if i := strings.LastIndex(key, "."); i >= 0 {
		table, name = key[:i], key[i+1:]
	}
	// An element of an array of tables alone: "fields.2".
	if n, err := strconv.Atoi(name); err == nil && table != "" {
		for _, e := range scan(src) {
			if e.header && e.table == table && e.index == n {
				return e, true
			}
		}
		return entry{}, false
	}
	// The table part may end in an index into an array of tables: "fields.2".
	index := -1
	if i := strings.LastIndex(table, "."); i >= 0 {
		if n, err := strconv.Atoi(table[i+1:]); err == nil {
			index, table = n, table[:i]
		}
	}
	want := name
	if table != "" {
		want = table + "." + name
	}
	for _, e := range scan(src) {
		switch {
		case e.header:
			if e.table == key && index < 0 {
				return e, true
			}
		case e.index == index && strings.Join(e.path(len(e.key)), ".") == want:
			return e, true
		}
	}
	return entry{}, false
}

// Locate returns the 1-based line and column of the first `key = "value"` (or 'value') in
// src, at the value, or 0, 0: for problems found after decoding, such as a value that names
// something that does not exist, so they can still be reported at their place. key is
// matched as written on the line, whatever table the line is in.
func Locate(src []byte, key, value string) (line, col int) {
	for _, e := range scan(src) {
		if e.header || strings.Join(e.key, ".") != key {
			continue
		}
		if strings.HasPrefix(e.value, `"`+value+`"`) || strings.HasPrefix(e.value, `'`+value+`'`) {
			return e.line, e.valueCol
		}
	}
	return 0, 0
}

// find returns the position of key for a problem BurntSushi/toml reported: the first line,
// not yet in used, that sets it (or, for a table, opens it). An array of tables repeats
// its keys, one report per element, hence used.
func find(entries []entry, key []string, used map[int]bool) (line, col int) {
	for _, e := range entries {
		if used[e.line] || !e.defines(key) {
			continue
		}
		used[e.line] = true
		return e.line, e.col
	}
	return 0, 0
}

// defines says whether the line sets key, or opens it as a table: "a.b = 1" defines both
// "a" and "a.b".
func (e entry) defines(key []string) bool {
	if e.header {
		return e.table == strings.Join(key, ".")
	}
	for n := 1; n <= len(e.key); n++ {
		if slices.Equal(e.path(n), key) {
			return true
		}
	}
	return false
}
