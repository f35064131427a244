// Package search makes the site's search index: the words of the guidance pages and the
// message templates, stemmed for English by github.com/kljensen/snowball (Porter2, the
// Snowball project's English stemmer), written as JSON files under search/ that the
// search box (static/js/search.js) reads.
//
// A small site's index is one file, search/index.json, with every page and posting in it,
// so a single fetch (and the service worker's one cached copy) answers every query. A
// larger site's index.json lists the shards instead: each stem's postings are in the
// shard of the longest listed prefix of the stem, the prefixes grown letter by letter
// until a shard is under ShardBytes, and the pages' addresses and titles are in files of
// PagesPerFile pages each. A first query then fetches index.json, a shard for each word,
// and the files of the pages it shows.
//
// The browser stems a query with the same algorithm (static/js/stem.js) and splits it into
// words the same way (Words); TestStemCases keeps the two in step.
package search

import (
	"bytes"
	"encoding/binary"
	"encoding/json"
	"fmt"
	"maps"
	"slices"
	"strconv"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"github.com/kljensen/snowball/english"
)

// Dir is the folder of the index's files; IndexFile is the one the search box fetches first.
const (
	Dir       = "search/"
	IndexFile = Dir + "index.json"
)

// The sizes that decide how an index is split. An index of up to InlineBytes is one
// file; past it, shards hold at most ShardBytes (unless one stem's postings alone are
// more), and the pages' files PagesPerFile pages each. They keep a first query on a
// 10,000-page site near 100 KB (scripts/searchbudget).
const (
	InlineBytes  = 24 << 10
	ShardBytes   = 16 << 10
	PagesPerFile = 64
)

// Doc is one page the search finds.
type Doc struct {
	// URL is the page's path relative to the base path ("chaser/"), Title its title.
	URL, Title string
	// Text is what the page says, Markdown or plain text, in pieces; the title counts too.
	Text [][]byte
}

// Index is what a search over the documents needs, before it is written. It is never
// changed once made (With makes another), so a dev server's patch can start from it.
type Index struct {
	pages [][2]string    // each page's URL and title, in order
	byURL map[string]int // a page's number by its URL
	// terms are each page's stems, once each, as stem<<1 | 1 when the title has it, sorted
	// and packed (see pack); nil unless the index was built patchable.
	terms chunks
	dict  *dict
	// postings are each stem's pages, page<<1 | 1 when in the title, in page order and
	// packed (nil unless the index was built patchable), and entries their JSON (see
	// entry), both by stem number; With makes again only those of the stems a page gained
	// or lost, so a dev server's save does not write 10,000 pages' postings again. Packed,
	// a 100,000-page site's stems and postings take 60 MB rather than 220.
	postings chunks
	entries  chunks
	pageJSON [][]byte // each of pages as JSON

	// prev is what Files wrote of the index With made this one from (nil for New's), and
	// touched the stems whose postings differ from it, retitled whether a title does: Files
	// then makes again only the files those change.
	prev     *written
	touched  []uint32
	retitled bool
	once     sync.Once
	out      *written // what Files wrote, once asked
}

// written is what Files made of an index, kept for the index With makes from it.
type written struct {
	sorted []string // the stems with postings, sorted
	ents   [][]byte // their entries, in that order
	stop   []string // the stop words the pages have, sorted
	shards map[string]writtenShard
	pages  map[string][]byte // the files of the pages' titles, by name
	files  map[string][]byte
}

// writtenShard is a shard's file, by its prefix: how many stems it has, and its bytes.
type writtenShard struct {
	n int
	b []byte
}

