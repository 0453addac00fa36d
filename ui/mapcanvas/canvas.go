// Package mapcanvas is the editor's map view: a Fyne widget that draws a render.Scene as native
// canvas objects (lines, circles, rectangles, text) and turns pointer input into edit requests.
//
// The map is shown as one picture drawn by the PNG encoder (render/raster) at the zoom and device
// scale of the window, so the canvas shows exactly what the exports show, and the window paints
// one texture however big the map is (thousands of canvas objects made each frame of Mesa's
// software OpenGL take a second). The picture is drawn again only when the Scene, the zoom or
// the visible part of the page changes: on the event goroutine for a small map (a few
// milliseconds), on another goroutine for a big one, where the newest request replaces any that
// waits, and the picture on show stays (scaled and moved with the view) until the new one is
// ready. An element being dragged is left out of the picture and drawn on top as native canvas
// objects, so it follows the pointer at the cost of its own few objects.
//
// Hit-testing is done on the Scene of the picture on screen (item geometry plus a few pixels of
// tolerance), so a click acts on what the user sees when they click, and every result is
// reported as the item's render.Ref, which names the map element and its source line.
//
// The widget does not edit anything. It reports what the user did through callbacks (an element
// was selected, dragged to a new place, a component should be added or two linked, a context
// menu was asked for); the editor turns those into text splices and hands back a new Scene.
package mapcanvas

import (
	"math"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/widget"

	"mapwright/render"
)

// Move describes a finished drag of a map element.
type Move struct {
	Ref render.Ref // the element moved (a component's sourcing disc reports the component)
	// DX, DY is how far the element moved, in page units (label offsets are in these units).
	DX, DY float64
	// DVis, DMat is the same movement in map units: visibility up, maturity to the right.
	DVis, DMat float64
	// Vis, Mat is where the element's reference point (a circle's centre, a text's anchor, a
	// box's top-left corner) landed, in map units rounded to two decimals and kept in 0..1.
	Vis, Mat float64
	// FromVis, FromMat is the point where the pointer grabbed the element, in map units; it tells
	// which of an annotation's several markers was dragged.
	FromVis, FromMat float64
	// End is, for a pipeline, the end that was grabbed: -1 the start (left), +1 the end (right),
	// 0 the middle of the box. Dragging an end handle (ElemPipelineStart/End) sets it too.
	End int
}

// Canvas is the map widget. Create it with New, give it Scenes with SetScene, and set the On*
// callbacks; all of them are optional and run on the Fyne event goroutine.
type Canvas struct {
	widget.BaseWidget

	// OnSelected is called when the user clicks an element (Ref.Kind is "" for empty canvas).
	OnSelected func(ref render.Ref)
	// OnMoved is called when a drag of an element ends.
	OnMoved func(m Move)
	// OnAddRequested is called on a double-click on empty canvas with the map position there.
	OnAddRequested func(vis, mat float64)
	// OnActivated is called on a double-click on an element (the editor offers a rename).
	OnActivated func(ref render.Ref)
	// OnLinkRequested is called when Ctrl+click picked two components: from, then to.
	OnLinkRequested func(from, to render.Ref)
	// OnContextMenu is called on a right-click; at is the absolute position for a pop-up menu.
	OnContextMenu func(ref render.Ref, at fyne.Position)
	// OnDeleteRequested is called when Delete is pressed with an element selected.
	OnDeleteRequested func(ref render.Ref)
	// OnDragPreview, when set, is asked during a drag for the picture of the map with the
	// element at its current place (the editor lays out the edited text without committing
	// it), so links, labels and boxes follow exactly. A nil answer, or an answer slower than a
	// few frames, falls back to shifting the element's own items.
	OnDragPreview func(m Move) *render.Scene
	// OnNudged is called when an arrow key moves the selected element a small step; the Move
	// carries the step in map units (DVis, DMat) and in page units (DX, DY) for labels.
	OnNudged func(m Move)
	// NoPageEdge leaves out the line around the page (present mode fills the screen with the
	// page's colour, where the line would only frame the map).
	NoPageEdge bool
	// Gestures holds the callbacks of palette tools, drag to link, evolve drags and group
	// selection (gestures.go).
	Gestures

	scene *render.Scene
	// preview is the editor's picture of the map while an element is dragged (see
	// OnDragPreview): the element and its links are drawn live from it.
	preview *render.Scene
	view    view
	// fitted keeps the page fitted to the widget as it resizes, until the user zooms or pans.
	fitted bool

	selected    render.Ref
	hasSelected bool
	linkFrom    render.Ref
	linking     bool

	gesture     gesture
	lastPresses [2]press // the last two MouseDowns, oldest first
	hover       int      // index of the item under the pointer, -1 for none
	focused     bool
	x           extras // the gestures of gestures.go

	// drawn is the picture on screen, want the newest one asked for while another is being
	// drawn (busy); pictures asked for in between are dropped.
	drawn, want *shot
	busy        bool
	// runAsync draws a picture off the event goroutine: work runs elsewhere, then done runs on
	// the event goroutine. Nil draws every picture in line (the test driver, which has no
	// separate event goroutine).
	runAsync func(work, done func())
	// inlineLimit is the largest Scene (in items) drawn in line even with runAsync.
	inlineLimit int
	// devScale is the device pixels per unit of the last picture asked for.
	devScale float64
	// restAfter runs f on the event goroutine once d has passed (time.AfterFunc, then
	// fyne.Do); a big map's drag preview waits for the pointer to rest with it. Nil (the test
	// driver) asks for the preview at every move.
	restAfter func(d time.Duration, f func())
	// dragMoves counts the moves of element drags, so a rest timer knows the pointer rested.
	dragMoves int
}

