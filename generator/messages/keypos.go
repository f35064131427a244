package messages

import (
	"regexp"
	"strconv"
	"strings"
)

var (
	tableHeader = regexp.MustCompile(`^\s*(\[\[?)\s*([A-Za-z0-9_.\-]+)\s*\]\]?`)
	bareKey     = regexp.MustCompile(`^(\s*)([A-Za-z0-9_\-]+)\s*=`)
)

// KeyPos returns the 1-based line and column of a key in TOML source, or 0, 0 when the key
// is not written there. key is dotted from the top: "channel", "timing.after",
// "guidance.when"; an element of an array of tables is named by its 0-based index,
// "fields.2.name". A table alone ("timeline") gives the position of its header.
//
// BurntSushi/toml does not report where a decoded key was, so positions are found again in
// the source. Lines inside multi-line strings are skipped, so a body that happens to contain
// "name =" or "[x]" cannot be mistaken for a key. It is exported because generator/rules
// points at keys of site.toml's [timeline] table the same way.
func KeyPos(src []byte, key string) (line, col int) {
	parts := strings.Split(key, ".")
	name := parts[len(parts)-1]
	table := strings.Join(parts[:len(parts)-1], ".")
	// The table part may end in an index into an array of tables: "fields.2".
	wantIndex := -1
	if i := strings.LastIndex(table, "."); i >= 0 {
		if n, err := strconv.Atoi(table[i+1:]); err == nil {
			wantIndex, table = n, table[:i]
		}
	}
	current, index := "", -1
	seen := map[string]int{}
	inString := ""
	for i, l := range strings.Split(string(src), "\n") {
		if inString != "" {
			if strings.Count(l, inString)%2 == 1 {
				inString = ""
			}
			continue
		}
		if m := tableHeader.FindStringSubmatch(l); m != nil {
			current = m[2]
			index = -1
			if m[1] == "[[" {
				index = seen[current]
				seen[current]++
			}
			if current == key && wantIndex < 0 {
				return i + 1, strings.Index(l, "[") + 1
			}
			continue
		}
		if m := bareKey.FindStringSubmatch(l); m != nil && m[2] == name && current == table && index == wantIndex {
			return i + 1, len(m[1]) + 1
		}
		for _, q := range []string{`"""`, `'''`} {
			if strings.Count(l, q)%2 == 1 {
				inString = q
				break
			}
		}
	}
	return 0, 0
}

// textPos returns the line and column of the first occurrence of needle in src at or after
// line from (1-based), or from's own position when needle is not found.
func textPos(src []byte, from int, needle string) (line, col int) {
	lines := strings.Split(string(src), "\n")
	for i := max(from-1, 0); i < len(lines); i++ {
		if j := strings.Index(lines[i], needle); j >= 0 {
			return i + 1, j + 1
		}
	}
	return from, 1
}
