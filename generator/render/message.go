package render

import (
	"github.com/followup-playbook/playbook/generator/messages"
)

// MessagePage is what the message layout sees as .Extra: one template, ready to show as a
// form and a live preview.
type MessagePage struct {
	Message *messages.Message
	// Subject and Body are the parsed texts, as literal parts and placeholders.
	Subject []messages.Part
	Body    []messages.Part
	// Limit is the most characters the channel allows in the body (0: no limit).
	Limit int
}

// NewMessagePage prepares a message for its page; limit is its channel's character limit.
func NewMessagePage(m *messages.Message, limit int) *MessagePage {
	return &MessagePage{
		Message: m,
		Subject: m.SubjectTemplate().Parts(),
		Body:    m.BodyTemplate().Parts(),
		Limit:   limit,
	}
}
