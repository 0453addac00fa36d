package ui

import (
	"path/filepath"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/storage"

	"mapwright/internal/export"
	"mapwright/render"
)

func shortcut(k fyne.KeyName, shift bool) fyne.Shortcut {
	mod := fyne.KeyModifierShortcutDefault
	if shift {
		mod |= fyne.KeyModifierShift
	}
	return &desktop.CustomShortcut{KeyName: k, Modifier: mod}
}

// item is a menu item whose action does nothing while a dialog is open (see guarded).
func (e *Editor) item(label string, sc fyne.Shortcut, action func()) *fyne.MenuItem {
	it := fyne.NewMenuItem(label, e.guarded(action))
	it.Shortcut = sc
	return it
}

// toField hands an editing shortcut to the text field that has the keyboard (the find bar,
// an inline name, a dialog's field) rather than to the map text, and reports whether it did.
func (e *Editor) toField(sc fyne.Shortcut) bool {
	f, ok := e.win.Canvas().Focused().(fyne.Shortcutable)
	if !ok || fyne.Focusable(e.pane) == e.win.Canvas().Focused() || fyne.Focusable(e.canvas) == e.win.Canvas().Focused() {
		return false
	}
	f.TypedShortcut(sc)
	return true
}

// buildMenus sets the main menu. App shortcuts live on menu items, which Fyne matches before
// the focused widget, so Ctrl+S works while typing; a few are also canvas shortcuts, for the
// keys the text pane hands on when it does not use them itself.
func (e *Editor) buildMenus() {
	e.recentMnu = fyne.NewMenuItem("Open Recent", nil)
	e.refreshRecentMenu()
	item := e.item
	quit := item("Quit", shortcut(fyne.KeyQ, false), func() { e.RequestClose(nil) })
	quit.IsQuit = true
	file := fyne.NewMenu("File",
		item("New", shortcut(fyne.KeyN, false), e.New),
		e.templateMenu(),
		item("Open…", shortcut(fyne.KeyO, false), e.OpenDialog),
		e.recentMnu,
		fyne.NewMenuItemSeparator(),
		item("Save", shortcut(fyne.KeyS, false), func() { e.Save(nil) }),
		item("Save As…", shortcut(fyne.KeyS, true), func() { e.SaveAsDialog(nil) }),
		fyne.NewMenuItemSeparator(),
		item("Export PDF…", shortcut(fyne.KeyE, false), func() { e.ExportDialog(export.PDF) }),
		item("Export SVG…", shortcut(fyne.KeyE, true), func() { e.ExportDialog(export.SVG) }),
		item("Export PNG…", shortcut(fyne.KeyP, true), func() { e.ExportDialog(export.PNG) }),
		fyne.NewMenuItemSeparator(),
		quit,
	)
	undo := func() {
		if !e.toField(&fyne.ShortcutUndo{}) {
			e.pane.Undo()
		}
	}
	redo := func() {
		if !e.toField(&fyne.ShortcutRedo{}) {
			e.pane.Redo()
		}
	}
	e.undoItems = []*fyne.MenuItem{item("Undo", shortcut(fyne.KeyZ, false), undo)}
	e.redoItems = []*fyne.MenuItem{item("Redo", shortcut(fyne.KeyZ, true), redo), item("Redo", shortcut(fyne.KeyY, false), redo)}
	edit := fyne.NewMenu("Edit",
		e.undoItems[0], e.redoItems[0], e.redoItems[1],
		fyne.NewMenuItemSeparator(),
		item("Find…", shortcut(fyne.KeyF, false), e.pane.ShowFind),
		item("Replace…", shortcut(fyne.KeyH, false), e.pane.ShowReplace),
		item("Go to Line…", shortcut(fyne.KeyG, false), e.pane.ShowGoToLine),
		fyne.NewMenuItemSeparator(),
		item("Delete Selected Element", nil, func() {
			if ref, ok := e.canvas.Selected(); ok {
				e.deleteElement(ref)
			}
		}),
	)
	e.styleMnu = fyne.NewMenuItem("Map Style", nil)
	e.refreshStyleMenu()
	view := fyne.NewMenu("View",
		item("Zoom In", shortcut(fyne.KeyEqual, false), e.canvas.ZoomIn),
		item("Zoom Out", shortcut(fyne.KeyMinus, false), e.canvas.ZoomOut),
		item("Fit to Window", shortcut(fyne.Key0, false), e.canvas.Fit),
		item("Actual Size", shortcut(fyne.Key1, false), e.canvas.ZoomActual),
		fyne.NewMenuItemSeparator(),
		e.styleMnu,
		fyne.NewMenuItemSeparator(),
		item("History…", nil, e.showHistory),
		e.trailsItem(),
		fyne.NewMenuItemSeparator(),
		// F5 is a plain key, which the driver does not match against menu items: the text and
		// the map hand it to windowKey. The shortcut here shows it in the menu.
		item("Present", &desktop.CustomShortcut{KeyName: fyne.KeyF5}, e.Present),
		item("Present in Window", shortcut(fyne.KeyF5, false), e.PresentInWindow),
	)
	e.menu = fyne.NewMainMenu(file, edit, view, e.helpMenu())
	e.win.SetMainMenu(e.menu)
	// Ctrl+Plus on keyboards where "+" is its own key.
	c := e.win.Canvas()
	c.AddShortcut(shortcut(fyne.KeyPlus, false), func(fyne.Shortcut) { e.guarded(e.canvas.ZoomIn)() })
	c.AddShortcut(&fyne.ShortcutRedo{}, func(fyne.Shortcut) { e.guarded(redo)() })
	c.AddShortcut(&fyne.ShortcutUndo{}, func(fyne.Shortcut) { e.guarded(undo)() })
	// Keys typed while nothing has the focus: how Escape and Enter reach a dialog.
	c.SetOnTypedKey(e.windowKey)
}

