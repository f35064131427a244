package main

import (
	"encoding/json"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/followup-playbook/playbook/generator/load/rules"
)

var update = flag.Bool("update", false, "rewrite the golden files under testdata/plan")

func TestPlanGolden(t *testing.T) {
	base := []string{"plan", "--interview", "2026-03-12T15:00", "-n", "Priya", "--interviewer", "Tom Baker", "--decision-by", "2026-03-20"}
	tests := []struct {
		name string
		args []string
	}{
		{"text.golden", base},
		{"json.golden", append(base, "--format", "json")},
		{"ics.golden", append(base, "-f", "ics", "--tz", "America/New_York")},
		{"rejected.golden", []string{"plan", "-i", "2026-03-13T19:00", "--rejected", "2026-03-20T09:15", "--weekend", "same-day"}},
		{"withdrew.json.golden", []string{"plan", "--interview", "2026-12-31T16:00", "--withdrew", "2027-01-02", "--linkedin-limit", "300", "--format", "json"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			code, stdout, stderr := runCmd(t, tt.args...)
			if code != 0 {
				t.Fatalf("exit %d: %s", code, stderr)
			}
			path := filepath.Join("testdata", "plan", tt.name)
			if *update {
				if err := os.WriteFile(path, []byte(stdout), 0o644); err != nil {
					t.Fatal(err)
				}
				return
			}
			want, err := os.ReadFile(path)
			if err != nil {
				t.Fatalf("%v (run go test ./cmd/playbook -run TestPlan -update)", err)
			}
			if stdout != string(want) {
				t.Errorf("output differs from %s; run with -update if intended:\n%s", path, stdout)
			}
		})
	}
}

// TestPlanJSONIsTheEngine checks the command adds nothing to the engine's plan: its JSON
// decodes into exactly the plan rules computes for the same input.
func TestPlanJSONIsTheEngine(t *testing.T) {
	code, stdout, stderr := runCmd(t, "plan", "--interview", "2026-03-13T10:00", "--interviewer", "A", "--interviewer", "B", "--offer", "2026-03-30", "--format", "json")
	if code != 0 {
		t.Fatal(stderr)
	}
	var got rules.Plan
	dec := json.NewDecoder(strings.NewReader(stdout))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&got); err != nil {
		t.Fatal(err)
	}
	if got.End != "offer received: no more chasers" {
		t.Errorf("end = %q", got.End)
	}
	var ids []string
	for _, s := range got.Steps {
		ids = append(ids, s.ID+":"+s.To)
	}
	if strings.Join(ids, " ") != "thank-you:A thank-you:B linkedin:A linkedin:B" {
		t.Errorf("steps %v", ids)
	}
	if got.Steps[0].Suggested != "2026-03-16T08:00" {
		t.Errorf("Friday's thank-you suggested %s, want Monday 08:00", got.Steps[0].Suggested)
	}
}