// gesture is the state of one press-drag-release of the pointer.
type gesture struct {
	down       bool // a MouseDown started it (the test driver sends none)
	tapHandled bool // the press already selected, so the following Tapped must not
	notPrimary bool // pressed with the middle (or secondary) button: a drag pans
	modifier   fyne.KeyModifier
	start      render.Point // press point in page units
	item       int          // item hit at the press, -1 for none
	mode       dragMode
	// dx, dy is the accumulated movement in screen units.
	dx, dy float32
	ref    render.Ref
	end    int
	// pending keeps a finished drag's offset drawn until the editor supplies the new Scene, so
	// the element does not jump back for the length of the redraw debounce.
	pending bool
	// noPreview is set when OnDragPreview proved too slow for this drag (a huge map).
	noPreview bool
	// group is set when the dragged element is one of several selected: they all move.
	group bool
	// scene is the Scene the element was grabbed on: while it is on screen, the element is
	// left out of the picture and drawn live on top at the drag's offset.
	scene *render.Scene
}

type dragMode int

const (
	dragNone dragMode = iota
	dragPan
	dragElement
	dragGesture // a link, evolve, rubber-band or area drag (gestures.go)
)

// New returns an empty canvas; it shows nothing until SetScene.
func New() *Canvas {
	c := &Canvas{view: view{zoom: 1}, fitted: true, hover: -1, inlineLimit: inlineItems}
	c.gesture.item = -1
	if a := fyne.CurrentApp(); a != nil {
		if _, desk := a.Driver().(desktop.Driver); desk {
			c.runAsync = func(work, done func()) {
				go func() {
					work()
					fyne.Do(done)
				}()
			}
			c.restAfter = func(d time.Duration, f func()) {
				time.AfterFunc(d, func() { fyne.Do(f) })
			}
		}
	}
	c.ExtendBaseWidget(c)
	return c
}

// CreateRenderer implements fyne.Widget.
func (c *Canvas) CreateRenderer() fyne.WidgetRenderer { return newRenderer(c) }

// MinSize keeps the map usable when the split is dragged far.
func (c *Canvas) MinSize() fyne.Size { return fyne.NewSize(120, 120) }

// Scene returns the Scene on display (nil before the first SetScene).
func (c *Canvas) Scene() *render.Scene { return c.scene }

// SetScene shows a new Scene. The view (zoom and pan) is kept, except that a canvas still in
// "fit" mode refits when the page size changed. A selection that still exists stays selected.
// A dropped element stays where it was dropped until the picture of the new Scene is on screen.
func (c *Canvas) SetScene(sc *render.Scene) { c.SetSceneAndPicture(sc, nil) }

