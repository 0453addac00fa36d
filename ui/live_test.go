package ui

import (
	"strings"
	"testing"
)

// TestBackgroundRedrawParsesOnlyTheNewestText: while a background parse runs, the texts typed
// meanwhile are not parsed (on a big map each parse and layout takes a good part of a second,
// and parses of texts already outdated only took the cores from the painting); when it is done,
// the newest text is parsed, once, and shown. The text pane takes every keystroke meanwhile.
func TestBackgroundRedrawParsesOnlyTheNewestText(t *testing.T) {
	e, _ := openMap(t, teaText)
	var queued []func()
	e.background = func(f func()) { queued = append(queued, f) }

	names := []string{"Milk", "Sugar", "Lemon", "Honey"}
	for _, n := range names {
		typeAtEnd(e.Editor, "component "+n+" [0.5, 0.9]\n")
		e.refreshMapInBackground()
	}
	if !strings.Contains(e.Text(), "component Honey") {
		t.Fatal("the text pane did not take the typing while the map was being redrawn")
	}
	if len(queued) != 1 {
		t.Fatalf("%d background parses started for 4 edits while the first ran, want 1", len(queued))
	}
	queued[0]() // the first text's result is stale: dropped, and the newest text's parse starts
	if sceneHasText(e.Editor, "Milk") {
		t.Fatal("a result for an older text was shown")
	}
	if len(queued) != 2 {
		t.Fatalf("%d background parses after the first finished, want 2", len(queued))
	}
	queued[1]()
	for _, n := range names {
		if !sceneHasText(e.Editor, n) {
			t.Errorf("the map of the newest text does not show %s", n)
		}
	}
	if len(queued) != 2 {
		t.Errorf("%d background parses in all, want 2", len(queued))
	}
}
