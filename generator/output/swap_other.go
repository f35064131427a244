//go:build !linux

package output

// swap puts the folder tmp in place at dest; tmp is left holding the old one. Without an
// atomic exchange there is a moment when dest is absent, but never one when it is partial.
func swap(tmp, dest string) error { return swapByRenames(tmp, dest) }
