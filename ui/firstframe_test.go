//go:build firstframe

package ui

import "testing"

// The first-frame hook runs once, when the window is next painted (make test runs this file
// with -tags firstframe).
func TestOnFirstFrame(t *testing.T) {
	e := newTestEditor(t, "")
	calls := 0
	e.OnFirstFrame(func() { calls++ })
	if calls != 0 {
		t.Fatalf("hook ran %d times before the window was drawn", calls)
	}
	e.win.Canvas().Capture() // the test driver paints the whole window
	if calls != 1 {
		t.Fatalf("after the first frame the hook ran %d times, want 1", calls)
	}
	e.win.Canvas().Capture()
	if calls != 1 {
		t.Fatalf("after a second frame the hook ran %d times, want still 1", calls)
	}
}
