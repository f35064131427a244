package messages

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/followup-playbook/playbook/generator/diag"
	"github.com/followup-playbook/playbook/generator/internal/sitetest"
)

// fixtureSite is the engine tests' fixed copy of the default site's messages and policy,
// so that editing the site's own wording breaks only the content's tests, not these.
const fixtureSite = "../rules/testdata/site"

// The fixture's message files, in their order.
var wantIDs = []string{
	"thank-you", "thank-you-panel", "linkedin-note", "chaser", "second-chaser",
	"voicemail", "rejection-reply", "feedback-request", "withdrawal",
}

// TestFixtureMessages loads a full, valid site: every message, in weight order, with its
// guidance, and the LinkedIn example within the limit.
func TestFixtureMessages(t *testing.T) {
	msgs, err := Load(os.DirFS(fixtureSite), Options{Limits: map[string]int{LinkedIn: 200}})
	if err != nil {
		t.Fatalf("the fixture's messages have problems:\n%s", diag.Report(err))
	}
	var got []string
	for _, m := range msgs {
		got = append(got, m.ID)
		if m.Guidance.When == "" || m.Guidance.Personalise == "" || m.Guidance.Avoid == "" {
			t.Errorf("%s: guidance needs when, personalise and avoid", m.Path)
		}
		if m.Channel == LinkedIn {
			if n := len([]rune(m.BodyTemplate().Fill(m.Examples()))); n > 200 {
				t.Errorf("%s: %d characters", m.Path, n)
			}
		}
	}
	if strings.Join(got, " ") != strings.Join(wantIDs, " ") {
		t.Errorf("messages in order = %v, want %v", got, wantIDs)
	}
}

// TestInvalid runs each testdata/invalid/*.txtar: the files of a site and, in its "want"
// section, every problem expected as "path:line:col: message" (the message may be cut
// short). Each expected problem must be reported, at that position, and nothing else.
func TestInvalid(t *testing.T) {
	files, _ := filepath.Glob("testdata/invalid/*.txtar")
	if len(files) == 0 {
		t.Fatal("no test cases in testdata/invalid")
	}
	for _, file := range files {
		t.Run(strings.TrimSuffix(filepath.Base(file), ".txtar"), func(t *testing.T) {
			fsys, want := sitetest.Load(t, file, "want")
			_, err := Load(fsys, Options{Limits: map[string]int{LinkedIn: 200}})
			checkDiags(t, err, want)
		})
	}
}

// checkDiags asserts that err holds exactly the positioned problems in want.
func checkDiags(t *testing.T, err error, want []string) {
	t.Helper()
	got := diag.All(err)
	var lines []string
	for _, d := range got {
		lines = append(lines, d.Pos()+": "+d.Msg)
	}
	if len(got) != len(want) {
		t.Errorf("got %d problems, want %d:\n%s", len(got), len(want), strings.Join(lines, "\n"))
	}
	for _, w := range want {
		pos, msg, _ := strings.Cut(w, ": ")
		found := false
		for _, d := range got {
			if d.Pos() == pos && strings.HasPrefix(d.Msg, msg) {
				found = true
			}
		}
		if !found {
			t.Errorf("missing problem %q; got:\n%s", w, strings.Join(lines, "\n"))
		}
	}
}

func TestDecodeKeepsGoodMessage(t *testing.T) {
	src := []byte("id = \"call\"\ntitle = \"Call\"\nchannel = \"phone\"\nbody = \"Hi {name}, {{not a field}}.\"\n\n[[fields]]\nname = \"name\"\nlabel = \"Name\"\nexample = \"Ann\"\nrequired = true\n")
	m, err := Decode("content/messages/call.toml", src, Options{})
	if err != nil {
		t.Fatal(diag.Report(err))
	}
	if got := m.BodyTemplate().Fill(m.Examples()); got != "Hi Ann, {not a field}." {
		t.Errorf("filled body = %q", got)
	}
	if got := fmt.Sprint(m.BodyTemplate().Names()); got != "[name]" {
		t.Errorf("names = %s", got)
	}
}
