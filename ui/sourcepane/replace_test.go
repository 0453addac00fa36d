package sourcepane

import (
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
)

func TestFindMatchesOptions(t *testing.T) {
	tests := []struct {
		line, q          string
		whole, matchCase bool
		want             []int
	}{
		{"Tea tea Teapot", "tea", false, false, []int{0, 4, 8}},
		{"Tea tea Teapot", "tea", true, false, []int{0, 4}},
		{"Tea tea Teapot", "tea", false, true, []int{4}},
		{"Tea tea Teapot", "Tea", true, true, []int{0}},
		{"Cup of Tea->Cup", "Cup", true, true, []int{0, 12}},
		{"a_Cup Cup2 Cup", "Cup", true, true, []int{11}},
		{"thé thé", "thé", true, false, []int{0, 5}},
	}
	for _, tc := range tests {
		got := findMatches(tc.line, tc.q, tc.whole, tc.matchCase)
		if len(got) != len(tc.want) {
			t.Errorf("%q in %q (whole %v, case %v) = %v, want %v", tc.q, tc.line, tc.whole, tc.matchCase, got, tc.want)
			continue
		}
		for i := range got {
			if got[i] != tc.want[i] {
				t.Errorf("%q in %q (whole %v, case %v) = %v, want %v", tc.q, tc.line, tc.whole, tc.matchCase, got, tc.want)
			}
		}
	}
}

const replaceText = "component Cup [0.7, 0.8]\ncomponent Cup of Tea [0.8, 0.6]\nCup of Tea->Cup\nnote cup"

// TestReplaceAllIsOneUndoStep replaces the whole word "Cup", matching case: every Cup (also in
// "Cup of Tea", where a blank follows it) but not the note's "cup", in one undo step.
func TestReplaceAllIsOneUndoStep(t *testing.T) {
	e, w := newTestEditor(t, replaceText)
	ctrl(e, fyne.KeyH, false)
	if !e.bar.visible() || !e.bar.replaceRow.Visible() || w.Canvas().Focused() != e.bar.entry {
		t.Fatal("Ctrl+H did not open the find bar with its replace row")
	}
	test.Type(e.bar.entry, "Cup")
	e.bar.wholeWord.SetChecked(true)
	e.bar.match.SetChecked(true)
	if n := e.MatchCount(); n != 4 {
		t.Fatalf("MatchCount = %d, want 4 (the note's cup is lower case)", n)
	}
	e.bar.replaceEntry.SetText("Mug")
	e.bar.replaceAll()
	want := "component Mug [0.7, 0.8]\ncomponent Mug of Tea [0.8, 0.6]\nMug of Tea->Mug\nnote cup"
	if got := e.Text(); got != want {
		t.Fatalf("got\n%s\nwant\n%s", got, want)
	}
	if got := e.bar.status.Text; got != "4 replaced" {
		t.Errorf("status %q", got)
	}
	e.Undo()
	if got := e.Text(); got != replaceText {
		t.Fatalf("one undo left\n%s", got)
	}
}

func TestReplaceNext(t *testing.T) {
	e, _ := newTestEditor(t, replaceText)
	e.ShowReplace()
	test.Type(e.bar.entry, "cup") // smart case: matches every Cup and cup
	e.bar.wholeWord.SetChecked(true)
	e.SetCursor(1, 1)
	e.FindNext() // selects the Cup of line 1
	e.bar.replaceEntry.SetText("Mug")
	e.bar.replaceEntry.TypedKey(&fyne.KeyEvent{Name: fyne.KeyReturn})
	if got, want := e.Text(), "component Mug [0.7, 0.8]\n"+replaceText[len("component Cup [0.7, 0.8]\n"):]; got != want {
		t.Fatalf("got\n%s\nwant\n%s", got, want)
	}
	if s, end := e.Selection(); s != at(2, 11) || end != at(2, 14) {
		t.Errorf("after Replace the next match is not selected: %v..%v", s, end)
	}
}
