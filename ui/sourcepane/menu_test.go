package sourcepane

import (
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
)

func TestContextMenu(t *testing.T) {
	e, w := newTestEditor(t, "Tea->Cup")
	e.SetSelection(at(1, 1), at(1, 4))
	test.TapSecondaryAt(e, pointAt(e, at(1, 2)))
	if w.Canvas().Overlays().Top() == nil {
		t.Fatal("no context menu")
	}
	if got := e.SelectedText(); got != "Tea" {
		t.Errorf("a right click inside the selection changed it to %q", got)
	}
	clip := test.NewClipboard()
	menu := e.contextMenu(clip)
	byLabel := map[string]*fyne.MenuItem{}
	for _, it := range menu.Items {
		byLabel[it.Label] = it
	}
	if !byLabel["Undo"].Disabled || byLabel["Cut"].Disabled || !byLabel["Paste"].Disabled {
		t.Errorf("enabled state: undo %v cut %v paste %v", !byLabel["Undo"].Disabled, !byLabel["Cut"].Disabled, !byLabel["Paste"].Disabled)
	}
	byLabel["Cut"].Action()
	wantText(t, e, "->Cup")
	if clip.Content() != "Tea" {
		t.Errorf("cut put %q on the clipboard", clip.Content())
	}
	e.SetCursor(1, 6)
	for _, it := range e.contextMenu(clip).Items {
		if it.Label == "Paste" {
			it.Action()
		}
	}
	wantText(t, e, "->CupTea")

	test.TapSecondaryAt(e, pointAt(e, at(1, 1))) // outside the (empty) selection: moves the cursor
	wantCursor(t, e, at(1, 1))
}
