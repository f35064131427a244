package diag

import (
	"errors"
	"fmt"
	"strings"
	"testing"
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
