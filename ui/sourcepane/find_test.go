package sourcepane

import (
	"fmt"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/test"
)

const findText = "component Tea [0.5]\ncomponent Cup\nTea->Cup\nnote tea time"

func TestFind(t *testing.T) {
	e, w := newTestEditor(t, findText)
	ctrl(e, fyne.KeyF, false)
	if !e.bar.visible() || w.Canvas().Focused() != e.bar.entry {
		t.Fatal("Ctrl+F did not open and focus the find bar")
	}
	test.Type(e.bar.entry, "tea") // lower case: matches any case
	if s, end := e.Selection(); s != at(1, 11) || end != at(1, 14) {
		t.Errorf("first match selected %v..%v", s, end)
	}
	if n := e.MatchCount(); n != 3 {
		t.Errorf("MatchCount = %d, want 3", n)
	}
	if got := e.bar.status.Text; got != "3 matches" {
		t.Errorf("status %q", got)
	}
	if got := visibleRects(&test.WidgetRenderer(e).(*editorRenderer).matches); got != 3 {
		t.Errorf("%d match highlights drawn, want 3", got)
	}

	e.bar.entry.TypedKey(&fyne.KeyEvent{Name: fyne.KeyReturn})
	if s, _ := e.Selection(); s != at(3, 1) {
		t.Errorf("Enter went to %v, want 3:1", s)
	}
	e.FindNext()
	if s, _ := e.Selection(); s != at(4, 6) {
		t.Errorf("next went to %v, want 4:6", s)
	}
	e.FindNext() // wraps
	if s, _ := e.Selection(); s != at(1, 11) {
		t.Errorf("next wrapped to %v, want 1:11", s)
	}
	e.FindPrevious() // wraps backwards
	if s, _ := e.Selection(); s != at(4, 6) {
		t.Errorf("previous wrapped to %v, want 4:6", s)
	}
	e.bar.entry.KeyDown(&fyne.KeyEvent{Name: desktop.KeyShiftLeft})
	e.bar.entry.TypedKey(&fyne.KeyEvent{Name: fyne.KeyReturn})
	e.bar.entry.KeyUp(&fyne.KeyEvent{Name: desktop.KeyShiftLeft})
	if s, _ := e.Selection(); s != at(3, 1) {
		t.Errorf("shift+Enter went to %v, want 3:1", s)
	}

	e.bar.entry.TypedKey(&fyne.KeyEvent{Name: fyne.KeyEscape})
	if e.bar.visible() || w.Canvas().Focused() != e {
		t.Error("Escape did not close the bar and focus the text")
	}
	if got := visibleRects(&test.WidgetRenderer(e).(*editorRenderer).matches); got != 0 {
		t.Errorf("%d match highlights left after closing", got)
	}
}

func TestFindSmartCaseAndSelection(t *testing.T) {
	e, _ := newTestEditor(t, findText)
	e.SetSelection(at(3, 6), at(3, 9)) // "Cup"
	e.ShowFind()
	if e.FindQuery() != "Cup" || e.bar.entry.Text != "Cup" {
		t.Fatalf("the selection did not become the query: %q", e.FindQuery())
	}
	if n := e.MatchCount(); n != 2 {
		t.Errorf("Cup (capital, exact case) matches %d, want 2", n)
	}
	if !e.SetFindQuery("cup") || e.bar.entry.Text != "cup" {
		t.Errorf("SetFindQuery did not show its query in the open bar (%q)", e.bar.entry.Text)
	}
	if e.SetFindQuery("nothing here") {
		t.Error("a missing text was found")
	}
	if got := e.bar.status.Text; got != "no match" {
		t.Errorf("status %q", got)
	}
}

