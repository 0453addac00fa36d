package sourcepane

import (
	"fmt"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
)

// TestMovementKeys covers every movement key without and with Shift: without Shift the cursor
// moves and the selection is empty; with Shift the selection runs from the old cursor to the new.
func TestMovementKeys(t *testing.T) {
	const text = "component Cup of Tea [0.79, 0.61]\n  evolve Kettle 0.62\nx"
	tests := []struct {
		name   string
		from   Position
		press  func(e *Editor, shift bool)
		wantAt Position
	}{
		{"left", at(1, 5), keyPress(fyne.KeyLeft), at(1, 4)},
		{"left wraps to previous line end", at(2, 1), keyPress(fyne.KeyLeft), at(1, 34)},
		{"left at start stays", at(1, 1), keyPress(fyne.KeyLeft), at(1, 1)},
		{"right", at(1, 5), keyPress(fyne.KeyRight), at(1, 6)},
		{"right wraps to next line", at(1, 34), keyPress(fyne.KeyRight), at(2, 1)},
		{"right at end stays", at(3, 2), keyPress(fyne.KeyRight), at(3, 2)},
		{"up", at(2, 5), keyPress(fyne.KeyUp), at(1, 5)},
		{"up on first line goes to start", at(1, 5), keyPress(fyne.KeyUp), at(1, 1)},
		{"down", at(1, 5), keyPress(fyne.KeyDown), at(2, 5)},
		{"down clamps the column", at(2, 10), keyPress(fyne.KeyDown), at(3, 2)},
		{"down on last line goes to end", at(3, 1), keyPress(fyne.KeyDown), at(3, 2)},
		{"home goes to first non-blank", at(2, 10), keyPress(fyne.KeyHome), at(2, 3)},
		{"home twice goes to column 1", at(2, 3), keyPress(fyne.KeyHome), at(2, 1)},
		{"end", at(2, 3), keyPress(fyne.KeyEnd), at(2, 21)},
		{"ctrl+right to word end", at(1, 1), chord(fyne.KeyRight), at(1, 10)},
		{"ctrl+right skips space then word", at(1, 10), chord(fyne.KeyRight), at(1, 14)},
		{"ctrl+right over punctuation", at(1, 21), chord(fyne.KeyRight), at(1, 23)},
		{"ctrl+right at line end to next line", at(1, 34), chord(fyne.KeyRight), at(2, 1)},
		{"ctrl+left to word start", at(1, 16), chord(fyne.KeyLeft), at(1, 15)},
		{"ctrl+left skips space", at(1, 15), chord(fyne.KeyLeft), at(1, 11)},
		{"ctrl+left at line start to previous line", at(2, 1), chord(fyne.KeyLeft), at(1, 34)},
		{"ctrl+home", at(2, 5), chord(fyne.KeyHome), at(1, 1)},
		{"ctrl+end", at(1, 5), chord(fyne.KeyEnd), at(3, 2)},
	}
	for _, tc := range tests {
		for _, shift := range []bool{false, true} {
			t.Run(fmt.Sprintf("%s/shift=%v", tc.name, shift), func(t *testing.T) {
				e, _ := newTestEditor(t, text)
				e.SetCursor(tc.from.Line, tc.from.Col)
				tc.press(e, shift)
				wantCursor(t, e, tc.wantAt)
				s, end := e.Selection()
				switch {
				case !shift && s != end:
					t.Errorf("selection %v..%v without Shift", s, end)
				case shift:
					ws, we := tc.from, tc.wantAt
					if we.Line < ws.Line || we.Line == ws.Line && we.Col < ws.Col {
						ws, we = we, ws
					}
					if s != ws || end != we {
						t.Errorf("selection %v..%v, want %v..%v", s, end, ws, we)
					}
				}
			})
		}
	}
}

func keyPress(name fyne.KeyName) func(e *Editor, shift bool) {
	return func(e *Editor, shift bool) {
		if shift {
			shiftKey(e, name)
		} else {
			key(e, name)
		}
	}
}

func chord(name fyne.KeyName) func(e *Editor, shift bool) {
	return func(e *Editor, shift bool) { ctrl(e, name, shift) }
}

func TestVerticalMovementKeepsColumn(t *testing.T) {
	e, _ := newTestEditor(t, "long line here\nab\nanother long line")
	e.SetCursor(1, 10)
	key(e, fyne.KeyDown)
	wantCursor(t, e, at(2, 3))
	key(e, fyne.KeyDown)
	wantCursor(t, e, at(3, 10))
}

func TestPageUpDown(t *testing.T) {
	lines := make([]string, 200)
	for i := range lines {
		lines[i] = fmt.Sprintf("component C%d [0.5, 0.5]", i)
	}
	e, _ := newTestEditor(t, strings.Join(lines, "\n"))
	page := e.visibleLines() - 1
	key(e, fyne.KeyPageDown)
	wantCursor(t, e, at(1+page, 1))
	if first, _ := e.visibleRange(); first == 0 {
		t.Errorf("page down did not scroll")
	}
	key(e, fyne.KeyPageDown)
	wantCursor(t, e, at(1+2*page, 1))
	shiftKey(e, fyne.KeyPageUp)
	wantCursor(t, e, at(1+page, 1))
	if s, end := e.Selection(); s != at(1+page, 1) || end != at(1+2*page, 1) {
		t.Errorf("shift+page up selected %v..%v", s, end)
	}
	key(e, fyne.KeyPageUp)
	key(e, fyne.KeyPageUp)
	wantCursor(t, e, at(1, 1))
	if e.scrollY != 0 {
		t.Errorf("scrollY = %v after paging to the top", e.scrollY)
	}
}

func TestEscapeClearsSelection(t *testing.T) {
	e, _ := newTestEditor(t, "abc")
	ctrlA(e)
	key(e, fyne.KeyEscape)
	if e.SelectedText() != "" {
		t.Errorf("selection %q survived Escape", e.SelectedText())
	}
}

func ctrlA(e *Editor) { e.TypedShortcut(&fyne.ShortcutSelectAll{}) }

// TestUnicodeColumns checks that columns count runes whatever their size in bytes, and that
// byte offsets (what the parser reports) convert exactly.
func TestUnicodeColumns(t *testing.T) {
	e, _ := newTestEditor(t, "é😀中x\nb")
	e.SetCursor(1, 1)
	for i := 0; i < 3; i++ {
		key(e, fyne.KeyRight)
	}
	wantCursor(t, e, at(1, 4))
	if off := e.OffsetOf(e.CursorPosition()); off != len("é😀中") {
		t.Errorf("offset = %d, want %d", off, len("é😀中"))
	}
	if p := e.PositionAt(len("é😀中x\n")); p != at(2, 1) {
		t.Errorf("PositionAt(start of line 2) = %v", p)
	}
	shiftKey(e, fyne.KeyLeft)
	shiftKey(e, fyne.KeyLeft)
	if got := e.SelectedText(); got != "😀中" {
		t.Errorf("selected %q, want 😀中", got)
	}
}
