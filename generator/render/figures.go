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
		fields := strings.Fields(code[3:end])
		switch {
		case len(fields) == 2 && fields[0] == "rule":
			key := strings.Trim(fields[1], `"`)
			if v, ok := figures[key]; ok {
				b.WriteString(v)
				continue
			}
			probs = append(probs, TextProblem{Text: code, Msg: fmt.Sprintf("unknown timing figure %q", key), Hint: "use one of: " + strings.Join(sortedKeys(figures), ", ")})
		case len(fields) > 0 && fields[0] == "rule":
			probs = append(probs, TextProblem{Text: code, Msg: "the rule shortcode takes one key", Hint: `write it as {{< rule thank-you.within >}}`})
		default:
			name := ""
			if len(fields) > 0 {
				name = fields[0]
			}
			probs = append(probs, TextProblem{Text: code, Msg: fmt.Sprintf("unknown shortcode %q", name), Hint: `the one shortcode is {{< rule KEY >}}`})
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
