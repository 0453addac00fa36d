package sourcepane

import (
	"fmt"
	"strconv"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// barMode says what the prompt bar at the top right of the editor is for.
type barMode int

const (
	barFind barMode = iota
	barGoTo
	barReplace // find, with a second row: the replacement, Replace and Replace All
)

// promptBar is the small find bar (Ctrl+F) and go-to-line prompt (Ctrl+G). It floats over the
// top right corner of the text and owns the keyboard while it is open, however it was opened
// (a key in the text, a menu, a shortcut while the map had the focus); Escape closes it and gives
// the focus back to whatever had it before, and a line chosen in the go-to-line prompt puts the
// focus in the text at that line.
type promptBar struct {
	e          *Editor
	mode       barMode
	box        *fyne.Container
	bg         *canvas.Rectangle
	label      *widget.Label
	entry      *barEntry
	status     *widget.Label
	prev, next *widget.Button
	// The options and the replace row (find and replace modes).
	options          *fyne.Container
	wholeWord, match *widget.Check
	replaceRow       *fyne.Container
	replaceEntry     *barEntry
	// returnTo had the focus before the bar opened; closing the bar gives it back.
	returnTo fyne.Focusable
}

// barEntry is the bar's single-line entry: Enter runs the bar's action, Shift+Enter and Up go to
// the previous match, Down to the next, Escape closes.
type barEntry struct {
	widget.Entry
	bar   *promptBar
	shift bool
	// replace marks the replacement entry: Enter replaces the match and finds the next.
	replace bool
}

func (b *barEntry) KeyDown(ev *fyne.KeyEvent) {
	if ev.Name == desktop.KeyShiftLeft || ev.Name == desktop.KeyShiftRight {
		b.shift = true
	}
	b.Entry.KeyDown(ev)
}

func (b *barEntry) KeyUp(ev *fyne.KeyEvent) {
	if ev.Name == desktop.KeyShiftLeft || ev.Name == desktop.KeyShiftRight {
		b.shift = false
	}
	b.Entry.KeyUp(ev)
}

func (b *barEntry) TypedKey(ev *fyne.KeyEvent) {
	switch ev.Name {
	case fyne.KeyEscape:
		b.bar.e.HideBar()
	case fyne.KeyReturn, fyne.KeyEnter:
		if b.replace {
			b.bar.e.ReplaceNext(b.Text)
			b.bar.updateStatus()
			return
		}
		b.bar.submit(b.shift)
	case fyne.KeyUp:
		b.bar.submit(true)
	case fyne.KeyDown:
		b.bar.submit(false)
	case fyne.KeyF1, fyne.KeyF2, fyne.KeyF3, fyne.KeyF4, fyne.KeyF5, fyne.KeyF6,
		fyne.KeyF7, fyne.KeyF8, fyne.KeyF9, fyne.KeyF10, fyne.KeyF11, fyne.KeyF12:
		// The entry has no use for function keys: the window's (F5 presents) work while the
		// bar has the keyboard, as they do from the text.
		passKeyOn(b, ev)
	default:
		b.Entry.TypedKey(ev)
	}
}

func (b *barEntry) TypedShortcut(s fyne.Shortcut) {
	if cs, ok := s.(*desktop.CustomShortcut); ok && cs.Modifier == fyne.KeyModifierShortcutDefault {
		switch cs.KeyName {
		case fyne.KeyF:
			b.bar.e.ShowFind()
			return
		case fyne.KeyG:
			b.bar.e.ShowGoToLine()
			return
		case fyne.KeyH:
			b.bar.e.ShowReplace()
			return
		}
	}
	b.Entry.TypedShortcut(s)
}

func newPromptBar(e *Editor) *promptBar {
	b := &promptBar{e: e, label: widget.NewLabel("Find"), status: widget.NewLabel("")}
	b.entry = &barEntry{bar: b}
	b.entry.ExtendBaseWidget(b.entry)
	b.entry.OnChanged = func(s string) {
		if b.mode == barFind || b.mode == barReplace {
			b.e.SetFindQuery(s)
		}
	}
	setOptions := func(bool) { b.e.SetFindOptions(b.wholeWord.Checked, b.match.Checked) }
	b.wholeWord = widget.NewCheck("Whole word", setOptions)
	b.match = widget.NewCheck("Match case", setOptions)
	b.options = container.NewHBox(b.wholeWord, b.match)
	b.replaceEntry = &barEntry{bar: b, replace: true}
	b.replaceEntry.ExtendBaseWidget(b.replaceEntry)
	b.replaceEntry.SetPlaceHolder("replace with")
	one := widget.NewButton("Replace", func() { b.e.ReplaceNext(b.replaceEntry.Text); b.updateStatus() })
	all := widget.NewButton("Replace All", func() { b.replaceAll() })
	b.replaceRow = container.NewBorder(nil, nil, widget.NewLabel("Replace"), container.NewHBox(one, all), b.replaceEntry)
	b.prev = widget.NewButtonWithIcon("", theme.MoveUpIcon(), func() { b.submit(true) })
	b.next = widget.NewButtonWithIcon("", theme.MoveDownIcon(), func() { b.submit(false) })
	closeBtn := widget.NewButtonWithIcon("", theme.CancelIcon(), func() { b.e.HideBar() })
	for _, btn := range []*widget.Button{b.prev, b.next, closeBtn} {
		btn.Importance = widget.LowImportance
	}
	b.bg = canvas.NewRectangle(theme.Color(theme.ColorNameOverlayBackground))
	b.bg.StrokeWidth = 1
	b.bg.CornerRadius = 4
	right := container.NewHBox(b.status, b.prev, b.next, closeBtn)
	find := container.NewBorder(nil, nil, b.label, right, b.entry)
	b.box = container.NewStack(b.bg, container.NewVBox(find, b.options, b.replaceRow))
	b.box.Hide()
	return b
}

func (b *promptBar) visible() bool { return b.box.Visible() }

// layout places the bar at the top right of an editor of the given size.
func (b *promptBar) layout(size fyne.Size) {
	if !b.box.Visible() {
		return
	}
	v := fyne.CurrentApp().Settings().ThemeVariant()
	th := b.e.Theme()
	b.bg.FillColor = th.Color(theme.ColorNameOverlayBackground, v)
	b.bg.StrokeColor = th.Color(theme.ColorNameInputBorder, v)
	min := b.box.MinSize()
	w := fyne.Min(size.Width-b.e.gutterWidth()-scrollBarW, fyne.Max(min.Width, 420))
	b.box.Resize(fyne.NewSize(w, min.Height))
	b.box.Move(fyne.NewPos(size.Width-w-scrollBarW-2, 2))
}

// submit runs the bar's action: the next (or previous) match, or the line typed.
func (b *promptBar) submit(backward bool) {
	e := b.e
	switch b.mode {
	case barFind, barReplace:
		if backward {
			e.FindPrevious()
		} else {
			e.FindNext()
		}
		b.updateStatus()
	case barGoTo:
		text := strings.TrimSpace(b.entry.Text)
		lineText, colText, _ := strings.Cut(text, ":")
		line, err := strconv.Atoi(strings.TrimSpace(lineText))
		if err != nil {
			b.status.SetText("not a number")
			return
		}
		col := 1
		if c, err := strconv.Atoi(strings.TrimSpace(colText)); err == nil {
			col = c
		}
		b.returnTo = nil // the focus goes to the text, at the line chosen
		e.HideBar()
		e.GoToLine(line)
		if col > 1 {
			e.SetCursor(max(1, min(line, e.LineCount())), col)
		}
	}
}

func (b *promptBar) updateStatus() {
	if b.mode == barGoTo || !b.box.Visible() {
		return
	}
	switch n := b.e.MatchCount(); {
	case b.e.find.query == "":
		b.status.SetText("")
	case n == 0:
		b.status.SetText("no match")
	case n == 1:
		b.status.SetText("1 match")
	default:
		b.status.SetText(fmt.Sprintf("%d matches", n))
	}
}

func (e *Editor) updateBarCount() {
	if e.bar != nil {
		e.bar.updateStatus()
	}
}

// open shows the bar in a mode and focuses its entry, remembering what had the focus.
func (b *promptBar) open(mode barMode) {
	b.mode = mode
	b.prev.Show()
	b.next.Show()
	b.options.Show()
	b.replaceRow.Hide()
	switch mode {
	case barFind, barReplace:
		if mode == barReplace {
			b.replaceRow.Show()
		}
		b.label.SetText("Find")
		b.entry.SetPlaceHolder("text")
		b.entry.SetText(b.e.find.query)
	case barGoTo:
		b.label.SetText("Go to line")
		b.entry.SetPlaceHolder(fmt.Sprintf("1-%d (line:column)", b.e.LineCount()))
		b.entry.SetText("")
		b.prev.Hide()
		b.next.Hide()
		b.options.Hide()
		b.status.SetText("")
	}
	b.box.Show()
	b.e.Refresh()
	b.updateStatus()
	if c := b.canvas(); c != nil {
		if f := c.Focused(); f != b.entry {
			b.returnTo = f
		}
		c.Focus(b.entry)
	}
	// The last query is offered selected: typing replaces it, Enter searches it again.
	b.entry.TypedShortcut(&fyne.ShortcutSelectAll{})
}

func (b *promptBar) canvas() fyne.Canvas {
	if app := fyne.CurrentApp(); app != nil {
		return app.Driver().CanvasForObject(b.e)
	}
	return nil
}

// giveBackFocus focuses what had the focus before the bar opened, or the text when that is
// gone or hidden.
func (b *promptBar) giveBackFocus() {
	to := b.returnTo
	b.returnTo = nil
	c := b.canvas()
	if c == nil {
		return
	}
	if o, ok := to.(fyne.CanvasObject); ok && o.Visible() && to != fyne.Focusable(b.entry) && b.e.Visible() {
		c.Focus(to)
		if c.Focused() == to {
			return
		}
	}
	b.e.focusSelf()
}

// ShowFind opens the find bar (Ctrl+F). The selected text, when it is on one line, becomes the
// query; matches are highlighted while the bar is open.
func (e *Editor) ShowFind() { e.showFindBar(barFind) }

// ShowReplace opens the find bar with its replace row (Ctrl+H): Replace replaces the selected
// match and finds the next, Replace All replaces every match as one undo step. Whole word and
// Match case apply to both.
func (e *Editor) ShowReplace() { e.showFindBar(barReplace) }

// showFindBar opens the bar as find or replace, with the selected text, when it is on one line,
// as the query.
func (e *Editor) showFindBar(mode barMode) {
	e.ensureBar()
	if s := e.SelectedText(); s != "" && !strings.Contains(s, "\n") {
		e.find.query = s
		e.find.stale = true
	}
	e.find.active = true
	e.bar.open(mode)
}

// replaceAll replaces every match and says how many.
func (b *promptBar) replaceAll() {
	n := b.e.ReplaceAll(b.replaceEntry.Text)
	b.status.SetText(fmt.Sprintf("%d replaced", n))
}

// ShowGoToLine opens the go-to-line prompt (Ctrl+G). It accepts "line" or "line:column".
func (e *Editor) ShowGoToLine() {
	e.ensureBar()
	e.find.active = false
	e.bar.open(barGoTo)
}

// HideBar closes the find bar or go-to-line prompt and gives the focus back to what had it
// before the bar opened (the text, usually).
func (e *Editor) HideBar() {
	if e.bar == nil || !e.bar.visible() {
		return
	}
	e.find.active = false
	e.bar.box.Hide()
	e.Refresh()
	e.bar.giveBackFocus()
}

func (e *Editor) ensureBar() {
	if e.bar == nil {
		e.bar = newPromptBar(e)
	}
}