// refreshRecentMenu rebuilds File > Open Recent from the preferences.
func (e *Editor) refreshRecentMenu() {
	if e.recentMnu == nil {
		return
	}
	var items []*fyne.MenuItem
	for _, p := range e.recent.List() {
		p := p
		items = append(items, fyne.NewMenuItem(filepath.Base(p)+"  —  "+filepath.Dir(p), func() {
			e.confirmDiscard(func() { e.openOrReport(p) })
		}))
	}
	if len(items) == 0 {
		none := fyne.NewMenuItem("No recent files", nil)
		none.Disabled = true
		items = append(items, none)
	}
	e.recentMnu.ChildMenu = fyne.NewMenu("", items...)
	if e.menu != nil {
		e.menu.Refresh()
	}
}

// refreshStyleMenu rebuilds View > Map Style with the current choice checked.
func (e *Editor) refreshStyleMenu() {
	own := fyne.NewMenuItem("As the Map Says", func() { e.SetStyle("") })
	own.Checked = e.style == ""
	items := []*fyne.MenuItem{own, fyne.NewMenuItemSeparator()}
	for _, s := range render.Styles {
		s := s
		it := fyne.NewMenuItem(styleLabel(s), func() { e.SetStyle(s) })
		it.Checked = e.style == s
		items = append(items, it)
	}
	e.styleMnu.ChildMenu = fyne.NewMenu("", items...)
	if e.menu != nil {
		e.menu.Refresh()
	}
}

func styleLabel(s render.Style) string {
	switch s {
	case render.StylePlain:
		return "Plain"
	case render.StyleWardley:
		return "Wardley"
	case render.StyleColour:
		return "Colour"
	case render.StyleDark:
		return "Dark"
	case render.StyleHandwritten:
		return "Handwritten"
	}
	return string(s)
}

// SetStyle draws the map in style s ("" for the map's own style) without changing the text.
func (e *Editor) SetStyle(s render.Style) {
	e.style = s
	e.refreshStyleMenu()
	if e.drawn != nil {
		e.canvas.SetScene(render.Layout(e.drawn, render.Options{Style: e.effectiveStyle(e.drawn)}))
	}
}

// OpenDialog asks for a map file to open, after asking about unsaved changes.
func (e *Editor) OpenDialog() {
	e.confirmDiscard(func() {
		d := dialog.NewFileOpen(func(r fyne.URIReadCloser, err error) {
			if err != nil {
				e.showError(err)
				return
			}
			if r == nil {
				return
			}
			path := r.URI().Path()
			r.Close()
			e.openOrReport(path)
		}, e.win)
		d.SetFilter(storage.NewExtensionFileFilter([]string{".owm", ".wm", ".mmd", ".mermaid", ".txt"}))
		e.startIn(d)
		d.Resize(e.dialogSize())
		e.showDialog(d, nil, nil)
	})
}

// SaveAsDialog asks for a file name and saves there; ".owm" is added when the name has no
// extension. done (optional) runs after a successful save.
func (e *Editor) SaveAsDialog(done func()) {
	d := dialog.NewFileSave(func(w fyne.URIWriteCloser, err error) {
		if err != nil {
			e.showError(err)
			return
		}
		if w == nil {
			return
		}
		path := w.URI().Path()
		w.Close()
		if filepath.Ext(path) == "" {
			removeIfEmpty(path) // the dialog created it; the map goes to name.owm
			path += ".owm"
		}
		if e.SaveAs(path) == nil && done != nil {
			done()
		}
	}, e.win)
	d.SetFileName(e.suggestedName(".owm"))
	d.SetFilter(storage.NewExtensionFileFilter([]string{".owm", ".wm", ".mmd"}))
	e.startIn(d)
	d.Resize(e.dialogSize())
	e.showDialog(d, nil, nil)
}

func (e *Editor) dialogSize() fyne.Size {
	s := e.win.Canvas().Size()
	return fyne.NewSize(max(s.Width*0.8, 600), max(s.Height*0.8, 420))
}

// startIn opens file dialogs in the current map's folder.
func (e *Editor) startIn(d *dialog.FileDialog) {
	if e.doc.Path == "" {
		return
	}
	if l, err := storage.ListerForURI(storage.NewFileURI(filepath.Dir(e.doc.Path))); err == nil {
		d.SetLocation(l)
	}
}

// suggestedName is the map's file name with ext, or one made from its title.
func (e *Editor) suggestedName(ext string) string {
	if e.doc.Path != "" {
		base := filepath.Base(e.doc.Path)
		return base[:len(base)-len(filepath.Ext(base))] + ext
	}
	title := "map"
	if e.parsed != nil && e.parsed.Title != "" {
		title = e.parsed.Title
	}
	return safeFileName(title) + ext
}

// historyChanged greys out Undo and Redo when there is nothing to undo or redo.
func (e *Editor) historyChanged() {
	changed := false
	for _, it := range e.undoItems {
		if it.Disabled == e.pane.CanUndo() {
			it.Disabled, changed = !e.pane.CanUndo(), true
		}
	}
	for _, it := range e.redoItems {
		if it.Disabled == e.pane.CanRedo() {
			it.Disabled, changed = !e.pane.CanRedo(), true
		}
	}
	if changed && e.menu != nil {
		e.menu.Refresh()
	}
	e.updateTitle()
}

// trailsItem is View > Show Trails, checked while the trails are drawn.
func (e *Editor) trailsItem() *fyne.MenuItem {
	e.trails.item = fyne.NewMenuItem("Show Trails", e.guarded(e.toggleTrails))
	return e.trails.item
}