// dict is what the index knows of words: each word's stem and each stem's number. A stop
// word is its own stem behind a NUL ("\x00the"): it is counted as the other stems are, so
// index.json lists the stop words the pages have (dropped from a query), and never indexed.
// Indexes made by With share it, and add to it the words their pages bring: an index
// writes only the stems numbered below its len(entries), so words numbered after it was
// made change nothing it writes (copying it for a new word cost a dev server's save more
// than all the rest of the index's update). mu orders the additions and the reads.
type dict struct {
	mu    sync.Mutex
	words *wordTable       // a word as written (lower case) → its stem's number
	ids   map[string]int32 // a stem → its number
	stems []string
	// terms is termsOf's scratch, kept from page to page.
	terms []uint32
}

const stopMark = "\x00"

// id is the number of word's stem, whose head and hash wordHash gives.
func (dc *dict) id(word []byte, head, h uint64) int32 {
	if slot := dc.words.find(word, head, h); slot.id != 0 {
		return slot.id - 1
	}
	w := string(word)
	s := stopMark + w
	if !english.IsStopWord(w) {
		s = stem(w)
	}
	id, seen := dc.ids[s]
	if !seen {
		id = int32(len(dc.stems))
		dc.ids[s] = id
		dc.stems = append(dc.stems, s)
	}
	dc.words.put(word, head, h, id)
	return id
}

// termsOf are doc's stems, once each, the title's marked; seen is scratch for it, kept
// between calls (a stem's last page, mark), and buf the words' bytes. The terms are
// gathered in dc.terms, kept from page to page: they are the caller's until the next call,
// and copied by a caller that keeps them longer.
func (dc *dict) termsOf(doc Doc, mark int32, seen *[]int32, buf []byte) ([]uint32, []byte) {
	tb := terms{dc: dc, mark: mark, seen: *seen, out: dc.terms[:0], buf: buf}
	tb.scan([]byte(doc.Title), true)
	for _, t := range doc.Text {
		tb.scan(t, false)
	}
	*seen, dc.terms = tb.seen, tb.out
	return tb.out, tb.buf
}

// terms gathers a page's stems (see termsOf).
type terms struct {
	dc   *dict
	mark int32
	seen []int32
	out  []uint32
	buf  []byte
}

// scan adds the stem of each word of text, as eachWord splits the text once its markup is
// blanked (the tests' stripMarkup): this loop is most of the time an index takes, so it is
// those written out as one, without a copy of the page or a call for each byte
// (TestScanSplitsAsWords keeps them alike). A word of lower-case ASCII letters and digits,
// most words, is looked up where it lies in text; any other is copied into tb.buf as
// eachWord would make it.
func (tb *terms) scan(text []byte, title bool) {
	buf := tb.buf[:0]
	for i := 0; i < len(text); {
		c := text[i]
		switch byteClass[c] {
		case byPlain:
			j := i + 1
			for j < len(text) && byteClass[text[j]] == byPlain {
				j++
			}
			if len(buf) == 0 && (j == len(text) || byteClass[text[j]] <= byMarkup) {
				tb.add(text[i:], j-i, title)
			} else {
				buf = append(buf, text[i:j]...)
			}
			i = j
		case bySeparator:
			if len(buf) > 0 {
				tb.add(buf[:cap(buf)], len(buf), title)
				buf = buf[:0]
			}
			i++
		case byCapital:
			buf = append(buf, c+'a'-'A')
			i++
		case byApostrophe:
			i++ // inside a word, the word goes on without it; between words, nothing
		case byMarkup:
			if len(buf) > 0 {
				tb.add(buf[:cap(buf)], len(buf), title)
				buf = buf[:0]
			}
			if end := markupEnd(text, i); end > i {
				i = end
			} else {
				i++ // not closed: text, as Markdown leaves it
			}
		default: // beyond ASCII
			r, n := utf8.DecodeRune(text[i:])
			i += n
			switch {
			case r == '’' && len(buf) > 0:
			case unicode.IsLetter(r) || unicode.IsDigit(r):
				buf = utf8.AppendRune(buf, unicode.ToLower(r))
			case len(buf) > 0:
				tb.add(buf[:cap(buf)], len(buf), title)
				buf = buf[:0]
			}
		}
	}
	if len(buf) > 0 {
		tb.add(buf[:cap(buf)], len(buf), title)
	}
	tb.buf = buf[:0]
}

