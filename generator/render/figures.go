package render

import (
	"fmt"
	"strings"

	"github.com/followup-playbook/playbook/generator/load/messages"
)

// TextProblem is a mistake in a text of a message file: Text is what is wrong, as written,
// so that the caller can find it in the file.
type TextProblem struct {
	Text, Msg, Hint string
}

// WriteFigures returns text with each {{< rule KEY >}} replaced by its figure, the same
// shortcode as in Markdown, and the problems: a shortcode not closed, not a rule, or with
// a key not in figures, and a {placeholder}, which only a message's subject and body and
// the timing notes fill in. hints maps a placeholder to the figure key to write instead.
func WriteFigures(text string, figures, hints map[string]string) (string, []TextProblem) {
	var b strings.Builder
	var probs []TextProblem
	for {
		i := strings.IndexByte(text, '{')
		if i < 0 {
			b.WriteString(text)
			break
		}
		b.WriteString(text[:i])
		text = text[i:]
		if !strings.HasPrefix(text, "{{<") {
			if name, ok := placeholder(text); ok {
				hint := "guidance takes its timing figures as {{< rule KEY >}}"
				if k, ok := hints[name]; ok {
					hint = fmt.Sprintf("write {{< rule %s >}}", k)
				}
				probs = append(probs, TextProblem{Text: "{" + name + "}", Msg: fmt.Sprintf("placeholder {%s} is not filled in", name), Hint: hint})
			}
			b.WriteByte('{')
			text = text[1:]
			continue
		}
		end := strings.Index(text, ">}}")
		if nl := strings.IndexByte(text, '\n'); end < 0 || (nl >= 0 && nl < end) {
			line, _, _ := strings.Cut(text, "\n")
			probs = append(probs, TextProblem{Text: line, Msg: "shortcode opened with {{< is not closed on the same line", Hint: "close it with >}}"})
			b.WriteString("{{<")
			text = text[3:]
			continue
		}
		code := text[:end+3]
		text = text[end+3:]
		if v, msg, hint, ok := shortcode(code[3:end], figures); ok {
			b.WriteString(v)
		} else {
			probs = append(probs, TextProblem{Text: code, Msg: msg, Hint: hint})
		}
	}
	return b.String(), probs
}

// placeholder reports whether text starts with a {placeholder}, and its name.
func placeholder(text string) (string, bool) {
	end := strings.IndexByte(text, '}')
	if end < 0 || !messages.ValidName(text[1:end]) {
		return "", false
	}
	return text[1:end], true
}

// shortcode is the figure the shortcode {{< inner >}} writes (ok), or what is wrong with
// it: in Markdown and in a message's guidance alike. The one shortcode is rule KEY.
func shortcode(inner string, figures map[string]string) (figure, msg, hint string, ok bool) {
	fields := strings.Fields(inner)
	switch {
	case len(fields) == 2 && fields[0] == "rule":
		key := strings.Trim(fields[1], `"`)
		if v, ok := figures[key]; ok {
			return v, "", "", true
		}
		return "", fmt.Sprintf("unknown timing figure %q", key), "use one of: " + strings.Join(sortedKeys(figures), ", "), false
	case len(fields) > 0 && fields[0] == "rule":
		return "", "the rule shortcode takes one key", `write it as {{< rule thank-you.within >}}`, false
	}
	name := ""
	if len(fields) > 0 {
		name = fields[0]
	}
	return "", fmt.Sprintf("unknown shortcode %q", name), `the one shortcode is {{< rule KEY >}}`, false
}
