package ui

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"
)

// Inline naming: a text field drawn over the map where the element is, holding the offered or
// old name selected, so typing replaces it. Enter writes it, Escape or a click elsewhere
// cancels. Renaming and naming a new element both use it.

// inlineEntry is an Entry that reports Escape and losing the focus.
type inlineEntry struct {
	widget.Entry
	onCancel func()
}

func newInlineEntry() *inlineEntry {
	e := &inlineEntry{}
	e.ExtendBaseWidget(e)
	return e
}

// TypedKey cancels on Escape.
func (e *inlineEntry) TypedKey(ev *fyne.KeyEvent) {
	if ev.Name == fyne.KeyEscape {
		if e.onCancel != nil {
			e.onCancel()
		}
		return
	}
	e.Entry.TypedKey(ev)
}

// FocusLost cancels (a click elsewhere).
func (e *inlineEntry) FocusLost() {
	e.Entry.FocusLost()
	if e.onCancel != nil {
		e.onCancel()
	}
}

// inlineLayer holds the inline entry over the window.
type inlineLayer struct {
	layer *fyne.Container
	entry *inlineEntry
}

func newInlineLayer() *inlineLayer {
	l := &inlineLayer{entry: newInlineEntry()}
	l.layer = container.NewWithoutLayout(l.entry)
	l.entry.Hide()
	return l
}

// inlineName shows the inline entry at the absolute window position at with initial selected,
// and calls answer once: with the text on Enter, with ok false on Escape or a click elsewhere.
func (e *Editor) inlineName(at fyne.Position, _, label, initial string, answer func(string, bool)) {
	l := e.inline
	done := false
	finish := func(text string, ok bool) {
		if done {
			return
		}
		done = true
		l.entry.onCancel, l.entry.OnSubmitted = nil, nil
		l.entry.Hide()
		l.layer.Refresh()
		e.win.Canvas().Focus(e.canvas)
		answer(text, ok)
	}
	l.entry.SetPlaceHolder(label)
	l.entry.SetText(initial)
	l.entry.OnSubmitted = func(s string) { finish(s, true) }
	l.entry.onCancel = func() { finish("", false) }
	width := max(l.entry.MinSize().Width, 220)
	size := fyne.NewSize(width, l.entry.MinSize().Height)
	win := e.win.Canvas().Size()
	pos := at.AddXY(-width/2, -size.Height/2)
	pos.X = max(0, min(pos.X, win.Width-width))
	pos.Y = max(0, min(pos.Y, win.Height-size.Height))
	l.entry.Move(pos)
	l.entry.Resize(size)
	l.entry.Show()
	l.layer.Refresh()
	e.win.Canvas().Focus(l.entry)
	l.entry.TypedShortcut(&fyne.ShortcutSelectAll{})
	e.setStatus("Type the %s and press Enter; Escape cancels", lower(label))
}

func lower(s string) string {
	if s == "" {
		return "name"
	}
	b := []byte(s)
	if b[0] >= 'A' && b[0] <= 'Z' {
		b[0] += 'a' - 'A'
	}
	return string(b)
}
