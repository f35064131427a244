package search

import "slices"

// chunks is a list of byte slices held in chunks of chunkLen, so that an index With makes
// shares every chunk its change leaves alone: at 100,000 pages, copying each page's stems
// and each stem's postings and entry whole (three lists of 100,000) was most of the time
// and the garbage of a dev server's save. The zero value is a nil list.
type chunks struct {
	c [][][]byte
	n int
}

const chunkLen = 1024

// chunked is s as chunks, which share its array: s must not change afterwards.
func chunked(s [][]byte) chunks {
	if s == nil {
		return chunks{}
	}
	var c chunks
	for from := 0; from < len(s); from += chunkLen {
		to := min(from+chunkLen, len(s))
		c.c = append(c.c, s[from:to:to])
	}
	if c.c == nil {
		c.c = [][][]byte{}
	}
	c.n = len(s)
	return c
}

func (c chunks) isNil() bool { return c.c == nil }
func (c chunks) len() int    { return c.n }
func (c chunks) at(i int) []byte {
	return c.c[i/chunkLen][i%chunkLen]
}

// chunksEdit is a copy of a chunks that copies a chunk before the first change to it.
type chunksEdit struct {
	chunks
	owned map[int]bool
}

func (c chunks) edit() *chunksEdit {
	return &chunksEdit{chunks: chunks{c: slices.Clone(c.c), n: c.n}, owned: map[int]bool{}}
}

// own makes chunk k the edit's own.
func (e *chunksEdit) own(k int) {
	if !e.owned[k] {
		e.c[k] = append(make([][]byte, 0, chunkLen), e.c[k]...)
		e.owned[k] = true
	}
}

func (e *chunksEdit) set(i int, v []byte) {
	e.own(i / chunkLen)
	e.c[i/chunkLen][i%chunkLen] = v
}

// grow makes the list n long, with nil slices at the end.
func (e *chunksEdit) grow(n int) {
	for ; e.n < n; e.n++ {
		k := e.n / chunkLen
		if k == len(e.c) {
			e.c = append(e.c, nil)
		}
		e.own(k)
		e.c[k] = append(e.c[k], nil)
	}
}
