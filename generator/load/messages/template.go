package messages

import (
	"fmt"
	"strings"
)

// Part is one piece of a parsed template: literal text, or a placeholder when Name is set.
type Part struct {
	Text string // the literal text, with "{{" and "}}" already turned into single braces
	Name string // the placeholder's field name, without braces; "" for text
}

// Template is a subject or body parsed into text and {placeholder} parts, ready to fill.
// The zero Template is empty.
type Template struct {
	parts []Part
}

// SyntaxError is a template that cannot be parsed; Offset is the byte offset of the brace
// that starts the problem.
type SyntaxError struct {
	Offset int
	Msg    string
}

func (e *SyntaxError) Error() string { return fmt.Sprintf("at byte %d: %s", e.Offset, e.Msg) }

// isNameStart and isNameChar define placeholder names: a lowercase letter, then lowercase
// letters, digits and underscores. Field names follow the same rule, so a name that parses
// is a name a field can have.
func isNameStart(c byte) bool { return c >= 'a' && c <= 'z' }
func isNameChar(c byte) bool  { return isNameStart(c) || (c >= '0' && c <= '9') || c == '_' }

// ValidName reports whether s can name a field and a placeholder.
func ValidName(s string) bool {
	if s == "" || !isNameStart(s[0]) {
		return false
	}
	for i := 1; i < len(s); i++ {
		if !isNameChar(s[i]) {
			return false
		}
	}
	return true
}

// Parse splits text into literal text and {name} placeholders. "{{" is a literal "{" and
// "}}" a literal "}" (a lone "}" is also taken literally); any other "{" must open a
// placeholder. The rules are kept this small so fill.js can apply them in a few lines.
func Parse(text string) (Template, error) {
	var t Template
	var lit strings.Builder
	flush := func() {
		if lit.Len() > 0 {
			t.parts = append(t.parts, Part{Text: lit.String()})
			lit.Reset()
		}
	}
	for i := 0; i < len(text); i++ {
		c := text[i]
		switch {
		case c == '{' && i+1 < len(text) && text[i+1] == '{':
			lit.WriteByte('{')
			i++
		case c == '}' && i+1 < len(text) && text[i+1] == '}':
			lit.WriteByte('}')
			i++
		case c == '{':
			j := i + 1
			for j < len(text) && isNameChar(text[j]) {
				j++
			}
			if j >= len(text) || text[j] != '}' || !ValidName(text[i+1:j]) {
				return Template{}, &SyntaxError{Offset: i, Msg: "a \"{\" must start a placeholder such as {interviewer_name} (lowercase letters, digits and _), or be doubled as \"{{\" for a literal brace"}
			}
			flush()
			t.parts = append(t.parts, Part{Name: text[i+1 : j]})
			i = j
		default:
			lit.WriteByte(c)
		}
	}
	flush()
	return t, nil
}

// MustParse is Parse for templates written in Go source (tests); it panics on a syntax
// error, so it must never see a site owner's text.
func MustParse(text string) Template {
	t, err := Parse(text)
	if err != nil {
		panic(err)
	}
	return t
}

// Parts returns the template's pieces in order; the caller must not modify them.
func (t Template) Parts() []Part { return t.parts }

// Names returns the placeholder names in order of first use, each once.
func (t Template) Names() []string {
	var names []string
	seen := map[string]bool{}
	for _, p := range t.parts {
		if p.Name != "" && !seen[p.Name] {
			seen[p.Name] = true
			names = append(names, p.Name)
		}
	}
	return names
}

// Fill returns the text with each placeholder replaced by its value. A placeholder whose
// value is missing or empty stays visible as "{name}", so a half-filled message still shows
// its blanks instead of silently dropping them.
func (t Template) Fill(values map[string]string) string {
	var b strings.Builder
	for _, p := range t.parts {
		switch v := values[p.Name]; {
		case p.Name == "":
			b.WriteString(p.Text)
		case v != "":
			b.WriteString(v)
		default:
			b.WriteString("{" + p.Name + "}")
		}
	}
	return b.String()
}

// Fill parses text and fills it with values; see Template.Fill.
func Fill(text string, values map[string]string) (string, error) {
	t, err := Parse(text)
	if err != nil {
		return "", err
	}
	return t.Fill(values), nil
}
