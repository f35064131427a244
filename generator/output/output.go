// Package output receives the files of a build: in memory (MemoryOutput, for the dev server
// and `playbook check`) or in a folder swapped in whole once the build succeeded (WriteDir,
// for `playbook build`).
//
// Every output is an Output. Some can do more, and say so by implementing one of the
// interfaces below; a build asks for each with a type assertion and works without it.
package output

import "context"

// Output receives every file of a build. Add is called from several goroutines at once;
// a name given twice is an error.
type Output interface {
	Add(name string, data []byte) error
}

// Streaming is an Output that is done with a file's bytes when Add returns: it writes them
// out, or compares them with what it has, and keeps no reference. A build may then reuse
// the buffer for the next file.
type Streaming interface {
	Output
	DoneOnReturn()
}

// DirMaker is an Output that can prepare the folders of files before they come. A build
// calls MakeDirs with every name it will Add, on a goroutine of its own, while it renders;
// Add still makes any folder MakeDirs has not made yet, and reports its errors.
type DirMaker interface {
	Output
	MakeDirs(ctx context.Context, names []string)
}

// Adopter is an Output that can take a whole set of files at once without copying it,
// when it has none yet. The caller promises never to change files afterwards; the Adopter
// copies the map before any Add of its own. It reports whether it took them.
type Adopter interface {
	Output
	Adopt(files map[string][]byte) bool
}

// AddAll hands every file to out, as one Adopt when out can take them so.
func AddAll(out Output, files map[string][]byte) error {
	if a, ok := out.(Adopter); ok && a.Adopt(files) {
		return nil
	}
	for name, b := range files {
		if err := out.Add(name, b); err != nil {
			return err
		}
	}
	return nil
}
