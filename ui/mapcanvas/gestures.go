package mapcanvas

import (
	"image/color"
	"math"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/theme"

	"mapwright/render"
)

// Gestures beyond a plain click and drag: a palette tool armed for placing an element, drag to
// link, dragging an evolution target out of a component, rubber-band and Shift+click selection
// of several elements. The widget still edits nothing; it reports each finished gesture through
// a callback, in map units.

// Tool is a palette tool armed on the canvas: the next click on the map places the element
// (Name is the editor's name for it); an Area tool is placed by dragging a rectangle instead.
type Tool struct {
	Name string
	Area bool
	// Link makes a drag from a component link it to the component where the drag ends.
	Link bool
}

// Callbacks of the gestures (all optional, called on the Fyne event goroutine).
type Gestures struct {
	// OnPlace is called when an armed tool is clicked on the map, with the map position and
	// the absolute position of the pointer (for a name prompt next to it).
	OnPlace func(t Tool, vis, mat float64, at fyne.Position)
	// OnPlaceArea is called when an area tool's rectangle is dragged out: top-left and
	// bottom-right corners in map units.
	OnPlaceArea func(t Tool, vis1, mat1, vis2, mat2 float64)
	// OnEvolveDragged is called when a drag from a component's evolve handle (or an Alt+drag
	// of the component) ends, with the maturity where it was dropped.
	OnEvolveDragged func(ref render.Ref, mat float64)
	// OnGroupMoved is called when a drag of one of several selected elements ends: every
	// selected element moved by the same amount.
	OnGroupMoved func(moves []Move)
	// OnGroupDeleteRequested is called when Delete is pressed with several elements selected.
	OnGroupDeleteRequested func(refs []render.Ref)
	// OnHint is called with a sentence that explains the gesture in progress ("" when it ends),
	// for the status bar.
	OnHint func(hint string)
	// OnAddMenu is called on a right-click on empty map with the map position there and the
	// absolute position for a pop-up menu.
	OnAddMenu func(vis, mat float64, at fyne.Position)
}

// gestureKind is a drag that is neither a move nor a pan.
type gestureKind int

const (
	noGesture gestureKind = iota
	linkGesture
	evolveGesture
	bandGesture
	areaGesture
)

// extras is the state of the gestures of this file.
type extras struct {
	tool  Tool
	group []render.Ref // the elements selected together (two or more), besides c.selected
	kind  gestureKind
	from  render.Ref   // the component a link or an evolve drag starts from
	start render.Point // page units
	now   render.Point // page units
	// target is the element under the pointer that a link drag would end on.
	target    render.Ref
	hasTarget bool
}

// SetTool arms a palette tool (the zero Tool disarms) and says in the status bar what to do.
func (c *Canvas) SetTool(t Tool) {
	c.x.tool = t
	switch {
	case t.Name == "":
		c.hint("")
	case t.Area:
		c.hint("Drag a rectangle on the map for the " + t.Name + " area; Escape cancels")
	case t.Link:
		c.hint("Drag from one component to another to link them; Escape cancels")
	default:
		c.hint("Click on the map to place the " + t.Name + "; Escape cancels")
	}
	c.Refresh()
}

// ArmedTool is the palette tool waiting for a click, if any.
func (c *Canvas) ArmedTool() Tool { return c.x.tool }

// SelectedGroup returns the elements selected together (nil when fewer than two).
func (c *Canvas) SelectedGroup() []render.Ref {
	if len(c.x.group) < 2 {
		return nil
	}
	return append([]render.Ref(nil), c.x.group...)
}

func (c *Canvas) hint(s string) {
	if c.OnHint != nil {
		c.OnHint(s)
	}
}

// placeAt handles a primary press while a point tool is armed; it reports whether it did.
func (c *Canvas) placeAt(pos fyne.Position, abs fyne.Position) bool {
	t := c.x.tool
	if t.Name == "" || t.Area || t.Link {
		return false
	}
	vis, mat, ok := c.PageToMap(c.view.toPage(pos.X, pos.Y))
	if !ok || vis < 0 || vis > 1 || mat < 0 || mat > 1 {
		c.hint("Click inside the map to place the " + t.Name)
		return true
	}
	c.x.tool = Tool{}
	c.hint("")
	if c.OnPlace != nil {
		c.OnPlace(t, round2(vis), round2(mat), abs)
	}
	c.Refresh()
	return true
}

// toggleInGroup adds an element to the selection or takes it out (Shift+click).
func (c *Canvas) toggleInGroup(ref render.Ref) {
	ref = ownerRef(ref)
	if ref.Kind == "" {
		return
	}
	if len(c.x.group) == 0 && c.hasSelected {
		c.x.group = []render.Ref{c.selected}
	}
	for k, r := range c.x.group {
		if sameElement(r, ref) {
			c.x.group = append(c.x.group[:k], c.x.group[k+1:]...)
			c.afterGroupChange()
			return
		}
	}
	c.x.group = append(c.x.group, ref)
	c.afterGroupChange()
}

