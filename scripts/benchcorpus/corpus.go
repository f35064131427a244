// Package benchcorpus writes synthetic Follow-Up Playbook sites for benchmarks: realistic
// guidance pages with TOML front matter, links and lists, and the repository's own message
// templates. The same size and seed always give the same bytes.
package benchcorpus

import (
	"bytes"
	"fmt"
	"io/fs"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"

	playbook "github.com/followup-playbook/playbook"
)

// Stats says what Write wrote.
type Stats struct {
	Pages         int
	Messages      int
	MarkdownBytes int64
}

// Write fills dir with a site of n guidance pages: site.toml, content/playbooks/*.md and
// content/messages/*.toml.
func Write(dir string, n int, seed int64) (Stats, error) {
	var st Stats
	pagesDir := filepath.Join(dir, "content", "playbooks")
	msgDir := filepath.Join(dir, "content", "messages")
	for _, d := range []string{pagesDir, msgDir} {
		if err := os.MkdirAll(d, 0o755); err != nil {
			return st, err
		}
	}
	if err := os.WriteFile(filepath.Join(dir, "site.toml"), []byte(SiteTOML), 0o644); err != nil {
		return st, err
	}
	msgs, err := fs.Glob(playbook.DefaultSite, "content/messages/*.toml")
	if err != nil {
		return st, err
	}
	for _, m := range msgs {
		b, err := fs.ReadFile(playbook.DefaultSite, m)
		if err != nil {
			return st, err
		}
		if err := os.WriteFile(filepath.Join(msgDir, filepath.Base(m)), b, 0o644); err != nil {
			return st, err
		}
		st.Messages++
	}
	g := New(n, seed)
	var buf bytes.Buffer
	for i := range n {
		buf.Reset()
		g.Page(&buf, i)
		if err := os.WriteFile(filepath.Join(pagesDir, g.Slug(i)+".md"), buf.Bytes(), 0o644); err != nil {
			return st, err
		}
		st.Pages++
		st.MarkdownBytes += int64(buf.Len())
	}
	return st, nil
}

// SiteTOML is the generated site's configuration.
const SiteTOML = `title = "Follow-up Playbook"
description = "Synthetic guidance pages for benchmarks."
`

// Generator makes the pages of one corpus.
type Generator struct {
	n    int
	seed int64
}

// New returns the generator of an n-page corpus.
func New(n int, seed int64) *Generator { return &Generator{n: n, seed: seed} }

var topics = []string{
	"send a thank-you note after a panel interview",
	"chase a decision that is overdue",
	"ask for a referral without being awkward",
	"follow up after a phone screen",
	"reply to a rejection gracefully",
	"negotiate the start date",
	"re-engage a mentor you have neglected",
	"withdraw from a process politely",
	"ask for feedback after a final round",
	"follow up on LinkedIn without spamming",
	"confirm the next steps in writing",
	"check in while waiting on references",
	"keep warm a recruiter who went quiet",
	"answer a counter-offer",
	"thank the person who referred you",
	"leave a voicemail that gets returned",
}

var subjects = []string{
	"A short follow-up", "The hiring manager", "Your referral", "A specific question",
	"The recruiter", "A warm contact", "Your mentor", "The interview panel",
	"A polite reminder", "A concise note", "The talent partner", "Your network",
	"The offer conversation", "A two-line email",
}

var verbs = []string{
	"strengthens", "clarifies", "softens", "summarizes", "anchors", "reframes",
	"signals", "opens", "accelerates", "shortens", "documents", "protects",
}

var objects = []string{
	"the commitment you made", "the timeline everyone agreed on", "the trust you built in the room",
	"your understanding of their priorities", "the next step in the process", "the details of the offer",
	"the relationship beyond this opening", "the problem you discussed", "the case for your candidacy",
	"the budget conversation",
}

var conditions = []string{
	"when you name the person who introduced you", "even when the answer is no",
	"if you attach nothing they did not ask for", "as long as it asks one clear question",
	"before the team meets again", "after you have done your homework", "on a Tuesday morning",
	"when it references something concrete", "without sounding needy",
}

var openers = []string{
	"Above all, ", "In practice, ", "Counterintuitively, ", "For senior roles especially, ",
	"Most of the time, ", "",
}

var headings = []string{
	"Timing and cadence", "What to write", "Common mistakes", "When they go quiet",
	"Over LinkedIn", "By phone", "A worked example", "If you get no reply",
	"Before you hit send", "What to avoid",
}

var listItems = []string{
	"Thank them for their time, once", "Note the date and outcome in your tracker",
	"Keep the subject line in the original thread", "Reference one concrete detail from the conversation",
	"Avoid apologising for following up", "Say when you will check in next",
	"Offer one piece of new information", "Keep it under 120 words",
	"Copy nobody who was not in the thread", "Read it aloud before sending",
}

var external = []string{
	"[a negotiation primer](https://example.net/negotiation/primer)",
	"[salary benchmarks](https://example.com/data/salary-benchmarks)",
	"[the recruiter's own guide](https://example.org/guides/recruiters)",
	"[a study of response times](https://example.net/research/response-times)",
}

