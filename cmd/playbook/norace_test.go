//go:build !race

package main

// raceSlowdown scales time bounds under the race detector; without it, 1.
const raceSlowdown = 1