func TestPlanUsageErrors(t *testing.T) {
	tests := []struct {
		args     []string
		contains string
	}{
		{[]string{"plan"}, "--interview: missing"},
		{[]string{"plan", "--interview", "2026-03-12"}, "--interview: \"2026-03-12\" is not a date and time"},
		{[]string{"plan", "--interview", "2026-02-30T10:00"}, "not a day on the calendar"},
		{[]string{"plan", "--interview", "2026-03-12T15:00", "--rejected", "2026-03-11"}, "--rejected: 2026-03-11 is before the interview"},
		{[]string{"plan", "--interview", "2026-03-12T15:00", "--decision-by", "2026-03-01"}, "--decision-by: 2026-03-01 is before the interview"},
		{[]string{"plan", "--interview", "2026-03-12T15:00", "--offer", "2026-03-13", "--withdrew", "2026-03-14"}, "--withdrew: give at most one outcome"},
		{[]string{"plan", "--interview", "2026-03-12T15:00", "--weekend", "never"}, "--weekend: unknown weekend policy"},
		{[]string{"plan", "--interview", "2026-03-12T15:00", "--linkedin-limit", "lots"}, "invalid value \"lots\""},
		{[]string{"plan", "--interview", "2026-03-12T15:00", "--linkedin-limit", "-5"}, "--linkedin-limit: must be a positive number"},
		{[]string{"plan", "--interview", "2026-03-12T15:00", "--format", "pdf"}, `--format "pdf": use text, json or ics`},
		{[]string{"plan", "--interview", "2026-03-12T15:00", "--format", "ics", "--tz", "Mars/Olympus"}, `--tz "Mars/Olympus": not a known time zone`},
		{[]string{"plan", "--interview", "2026-03-12T15:00", "--interviewer", ""}, "--interviewer: name 1 is empty"},
		{[]string{"plan", "--nope"}, "flag provided but not defined: -nope"},
		{[]string{"plan", "--interview", "2026-03-12T15:00", "extra"}, `unexpected argument "extra"`},
		{[]string{"plan", "--interview", "2026-03-12T15:00", "-s", "/nonexistent-site"}, "has no site.toml"},
	}
	for _, tt := range tests {
		t.Run(strings.Join(tt.args[1:], " "), func(t *testing.T) {
			code, stdout, stderr := runCmd(t, tt.args...)
			if code != 2 {
				t.Errorf("exit code %d, want 2 (stderr: %s)", code, stderr)
			}
			if stdout != "" {
				t.Errorf("wrote a plan despite the error: %s", stdout)
			}
			if !strings.Contains(stderr, tt.contains) {
				t.Errorf("stderr does not say %q:\n%s", tt.contains, stderr)
			}
		})
	}
}

func TestPlanHelp(t *testing.T) {
	code, stdout, stderr := runCmd(t, "help", "plan")
	if code != 0 {
		t.Fatalf("exit %d", code)
	}
	for _, want := range []string{"--interview", "-n, --interviewer", "--decision-by", "--weekend", "-f, --format", "--tz", "-s, --source"} {
		if !strings.Contains(stdout+stderr, want) {
			t.Errorf("help does not list %q:\n%s", want, stdout+stderr)
		}
	}
}

// writeSite writes a site folder with the repository's messages and the given site.toml.
func writeSite(t *testing.T, siteTOML string, edit func(name string, b []byte) []byte) string {
	t.Helper()
	dir := t.TempDir()
	if err := os.MkdirAll(filepath.Join(dir, "content", "messages"), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "site.toml"), []byte(siteTOML), 0o644); err != nil {
		t.Fatal(err)
	}
	files, _ := filepath.Glob("../../content/messages/*.toml")
	if len(files) == 0 {
		t.Fatal("no message files in the repository")
	}
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		if edit != nil {
			b = edit(filepath.Base(f), b)
		}
		if err := os.WriteFile(filepath.Join(dir, "content", "messages", filepath.Base(f)), b, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

func TestPlanUsesTheSitesRules(t *testing.T) {
	dir := writeSite(t, "title = \"Mine\"\n\n[timeline]\nmax_chasers = 1\nday_start = \"09:00\"\n", nil)
	code, stdout, stderr := runCmd(t, "plan", "-s", dir, "--interview", "2026-03-12T06:00", "--format", "json")
	if code != 0 {
		t.Fatal(stderr)
	}
	if strings.Contains(stdout, "second-chaser") {
		t.Error("max_chasers = 1, yet the plan has a second chaser")
	}
	if !strings.Contains(stdout, `"suggested": "2026-03-12T09:00"`) {
		t.Errorf("the thank-you does not start at the site's 09:00:\n%s", stdout)
	}
}

func TestPlanReportsSiteProblems(t *testing.T) {
	dir := writeSite(t, "title = \"Mine\"\n", func(name string, b []byte) []byte {
		if name == "chaser.toml" {
			return []byte(strings.Replace(string(b), `after = "thank-you"`, `after = "thank-yuo"`, 1))
		}
		return b
	})
	code, stdout, stderr := runCmd(t, "plan", "-s", dir, "--interview", "2026-03-12T15:00")
	if code != 1 {
		t.Errorf("exit %d, want 1", code)
	}
	if stdout != "" {
		t.Errorf("wrote a plan from a broken site: %s", stdout)
	}
	if !strings.Contains(stderr, "content/messages/chaser.toml:") || !strings.Contains(stderr, `after = "thank-yuo" names no event or step`) {
		t.Errorf("stderr does not point at the bad rule:\n%s", stderr)
	}
}
