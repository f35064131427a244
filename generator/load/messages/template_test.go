package messages

import (
	"errors"
	"testing"
)

func TestFill(t *testing.T) {
	values := map[string]string{"name": "Priya", "role": "Data Analyst", "empty": "", "brace": "{x}"}
	tests := []struct {
		text, want string
		bad        bool
		offset     int
	}{
		{text: "Dear {name},", want: "Dear Priya,"},
		{text: "{name} {name}", want: "Priya Priya"},
		{text: "{role}: {missing}", want: "Data Analyst: {missing}"},
		{text: "blank stays: {empty}", want: "blank stays: {empty}"},
		{text: "literal {{name}} and }} and }", want: "literal {name} and } and }"},
		{text: "a value is not parsed again: {brace}", want: "a value is not parsed again: {x}"},
		{text: "", want: ""},
		{text: "unicode ✓ {name} ✓", want: "unicode ✓ Priya ✓"},
		{text: "open { brace", bad: true, offset: 5},
		{text: "{Name}", bad: true, offset: 0},
		{text: "{na me}", bad: true, offset: 0},
		{text: "end {", bad: true, offset: 4},
		{text: "{}", bad: true, offset: 0},
		{text: "{1abc}", bad: true, offset: 0},
		{text: "ok {name} then {bad", bad: true, offset: 15},
	}
	for _, tt := range tests {
		got, err := Fill(tt.text, values)
		if tt.bad {
			var se *SyntaxError
			if !errors.As(err, &se) {
				t.Errorf("Fill(%q) = %q, %v; want a SyntaxError", tt.text, got, err)
			} else if se.Offset != tt.offset {
				t.Errorf("Fill(%q): error at %d, want %d", tt.text, se.Offset, tt.offset)
			}
			continue
		}
		if err != nil || got != tt.want {
			t.Errorf("Fill(%q) = %q, %v; want %q", tt.text, got, err, tt.want)
		}
	}
}

func TestTemplateParts(t *testing.T) {
	tpl := MustParse("Hi {name}, see {{you}} {role}{name}")
	want := []Part{{Text: "Hi "}, {Name: "name"}, {Text: ", see {you} "}, {Name: "role"}, {Name: "name"}}
	got := tpl.Parts()
	if len(got) != len(want) {
		t.Fatalf("parts = %#v", got)
	}
	for i := range want {
		if got[i] != want[i] {
			t.Errorf("part %d = %#v, want %#v", i, got[i], want[i])
		}
	}
	if n := tpl.Names(); len(n) != 2 || n[0] != "name" || n[1] != "role" {
		t.Errorf("Names = %v", n)
	}
}

func TestValidName(t *testing.T) {
	for s, want := range map[string]bool{"a": true, "your_name": true, "x2": true, "": false, "2x": false, "Name": false, "a-b": false, "_a": false} {
		if ValidName(s) != want {
			t.Errorf("ValidName(%q) = %v", s, !want)
		}
	}
}