// SetSceneAndPicture is SetScene with the Scene's picture drawn already (PictureFunc), which
// is shown at once, in the same frame, if the view still shows what it was drawn for.
func (c *Canvas) SetSceneAndPicture(sc *render.Scene, p *Picture) {
	c.scene = sc
	if g := &c.gesture; p != nil && p.s.scene == sc && (g.mode != dragElement || g.pending) {
		c.show(p.s)
	}
	c.preview = nil
	if c.hasSelected && !c.exists(c.selected) {
		c.hasSelected = false
	}
	c.keepExistingGroup()
	if c.linking && !c.exists(c.linkFrom) {
		c.linking = false
	}
	c.hover = -1
	c.Refresh()
}

// exists reports whether the Scene draws the element ref names. The source line must match
// too, so that after a deletion the selection does not jump to whichever element inherited the
// deleted one's index.
func (c *Canvas) exists(ref render.Ref) bool {
	if c.scene == nil {
		return false
	}
	for i := range c.scene.Items {
		r := c.scene.Items[i].Ref
		if sameElement(r, ref) && (ref.Line == 0 || r.Line == ref.Line) {
			return true
		}
	}
	return false
}

// Select highlights the element (for example the one on the text cursor's line) without
// calling OnSelected. A Ref with an empty Kind clears the selection.
func (c *Canvas) Select(ref render.Ref) {
	had, old := c.hasSelected, c.selected
	c.hasSelected = ref.Kind != "" && c.exists(ref)
	c.selected = ref
	if had != c.hasSelected || (c.hasSelected && !sameElement(old, ref)) {
		c.Refresh()
	}
}

// Selected returns the selected element, if any.
func (c *Canvas) Selected() (render.Ref, bool) { return c.selected, c.hasSelected }

// RefAtLine returns the first element drawn for source line line, preferring the element itself
// over its label or decorations, so the editor can highlight what the text cursor is on.
func (c *Canvas) RefAtLine(line int) (render.Ref, bool) {
	if c.scene == nil || line <= 0 {
		return render.Ref{}, false
	}
	var fallback render.Ref
	found := false
	for i := range c.scene.Items {
		r := c.scene.Items[i].Ref
		if r.Line != line || !pickable(r.Kind) {
			continue
		}
		switch r.Kind {
		case render.ElemLabel, render.ElemMethod, render.ElemMarket, render.ElemEcosystem, render.ElemInertia:
			if !found {
				fallback, found = ownerRef(r), true
				if r.Kind == render.ElemLabel {
					fallback = render.Ref{Kind: render.ElemComponent, Index: r.Index, Line: r.Line}
				}
			}
			continue
		}
		return r, true
	}
	return fallback, found
}

// LinkSource returns the component picked by a first Ctrl+click, if a link is being made.
func (c *Canvas) LinkSource() (render.Ref, bool) { return c.linkFrom, c.linking }

// Zoom returns the current zoom factor (1 = one page unit per Fyne unit).
func (c *Canvas) Zoom() float64 { return c.view.zoom }

// ZoomIn enlarges the map about the centre of the widget.
func (c *Canvas) ZoomIn() { c.zoomCentre(1.25) }

// ZoomOut shrinks the map about the centre of the widget.
func (c *Canvas) ZoomOut() { c.zoomCentre(1 / 1.25) }

// ZoomActual shows the map at 100%, centred.
func (c *Canvas) ZoomActual() { c.zoomCentre(1 / c.view.zoom) }

func (c *Canvas) zoomCentre(f float64) {
	s := c.Size()
	c.fitted = false
	c.view = c.view.zoomAbout(f, s.Width/2, s.Height/2)
	c.Refresh()
}

// Fit shows the whole page in the widget, and keeps it fitted as the widget resizes.
func (c *Canvas) Fit() {
	c.fitted = true
	c.Refresh()
}

// PageToMap converts a page point to map units [visibility, maturity] through the Scene's plot
// rectangle (unrounded, not clamped). ok is false when there is no Scene or plot.
func (c *Canvas) PageToMap(p render.Point) (vis, mat float64, ok bool) {
	sc := c.scene
	if sc == nil || sc.PlotW <= 0 || sc.PlotH <= 0 {
		return 0, 0, false
	}
	return 1 - (p.Y-sc.PlotY)/sc.PlotH, (p.X - sc.PlotX) / sc.PlotW, true
}

