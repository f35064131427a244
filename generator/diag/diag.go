// Package diag describes a site owner's mistakes: errors that carry the file, line and
// column they point at, what was expected, and how to fix it.
//
// Every loader and renderer reports user errors as *diag.Error values and collects them
// with errors.Join, so one run reports every problem and callers can find the positions
// with errors.As instead of parsing strings.
package diag

import (
	"bytes"
	"errors"
	"fmt"
	"io/fs"
	"sort"
	"strings"
)

// Error is one problem in a site's source, positioned where the owner can fix it.
// Line and Col start at 1; zero means unknown (a whole-file or whole-site problem).
type Error struct {
	Path string // slash-separated, relative to the site root
	Line int
	Col  int
	Msg  string // what is wrong and what was expected
	Hint string // how to fix it; may be empty
	// Source is the offending line, shown under the message; may be empty.
	Source string
}

// Error formats the problem as "path:line:col: msg (hint)", the form editors and
// terminals turn into links.
func (e *Error) Error() string {
	var b strings.Builder
	b.WriteString(e.Pos())
	b.WriteString(": ")
	b.WriteString(e.Msg)
	if e.Hint != "" {
		b.WriteString("; ")
		b.WriteString(e.Hint)
	}
	return b.String()
}

// Pos is the "path:line:col" part of the message, shortened where line or column is unknown.
func (e *Error) Pos() string {
	switch {
	case e.Line > 0 && e.Col > 0:
		return fmt.Sprintf("%s:%d:%d", e.Path, e.Line, e.Col)
	case e.Line > 0:
		return fmt.Sprintf("%s:%d", e.Path, e.Line)
	default:
		return e.Path
	}
}

// At returns an Error for path at line:col whose Source is that line of src.
func At(path string, src []byte, line, col int, msg, hint string) *Error {
	return &Error{Path: path, Line: line, Col: col, Msg: msg, Hint: hint, Source: LineOf(src, line)}
}

// Shift moves the error down by n lines, for a position computed inside a piece of a file
// (front matter, a code block) that starts further down. It returns e.
func (e *Error) Shift(n int) *Error {
	if e.Line > 0 {
		e.Line += n
	}
	return e
}

// Unreadable reports a site file that could not be read, with a hint that fits the cause.
func Unreadable(path string, err error) *Error {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		err = pe.Err
	}
	hint := "check that the file exists and can be read"
	switch {
	case errors.Is(err, fs.ErrPermission):
		hint = "check the file's permissions"
	case strings.Contains(err.Error(), "escapes"):
		// os.Root's error for a symlink out of the site's folder has no exported value.
		hint = "it is a symbolic link that points outside the site's folder; copy the file into the site instead"
	}
	return &Error{Path: path, Msg: fmt.Sprintf("cannot read: %v", err), Hint: hint}
}

// LineOf returns line n (1-based) of src without its line ending, or "" when out of range.
func LineOf(src []byte, n int) string {
	if n < 1 {
		return ""
	}
	for i := 1; i < n; i++ {
		j := bytes.IndexByte(src, '\n')
		if j < 0 {
			return ""
		}
		src = src[j+1:]
	}
	if j := bytes.IndexByte(src, '\n'); j >= 0 {
		src = src[:j]
	}
	return strings.TrimSuffix(string(src), "\r")
}

// Position converts a byte offset in src to a 1-based line and column (the column counts
// bytes, as Go's own tools do).
func Position(src []byte, offset int) (line, col int) {
	if offset > len(src) {
		offset = len(src)
	}
	line = 1
	start := 0
	for i := 0; i < offset; i++ {
		if src[i] == '\n' {
			line++
			start = i + 1
		}
	}
	return line, offset - start + 1
}

// All returns every *Error inside err (which may be a tree of joined and wrapped errors),
// sorted by path, line and column. Errors that are not *Error are left out.
func All(err error) []*Error {
	var out []*Error
	var walk func(error)
	walk = func(err error) {
		if err == nil {
			return
		}
		switch x := err.(type) {
		case *Error:
			out = append(out, x)
		case interface{ Unwrap() []error }:
			for _, e := range x.Unwrap() {
				walk(e)
			}
		case interface{ Unwrap() error }:
			walk(x.Unwrap())
		}
	}
	walk(err)
	sort.SliceStable(out, func(i, j int) bool {
		a, b := out[i], out[j]
		if a.Path != b.Path {
			return a.Path < b.Path
		}
		if a.Line != b.Line {
			return a.Line < b.Line
		}
		return a.Col < b.Col
	})
	return out
}

// Report writes every problem in err for a terminal: one "path:line:col: message" line
// each, followed by the offending source line and a caret under the column. Errors that
// carry no position are written as they are.
func Report(err error) string {
	var b strings.Builder
	for _, e := range flatten(err) {
		var d *Error
		if !errors.As(e, &d) {
			fmt.Fprintf(&b, "error: %v\n", e)
			continue
		}
		fmt.Fprintf(&b, "%s\n", d.Error())
		if d.Source != "" {
			src := strings.ReplaceAll(d.Source, "\t", " ")
			fmt.Fprintf(&b, "    %s\n", src)
			if d.Col > 0 && d.Col <= len(src)+1 {
				fmt.Fprintf(&b, "    %s^\n", strings.Repeat(" ", d.Col-1))
			}
		}
	}
	return b.String()
}

// Count returns how many problems Report would list.
func Count(err error) int { return len(flatten(err)) }

// flatten lists the leaves of a tree of joined errors, keeping wrapped errors whole.
func flatten(err error) []error {
	if err == nil {
		return nil
	}
	if j, ok := err.(interface{ Unwrap() []error }); ok {
		var out []error
		for _, e := range j.Unwrap() {
			out = append(out, flatten(e)...)
		}
		return out
	}
	return []error{err}
}