// What scan does with a byte, by its class: a separator or what may begin markup ({, ],
// <) ends a word; a plain byte (ASCII's lower-case letters and digits) is kept as it is, a
// capital lower-cased, an apostrophe left out; a byte beyond ASCII is read with the
// character it begins.
const (
	bySeparator = iota
	byMarkup
	byPlain
	byCapital
	byApostrophe
	byHigh
)

var byteClass = func() (class [256]uint8) {
	for c := range 256 {
		switch {
		case 'a' <= c && c <= 'z' || '0' <= c && c <= '9':
			class[c] = byPlain
		case 'A' <= c && c <= 'Z':
			class[c] = byCapital
		case c == '\'':
			class[c] = byApostrophe
		case c == '{' || c == ']' || c == '<':
			class[c] = byMarkup
		case c >= utf8.RuneSelf:
			class[c] = byHigh
		}
	}
	return class
}()

// add adds the stem of the word b[:n] unless the page has it already; b goes on past the
// word as far as it may be read (see wordHashIn).
func (tb *terms) add(b []byte, n int, title bool) {
	var head, h uint64
	if (n+7)&^7 <= len(b) {
		head, h = wordHashIn(b, n)
	} else {
		head, h = wordHash(b[:n])
	}
	// The slot the word is nearly always in, looked at here: a call less for each word.
	var id int32
	if s := &tb.dc.words.slots[h>>tb.dc.words.shift]; s.head == head && int(s.len) == n && n <= 8 {
		id = s.id - 1
	} else {
		id = tb.dc.id(b[:n], head, h)
	}
	for int(id) >= len(tb.seen) {
		tb.seen = append(tb.seen, -1)
	}
	if tb.seen[id] == tb.mark {
		return
	}
	tb.seen[id] = tb.mark
	t := uint32(id) << 1
	if title {
		t |= 1
	}
	tb.out = append(tb.out, t)
}

// New indexes docs, in their order (the order results are listed in, title hits first).
func New(docs []Doc) *Index {
	b := NewBuilder(len(docs), true)
	for d, doc := range docs {
		b.Add(d, doc)
	}
	return b.Index()
}

// Builder indexes documents handed to it one at a time, in any order, so that a build can
// index each page as it renders it and keep no page's text once indexed. It is used from
// one goroutine.
type Builder struct {
	ix   *Index
	seen []int32
	buf  []byte
	// A page's stems wait in waiting until every page before them has come (pages come
	// nearly in order), then go into packed, each stem's postings as the varint gaps
	// between them, in page order. At 100,000 pages that is about 30 MB, where the stems
	// of every page and the postings made of them were 200 MB. Only an index to be patched
	// (With) keeps each page's stems, packed too.
	patchable bool
	waiting   map[int][]uint32
	next      int
	packed    [][]byte
	prev      []uint32 // each stem's last posting in packed
	terms     [][]byte // each page's stems, packed, when patchable
}

// NewBuilder starts the index of n documents; patchable keeps what With needs.
func NewBuilder(n int, patchable bool) *Builder {
	ix := &Index{pages: make([][2]string, n), byURL: make(map[string]int, n), dict: &dict{words: newWordTable(), ids: map[string]int32{}}}
	b := &Builder{ix: ix, patchable: patchable, waiting: map[int][]uint32{}}
	if patchable {
		b.terms = make([][]byte, n)
	}
	return b
}

