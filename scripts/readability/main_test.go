package main

import (
	"bytes"
	"math"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestSyllables(t *testing.T) {
	tests := []struct {
		word string
		want int
	}{
		{"a", 1},
		{"cat", 1},
		{"the", 1},   // one vowel group; a lone final e is not dropped
		{"be", 1},    //
		{"make", 1},  // silent trailing e
		{"whole", 1}, // vowel + "le": the e is silent
		{"table", 2}, // consonant + "le" keeps its syllable
		{"people", 2},
		{"free", 1},  // "ee" is one group
		{"agree", 2}, // final e after a vowel is not silent
		{"email", 2},
		{"hiring", 2},
		{"manager", 3},
		{"interview", 3},
		{"recruiter", 3},
		{"Monday", 2}, // y counts as a vowel
		{"don't", 1},  // apostrophes are ignored
		{"thank-you", 2},
		{"follow-up", 3},
		{"24", 1}, // no letters: at least one
	}
	for _, tt := range tests {
		if got := syllables(tt.word); got != tt.want {
			t.Errorf("syllables(%q) = %d, want %d", tt.word, got, tt.want)
		}
	}
}

func TestFlesch(t *testing.T) {
	tests := []struct {
		name string
		text string
		// counts by hand, and the ease they give
		words, sentences, syllables int
		want                        float64
	}{
		{
			name:  "one-syllable words",
			text:  "The cat sat on the mat.",
			words: 6, sentences: 1, syllables: 6,
			want: 206.835 - 1.015*6 - 84.6*1, // 116.145
		},
		{
			name:  "advice sentence",
			text:  "Send the note within a day of the interview.",
			words: 9, sentences: 1, syllables: 12, // within 2, interview 3
			want: 84.9,
		},
		{
			name:  "two sentences",
			text:  "Wait a week. Then write to the hiring manager!",
			words: 9, sentences: 2, syllables: 12, // hiring 2, manager 3
			want: 206.835 - 1.015*9/2 - 84.6*12/9, // 89.4075
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := analyze(tt.text)
			want := stats{Words: tt.words, Sentences: tt.sentences, Syllables: tt.syllables}
			if got != want {
				t.Fatalf("analyze(%q) = %+v, want %+v", tt.text, got, want)
			}
			if ease := got.Ease(); math.Abs(ease-tt.want) > 1e-9 {
				t.Errorf("Ease() = %.6f, want %.6f", ease, tt.want)
			}
		})
	}
	if got := math.Round(flesch(6, 1, 6)*1000) / 1000; got != 116.145 {
		t.Errorf("flesch(6, 1, 6) = %v, want 116.145", got)
	}
	if got := flesch(0, 0, 0); got != 0 {
		t.Errorf("flesch(0, 0, 0) = %v, want 0", got)
	}
}

func TestAnalyzeMarkdown(t *testing.T) {
	src := strings.Join([]string{
		"+++",
		`title = "Front matter words are never counted"`,
		"+++",
		"## Send a thank-you",
		"",
		"Send it within {{< rule thank-you.within >}}. See [the chaser page](chaser.md)!",
		"",
		"```",
		"code is skipped entirely",
		"```",
		"- [ ] Write the **note**",
		"| Day | Step |",
		"|---|---|",
		"| Monday | Chaser |",
		"",
		"---",
		"<https://example.com/long/address>",
	}, "\n")
	// heading: Send a thank-you            3 words, 1 sentence, 4 syllables
	// paragraph: Send it within. See the
	//            chaser page!              7 words, 2 sentences, 9 syllables
	// task: Write the note                 3 words, 1 sentence, 3 syllables
	// rows: Day Step / Monday Chaser       4 words, 2 sentences, 6 syllables
	want := stats{Words: 17, Sentences: 6, Syllables: 22}
	if got := analyze(src); got != want {
		t.Errorf("analyze = %+v, want %+v\nblocks: %q", got, want, blocks(src))
	}
}

func TestRunExitStatus(t *testing.T) {
	dir := t.TempDir()
	write := func(name, text string) {
		t.Helper()
		if err := os.WriteFile(filepath.Join(dir, name), []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	write("easy.md", "+++\ntitle = \"Easy\"\n+++\nThe cat sat on the mat.\n")
	write("notes.toml", "ignored = true\n")

	var out, errOut bytes.Buffer
	if code := run([]string{dir}, &out, &errOut); code != 0 {
		t.Fatalf("run = %d, want 0; stderr: %s", code, errOut.String())
	}
	if !strings.Contains(out.String(), "easy.md") || !strings.Contains(out.String(), "116.1") {
		t.Errorf("output lacks the page or its score:\n%s", out.String())
	}
	if strings.Contains(out.String(), "notes.toml") {
		t.Errorf("output lists a non-Markdown file:\n%s", out.String())
	}

	write("hard.md", "Institutional communication necessitates considerable deliberation.\n")
	out.Reset()
	errOut.Reset()
	if code := run([]string{"-min", "60", dir}, &out, &errOut); code != 1 {
		t.Errorf("run with a hard page = %d, want 1", code)
	}
	if !strings.Contains(errOut.String(), "hard.md") {
		t.Errorf("stderr does not name the hard page: %s", errOut.String())
	}
	if code := run([]string{"-min", "-1000", dir}, &out, &errOut); code != 0 {
		t.Errorf("run with -min -1000 = %d, want 0", code)
	}
	if code := run([]string{filepath.Join(dir, "missing")}, &out, &errOut); code != 2 {
		t.Errorf("run on a missing dir = %d, want 2", code)
	}
}
