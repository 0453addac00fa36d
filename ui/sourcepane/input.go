package sourcepane

import (
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/driver/desktop"
)

// Compile-time checks of the input interfaces the editor implements.
var (
	_ fyne.Widget         = (*Editor)(nil)
	_ fyne.Focusable      = (*Editor)(nil)
	_ fyne.Tabbable       = (*Editor)(nil)
	_ fyne.Shortcutable   = (*Editor)(nil)
	_ fyne.Tappable       = (*Editor)(nil)
	_ fyne.DoubleTappable = (*Editor)(nil)
	_ fyne.Draggable      = (*Editor)(nil)
	_ fyne.Scrollable     = (*Editor)(nil)
	_ desktop.Keyable     = (*Editor)(nil)
	_ desktop.Mouseable   = (*Editor)(nil)
	_ desktop.Hoverable   = (*Editor)(nil)
	_ desktop.Cursorable  = (*Editor)(nil)
)

// multiClickInterval bounds the time between the presses of a double or triple click.
const multiClickInterval = 400 * time.Millisecond

// mouseState follows presses and drags. The GLFW driver sends MouseDown at once and Tapped only
// after the double-click interval; the test driver sends Tapped and Dragged without MouseDown.
// So presses act in MouseDown, and Tapped/Dragged act only when no MouseDown preceded them.
type mouseState struct {
	down      bool          // a MouseDown started the current gesture
	downAt    fyne.Position // where it was
	clicks    int           // 1, 2 or 3 for single, double, triple click
	lastClick time.Time
	dragging  bool
	dragStart fyne.Position
	dragSum   fyne.Delta
	onBar     bool    // the drag moves the scroll bar thumb
	barScroll float32 // scrollY when a thumb drag started
	hoverAt   fyne.Position
}

// hoverState is the diagnostic whose message is shown.
type hoverState struct {
	marker int // index into markers, -1 for none
	at     fyne.Position
}

// FocusGained is part of fyne.Focusable.
func (e *Editor) FocusGained() {
	e.focused = true
	e.Refresh()
}

// FocusLost is part of fyne.Focusable.
func (e *Editor) FocusLost() {
	e.focused = false
	e.shiftDown = false
	e.Refresh()
}

// AcceptsTab keeps Tab in the editor instead of moving the focus.
func (e *Editor) AcceptsTab() bool { return true }

// TypedRune inserts a typed character, replacing the selection.
func (e *Editor) TypedRune(r rune) {
	if r < 0x20 && r != '\t' || r == 0x7f {
		return
	}
	e.typeRune(r)
}

// KeyDown tracks Shift, which the driver reports only through key events.
func (e *Editor) KeyDown(ev *fyne.KeyEvent) {
	if ev.Name == desktop.KeyShiftLeft || ev.Name == desktop.KeyShiftRight {
		e.shiftDown = true
	}
}

// KeyUp tracks Shift.
func (e *Editor) KeyUp(ev *fyne.KeyEvent) {
	if ev.Name == desktop.KeyShiftLeft || ev.Name == desktop.KeyShiftRight {
		e.shiftDown = false
	}
}

// TypedKey handles editing and movement keys. Shift extends the selection with any movement.
func (e *Editor) TypedKey(ev *fyne.KeyEvent) {
	shift := e.shiftDown
	c := e.cursor
	switch ev.Name {
	case fyne.KeyLeft:
		if e.hasSelection() && !shift {
			s, _ := orderPos(e.anchor, e.cursor)
			e.moveTo(s, false)
			return
		}
		if c.col > 0 {
			e.moveTo(pos{c.line, c.col - 1}, shift)
		} else if c.line > 0 {
			e.moveTo(pos{c.line - 1, e.buf.lineRunes(c.line - 1)}, shift)
		} else {
			e.moveTo(c, shift)
		}
	case fyne.KeyRight:
		if e.hasSelection() && !shift {
			_, t := orderPos(e.anchor, e.cursor)
			e.moveTo(t, false)
			return
		}
		if c.col < e.buf.lineRunes(c.line) {
			e.moveTo(pos{c.line, c.col + 1}, shift)
		} else if c.line < e.buf.lineCount()-1 {
			e.moveTo(pos{c.line + 1, 0}, shift)
		} else {
			e.moveTo(c, shift)
		}
	case fyne.KeyUp:
		e.moveVertical(-1, shift)
	case fyne.KeyDown:
		e.moveVertical(1, shift)
	case fyne.KeyPageUp:
		e.scrollY -= float32(e.visibleLines()-1) * e.m().lineH
		e.moveVertical(-(e.visibleLines() - 1), shift)
	case fyne.KeyPageDown:
		e.scrollY += float32(e.visibleLines()-1) * e.m().lineH
		e.moveVertical(e.visibleLines()-1, shift)
	case fyne.KeyHome:
		e.moveTo(e.home(c), shift)
	case fyne.KeyEnd:
		e.moveTo(pos{c.line, e.buf.lineRunes(c.line)}, shift)
	case fyne.KeyReturn, fyne.KeyEnter:
		e.newline()
	case fyne.KeyBackspace:
		e.backspace()
	case fyne.KeyDelete:
		e.deleteForward()
	case fyne.KeyTab:
		e.tab(shift)
	case fyne.KeyEscape:
		if e.bar != nil && e.bar.visible() {
			e.HideBar()
		} else if e.hasSelection() {
			e.moveTo(e.cursor, false)
		}
	default:
		passKeyOn(e, ev)
	}
}