func (c *Canvas) afterGroupChange() {
	switch len(c.x.group) {
	case 0:
		c.hasSelected = false
	case 1:
		c.selected, c.hasSelected = c.x.group[0], true
		c.x.group = nil
	default:
		c.selected, c.hasSelected = c.x.group[len(c.x.group)-1], true
		c.hint("Several elements selected: drag one to move them all, Delete removes them, Escape clears")
	}
	c.Refresh()
}

// inGroup reports whether ref is one of the elements selected together.
func (c *Canvas) inGroup(ref render.Ref) bool {
	if len(c.x.group) < 2 {
		return false
	}
	for _, r := range c.x.group {
		if sameElement(r, ownerRef(ref)) {
			return true
		}
	}
	return false
}

// clearGroup drops a selection of several elements.
func (c *Canvas) clearGroup() { c.x.group = nil }

// startExtra decides, at the first Dragged event, whether the drag is one of this file's
// gestures, and starts it.
func (c *Canvas) startExtra(g *gesture) bool {
	ref := ownerRef(c.refAt(g.item))
	ctrl := g.modifier&(fyne.KeyModifierShortcutDefault|fyne.KeyModifierControl) != 0
	switch {
	case g.notPrimary:
		return false
	case c.x.tool.Area:
		c.x.kind = areaGesture
		c.hint("Release to place the " + c.x.tool.Name + " area; Escape cancels")
	case c.onEvolveHandle(g.start) || (g.modifier&fyne.KeyModifierAlt != 0 && evolvable(ref.Kind)):
		if !c.onEvolveHandle(g.start) {
			c.x.from = ref
		}
		c.x.kind = evolveGesture
		c.hint("Drag left or right to where it evolves to; Escape cancels")
	case g.item >= 0 && linkable(ref.Kind) && (ctrl || c.x.tool.Link):
		c.x.kind, c.x.from = linkGesture, ref
		c.hint("Drop on the component it depends on; Escape cancels")
	case g.item < 0 && (g.modifier&fyne.KeyModifierShift != 0):
		c.x.kind = bandGesture
		c.hint("Release to select everything inside the rectangle")
	default:
		return false
	}
	c.x.start, c.x.now = g.start, g.start
	return true
}

// dragExtra follows the pointer during one of this file's gestures.
func (c *Canvas) dragExtra(g *gesture) {
	c.x.now = render.Point{X: g.start.X + float64(g.dx)/c.view.zoom, Y: g.start.Y + float64(g.dy)/c.view.zoom}
	if c.x.kind == linkGesture {
		ref := ownerRef(c.refAt(hitTest(c.scene, c.x.now, 5/c.view.zoom)))
		c.x.target, c.x.hasTarget = ref, linkable(ref.Kind) && !sameElement(ref, c.x.from)
	}
	c.Refresh()
}

// endExtra finishes one of this file's gestures and reports it.
func (c *Canvas) endExtra() {
	x := &c.x
	kind := x.kind
	x.kind = noGesture
	c.hint("")
	switch kind {
	case linkGesture:
		if x.tool.Link {
			x.tool = Tool{}
		}
		if x.hasTarget && c.OnLinkRequested != nil {
			c.selected, c.hasSelected = x.target, true
			c.OnLinkRequested(x.from, x.target)
		}
	case evolveGesture:
		if _, mat, ok := c.PageToMap(x.now); ok && c.OnEvolveDragged != nil {
			c.OnEvolveDragged(x.from, round2(math.Max(0, math.Min(1, mat))))
		}
	case areaGesture:
		t := x.tool
		x.tool = Tool{}
		v1, m1, ok1 := c.PageToMap(x.start)
		v2, m2, ok2 := c.PageToMap(x.now)
		if ok1 && ok2 && c.OnPlaceArea != nil {
			cl := func(v float64) float64 { return round2(math.Max(0, math.Min(1, v))) }
			c.OnPlaceArea(t, cl(math.Max(v1, v2)), cl(math.Min(m1, m2)), cl(math.Min(v1, v2)), cl(math.Max(m1, m2)))
		}
	case bandGesture:
		c.selectInside(x.start, x.now)
	}
	x.hasTarget = false
	c.Refresh()
}

// cancelExtra abandons the gesture in progress and the armed tool (Escape).
func (c *Canvas) cancelExtra() bool {
	had := c.x.kind != noGesture || c.x.tool.Name != ""
	c.x.kind, c.x.tool, c.x.hasTarget = noGesture, Tool{}, false
	if had {
		c.gesture = gesture{item: -1}
		c.hint("Cancelled")
	}
	return had
}