// Add indexes doc as document d of the n, its place in the order results are listed in.
// The index does not depend on the order of the calls: stems are numbered as they come,
// but the files list them sorted.
func (b *Builder) Add(d int, doc Doc) {
	ix := b.ix
	ix.pages[d] = [2]string{doc.URL, doc.Title}
	ix.byURL[doc.URL] = d
	var terms []uint32
	terms, b.buf = ix.dict.termsOf(doc, int32(d), &b.seen, b.buf)
	if b.patchable {
		b.terms[d] = packTerms(terms)
	}
	if d != b.next {
		b.waiting[d] = slices.Clone(terms)
		return
	}
	b.pack(d, terms)
	b.next++
	for {
		t, ok := b.waiting[b.next]
		if !ok {
			return
		}
		delete(b.waiting, b.next)
		b.pack(b.next, t)
		b.next++
	}
}

// pack appends page d, whose stems are terms, to their postings.
func (b *Builder) pack(d int, terms []uint32) {
	b.grow()
	for _, t := range terms {
		id, v := t>>1, uint32(d)<<1|t&1
		b.packed[id] = binary.AppendUvarint(b.packed[id], uint64(v-b.prev[id]))
		b.prev[id] = v
	}
}

// grow gives every stem known a place in packed.
func (b *Builder) grow() {
	for len(b.packed) < len(b.ix.dict.stems) {
		b.packed = append(b.packed, nil)
		b.prev = append(b.prev, 0)
	}
}

// Index is the index of every document added; the Builder is done.
func (b *Builder) Index() *Index {
	ix := b.ix
	for _, p := range ix.pages {
		j, _ := json.Marshal(p)
		ix.pageJSON = append(ix.pageJSON, j)
	}
	// Pages that never came (a build that failed) leave a gap.
	for _, d := range slices.Sorted(maps.Keys(b.waiting)) {
		b.pack(d, b.waiting[d])
	}
	b.grow()
	entries := make([][]byte, len(b.packed))
	var postings []uint32
	for id, packed := range b.packed {
		postings = unpack(postings[:0], packed)
		if len(postings) > 0 || b.patchable {
			entries[id] = entry(ix.dict.stems[id], postings)
		}
	}
	ix.entries = chunked(entries)
	if b.patchable {
		if b.packed == nil {
			b.packed = [][]byte{} // no stem yet, but postings to keep (see has)
		}
		ix.terms, ix.postings = chunked(b.terms), chunked(b.packed)
	}
	return ix
}

// pack is values, increasing, as the varint gaps between them (the first from 0).
func pack(values []uint32) []byte {
	var b []byte
	prev := uint32(0)
	for _, v := range values {
		b = binary.AppendUvarint(b, uint64(v-prev))
		prev = v
	}
	return b
}

// unpack appends the values packed in b to values.
func unpack(values []uint32, b []byte) []uint32 {
	for v := uint64(0); len(b) > 0; {
		gap, n := binary.Uvarint(b)
		v += gap
		values = append(values, uint32(v))
		b = b[n:]
	}
	return values
}

// packTerms is a page's stems, sorted and packed.
func packTerms(terms []uint32) []byte {
	return pack(slices.Sorted(slices.Values(terms)))
}

// has says whether some page has the stem numbered id.
func (ix *Index) has(id int) bool {
	if ix.postings.isNil() {
		return ix.entries.at(id) != nil
	}
	return len(ix.postings.at(id)) > 0
}

