package output

import (
	"fmt"
	"maps"
	"sync"
)

// MemoryOutput keeps a build's files in memory, for the dev server and `playbook check`.
type MemoryOutput struct {
	mu    sync.Mutex
	files map[string][]byte
	// shared says files is a map taken by Adopt, to be copied before any change.
	shared bool
}

// Add stores one file.
func (m *MemoryOutput) Add(name string, data []byte) error {
	m.mu.Lock()
	defer m.mu.Unlock()
	if m.files == nil {
		m.files = map[string][]byte{}
	}
	if m.shared {
		m.files, m.shared = maps.Clone(m.files), false
	}
	if _, dup := m.files[name]; dup {
		return fmt.Errorf("%s is written twice: a static file and a page share its path; rename one", name)
	}
	m.files[name] = data
	return nil
}

// Adopt makes files the output's files if it has none yet, and reports whether it did; see
// Adopter.
func (m *MemoryOutput) Adopt(files map[string][]byte) bool {
	m.mu.Lock()
	defer m.mu.Unlock()
	if len(m.files) > 0 {
		return false
	}
	m.files, m.shared = files, true
	return true
}

// Files returns every file, by slash-separated path.
func (m *MemoryOutput) Files() map[string][]byte {
	m.mu.Lock()
	defer m.mu.Unlock()
	return m.files
}
