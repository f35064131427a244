// Package strictoml decodes TOML the way a site owner needs it: a syntax error or a key the
// target does not know (a typo) becomes a *diag.Error with the file, line and column.
//
// BurntSushi/toml reports positions for syntax errors but not for undecoded keys, so the
// key's line is found again in the source.
package strictoml

import (
	"errors"
	"fmt"
	"regexp"
	"sort"
	"strings"

	"github.com/BurntSushi/toml"

	"github.com/followup-playbook/playbook/generator/diag"
)

// Decode decodes src into v. path names the file in messages; firstLine is the line of the
// file on which src starts (1 for a whole file, 2 for front matter after a "+++" line).
// The error, if any, joins one *diag.Error per problem.
func Decode(path string, src []byte, firstLine int, v any) (toml.MetaData, error) {
	md, err := toml.NewDecoder(strings.NewReader(string(src))).Decode(v)
	if err != nil {
		return md, fromDecodeError(path, src, firstLine, err)
	}
	undecoded := md.Undecoded()
	if len(undecoded) == 0 {
		return md, nil
	}
	lines := strings.Split(string(src), "\n")
	used := map[int]bool{}
	var errs []error
	for _, key := range undecoded {
		line, col := findKey(lines, key, used)
		d := &diag.Error{
			Path: path,
			Msg:  fmt.Sprintf("unknown key %q", key.String()),
			Hint: "check its spelling, or remove it",
		}
		if line > 0 {
			d.Line, d.Col = line+firstLine-1, col
			d.Source = strings.TrimSuffix(lines[line-1], "\r")
		}
		errs = append(errs, d)
	}
	return md, errors.Join(errs...)
}

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
	// Type mismatches ("incompatible types") carry no position; name the key where we can.
	msg := err.Error()
	msg = strings.TrimPrefix(msg, "toml: ")
	d := &diag.Error{Path: path, Msg: "invalid value: " + msg, Hint: "check the value's type (text in quotes, numbers and true/false without)"}
	if m := keyInMessage.FindStringSubmatch(msg); m != nil {
		lines := strings.Split(string(src), "\n")
		if line, col := findKey(lines, strings.Split(m[1], "."), map[int]bool{}); line > 0 {
			d.Line, d.Col = line+firstLine-1, col
			d.Source = strings.TrimSuffix(lines[line-1], "\r")
		}
	}
	return d
}

var keyInMessage = regexp.MustCompile(`(?:key|field) "?([A-Za-z0-9_.-]+)"?`)

func firstSentence(s string) string {
	s = strings.TrimSpace(s)
	if i := strings.Index(s, "\n"); i >= 0 {
		s = s[:i]
	}
	return s
}

var header = regexp.MustCompile(`^\s*\[\[?\s*([^\]]+?)\s*\]\]?`)

// findKey returns the 1-based line and column of key's last part under its table, skipping
// lines already reported (an array of tables repeats its keys).
func findKey(lines []string, key []string, used map[int]bool) (int, int) {
	if len(key) == 0 {
		return 0, 0
	}
	table := strings.Join(key[:len(key)-1], ".")
	name := key[len(key)-1]
	keyRe := regexp.MustCompile(`^(\s*)("` + regexp.QuoteMeta(name) + `"|'` + regexp.QuoteMeta(name) + `'|` + regexp.QuoteMeta(name) + `)\s*[=.]`)
	var candidates []int
	current := ""
	for i, l := range lines {
		if m := header.FindStringSubmatch(l); m != nil {
			current = normaliseTable(m[1])
			continue
		}
		if keyRe.MatchString(l) && (current == table || strings.HasPrefix(table, current)) {
			candidates = append(candidates, i)
		}
	}
	sort.Ints(candidates)
	for _, i := range candidates {
		if !used[i] {
			used[i] = true
			m := keyRe.FindStringSubmatchIndex(lines[i])
			return i + 1, m[3] - m[2] + 1
		}
	}
	return 0, 0
}

func normaliseTable(s string) string {
	parts := strings.Split(s, ".")
	for i, p := range parts {
		parts[i] = strings.Trim(strings.TrimSpace(p), `"'`)
	}
	return strings.Join(parts, ".")
}

// Locate returns the 1-based line and column of the first `key = "value"` (or 'value') in
// src, at the value, or 0, 0: for problems found after decoding, such as a value that names
// something that does not exist, so they can still be reported at their place.
func Locate(src []byte, key, value string) (line, col int) {
	re := regexp.MustCompile(`^\s*` + regexp.QuoteMeta(key) + `\s*=\s*()(?:"` + regexp.QuoteMeta(value) + `"|'` + regexp.QuoteMeta(value) + `')`)
	for i, l := range strings.Split(string(src), "\n") {
		if m := re.FindStringSubmatchIndex(l); m != nil {
			return i + 1, m[2] + 1
		}
	}
	return 0, 0
}