// With is the index with the page at doc.URL indexed as doc instead; ok is false, and the
// index ix, when it has no page there or was not built patchable. ix writes the files it
// wrote before.
func (ix *Index) With(doc Doc) (next *Index, ok bool) {
	d, ok := ix.byURL[doc.URL]
	if !ok || ix.terms.isNil() {
		return ix, false
	}
	prev := ix.written()
	dc := ix.dict
	dc.mu.Lock()
	defer dc.mu.Unlock()
	n := &Index{pages: ix.pages, byURL: ix.byURL, dict: dc, pageJSON: ix.pageJSON,
		prev: prev, retitled: ix.pages[d][1] != doc.Title}
	if n.retitled { // the pages are shared until a title changes
		n.pages, n.pageJSON = slices.Clone(ix.pages), slices.Clone(ix.pageJSON)
		n.pages[d][1] = doc.Title
		n.pageJSON[d], _ = json.Marshal(n.pages[d])
	}
	var seen []int32
	terms, _ := dc.termsOf(doc, 0, &seen, nil)
	// Each list shares with ix every chunk this page's change leaves alone.
	nterms, postings, entries := ix.terms.edit(), ix.postings.edit(), ix.entries.edit()
	nterms.set(d, packTerms(terms))
	postings.grow(len(dc.stems))
	entries.grow(len(dc.stems))
	now := map[uint32]uint32{} // the page's stems now, with their title bit
	for _, t := range terms {
		now[t>>1] = t & 1
	}
	// Only the stems the page gained or lost, or whose title bit changed, are made again:
	// a save changes a few words, and a stem as common as "interview" has every page.
	touched := maps.Clone(now)
	for _, t := range unpack(nil, ix.terms.at(d)) {
		if bit, ok := now[t>>1]; ok && bit == t&1 {
			delete(touched, t>>1)
		} else {
			touched[t>>1] = 0
		}
	}
	for id := range touched {
		old := unpack(nil, postings.at(int(id)))
		var p []uint32
		for _, v := range old {
			if v>>1 < uint32(d) {
				p = append(p, v)
			}
		}
		if bit, ok := now[id]; ok {
			p = append(p, uint32(d)<<1|bit)
		}
		for _, v := range old {
			if v>>1 > uint32(d) {
				p = append(p, v)
			}
		}
		postings.set(int(id), pack(p))
		entries.set(int(id), entry(dc.stems[id], p))
		n.touched = append(n.touched, id)
	}
	n.terms, n.postings, n.entries = nterms.chunks, postings.chunks, entries.chunks
	return n, true
}

// Words calls f with each word of text, lower case and without apostrophes: the runs of
// letters and digits, an apostrophe inside one ("don't", "candidate’s") joining its two
// halves. static/js/search.js's words splits a query the same way.
func Words(text string, f func(string)) {
	eachWord(nil, []byte(text), func(w []byte) { f(string(w)) })
}

// eachWord is Words on bytes, with buf to build the words in; f must not keep its word.
func eachWord(buf, text []byte, f func([]byte)) []byte {
	buf = buf[:0]
	for i := 0; i < len(text); {
		r, n := rune(text[i]), 1
		if r >= utf8.RuneSelf {
			r, n = utf8.DecodeRune(text[i:])
		}
		i += n
		switch {
		case 'a' <= r && r <= 'z' || '0' <= r && r <= '9':
			buf = append(buf, byte(r))
		case 'A' <= r && r <= 'Z':
			buf = append(buf, byte(r)+'a'-'A')
		case (r == '\'' || r == '’') && len(buf) > 0:
			// inside a word: the word goes on, without it
		case r >= utf8.RuneSelf && (unicode.IsLetter(r) || unicode.IsDigit(r)):
			buf = utf8.AppendRune(buf, unicode.ToLower(r))
		default:
			if len(buf) > 0 {
				f(buf)
				buf = buf[:0]
			}
		}
	}
	if len(buf) > 0 {
		f(buf)
		buf = buf[:0]
	}
	return buf
}

// Stem is the stem a word (as Words gives it) is indexed under: "" for a stop word,
// which is not indexed.
func Stem(word string) string {
	if english.IsStopWord(word) {
		return ""
	}
	return stem(word)
}

// stem is a word's stem by Porter2, but for a word with a digit, kept as it is: a figure
// ("24", "2026") has no suffix to take off, and the browser's stemmer reads "3" as its own
// marker.
func stem(word string) string {
	if strings.ContainsAny(word, "0123456789") {
		return word
	}
	return english.Stem(word, false)
}