// selectInside selects every movable element whose box lies inside the rectangle a-b.
func (c *Canvas) selectInside(a, b render.Point) {
	r := rect{math.Min(a.X, b.X), math.Min(a.Y, b.Y), math.Max(a.X, b.X), math.Max(a.Y, b.Y)}
	var refs []render.Ref
	seen := map[render.Ref]bool{}
	if c.scene != nil {
		for i := range c.scene.Items {
			ref := ownerRef(c.scene.Items[i].Ref)
			key := render.Ref{Kind: ref.Kind, Index: ref.Index}
			if seen[key] || !groupable(ref.Kind) {
				continue
			}
			eb := elementBounds(c.scene, ref)
			if !eb.empty() && eb.x0 >= r.x0 && eb.x1 <= r.x1 && eb.y0 >= r.y0 && eb.y1 <= r.y1 {
				seen[key] = true
				refs = append(refs, ref)
			}
		}
	}
	c.x.group = refs
	c.afterGroupChange()
	if c.OnSelected != nil && c.hasSelected && len(refs) == 1 {
		c.OnSelected(c.selected)
	}
}

// groupable reports whether an element can be part of a group move or delete.
func groupable(k render.ElementKind) bool {
	switch k {
	case render.ElemComponent, render.ElemAnchor, render.ElemSubmap, render.ElemNote,
		render.ElemAnnotation, render.ElemAccelerator, render.ElemArea:
		return true
	}
	return false
}

// evolvable reports whether an element can be given an evolve line by dragging.
func evolvable(k render.ElementKind) bool {
	return k == render.ElemComponent || k == render.ElemSubmap || k == render.ElemEvolved
}

// evolveHandle is the page point of the selected component's evolve handle, a small red
// circle to the right of its marker, and whether one is shown.
func (c *Canvas) evolveHandle() (render.Point, float64, bool) {
	if !c.hasSelected || len(c.x.group) > 1 || c.gesture.mode == dragElement || !evolvable(c.selected.Kind) || c.scene == nil {
		return render.Point{}, 0, false
	}
	for i := range c.scene.Items {
		it := &c.scene.Items[i]
		if sameElement(it.Ref, c.selected) && it.Shape == render.ShapeCircle {
			r := 5 / c.view.zoom
			return render.Point{X: it.X + it.R + 14/c.view.zoom, Y: it.Y}, r, true
		}
	}
	return render.Point{}, 0, false
}

// onEvolveHandle reports whether page point p is on the evolve handle; a drag from it evolves
// the selected component.
func (c *Canvas) onEvolveHandle(p render.Point) bool {
	h, r, ok := c.evolveHandle()
	if !ok || math.Hypot(p.X-h.X, p.Y-h.Y) > r+4/c.view.zoom {
		return false
	}
	c.x.from = c.selected
	return true
}

// gestureOverlay adds what the gestures draw on top of the map: the boxes of a group
// selection, the line of a link drag with its target highlighted, the evolve handle and the
// evolve drag's target, a rubber band or an area's rectangle.
func (r *renderer) gestureOverlay() {
	c := r.c
	sel := theme.Color(theme.ColorNamePrimary)
	if len(c.x.group) > 1 {
		for _, ref := range c.x.group {
			r.box(ref, sel)
		}
	}
	red := color.NRGBA{R: 0xd0, G: 0x20, B: 0x20, A: 0xff}
	if h, rad, ok := c.evolveHandle(); ok && c.x.kind == noGesture {
		x, y := c.view.toScreen(h)
		rr := float32(rad * c.view.zoom)
		r.circle(x-rr, y-rr, 2*rr, white(), red, 2)
	}
	if c.x.kind == noGesture {
		return
	}
	x0, y0 := c.view.toScreen(c.x.start)
	x1, y1 := c.view.toScreen(c.x.now)
	switch c.x.kind {
	case linkGesture:
		b := elementBounds(c.scene, c.x.from)
		x0, y0 = c.view.toScreen(render.Point{X: (b.x0 + b.x1) / 2, Y: (b.y0 + b.y1) / 2})
		r.segment(x0, y0, x1, y1, sel, 2)
		if c.x.hasTarget {
			r.box(c.x.target, theme.Color(theme.ColorNameSuccess))
		}
	case evolveGesture:
		b := elementBounds(c.scene, c.x.from)
		cy := (b.y0 + b.y1) / 2
		sx, sy := c.view.toScreen(render.Point{X: b.x1, Y: cy})
		ex, _ := c.view.toScreen(render.Point{X: c.x.now.X, Y: cy})
		r.segment(sx, sy, ex, sy, red, 2)
		const rr = 7
		r.circle(ex-rr, sy-rr, 2*rr, white(), red, 2)
	case bandGesture, areaGesture:
		col := sel
		nr, ng, nb, _ := col.RGBA()
		fill := color.NRGBA{R: uint8(nr >> 8), G: uint8(ng >> 8), B: uint8(nb >> 8), A: 0x20}
		r.rect(min(x0, x1), min(y0, y1), abs32(x1-x0), abs32(y1-y0), fill, col, 1.5)
	}
}

