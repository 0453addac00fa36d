package ui

import "testing"

// The first-frame hook runs once, when the window is first painted, and at once for a caller
// that comes after that frame.
func TestOnFirstFrame(t *testing.T) {
	e := newTestEditor(t, "")
	var before, after int
	e.OnFirstFrame(func() { before++ })
	if before != 0 {
		t.Fatalf("hook ran %d times before the window was drawn", before)
	}
	e.win.Canvas().Capture() // the test driver paints the whole window
	if before != 1 {
		t.Fatalf("after the first frame the hook ran %d times, want 1", before)
	}
	e.win.Canvas().Capture()
	if before != 1 {
		t.Fatalf("after a second frame the hook ran %d times, want still 1", before)
	}
	e.OnFirstFrame(func() { after++ })
	if after != 1 {
		t.Fatalf("a hook added after the first frame ran %d times, want 1 (at once)", after)
	}
}
