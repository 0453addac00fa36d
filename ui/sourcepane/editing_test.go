package sourcepane

import (
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
)

// TestEditingKeys covers every editing key: each case places the cursor, sends keys and checks
// the text and the cursor.
func TestEditingKeys(t *testing.T) {
	tests := []struct {
		name       string
		text       string
		cursor     Position
		selectFrom *Position
		do         func(e *Editor)
		want       string
		wantCursor Position
	}{
		{"type", "ac", at(1, 2), nil, func(e *Editor) { test.Type(e, "b") }, "abc", at(1, 3)},
		{"type unicode", "", at(1, 1), nil, func(e *Editor) { test.Type(e, "é😀中") }, "é😀中", at(1, 4)},
		{"type over selection", "hello world", at(1, 12), &Position{1, 7}, func(e *Editor) { test.Type(e, "map") }, "hello map", at(1, 10)},
		{"backspace", "abc", at(1, 3), nil, func(e *Editor) { key(e, fyne.KeyBackspace) }, "ac", at(1, 2)},
		{"backspace removes a whole emoji", "a😀b", at(1, 3), nil, func(e *Editor) { key(e, fyne.KeyBackspace) }, "ab", at(1, 2)},
		{"backspace joins lines", "ab\ncd", at(2, 1), nil, func(e *Editor) { key(e, fyne.KeyBackspace) }, "abcd", at(1, 3)},
		{"backspace at start does nothing", "ab", at(1, 1), nil, func(e *Editor) { key(e, fyne.KeyBackspace) }, "ab", at(1, 1)},
		{"backspace deletes selection", "abcdef", at(1, 5), &Position{1, 2}, func(e *Editor) { key(e, fyne.KeyBackspace) }, "aef", at(1, 2)},
		{"delete", "abc", at(1, 2), nil, func(e *Editor) { key(e, fyne.KeyDelete) }, "ac", at(1, 2)},
		{"delete joins lines", "ab\ncd", at(1, 3), nil, func(e *Editor) { key(e, fyne.KeyDelete) }, "abcd", at(1, 3)},
		{"delete at end does nothing", "ab", at(1, 3), nil, func(e *Editor) { key(e, fyne.KeyDelete) }, "ab", at(1, 3)},
		{"delete selection across lines", "ab\ncd\nef", at(3, 2), &Position{1, 2}, func(e *Editor) { key(e, fyne.KeyDelete) }, "af", at(1, 2)},
		{"enter", "abcd", at(1, 3), nil, func(e *Editor) { key(e, fyne.KeyReturn) }, "ab\ncd", at(2, 1)},
		{"enter keeps indentation", "pipeline P\n{\n  component A [0.5]", at(3, 20), nil, func(e *Editor) { key(e, fyne.KeyReturn) }, "pipeline P\n{\n  component A [0.5]\n  ", at(4, 3)},
		{"enter inside indentation keeps only what is left of the cursor", "    x", at(1, 3), nil, func(e *Editor) { key(e, fyne.KeyEnter) }, "  \n    x", at(2, 3)},
		{"tab inserts two spaces", "ab", at(1, 2), nil, func(e *Editor) { key(e, fyne.KeyTab) }, "a  b", at(1, 4)},
		{"tab indents selected lines", "a\nb\nc", at(2, 2), &Position{1, 1}, func(e *Editor) { key(e, fyne.KeyTab) }, "  a\n  b\nc", at(2, 4)},
		{"shift+tab outdents", "  a\n    b", at(2, 5), &Position{1, 1}, func(e *Editor) { shiftKey(e, fyne.KeyTab) }, "a\n  b", at(2, 4)},
		{"ctrl+backspace deletes a word", "component Cup", at(1, 14), nil, func(e *Editor) { ctrl(e, fyne.KeyBackspace, false) }, "component ", at(1, 11)},
		{"ctrl+delete deletes a word", "Tea->Cup", at(1, 1), nil, func(e *Editor) { ctrl(e, fyne.KeyDelete, false) }, "->Cup", at(1, 1)},
		{"control runes are ignored", "a", at(1, 2), nil, func(e *Editor) { e.TypedRune('\x01') }, "a", at(1, 2)},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			e, _ := newTestEditor(t, tc.text)
			if tc.selectFrom != nil {
				e.SetSelection(*tc.selectFrom, tc.cursor)
			} else {
				e.SetCursor(tc.cursor.Line, tc.cursor.Col)
			}
			tc.do(e)
			wantText(t, e, tc.want)
			wantCursor(t, e, tc.wantCursor)
		})
	}
}

func TestTabText(t *testing.T) {
	e, _ := newTestEditor(t, "ab")
	e.SetTabText("\t")
	e.SetCursor(1, 2)
	key(e, fyne.KeyTab)
	wantText(t, e, "a\tb")
	// the tab is drawn to the next 4-column stop: 'b' starts at column 4 of the grid
	m := e.m()
	if got, want := m.xOf(e.Line(1), 2), 4*m.charW; got != want {
		t.Errorf("x after tab = %v, want %v", got, want)
	}
}

func TestCallbacks(t *testing.T) {
	e, _ := newTestEditor(t, "")
	var changes []string
	var moves []Position
	histories := 0
	e.OnChanged = func(s string) { changes = append(changes, s) }
	e.OnCursorMoved = func(l, c int) { moves = append(moves, Position{l, c}) }
	e.OnHistoryChanged = func() { histories++ }
	edited := 0
	e.OnEdited = func() { edited++ }

	e.SetText("loaded")
	if len(changes) != 0 {
		t.Errorf("SetText called OnChanged: %q", changes)
	}
	e.SetCursor(1, 7)
	test.Type(e, "!")
	if len(changes) != 1 || changes[0] != "loaded!" || edited != 1 {
		t.Errorf("OnChanged calls = %q (OnEdited %d), want [loaded!] and 1", changes, edited)
	}
	if want := []Position{{1, 7}, {1, 8}}; len(moves) != 2 || moves[0] != want[0] || moves[1] != want[1] {
		t.Errorf("OnCursorMoved calls = %v, want %v", moves, want)
	}
	e.SetCursor(1, 8) // no move, no call
	if len(moves) != 2 {
		t.Errorf("OnCursorMoved called without a move: %v", moves)
	}
	if histories < 2 {
		t.Errorf("OnHistoryChanged called %d times, want at least 2 (SetText, typing)", histories)
	}
}