// ScreenToPage converts a point relative to the widget into page units.
func (c *Canvas) ScreenToPage(pos fyne.Position) render.Point { return c.view.toPage(pos.X, pos.Y) }

// PageToScreen converts a page point into a position relative to the widget.
func (c *Canvas) PageToScreen(p render.Point) fyne.Position {
	x, y := c.view.toScreen(p)
	return fyne.NewPos(x, y)
}

// hitAt returns the item under a widget-relative position, or -1: of the Scene on screen, which
// may be older than the newest one while its picture is being drawn (see refAt).
func (c *Canvas) hitAt(pos fyne.Position) int {
	const tolPx = 5 // screen units of slack around thin lines and small markers
	return hitTest(c.onScreen(), c.view.toPage(pos.X, pos.Y), tolPx/c.view.zoom)
}

// refAt is the element of item i of the Scene on screen.
func (c *Canvas) refAt(i int) render.Ref {
	sc := c.onScreen()
	if i < 0 || sc == nil || i >= len(sc.Items) {
		return render.Ref{}
	}
	return sc.Items[i].Ref
}

// shown is the Scene the highlights are drawn on: the drag preview while there is one, else
// the Scene of the picture on screen.
func (c *Canvas) shown() *render.Scene {
	if c.preview != nil {
		return c.preview
	}
	return c.onScreen()
}

// onScreen is the Scene of the picture on screen (the newest Scene before the first picture).
func (c *Canvas) onScreen() *render.Scene {
	if c.drawn != nil {
		return c.drawn.scene
	}
	return c.scene
}

// dragOffset is the page-unit offset to draw the items of ref at while a drag is in progress
// (or pending), and whether ref moves at all.
func (c *Canvas) dragOffset(ref render.Ref) (dx, dy float64, end int, ok bool) {
	g := &c.gesture
	if g.mode != dragElement || c.preview != nil || !(movesWith(ref, g.ref) || (g.group && c.inGroup(ref))) {
		return 0, 0, 0, false
	}
	dx, dy = c.constrain(g.ref, float64(g.dx)/c.view.zoom, float64(g.dy)/c.view.zoom)
	end = g.end
	if ref.Kind != render.ElemPipeline {
		end = 0 // only the box stretches; handles and everything else translate
	}
	return dx, dy, end, true
}

// constrain limits a drag: an evolved copy moves along the evolution axis only, and so does
// the end of a pipeline.
func (c *Canvas) constrain(ref render.Ref, dx, dy float64) (float64, float64) {
	if ref.Kind == render.ElemEvolved ||
		ref.Kind == render.ElemPipelineStart || ref.Kind == render.ElemPipelineEnd ||
		(ref.Kind == render.ElemPipeline && c.gesture.end != 0) {
		return dx, 0
	}
	return dx, dy
}

// referencePoint is the point of an element whose map position a drag reports.
func (c *Canvas) referencePoint(ref render.Ref, grabbed render.Point) render.Point {
	for i := range c.scene.Items {
		it := &c.scene.Items[i]
		if !sameElement(it.Ref, ref) {
			continue
		}
		switch it.Shape {
		case render.ShapeCircle, render.ShapeText:
			return render.Point{X: it.X, Y: it.Y}
		case render.ShapeRect:
			return render.Point{X: it.X, Y: it.Y}
		case render.ShapeLine, render.ShapePath:
			if len(it.Points) > 0 {
				return it.Points[0]
			}
		}
	}
	return grabbed
}

