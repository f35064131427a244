package search

import (
	"bytes"
	"encoding/json"
	"flag"
	"fmt"
	"math/rand/v2"
	"os"
	"slices"
	"strings"
	"testing"

	"github.com/followup-playbook/playbook/scripts/benchcorpus"
)

var update = flag.Bool("update", false, "rewrite static/js/testdata/search-cases.json from the Go stemmer")

func TestWords(t *testing.T) {
	for _, tc := range []struct {
		text string
		want []string
	}{
		{"Thank-you notes", []string{"thank", "you", "notes"}},
		{"Don't chase; the candidate’s note", []string{"dont", "chase", "the", "candidates", "note"}},
		{"'quoted' words, 24 hours", []string{"quoted", "words", "24", "hours"}},
		{"Café ÉCOLE", []string{"café", "école"}},
		{"", nil},
	} {
		var got []string
		Words(tc.text, func(w string) { got = append(got, w) })
		if !slices.Equal(got, tc.want) {
			t.Errorf("Words(%q) = %q, want %q", tc.text, got, tc.want)
		}
	}
}

func TestStripMarkup(t *testing.T) {
	for _, tc := range []struct{ md, want string }{
		{"Within {{< rule thank-you.within >}} of it", "Within                               of it"},
		{"[the chaser](chaser.md) now", "[the chaser]            now"},
		{"a <abbr title=\"x\">b</abbr>", "a                 b       "},
		{"no markup", "no markup"},
		{"unclosed {{< rule", "unclosed {{< rule"},
	} {
		if got := string(stripMarkup(nil, []byte(tc.md))); got != tc.want {
			t.Errorf("stripMarkup(%q) = %q, want %q", tc.md, got, tc.want)
		}
	}
}

// decode reads a stem's gaps back into pages and title flags.
func decode(gaps []uint32) (pages []int, titles []bool) {
	v := uint32(0)
	for _, g := range gaps {
		v += g
		pages = append(pages, int(v>>1))
		titles = append(titles, v&1 == 1)
	}
	return pages, titles
}

func TestSmallIndexIsOneFile(t *testing.T) {
	files := New([]Doc{
		{URL: "chaser/", Title: "Chasing a decision", Text: [][]byte{[]byte("When they said they would decide and did not, chase [politely](x.md).")}},
		{URL: "templates/thank-you/", Title: "Thank-you note", Text: [][]byte{[]byte("Thank them for the interview; decisions take time.")}},
	}).Files()
	if len(files) != 1 {
		t.Fatalf("files = %v, want index.json alone", slices.Collect(func(yield func(string) bool) {
			for n := range files {
				yield(n)
			}
		}))
	}
	var ix struct {
		Stop  []string
		Pages [][2]string
		Index map[string][]uint32
	}
	if err := json.Unmarshal(files[IndexFile], &ix); err != nil {
		t.Fatal(err)
	}
	if !slices.Contains(ix.Stop, "the") || slices.Contains(ix.Stop, "chase") {
		t.Errorf("stop = %q", ix.Stop)
	}
	if _, ok := ix.Index["x"]; ok {
		t.Error("a link's destination was indexed")
	}
	for _, tc := range []struct {
		stem   string
		pages  []int
		titles []bool
	}{
		{"decis", []int{0, 1}, []bool{true, false}}, // "decision" in a title, "decisions" in a text
		{"chase", []int{0}, []bool{true}},           // "Chasing" and "chase" are one stem, counted once
		{"thank", []int{1}, []bool{true}},
	} {
		pages, titles := decode(ix.Index[tc.stem])
		if !slices.Equal(pages, tc.pages) || !slices.Equal(titles, tc.titles) {
			t.Errorf("%s: pages %v titles %v, want %v %v", tc.stem, pages, titles, tc.pages, tc.titles)
		}
	}
	if ix.Pages[1] != [2]string{"templates/thank-you/", "Thank-you note"} {
		t.Errorf("pages = %q", ix.Pages)
	}
}

