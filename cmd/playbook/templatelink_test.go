package main

import (
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/followup-playbook/playbook/generator/diag"
	"github.com/followup-playbook/playbook/generator/load/rules"
)

// requireNodeEnv, set, makes a missing node a failure rather than a skip (as CI sets it).
const requireNodeEnv = "PLAYBOOK_REQUIRE_NODE"

// TestTemplatePagesAsTheCalculator: the template page each calendar event of `playbook
// plan` links to is the address the calculator makes for the same interview and step
// (templateLink of static/js/calculator.js, run by node): names to escape, no names, a
// LinkedIn limit of its own, the site's rules and rules.json.
func TestTemplatePagesAsTheCalculator(t *testing.T) {
	node, err := exec.LookPath("node")
	if err != nil {
		if os.Getenv(requireNodeEnv) != "" {
			t.Fatalf("node not found, and %s is set: install Node.js", requireNodeEnv)
		}
		t.Skipf("SKIPPED: node not found (install Node.js); set %s=1 to make this a failure", requireNodeEnv)
	}
	r, _, err := rules.Load(os.DirFS("../.."))
	if err != nil {
		t.Fatal(diag.Report(err))
	}
	rulesJSON, err := rules.JSON(r)
	if err != nil {
		t.Fatal(err)
	}
	const base = "https://careers.example.ac.uk/playbook/"
	inputs := []rules.Input{
		{Interview: "2026-03-12T15:00", Interviewers: []string{"Ana Ruiz", "Dr. Tom O'Brien & Co"}},
		{Interview: "2026-11-03T09:30", Interviewers: []string{"李 小龙"}, LinkedInLimit: 300},
		{Interview: "2026-01-31T10:00"},
	}
	type step struct{ ID, Message, To string }
	type doc struct {
		Input rules.Input
		Steps []step
	}
	var docs []doc
	var want []string
	for _, in := range inputs {
		p, err := r.Plan(in)
		if err != nil {
			t.Fatal(err)
		}
		d := doc{Input: in}
		for _, s := range p.Steps {
			d.Steps = append(d.Steps, step{s.ID, s.Message, s.To})
		}
		docs = append(docs, d)
		want = append(want, templatePages(base, r, in, p)...)
	}
	calc, err := filepath.Abs("../../static/js/calculator.js")
	if err != nil {
		t.Fatal(err)
	}
	in, _ := json.Marshal(docs)
	quote := func(s string) string { b, _ := json.Marshal(s); return string(b) }
	script := `import { templateLink } from ` + quote("file://"+calc) + `;
const [docs, rules] = [JSON.parse(process.argv[1]), JSON.parse(process.argv[2])];
console.log(JSON.stringify(docs.flatMap(d => d.Steps.map(s => new URL(templateLink('/playbook/templates/', rules,
  { id: s.ID, message: s.Message, to: s.To }, { ...d.Input, interviewers: d.Input.interviewers ?? [] }), ` + quote(base) + `).href))));`
	out, err := exec.Command(node, "--input-type=module", "-e", script, string(in), string(rulesJSON)).CombinedOutput()
	if err != nil {
		t.Fatalf("node: %v\n%s", err, out)
	}
	var got []string
	if err := json.Unmarshal(out, &got); err != nil || len(got) != len(want) || len(want) < 6 {
		t.Fatalf("node gave %d links, playbook plan %d (%v):\n%s", len(got), len(want), err, out)
	}
	for i := range want {
		if got[i] != want[i] {
			t.Errorf("link %d:\n playbook plan:  %s\n the calculator: %s", i, want[i], got[i])
		}
	}
	if templatePages("/playbook/", r, inputs[0], rules.Plan{Steps: []rules.Step{{ID: "chaser", Message: "chaser"}}}) != nil {
		t.Error("a site at a path alone gives links a calendar cannot open")
	}
}

// TestPlanICSLinksTheTemplatePage: on a site whose baseURL is an address, each event of
// `plan --format ics` carries its filled template page; at a path alone, none.
func TestPlanICSLinksTheTemplatePage(t *testing.T) {
	args := []string{"plan", "--interview", "2026-03-12T15:00", "-n", "Ana Ruiz", "--company", "Northwind", "-f", "ics", "--tz", "Europe/London", "--now", "2026-03-12T16:00Z", "-s"}
	dir := writeSite(t, "title = \"Careers\"\nbaseURL = \"https://careers.example.ac.uk/playbook/\"\n", nil)
	code, out, stderr := runCmd(t, append(args, dir)...)
	// A folded line continues after CRLF and a space.
	unfolded := strings.ReplaceAll(out, "\r\n ", "")
	if want := "https://careers.example.ac.uk/playbook/templates/thank-you/#interviewer_name=Ana%20Ruiz&interview_date=12%20March"; code != 0 || !strings.Contains(unfolded, want) {
		t.Errorf("exit %d (%s); the calendar has no %s:\n%s", code, stderr, want, unfolded)
	}
	dir = writeSite(t, "title = \"Careers\"\n", nil)
	if _, out, _ := runCmd(t, append(args, dir)...); strings.Contains(out, "templates/") {
		t.Errorf("at a path alone, the calendar links a template page:\n%s", out)
	}
}
