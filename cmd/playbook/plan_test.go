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
	base := []string{"plan", "--interview", "2026-03-12T15:00", "-n", "Priya", "--interviewer", "Tom Baker", "--decision-by", "2026-03-20", "--today", "2026-03-12T15:30"}
	facts := []string{"plan", "--interview", "2026-03-12T10:00", "--ends", "11:30", "-n", "Ana Ruiz", "-n", "Tom Baker", "--company", "Northwind", "--role", "Data Analyst",
		"--sent", "thank-you:Ana Ruiz=2026-03-12T14:05", "--skipped", "linkedin:Ana Ruiz", "--replied", "2026-03-20=2026-03-27", "--today", "2026-03-23T09:00"}
	// Invited to another round while the chaser was overdue: it ends, and no rejection reply.
	nextRound := []string{"plan", "-i", "2026-03-12T15:00", "-n", "Priya", "--decision-by", "2026-03-16", "--sent", "thank-you=2026-03-12T17:30",
		"--next-round", "2026-03-24", "--today", "2026-03-25T10:00"}
	tests := []struct {
		name string
		args []string
	}{
		{"text.golden", base},
		{"json.golden", append(base, "--format", "json")},
		{"ics.golden", append(base, "-f", "ics", "--tz", "America/New_York", "--now", "2026-03-14T09:30Z")},
		{"rejected.golden", []string{"plan", "-i", "2026-03-13T19:00", "--rejected", "2026-03-20T09:15", "--weekend", "same-day", "--today", "2026-03-21T10:00"}},
		{"rejected.ics.golden", []string{"plan", "-i", "2026-03-13T19:00", "--rejected", "2026-03-20T09:15", "--today", "2026-03-20T10:00", "-f", "ics", "--tz", "Europe/London", "--now", "2026-03-20T10:00Z"}},
		{"withdrew.json.golden", []string{"plan", "--interview", "2026-12-31T16:00", "--withdrew", "2027-01-02", "--linkedin-limit", "300", "--format", "json", "--today", "2027-01-04T08:00"}},
		{"facts.golden", facts},
		{"next-round.golden", nextRound},
		{"next-round.ics.golden", append(nextRound, "-f", "ics", "--tz", "Europe/London", "--now", "2026-03-25T10:00Z")},
		{"facts.json.golden", append(facts, "--format", "json")},
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

// TestPlanTextMarksAsJSON: each step of the text plan carries the mark of its status in
// the JSON plan for the same input: done, overdue, due now, and none for what is to come.
func TestPlanTextMarksAsJSON(t *testing.T) {
	marks := map[string]string{rules.StatusDone: "[done]", rules.StatusOverdue: "[OVERDUE]", rules.StatusDue: "[due now]", rules.StatusUpcoming: ""}
	seen := map[string]bool{}
	for _, today := range []string{"2026-03-12T15:30", "2026-03-13T09:00", "2026-03-17T09:00", "2026-03-23T09:00"} {
		args := []string{"plan", "--interview", "2026-03-12T10:00", "-n", "Ana Ruiz", "--decision-by", "2026-03-20", "--sent", "thank-you=2026-03-12T14:05", "--today", today}
		_, text, _ := runCmd(t, args...)
		_, js, _ := runCmd(t, append(args, "--format", "json")...)
		var p struct{ Steps []struct{ ID, Status string } }
		if err := json.Unmarshal([]byte(js), &p); err != nil {
			t.Fatal(err)
		}
		var heads []string
		for _, line := range strings.Split(text, "\n") {
			if len(line) > 2 && line[0] >= '1' && line[0] <= '9' && strings.Contains(line, ". ") {
				heads = append(heads, line)
			}
		}
		if len(heads) != len(p.Steps) {
			t.Fatalf("today %s: %d steps in the text, %d in the JSON", today, len(heads), len(p.Steps))
		}
		for i, st := range p.Steps {
			mark, ok := marks[st.Status]
			if !ok {
				t.Fatalf("today %s: step %s has status %q, which has no mark", today, st.ID, st.Status)
			}
			seen[st.Status] = true
			hasMark := strings.HasSuffix(heads[i], "]")
			if mark != "" && !strings.HasSuffix(heads[i], "  "+mark) || mark == "" && hasMark {
				t.Errorf("today %s: %s is %s in the JSON, but the text says %q", today, st.ID, st.Status, heads[i])
			}
		}
	}
	if len(seen) != len(marks) {
		t.Errorf("the plans had the statuses %v; want each of %v", seen, marks)
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
	// Today is now, long after the offer: the chaser it found unsent is dropped.
	if strings.Join(ids, " ") != "thank-you:A thank-you:B linkedin:A linkedin:B" {
		t.Errorf("steps %v", ids)
	}
	if got.Steps[0].Suggested != "2026-03-13T13:00" {
		t.Errorf("Friday morning's thank-you suggested %s, want Friday 13:00, the end plus 2 hours", got.Steps[0].Suggested)
	}
	if got.Steps[0].Status == "" {
		t.Error("without --today the plan has no status; the default is now")
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
		{[]string{"plan", "--interview", "2026-03-12T15:00", "--format", "ics", "--tz", "floating"}, `--tz floating: calendar files are written in UTC now`},
		{[]string{"plan", "--interview", "2026-03-12T15:00", "--format", "ics", "--tz", "UTC", "--now", "2026-03-14 09:30"}, `--now "2026-03-14 09:30": want YYYY-MM-DDTHH:MMZ`},
		{[]string{"plan", "--interview", "2026-03-12T15:00", "--now", "2026-03-14T09:30Z"}, `--now is only used with --format ics`},
		{[]string{"plan", "--interview", "2026-03-12T15:00", "--interviewer", ""}, "--interviewer: name 1 is empty"},
		{[]string{"plan", "--nope"}, "flag provided but not defined: -nope"},
		{[]string{"plan", "--interview", "2026-03-12T15:00", "extra"}, `unexpected argument "extra"`},
		{[]string{"plan", "--interview", "2026-03-12T15:00", "-s", "/nonexistent-site"}, "has no site.toml"},
		{[]string{"plan", "--interview", "2026-03-12T15:00", "--ends", "14:00"}, "--ends: the interview cannot end at 14:00"},
		{[]string{"plan", "--interview", "2026-03-12T15:00", "--sent", "thank-you"}, `--sent "thank-you": want STEP[:NAME]=YYYY-MM-DDTHH:MM`},
		{[]string{"plan", "--interview", "2026-03-12T15:00", "--sent", "thank-you=2026-03-12T17:00", "--sent", "thanks=2026-03-12T17:00"}, `--sent #2: "thanks" is no step of the plan`},
		{[]string{"plan", "--interview", "2026-03-12T15:00", "-n", "Ana", "--skipped", "linkedin:Bo"}, `--skipped #1: "Bo" is not a recipient of linkedin`},
		{[]string{"plan", "--interview", "2026-03-12T15:00", "--today", "2026-03-12T18:00", "--sent", "thank-you=2026-03-12T19:00"}, "--sent #1: 2026-03-12T19:00 is later than today"},
		{[]string{"plan", "--interview", "2026-03-12T15:00", "--replied", "2026-03-11"}, "--replied #1: 2026-03-11 is before the interview"},
		{[]string{"plan", "--interview", "2026-03-12T15:00", "--today", "tomorrow"}, `--today: "tomorrow" is not a date and time`},
		{[]string{"plan", "--interview", "2026-03-12T15:00", "--id", "a1"}, "--id is only used with --from FILE"},
		{[]string{"plan", "--interview", "2026-03-12T15:00", "--next-round", "2026-03-11"}, "--next-round: 2026-03-11 is before the interview"},
		{[]string{"plan", "--interview", "2026-03-12T15:00", "--offer", "2026-03-13", "--next-round", "2026-03-14"}, "--next-round: give at most one outcome; offer is already given"},
		{[]string{"plan", "--from", "/nonexistent/export.json"}, "--from: open /nonexistent/export.json"},
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
	for _, want := range []string{"--interview", "--ends", "-n, --interviewer", "--decision-by", "--next-round", "--sent", "--skipped", "--replied", "--today", "--company", "--role",
		"--from", "the flags given replace the file's values", "--id", "--weekend", "-f, --format", "--tz", "-s, --source"} {
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

// companionExport is an export file of the companion with two interviews.
const companionExport = `{
  "format": "followup-playbook/companion",
  "version": 1,
  "interviews": [
    {
      "id": "a1b2c3", "company": "Northwind", "role": "Data Analyst",
      "interview": "2026-03-12T15:00", "ends": "16:00",
      "interviewers": [{"name": "Ana Ruiz", "email": "ana@example.com"}, {"name": "Tom Baker", "email": ""}],
      "decisionBy": "2026-03-20", "rejected": "", "offer": "", "withdrew": "",
      "facts": {"sent": [{"step": "thank-you", "to": "Ana Ruiz", "at": "2026-03-12T17:10"}], "skipped": [], "replied": []},
      "updated": "2026-03-12T18:04:05.000Z"
    },
    {"id": "zz9", "interview": "2026-03-13T09:00", "interviewers": [], "facts": {"sent": [{"step": "rejection-reply", "at": "2026-03-13T12:00"}]}, "updated": "2026-03-13T10:00:00.000Z"}
  ],
  "deleted": [{"id": "old1", "at": "2026-03-01T10:00:00.000Z"}]
}
`

// writeFile writes text to a file in a new temporary folder and returns its path.
func writeFile(t *testing.T, name, text string) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), name)
	if err := os.WriteFile(path, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}

// TestPlanFrom checks that --from plans one interview of the companion's export file as
// the same flags would, and that flags given replace the file's values.
func TestPlanFrom(t *testing.T) {
	path := writeFile(t, "export.json", companionExport)
	today := []string{"--today", "2026-03-16T09:00", "--format", "json"}
	_, fromFile, stderr := runCmd(t, append([]string{"plan", "--from", path, "--id", "a1b2c3"}, today...)...)
	_, fromFlags, _ := runCmd(t, append([]string{"plan", "-i", "2026-03-12T15:00", "--ends", "16:00", "-n", "Ana Ruiz", "-n", "Tom Baker", "--decision-by", "2026-03-20",
		"--sent", "thank-you:Ana Ruiz=2026-03-12T17:10"}, today...)...)
	if fromFile == "" || fromFile != fromFlags {
		t.Errorf("--from planned differently from the same flags (%s):\n%s\nwant\n%s", stderr, fromFile, fromFlags)
	}
	if !strings.Contains(fromFile, `"sent": "2026-03-12T17:10"`) {
		t.Errorf("the file's sent fact is not in the plan:\n%s", fromFile)
	}
	// Version 2, as the companion writes it now: the log, beside the interviews it gives.
	v2 := strings.Replace(strings.Replace(companionExport, `"version": 1`, `"version": 2`, 1), `"deleted": [{"id": "old1", "at": "2026-03-01T10:00:00.000Z"}]`,
		`"log": [{"id": "1773327845000-0000-a1", "kind": "add", "iv": "a1b2c3", "fields": {"interview": "2026-03-12T15:00"}}]`, 1)
	_, fromV2, stderr := runCmd(t, append([]string{"plan", "--from", writeFile(t, "v2.json", v2), "--id", "a1b2c3"}, today...)...)
	if !strings.Contains(v2, `"version": 2`) || fromV2 != fromFile {
		t.Errorf("a version-2 file planned differently from version 1 (%s):\n%s", stderr, fromV2)
	}
	// Version 3: applications beside the interviews, each interview a round of one, its
	// interviewers with what was talked about; the interviews carry their application's
	// company and role, so a plan reads them alone.
	v3 := strings.Replace(strings.Replace(v2, `"version": 2`, `"version": 3, "applications": [{"id": "ap-1", "company": "Northwind", "role": "Data Analyst", "link": "https://example.org/job", "contact": {"name": "Dana Fox", "email": "", "kind": "recruiter"}, "notes": "", "rounds": ["a1b2c3"]}]`, 1),
		`"id": "a1b2c3",`, `"id": "a1b2c3", "app": "ap-1",`, 1)
	_, fromV3, stderr := runCmd(t, append([]string{"plan", "--from", writeFile(t, "v3.json", v3), "--id", "a1b2c3"}, today...)...)
	if !strings.Contains(v3, `"app": "ap-1"`) || fromV3 != fromFile {
		t.Errorf("a version-3 file planned differently from version 1 (%s):\n%s", stderr, fromV3)
	}
	// Invited to another round: a file that says so plans as --next-round does; files
	// written before it, without the key, plan as they did (above).
	withNext := strings.Replace(companionExport, `"withdrew": "",`, `"withdrew": "", "nextRound": "2026-03-16",`, 1)
	_, fromNext, stderr := runCmd(t, append([]string{"plan", "--from", writeFile(t, "next.json", withNext), "--id", "a1b2c3"}, today...)...)
	_, flagsNext, _ := runCmd(t, append([]string{"plan", "-i", "2026-03-12T15:00", "--ends", "16:00", "-n", "Ana Ruiz", "-n", "Tom Baker", "--decision-by", "2026-03-20",
		"--sent", "thank-you:Ana Ruiz=2026-03-12T17:10", "--next-round", "2026-03-16"}, today...)...)
	if fromNext == "" || fromNext != flagsNext || !strings.Contains(fromNext, "invited to another round") || strings.Contains(fromNext, `"id": "chaser"`) {
		t.Errorf("a file's nextRound planned differently from --next-round (%s):\n%s\nwant\n%s", stderr, fromNext, flagsNext)
	}
	// The chaser is due the business day after the new decision date.
	_, replaced, _ := runCmd(t, append([]string{"plan", "--from", path, "--id", "a1b2c3", "--sent", "thank-you=2026-03-12T18:00", "--decision-by", "2026-03-25"}, today...)...)
	if strings.Contains(replaced, "17:10") || !strings.Contains(replaced, `"earliest": "2026-03-26T08:00"`) || strings.Count(replaced, `"sent": "2026-03-12T18:00"`) != 2 {
		t.Errorf("--sent and --decision-by did not replace the file's values:\n%s", replaced)
	}
	code, text, stderr := runCmd(t, "plan", "--from", path, "--id", "a1b2c3", "--today", "2026-03-16T09:00")
	if code != 0 || !strings.Contains(text, "(Data Analyst at Northwind)") {
		t.Errorf("exit %d, the text does not name the role and company: %s%s", code, text, stderr)
	}
}

func TestPlanFromErrors(t *testing.T) {
	two := writeFile(t, "export.json", companionExport)
	tests := []struct {
		name, file string
		args       []string
		contains   string
	}{
		{"several interviews and no id", companionExport, nil, "holds 2 interviews: give --id, one of a1b2c3, zz9"},
		{"an unknown id", companionExport, []string{"--id", "nope"}, `has no interview "nope"; its ids are a1b2c3, zz9`},
		{"a fact of the file that cannot be", companionExport, []string{"--id", "zz9"}, `interview "zz9": facts.sent.0.step: rejection-reply is not in this plan`},
		{"not json", "{", nil, "is not a companion export file"},
		{"another format", `{"format": "x", "version": 1, "interviews": []}`, nil, `format "x": want "followup-playbook/companion"`},
		{"a newer version", `{"format": "followup-playbook/companion", "version": 4, "interviews": []}`, nil, "version 4 is newer than this playbook reads (3)"},
		{"no interview", `{"format": "followup-playbook/companion", "version": 1, "interviews": []}`, nil, "holds no interview"},
		{"a field of the wrong type", `{"format": "followup-playbook/companion", "version": 1, "interviews": [{"id": "a", "company": 7}]}`, nil, "interviews.company: want string, not number"},
		{"facts of the wrong type", `{"format": "followup-playbook/companion", "version": 1, "interviews": [{"id": "a", "facts": {"sent": "yes"}}]}`, nil, "interviews.facts.sent: want []rules.Sent, not string"},
		{"too large", `{"format": "` + strings.Repeat("x", 1<<20) + `"}`, nil, "is larger than 1048576 bytes"},
		{"too many facts", `{"format": "followup-playbook/companion", "version": 1, "interviews": [{"id": "a", "interview": "2026-03-12T15:00", "facts": {"skipped": [` +
			strings.Repeat(`{"step": "linkedin"},`, 500) + `{"step": "linkedin"}]}}]}`, nil, "interviews.0.facts: 501 facts, more than 500"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			path := two
			if tt.file != companionExport {
				path = writeFile(t, "export.json", tt.file)
			}
			code, stdout, stderr := runCmd(t, append([]string{"plan", "--from", path, "--today", "2026-03-16T09:00"}, tt.args...)...)
			if code != 2 || stdout != "" {
				t.Errorf("exit %d, stdout %q; want 2 and nothing", code, stdout)
			}
			if !strings.Contains(stderr, tt.contains) {
				t.Errorf("stderr does not say %q:\n%s", tt.contains, stderr)
			}
		})
	}
}
