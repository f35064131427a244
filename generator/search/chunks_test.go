package search

import (
	"fmt"
	"slices"
	"testing"
)

// TestChunksEditsShareNothingChanged: an edit of chunks, set and grown across chunks,
// leaves the list it came from and every other edit of it as they were.
func TestChunksEditsShareNothingChanged(t *testing.T) {
	var s [][]byte
	for i := range 2*chunkLen + 10 {
		s = append(s, fmt.Appendf(nil, "%d", i))
	}
	want := slices.Clone(s)
	c := chunked(s)
	list := func(c chunks) [][]byte {
		var out [][]byte
		for i := range c.len() {
			out = append(out, c.at(i))
		}
		return out
	}
	a, b := c.edit(), c.edit()
	a.set(5, []byte("a5"))
	a.set(chunkLen+1, []byte("a"))
	a.grow(3*chunkLen + 2)
	a.set(3*chunkLen+1, []byte("last"))
	b.grow(2*chunkLen + 12)
	b.set(2*chunkLen+11, []byte("b"))
	b.set(5, []byte("b5"))
	if got := list(c); !slices.EqualFunc(got, want, slices.Equal) {
		t.Error("editing changed the list edited")
	}
	wantA := append(slices.Clone(want), make([][]byte, chunkLen-8)...)
	wantA[5], wantA[chunkLen+1], wantA[3*chunkLen+1] = []byte("a5"), []byte("a"), []byte("last")
	if got := list(a.chunks); !slices.EqualFunc(got, wantA, slices.Equal) {
		t.Error("the first edit is not what was set")
	}
	wantB := append(slices.Clone(want), nil, []byte("b"))
	wantB[5] = []byte("b5")
	if got := list(b.chunks); !slices.EqualFunc(got, wantB, slices.Equal) {
		t.Error("the second edit is not what was set")
	}
	if !(chunks{}).isNil() || chunked(nil).len() != 0 || chunked([][]byte{}).isNil() {
		t.Error("a nil list and an empty one are told apart wrongly")
	}
}
