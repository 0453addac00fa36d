package sourcepane

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/widget"
)

var _ fyne.SecondaryTappable = (*Editor)(nil)

// TappedSecondary opens the context menu: undo, redo, cut, copy, paste, select all, find and go
// to line. A right click outside the selection first moves the cursor there.
func (e *Editor) TappedSecondary(ev *fyne.PointEvent) {
	app := fyne.CurrentApp()
	if app == nil {
		return
	}
	c := app.Driver().CanvasForObject(e)
	if c == nil {
		return
	}
	e.focusSelf()
	p := e.posAtPoint(ev.Position)
	if s, t := orderPos(e.anchor, e.cursor); p.before(s) || t.before(p) || !e.hasSelection() {
		e.moveTo(p, false)
	}
	widget.ShowPopUpMenuAtPosition(e.contextMenu(app.Clipboard()), c, ev.AbsolutePosition)
}

// contextMenu lists the editing actions, disabling those that would do nothing.
func (e *Editor) contextMenu(clip fyne.Clipboard) *fyne.Menu {
	item := func(label string, enabled bool, action func()) *fyne.MenuItem {
		it := fyne.NewMenuItem(label, action)
		it.Disabled = !enabled
		return it
	}
	sel := e.hasSelection()
	return fyne.NewMenu("",
		item("Undo", e.CanUndo(), e.Undo),
		item("Redo", e.CanRedo(), e.Redo),
		fyne.NewMenuItemSeparator(),
		item("Cut", sel, func() { e.cutTo(clip) }),
		item("Copy", sel, func() { e.copyTo(clip) }),
		item("Paste", clip != nil && clip.Content() != "", func() { e.pasteFrom(clip) }),
		item("Select All", true, e.SelectAll),
		fyne.NewMenuItemSeparator(),
		item("Find…", true, e.ShowFind),
		item("Go to Line…", true, e.ShowGoToLine),
	)
}
