package mapcanvas

import (
	"math"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/driver/desktop"

	"mapwright/render"
)

// Input handling. Fyne's rules shape it (see the project's Fyne notes): Tapped is delayed by the
// double-click interval and carries no modifiers, so selection and Ctrl+click happen in
// MouseDown; the first Dragged event carries the whole movement since the press; the scroll
// event has no modifiers, so Ctrl is read from the desktop driver.

var (
	_ fyne.Tappable          = (*Canvas)(nil)
	_ fyne.SecondaryTappable = (*Canvas)(nil)
	_ fyne.DoubleTappable    = (*Canvas)(nil)
	_ fyne.Draggable         = (*Canvas)(nil)
	_ fyne.Scrollable        = (*Canvas)(nil)
	_ fyne.Focusable         = (*Canvas)(nil)
	_ desktop.Mouseable      = (*Canvas)(nil)
	_ desktop.Hoverable      = (*Canvas)(nil)
	_ desktop.Cursorable     = (*Canvas)(nil)
)

// MouseDown selects what is under the pointer (or, with Ctrl, picks a link end) at once, and
// remembers the press for a drag.
func (c *Canvas) MouseDown(ev *desktop.MouseEvent) {
	// Focus first: a press may open a field (a new element's name) that must keep the focus.
	if cv := fyne.CurrentApp().Driver().CanvasForObject(c); cv != nil {
		cv.Focus(c)
	}
	c.lastPresses = [2]press{c.lastPresses[1], {at: ev.Position, mod: ev.Modifier, ok: true}}
	c.gesture = gesture{down: true, modifier: ev.Modifier, item: c.hitAt(ev.Position),
		start: c.view.toPage(ev.Position.X, ev.Position.Y), notPrimary: ev.Button != desktop.MouseButtonPrimary}
	if ev.Button == desktop.MouseButtonPrimary {
		c.gesture.tapHandled = true
		ref := ownerRef(c.refAt(c.gesture.item))
		switch {
		case c.placeAt(ev.Position, ev.AbsolutePosition):
		case ev.Modifier&fyne.KeyModifierShift != 0 && ref.Kind != "":
			c.toggleInGroup(ref)
		case c.onEvolveHandle(c.gesture.start) || c.inGroup(ref):
			// keep the selection: the drag evolves the selected component or moves the group
		default:
			c.clearGroup()
			c.pressed(c.gesture.item, ev.Modifier)
		}
	}
}

// MouseUp implements desktop.Mouseable; a drag finishes in DragEnd instead.
func (c *Canvas) MouseUp(*desktop.MouseEvent) {}

// pressed handles a primary click on item i: Ctrl+click builds a link, a plain click selects.
func (c *Canvas) pressed(i int, mod fyne.KeyModifier) {
	ref := c.refAt(i)
	if mod&(fyne.KeyModifierShortcutDefault|fyne.KeyModifierControl) != 0 {
		c.linkClick(ref)
		return
	}
	if c.linking {
		c.linking = false
	}
	c.selectAndReport(ref)
}

func (c *Canvas) selectAndReport(ref render.Ref) {
	sel := ownerRef(ref)
	c.selected, c.hasSelected = sel, sel.Kind != ""
	c.Refresh()
	if c.OnSelected != nil {
		c.OnSelected(sel)
	}
}

// linkClick is one Ctrl+click: the first on a component remembers it, the second asks for a
// link from the first to this one. A Ctrl+click elsewhere cancels.
func (c *Canvas) linkClick(ref render.Ref) {
	ref = ownerRef(ref)
	if !linkable(ref.Kind) {
		c.linking = false
		c.Refresh()
		return
	}
	if !c.linking {
		c.linkFrom, c.linking = ref, true
		c.selected, c.hasSelected = ref, true
		c.Refresh()
		return
	}
	from := c.linkFrom
	c.linking = false
	c.selected, c.hasSelected = ref, true
	c.Refresh()
	if !sameElement(from, ref) && c.OnLinkRequested != nil {
		c.OnLinkRequested(from, ref)
	}
}

// Tapped selects when no MouseDown did (the test driver and touch screens send only taps).
func (c *Canvas) Tapped(ev *fyne.PointEvent) {
	if c.gesture.tapHandled {
		c.gesture.tapHandled = false
		return
	}
	if c.placeAt(ev.Position, ev.AbsolutePosition) {
		return
	}
	c.clearGroup()
	c.pressed(c.hitAt(ev.Position), 0)
}

