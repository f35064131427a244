//go:build race

package main

// raceSlowdown scales time bounds under the race detector, which makes the build several
// times slower: a bound on runaway behaviour must not fail on that alone.
const raceSlowdown = 5
