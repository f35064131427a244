package render

import (
	"errors"
	"slices"
	"strings"

	"github.com/followup-playbook/playbook/generator/load/messages"
	"github.com/followup-playbook/playbook/generator/load/rules"
)

// MessagePage is what the message layout sees as .Extra: one template, ready to show as a
// form and a live preview. The page works without JavaScript (the text with its blanks,
// from Subject and Body) and static/js/fill.js turns it into a form using Script.
type MessagePage struct {
	Message *messages.Message
	// Guidance is the message's guidance with its timing figures written in (WriteFigures):
	// what pages show, never Message.Guidance.
	Guidance messages.Guidance
	// Subject and Body are the parsed texts, as literal parts and placeholders.
	Subject []messages.Part
	Body    []messages.Part
	// Limit is the most characters the channel allows in the body (0: no limit).
	Limit int
	// Inputs are the form's inputs, one per field, in the message's field order.
	Inputs []Input
	// Script is the data fill.js reads from the page's JSON block.
	Script FillData

	fields map[string]messages.Field
}

// Input is one field of the form: the field itself and what its <input> needs.
type Input struct {
	messages.Field
	// ID is the input's element id, "f-" and the field's name, so it cannot clash with a
	// heading's id or with the URL fragment fill.js keeps the values in.
	ID string
	// HintID is the id of the hint's element for aria-describedby, "" without a hint.
	HintID string
	// Long is true for a field given a <textarea>: no length limit, or more than
	// LongField characters.
	Long bool
}

// LongField is the longest max_length that still gets a one-line <input>.
const LongField = 120

// FillData is the JSON block fill.js reads: the raw templates (it parses them with the
// same rules as messages.Parse) and what it needs to know of each field.
type FillData struct {
	ID      string `json:"id"`
	Channel string `json:"channel"`
	Subject string `json:"subject"`
	Body    string `json:"body"`
	Limit   int    `json:"limit"`
	// LimitPremium is the LinkedIn Premium limit, for the linkedin channel only: fill.js
	// counts to it when the fragment says premium=1 (the calculator's Premium choice).
	LimitPremium int         `json:"limitPremium,omitempty"`
	Fields       []FillField `json:"fields"`
	// Yours are the names of every template's fields that are the candidate's own
	// (messages.Field.Yours), across the site: all that the page's memory may hold.
	Yours []string `json:"yours"`
}

// FillField is one field as fill.js sees it.
type FillField struct {
	Name     string `json:"name"`
	Label    string `json:"label"`
	Required bool   `json:"required"`
	// MaxLength is the field's max_length in characters (code points), 0 for none:
	// fill.js holds a value from the URL fragment to it.
	MaxLength int `json:"maxLength"`
}

// NewMessagePage prepares a message for its page; limit is its channel's character limit,
// yours the site's fields that are the candidate's own (YourFields) and figures the rules'
// (rules.Figures), which its guidance quotes. The error reports every problem of the
// guidance at its place in the message's file.
func NewMessagePage(m *messages.Message, limit int, yours []string, figures map[string]string) (*MessagePage, error) {
	p := &MessagePage{
		Message: m,
		Subject: m.SubjectTemplate().Parts(),
		Body:    m.BodyTemplate().Parts(),
		Limit:   limit,
		Script:  FillData{ID: m.ID, Channel: m.Channel, Subject: m.Subject, Body: m.Body, Limit: limit, Fields: []FillField{}, Yours: yours},
		fields:  make(map[string]messages.Field, len(m.Fields)),
	}
	step := ""
	if m.Timing != nil {
		step = m.Timing.Step
	}
	hints := rules.NoteFigures(step)
	var errs []error
	guidance := func(key, text string) string {
		out, probs := WriteFigures(text, figures, hints)
		for _, pr := range probs {
			errs = append(errs, m.AtText("guidance."+key, pr.Text, pr.Msg+", in guidance."+key, pr.Hint))
		}
		return out
	}
	p.Guidance = messages.Guidance{
		When:        guidance("when", m.Guidance.When),
		Personalise: guidance("personalise", m.Guidance.Personalise),
		Avoid:       guidance("avoid", m.Guidance.Avoid),
	}
	for _, f := range m.Fields {
		in := Input{Field: f, ID: "f-" + f.Name, Long: f.MaxLength == 0 || f.MaxLength > LongField}
		if f.Hint != "" {
			in.HintID = in.ID + "-hint"
		}
		p.Inputs = append(p.Inputs, in)
		p.Script.Fields = append(p.Script.Fields, FillField{Name: f.Name, Label: f.Label, Required: f.Required, MaxLength: f.MaxLength})
		p.fields[f.Name] = f
	}
	return p, errors.Join(errs...)
}

// YourFields lists, sorted, the names of the fields that are the candidate's own in any
// of msgs.
func YourFields(msgs []*messages.Message) []string {
	names := []string{}
	for _, m := range msgs {
		for _, f := range m.Fields {
			if f.Yours && !slices.Contains(names, f.Name) {
				names = append(names, f.Name)
			}
		}
	}
	slices.Sort(names)
	return names
}

// Remembers reports whether the page has a field the visitor may have remembered.
func (p *MessagePage) Remembers() bool {
	for _, f := range p.Message.Fields {
		if f.Yours {
			return true
		}
	}
	return false
}

// Label returns the label of the field name, the text a blank shows; the name itself for
// a field the message does not define (which validation has already reported).
func (p *MessagePage) Label(name string) string {
	if f, ok := p.fields[name]; ok && f.Label != "" {
		return f.Label
	}
	return name
}

// Optional reports whether the field name may be left empty.
func (p *MessagePage) Optional(name string) bool {
	f, ok := p.fields[name]
	return ok && !f.Required
}

// ChannelName is the channel as a reader calls it: "Email", "LinkedIn", "Phone".
func (p *MessagePage) ChannelName() string {
	switch p.Message.Channel {
	case messages.Email:
		return "Email"
	case messages.LinkedIn:
		return "LinkedIn"
	case messages.Phone:
		return "Phone"
	}
	return p.Message.Channel
}

// Mail reports whether the message can be opened in a mail app (an email message).
func (p *MessagePage) Mail() bool { return p.Message.Channel == messages.Email }

// Text is the message as its page shows it before anything is filled in: the subject on
// a line of its own, then the body, each blank as [its label].
func (p *MessagePage) Text() string {
	var b strings.Builder
	write := func(parts []messages.Part) {
		for _, pt := range parts {
			if pt.Name != "" {
				b.WriteString("[" + p.Label(pt.Name) + "]")
				continue
			}
			b.WriteString(pt.Text)
		}
	}
	if len(p.Subject) > 0 {
		b.WriteString("Subject: ")
		write(p.Subject)
		b.WriteString("\n\n")
	}
	write(p.Body)
	return b.String()
}
