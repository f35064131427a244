package rules_test

import (
	"bytes"
	"encoding/json"
	"fmt"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/followup-playbook/playbook/generator/load/rules"
)

// upcomingRunner writes, with static/js/companion-calendar.js, the companion's file of
// every upcoming step of the interviews on stdin, as the page's fillAll does.
const upcomingRunner = `
import { readFileSync } from 'node:fs';
import { plan } from '%s';
import { upcomingFile } from '%s';
const { rules, zone, now, today, inputs } = JSON.parse(readFileSync(0, 'utf8'));
const steps = Object.entries(inputs).flatMap(([key, input]) => {
  const p = plan(rules, input);
  return [...p.steps.map((_, index) => ({ input, plan: p, index, key })), { input, plan: p, index: -1, key }];
});
process.stdout.write(upcomingFile(rules, steps, { zone, now: new Date(now), today }));`

// TestUpcomingCalendarParsers reads the companion's file of every upcoming step, in every
// parity zone, with ical.js and Python's icalendar (as TestCalendarParsers), and requires
// exactly the events of each interview's own file (rules.ICS, cancelling what its outcome
// dropped, a rejection's and another round's) whose time is not before now: the same
// UIDs, starts and statuses, nothing past.
func TestUpcomingCalendarParsers(t *testing.T) {
	icalJS, node := calendarParsers(t, "UPCOMING CALENDAR PARSERS")
	r, _, err := rules.Load(os.DirFS("testdata/site"))
	if err != nil {
		t.Fatal(err)
	}
	doc, err := rules.JSON(r)
	if err != nil {
		t.Fatal(err)
	}
	abs, err := filepath.Abs("../../../static/js")
	if err != nil {
		t.Fatal(err)
	}
	mod := func(name string) string {
		return (&url.URL{Scheme: "file", Path: filepath.ToSlash(filepath.Join(abs, name))}).String()
	}
	// Now, on the visitor's clock: some steps and some cancelled chasers are past.
	const today = "2026-03-10T12:00"
	open := rules.Input{Interview: "2026-03-02T10:00", Interviewers: []string{"Ana Ruiz"}, Company: "Northwind", DecisionBy: "2026-03-06"}
	inputs := map[string]rules.Input{"open": open, "later": {Interview: "2026-03-12T10:00", Interviewers: []string{"Bo"}}}
	rejected, next := open, open
	rejected.Rejected, next.NextRound = "2026-03-05", "2026-03-05"
	inputs["rejected"], inputs["next"] = rejected, next

	dir := t.TempDir()
	var files []string
	type wanted struct {
		file  int // the interview's own file, in files
		event int // the event, in that file
	}
	// By zone: the upcoming file, in files, and the events it should hold.
	type zoneWant struct {
		upcoming int
		events   []wanted
	}
	var want []zoneWant
	for zi, z := range nodeZones {
		zone, err := time.LoadLocation(z)
		if err != nil {
			t.Fatal(err)
		}
		start, err := time.ParseInLocation("2006-01-02T15:04", today, zone)
		if err != nil {
			t.Fatal(err)
		}
		in, err := json.Marshal(map[string]any{"rules": json.RawMessage(doc), "zone": z, "now": start.UTC().Format(time.RFC3339), "today": today, "inputs": inputs})
		if err != nil {
			t.Fatal(err)
		}
		cmd := exec.Command(node, "--input-type=module", "-e", fmt.Sprintf(upcomingRunner, mod("timeline.js"), mod("companion-calendar.js")))
		cmd.Stdin = bytes.NewReader(in)
		var stderr bytes.Buffer
		cmd.Stderr = &stderr
		cal, err := cmd.Output()
		if err != nil {
			t.Fatalf("%v\n%s", err, stderr.String())
		}
		write := func(name string, b []byte) int {
			f := filepath.Join(dir, fmt.Sprintf("%d-%s.ics", zi, name))
			if err := os.WriteFile(f, b, 0o644); err != nil {
				t.Fatal(err)
			}
			files = append(files, f)
			return len(files) - 1
		}
		w := zoneWant{upcoming: write("upcoming", cal)}
		for _, key := range []string{"later", "next", "open", "rejected"} {
			p, err := r.Plan(inputs[key])
			if err != nil {
				t.Fatal(err)
			}
			before, err := r.Plan(inputs[key].WithoutOutcome())
			if err != nil {
				t.Fatal(err)
			}
			gone := rules.Dropped(before, p)
			own, err := rules.ICS(r, inputs[key], p, rules.ICSOptions{Zone: zone, Now: start, Key: key, Cancel: gone})
			if err != nil {
				t.Fatal(err)
			}
			f := write(key, own)
			for i, s := range append(append([]rules.Step{}, p.Steps...), gone...) {
				if s.Suggested >= today {
					w.events = append(w.events, wanted{f, i})
				}
			}
		}
		want = append(want, w)
	}

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
		for zi, w := range want {
			upcoming := got[w.upcoming]
			var wantEvents [][3]string
			statuses := map[string]int{}
			for _, e := range w.events {
				wantEvents = append(wantEvents, got[e.file][e.event])
				statuses[got[e.file][e.event][2]]++
			}
			key := func(e [3]string) string { return strings.Join(e[:], " ") }
			sortEvents := func(es [][3]string) {
				slices.SortFunc(es, func(a, b [3]string) int { return strings.Compare(key(a), key(b)) })
			}
			sortEvents(upcoming)
			sortEvents(wantEvents)
			if !slices.Equal(upcoming, wantEvents) {
				t.Errorf("%s, %s: the file of every upcoming step holds\n%q\nwant the events not before %s\n%q", name, nodeZones[zi], upcoming, today, wantEvents)
			}
			if statuses["CONFIRMED"] == 0 || statuses["CANCELLED"] < 2 {
				t.Errorf("%s, %s: the case has %v: want steps ahead, and chasers cancelled by both outcomes", name, nodeZones[zi], statuses)
			}
		}
	}
}