// markupEnd is where the markup the index skips ends when it starts at text[i], or i when
// none does: what Markdown says to the machine rather than the reader, a shortcode ({{<
// rule thank-you.within >}}), a link's or image's destination after its "]", an HTML tag.
// Markup not closed is text, as Markdown leaves it.
func markupEnd(text []byte, i int) int {
	var from int
	var end string
	switch c := text[i]; {
	case c == '{' && i+2 < len(text) && text[i+1] == '{' && text[i+2] == '<':
		from, end = i, ">}}"
	case c == ']' && i+1 < len(text) && text[i+1] == '(':
		from, end = i+1, ")"
	case c == '<' && i+1 < len(text) && (text[i+1] == '/' || text[i+1] >= 'a' && text[i+1] <= 'z'):
		from, end = i, ">"
	default:
		return i
	}
	j := bytes.Index(text[from:], []byte(end))
	if j < 0 {
		return i // not closed: text, as Markdown leaves it
	}
	return from + j + len(end)
}

// Files are the index's files by their names (IndexFile and the ones it lists). An index
// With made writes again only the files its change touches; the others are the very
// bytes of the index it was made from, and the whole is what New's index would write.
func (ix *Index) Files() map[string][]byte {
	return maps.Clone(ix.written().files)
}

// written is what Files writes, made once.
func (ix *Index) written() *written {
	ix.once.Do(func() {
		ix.out = ix.write()
		ix.prev = nil // not kept: an index With made from this one keeps this one's alone
	})
	return ix.out
}

func (ix *Index) write() *written {
	ix.dict.mu.Lock()
	defer ix.dict.mu.Unlock()
	w := &written{shards: map[string]writtenShard{}}
	if ix.prev != nil {
		ix.update(w)
	} else {
		// Each stem's postings, page<<1 | 1 when in the title, in page order; a stem no
		// page has any more (a patch took its last) is left out.
		for id := range ix.entries.len() {
			switch s := ix.dict.stems[id]; {
			case !ix.has(id):
			case strings.HasPrefix(s, stopMark):
				w.stop = append(w.stop, s[len(stopMark):])
			default:
				w.sorted = append(w.sorted, s)
			}
		}
		slices.Sort(w.sorted)
		slices.Sort(w.stop)
		w.ents = make([][]byte, len(w.sorted))
		for i, s := range w.sorted {
			w.ents[i] = ix.entries.at(int(ix.dict.ids[s]))
		}
	}
	total := 0
	for _, e := range w.ents {
		total += len(e) + 1
	}
	pages := ix.pageJSON
	for _, p := range pages {
		total += len(p) + 1
	}
	stop, _ := json.Marshal(w.stop)
	if total <= InlineBytes {
		w.files = map[string][]byte{IndexFile: fmt.Appendf(nil, `{"v":1,"stop":%s,"pages":%s,"index":%s}`+"\n",
			stop, list('[', pages, ']'), list('{', w.ents, '}'))}
		return w
	}
	w.files = map[string][]byte{}
	// The positions of the stems whose postings changed: a shard without one, with as many
	// stems as before under its prefix, has the bytes it had.
	var dirty []int
	if ix.prev != nil {
		for _, id := range ix.touched {
			if i, ok := slices.BinarySearch(w.sorted, ix.dict.stems[id]); ok {
				dirty = append(dirty, i)
			}
		}
		slices.Sort(dirty)
	}
	var prefixes []string
	for _, sh := range split(w.sorted, w.ents, 0, len(w.sorted), "") {
		old, ok := writtenShard{}, false
		if ix.prev != nil {
			old, ok = ix.prev.shards[sh.prefix]
			k, _ := slices.BinarySearch(dirty, sh.from)
			ok = ok && old.n == sh.to-sh.from && (k == len(dirty) || dirty[k] >= sh.to)
		}
		if !ok {
			old = writtenShard{sh.to - sh.from, append(list('{', w.ents[sh.from:sh.to], '}'), '\n')}
		}
		w.shards[sh.prefix] = old
		w.files[fmt.Sprintf("%ss%d.json", Dir, len(prefixes))] = old.b
		prefixes = append(prefixes, sh.prefix)
	}
	if ix.prev != nil && !ix.retitled && ix.prev.pages != nil {
		w.pages = ix.prev.pages
	} else {
		w.pages = map[string][]byte{}
		for k := 0; k*PagesPerFile < len(pages); k++ {
			w.pages[fmt.Sprintf("%sp%d.json", Dir, k)] = append(list('[', pages[k*PagesPerFile:min((k+1)*PagesPerFile, len(pages))], ']'), '\n')
		}
	}
	maps.Copy(w.files, w.pages)
	shards, _ := json.Marshal(prefixes)
	w.files[IndexFile] = fmt.Appendf(nil, `{"v":1,"stop":%s,"shards":%s,"perFile":%d,"count":%d}`+"\n", stop, shards, PagesPerFile, len(pages))
	return w
}

