package search

import "bytes"

// wordTable maps a word, as bytes, to its stem's number: the dictionary's hot path, asked
// once for every word of every page (8.6 million times for the 10,000-page benchmark
// site). A Go map of strings cost twice as much here, hashing with aeshash and probing
// groups for each word; this table hashes the few bytes of a word with FNV-1a and finds
// it, in nearly every case, at the first slot it looks at.
type wordTable struct {
	slots []wordSlot // a power of two in length, at most half full
	arena []byte     // the words' bytes, one after another
	n     int
}

// wordSlot is a word in the arena, with its hash and its stem's number plus one (0: empty).
type wordSlot struct {
	hash     uint64
	off, len uint32
	id       int32
}

func newWordTable() *wordTable { return &wordTable{slots: make([]wordSlot, 1<<10)} }

// FNV-1a's constants, 64 bits.
const (
	fnvOffset = 14695981039346656037
	fnvPrime  = 1099511628211
)

// find returns the slot of w, whose FNV-1a hash is h, or the empty slot where it would go.
func (t *wordTable) find(w []byte, h uint64) *wordSlot {
	mask := uint64(len(t.slots) - 1)
	for i := h & mask; ; i = (i + 1) & mask {
		s := &t.slots[i]
		if s.id == 0 || s.hash == h && bytes.Equal(t.arena[s.off:s.off+s.len], w) {
			return s
		}
	}
}

// put records the number of w's stem; w, whose FNV-1a hash is h, is not in the table.
func (t *wordTable) put(w []byte, h uint64, id int32) {
	if 2*(t.n+1) > len(t.slots) {
		old := t.slots
		t.slots = make([]wordSlot, 2*len(old))
		for _, s := range old {
			if s.id != 0 {
				*t.find(t.arena[s.off:s.off+s.len], s.hash) = s
			}
		}
	}
	*t.find(w, h) = wordSlot{hash: h, off: uint32(len(t.arena)), len: uint32(len(w)), id: id + 1}
	t.arena = append(t.arena, w...)
	t.n++
}
