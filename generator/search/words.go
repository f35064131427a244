package search

import (
	"bytes"
	"encoding/binary"
	"math/bits"
)

// wordTable maps a word, as bytes, to its stem's number: the dictionary's hot path, asked
// once for every word of every page (8.6 million times for the 10,000-page benchmark
// site). A Go map of strings cost twice as much here, hashing with aeshash and probing
// groups for each word. This table keeps a word's first eight bytes in its slot, so that a
// word of up to eight bytes (most words) is hashed by one multiplication and compared as
// one integer, and found, in nearly every case, at the first slot it looks at.
type wordTable struct {
	slots []wordSlot // a power of two in length, at most half full
	shift uint       // 64 - log2(len(slots)): a hash's top bits are its slot
	arena []byte     // the words' bytes, one after another
	n     int
}

// wordSlot is a word: its first eight bytes (head), where it is in the arena, and its
// stem's number plus one (0: empty).
type wordSlot struct {
	head     uint64
	off, len uint32
	id       int32
}

func newWordTable() *wordTable {
	const n = 10
	return &wordTable{slots: make([]wordSlot, 1<<n), shift: 64 - n}
}

// hashMul is 2⁶⁴ divided by the golden ratio: multiplied by it, every bit of a word's bytes
// reaches the top bits, which choose the slot.
const hashMul = 0x9e3779b97f4a7c15

// wordHash is w's first eight bytes, little-endian (zero past its end: no word has a zero
// byte, so they are the whole of a word of up to eight), and its hash.
func wordHash(w []byte) (head, h uint64) {
	head = load8(w)
	h = head
	for rest := w[min(8, len(w)):]; len(rest) > 0; rest = rest[min(8, len(rest)):] {
		h = bits.RotateLeft64(h*hashMul, 31) ^ load8(rest)
	}
	return head, h * hashMul
}

// wordHashIn is wordHash of b[:n], read eight bytes at a time: b goes on at least to the end
// of the eight-byte block that holds the word's last byte, and the bytes past n are masked.
func wordHashIn(b []byte, n int) (head, h uint64) {
	head = binary.LittleEndian.Uint64(b) & keep[min(n, 8)]
	h = head
	for k := 8; k < n; k += 8 {
		h = bits.RotateLeft64(h*hashMul, 31) ^ binary.LittleEndian.Uint64(b[k:])&keep[min(n-k, 8)]
	}
	return head, h * hashMul
}

// keep[n] keeps the first n bytes of eight read little-endian.
var keep = [9]uint64{0, 0xff, 0xffff, 0xffffff, 0xffffffff, 0xffffffffff, 0xffffffffffff, 0xffffffffffffff, ^uint64(0)}

// load8 is w's first eight bytes, little-endian, zero past its end.
func load8(w []byte) uint64 {
	if len(w) >= 8 {
		return binary.LittleEndian.Uint64(w)
	}
	var v uint64
	for i, c := range w {
		v |= uint64(c) << (8 * i)
	}
	return v
}

// find returns the slot of w, whose head and hash wordHash gives, or the empty slot where
// it would go.
func (t *wordTable) find(w []byte, head, h uint64) *wordSlot {
	mask := uint64(len(t.slots) - 1)
	for i := h >> t.shift; ; i = (i + 1) & mask {
		s := &t.slots[i]
		if s.id == 0 || s.head == head && int(s.len) == len(w) && (len(w) <= 8 || bytes.Equal(t.arena[s.off+8:s.off+s.len], w[8:])) {
			return s
		}
	}
}

// put records the number of w's stem; w, whose head and hash wordHash gives, is not in the
// table.
func (t *wordTable) put(w []byte, head, h uint64, id int32) {
	if 2*(t.n+1) > len(t.slots) {
		old := t.slots
		t.slots, t.shift = make([]wordSlot, 2*len(old)), t.shift-1
		for _, s := range old {
			if s.id != 0 {
				word := t.arena[s.off : s.off+s.len]
				_, sh := wordHash(word)
				*t.find(word, s.head, sh) = s
			}
		}
	}
	*t.find(w, head, h) = wordSlot{head: head, off: uint32(len(t.arena)), len: uint32(len(w)), id: id + 1}
	t.arena = append(t.arena, w...)
	t.n++
}