// TestLargeIndexIsSharded builds an index past InlineBytes and finds every stem again
// through index.json's shards, as the search box does: the shard of the longest listed
// prefix, each under ShardBytes unless it holds one stem.
func TestLargeIndexIsSharded(t *testing.T) {
	var docs []Doc
	for i := range 3000 {
		docs = append(docs, Doc{URL: fmt.Sprintf("p%d/", i), Title: fmt.Sprintf("Page %d", i),
			Text: [][]byte{fmt.Appendf(nil, "interview word%d alpha%d beta%d", i, i%97, i%13)}})
	}
	files := New(docs).Files()
	var ix struct {
		Shards  []string
		PerFile int
		Count   int
	}
	if err := json.Unmarshal(files[IndexFile], &ix); err != nil {
		t.Fatal(err)
	}
	if ix.Count != 3000 || ix.PerFile != PagesPerFile || len(ix.Shards) < 2 {
		t.Fatalf("index.json = %s", files[IndexFile])
	}
	find := func(stem string) []uint32 {
		best := -1
		for i, p := range ix.Shards {
			if strings.HasPrefix(stem, p) && (best < 0 || len(p) > len(ix.Shards[best])) {
				best = i
			}
		}
		if best < 0 {
			return nil
		}
		var sh map[string][]uint32
		if err := json.Unmarshal(files[fmt.Sprintf("%ss%d.json", Dir, best)], &sh); err != nil {
			t.Fatal(err)
		}
		return sh[stem]
	}
	for _, tc := range []struct {
		stem  string
		pages []int
	}{
		{"word1234", []int{1234}},
		{"alpha5", nil}, // filled below
		{"interview", nil},
		{"nowher", nil},
	} {
		want := tc.pages
		switch tc.stem {
		case "alpha5":
			for i := 5; i < 3000; i += 97 {
				want = append(want, i)
			}
		case "interview":
			for i := range 3000 {
				want = append(want, i)
			}
		}
		got, _ := decode(find(tc.stem))
		if !slices.Equal(got, want) {
			t.Errorf("%s: pages %v, want %v", tc.stem, got, want)
		}
	}
	for i := range ix.Shards {
		b := files[fmt.Sprintf("%ss%d.json", Dir, i)]
		if len(b) > ShardBytes+1 && bytes.Count(b, []byte(":")) > 1 {
			t.Errorf("shard %q is %d bytes", ix.Shards[i], len(b))
		}
	}
	var pages [][2]string
	if err := json.Unmarshal(files[Dir+"p19.json"], &pages); err != nil {
		t.Fatal(err)
	}
	if pages[2] != [2]string{"p1218/", "Page 1218"} {
		t.Errorf("p19.json[2] = %q", pages[2])
	}
}

