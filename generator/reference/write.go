package reference

import (
	"fmt"
	"io"
	"strings"
)

// textWidth is where Text wraps its lines, for an 80-column terminal.
const textWidth = 79

// Text writes a topic for a terminal: its intro, each table's keys with their type,
// default and meaning, then its notes.
func Text(w io.Writer, t Topic) error {
	var b strings.Builder
	b.WriteString(t.Title + "\n\n")
	for _, p := range t.Intro {
		b.WriteString(wrap(p, "", textWidth) + "\n\n")
	}
	for _, tb := range t.Tables {
		if tb.Header != "" {
			b.WriteString(tb.Header + "\n")
		}
		if tb.Doc != "" {
			b.WriteString(wrap(tb.Doc, "  ", textWidth) + "\n")
		}
		if tb.Header != "" || tb.Doc != "" {
			b.WriteString("\n")
		}
		width := 0
		for _, k := range tb.Keys {
			width = max(width, len(k.Name))
		}
		for _, k := range tb.Keys {
			fmt.Fprintf(&b, "  %-*s  %s\n", width, k.Name, k.summary())
			b.WriteString(wrap(k.Meaning, "      ", textWidth) + "\n")
		}
		b.WriteString("\n")
	}
	for _, n := range t.Notes {
		b.WriteString(n.Title + "\n")
		for _, p := range n.Text {
			b.WriteString(wrap(p, "  ", textWidth) + "\n\n")
		}
		if len(n.Text) == 0 {
			b.WriteString("\n")
		}
		writeItems(&b, n.Items)
		if len(n.Items) > 0 {
			b.WriteString("\n")
		}
		for _, l := range strings.Split(strings.TrimSuffix(n.Example, "\n"), "\n") {
			if n.Example != "" {
				b.WriteString(strings.TrimRight("    "+l, " ") + "\n")
			}
		}
		if n.Example != "" {
			b.WriteString("\n")
		}
	}
	_, err := io.WriteString(w, strings.TrimRight(b.String(), "\n")+"\n")
	return err
}

// itemColumn is the widest name a list of items is aligned to; a longer name has its
// meaning on the lines below it.
const itemColumn = 30

// writeItems writes a list of names and meanings in two columns.
func writeItems(b *strings.Builder, items []Item) {
	width := 0
	for _, it := range items {
		if len(it.Name) <= itemColumn {
			width = max(width, len(it.Name))
		}
	}
	hang := strings.Repeat(" ", width+4)
	for _, it := range items {
		text := wrap(it.Meaning, hang, textWidth)
		if len(it.Name) > width {
			fmt.Fprintf(b, "  %s\n%s\n", it.Name, text)
			continue
		}
		fmt.Fprintf(b, "  %-*s%s\n", width+2, it.Name, strings.TrimPrefix(text, hang))
	}
}

// summary is a key's type and default in one line: "string, default: "en"".
func (k Key) summary() string {
	switch {
	case k.Required:
		return k.Type + ", required"
	case k.Default != "":
		return k.Type + ", default: " + k.Default
	}
	return k.Type
}

// wrap fills text into lines of at most width columns, each starting with indent; a word
// longer than a line has one of its own.
func wrap(text, indent string, width int) string {
	var lines []string
	line := indent
	for _, word := range words(text) {
		if line != indent && len(line)+1+len(word) > width {
			lines = append(lines, line)
			line = indent
		}
		if line != indent {
			line += " "
		}
		line += word
	}
	return strings.Join(append(lines, line), "\n")
}

// words splits text at its blanks, but keeps a shortcode, "{{< rule KEY >}}", whole.
func words(text string) []string {
	var out []string
	open := false
	for _, w := range strings.Fields(text) {
		if open {
			out[len(out)-1] += " " + w
		} else {
			out = append(out, w)
		}
		switch {
		case strings.Contains(w, "{{<"):
			open = !strings.Contains(w, ">}}")
		case strings.Contains(w, ">}}"):
			open = false
		}
	}
	return out
}

// Markdown writes every topic as docs/reference.md: a heading a topic, a table of keys a
// TOML table, and the notes, led by a line saying how to make the file again.
func Markdown(w io.Writer, topics []Topic, regenerate string) error {
	var b strings.Builder
	b.WriteString("# Reference\n\n")
	fmt.Fprintf(&b, "<!-- Generated from the definitions the validation uses; do not edit. Regenerate with: %s -->\n\n", regenerate)
	b.WriteString("Every key a site owner writes, with its meaning and default, as `playbook help TOPIC` prints it:\n\n")
	for _, t := range topics {
		fmt.Fprintf(&b, "- [%s](#%s) (`playbook help %s`): %s\n", mdCode(t.Title), anchor("playbook help "+t.Name), t.Name, t.Summary)
	}
	for _, t := range topics {
		fmt.Fprintf(&b, "\n## playbook help %s\n\n", t.Name)
		for _, p := range t.Intro {
			b.WriteString(mdText(p) + "\n\n")
		}
		for _, tb := range t.Tables {
			title := tb.Header
			if title == "" {
				title = t.Title
			}
			fmt.Fprintf(&b, "### %s\n\n", mdCode(title))
			if tb.Doc != "" {
				b.WriteString(mdText(tb.Doc) + "\n\n")
			}
			b.WriteString("| key | type | default | meaning |\n| --- | --- | --- | --- |\n")
			for _, k := range tb.Keys {
				def := mdCell(k.Default)
				if k.Required {
					def = "required"
				}
				fmt.Fprintf(&b, "| `%s` | %s | %s | %s |\n", k.Name, k.Type, def, mdCell(k.Meaning))
			}
			b.WriteString("\n")
		}
		for _, n := range t.Notes {
			fmt.Fprintf(&b, "### %s\n\n", mdText(n.Title))
			for _, p := range n.Text {
				b.WriteString(mdText(p) + "\n\n")
			}
			if len(n.Items) > 0 {
				b.WriteString("| name | meaning |\n| --- | --- |\n")
				for _, it := range n.Items {
					fmt.Fprintf(&b, "| `%s` | %s |\n", it.Name, mdCell(it.Meaning))
				}
				b.WriteString("\n")
			}
			if n.Example != "" {
				fmt.Fprintf(&b, "```toml\n%s```\n\n", n.Example)
			}
		}
	}
	_, err := io.WriteString(w, strings.TrimRight(b.String(), "\n")+"\n")
	return err
}

// mdCode writes s as a code span.
func mdCode(s string) string { return "`" + s + "`" }

// mdText escapes what Markdown would take for markup in plain text: "<step>" would be an
// HTML tag. Brackets, braces and underscores inside words are text to GitHub's Markdown.
func mdText(s string) string {
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		if s[i] == '<' && i+1 < len(s) && (s[i+1] >= 'a' && s[i+1] <= 'z' || s[i+1] == '/') {
			b.WriteString("&lt;")
			continue
		}
		b.WriteByte(s[i])
	}
	return b.String()
}

// mdCell is mdText for a table cell, where "|" ends the cell.
func mdCell(s string) string { return strings.ReplaceAll(mdText(s), "|", `\|`) }

// anchor is the id GitHub gives a heading: lowercase, spaces as "-", punctuation dropped.
func anchor(heading string) string {
	var b strings.Builder
	for _, r := range strings.ToLower(heading) {
		switch {
		case r == ' ':
			b.WriteRune('-')
		case r == '-' || r == '_' || (r >= 'a' && r <= 'z') || (r >= '0' && r <= '9'):
			b.WriteRune(r)
		}
	}
	return b.String()
}
