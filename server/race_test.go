//go:build race

package server

// raceEnabled scales the floods down: the race detector makes each
// request many times dearer.
const raceEnabled = true
