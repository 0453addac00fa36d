package sourcepane

import (
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
)

// undoAll undoes until nothing is left and returns the texts seen after each step.
func undoAll(e *Editor) []string {
	var seen []string
	for e.CanUndo() {
		e.Undo()
		seen = append(seen, e.Text())
	}
	return seen
}

func equalStrings(a, b []string) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

func TestUndoGrouping(t *testing.T) {
	tests := []struct {
		name  string
		start string
		do    func(e *Editor)
		want  []string // text after each Undo, last one the start text
	}{
		{"a word is one step, a space starts the next",
			"", func(e *Editor) { test.Type(e, "hello world foo") },
			[]string{"hello world", "hello", ""}},
		{"newline starts a step and carries its indentation",
			"  a", func(e *Editor) { e.SetCursor(1, 4); key(e, fyne.KeyReturn); test.Type(e, "bc") },
			[]string{"  a"}},
		{"a run of backspaces is one step",
			"abcdef", func(e *Editor) {
				e.SetCursor(1, 7)
				key(e, fyne.KeyBackspace)
				key(e, fyne.KeyBackspace)
				key(e, fyne.KeyBackspace)
			},
			[]string{"abcdef"}},
		{"moving the cursor starts a new step",
			"", func(e *Editor) { test.Type(e, "ab"); key(e, fyne.KeyLeft); test.Type(e, "X") },
			[]string{"ab", ""}},
		{"a paste is one step",
			"x", func(e *Editor) {
				c := test.NewClipboard()
				c.SetContent("pasted text\nwith two lines")
				e.SetCursor(1, 2)
				test.Type(e, "ab")
				e.TypedShortcut(&fyne.ShortcutPaste{Clipboard: c})
				test.Type(e, "cd")
			},
			[]string{"xabpasted text\nwith two lines", "xab", "x"}},
		{"typing over a selection is one step with what follows",
			"hello world", func(e *Editor) { e.SetSelection(at(1, 7), at(1, 12)); test.Type(e, "map") },
			[]string{"hello world"}},
		{"a cut is one step",
			"abc", func(e *Editor) { ctrlA(e); e.TypedShortcut(&fyne.ShortcutCut{Clipboard: test.NewClipboard()}) },
			[]string{"abc"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			e, _ := newTestEditor(t, tc.start)
			tc.do(e)
			final := e.Text()
			if got := undoAll(e); !equalStrings(got, tc.want) {
				t.Errorf("undo steps %q, want %q", got, tc.want)
			}
			for e.CanRedo() {
				e.Redo()
			}
			wantText(t, e, final)
		})
	}
}

func TestUndoRestoresCursor(t *testing.T) {
	e, _ := newTestEditor(t, "component Tea")
	e.SetSelection(at(1, 11), at(1, 14))
	test.Type(e, "Coffee")
	e.Undo()
	if s, end := e.Selection(); s != at(1, 11) || end != at(1, 14) {
		t.Errorf("after undo selection %v..%v, want the replaced word", s, end)
	}
	e.Redo()
	wantText(t, e, "component Coffee")
	wantCursor(t, e, at(1, 17))
}

// TestReplaceRangeKeepsHistory is the canvas-drag path: typing, then two splices of numbers by
// byte offset (on a line with multi-byte text before them), each one undo step.
func TestReplaceRangeKeepsHistory(t *testing.T) {
	e, _ := newTestEditor(t, "")
	test.Type(e, "component Thé [0.5, 0.5]")
	typed := e.Text()
	start := len("component Thé [")
	e.ReplaceRange(start, start+3, "0.72")
	wantText(t, e, "component Thé [0.72, 0.5]")
	e.ReplaceRange(start+6, start+9, "0.31")
	wantText(t, e, "component Thé [0.72, 0.31]")
	wantCursor(t, e, at(1, 27)) // the cursor was after the text: it follows it

	if got := undoAll(e); !equalStrings(got, []string{"component Thé [0.72, 0.5]", typed, "component Thé [0.5,", "component Thé", "component", ""}) {
		t.Errorf("undo steps %q", got)
	}
	for i := 0; i < 5; i++ {
		e.Redo()
	}
	wantText(t, e, "component Thé [0.72, 0.5]")
}