// currentMove builds the Move report of the element drag in progress (or just ended).
func (c *Canvas) currentMove() (Move, bool) {
	g := &c.gesture
	dx, dy := c.constrain(g.ref, float64(g.dx)/c.view.zoom, float64(g.dy)/c.view.zoom)
	if math.Abs(dx) < 1e-9 && math.Abs(dy) < 1e-9 {
		return Move{}, false
	}
	m := Move{Ref: g.ref, DX: dx, DY: dy, End: g.end}
	fv, fm, ok := c.PageToMap(g.start)
	if !ok {
		return m, true
	}
	m.FromVis, m.FromMat = fv, fm
	m.DVis, m.DMat = -dy/c.scene.PlotH, dx/c.scene.PlotW
	rp := c.referencePoint(g.ref, g.start)
	v, mt, _ := c.PageToMap(render.Point{X: rp.X + dx, Y: rp.Y + dy})
	m.Vis, m.Mat = round2(v), round2(mt)
	return m, true
}

// linkFollow makes the links of an element being dragged follow it: every link point that lies
// on the element's marker moves with the drag, so the user sees the new connections before the
// text is edited and the map laid out again.
type linkFollow struct {
	active bool
	centre render.Point
	radius float64
	dx, dy float64
}

func (c *Canvas) linkEnds(sc *render.Scene) linkFollow {
	g := &c.gesture
	if g.mode != dragElement || c.preview != nil {
		return linkFollow{}
	}
	f := followOf(sc, g.ref)
	if f.active {
		f.dx, f.dy = c.constrain(g.ref, float64(g.dx)/c.view.zoom, float64(g.dy)/c.view.zoom)
	}
	return f
}

// followOf is where the links of element ref end on its marker in sc (no offset yet).
func followOf(sc *render.Scene, ref render.Ref) linkFollow {
	if sc == nil {
		return linkFollow{}
	}
	switch ref.Kind {
	case render.ElemComponent, render.ElemSubmap, render.ElemAnchor, render.ElemEvolved:
	default:
		return linkFollow{}
	}
	for i := range sc.Items {
		it := &sc.Items[i]
		if !sameElement(it.Ref, ref) {
			continue
		}
		f := linkFollow{active: true}
		switch it.Shape {
		case render.ShapeCircle:
			f.centre, f.radius = render.Point{X: it.X, Y: it.Y}, it.R+1
		case render.ShapeText:
			b := layoutText(it).bounds(it)
			f.centre = render.Point{X: (b.x0 + b.x1) / 2, Y: (b.y0 + b.y1) / 2}
			f.radius = math.Max(b.x1-b.x0, b.y1-b.y0)/2 + 2
		default:
			continue
		}
		return f
	}
	return linkFollow{}
}

// follows reports whether item it is a link, flow or evolution arrow whose end f moves.
func (f linkFollow) follows(it *render.Item) bool {
	if !f.active {
		return false
	}
	switch it.Ref.Kind {
	case render.ElemLink, render.ElemFlow, render.ElemEvolveArrow:
		_, ok := f.apply(it)
		return ok
	}
	return false
}

// apply returns a copy of a link item with its points on the dragged marker moved. A small
// closed shape next to the marker (an evolution arrowhead) moves whole.
func (f linkFollow) apply(it *render.Item) (render.Item, bool) {
	if it.Closed && len(it.Points) > 2 {
		const head = 16 // page units: an arrowhead drawn against the marker's edge
		b := boundsOf(it.Points)
		mid := render.Point{X: (b.x0 + b.x1) / 2, Y: (b.y0 + b.y1) / 2}
		if math.Hypot(mid.X-f.centre.X, mid.Y-f.centre.Y) <= f.radius+head {
			moved := *it
			moved.Points = make([]render.Point, len(it.Points))
			for k, p := range it.Points {
				moved.Points[k] = render.Point{X: p.X + f.dx, Y: p.Y + f.dy}
			}
			return moved, true
		}
		return render.Item{}, false
	}
	reach := f.radius
	if it.Ref.Kind == render.ElemEvolveArrow {
		reach += 16 // the arrow's line stops at its head, short of the marker
	}
	var pts []render.Point
	for k, p := range it.Points {
		if math.Hypot(p.X-f.centre.X, p.Y-f.centre.Y) <= reach {
			if pts == nil {
				pts = append([]render.Point(nil), it.Points...)
			}
			pts[k] = render.Point{X: p.X + f.dx, Y: p.Y + f.dy}
		}
	}
	if pts == nil {
		return render.Item{}, false
	}
	moved := *it
	moved.Points = pts
	return moved, true
}
