package render

import (
	"encoding/json"
	"flag"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/followup-playbook/playbook/generator/load/rules"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata/timeline-svg from the current output")

// svgCase is what static/js/timeline-svg.test.mjs draws again with the browser's code, to
// compare with the .svg beside it: the plan and the interview's start.
type svgCase struct {
	Interview string     `json:"interview"`
	Plan      rules.Plan `json:"plan"`
}

// testRules compiles the engine's fixture site's messages with policy changed by edit.
func testRules(t *testing.T, edit func(*rules.Policy)) *rules.Rules {
	t.Helper()
	r, msgs, err := rules.Load(os.DirFS("../load/rules/testdata/site"))
	if err != nil {
		t.Fatal(err)
	}
	p := r.Policy
	edit(&p)
	r, err = rules.Compile(p, msgs)
	if err != nil {
		t.Fatal(err)
	}
	return r
}

// TestTimelineSVG draws plans of two policies and compares each with its golden file
// (go test -run TestTimelineSVG -update rewrites them, and the plans the Node test reads).
func TestTimelineSVG(t *testing.T) {
	asIs := func(*rules.Policy) {}
	sameDay := func(p *rules.Policy) {
		p.Weekend = rules.WeekendSameDay
		p.MaxChasers = 1
	}
	for _, c := range []struct {
		name   string
		policy func(*rules.Policy)
		input  rules.Input
	}{
		{"sample", asIs, rules.Input{Interview: SampleInterview, Interviewers: []string{"each interviewer"}}},
		{"friday-decision", asIs, rules.Input{Interview: "2026-03-13T16:00", Interviewers: []string{"Ana", "Ben"}, DecisionBy: "2026-03-20"}},
		{"friday-same-day-one-chaser", sameDay, rules.Input{Interview: "2026-03-13T16:00", Interviewers: []string{"Ana"}}},
		{"rejected", asIs, rules.Input{Interview: "2026-03-10T09:30", Rejected: "2026-03-16"}},
		{"sent-apart", asIs, rules.Input{Interview: "2026-03-10T14:00", Interviewers: []string{"Ana", "Ben"},
			Facts: rules.Facts{Sent: []rules.Sent{{Step: "thank-you", To: "Ana", At: "2026-03-10T15:30"}}}}},
	} {
		t.Run(c.name, func(t *testing.T) {
			r := testRules(t, c.policy)
			plan, err := r.Plan(c.input)
			if err != nil {
				t.Fatal(err)
			}
			got, err := TimelineSVG(r, plan, c.input.Interview)
			if err != nil {
				t.Fatal(err)
			}
			base := filepath.Join("testdata", "timeline-svg", c.name)
			if *update {
				js, err := json.MarshalIndent(svgCase{Interview: c.input.Interview, Plan: plan}, "", "  ")
				if err != nil {
					t.Fatal(err)
				}
				writeGolden(t, base+".json", append(js, '\n'))
				writeGolden(t, base+".svg", []byte(got+"\n"))
			}
			want, err := os.ReadFile(base + ".svg")
			if err != nil {
				t.Fatal(err)
			}
			if string(got)+"\n" != string(want) {
				t.Errorf("TimelineSVG = \n%s\nwant (%s.svg)\n%s", got, base, want)
			}
		})
	}
}

func writeGolden(t *testing.T, path string, b []byte) {
	t.Helper()
	if err := os.WriteFile(path, b, 0o644); err != nil {
		t.Fatal(err)
	}
}

var dotY = regexp.MustCompile(`M12 (\d+)h0`)
var textY = regexp.MustCompile(`<text x="32" y="(\d+)">Day`)

// TestTimelineSVGScale checks the layout itself: the dots sit at their times to one scale
// from the interview to the last step, and the labels never come closer than a label's
// height, however close their dots.
func TestTimelineSVGScale(t *testing.T) {
	marks := []svgMark{
		{minutes: 0, when: "Day 0", label: "a"},
		{minutes: 60, when: "Day 0", label: "b"},
		{minutes: 7 * 1440, when: "Day 7", label: "c"},
		{minutes: 14 * 1440, when: "Day 14", label: "d"},
	}
	var b strings.Builder
	writeSVG(&b, timelineShapes(marks))
	dots, labels := numbers(t, dotY, b.String()), numbers(t, textY, b.String())
	want := []int{svgTop, svgTop + 1, svgTop + svgAxis/2, svgTop + svgAxis}
	if !slices.Equal(dots, want) {
		t.Errorf("dots at y %v, want %v, in\n%s", dots, want, b.String())
	}
	if len(labels) != len(marks) {
		t.Fatalf("%d labels of %d marks, in\n%s", len(labels), len(marks), b.String())
	}
	for i := 1; i < len(labels); i++ {
		if labels[i]-labels[i-1] < svgLabelGap {
			t.Errorf("labels %d and %d are %d apart, less than %d: %v", i-1, i, labels[i]-labels[i-1], svgLabelGap, labels)
		}
	}
}

func numbers(t *testing.T, re *regexp.Regexp, s string) []int {
	t.Helper()
	var ns []int
	for _, m := range re.FindAllStringSubmatch(s, -1) {
		n, err := strconv.Atoi(m[1])
		if err != nil {
			t.Fatal(err)
		}
		ns = append(ns, n)
	}
	return ns
}

// TestTimelineSVGNoSteps: a plan without steps (a site without [timing] tables) draws
// nothing rather than a lone dot; a start that is no time is an error, not a drawing.
func TestTimelineSVGNoSteps(t *testing.T) {
	r := testRules(t, func(*rules.Policy) {})
	if got, err := TimelineSVG(r, rules.Plan{End: "no reply: move on"}, SampleInterview); got != "" || err != nil {
		t.Errorf("TimelineSVG(no steps) = %q, %v; want nothing", got, err)
	}
	plan, err := r.Plan(rules.Input{Interview: SampleInterview})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := TimelineSVG(r, plan, "10 March"); err == nil {
		t.Error("TimelineSVG with an interview that is no time: no error")
	}
}
