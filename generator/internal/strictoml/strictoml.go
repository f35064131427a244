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
	"regexp"
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
	entries := scan(src)
	used := map[int]bool{}
	var errs []error
	for _, key := range undecoded {
		msg, hint := fmt.Sprintf("unknown key %q", key.String()), "check its spelling, or remove it"
		errs = append(errs, at(path, src, firstLine, entries, key, used, msg, hint))
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
	hint := "check the value's type (text in quotes, numbers and true/false without)"
	var key []string
	if m := keyInMessage.FindStringSubmatch(msg); m != nil {
		key = strings.Split(m[1], ".")
	}
	return at(path, src, firstLine, scan(src), key, map[int]bool{}, "invalid value: "+msg, hint)
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
