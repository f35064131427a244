// Command readability measures how easy the playbook's guidance pages are to read.
//
// For every Markdown file under a content directory it prints the number of words and
// sentences and the Flesch reading ease:
//
//	206.835 − 1.015 × (words / sentences) − 84.6 × (syllables / words)
//
// It reads only the prose a visitor sees: TOML (or YAML) front matter, shortcodes such as
// {{< rule thank-you.within >}}, fenced code, link targets, bare URLs and Markdown markup
// are skipped. Headings, list items and table rows end a sentence even without a full
// stop, because a reader takes them as separate lines. Syllables come from the usual
// heuristic: count groups of vowels (a, e, i, o, u, y), drop a silent trailing "e"
// (but keep a final consonant + "le", as in "table"), and count at least one per word.
//
// Usage:
//
//	go run ./scripts/readability [-min 60] [content-dir]
//
// The content directory defaults to "content". The exit status is 1 when any page scores
// below -min, and 2 on a usage or file error.
package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"text/tabwriter"
	"unicode"
)

func main() {
	os.Exit(run(os.Args[1:], os.Stdout, os.Stderr))
}

// run parses the arguments, measures every page and returns the exit status.
func run(args []string, stdout, stderr io.Writer) int {
	flags := flag.NewFlagSet("readability", flag.ContinueOnError)
	flags.SetOutput(stderr)
	minEase := flags.Float64("min", 60, "lowest acceptable Flesch reading ease")
	flags.Usage = func() {
		fmt.Fprintln(stderr, "usage: readability [-min N] [content-dir]")
		flags.PrintDefaults()
	}
	if err := flags.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return 0
		}
		return 2
	}
	if flags.NArg() > 1 {
		flags.Usage()
		return 2
	}
	dir := "content"
	if flags.NArg() == 1 {
		dir = flags.Arg(0)
	}

	var paths []string
	err := filepath.WalkDir(dir, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if !d.IsDir() && strings.HasSuffix(d.Name(), ".md") {
			paths = append(paths, path)
		}
		return nil
	})
	if err != nil {
		fmt.Fprintln(stderr, "readability:", err)
		return 2
	}
	if len(paths) == 0 {
		fmt.Fprintf(stderr, "readability: no .md files under %s\n", dir)
		return 2
	}

	tw := tabwriter.NewWriter(stdout, 0, 0, 2, ' ', tabwriter.AlignRight)
	fmt.Fprintln(tw, "page\twords\tsentences\tflesch\t")
	var low []string
	for _, path := range paths {
		src, err := os.ReadFile(path)
		if err != nil {
			fmt.Fprintln(stderr, "readability:", err)
			return 2
		}
		s := analyze(string(src))
		rel, err := filepath.Rel(dir, path)
		if err != nil {
			rel = path
		}
		ease := s.Ease()
		fmt.Fprintf(tw, "%s\t%d\t%d\t%.1f\t\n", filepath.ToSlash(rel), s.Words, s.Sentences, ease)
		if ease < *minEase {
			low = append(low, fmt.Sprintf("%s (%.1f)", filepath.ToSlash(rel), ease))
		}
	}
	if err := tw.Flush(); err != nil {
		fmt.Fprintln(stderr, "readability:", err)
		return 2
	}
	if len(low) > 0 {
		fmt.Fprintf(stderr, "readability: below %.0f: %s\n", *minEase, strings.Join(low, ", "))
		return 1
	}
	return 0
}

// stats holds the counts the Flesch formula needs.
type stats struct {
	Words, Sentences, Syllables int
}

// Ease returns the Flesch reading ease of s, or 0 for a page with no words.
func (s stats) Ease() float64 {
	return flesch(s.Words, s.Sentences, s.Syllables)
}

// flesch returns the Flesch reading ease for the given counts, or 0 when there is
// nothing to measure.
func flesch(words, sentences, syllables int) float64 {
	if words == 0 || sentences == 0 {
		return 0
	}
	return 206.835 - 1.015*float64(words)/float64(sentences) - 84.6*float64(syllables)/float64(words)
}

// analyze counts the words, sentences and syllables of a Markdown page's prose.
func analyze(src string) stats {
	var s stats
	for _, b := range blocks(src) {
		inSentence := false
		for _, tok := range tokens(cleanInline(b)) {
			word := strings.TrimFunc(tok, func(r rune) bool {
				return !unicode.IsLetter(r) && !unicode.IsDigit(r)
			})
			if word != "" {
				s.Words++
				s.Syllables += syllables(word)
				inSentence = true
			}
			if inSentence && endsSentence(tok) {
				s.Sentences++
				inSentence = false
			}
		}
		if inSentence {
			s.Sentences++
		}
	}
	return s
}

var (
	headingRe   = regexp.MustCompile(`^#{1,6}(\s+|$)`)
	listRe      = regexp.MustCompile(`^([-*+]|\d{1,9}[.)])\s+`)
	taskRe      = regexp.MustCompile(`^\[[ xX]\]\s+`)
	ruleRe      = regexp.MustCompile(`^([-*_]\s*){3,}$`)
	tableSepRe  = regexp.MustCompile(`^\|?[\s:|-]+\|?$`)
	fenceRe     = regexp.MustCompile("^(```|~~~)")
	shortcodeRe = regexp.MustCompile(`\{\{[<%].*?[>%]\}\}`)
	imageRe     = regexp.MustCompile(`!\[([^\]]*)\]\([^)]*\)`)
	linkRe      = regexp.MustCompile(`\[([^\]]*)\]\([^)]*\)`)
	refLinkRe   = regexp.MustCompile(`\[([^\]]*)\]\[[^\]]*\]`)
	autolinkRe  = regexp.MustCompile(`<[a-zA-Z][a-zA-Z0-9+.-]*:[^>\s]*>`)
	urlRe       = regexp.MustCompile(`https?://\S+`)
	refDefRe    = regexp.MustCompile(`^\[[^\]]+\]:\s`)
)