func white() color.Color { return color.White }

// box draws a highlight box around an element.
func (r *renderer) box(ref render.Ref, col color.Color) {
	if x, y, w, h, fill, ok := r.highlight(ref, col); ok {
		r.rect(x, y, w, h, fill, col, 2)
	}
}

// circle adds a circle in screen units (x, y its top-left corner, d its diameter).
func (r *renderer) circle(x, y, d float32, fill, stroke color.Color, sw float32) {
	c, _ := r.circles.next(func() *canvas.Circle { return canvas.NewCircle(color.Transparent) })
	c.FillColor, c.StrokeColor, c.StrokeWidth = fill, stroke, sw
	c.Move(fyne.NewPos(x, y))
	c.Resize(fyne.NewSquareSize(d))
	c.Refresh()
	r.objects = append(r.objects, c)
}

// segment adds a straight line in screen units.
func (r *renderer) segment(x0, y0, x1, y1 float32, col color.Color, sw float32) {
	l, _ := r.lines.next(func() *canvas.Line { return canvas.NewLine(color.Transparent) })
	l.StrokeColor, l.StrokeWidth = col, sw
	l.Position1, l.Position2 = fyne.NewPos(x0, y0), fyne.NewPos(x1, y1)
	l.Refresh()
	r.objects = append(r.objects, l)
}

// keepExistingGroup drops from a group selection the elements a new Scene no longer draws.
func (c *Canvas) keepExistingGroup() {
	if len(c.x.group) == 0 {
		return
	}
	kept := c.x.group[:0]
	for _, r := range c.x.group {
		if c.exists(r) {
			kept = append(kept, r)
		}
	}
	c.x.group = kept
	if len(kept) < 2 {
		c.x.group = nil
	}
}

// groupMoves is the move m (of one element of a group selection) applied to every element of
// the group.
func (c *Canvas) groupMoves(m Move) []Move {
	moves := make([]Move, 0, len(c.x.group))
	for _, ref := range c.x.group {
		mv := m
		mv.Ref, mv.End = ref, 0
		if b := elementBounds(c.scene, ref); !b.empty() {
			mv.FromVis, mv.FromMat, _ = c.PageToMap(render.Point{X: (b.x0 + b.x1) / 2, Y: (b.y0 + b.y1) / 2})
		}
		moves = append(moves, mv)
	}
	return moves
}

// NamePosition is the widget position of the middle of an element's name: its label (or its
// evolved copy's label), else the element itself.
func (c *Canvas) NamePosition(ref render.Ref) (fyne.Position, bool) {
	label := render.Ref{Kind: render.ElemLabel, Index: ref.Index}
	if ref.Kind == render.ElemEvolved {
		label.Kind = render.ElemEvolvedLabel
	}
	b := emptyRect
	if ref.Kind == render.ElemComponent || ref.Kind == render.ElemSubmap || ref.Kind == render.ElemEvolved {
		b = elementBounds(c.scene, label)
	}
	if b.empty() {
		b = elementBounds(c.scene, ref)
	}
	if b.empty() {
		return fyne.Position{}, false
	}
	return c.PageToScreen(render.Point{X: (b.x0 + b.x1) / 2, Y: (b.y0 + b.y1) / 2}), true
}

// highlight is the screen box and fill of a highlight around an element.
func (r *renderer) highlight(ref render.Ref, col color.Color) (x, y, w, h float32, fill color.Color, ok bool) {
	b := elementBounds(r.c.shown(), ref)
	if b.empty() {
		return 0, 0, 0, 0, nil, false
	}
	dx, dy, _, moving := r.c.dragOffset(ref)
	if !moving {
		dx, dy = 0, 0
	}
	const pad = 4
	x0, y0 := r.c.view.toScreen(render.Point{X: b.x0 + dx, Y: b.y0 + dy})
	x1, y1 := r.c.view.toScreen(render.Point{X: b.x1 + dx, Y: b.y1 + dy})
	nr, ng, nb, _ := col.RGBA()
	fill = color.NRGBA{R: uint8(nr >> 8), G: uint8(ng >> 8), B: uint8(nb >> 8), A: 0x28}
	return x0 - pad, y0 - pad, x1 - x0 + 2*pad, y1 - y0 + 2*pad, fill, true
}
