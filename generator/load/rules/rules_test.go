package rules

import (
	"bytes"
	"encoding/json"
	"errors"
	"flag"
	"io/fs"
	"os"
	"path/filepath"
	"reflect"
	"regexp"
	"slices"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/followup-playbook/playbook/generator/diag"
	"github.com/followup-playbook/playbook/generator/internal/sitetest"
)

var update = flag.Bool("update", false, "rewrite the golden files and testdata/vectors.json from the current output")

// golden compares got with testdata/name, or rewrites the file with -update.
func golden(t *testing.T, name string, got []byte) {
	t.Helper()
	path := filepath.Join("testdata", name)
	if *update {
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test -update to create it)", err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("%s differs from the output; if the change is intended, run go test ./generator/load/rules -update\ngot:\n%s", path, got)
	}
}

// TestInvalid runs each testdata/invalid/*.txtar: a site's files, and in "want" every
// problem expected as "path:line:col: message start". Exactly those must be reported.
func TestInvalid(t *testing.T) {
	files, _ := filepath.Glob("testdata/invalid/*.txtar")
	if len(files) == 0 {
		t.Fatal("no cases in testdata/invalid")
	}
	for _, file := range files {
		t.Run(strings.TrimSuffix(filepath.Base(file), ".txtar"), func(t *testing.T) {
			fsys, want := sitetest.Load(t, file, "want")
			_, _, err := Load(fsys)
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
					found = found || (d.Pos() == pos && strings.HasPrefix(d.Msg, msg))
				}
				if !found {
					t.Errorf("missing %q; got:\n%s", w, strings.Join(lines, "\n"))
				}
			}
		})
	}
}

func TestDefaultPolicy(t *testing.T) {
	if err := DefaultPolicy().Validate("site.toml", nil); err != nil {
		t.Fatalf("the default policy is invalid: %v", err)
	}
	// A site.toml without [timeline] gives the default policy.
	p, err := LoadPolicy(fstest.MapFS{"site.toml": {Data: []byte("title = \"x\"\n[params]\nanything = 1\n")}})
	if err != nil {
		t.Fatal(err)
	}
	if p.MaxChasers != 2 || p.LinkedInLimit != 200 || len(p.BusinessDays) != 5 {
		t.Errorf("policy without [timeline] = %+v", p)
	}
	// Keys left out keep their defaults; keys given replace them.
	p, err = LoadPolicy(fstest.MapFS{"site.toml": {Data: []byte("[timeline]\nmax_chasers = 1\nbusiness_days = [\"monday\"]\n")}})
	if err != nil {
		t.Fatal(err)
	}
	if p.MaxChasers != 1 || strings.Join(p.BusinessDays, ",") != "monday" || p.DayStart != "08:00" {
		t.Errorf("policy = %+v", p)
	}
}

// TestUnknownPolicyKey: an unknown [timeline] key names the key meant, or every key
// Policy has, regions among them.
func TestUnknownPolicyKey(t *testing.T) {
	tests := []struct{ src, want string }{
		{"[timeline]\nmax_chaser = 1\n", `site.toml:2:1: unknown key "timeline.max_chaser"; did you mean "max_chasers"?`},
		{"[timeline]\nholidays = \"US\"\n", `site.toml:2:1: unknown key "timeline.holidays"; the [timeline] keys are business_days, day_start, day_end, weekend, monday_before, max_chasers, chaser_time, linkedin_limit, linkedin_limit_premium, interview_length, overdue_note, region and regions`},
	}
	for _, tt := range tests {
		_, err := LoadPolicy(fstest.MapFS{"site.toml": {Data: []byte(tt.src)}})
		if err == nil || err.Error() != tt.want {
			t.Errorf("LoadPolicy(%q) = %v, want %s", tt.src, err, tt.want)
		}
	}
}

func TestParseDuration(t *testing.T) {
	for in, want := range map[string]string{"24 hours": "24 hours", "1 hour": "1 hour", "1 hours": "1 hour", "7 days": "7 days", "1 day": "1 day", "2 business days": "2 business days", "1 business day": "1 business day", "0 days": "0 days"} {
		d, err := ParseDuration(in)
		if err != nil || d.String() != want {
			t.Errorf("ParseDuration(%q) = %v, %v; want %s", in, d, err, want)
		}
	}
	for _, in := range []string{"", "7", "days", "-1 days", "7 weeks", "7  days", "+7 days", "07 days", "1.5 hours"} {
		if d, err := ParseDuration(in); err == nil {
			t.Errorf("ParseDuration(%q) = %v, want an error", in, d)
		}
	}
}

func TestFigures(t *testing.T) {
	want := map[string]string{
		"thank-you.within":           "24 hours",
		"weekend.monday-before":      "10:00",
		"chaser.min-after-thank-you": "7 days",
		"chaser.no-decision-after":   "14 days",
		"second-chaser.after":        "7 days",
		"chasers.max":                "2",
		"chasers.time":               "09:00",
		"linkedin.limit":             "200 characters",
		"linkedin.limit-premium":     "300 characters",
		"rejection-reply.within":     "24 hours",
		"feedback-request.within":    "2 business days",
		"business-hours":             "08:00 to 18:00",
		"business-days":              "Monday to Friday",
	}
	got := Figures(loadSite(t))
	for k, v := range want {
		if got[k] != v {
			t.Errorf("Figures[%q] = %q, want %q", k, got[k], v)
		}
	}
}