// blocks splits a Markdown page into the pieces of prose a reader sees as separate
// units: paragraphs, headings, list items and table rows. Front matter, fenced code,
// horizontal rules, table separators and link reference definitions are dropped.
func blocks(src string) []string {
	lines := strings.Split(strings.ReplaceAll(src, "\r\n", "\n"), "\n")
	lines = skipFrontMatter(lines)

	var out []string
	var cur []string
	flush := func() {
		if len(cur) > 0 {
			out = append(out, strings.Join(cur, " "))
			cur = nil
		}
	}
	fence := ""
	for _, line := range lines {
		t := strings.TrimSpace(line)
		if fence != "" {
			if strings.HasPrefix(t, fence) {
				fence = ""
			}
			continue
		}
		if m := fenceRe.FindString(t); m != "" {
			flush()
			fence = m
			continue
		}
		for strings.HasPrefix(t, ">") {
			t = strings.TrimSpace(strings.TrimPrefix(t, ">"))
		}
		switch {
		case t == "":
			flush()
		case ruleRe.MatchString(t), refDefRe.MatchString(t):
			flush()
		case headingRe.MatchString(t):
			flush()
			out = append(out, strings.TrimRight(headingRe.ReplaceAllString(t, ""), "# "))
		case strings.HasPrefix(t, "|"):
			flush()
			if !tableSepRe.MatchString(t) {
				out = append(out, strings.ReplaceAll(t, "|", " "))
			}
		case listRe.MatchString(t):
			flush()
			cur = append(cur, taskRe.ReplaceAllString(listRe.ReplaceAllString(t, ""), ""))
		default:
			cur = append(cur, t)
		}
	}
	flush()
	return out
}

// skipFrontMatter drops a leading block fenced by "+++" (TOML) or "---" (YAML) lines.
func skipFrontMatter(lines []string) []string {
	if len(lines) == 0 {
		return lines
	}
	delim := strings.TrimSpace(lines[0])
	if delim != "+++" && delim != "---" {
		return lines
	}
	for i := 1; i < len(lines); i++ {
		if strings.TrimSpace(lines[i]) == delim {
			return lines[i+1:]
		}
	}
	return nil // unclosed front matter: nothing is prose
}

// cleanInline removes shortcodes, link targets, URLs and inline markup from one block,
// keeping the words a reader sees.
func cleanInline(s string) string {
	s = shortcodeRe.ReplaceAllString(s, " ")
	s = imageRe.ReplaceAllString(s, "$1")
	s = linkRe.ReplaceAllString(s, "$1")
	s = refLinkRe.ReplaceAllString(s, "$1")
	s = autolinkRe.ReplaceAllString(s, " ")
	s = urlRe.ReplaceAllString(s, " ")
	return strings.NewReplacer("`", "", "*", "", "~~", "", "\\", "").Replace(s)
}

// tokens splits text into words on white space, dashes and slashes; hyphens inside a
// word ("thank-you") are kept.
func tokens(s string) []string {
	return strings.FieldsFunc(s, func(r rune) bool {
		return unicode.IsSpace(r) || r == '—' || r == '–' || r == '/'
	})
}

// notEnds lists abbreviations whose full stop does not end a sentence.
var notEnds = map[string]bool{"e.g.": true, "i.e.": true, "etc.": true, "mr.": true, "mrs.": true, "ms.": true, "dr.": true, "vs.": true}

// endsSentence reports whether a token closes a sentence: it ends in '.', '!' or '?',
// perhaps followed by closing quotes or brackets, and is not a known abbreviation.
func endsSentence(tok string) bool {
	t := strings.TrimRight(tok, `"'”’)]_`)
	if t == "" || notEnds[strings.ToLower(t)] {
		return false
	}
	switch t[len(t)-1] {
	case '.', '!', '?':
		return true
	}
	return false
}

// syllables estimates the syllables in a word: vowel groups, less a silent trailing
// "e", at least one. Hyphenated words are counted part by part; a word with no letters
// (a number) counts as one.
func syllables(word string) int {
	if strings.Contains(word, "-") {
		n := 0
		for _, part := range strings.Split(word, "-") {
			if part != "" {
				n += syllables(part)
			}
		}
		return max(n, 1)
	}
	var w []rune
	for _, r := range strings.ToLower(word) {
		if r >= 'a' && r <= 'z' {
			w = append(w, r)
		}
	}
	n := 0
	prevVowel := false
	for _, r := range w {
		v := isVowel(r)
		if v && !prevVowel {
			n++
		}
		prevVowel = v
	}
	if l := len(w); n > 1 && w[l-1] == 'e' && !isVowel(w[l-2]) {
		// A final "e" after a consonant is silent ("make"), except in a final
		// consonant + "le" ("table", "people").
		if !(w[l-2] == 'l' && l >= 3 && !isVowel(w[l-3])) {
			n--
		}
	}
	return max(n, 1)
}

func isVowel(r rune) bool {
	return strings.ContainsRune("aeiouy", r)
}