// TappedSecondary selects the element under the pointer and asks for its context menu.
func (c *Canvas) TappedSecondary(ev *fyne.PointEvent) {
	ref := ownerRef(c.refAt(c.hitAt(ev.Position)))
	if ref.Kind == "" && c.OnAddMenu != nil {
		if vis, mat, ok := c.PageToMap(c.view.toPage(ev.Position.X, ev.Position.Y)); ok && vis >= 0 && vis <= 1 && mat >= 0 && mat <= 1 {
			c.OnAddMenu(round2(vis), round2(mat), ev.AbsolutePosition)
			return
		}
	}
	c.clearGroup()
	c.selected, c.hasSelected = ref, ref.Kind != ""
	c.Refresh()
	if c.OnContextMenu != nil {
		c.OnContextMenu(ref, ev.AbsolutePosition)
	}
}

// DoubleTapped on empty canvas asks to add a component there; on an element it activates it.
// Fyne reports two quick clicks as a double tap wherever they were, so two clicks apart (or a
// Ctrl+click pair making a link) are not taken for one.
func (c *Canvas) DoubleTapped(ev *fyne.PointEvent) {
	c.gesture.tapHandled = false
	if a, b := c.lastPresses[0], c.lastPresses[1]; a.ok && b.ok {
		const slop = 6
		if abs32(a.at.X-b.at.X) > slop || abs32(a.at.Y-b.at.Y) > slop || (a.mod|b.mod)&(fyne.KeyModifierShortcutDefault|fyne.KeyModifierControl) != 0 {
			return
		}
	}
	i := c.hitAt(ev.Position)
	if i >= 0 {
		if c.OnActivated != nil {
			c.OnActivated(ownerRef(c.refAt(i)))
		}
		return
	}
	vis, mat, ok := c.PageToMap(c.view.toPage(ev.Position.X, ev.Position.Y))
	if !ok || vis < 0 || vis > 1 || mat < 0 || mat > 1 {
		return // outside the plot: there is no map position to add at
	}
	if c.OnAddRequested != nil {
		c.OnAddRequested(round2(vis), round2(mat))
	}
}

// Dragged moves the pressed element, or pans when the press was on empty canvas, on something
// that cannot move, or with another button than the primary one (the middle button pans).
func (c *Canvas) Dragged(ev *fyne.DragEvent) {
	g := &c.gesture
	if g.pending {
		*g = gesture{item: -1}
	}
	if g.mode == dragNone {
		if !g.down {
			// No MouseDown (test driver): the event's position is the press point.
			g.item = c.hitAt(ev.Position)
			g.start = c.view.toPage(ev.Position.X, ev.Position.Y)
		}
		ref := ownerRef(c.refAt(g.item))
		mods := g.modifier & (fyne.KeyModifierShortcutDefault | fyne.KeyModifierControl)
		switch {
		case c.startExtra(g):
			g.mode = dragGesture
			c.linking = false
		case g.item >= 0 && draggable(ref.Kind) && mods == 0 && !g.notPrimary:
			g.mode, g.ref = dragElement, ref
			g.end = c.pipelineEnd(ref, g.start)
			if c.inGroup(ref) {
				g.group, g.noPreview = true, true // the preview shows one element's move
			} else {
				c.clearGroup()
			}
			c.selected, c.hasSelected = ref, true
		default:
			g.mode = dragPan
		}
	}
	if g.mode == dragGesture {
		g.dx += ev.Dragged.DX
		g.dy += ev.Dragged.DY
		c.dragExtra(g)
		return
	}
	g.dx += ev.Dragged.DX
	g.dy += ev.Dragged.DY
	if g.mode == dragPan {
		c.fitted = false
		c.view.panX += float64(ev.Dragged.DX)
		c.view.panY += float64(ev.Dragged.DY)
	}
	if g.mode == dragElement {
		c.previewDrag()
	}
	c.Refresh()
}

// previewRest is how long the pointer rests during a drag on a big map before the editor's
// preview of the drag is laid out.
const previewRest = 120 * time.Millisecond

