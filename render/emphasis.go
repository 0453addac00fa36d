package render

import "math"

// ElemEmphasis tags the highlight Layout draws beneath an emphasised element (Options.Emphasis);
// its Index and Line are those of the item it highlights. It is the SVG CSS class "emphasis".
const ElemEmphasis ElementKind = "emphasis"

// zEmphasis puts highlights above the pioneers/settlers/town-planner areas and beneath every
// mark of the map, so that they never hide anything but the grid.
const zEmphasis = 25

// Emphasis padding, in page units at scale 1: how far a highlight reaches past the mark.
const (
	emphasisPad     = 4 // around circles, rectangles and filled outlines
	emphasisTextPad = 2 // around text
	emphasisStroke  = 8 // added to a line's width
)

// emphasisColour is the highlight of a style: an opaque marker-pen yellow on light paper (light
// enough for black text, and still a light grey when printed in black and white), a deep amber
// on the dark style's background (dark enough for its white text). Opaque, so that the
// highlights of one element's circle, label and links do not darken where they overlap.
func (t *theme) emphasisColour() Color {
	if t.style == StyleDark {
		return RGB(0x8a, 0x67, 0x00)
	}
	return RGB(0xff, 0xe0, 0x66)
}

// emphasise adds a highlight beneath every painted item whose source line is in lines, and
// sorts the items again by Z. It runs last, on the finished scene, so that highlights follow
// the marks exactly as drawn (handwritten wobble and scale included).
func emphasise(s *Scene, lines map[int]bool, colour Color, k float64) {
	if len(lines) == 0 {
		return
	}
	if k <= 0 || math.IsNaN(k) || math.IsInf(k, 0) {
		k = 1
	}
	n := len(s.Items)
	for i := 0; i < n; i++ {
		it := &s.Items[i]
		if it.Ref.Line <= 0 || !lines[it.Ref.Line] || it.Ref.Kind == ElemEmphasis {
			continue
		}
		if h, ok := halo(it, colour, k); ok {
			s.Items = append(s.Items, h)
		}
	}
	if len(s.Items) > n {
		s.Items = sortByZ(s.Items)
	}
}

// halo is the highlight of one item, or false for an item that paints nothing (the unpainted
// grab rectangle of an area) or turned text.
func halo(it *Item, colour Color, k float64) (Item, bool) {
	h := Item{Shape: it.Shape, Ref: Ref{Kind: ElemEmphasis, Index: it.Ref.Index, Line: it.Ref.Line}, Z: zEmphasis}
	painted := !it.Fill.IsNone() || len(it.Gradient) > 0 || (!it.Stroke.IsNone() && it.Shape != ShapeText)
	if !painted && it.Shape != ShapeText {
		return Item{}, false
	}
	pad := float64(emphasisPad * k) // products rounded: no fused multiply-add (scripts/fma-check.sh)
	switch it.Shape {
	case ShapeText:
		if it.Rotate != 0 || it.Text == "" {
			return Item{}, false
		}
		b := ItemBox(it)
		p := float64(emphasisTextPad * k)
		r := rect{b.Left - p, b.Top - p, b.Width() + 2*p, b.Height() + 2*p}
		h.Shape, h.Closed, h.Fill = ShapePath, true, colour
		h.Points = roundedRect(r, 3*k)
	case ShapeCircle:
		h.X, h.Y, h.R, h.Fill = it.X, it.Y, it.R+float64(it.LineWidth()/2)+pad, colour
	case ShapeRect:
		h.X, h.Y, h.W, h.H, h.Fill = it.X-pad, it.Y-pad, it.W+2*pad, it.H+2*pad, colour
	case ShapeLine:
		h.Points = it.Points
		h.Stroke, h.StrokeWidth = colour, it.LineWidth()+float64(emphasisStroke*k)
	case ShapePath:
		h.Points, h.Closed = it.Points, it.Closed
		h.Stroke, h.StrokeWidth = colour, it.LineWidth()+float64(emphasisStroke*k)
		if it.Closed && it.Ref.Kind != ElemArea {
			// A filled outline (a pipeline box, an arrow head, a handwritten circle) is
			// highlighted all over; an area, which lies beneath other marks, only round its edge.
			h.Fill = colour
		}
	default:
		return Item{}, false
	}
	return h, true
}