func TestReplaceRangeMovesCursorWithText(t *testing.T) {
	e, _ := newTestEditor(t, "a [0.5]\nb [0.5]")
	e.SetCursor(2, 3)
	e.ReplaceRange(3, 6, "0.123") // line 1, before the cursor's line
	wantCursor(t, e, at(2, 3))
	e.SetCursor(1, 8)
	e.ReplaceRange(len("a [0.123]\nb ["), len("a [0.123]\nb [0.5"), "0.9")
	wantCursor(t, e, at(1, 8))
	wantText(t, e, "a [0.123]\nb [0.9]")
}

func TestCleanState(t *testing.T) {
	e, _ := newTestEditor(t, "saved")
	if !e.IsClean() {
		t.Fatal("a loaded text is not clean")
	}
	e.SetCursor(1, 6)
	test.Type(e, "x")
	if e.IsClean() {
		t.Fatal("typing left the text clean")
	}
	e.MarkClean()
	test.Type(e, "y") // does not merge into the saved step
	e.Undo()
	if !e.IsClean() || e.Text() != "savedx" {
		t.Fatalf("undo to the saved point: clean=%v text=%q", e.IsClean(), e.Text())
	}
	e.Undo()
	if e.IsClean() {
		t.Fatal("undo past the saved point is clean")
	}
	e.SetText("other")
	if !e.IsClean() || e.CanUndo() || e.CanRedo() {
		t.Fatal("SetText must reset the history and be clean")
	}
}

func TestNewEditAfterUndoDropsRedo(t *testing.T) {
	e, _ := newTestEditor(t, "")
	test.Type(e, "ab cd")
	e.Undo()
	test.Type(e, "X")
	if e.CanRedo() {
		t.Error("redo survived a new edit")
	}
}

func TestClipboard(t *testing.T) {
	e, _ := newTestEditor(t, "Tea->Cup\nCup->Water")
	c := test.NewClipboard()
	e.SetSelection(at(1, 1), at(1, 4))
	e.TypedShortcut(&fyne.ShortcutCopy{Clipboard: c})
	if c.Content() != "Tea" {
		t.Fatalf("copied %q", c.Content())
	}
	e.SetCursor(2, 1)
	e.TypedShortcut(&fyne.ShortcutPaste{Clipboard: c})
	wantText(t, e, "Tea->Cup\nTeaCup->Water")
	e.SetSelection(at(1, 4), at(2, 4))
	e.TypedShortcut(&fyne.ShortcutCut{Clipboard: c})
	wantText(t, e, "TeaCup->Water")
	if c.Content() != "->Cup\nTea" {
		t.Fatalf("cut %q", c.Content())
	}
	ctrlA(e)
	if e.SelectedText() != "TeaCup->Water" {
		t.Fatalf("select all selected %q", e.SelectedText())
	}
	e.TypedShortcut(&fyne.ShortcutPaste{Clipboard: c}) // paste replaces the selection
	wantText(t, e, "->Cup\nTea")
	// Shortcuts built without a clipboard use the app's.
	e.SetSelection(at(1, 1), at(1, 3))
	e.TypedShortcut(&fyne.ShortcutCopy{})
	if got := fyne.CurrentApp().Clipboard().Content(); got != "->" {
		t.Errorf("app clipboard holds %q", got)
	}
}

func TestUndoShortcuts(t *testing.T) {
	e, _ := newTestEditor(t, "")
	test.Type(e, "ab")
	e.TypedShortcut(&fyne.ShortcutUndo{})
	wantText(t, e, "")
	e.TypedShortcut(&fyne.ShortcutRedo{})
	wantText(t, e, "ab")
	ctrl(e, fyne.KeyZ, false)
	wantText(t, e, "")
	ctrl(e, fyne.KeyZ, true) // Ctrl+Shift+Z
	wantText(t, e, "ab")
}
