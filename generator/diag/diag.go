// Package diag describes a site owner's mistakes: errors that carry the file, line and
// column they point at, what was expected, and how to fix it.
//
// Every loader and renderer reports user errors as *diag.Error values and collects them
// with errors.Join, so one run reports every problem and callers can find the positions
// with errors.As instead of parsing strings.
package diag

import (
	"bytes"
	"cmp"
	"errors"
	"fmt"
	"io/fs"
	"slices"
	"strings"
	"unicode/utf8"
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

// Error formats the problem as "path:line:col: msg; hint", the form editors and
// terminals turn into links; without a path it is "msg; hint".
func (e *Error) Error() string {
	var b strings.Builder
	if pos := e.Pos(); pos != "" {
		b.WriteString(pos)
		b.WriteString(": ")
	}
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

// Problems returns every problem in err (a tree of joined and wrapped errors), in the one
// order every report lists them: the *Error values by path, line, column and message,
// then the other errors by message, each as an *Error holding only its Msg. The order does
// not depend on the order goroutines finished in, which is the order errors were joined
// in (see sortErrors for the one exception, which follows a file's checks).
//
// A wrapped error is one problem unless an *Error is inside it; then the problems inside are
// listed instead, since their positions say more than the words wrapped around them.
func Problems(err error) []*Error {
	ds, plain := collect(err)
	sortErrors(ds)
	sortErrors(plain)
	return append(ds, plain...)
}

// All returns every *Error in err, in the order of Problems, leaving the other errors out.
func All(err error) []*Error {
	ds, _ := collect(err)
	sortErrors(ds)
	return ds
}

// Count returns how many problems Report lists.
func Count(err error) int {
	ds, plain := collect(err)
	return len(ds) + len(plain)
}

// collect walks err once, returning its *Error values and, as *Error values holding only
// their message, the other leaves.
func collect(err error) (ds, plain []*Error) {
	var walk func(error)
	walk = func(err error) {
		switch x := err.(type) {
		case nil:
		case *Error:
			ds = append(ds, x)
		case interface{ Unwrap() []error }:
			for _, e := range x.Unwrap() {
				walk(e)
			}
		case interface{ Unwrap() error }:
			inner, innerPlain := collect(x.Unwrap())
			if len(inner) == 0 {
				// Nothing positioned inside: the wrapper's message is the one with context.
				plain = append(plain, &Error{Msg: err.Error()})
				return
			}
			ds = append(ds, inner...)
			plain = append(plain, innerPlain...)
		default:
			plain = append(plain, &Error{Msg: err.Error()})
		}
	}
	walk(err)
	return ds, plain
}

// sortErrors orders problems by path, line, column and message. The problems about a whole
// file (no line) keep the order the file's checks found them in, which follows the order
// its keys are written in ("missing id" before "missing title"); one goroutine checks a
// file, so that order does not change from run to run either.
func sortErrors(es []*Error) {
	slices.SortStableFunc(es, func(a, b *Error) int {
		c := cmp.Or(cmp.Compare(a.Path, b.Path), cmp.Compare(a.Line, b.Line), cmp.Compare(a.Col, b.Col))
		if c != 0 || a.Line == 0 && a.Path != "" {
			return c
		}
		return cmp.Or(cmp.Compare(a.Msg, b.Msg), cmp.Compare(a.Hint, b.Hint))
	})
}

// Report writes every problem in err for a terminal, in the order of Problems: one
// "path:line:col: message" line each, followed by the offending source line and a caret
// under the column. A problem about no file is written as "error: message".
func Report(err error) string {
	var b strings.Builder
	for _, d := range Problems(err) {
		if d.Path == "" {
			fmt.Fprintf(&b, "error: %s\n", d.Error())
			continue
		}
		fmt.Fprintf(&b, "%s\n", d.Error())
		if src, caret := d.Excerpt(); src != "" {
			fmt.Fprintf(&b, "    %s\n", src)
			if caret != "" {
				fmt.Fprintf(&b, "    %s\n", caret)
			}
		}
	}
	return b.String()
}

// Excerpt is the offending line as a report shows it, tabs made single spaces so the caret
// lines up and each byte that is not UTF-8 made U+FFFD so a terminal is given valid text,
// and the caret line under the column, counted in characters; caret is "" when the column
// is unknown or past the line's end, src is "" when the line is unknown.
func (e *Error) Excerpt() (src, caret string) {
	if e.Source == "" {
		return "", ""
	}
	var b strings.Builder
	chars, before := 0, -1 // characters written, and how many came before the column
	for i := 0; i < len(e.Source); {
		if i == e.Col-1 {
			before = chars
		}
		r, n := utf8.DecodeRuneInString(e.Source[i:])
		if r == '\t' {
			r = ' '
		}
		b.WriteRune(r) // RuneError, for a bad byte, is U+FFFD
		chars++
		i += n
	}
	if e.Col == len(e.Source)+1 {
		before = chars
	}
	if e.Col > 0 && before >= 0 {
		caret = strings.Repeat(" ", before) + "^"
	}
	return b.String(), caret
}

// NotUTF8 reports a file that is not valid UTF-8, at its first bad byte, or returns nil.
func NotUTF8(path string, src []byte) *Error {
	if utf8.Valid(src) {
		return nil
	}
	off := 0
	for off < len(src) {
		r, n := utf8.DecodeRune(src[off:])
		if r == utf8.RuneError && n <= 1 {
			break
		}
		off += n
	}
	line, col := Position(src, off)
	return At(path, src, line, col, "the file is not valid UTF-8", "save it as UTF-8 in your editor")
}
