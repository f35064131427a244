package rules_test

import (
	"bytes"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/followup-playbook/playbook/generator/load/rules"
	"github.com/followup-playbook/playbook/generator/load/rules/civil"
)

// parserScripts read the calendar files named on the command line and print, for each,
// its events as [uid, start in UTC (RFC 3339), status], or fail.
var parserScripts = map[string][]string{
	"ical.js": {"node", "--input-type=module", "-e", `
import ICAL from ` + "'" + `%ICAL%` + "'" + `;
import { readFileSync } from 'node:fs';
const out = process.argv.slice(1).map(f => new ICAL.Component(ICAL.parse(readFileSync(f, 'utf8'))).getAllSubcomponents('vevent').map(v => {
  const e = new ICAL.Event(v);
  return [e.uid, e.startDate.toJSDate().toISOString().replace('.000Z', 'Z'), v.getFirstPropertyValue('status') ?? ''];
}));
process.stdout.write(JSON.stringify(out));`},
	"icalendar": {"/usr/bin/python3", "-c", `
import sys, json, icalendar
out = []
for f in sys.argv[1:]:
    cal = icalendar.Calendar.from_ical(open(f, 'rb').read())
    out.append([[str(e['UID']), e.decoded('DTSTART').strftime('%Y-%m-%dT%H:%M:%SZ'), str(e.get('STATUS', ''))] for e in cal.walk('VEVENT')])
print(json.dumps(out))`},
}

// calendarParsers finds the two real parsers the calendar tests read files with: ical.js
// (qa/package-lock.json), run by node, and Python's icalendar (Debian's python3-icalendar).
// It returns ical.js's path and node's; without them the test named what skips, or fails
// in CI.
func calendarParsers(t *testing.T, what string) (icalJS, node string) {
	t.Helper()
	icalJS, _ = filepath.Abs("../../../qa/node_modules/ical.js/dist/ical.js")
	node, nodeErr := exec.LookPath("node")
	_, icalErr := os.Stat(icalJS)
	pyErr := exec.Command("/usr/bin/python3", "-c", "import icalendar").Run()
	if nodeErr != nil || icalErr != nil || pyErr != nil {
		msg := "SKIPPED " + what + " TEST: need node with `npm ci --prefix qa` (ical.js) and Debian's python3-icalendar"
		if os.Getenv("CI") != "" || os.Getenv(RequireNodeEnv) != "" {
			t.Fatal(msg)
		}
		t.Skip(msg)
	}
	return icalJS, node
}

// TestCalendarParsers reads calendar files, in every parity zone, with a new interviewer
// and after a rejection, and the file of every plan of the shared vectors, by two real
// parsers, ical.js (qa/package-lock.json) and Python's
// icalendar (Debian's python3-icalendar), and requires the UIDs, UTC starts and
// cancellations rules.ICS meant.
func TestCalendarParsers(t *testing.T) {
	icalJS, _ := calendarParsers(t, "CALENDAR PARSERS")
	r, _, err := rules.Load(os.DirFS("testdata/site"))
	if err != nil {
		t.Fatal(err)
	}
	now := time.Date(2026, 3, 14, 9, 30, 0, 0, time.UTC)
	dir := t.TempDir()
	var files []string
	var want [][][3]string
	write := func(in rules.Input, opt rules.ICSOptions, cancel bool) {
		p, err := r.Plan(in)
		if err != nil {
			t.Fatal(err)
		}
		if cancel {
			open := in
			open.Rejected = ""
			before, _ := r.Plan(open)
			opt.Cancel = rules.Dropped(before, p)
		}
		out, err := rules.ICS(r, in, p, opt)
		if err != nil {
			t.Fatal(err)
		}
		var events [][3]string
		for i, s := range append(p.Steps, opt.Cancel...) {
			start, _ := civil.ParseDateTime(s.Suggested)
			status := "CONFIRMED"
			if i >= len(p.Steps) {
				status = "CANCELLED"
			}
			events = append(events, [3]string{"", rules.UTC(start, opt.Zone).Format(time.RFC3339), status})
		}
		f := filepath.Join(dir, filepath.Base(t.Name())+string(rune('a'+len(files)))+".ics")
		if err := os.WriteFile(f, out, 0o644); err != nil {
			t.Fatal(err)
		}
		files, want = append(files, f), append(want, events)
	}
	names := []string{"Ana Ruiz", "Zoë, Ødegård; \"x\"", "李雷"}
	for _, z := range nodeZones {
		zone, err := time.LoadLocation(z)
		if err != nil {
			t.Fatal(err)
		}
		for _, day := range []string{"2026-03-27T16:00", "2026-10-23T16:00", "2026-07-01T10:00"} {
			in := rules.Input{Interview: day, Interviewers: names, Company: "Northwind", Role: "Data, Analyst"}
			write(in, rules.ICSOptions{Zone: zone, Now: now, Key: "a1b2c3", Pages: []string{"https://x.test/t/#a=1;b=2"}}, false)
			in.Rejected = in.Interview[:10]
			write(in, rules.ICSOptions{Zone: zone, Now: now}, true)
		}
	}
	// And every plan of the shared vectors, in every zone.
	data, err := os.ReadFile("testdata/vectors.json")
	if err != nil {
		t.Fatal(err)
	}
	var vectors []struct {
		Input rules.Input `json:"input"`
		Plan  *rules.Plan `json:"plan"`
	}
	if err := json.Unmarshal(data, &vectors); err != nil {
		t.Fatal(err)
	}
	for _, z := range nodeZones {
		zone, err := time.LoadLocation(z)
		if err != nil {
			t.Fatal(err)
		}
		for _, v := range vectors {
			if v.Plan != nil {
				write(v.Input, rules.ICSOptions{Zone: zone, Now: now}, false)
			}
		}
	}
	var uids [][]string
	for name, script := range parserScripts {
		args := append([]string{}, script[1:]...)
		args[len(args)-1] = strings.ReplaceAll(args[len(args)-1], "%ICAL%", "file://"+icalJS)
		cmd := exec.Command(script[0], append(args, files...)...)
		var stderr bytes.Buffer
		cmd.Stderr = &stderr
		out, err := cmd.Output()
		if err != nil {
			t.Fatalf("%s: %v\n%s", name, err, stderr.String())
		}
		var got [][][3]string
		if err := json.Unmarshal(out, &got); err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		var ids []string
		for i := range want {
			if len(got[i]) != len(want[i]) {
				t.Errorf("%s: %s: %d events, want %d", name, files[i], len(got[i]), len(want[i]))
				continue
			}
			for j, e := range got[i] {
				ids = append(ids, e[0])
				if e[1] != want[i][j][1] || e[2] != want[i][j][2] {
					t.Errorf("%s: %s: event %d starts %s (%s), want %s (%s)", name, files[i], j+1, e[1], e[2], want[i][j][1], want[i][j][2])
				}
				if !strings.HasSuffix(e[0], "@followup-playbook") || strings.Count(e[0], ".") < 2 {
					t.Errorf("%s: UID %q", name, e[0])
				}
			}
		}
		uids = append(uids, ids)
	}
	if len(uids) == 2 && strings.Join(uids[0], " ") != strings.Join(uids[1], " ") {
		t.Error("the two parsers read different UIDs")
	}
}
