// Package messages loads the follow-up message templates, one TOML file per message under
// content/messages/, and checks them: every placeholder has a field, every field is used,
// every required field has an example, the channel is known and the body fits it.
//
// A message file also carries its [timing] table; this package only decodes it, and
// generator/load/rules compiles and checks it, because timing is about the plan, not the text.
// Errors are *diag.Error values joined with errors.Join, so one run lists every problem.
package messages

import (
	"errors"
	"fmt"
	"io/fs"
	"path"
	"regexp"
	"sort"
	"strings"
	"unicode/utf8"

	"github.com/BurntSushi/toml"

	"github.com/followup-playbook/playbook/generator/diag"
	"github.com/followup-playbook/playbook/generator/internal/strictoml"
)

// Dir is the folder, relative to the site root, that holds the message files.
const Dir = "content/messages"

// The channels a message can be sent through.
const (
	Email    = "email"
	LinkedIn = "linkedin"
	Phone    = "phone"
)

// Channels lists the known channels in the order they are shown in errors.
func Channels() []string { return []string{Email, LinkedIn, Phone} }

// Message is one template: the text to send and how to fill it in. Timing is nil for a
// message that is not a step of the plan (a panel thank-you, the voicemail script).
type Message struct {
	ID       string   `toml:"id" doc:"The message's id, the same as its file's name: content/messages/thank-you.toml has id = \"thank-you\". Pages link to it by that file. Required."`
	Title    string   `toml:"title" doc:"The heading of the message's page and its name in lists and plans. Required."`
	Channel  string   `toml:"channel" doc:"How it is sent: \"email\", \"linkedin\" (a connection note, as long as the [timeline] linkedin_limit allows, examples filled in) or \"phone\". Required."`
	Subject  string   `toml:"subject" doc:"The email's subject line, with {placeholders}; required for email, refused for the other channels. Default: empty."`
	Body     string   `toml:"body" doc:"The text to send, with a {placeholder} for each blank; every placeholder needs a [[fields]] entry, and every field must be used. Required."`
	Weight   int      `toml:"weight" doc:"The message's place in lists and, for a step, in the plan: lower comes first, then by id. Default: 0."`
	Guidance Guidance `toml:"guidance" doc:"The short advice beside the form. Each string may quote a timing figure, {{< rule KEY >}} (see playbook help figures)."`
	Fields   []Field  `toml:"fields" doc:"One entry for each blank of the subject and body: its form input."`
	Timing   *Timing  `toml:"timing" doc:"For a message that is a step of the plan: when to send it. Its keys are listed by playbook help timing. Default: none, the message is not a step."`

	// Path is the file's slash-separated path from the site root.
	Path string `toml:"-"`
	// Src is the file's content, kept so later checks (timing) can point at a line.
	Src []byte `toml:"-"`
	// Unread is set on a file that Decode could not decode in full, or whose id is not
	// its file's name: its problem is reported, and Load keeps it with only its ID (the
	// file's name), Path, Src and, when that table decodes on its own (for a file not
	// decoded), Timing, so that the links to it and the rules that name it are not
	// reported too. It has no page.
	Unread bool `toml:"-"`

	subject, body Template
}

// Guidance is the short advice shown beside the form: when to use the message, what to make
// personal, and what to leave out.
type Guidance struct {
	When        string `toml:"when" doc:"When to send it, e.g. \"Within {{< rule thank-you.within >}} of the interview.\" Default: empty."`
	Personalise string `toml:"personalise" doc:"What to make personal. Default: empty."`
	Avoid       string `toml:"avoid" doc:"What to leave out. Default: empty."`
}