// passKeyOn hands a key the editor has no use for (F5, say) to the window's key handler, as
// TypedShortcut does with shortcuts, so the application's plain keys work while typing.
func passKeyOn(o fyne.CanvasObject, ev *fyne.KeyEvent) {
	if app := fyne.CurrentApp(); app != nil {
		if c := app.Driver().CanvasForObject(o); c != nil && c.OnTypedKey() != nil {
			c.OnTypedKey()(ev)
		}
	}
}

// moveVertical moves the cursor n lines, keeping the x it had when vertical movement began.
func (e *Editor) moveVertical(n int, extend bool) {
	m := e.m()
	if e.goalX < 0 {
		e.goalX = m.xOf(e.buf.line(e.cursor.line), e.cursor.col)
	}
	goal := e.goalX
	line := e.cursor.line + n
	var p pos
	switch {
	case line < 0:
		p = pos{}
	case line >= e.buf.lineCount():
		last := e.buf.lineCount() - 1
		p = pos{last, e.buf.lineRunes(last)}
	default:
		p = pos{line, m.colAt(e.buf.line(line), goal)}
	}
	e.moveTo(p, extend)
	e.goalX = goal
}

// TypedShortcut handles the editor's own shortcuts and passes every other one on, to
// OnUnhandledShortcut or else to the window canvas, so that the app's shortcuts keep working
// while the editor has focus. (Main-menu shortcuts never get here: the driver runs them first.)
func (e *Editor) TypedShortcut(s fyne.Shortcut) {
	if e.handleShortcut(s) {
		return
	}
	if e.OnUnhandledShortcut != nil {
		e.OnUnhandledShortcut(s)
		return
	}
	if app := fyne.CurrentApp(); app != nil {
		if c := app.Driver().CanvasForObject(e); c != nil {
			if sc, ok := c.(fyne.Shortcutable); ok {
				sc.TypedShortcut(s)
			}
		}
	}
}

func clipboardOr(c fyne.Clipboard) fyne.Clipboard {
	if c != nil {
		return c
	}
	if app := fyne.CurrentApp(); app != nil {
		return app.Clipboard()
	}
	return nil
}

// handleShortcut runs the shortcuts the editor knows and reports whether s was one of them.
func (e *Editor) handleShortcut(s fyne.Shortcut) bool {
	switch s := s.(type) {
	case *fyne.ShortcutCopy:
		e.copyTo(clipboardOr(s.Clipboard))
	case *fyne.ShortcutCut:
		e.cutTo(clipboardOr(s.Clipboard))
	case *fyne.ShortcutPaste:
		e.pasteFrom(clipboardOr(s.Clipboard))
	case *fyne.ShortcutSelectAll:
		e.SelectAll()
	case *fyne.ShortcutUndo:
		e.Undo()
	case *fyne.ShortcutRedo:
		e.Redo()
	case *desktop.CustomShortcut:
		return e.handleKeyChord(s.KeyName, s.Modifier)
	default:
		return false
	}
	return true
}