// TestFiguresFollowTheTOML changes numbers in a copy of the fixture site and checks that the
// figures, and the plan, change with them.
// TestFigureKindsNameEveryFigure: every key Figures gives is one FigureKinds documents, a
// pattern's <step> standing for a step's id and <anchor> for what it follows.
func TestFigureKindsNameEveryFigure(t *testing.T) {
	r := loadSite(t)
	var patterns []*regexp.Regexp
	for _, k := range FigureKinds() {
		p := regexp.QuoteMeta(k.Key)
		p = strings.ReplaceAll(p, "<step>", "[a-z0-9-]+")
		p = strings.ReplaceAll(p, "<anchor>", "[a-z0-9-]+")
		patterns = append(patterns, regexp.MustCompile("^"+p+"$"))
	}
	for key := range Figures(r) {
		if !slices.ContainsFunc(patterns, func(p *regexp.Regexp) bool { return p.MatchString(key) }) {
			t.Errorf("figure %q is of no kind FigureKinds lists", key)
		}
	}
}

func TestFiguresFollowTheTOML(t *testing.T) {
	fsys := fstest.MapFS{}
	entries, err := os.ReadDir("testdata/site/content/messages")
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range entries {
		b, err := os.ReadFile("testdata/site/content/messages/" + e.Name())
		if err != nil {
			t.Fatal(err)
		}
		switch e.Name() {
		case "thank-you.toml":
			b = bytes.Replace(b, []byte(`within = "24 hours"`), []byte(`within = "48 hours"`), 1)
		case "chaser.toml":
			b = bytes.Replace(b, []byte(`wait_without = "14 days"`), []byte(`wait_without = "10 days"`), 1)
		}
		fsys["content/messages/"+e.Name()] = &fstest.MapFile{Data: b}
	}
	fsys["site.toml"] = &fstest.MapFile{Data: []byte("[timeline]\nmax_chasers = 1\nchaser_time = \"10:15\"\nmonday_before = \"09:30\"\nbusiness_days = [\"monday\", \"wednesday\", \"friday\"]\n")}
	r, _, err := Load(fsys)
	if err != nil {
		t.Fatal(diag.Report(err))
	}
	f := Figures(r)
	for k, v := range map[string]string{"thank-you.within": "48 hours", "chaser.no-decision-after": "10 days", "chasers.max": "1", "chasers.time": "10:15", "weekend.monday-before": "09:30", "business-days": "Monday, Wednesday and Friday"} {
		if f[k] != v {
			t.Errorf("Figures[%q] = %q, want %q", k, f[k], v)
		}
	}
	p, err := r.Plan(Input{Interview: "2026-03-16T15:00"}) // a Monday; Tuesday is no business day
	if err != nil {
		t.Fatal(err)
	}
	if got := summary(p)[0]; got != "2026-03-18T08:00 thank-you your interviewer 2026-03-16T16:00..2026-03-18T09:30" {
		t.Errorf("first step %s", got)
	}
}

// TestRulesJSON pins /rules.json for the fixture site (testdata/rules.json is also what the Node
// tests of timeline.js load) and checks that it is deterministic and valid JSON.
func TestRulesJSON(t *testing.T) {
	r := loadSite(t)
	a, err := JSON(r)
	if err != nil {
		t.Fatal(err)
	}
	b, _ := JSON(r)
	if !bytes.Equal(a, b) {
		t.Error("JSON is not deterministic")
	}
	var doc map[string]any
	if err := json.Unmarshal(a, &doc); err != nil {
		t.Fatal(err)
	}
	for _, k := range []string{"version", "policy", "events", "steps", "ends"} {
		if _, ok := doc[k]; !ok {
			t.Errorf("rules.json has no %q", k)
		}
	}
	golden(t, "rules.json", a)
}

// vector is one entry of testdata/vectors.json, shared with the browser engine's tests:
// an input and either its plan or its input error (field, code and args).
type vector struct {
	Name  string      `json:"name"`
	Input Input       `json:"input"`
	Plan  *Plan       `json:"plan,omitempty"`
	Error *InputError `json:"error,omitempty"`
}

// vectorResult plans in and returns the vector's plan or error.
func vectorResult(t *testing.T, r *Rules, in Input) (*Plan, *InputError) {
	t.Helper()
	p, err := r.Plan(in)
	var ie *InputError
	if errors.As(err, &ie) {
		return nil, ie
	}
	if err != nil {
		t.Fatal(err)
	}
	return &p, nil
}

