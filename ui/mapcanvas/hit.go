package mapcanvas

import (
	"math"

	"mapwright/render"
)

// Hit-testing works on the Scene in page units, not on Fyne objects: the driver only knows
// bounding rectangles, which are useless for diagonal links.

// pickable reports whether items of this kind can be clicked at all. Decoration (background,
// axes, stage dividers and captions) never is, so a click there counts as empty canvas.
func pickable(k render.ElementKind) bool {
	switch k {
	case "", render.ElemBackground, render.ElemAxis, render.ElemStage:
		return false
	}
	return true
}

// draggable reports whether an element of this kind can be moved by dragging.
func draggable(k render.ElementKind) bool {
	switch k {
	case render.ElemComponent, render.ElemAnchor, render.ElemSubmap, render.ElemEvolved,
		render.ElemLabel, render.ElemNote, render.ElemAnnotation, render.ElemAnnotationList,
		render.ElemPipeline, render.ElemPipelineStart, render.ElemPipelineEnd,
		render.ElemEvolvedLabel, render.ElemAccelerator, render.ElemArea,
		render.ElemMethod, render.ElemMarket, render.ElemEcosystem, render.ElemInertia:
		return true
	}
	return false
}

// ownerRef is the element a drag on this item moves: decorations drawn on a component (its
// sourcing disc, market or ecosystem symbol) move the component itself.
func ownerRef(r render.Ref) render.Ref {
	switch r.Kind {
	case render.ElemMethod, render.ElemMarket, render.ElemEcosystem, render.ElemInertia:
		return render.Ref{Kind: render.ElemComponent, Index: r.Index, Line: r.Line}
	}
	return r
}

// linkable reports whether a Ctrl+click on this element can start or end a link.
func linkable(k render.ElementKind) bool {
	switch k {
	case render.ElemComponent, render.ElemAnchor, render.ElemSubmap, render.ElemEvolved,
		render.ElemMethod, render.ElemMarket, render.ElemEcosystem:
		return true
	}
	return false
}

// sameElement compares refs by what they point at (the source line is informational).
func sameElement(a, b render.Ref) bool { return a.Kind == b.Kind && a.Index == b.Index }

// itemBounds is the box an item covers in page units, including half its stroke.
func itemBounds(it *render.Item) rect {
	hw := it.StrokeWidth / 2
	var r rect
	switch it.Shape {
	case render.ShapeRect:
		r = rect{it.X, it.Y, it.X + it.W, it.Y + it.H}
	case render.ShapeCircle:
		r = rect{it.X - it.R, it.Y - it.R, it.X + it.R, it.Y + it.R}
	case render.ShapeLine, render.ShapePath:
		r = boundsOf(it.Points)
	case render.ShapeText:
		return layoutText(it).bounds(it)
	default:
		return emptyRect
	}
	if r.empty() {
		return r
	}
	return rect{r.x0 - hw, r.y0 - hw, r.x1 + hw, r.y1 + hw}
}

// hitItem reports whether page point p touches the item, with tol page units of slack so thin
// lines and small markers are easy to hit.
func hitItem(it *render.Item, p render.Point, tol float64) bool {
	switch it.Shape {
	case render.ShapeRect:
		return rect{it.X, it.Y, it.X + it.W, it.Y + it.H}.contains(p, tol)
	case render.ShapeCircle:
		return math.Hypot(p.X-it.X, p.Y-it.Y) <= it.R+it.StrokeWidth/2+tol
	case render.ShapeLine, render.ShapePath:
		pts := it.Points
		if len(pts) == 0 {
			return false
		}
		if it.Shape == render.ShapePath && it.Closed && (!it.Fill.IsNone() || len(it.Gradient) > 0) && insidePolygon(p, pts) {
			return true
		}
		reach := it.StrokeWidth/2 + tol
		if len(pts) == 1 {
			return math.Hypot(p.X-pts[0].X, p.Y-pts[0].Y) <= reach
		}
		for i := 1; i < len(pts); i++ {
			if distToSegment(p, pts[i-1], pts[i]) <= reach {
				return true
			}
		}
		if it.Closed && len(pts) > 2 {
			return distToSegment(p, pts[len(pts)-1], pts[0]) <= reach
		}
		return false
	case render.ShapeText:
		return layoutText(it).bounds(it).contains(p, tol/2)
	}
	return false
}

// hitTest returns the index of the topmost pickable item under p, or -1. Items are drawn in
// slice order, so the last hit is the one on top. An exact hit beats a near miss that only the
// tolerance catches, so a small component next to a link is picked over the link.
func hitTest(sc *render.Scene, p render.Point, tol float64) int {
	if sc == nil {
		return -1
	}
	near := -1
	for i := len(sc.Items) - 1; i >= 0; i-- {
		it := &sc.Items[i]
		if !pickable(it.Ref.Kind) {
			continue
		}
		if hitItem(it, p, 0) {
			return i
		}
		if near < 0 && hitItem(it, p, tol) {
			near = i
		}
	}
	return near
}

// elementBounds is the union of the boxes of every item drawing the element.
func elementBounds(sc *render.Scene, ref render.Ref) rect {
	r := emptyRect
	if sc == nil {
		return r
	}
	for i := range sc.Items {
		if sameElement(sc.Items[i].Ref, ref) {
			r = r.union(itemBounds(&sc.Items[i]))
		}
	}
	return r
}

// movesWith reports whether item ref r is carried along while the element drag is dragged:
// the element's own items, and for a component the symbols drawn on it and its label.
func movesWith(r, drag render.Ref) bool {
	if sameElement(r, drag) {
		return true
	}
	switch drag.Kind {
	case render.ElemComponent, render.ElemSubmap:
		switch r.Kind {
		case render.ElemComponent, render.ElemSubmap, render.ElemLabel, render.ElemMethod,
			render.ElemMarket, render.ElemEcosystem, render.ElemInertia:
			return r.Index == drag.Index
		}
	case render.ElemEvolved:
		return r.Kind == render.ElemEvolvedLabel && r.Index == drag.Index
	case render.ElemPipelineStart, render.ElemPipelineEnd:
		// The box stretches with its end handle (see the renderer).
		return r.Kind == render.ElemPipeline && r.Index == drag.Index
	}
	return false
}