func TestGoToLine(t *testing.T) {
	lines := make([]string, 300)
	for i := range lines {
		lines[i] = fmt.Sprintf("component C%d [0.5, 0.5]", i+1)
	}
	e, w := newTestEditor(t, strings.Join(lines, "\n"))
	tests := []struct {
		input string
		want  Position
	}{
		{"150", at(150, 1)},
		{"12:5", at(12, 5)},
		{"9999", at(300, 1)},
	}
	for _, tc := range tests {
		t.Run(tc.input, func(t *testing.T) {
			ctrl(e, fyne.KeyG, false)
			if !e.bar.visible() || w.Canvas().Focused() != e.bar.entry {
				t.Fatal("Ctrl+G did not open the prompt")
			}
			test.Type(e.bar.entry, tc.input)
			e.bar.entry.TypedKey(&fyne.KeyEvent{Name: fyne.KeyReturn})
			wantCursor(t, e, tc.want)
			if first, last := e.visibleRange(); tc.want.Line-1 < first || tc.want.Line-1 > last {
				t.Errorf("line %d not visible (%d..%d)", tc.want.Line, first+1, last+1)
			}
			if e.bar.visible() || w.Canvas().Focused() != e {
				t.Error("the prompt stayed open")
			}
		})
	}
	t.Run("not a number", func(t *testing.T) {
		e.ShowGoToLine()
		test.Type(e.bar.entry, "abc")
		e.bar.entry.TypedKey(&fyne.KeyEvent{Name: fyne.KeyReturn})
		if !e.bar.visible() || e.bar.status.Text != "not a number" {
			t.Errorf("bad input: visible=%v status=%q", e.bar.visible(), e.bar.status.Text)
		}
	})
}

// TestUnhandledShortcutsPassThrough checks that the app's shortcuts keep working while the
// editor has focus: unknown shortcuts go to OnUnhandledShortcut, or to the canvas's shortcuts.
func TestUnhandledShortcutsPassThrough(t *testing.T) {
	e, w := newTestEditor(t, "abc")
	save := &desktop.CustomShortcut{KeyName: fyne.KeyS, Modifier: fyne.KeyModifierShortcutDefault}
	saved := 0
	w.Canvas().AddShortcut(save, func(fyne.Shortcut) { saved++ })
	e.TypedShortcut(save)
	if saved != 1 {
		t.Errorf("canvas shortcut ran %d times, want 1", saved)
	}
	var got []string
	e.OnUnhandledShortcut = func(s fyne.Shortcut) { got = append(got, s.ShortcutName()) }
	e.TypedShortcut(save)
	e.TypedShortcut(&desktop.CustomShortcut{KeyName: fyne.KeyLeft, Modifier: fyne.KeyModifierAlt})
	ctrl(e, fyne.KeyLeft, false) // handled by the editor
	if len(got) != 2 || saved != 1 {
		t.Errorf("OnUnhandledShortcut got %v (canvas ran %d)", got, saved)
	}
	wantText(t, e, "abc")
}

func visibleRects(p *rectPool) int {
	n := 0
	for _, r := range p.items {
		if r.Visible() {
			n++
		}
	}
	return n
}

// The replace field owns the keyboard: what is typed goes into it, never into the text, until
// Enter replaces the match; Escape closes the bar and gives the focus back to the text.
func TestReplaceFieldOwnsTheKeyboard(t *testing.T) {
	e, w := newTestEditor(t, findText)
	c := w.Canvas()
	c.Focus(e)
	ctrl(e, fyne.KeyH, false)
	test.Type(c.Focused(), "cup")
	c.Focus(e.bar.replaceEntry) // a click, or Tab, into the replacement
	for _, r := range "Mug" {
		c.Focused().TypedRune(r)
	}
	c.Focused().TypedKey(&fyne.KeyEvent{Name: fyne.KeyBackspace})
	c.Focused().TypedRune('g')
	if e.Text() != findText {
		t.Fatalf("typing into the replace field changed the text:\n%s", e.Text())
	}
	c.Focused().TypedKey(&fyne.KeyEvent{Name: fyne.KeyEscape})
	if e.Text() != findText || c.Focused() != e {
		t.Errorf("after Escape: text changed %v, focus on %T (want the text)", e.Text() != findText, c.Focused())
	}
	ctrl(e, fyne.KeyH, false)
	c.Focus(e.bar.replaceEntry)
	c.Focused().TypedKey(&fyne.KeyEvent{Name: fyne.KeyReturn})
	if want := strings.Replace(findText, "Cup", "Mug", 1); e.Text() != want {
		t.Errorf("Enter in the replace field gave\n%s\nwant\n%s", e.Text(), want)
	}
}