var emphasis = []string{
	"*a reason to reply*", "**within two days**", "**their words, not yours**", "*one clear ask*",
	"`Re:` prefix", "`Subject:` line",
}

// Slug is page i's file name without ".md".
func (g *Generator) Slug(i int) string {
	t := topics[i%len(topics)]
	return fmt.Sprintf("%s-%05d", strings.ReplaceAll(t, " ", "-"), i)
}

func (g *Generator) title(i int) string {
	t := topics[i%len(topics)]
	return fmt.Sprintf("%s%s (play %d)", strings.ToUpper(t[:1]), t[1:], i)
}

func pick[T any](r *rand.Rand, s []T) T { return s[r.IntN(len(s))] }

// Page writes page i: front matter, then 520-1,250 words of Markdown (860 on average).
func (g *Generator) Page(w *bytes.Buffer, i int) {
	r := rand.New(rand.NewPCG(uint64(g.seed), uint64(i)))
	topic := topics[i%len(topics)]
	fmt.Fprintf(w, "+++\ntitle = %q\ndescription = %q\ndate = %04d-%02d-%02d\n+++\n\n",
		g.title(i), "A field-tested playbook: "+topic+", with timing, wording and a template.",
		2020+r.IntN(6), 1+r.IntN(12), 1+r.IntN(28))
	target := 480 + r.IntN(560) // counted words; the page ends up with 600-1,250
	words := 0
	sentence := func() {
		subj := pick(r, subjects)
		op := pick(r, openers)
		if op != "" && !strings.HasPrefix(subj, "A ") {
			subj = strings.ToLower(subj[:1]) + subj[1:]
		}
		s := op + subj + " " + pick(r, verbs) + " " + pick(r, objects) + " " + pick(r, conditions)
		if r.IntN(4) == 0 {
			s += ", and " + pick(r, emphasis) + " beats a long story"
		}
		if r.IntN(6) == 0 {
			j := r.IntN(g.n)
			if j != i {
				s += " (see [" + topics[j%len(topics)] + fmt.Sprintf(" (play %d)", j) + "](" + g.Slug(j) + ".md))"
			}
		}
		if r.IntN(8) == 0 {
			s += "; there is " + pick(r, external) + " if you want the numbers"
		}
		if s[0] >= 'a' && s[0] <= 'z' {
			s = strings.ToUpper(s[:1]) + s[1:]
		}
		w.WriteString(s)
		w.WriteString(". ")
		words += strings.Count(s, " ") + 1
	}
	paragraph := func() {
		for range 2 + r.IntN(4) {
			sentence()
		}
		w.Truncate(w.Len() - 1)
		w.WriteString("\n\n")
	}
	paragraph()
	quoted := false
	templated := i%3 != 0
	for words < target {
		switch k := r.IntN(10); {
		case k < 2:
			fmt.Fprintf(w, "## %s\n\n", pick(r, headings))
			words += 3
			paragraph()
		case k < 3:
			fmt.Fprintf(w, "### %s\n\n", pick(r, headings))
			words += 3
			paragraph()
		case k < 4:
			for range 3 + r.IntN(4) {
				w.WriteString("- " + pick(r, listItems) + "\n")
				words += 6
			}
			w.WriteString("\n")
		case k < 5:
			for n := range 3 + r.IntN(3) {
				fmt.Fprintf(w, "%d. %s\n", n+1, pick(r, listItems))
				words += 6
			}
			w.WriteString("\n")
		case k < 6 && !quoted:
			quoted = true
			w.WriteString("> " + pick(r, subjects) + " " + pick(r, verbs) + " " + pick(r, objects) + ".\n\n")
			words += 8
		case k < 7 && !templated:
			templated = true
			w.WriteString("```text\nSubject: Following up on our conversation\n\nDear {name},\n\nThank you again for your time on {date}. I remain very interested in the role.\n\nBest wishes,\n{your_name}\n```\n\n")
			words += 25
		default:
			paragraph()
		}
	}
}

// CachedDir is the folder Cached keeps the n-page corpus in.
func CachedDir(n int) string {
	return filepath.Join(os.TempDir(), "playbook-benchsite", fmt.Sprintf("v1-n%d", n))
}

// Cached returns a folder under os.TempDir() holding the n-page corpus of seed 1, writing it
// first if it is not there yet (into a temporary folder renamed into place, so an
// interrupted run leaves nothing half-written behind that name).
func Cached(n int) (string, error) {
	dir := CachedDir(n)
	root := filepath.Dir(dir)
	if _, err := os.Stat(filepath.Join(dir, "site.toml")); err == nil {
		return dir, nil
	}
	if err := os.MkdirAll(root, 0o755); err != nil {
		return "", err
	}
	tmp, err := os.MkdirTemp(root, ".tmp-")
	if err != nil {
		return "", err
	}
	if _, err := Write(tmp, n, 1); err != nil {
		return "", err
	}
	if err := os.Rename(tmp, dir); err != nil {
		if _, e := os.Stat(filepath.Join(dir, "site.toml")); e == nil {
			return dir, nil // another process won the race; tmp is left for the OS to clean
		}
		return "", err
	}
	return dir, nil
}