// Field is one blank of the template: the placeholder {Name} and its form input.
type Field struct {
	Name      string `toml:"name" doc:"The placeholder it fills, {name} for name = \"name\": lowercase letters, digits and _, starting with a letter. Required."`
	Label     string `toml:"label" doc:"The text beside its input. Required."`
	Hint      string `toml:"hint" doc:"A line under the input saying what to write. Default: empty."`
	Example   string `toml:"example" doc:"A value shown as the input's placeholder and in the sample; it counts towards the channel's limit. Required when the field is. Default: empty."`
	Required  bool   `toml:"required" doc:"The message cannot be sent without it. Default: false."`
	MaxLength int    `toml:"max_length" doc:"The most characters the input takes. Default: 0, no limit."`
	// Yours: what belongs to one interview (a role, a company, a person met) is never
	// remembered.
	Yours bool `toml:"yours" doc:"The candidate's own detail (their name, their phone): the only values a template page remembers, when asked, and fills into the other templates. Default: false."`
}

// Timing is the [timing] table as written: the plan step this message is used for and the
// rule that places it. generator/load/rules applies and checks each key (its package doc
// says how earliest, suggested and latest follow from them); the table lives here only
// because it is decoded from the same file. A duration is a whole number and a unit:
// "2 hours", "1 day", "14 days", "3 business days".
type Timing struct {
	Step           string   `toml:"step" doc:"The step's id in the plan: lowercase words joined by -, not an event's name. Required."`
	To             string   `toml:"to" doc:"Who receives it, as a sentence names them, e.g. \"the hiring manager\"; with per_interviewer, the name used when no interviewer is given. Required."`
	PerInterviewer bool     `toml:"per_interviewer" doc:"One step for each interviewer, each to that person. Default: false."`
	After          string   `toml:"after" doc:"The event or step it follows, its anchor: an event (interview, decision-by, rejected, offer, withdrew, next-round) or another step's id. Required."`
	Wait           string   `toml:"wait" doc:"A duration: earliest is the anchor plus this. Default: none, earliest is the anchor."`
	SuggestAfter   string   `toml:"suggest_after" doc:"A duration: aim for the anchor plus this when it is later than earliest. Default: none."`
	Within         string   `toml:"within" doc:"A duration: latest, the end of the window, is the anchor plus this. Default: none, the end of business hours on the suggested day."`
	Weekend        bool     `toml:"weekend" doc:"The weekend policy ([timeline] weekend) applies: with \"monday\", a step whose aim spills over a non-business day is written then and sent at the start of the next business day, by monday_before. Needs within. Default: false."`
	DayAfter       string   `toml:"day_after" doc:"An event (usually decision-by): the step is also not before the first business day after it. Default: none."`
	WaitWithout    string   `toml:"wait_without" doc:"A duration: the wait instead, when the day_after event was not given. Needs day_after. Default: none."`
	Unless         []string `toml:"unless" doc:"Events that drop the step when one of them happened by its suggested time, or, for a step not sent, by today. Default: none."`
	Chaser         bool     `toml:"chaser" doc:"The step is a chaser: it counts against [timeline] max_chasers, a reply plans it afresh, and its window is the business day it falls on, suggested at [timeline] chaser_time. Default: false."`
	Alternative    string   `toml:"alternative" doc:"The id of another message offered for the same step, e.g. a phone script. Default: none."`
	Note           string   `toml:"note" doc:"The step's one-line reason in the plan, with {within}-style placeholders (listed below). Required."`
	NoteWeekend    string   `toml:"note_weekend" doc:"The note when the weekend policy moved the step. Needs weekend = true. Default: the note."`
	NoteWithout    string   `toml:"note_without" doc:"The note when the day_after event was not given. Needs day_after. Default: the note."`
}

// SubjectTemplate returns the parsed subject (empty for channels without one).
func (m *Message) SubjectTemplate() Template { return m.subject }

// BodyTemplate returns the parsed body.
func (m *Message) BodyTemplate() Template { return m.body }

// Examples returns each field's example value by field name, the values used to show a
// filled-in sample and to measure the body against its channel's limit.
func (m *Message) Examples() map[string]string {
	v := make(map[string]string, len(m.Fields))
	for _, f := range m.Fields {
		v[f.Name] = f.Example
	}
	return v
}