// handleKeyChord handles Ctrl (Cmd on macOS) combinations, with or without Shift.
func (e *Editor) handleKeyChord(key fyne.KeyName, mod fyne.KeyModifier) bool {
	shift := mod&fyne.KeyModifierShift != 0
	if mod&^fyne.KeyModifierShift != fyne.KeyModifierShortcutDefault {
		return false
	}
	switch key {
	case fyne.KeyLeft:
		e.moveTo(e.wordLeft(e.cursor), shift)
	case fyne.KeyRight:
		e.moveTo(e.wordRight(e.cursor), shift)
	case fyne.KeyHome:
		e.moveTo(pos{}, shift)
	case fyne.KeyEnd:
		last := e.buf.lineCount() - 1
		e.moveTo(pos{last, e.buf.lineRunes(last)}, shift)
	case fyne.KeyUp, fyne.KeyDown:
		if shift {
			return false
		}
		d := e.m().lineH
		if key == fyne.KeyUp {
			d = -d
		}
		e.scrollBy(0, d)
	case fyne.KeyBackspace, fyne.KeyDelete:
		if shift {
			return false
		}
		e.deleteWord(key == fyne.KeyBackspace)
	case fyne.KeyZ:
		if !shift {
			e.Undo()
		} else {
			e.Redo()
		}
	case fyne.KeyF:
		e.ShowFind()
	case fyne.KeyG:
		e.ShowGoToLine()
	case fyne.KeyH:
		e.ShowReplace()
	default:
		return false
	}
	return true
}

func (e *Editor) scrollBy(dx, dy float32) {
	e.scrollX += dx
	e.scrollY += dy
	e.clampScroll()
	e.Refresh()
}

// focusSelf asks the window to focus the editor (a click does not focus by itself).
func (e *Editor) focusSelf() {
	if app := fyne.CurrentApp(); app != nil {
		if c := app.Driver().CanvasForObject(e); c != nil && c.Focused() != e {
			c.Focus(e)
		}
	}
}

// MouseDown places the cursor (Shift extends the selection); a second and third press in quick
// succession select the word and the line. A press in the gutter selects the line.
func (e *Editor) MouseDown(ev *desktop.MouseEvent) {
	if ev.Button != desktop.MouseButtonPrimary {
		return
	}
	e.focusSelf()
	e.mouse.down = true
	e.mouse.downAt = ev.Position
	if e.inScrollBar(ev.Position) {
		e.pageTowards(ev.Position.Y)
		return
	}
	now := time.Now()
	near := abs32(ev.Position.X-e.mouse.hoverAt.X) < 4 && abs32(ev.Position.Y-e.mouse.hoverAt.Y) < 4
	if now.Sub(e.mouse.lastClick) < multiClickInterval && e.mouse.clicks < 3 && near {
		e.mouse.clicks++
	} else {
		e.mouse.clicks = 1
	}
	e.mouse.lastClick = now
	e.mouse.hoverAt = ev.Position
	extend := ev.Modifier&fyne.KeyModifierShift != 0 || e.shiftDown
	p := e.posAtPoint(ev.Position)
	switch {
	case ev.Position.X < e.gutterWidth():
		e.selectLineAt(p)
	case e.mouse.clicks == 2:
		e.selectWordAt(p)
	case e.mouse.clicks == 3:
		e.selectLineAt(p)
	default:
		e.moveTo(p, extend)
	}
}

// MouseUp is part of desktop.Mouseable.
func (e *Editor) MouseUp(*desktop.MouseEvent) {}

// pageTowards scrolls one page towards y when the scroll bar is clicked outside the thumb.
func (e *Editor) pageTowards(y float32) {
	ty, th := e.thumb()
	page := float32(e.visibleLines()-1) * e.m().lineH
	switch {
	case y < ty:
		e.scrollBy(0, -page)
	case y > ty+th:
		e.scrollBy(0, page)
	}
}

// Tapped places the cursor when no MouseDown did it already (touch and the test driver).
func (e *Editor) Tapped(ev *fyne.PointEvent) {
	if e.mouse.down {
		e.mouse.down = false
		return
	}
	e.focusSelf()
	e.moveTo(e.posAtPoint(ev.Position), false)
}

// DoubleTapped selects the word under the pointer.
func (e *Editor) DoubleTapped(ev *fyne.PointEvent) {
	e.focusSelf()
	if ev.Position.X < e.gutterWidth() {
		return
	}
	e.selectWordAt(e.posAtPoint(ev.Position))
}