// TestStemCases writes the words the browser's stemmer (static/js/stem.js) must stem as
// this package does, with the Go stemmer's stems: static/js/search.test.mjs reads them.
// The words are the default site's and the forms Porter2 treats specially.
func TestStemCases(t *testing.T) {
	const file = "../../static/js/testdata/search-cases.json"
	words := map[string]bool{}
	for _, dir := range []string{"../../content", "../../content/messages"} {
		entries, err := os.ReadDir(dir)
		if err != nil {
			t.Fatal(err)
		}
		for _, e := range entries {
			if e.IsDir() {
				continue
			}
			b, err := os.ReadFile(dir + "/" + e.Name())
			if err != nil {
				t.Fatal(err)
			}
			Words(string(b), func(w string) { words[w] = true })
		}
	}
	for _, w := range strings.Fields(`generously generous generate generation gener arsenal communism communal
		news skis skies dying lying tying idly gently ugly early only singly sky howe atlas cosmos bias andes
		succeed proceed exceed canning inning outing herring earring cried ties tie hopping hoped agreed feed
		consign consigned consigning consignment consist consisted consistency consistent consistently
		knack knackered kneel kneeling knew 2026 24h café écoles abc y yy youth eyed`) {
		words[w] = true
	}
	type stemCase struct {
		Word string `json:"word"`
		Stem string `json:"stem"`
	}
	var cases []stemCase
	for _, w := range slices.Sorted(func(yield func(string) bool) {
		for w := range words {
			yield(w)
		}
	}) {
		cases = append(cases, stemCase{w, Stem(w)})
	}
	got, err := json.MarshalIndent(struct {
		Comment string     `json:"comment"`
		Cases   []stemCase `json:"cases"`
	}{"Written by go test ./generator/search -run TestStemCases -update: each word and its stem by the Go index (\"\" for a stop word).", cases}, "", " ")
	if err != nil {
		t.Fatal(err)
	}
	got = append(got, '\n')
	if *update {
		if err := os.WriteFile(file, got, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(file)
	if err != nil || !bytes.Equal(got, want) {
		t.Fatalf("%s is stale (%v): go test ./generator/search -run TestStemCases -update", file, err)
	}
}

// TestWithLeavesTheIndexAsItWas: a page indexed again with new words is found by them and
// no longer by its old ones, as an index made afresh has it, and the index it came from
// still answers as before (the dev server keeps it until the patch is done).
func TestWithLeavesTheIndexAsItWas(t *testing.T) {
	docs := []Doc{
		{URL: "a/", Title: "First", Text: [][]byte{[]byte("Chasers and notes.")}},
		{URL: "b/", Title: "Second", Text: [][]byte{[]byte("Notes only.")}},
	}
	old := New(docs)
	before := old.Files()[IndexFile]
	next, ok := old.With(Doc{URL: "a/", Title: "First", Text: [][]byte{[]byte("Withdrawals, never again.")}})
	if !ok {
		t.Fatal("With found no page a/")
	}
	if got := old.Files()[IndexFile]; !bytes.Equal(got, before) {
		t.Errorf("the old index changed:\n%s\nwas\n%s", got, before)
	}
	docs[0].Text = [][]byte{[]byte("Withdrawals, never again.")}
	if got, want := next.Files()[IndexFile], New(docs).Files()[IndexFile]; !bytes.Equal(got, want) {
		t.Errorf("With gave\n%s\nwant, as a new index,\n%s", got, want)
	}
	if _, ok := old.With(Doc{URL: "nowhere/"}); ok {
		t.Error("With indexed a page the index does not have")
	}
}

// TestBuilderInAnyOrder: documents added one at a time in any order give the files New
// gives for them in order; an index built patchable is patched as New's is, and one built
// to be written only cannot be.
func TestBuilderInAnyOrder(t *testing.T) {
	var docs []Doc
	for i := range 3000 {
		docs = append(docs, Doc{URL: fmt.Sprintf("p%d/", i), Title: fmt.Sprintf("Page %d of the notes", i),
			Text: [][]byte{fmt.Appendf(nil, "interview word%d alpha%d beta%d the and chasers", i, i%97, i%13)}})
	}
	want := New(docs).Files()
	edited := slices.Clone(docs)
	edited[1500] = Doc{URL: "p1500/", Title: "Page 1500, renamed", Text: [][]byte{[]byte("withdrawal alpha3 and a newword")}}
	wantEdited := New(edited).Files()
	inOrder := make([]int, len(docs))
	for i := range inOrder {
		inOrder[i] = i
	}
	lateFirst := append(slices.Clone(inOrder[1:]), 0)
	reversed := slices.Clone(inOrder)
	slices.Reverse(reversed)
	shuffled := rand.New(rand.NewPCG(1, 2)).Perm(len(docs))
	same := func(what string, got, want map[string][]byte) {
		t.Helper()
		if len(got) != len(want) {
			t.Errorf("%s: %d files, want %d", what, len(got), len(want))
		}
		for n, w := range want {
			if !bytes.Equal(got[n], w) {
				t.Errorf("%s: %s differs from New's", what, n)
			}
		}
	}
	for name, order := range map[string][]int{"in order": inOrder, "the first last": lateFirst, "reversed": reversed, "shuffled": shuffled} {
		for _, patchable := range []bool{false, true} {
			what := fmt.Sprintf("%s, patchable %v", name, patchable)
			b := NewBuilder(len(docs), patchable)
			for _, d := range order {
				b.Add(d, docs[d])
			}
			ix := b.Index()
			same(what, ix.Files(), want)
			next, ok := ix.With(edited[1500])
			if ok != patchable {
				t.Errorf("%s: With patched: %v", what, ok)
			}
			if ok {
				same(what+", patched", next.Files(), wantEdited)
			}
		}
	}
}

// TestScanSplitsAsWords: the index's own loop (terms.scan) finds the words Words finds in
// stripMarkup's text, each in the table under wordHash's hash, in text of every kind:
// apostrophes inside and around words, capitals, letters beyond ASCII, digits, markup closed
// and not, and every page and message of the default site.
func TestScanSplitsAsWords(t *testing.T) {
	texts := []string{
		"Don't chase; the candidate’s note", "'quoted' ’quoted’ words'", "Café ÉCOLE straße İstanbul ǅemal",
		"24 hours, 2026-03-12T15:00", "x", "", "  ", "a\tb\nc", "ÀÉÎÕÜ ß ﬁ ½ ٣", "rock'n'roll '' ’’ a''b",
		"[the chaser](chaser.md) {{< rule x >}} <b>bold</b>", "a](b c {{< d <e f ] ( <1> </g>h[i](j)k",
		"{{<x>}}{{<", "](", "<", "](unclosed <p", "word<br>word](x)word{{<y>}}word",
	}
	for _, dir := range []string{"../../content", "../../content/messages"} {
		entries, err := os.ReadDir(dir)
		if err != nil {
			t.Fatal(err)
		}
		for _, e := range entries {
			if b, err := os.ReadFile(dir + "/" + e.Name()); err == nil && !e.IsDir() {
				texts = append(texts, string(b))
			}
		}
	}
	for _, text := range texts {
		var want []string
		Words(string(stripMarkup(nil, []byte(text))), func(w string) { want = append(want, w) })
		dc := &dict{words: newWordTable(), ids: map[string]int32{}}
		tb := terms{dc: dc, mark: 0}
		tb.scan([]byte(text), false)
		var got []string
		for _, term := range tb.out {
			got = append(got, dc.stems[term>>1])
		}
		var stems []string
		for _, w := range want {
			s := Stem(w)
			if s == "" {
				s = stopMark + w
			}
			if !slices.Contains(stems, s) {
				stems = append(stems, s)
			}
		}
		if !slices.Equal(got, stems) {
			t.Errorf("%.60q: scan found the stems %q, Words %q", text, got, stems)
		}
		for _, w := range want {
			head, h := wordHash([]byte(w))
			if slot := dc.words.find([]byte(w), head, h); slot.id == 0 {
				t.Errorf("%.60q: %q is not in the table under its hash", text, w)
			}
		}
	}
}

// TestWordHashIn: the hash scan takes from eight bytes at a time of the text around a word
// is wordHash's of the word alone, whatever bytes follow it.
func TestWordHashIn(t *testing.T) {
	for _, w := range []string{"a", "the", "chaser", "followup", "interview", "conversations", "straße", "rock'n'roll-candidates"} {
		for _, after := range []string{"", " ", "xxxxxxxx", "\xff\xff\xff\xff\xff\xff\xff\xff"} {
			b := []byte(w + after + "........")
			head, h := wordHashIn(b, len(w))
			wantHead, want := wordHash([]byte(w))
			if head != wantHead || h != want {
				t.Errorf("wordHashIn(%q + %q) = %x, %x; wordHash(%q) = %x, %x", w, after, head, h, w, wantHead, want)
			}
		}
	}
}

// TestWithWritesAsNewDoes: an index made by a chain of With, each writing only the files
// its change touches, writes every file as New's index of the same pages does, byte for
// byte, whether an edit brings new words, takes a stem's last page, moves a shard's size
// across ShardBytes, or changes a title, from an index its Builder was given the pages of
// in no order; the files it did not touch are the very bytes of the index it came from.
func TestWithWritesAsNewDoes(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	word := func() string {
		const letters = "abcdefghijklmnoprstuvwy"
		b := make([]byte, 3+rng.IntN(6))
		for i := range b {
			b[i] = letters[rng.IntN(len(letters))]
		}
		return string(b)
	}
	vocab := make([]string, 3000)
	for i := range vocab {
		vocab[i] = word()
	}
	text := func(n int) [][]byte {
		var b strings.Builder
		for range n {
			b.WriteString(vocab[rng.IntN(len(vocab))] + " ")
		}
		b.WriteString("the and")
		return [][]byte{[]byte(b.String())}
	}
	var docs []Doc
	for i := range 400 {
		docs = append(docs, Doc{URL: fmt.Sprintf("p%d/", i), Title: "Page " + vocab[i], Text: text(60)})
	}
	// Added in no order, as a build adds its pages: the stems are not numbered as New's.
	b := NewBuilder(len(docs), true)
	for _, d := range rng.Perm(len(docs)) {
		b.Add(d, docs[d])
	}
	ix := b.Index()
	if files := ix.Files(); len(files) < 10 {
		t.Fatalf("the test index has %d files: not sharded", len(files))
	}
	for step := range 60 {
		d := rng.IntN(len(docs))
		doc := docs[d]
		switch step % 5 {
		case 0: // new words, never seen
			doc.Text = append(text(30), []byte(fmt.Sprintf("zz%dq qq%dz", step, step)))
		case 1: // few words: stems lose pages, some their last
			doc.Text = [][]byte{[]byte(vocab[rng.IntN(len(vocab))])}
		case 2: // a new title
			doc.Title = "Retitled " + word()
		case 3: // many words: shards grow
			doc.Text = text(600)
		default: // no stop words left
			doc.Text = [][]byte{[]byte("quokka")}
		}
		docs[d] = doc
		prev := ix.Files()
		next, ok := ix.With(doc)
		if !ok {
			t.Fatal("With found no page")
		}
		got, want := next.Files(), New(docs).Files()
		if len(got) != len(want) {
			t.Fatalf("step %d: %d files, want %d", step, len(got), len(want))
		}
		for name, b := range want {
			if !bytes.Equal(got[name], b) {
				t.Fatalf("step %d: %s differs from New's:\n%.300s\nwant\n%.300s", step, name, got[name], b)
			}
		}
		same := 0
		for name, b := range got {
			if old, ok := prev[name]; ok && len(b) > 0 && len(old) > 0 && &b[0] == &old[0] {
				same++
			}
		}
		if same == 0 {
			t.Errorf("step %d: every file was written again", step)
		}
		ix = next
	}
}

// The two halves of what the index's loop (terms.scan) does at once, written apart as the
// reference TestScanSplitsAsWords holds it to.

// stripMarkup blanks what Markdown says to the machine rather than the reader: a
// shortcode ({{< rule thank-you.within >}}), a link's or image's destination, an HTML
// tag. What is left is the text, with punctuation that Words skips.
// md is left as it is: the text is copied into buf first, when there is markup to blank.
func stripMarkup(buf, md []byte) []byte {
	if !bytes.ContainsAny(md, "{]<") {
		return md
	}
	out := append(buf[:0], md...)
	blank := func(from int, end string) int {
		j := bytes.Index(out[from:], []byte(end))
		if j < 0 {
			return from + 1 // not closed: text, as Markdown leaves it
		}
		for k := from; k < from+j+len(end); k++ {
			out[k] = ' '
		}
		return from + j + len(end)
	}
	for i := 0; i < len(out); i++ {
		switch {
		case out[i] == '{' && i+2 < len(out) && out[i+1] == '{' && out[i+2] == '<':
			i = blank(i, ">}}") - 1
		case out[i] == ']' && i+1 < len(out) && out[i+1] == '(':
			i = blank(i+1, ")") - 1
		case out[i] == '<' && i+1 < len(out) && (out[i+1] == '/' || out[i+1] >= 'a' && out[i+1] <= 'z'):
			i = blank(i, ">") - 1
		}
	}
	return out
}

// BenchmarkWithFiles is a dev server's save of one page's body in a 100,000-page site, as
// far as the index goes: With, then Files, each save bringing a new word. The pages are
// small, but as many stems as the benchmark corpus has (each title's number is one).
//
//	go test -run '^$' -bench WithFiles -benchtime 50x ./generator/search
func BenchmarkWithFiles(b *testing.B) {
	rng := rand.New(rand.NewPCG(1, 2))
	vocab := make([]string, 3000)
	for i := range vocab {
		vocab[i] = fmt.Sprintf("w%dq", i)
	}
	docs := make([]Doc, 100000)
	for i := range docs {
		var text strings.Builder
		for range 30 {
			text.WriteString(vocab[rng.IntN(len(vocab))] + " ")
		}
		docs[i] = Doc{URL: fmt.Sprintf("p%d/", i), Title: fmt.Sprintf("Play %d", i), Text: [][]byte{[]byte(text.String())}}
	}
	ix := New(docs)
	ix.Files()
	i := 0
	for b.Loop() {
		i++
		doc := docs[50000]
		doc.Text = append(slices.Clone(doc.Text), fmt.Appendf(nil, "marker%d", i))
		next, ok := ix.With(doc)
		if !ok {
			b.Fatal("With found no page")
		}
		next.Files()
		ix = next
	}
}

// BenchmarkBuilder indexes the 1,000 pages of the benchmark corpus (scripts/benchcorpus)
// as a build without a dev server does: the words of each page's title and Markdown found,
// looked up and stemmed once each, and their postings packed.
//
//	go test -run '^$' -bench Builder -benchtime 20x ./generator/search
//
// On a busy machine count instructions instead, steadier than time: callgrind of the test
// binary (go test -c) with -test.benchtime 1x and 3x, the difference halved. Valgrind 3.19
// needs GODEBUG=cpu.rdtscp=off,asyncpreemptoff=1 to run a Go program; GOGC=off steadies it.
func BenchmarkBuilder(b *testing.B) {
	g := benchcorpus.New(1000, 1)
	docs := make([]Doc, 1000)
	var buf bytes.Buffer
	for i := range docs {
		buf.Reset()
		g.Page(&buf, i)
		docs[i] = Doc{URL: g.Slug(i) + "/", Title: g.Slug(i), Text: [][]byte{slices.Clone(buf.Bytes())}}
	}
	for b.Loop() {
		ib := NewBuilder(len(docs), false)
		for d, doc := range docs {
			ib.Add(d, doc)
		}
		ib.Index()
	}
}