// At returns a problem positioned at key's value in the message's file, where the mistake
// is to be fixed (see strictoml.KeyPos for the key syntax; a table points at its header).
// When the key is not written in the file, it points at the whole file.
func (m *Message) At(key, msg, hint string) *diag.Error {
	line, col := strictoml.ValuePos(m.Src, key)
	if line == 0 {
		return &diag.Error{Path: m.Path, Msg: msg, Hint: hint}
	}
	return diag.At(m.Path, m.Src, line, col, msg, hint)
}

// AtText returns a problem positioned at text, the first time it is written at or after
// key's line in the message's file (in a multi-line string, on its own line), else at key.
func (m *Message) AtText(key, text, msg, hint string) *diag.Error {
	line, _ := strictoml.KeyPos(m.Src, key)
	if line == 0 {
		return m.At(key, msg, hint)
	}
	l, c := textPos(m.Src, line, text)
	return diag.At(m.Path, m.Src, l, c, msg, hint)
}

// fieldNames are the names of fields, in order, for a "did you mean" hint.
func fieldNames(fields []Field) []string {
	names := make([]string, len(fields))
	for i, f := range fields {
		names[i] = f.Name
	}
	return names
}

// Options sets what the checks depend on outside the message files.
type Options struct {
	// Limits is the most characters a body may have on each channel, filled with its
	// fields' examples; a channel not listed has no limit. The LinkedIn note limit comes
	// from the site's timeline policy.
	Limits map[string]int
}

// Load reads every *.toml file in content/messages of fsys (the site root), checks each
// message and the set as a whole, and returns them ordered by weight, then id. When there
// are problems it still returns every message that has an id, with the joined errors: a
// file that could not be decoded, or whose id is not its name, as an Unread message named
// after the file.
func Load(fsys fs.FS, opts Options) ([]*Message, error) {
	entries, err := fs.ReadDir(fsys, Dir)
	if err != nil {
		if errors.Is(err, fs.ErrNotExist) {
			return nil, nil
		}
		return nil, fmt.Errorf("reading %s: %w", Dir, err)
	}
	var errs []error
	var msgs []*Message
	for _, e := range entries { // ReadDir sorts by name, so the order is deterministic
		if e.IsDir() || path.Ext(e.Name()) != ".toml" {
			continue
		}
		p := path.Join(Dir, e.Name())
		src, err := fs.ReadFile(fsys, p)
		if err != nil {
			errs = append(errs, fmt.Errorf("reading %s: %w", p, err))
			continue
		}
		m, err := Decode(p, src, opts)
		if m == nil {
			m = unread(p, src)
		} else if name := strings.TrimSuffix(e.Name(), ".toml"); m.ID != "" && m.ID != name {
			// A file copied without its id changed: the mismatch is its one problem. Kept
			// by its file's name and without its timing, as an unread file is, it takes
			// no other message's id, step or page.
			m = &Message{ID: name, Path: p, Src: src, Unread: true}
		}
		if m.ID != "" { // without an id a message has no page to go to
			msgs = append(msgs, m)
		}
		errs = append(errs, err)
	}
	sort.SliceStable(msgs, func(i, j int) bool {
		if msgs[i].Weight != msgs[j].Weight {
			return msgs[i].Weight < msgs[j].Weight
		}
		return msgs[i].ID < msgs[j].ID
	})
	return msgs, errors.Join(errs...)
}

// Decode decodes and checks one message file; p is its path from the site root. It returns
// nil when the file cannot be decoded in full (a syntax error, a value of the wrong type, an
// unknown key): then its other checks wait until that is fixed, since what they would find
// is most often that problem again, seen from elsewhere.
func Decode(p string, src []byte, opts Options) (*Message, error) {
	m := &Message{Path: p, Src: src}
	if _, err := strictoml.Decode(p, src, 1, m); err != nil {
		return nil, err
	}
	return m, m.check(opts)
}