// previewDrag keeps the editor's preview of an element drag up to date. On a big map (more
// items than a picture drawn in line) laying the map out takes a frame or more on the event
// goroutine (10 ms at 500 components on a 2-core machine, 40 at 2,000), which the window's
// frames waited for: while the pointer moves, the element and the ends of its links are
// shifted instead, and the preview is laid out once, when the pointer rests.
func (c *Canvas) previewDrag() {
	g := &c.gesture
	if c.restAfter == nil || c.scene == nil || len(c.scene.Items) <= c.inlineLimit {
		c.updatePreview()
		return
	}
	c.preview = nil
	if c.OnDragPreview == nil || g.noPreview {
		return
	}
	c.dragMoves++
	n := c.dragMoves
	c.restAfter(previewRest, func() {
		if c.dragMoves != n || c.gesture.mode != dragElement || c.gesture.pending {
			return // the pointer moved on, or the element was dropped
		}
		c.updatePreview()
		c.Refresh()
	})
}

// previewBudget is how long a drag preview may take before the drag falls back to shifting
// the element's own items: beyond it the preview would make the element lag the pointer.
const previewBudget = 40 * time.Millisecond

// updatePreview asks the editor for the picture of the map as the drag stands.
func (c *Canvas) updatePreview() {
	g := &c.gesture
	c.preview = nil
	if c.OnDragPreview == nil || g.noPreview {
		return
	}
	m, ok := c.currentMove()
	if !ok {
		return
	}
	start := time.Now()
	c.preview = c.OnDragPreview(m)
	if time.Since(start) > previewBudget {
		g.noPreview = true
	}
}

// pipelineEnd tells which end of a pipeline box a press at p grabbed.
func (c *Canvas) pipelineEnd(ref render.Ref, p render.Point) int {
	switch ref.Kind {
	case render.ElemPipelineStart:
		return -1
	case render.ElemPipelineEnd:
		return 1
	case render.ElemPipeline:
	default:
		return 0
	}
	b := elementBounds(c.scene, ref)
	edge := math.Min(12/c.view.zoom, (b.x1-b.x0)/3)
	switch {
	case p.X <= b.x0+edge:
		return -1
	case p.X >= b.x1-edge:
		return 1
	}
	return 0
}

// DragEnd reports a finished element drag; the moved element keeps its new place on screen
// until the editor hands over the Scene made from the edited text.
func (c *Canvas) DragEnd() {
	g := &c.gesture
	c.preview = nil
	if g.mode == dragGesture {
		*g = gesture{item: -1}
		c.endExtra()
		return
	}
	if g.mode != dragElement {
		*g = gesture{item: -1}
		return
	}
	m, moved := c.currentMove()
	if !moved || c.OnMoved == nil {
		*g = gesture{item: -1}
		c.Refresh()
		return
	}
	g.pending = true
	if g.group && c.OnGroupMoved != nil {
		c.OnGroupMoved(c.groupMoves(m))
		return
	}
	c.OnMoved(m)
}

// CancelDrag drops a pending drag offset, for when the editor could not apply a move.
func (c *Canvas) CancelDrag() {
	c.gesture = gesture{item: -1}
	c.preview = nil
	c.Refresh()
}

// Scrolled pans with the wheel, or zooms about the pointer while Ctrl is held.
func (c *Canvas) Scrolled(ev *fyne.ScrollEvent) {
	c.fitted = false
	if currentModifiers()&(fyne.KeyModifierShortcutDefault|fyne.KeyModifierControl) != 0 {
		f := math.Pow(1.1, float64(ev.Scrolled.DY)/25)
		c.view = c.view.zoomAbout(f, ev.Position.X, ev.Position.Y)
	} else {
		c.view.panX += float64(ev.Scrolled.DX)
		c.view.panY += float64(ev.Scrolled.DY)
	}
	c.Refresh()
}

// currentModifiers reads the keyboard modifiers from the desktop driver (none in tests).
func currentModifiers() fyne.KeyModifier {
	if a := fyne.CurrentApp(); a != nil {
		if d, ok := a.Driver().(desktop.Driver); ok {
			return d.CurrentKeyModifiers()
		}
	}
	return 0
}

// MouseIn implements desktop.Hoverable.
func (c *Canvas) MouseIn(ev *desktop.MouseEvent) { c.MouseMoved(ev) }