// TestVectors recomputes every shared test vector. With -update it rewrites the file from
// the engine cases and the input error cases; without, the file must match the engine
// exactly.
func TestVectors(t *testing.T) {
	r := loadSite(t)
	if *update {
		var vs []vector
		add := func(name string, in Input) {
			if in.Interviewers == nil {
				in.Interviewers = []string{}
			}
			p, ie := vectorResult(t, r, in)
			vs = append(vs, vector{name, in, p, ie})
		}
		for _, tc := range planCases() {
			add(tc.name, tc.in)
		}
		for _, tc := range inputErrorCases() {
			add("input error: "+tc.name, tc.in)
		}
		var b bytes.Buffer
		enc := json.NewEncoder(&b)
		enc.SetEscapeHTML(false)
		enc.SetIndent("", "  ")
		if err := enc.Encode(vs); err != nil {
			t.Fatal(err)
		}
		golden(t, "vectors.json", b.Bytes())
		return
	}
	data, err := os.ReadFile("testdata/vectors.json")
	if err != nil {
		t.Fatal(err)
	}
	var vs []vector
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&vs); err != nil {
		t.Fatal(err)
	}
	if want := len(planCases()) + len(inputErrorCases()); len(vs) != want {
		t.Errorf("%d vectors, want %d (run -update)", len(vs), want)
	}
	for _, v := range vs {
		p, ie := vectorResult(t, r, v.Input)
		if !reflect.DeepEqual(ie, v.Error) || (p == nil) != (v.Plan == nil) {
			t.Errorf("%s: error %+v, want %+v", v.Name, ie, v.Error)
			continue
		}
		if p == nil {
			continue
		}
		gb, _ := p.JSON()
		wb, _ := v.Plan.JSON()
		if !bytes.Equal(gb, wb) {
			t.Errorf("%s:\ngot  %s\nwant %s", v.Name, gb, wb)
		}
	}
}

// TestLoadKeepsWhatIsGood loads the fixture site with one mistake at a time: the policy
// falls back to its default key by key, and the figures stay whole, so the pages quoting
// them are not reported too.
func TestLoadKeepsWhatIsGood(t *testing.T) {
	base := fstest.MapFS{}
	fixture := os.DirFS("testdata/site")
	if err := fs.WalkDir(fixture, ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := fs.ReadFile(fixture, p)
		base[p] = &fstest.MapFile{Data: b}
		return err
	}); err != nil {
		t.Fatal(err)
	}
	want := Figures(loadSite(t))
	for _, c := range []struct {
		name, file, old, new string
		policy               func(Policy) bool
		figures              map[string]string // that differ from the fixture's
	}{
		{name: "timeline-type", file: "site.toml", old: "max_chasers = 2\nlinkedin_limit = 200\nlinkedin_limit_premium = 300\n", new: "max_chasers = \"3\"\nlinkedin_limit = 250\nlinkedin_limit_premium = 350\n",
			policy: func(p Policy) bool { return p.MaxChasers == 2 && p.LinkedInLimit == 250 }, figures: map[string]string{"linkedin.limit": "250 characters", "linkedin.limit-premium": "350 characters"}},
		{name: "timeline-hours", file: "site.toml", old: "day_end = \"18:00\"\nweekend = \"monday\"\nmonday_before = \"10:00\"\nmax_chasers = 2\n", new: "day_end = \"07:00\"\nweekend = \"monday\"\nmonday_before = \"10:00\"\nmax_chasers = 3\n",
			policy: func(p Policy) bool { return p.DayEnd == "18:00" && p.MaxChasers == 3 }, figures: map[string]string{"chasers.max": "3"}},
		{name: "bad-duration", file: "content/messages/chaser.toml", old: `wait = "7 days"`, new: `wait = "a week"`,
			figures: map[string]string{"chaser.after": "a week", "chaser.min-after-thank-you": "a week"}},
		{name: "unknown-after", file: "content/messages/chaser.toml", old: `after = "thank-you"`, new: `after = "offered"`},
		{name: "syntax", file: "content/messages/chaser.toml", old: `step = "chaser"`, new: `step = chaser`,
			figures: map[string]string{"chaser.after": "…", "chaser.min-after-thank-you": "…", "chaser.no-decision-after": "…"}},
		{name: "syntax-outside-timing", file: "content/messages/chaser.toml", old: `title = "`, new: `title = `},
	} {
		t.Run(c.name, func(t *testing.T) {
			site := fstest.MapFS{}
			for k, v := range base {
				site[k] = v
			}
			src := string(base[c.file].Data)
			if strings.Count(src, c.old) != 1 {
				t.Fatalf("%q is not in %s once", c.old, c.file)
			}
			site[c.file] = &fstest.MapFile{Data: []byte(strings.Replace(src, c.old, c.new, 1))}
			r, msgs, err := Load(site)
			if n := diag.Count(err); n != 1 {
				t.Fatalf("%d problems, want 1:\n%s", n, diag.Report(err))
			}
			if len(msgs) != len(base)-1 { // every message file, site.toml aside
				t.Errorf("%d messages, want every file's", len(msgs))
			}
			if c.policy != nil && !c.policy(r.Policy) {
				t.Errorf("policy = %+v", r.Policy)
			}
			got := Figures(r)
			for k, v := range want {
				if w, ok := c.figures[k]; ok {
					v = w
				}
				if got[k] != v {
					t.Errorf("Figures[%q] = %q, want %q", k, got[k], v)
				}
			}
		})
	}
}