// unread is the Message kept for a file that could not be decoded: its id from the file
// name and, when the [timing] table decodes on its own with no unknown key, its timing.
func unread(p string, src []byte) *Message {
	m := &Message{ID: strings.TrimSuffix(path.Base(p), ".toml"), Path: p, Src: src, Unread: true}
	line, _ := strictoml.KeyPos(src, "timing")
	if line == 0 {
		return m
	}
	lines := strings.SplitAfter(string(src), "\n")
	end := line
	for end < len(lines) && !tableHeader.MatchString(lines[end]) {
		end++
	}
	var v struct {
		Timing *Timing `toml:"timing"`
	}
	if md, err := toml.Decode(strings.Join(lines[line-1:end], ""), &v); err == nil && len(md.Undecoded()) == 0 {
		m.Timing = v.Timing
	}
	return m
}

// tableHeader matches a line that opens a TOML table or an element of an array of tables.
var tableHeader = regexp.MustCompile(`^\s*\[\[?\s*[A-Za-z0-9_."' -]+\]\]?\s*(#.*)?\r?\n?$`)

func (m *Message) check(opts Options) error {
	var errs []error
	add := func(e *diag.Error) { errs = append(errs, e) }

	want := strings.TrimSuffix(path.Base(m.Path), ".toml")
	switch {
	case m.ID == "":
		add(m.At("id", "missing id", fmt.Sprintf("add id = %q (the file's name)", want)))
	case m.ID != want:
		add(m.At("id", fmt.Sprintf("id %q does not match the file name %q", m.ID, path.Base(m.Path)),
			fmt.Sprintf("pages link to %s/<id>.toml: rename the file or set id = %q", Dir, want)))
	}
	if strings.TrimSpace(m.Title) == "" {
		add(m.At("title", "missing title", "add title = \"...\", the heading of the message's page"))
	}
	switch m.Channel {
	case Email:
		if m.Subject == "" {
			add(m.At("channel", "an email message needs a subject", "add subject = \"...\""))
		}
	case LinkedIn, Phone:
		if m.Subject != "" {
			add(m.At("subject", fmt.Sprintf("a %s message has no subject", m.Channel), "remove subject, or use channel = \"email\""))
		}
	case "":
		add(m.At("channel", "missing channel", "add channel = \"email\", \"linkedin\" or \"phone\""))
	default:
		add(m.At("channel", fmt.Sprintf("unknown channel %q", m.Channel), "use \"email\", \"linkedin\" or \"phone\""))
	}
	if strings.TrimSpace(m.Body) == "" {
		add(m.At("body", "missing body", "add body = \"\"\"...\"\"\" with the message's text"))
	}

	// Fields: names, duplicates, examples.
	fields := map[string]int{}
	for i, f := range m.Fields {
		key := fmt.Sprintf("fields.%d.name", i)
		switch {
		case f.Name == "":
			add(m.At(fmt.Sprintf("fields.%d", i), "a field without a name", "add name = \"...\" (lowercase letters, digits and _)"))
			continue
		case !ValidName(f.Name):
			add(m.At(key, fmt.Sprintf("field name %q is not a valid placeholder name", f.Name), "use lowercase letters, digits and _, starting with a letter"))
			continue
		}
		if _, dup := fields[f.Name]; dup {
			add(m.At(key, fmt.Sprintf("field %q is defined twice", f.Name), "remove one of the two [[fields]] entries"))
			continue
		}
		fields[f.Name] = i
		if strings.TrimSpace(f.Label) == "" {
			add(m.At(key, fmt.Sprintf("field %q has no label", f.Name), "add label = \"...\", the text beside its input"))
		}
		if f.Required && f.Example == "" {
			add(m.At(key, fmt.Sprintf("required field %q has no example", f.Name), "add example = \"...\": it is shown as the input's placeholder and in the sample"))
		}
		if f.MaxLength < 0 {
			add(m.At(fmt.Sprintf("fields.%d.max_length", i), fmt.Sprintf("field %q has a negative max_length", f.Name), "use a positive number of characters, or leave it out for no limit"))
		} else if f.MaxLength > 0 && utf8.RuneCountInString(f.Example) > f.MaxLength {
			add(m.At(fmt.Sprintf("fields.%d.example", i), fmt.Sprintf("field %q: the example is longer than its max_length of %d", f.Name, f.MaxLength), "shorten the example or raise max_length"))
		}
	}

	// Templates: syntax, and every placeholder names a field.
	used := map[string]bool{}
	// A text that does not parse uses no field we can know of, and a placeholder that names
	// no field is most often a field's name misspelt: either way, a field that looks unused
	// is not reported.
	trustUse := true
	parse := func(key, text string) Template {
		t, err := Parse(text)
		if err != nil {
			trustUse = false
			line, _ := strictoml.KeyPos(m.Src, key)
			var se *SyntaxError
			errors.As(err, &se)
			bad := text[se.Offset:min(len(text), se.Offset+20)]
			if i := strings.IndexByte(bad, '\n'); i >= 0 {
				bad = bad[:i]
			}
			l, c := textPos(m.Src, line, bad)
			add(diag.At(m.Path, m.Src, l, c, "bad placeholder in "+key, se.Msg))
			return Template{}
		}
		line, _ := strictoml.KeyPos(m.Src, key)
		for _, name := range t.Names() {
			used[name] = true
			if _, ok := fields[name]; !ok {
				trustUse = false
				l, c := textPos(m.Src, line, "{"+name+"}")
				hint := fmt.Sprintf("add a [[fields]] entry with name = %q, or fix the placeholder's spelling", name)
				if near := strictoml.Suggest(name, fieldNames(m.Fields)); near != "" {
					hint = fmt.Sprintf("did you mean {%s}?", near)
				}
				add(diag.At(m.Path, m.Src, l, c, fmt.Sprintf("placeholder {%s} in %s has no field", name, key), hint))
			}
		}
		return t
	}
	m.subject = parse("subject", m.Subject)
	m.body = parse("body", m.Body)

	// A timing figure is written in only where guidance and Markdown are; anywhere else it
	// would be shown as typed.
	figure := func(key, text string) {
		if i := strings.Index(text, "{{<"); i >= 0 {
			code, _, _ := strings.Cut(text[i:], "\n")
			add(m.AtText(key, code, "a timing figure is not filled in, in "+key,
				"{{< rule KEY >}} is filled in in [guidance] and in Markdown; here, say it without the figure"))
		}
	}
	figure("title", m.Title)
	figure("subject", m.Subject)
	figure("body", m.Body)
	for i, f := range m.Fields {
		figure(fmt.Sprintf("fields.%d.label", i), f.Label)
		figure(fmt.Sprintf("fields.%d.hint", i), f.Hint)
		figure(fmt.Sprintf("fields.%d.example", i), f.Example)
	}

	for i, f := range m.Fields {
		if j, ok := fields[f.Name]; ok && j == i && !used[f.Name] && trustUse {
			add(m.At(fmt.Sprintf("fields.%d.name", i), fmt.Sprintf("field %q is never used in the subject or body", f.Name),
				fmt.Sprintf("use {%s} in the text, or remove the field", f.Name)))
		}
	}

	if limit, ok := opts.Limits[m.Channel]; ok && limit > 0 && m.Body != "" {
		filled := m.body.Fill(m.Examples())
		if n := utf8.RuneCountInString(filled); n > limit {
			add(m.At("body", fmt.Sprintf("body is %d characters with the examples filled in; a %s message allows %d", n, m.Channel, limit),
				"shorten the text or the examples (the limit is the site's [timeline] policy)"))
		}
	}
	return errors.Join(errs...)
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