// Dragged extends the selection to the pointer, or moves the scroll bar thumb. The pointer is
// the press position plus the sum of the deltas, which is right for both the GLFW driver (first
// delta from the press, then incremental) and test.Drag (one event at the press position).
func (e *Editor) Dragged(ev *fyne.DragEvent) {
	if !e.mouse.dragging {
		e.mouse.dragging = true
		e.mouse.dragSum = fyne.Delta{}
		if e.mouse.down {
			e.mouse.dragStart = e.mouse.downAt
		} else {
			e.mouse.dragStart = ev.Position
			e.focusSelf()
			if !e.inScrollBar(ev.Position) {
				e.moveTo(e.posAtPoint(ev.Position), e.shiftDown)
			}
		}
		e.mouse.onBar = e.inScrollBar(e.mouse.dragStart)
		e.mouse.barScroll = e.scrollY
	}
	e.mouse.dragSum.DX += ev.Dragged.DX
	e.mouse.dragSum.DY += ev.Dragged.DY
	at := e.mouse.dragStart.Add(e.mouse.dragSum)
	if e.mouse.onBar {
		_, th := e.thumb()
		if track := e.Size().Height - th; track > 0 {
			e.scrollY = e.mouse.barScroll + e.mouse.dragSum.DY*e.maxScrollY()/track
			e.clampScroll()
			e.Refresh()
		}
		return
	}
	e.moveTo(e.posAtPoint(at), true)
}

// DragEnd ends a drag.
func (e *Editor) DragEnd() {
	e.mouse.dragging = false
	e.mouse.down = false
}

// Scrolled scrolls by the wheel or touchpad delta.
func (e *Editor) Scrolled(ev *fyne.ScrollEvent) {
	e.scrollBy(-ev.Scrolled.DX, -ev.Scrolled.DY)
}

// MouseIn is part of desktop.Hoverable.
func (e *Editor) MouseIn(ev *desktop.MouseEvent) { e.MouseMoved(ev) }

// MouseMoved shows the message of the diagnostic under the pointer (in the text or the gutter).
func (e *Editor) MouseMoved(ev *desktop.MouseEvent) {
	e.mouse.hoverAt = ev.Position
	idx := e.markerAt(ev.Position)
	if idx == e.hover.marker {
		return
	}
	e.hover = hoverState{marker: idx, at: ev.Position}
	e.Refresh()
}

// MouseOut hides the diagnostic message.
func (e *Editor) MouseOut() {
	if e.hover.marker >= 0 {
		e.hover.marker = -1
		e.Refresh()
	}
}

// Cursor shows the text cursor over the text.
func (e *Editor) Cursor() desktop.Cursor {
	if e.mouse.hoverAt.X < e.gutterWidth() || e.inScrollBar(e.mouse.hoverAt) {
		return desktop.DefaultCursor
	}
	return desktop.TextCursor
}

// markerAt returns the index of the diagnostic under a point, or -1. In the gutter, any
// diagnostic starting on that line counts; in the text, the point must be inside its range (an
// empty range covers one character cell).
func (e *Editor) markerAt(p fyne.Position) int {
	if len(e.markers) == 0 || p.X >= e.Size().Width-scrollBarW {
		return -1
	}
	m := e.m()
	line := int((p.Y - topPad + e.scrollY) / m.lineH)
	if line < 0 || line >= e.buf.lineCount() {
		return -1
	}
	inGutter := p.X < e.gutterWidth()
	x := p.X - e.textLeft() + e.scrollX
	best := -1
	lo, hi := e.markersIn(line, line)
	for i := lo; i < hi; i++ {
		mk := e.markers[i]
		s := e.buf.clamp(pos{mk.StartLine - 1, mk.StartCol - 1})
		t := e.buf.clamp(pos{mk.EndLine - 1, mk.EndCol - 1})
		if t.before(s) {
			s, t = t, s
		}
		hit := false
		if inGutter {
			hit = s.line == line
		} else if line >= s.line && line <= t.line {
			l := e.buf.line(line)
			x0, x1 := float32(0), m.xOf(l, len(l))
			if line == s.line {
				x0 = m.xOf(l, s.col)
			}
			if line == t.line {
				x1 = m.xOf(l, t.col)
			}
			if x1 <= x0 {
				x1 = x0 + m.charW
			}
			hit = x >= x0 && x < x1
		}
		if hit && (best < 0 || mk.Severity < e.markers[best].Severity) {
			best = i
		}
	}
	return best
}

func abs32(f float32) float32 {
	if f < 0 {
		return -f
	}
	return f
}