// MouseMoved tracks what is under the pointer for the cursor shape.
func (c *Canvas) MouseMoved(ev *desktop.MouseEvent) { c.hover = c.hitAt(ev.Position) }

// MouseOut implements desktop.Hoverable.
func (c *Canvas) MouseOut() { c.hover = -1 }

// Cursor shows a pointing hand over elements that can be dragged.
func (c *Canvas) Cursor() desktop.Cursor {
	if c.x.tool.Name != "" && !c.x.tool.Link {
		return desktop.CrosshairCursor
	}
	if c.hover >= 0 && draggable(ownerRef(c.refAt(c.hover)).Kind) {
		return desktop.PointerCursor
	}
	return desktop.DefaultCursor
}

// FocusGained implements fyne.Focusable.
func (c *Canvas) FocusGained() { c.focused = true }

// FocusLost implements fyne.Focusable.
func (c *Canvas) FocusLost() { c.focused = false }

// TypedRune implements fyne.Focusable; the map takes no text.
func (c *Canvas) TypedRune(rune) {}

// TypedKey handles Delete (remove the selected element), the arrow keys (move it a small step)
// and Escape (clear the selection or a half-made link).
func (c *Canvas) TypedKey(ev *fyne.KeyEvent) {
	switch ev.Name {
	case fyne.KeyDelete, fyne.KeyBackspace:
		if group := c.SelectedGroup(); group != nil && c.OnGroupDeleteRequested != nil {
			c.clearGroup()
			c.OnGroupDeleteRequested(group)
			return
		}
		if c.hasSelected && c.OnDeleteRequested != nil {
			c.OnDeleteRequested(c.selected)
		}
	case fyne.KeyUp, fyne.KeyDown, fyne.KeyLeft, fyne.KeyRight:
		c.nudge(ev.Name)
	case fyne.KeyEscape:
		if c.cancelExtra() {
			c.Refresh()
			return
		}
		c.clearGroup()
		c.linking = false
		c.hasSelected = false
		c.Refresh()
		if c.OnSelected != nil {
			c.OnSelected(render.Ref{})
		}
	default:
		// A key the map has no use for (F5) goes to the window's key handler, so the
		// application's plain keys work while the map has the focus.
		if app := fyne.CurrentApp(); app != nil {
			if w := app.Driver().CanvasForObject(c); w != nil && w.OnTypedKey() != nil {
				w.OnTypedKey()(ev)
			}
		}
	}
}

// press is one recorded MouseDown, to tell a real double-click from two separate clicks.
type press struct {
	at  fyne.Position
	mod fyne.KeyModifier
	ok  bool
}

func abs32(v float32) float32 {
	if v < 0 {
		return -v
	}
	return v
}

// nudge moves the selected element one step with an arrow key: 0.01 in map units (0.05 with
// Shift), or for a label 1 pixel (5 with Shift). An evolved copy and a pipeline end move only
// along the evolution axis.
func (c *Canvas) nudge(key fyne.KeyName) {
	if !c.hasSelected || c.OnNudged == nil || c.scene == nil || !draggable(c.selected.Kind) {
		return
	}
	step, px := 0.01, 1.0
	if currentModifiers()&fyne.KeyModifierShift != 0 {
		step, px = 0.05, 5
	}
	var dx, dy float64
	switch key {
	case fyne.KeyUp:
		dy = -1
	case fyne.KeyDown:
		dy = 1
	case fyne.KeyLeft:
		dx = -1
	case fyne.KeyRight:
		dx = 1
	}
	ref := c.selected
	if ref.Kind == render.ElemEvolved || ref.Kind == render.ElemPipelineStart || ref.Kind == render.ElemPipelineEnd {
		dy = 0
	}
	if dx == 0 && dy == 0 {
		return
	}
	m := Move{Ref: ref, DX: dx * px, DY: dy * px, DVis: -dy * step, DMat: dx * step}
	switch ref.Kind {
	case render.ElemPipelineStart:
		m.End = -1
	case render.ElemPipelineEnd:
		m.End = 1
	}
	if b := elementBounds(c.scene, ref); !b.empty() {
		m.FromVis, m.FromMat, _ = c.PageToMap(render.Point{X: (b.x0 + b.x1) / 2, Y: (b.y0 + b.y1) / 2})
	}
	c.OnNudged(m)
}
