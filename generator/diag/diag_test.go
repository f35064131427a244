package diag

import (
	"errors"
	"fmt"
	"strings"
	"testing"
	"unicode/utf8"
)

func TestPositionAndLineOf(t *testing.T) {
	src := []byte("one\ntwo\r\nthree")
	tests := []struct {
		offset, line, col int
		text              string
	}{
		{0, 1, 1, "one"},
		{4, 2, 1, "two"},
		{6, 2, 3, "two"},
		{9, 3, 1, "three"},
		{99, 3, 6, "three"},
	}
	for _, tt := range tests {
		line, col := Position(src, tt.offset)
		if line != tt.line || col != tt.col {
			t.Errorf("Position(%d) = %d:%d, want %d:%d", tt.offset, line, col, tt.line, tt.col)
		}
		if got := LineOf(src, line); got != tt.text {
			t.Errorf("LineOf(%d) = %q, want %q", line, got, tt.text)
		}
	}
}

func TestAllAndReport(t *testing.T) {
	b := &Error{Path: "b.md", Line: 2, Col: 5, Msg: "second", Source: "abcdefg"}
	a := &Error{Path: "a.md", Line: 9, Msg: "first", Hint: "fix it"}
	err := errors.Join(fmt.Errorf("wrapped: %w", b), errors.Join(a, errors.New("plain")))
	all := All(err)
	if len(all) != 2 || all[0] != a || all[1] != b {
		t.Fatalf("All = %v", all)
	}
	if Count(err) != 3 {
		t.Errorf("Count = %d, want 3", Count(err))
	}
	report := Report(err)
	for _, want := range []string{"b.md:2:5: second\n    abcdefg\n        ^\n", "a.md:9: first; fix it\n", "error: plain\n"} {
		if !strings.Contains(report, want) {
			t.Errorf("report lacks %q:\n%s", want, report)
		}
	}
}

// TestProblemsOrder: however the problems were joined (goroutines finish in any order),
// they come out in one order: positioned by path, line, column and message, whole-file
// ones first in their file, errors about no file last.
func TestProblemsOrder(t *testing.T) {
	var (
		a1  = &Error{Path: "a.md", Line: 1, Col: 1, Msg: "x"}
		a1b = &Error{Path: "a.md", Line: 1, Col: 1, Msg: "y"}
		a2  = &Error{Path: "a.md", Line: 2, Col: 1, Msg: "x"}
		a2c = &Error{Path: "a.md", Line: 2, Col: 7, Msg: "x"}
		a0  = &Error{Path: "a.md", Msg: "whole file"}
		b1  = &Error{Path: "b/c.md", Line: 1, Col: 3, Msg: "x"}
		p1  = errors.New("disk full")
		p2  = fmt.Errorf("reading site.toml: %w", errors.New("permission denied"))
	)
	want := []string{
		"a.md: whole file", "a.md:1:1: x", "a.md:1:1: y", "a.md:2:1: x", "a.md:2:7: x",
		"b/c.md:1:3: x", "disk full", "reading site.toml: permission denied",
	}
	tests := []struct {
		name string
		err  error
	}{
		{"in order", errors.Join(a0, a1, a1b, a2, a2c, b1, p1, p2)},
		{"reversed", errors.Join(p2, p1, b1, a2c, a2, a1b, a1, a0)},
		{"nested", errors.Join(errors.Join(b1, p2), nil, errors.Join(a2, errors.Join(p1, a1b)), a0, errors.Join(a2c, a1))},
		{"wrapped joins", fmt.Errorf("build: %w", errors.Join(a2c, fmt.Errorf("content: %w", errors.Join(p1, b1, a1b)), a0, a1, p2, a2))},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var got []string
			for _, d := range Problems(tt.err) {
				got = append(got, d.Error())
			}
			if strings.Join(got, "\n") != strings.Join(want, "\n") {
				t.Errorf("Problems =\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
			}
			if n := Count(tt.err); n != len(want) {
				t.Errorf("Count = %d, want %d", n, len(want))
			}
			if n := len(All(tt.err)); n != 6 {
				t.Errorf("All has %d errors, want the 6 *Error values", n)
			}
		})
	}
	if got := Problems(nil); got != nil {
		t.Errorf("Problems(nil) = %v", got)
	}
}

func TestExcerpt(t *testing.T) {
	tests := []struct {
		name, source string
		col          int
		src, caret   string
	}{
		{"plain", "title = 1", 9, "title = 1", "        ^"},
		{"tab", "\tx = 1", 2, " x = 1", " ^"},
		{"bad byte shown as U+FFFD, caret on it", "title = \"Caf\xe9\"", 13, "title = \"Caf\uFFFD\"", "            ^"},
		{"two bad bytes, two U+FFFD", "a\xff\xfeb", 4, "a\uFFFD\uFFFDb", "   ^"},
		{"caret counts characters", "é = \"x\xe9\"", 8, "é = \"x\uFFFD\"", "      ^"},
		{"just past the end", "ab", 3, "ab", "  ^"},
		{"far past the end", "ab", 9, "ab", ""},
		{"no column", "ab", 0, "ab", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			src, caret := (&Error{Source: tt.source, Col: tt.col}).Excerpt()
			if src != tt.src || caret != tt.caret {
				t.Errorf("Excerpt() = %q, %q; want %q, %q", src, caret, tt.src, tt.caret)
			}
			if !utf8.ValidString(src) {
				t.Errorf("%q is not valid UTF-8", src)
			}
		})
	}
}
