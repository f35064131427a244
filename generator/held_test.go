package generator_test

import (
	"context"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	playbook "github.com/followup-playbook/playbook"
	"github.com/followup-playbook/playbook/generator"
	"github.com/followup-playbook/playbook/generator/diag"
	"github.com/followup-playbook/playbook/generator/load/sitefs"
	"github.com/followup-playbook/playbook/generator/output"
)

// TestLinkToAHeldPage: a link to a page left out by its dates (its expiryDate passed, its
// publishDate to come) does not fail the build, which would make a site that built
// yesterday fail today with nothing changed, and is not written as a link to a page that
// is not there: its text stays, without the link, and a warning at the link's position
// says why and what to do. The next build after the publishDate, or one with -E or -F,
// links the page. A draft is another matter: a link to it is broken, as before.
func TestLinkToAHeldPage(t *testing.T) {
	site := fstest.MapFS{
		"site.toml":        {Data: []byte("title = \"Careers\"\nbaseURL = \"https://example.org/careers/\"\n")},
		"content/fair.md":  {Data: []byte("+++\ntitle = \"Spring fair\"\nexpiryDate = 2026-05-15\n+++\nThe fair.\n")},
		"content/talk.md":  {Data: []byte("+++\ntitle = \"Autumn talk\"\npublishDate = 2026-09-01\n+++\n## When\n")},
		"content/guide.md": {Data: []byte("+++\ntitle = \"Guide\"\n+++\nCome to [the fair](fair.md), to\n[the fair](/fair/) again, and to [the talk](talk.md#when), *soon*.\n")},
	}
	build := func(now string, opts generator.Options) (map[string][]byte, generator.Summary) {
		t.Helper()
		var err error
		if opts.Now, err = time.Parse(time.DateOnly, now); err != nil {
			t.Fatal(err)
		}
		out := &output.MemoryOutput{}
		sum, err := generator.Build(context.Background(), sitefs.Source{Site: site, Defaults: playbook.DefaultSite}, opts, out)
		if err != nil {
			t.Fatalf("at %s: the build failed:\n%s", now, diag.Report(err))
		}
		return out.Files(), sum
	}
	para := func(files map[string][]byte) string {
		t.Helper()
		page := string(files["guide/index.html"])
		from := strings.Index(page, "<p>Come to")
		if from < 0 {
			t.Fatalf("guide/index.html has no paragraph:\n%s", page)
		}
		return page[from : from+strings.Index(page[from:], "</p>")+4]
	}

	// Between the two: the fair has gone and the talk is to come.
	files, sum := build("2026-06-01", generator.Options{})
	if got, want := para(files), "<p>Come to the fair, to\nthe fair again, and to the talk, <em>soon</em>.</p>"; got != want {
		t.Errorf("the links to held pages:\n got %s\nwant %s", got, want)
	}
	var got []string
	for _, w := range sum.Warnings {
		got = append(got, w.Pos()+" "+w.Msg+" / "+w.Hint)
	}
	want := []string{
		"content/guide.md:4:9 warning: the link to fair.md (content/fair.md) is written as its text alone: the page expired on 2026-05-15 (its expiryDate), so this build leaves it out / take the link out, or give the page a later expiryDate; -E (--buildExpired) builds it all the same",
		"content/guide.md:5:1 warning: the link to /fair/ (content/fair.md) is written as its text alone: the page expired on 2026-05-15 (its expiryDate), so this build leaves it out / take the link out, or give the page a later expiryDate; -E (--buildExpired) builds it all the same",
		"content/guide.md:5:34 warning: the link to talk.md#when (content/talk.md) is written as its text alone: the page is published on 2026-09-01 (its publishDate), and this build is before then / the first build on or after that day links it (build the site on that day, or daily); -F (--buildFuture) builds the page now",
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("the warnings:\n got %s\nwant %s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}

	// Once the talk is published, it is linked; the fair is still text.
	files, sum = build("2026-09-01", generator.Options{})
	if got, want := para(files), `<p>Come to the fair, to
the fair again, and to <a href="/careers/talk/#when">the talk</a>, <em>soon</em>.</p>`; got != want {
		t.Errorf("after the publishDate:\n got %s\nwant %s", got, want)
	}
	if len(sum.Warnings) != 2 {
		t.Errorf("after the publishDate: %d warnings, want the fair's two", len(sum.Warnings))
	}

	// -E and -F build both pages, and link them.
	files, sum = build("2026-06-01", generator.Options{Expired: true, Future: true})
	if got, want := para(files), `<p>Come to <a href="/careers/fair/">the fair</a>, to
<a href="/careers/fair/">the fair</a> again, and to <a href="/careers/talk/#when">the talk</a>, <em>soon</em>.</p>`; got != want || len(sum.Warnings) != 0 {
		t.Errorf("with -E and -F (%d warnings):\n got %s\nwant %s", len(sum.Warnings), got, want)
	}

	// A draft is never published by a date: a link to it is broken.
	site["content/fair.md"] = &fstest.MapFile{Data: []byte("+++\ntitle = \"Spring fair\"\ndraft = true\nexpiryDate = 2026-05-15\n+++\n")}
	_, err := generator.Build(context.Background(), sitefs.Source{Site: site, Defaults: playbook.DefaultSite}, generator.Options{Now: time.Date(2026, 6, 1, 0, 0, 0, 0, time.UTC)}, &output.MemoryOutput{})
	if ps := diag.Problems(err); len(ps) != 2 || !strings.HasPrefix(ps[0].Msg, "broken link: fair.md") {
		t.Errorf("a link to a draft: %v", err)
	}
}
