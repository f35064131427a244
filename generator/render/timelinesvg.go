package render

import (
	"fmt"
	"html/template"
	"math"
	"strconv"
	"strings"
	"time"

	"github.com/followup-playbook/playbook/generator/load/rules"
)

// The drawing's geometry, in viewBox units (a CSS pixel at the drawing's full width):
// narrower than a 390 px phone's column, with room for the longest message title.
// static/js/timeline-svg.js draws with the same figures.
const (
	svgWidth    = 340
	svgAxisX    = 12  // the axis, and the centre of every dot
	svgTextX    = 32  // where the labels start
	svgTop      = 14  // the interview's dot
	svgAxis     = 200 // from the interview to the last step: the waits are drawn to this scale
	svgLabelGap = 40  // between the tops of two labels, which never overlap
	svgBottom   = 28  // below the last label's top
)

// svgInterview labels the first dot: day 0 is the interview itself.
const svgInterview = "The interview"

// svgNode is one element of the drawing: what TimelineSVG writes and what the browser's
// timelineSVG builds with createElementNS, so that the two can be compared element by
// element.
type svgNode struct {
	Tag   string
	Attrs [][2]string // in the order written
	Text  string
	Kids  []svgNode
}

// svgMark is one dot of the timeline: the interview, or the steps of the plan that fall
// at the same time (the same message to several interviewers).
type svgMark struct {
	minutes int    // since the interview started
	when    string // "Day 1, Wednesday 17:00"
	label   string
}

// TimelineSVG draws plan, for an interview that started at interview (YYYY-MM-DDTHH:MM),
// as an inline SVG: a dot on a vertical axis for the interview and each step, the waits
// between them to scale, and each dot's day, time and message title (from r). A step that
// was sent is drawn when it was sent. The drawing is an image whose name (its <title>)
// says the plan in words; it is sized and its dots coloured by the page's CSS (classes
// "tl" and "tl-dot"). A plan without steps has nothing to draw: "".
func TimelineSVG(r *rules.Rules, plan rules.Plan, interview string) (template.HTML, error) {
	marks, err := timelineMarks(r, plan, interview)
	if err != nil || len(plan.Steps) == 0 {
		return "", err
	}
	var b strings.Builder
	writeSVG(&b, timelineShapes(marks))
	// Safe as HTML: writeSVG escaped every text and attribute value of known elements.
	return template.HTML(b.String()), nil
}

// timelineMarks lists the dots: the interview, then each step's time, the steps at the
// same time as the one before under one dot.
func timelineMarks(r *rules.Rules, plan rules.Plan, interview string) ([]svgMark, error) {
	start, err := time.Parse(civilLayout, interview)
	if err != nil {
		return nil, fmt.Errorf("the timeline's interview: %w", err)
	}
	marks := []svgMark{{when: dayWhen(start, start), label: svgInterview}}
	lastID, lastAt := "", ""
	for _, s := range plan.Steps {
		at := s.Suggested
		if s.Sent != "" {
			at = s.Sent
		}
		if s.ID == lastID && at == lastAt {
			continue
		}
		lastID, lastAt = s.ID, at
		t, err := time.Parse(civilLayout, at)
		if err != nil {
			return nil, fmt.Errorf("the timeline: step %s: %w", s.ID, err)
		}
		marks = append(marks, svgMark{minutes: int(t.Sub(start) / time.Minute), when: dayWhen(start, t), label: stepTitle(r, s.ID)})
	}
	return marks, nil
}

// dayWhen writes t as its day counted from the interview's start, its weekday and time.
func dayWhen(start, t time.Time) string {
	return fmt.Sprintf("Day %d, %s", calendarDays(start, t), t.Format("Monday 15:04"))
}

// timelineShapes lays the marks out: each dot at its time on the axis, each label at its
// dot or, when the one above is too close, just below that one, with a line to its dot.
// The lines are one path and the dots another (round ends of zero-length strokes), and the
// colours are the text's (currentColor), the dots' the page's accent (class "tl-dot"): a
// few bytes for the calculator page's budget, and the theme's colours in the dark.
func timelineShapes(marks []svgMark) svgNode {
	span := 1
	for _, m := range marks {
		span = max(span, m.minutes)
	}
	words := make([]string, len(marks))
	var leaders, dots strings.Builder
	var whens, labels []svgNode
	dotY, labelY := 0, 0
	for i, m := range marks {
		words[i] = m.when + ": " + m.label
		dotY = svgTop + int(math.Round(float64(m.minutes)*svgAxis/float64(span)))
		if i == 0 {
			labelY = dotY
		} else {
			labelY = max(dotY, labelY+svgLabelGap)
		}
		dots.WriteString("M" + num(svgAxisX) + " " + num(dotY) + "h0")
		if labelY != dotY {
			leaders.WriteString("M" + num(svgAxisX+5) + " " + num(dotY) + "L" + num(svgTextX-6) + " " + num(labelY))
		}
		whens = append(whens, svgNode{Tag: "text", Attrs: [][2]string{{"x", num(svgTextX)}, {"y", num(labelY + 5)}}, Text: m.when})
		labels = append(labels, svgNode{Tag: "text", Attrs: [][2]string{{"x", num(svgTextX)}, {"y", num(labelY + 23)}}, Text: m.label})
	}
	height := max(dotY, labelY) + svgBottom
	kids := []svgNode{
		{Tag: "title", Text: "Timeline. " + strings.Join(words, ". ") + "."},
		{Tag: "path", Attrs: [][2]string{{"d", "M" + num(svgAxisX) + " " + num(svgTop) + "V" + num(dotY) + leaders.String()},
			{"fill", "none"}, {"stroke", "currentColor"}, {"stroke-opacity", ".4"}, {"stroke-width", "2"}}},
		{Tag: "path", Attrs: [][2]string{{"class", "tl-dot"}, {"d", dots.String()},
			{"stroke", "currentColor"}, {"stroke-linecap", "round"}, {"stroke-width", "10"}}},
		{Tag: "g", Attrs: [][2]string{{"fill-opacity", ".8"}, {"font-size", "13"}}, Kids: whens},
	}
	return svgNode{Tag: "svg", Attrs: [][2]string{
		{"class", "tl"}, {"role", "img"}, {"viewBox", "0 0 " + num(svgWidth) + " " + num(height)},
		{"width", num(svgWidth)}, {"height", num(height)}, {"fill", "currentColor"}, {"font-size", "14"},
	}, Kids: append(kids, labels...)}
}

func num(n int) string { return strconv.Itoa(n) }

// writeSVG writes n as markup, its text and attribute values escaped.
func writeSVG(b *strings.Builder, n svgNode) {
	b.WriteString("<" + n.Tag)
	for _, a := range n.Attrs {
		b.WriteString(" " + a[0] + `="` + template.HTMLEscapeString(a[1]) + `"`)
	}
	b.WriteString(">" + template.HTMLEscapeString(n.Text))
	for _, k := range n.Kids {
		writeSVG(b, k)
	}
	b.WriteString("</" + n.Tag + ">")
}