// update sets w's stems, entries and stop words from those the previous index wrote,
// changed where the touched stems' postings are.
func (ix *Index) update(w *written) {
	p := ix.prev
	w.sorted, w.ents, w.stop = slices.Clone(p.sorted), slices.Clone(p.ents), slices.Clone(p.stop)
	for _, id := range ix.touched {
		s, has := ix.dict.stems[id], ix.has(int(id))
		if word, ok := strings.CutPrefix(s, stopMark); ok {
			i, found := slices.BinarySearch(w.stop, word)
			switch {
			case has && !found:
				w.stop = slices.Insert(w.stop, i, word)
			case !has && found:
				w.stop = slices.Delete(w.stop, i, i+1)
			}
			continue
		}
		i, found := slices.BinarySearch(w.sorted, s)
		switch {
		case has && found:
			w.ents[i] = ix.entries.at(int(id))
		case has:
			w.sorted, w.ents = slices.Insert(w.sorted, i, s), slices.Insert(w.ents, i, ix.entries.at(int(id)))
		case found:
			w.sorted, w.ents = slices.Delete(w.sorted, i, i+1), slices.Delete(w.ents, i, i+1)
		}
	}
}

// shard is the stems from..to, which all begin with prefix.
type shard struct {
	prefix   string
	from, to int
}

// split cuts the sorted stems from..to, which share prefix, into shards of at most
// ShardBytes: when they are more, by the letter after prefix (the stem that is prefix
// itself, if any, in a shard of its own).
func split(stems []string, entries [][]byte, from, to int, prefix string) []shard {
	size := 0
	for _, e := range entries[from:to] {
		size += len(e) + 1
	}
	if size <= ShardBytes || to-from == 1 {
		return []shard{{prefix, from, to}}
	}
	var out []shard
	for i := from; i < to; {
		next := prefix
		if len(stems[i]) > len(prefix) {
			_, n := utf8.DecodeRuneInString(stems[i][len(prefix):])
			next = stems[i][:len(prefix)+n]
		}
		j := i + 1
		for j < to && strings.HasPrefix(stems[j], next) && (next != prefix || stems[j] == prefix) {
			j++
		}
		if next == prefix {
			out = append(out, shard{prefix, i, j})
		} else {
			out = append(out, split(stems, entries, i, j, next)...)
		}
		i = j
	}
	return out
}

// entry is one stem's postings as JSON, "stem":[gaps]: each value less the one before it.
func entry(stem string, postings []uint32) []byte {
	b, _ := json.Marshal(stem)
	b = append(b, ':', '[')
	prev := uint32(0)
	for i, v := range postings {
		if i > 0 {
			b = append(b, ',')
		}
		b = strconv.AppendUint(b, uint64(v-prev), 10)
		prev = v
	}
	return append(b, ']')
}

// list joins items with commas between open and close.
func list(open byte, items [][]byte, close byte) []byte {
	n := 2
	for _, it := range items {
		n += len(it) + 1
	}
	b := make([]byte, 0, n)
	b = append(b, open)
	for i, it := range items {
		if i > 0 {
			b = append(b, ',')
		}
		b = append(b, it...)
	}
	return append(b, close)
}
