// Package render turns a map model into a Scene and the Scene into pictures.
//
// Layout is the only place where map units (visibility and maturity, 0..1) become page units.
// The Scene it produces is a flat display list in absolute page units (1 unit = 1 CSS pixel =
// 0.75 pt), already themed and with labels placed, so the SVG, PDF and PNG encoders and the
// editor's canvas draw the same picture by walking the same list.
package render

import "math"

// Point is a position in page units, x to the right and y down.
type Point struct {
	X float64 `json:"x"`
	Y float64 `json:"y"`
}

// Color is a straight (non-premultiplied) RGBA colour. A == 0 means "no paint".
type Color struct {
	R uint8 `json:"r"`
	G uint8 `json:"g"`
	B uint8 `json:"b"`
	A uint8 `json:"a"`
}

// None is the absence of paint.
var None = Color{}

// RGB returns an opaque colour.
func RGB(r, g, b uint8) Color { return Color{r, g, b, 255} }

// IsNone reports whether the colour paints nothing.
func (c Color) IsNone() bool { return c.A == 0 }

// GradientStop is one stop of a horizontal linear gradient: Offset 0..1 across the shape.
type GradientStop struct {
	Offset float64 `json:"offset"`
	Color  Color   `json:"color"`
}

// FontFamily names one of the fonts every encoder can draw. The encoders map these to the Go
// fonts (golang.org/x/image/font/gofont) for PDF and PNG, and to CSS font stacks for SVG.
type FontFamily string

const (
	FontSans FontFamily = "sans" // Helvetica-like; Go Regular/Bold/Italic
	FontMono FontFamily = "mono" // Consolas-like; Go Mono (wardley style)
	FontHand FontFamily = "hand" // handwritten style; drawn with Go Italic and jittered strokes
)

// Font selects a face.
type Font struct {
	Family FontFamily `json:"family"`
	Size   float64    `json:"size"` // page units (px)
	Bold   bool       `json:"bold,omitempty"`
	Italic bool       `json:"italic,omitempty"`
}

// TextAnchor is how text aligns horizontally on its point.
type TextAnchor string

const (
	AnchorStart  TextAnchor = "start"
	AnchorMiddle TextAnchor = "middle"
	AnchorEnd    TextAnchor = "end"
)

// Offset is where text of the given width starts, relative to its anchor point: 0 at the
// start, half the width back in the middle, the whole width back at the end. Every measure
// and encoder that places text by its anchor uses it.
func (a TextAnchor) Offset(width float64) float64 {
	switch a {
	case AnchorMiddle:
		return -float64(width / 2)
	case AnchorEnd:
		return -width
	}
	return 0
}

// ShapeKind is the kind of one display-list item.
type ShapeKind string

const (
	ShapeRect   ShapeKind = "rect"   // X, Y, W, H (top-left corner)
	ShapeCircle ShapeKind = "circle" // X, Y centre, R radius
	ShapeLine   ShapeKind = "line"   // Points[0] -> Points[1]
	ShapePath   ShapeKind = "path"   // Points as a polyline; Closed joins the last to the first
	ShapeText   ShapeKind = "text"   // Text at X, Y (baseline), Font, Anchor, Rotate
)

// ElementKind names what part of the map an item draws; it doubles as the SVG CSS class.
type ElementKind string

const (
	ElemBackground     ElementKind = "background"
	ElemTitle          ElementKind = "title"
	ElemAxis           ElementKind = "axis"
	ElemStage          ElementKind = "stage" // dividers and stage labels
	ElemAnchor         ElementKind = "anchor"
	ElemComponent      ElementKind = "component"
	ElemSubmap         ElementKind = "submap"
	ElemEvolved        ElementKind = "evolved" // the evolved copy of a component
	ElemEvolveArrow    ElementKind = "evolve"
	ElemLink           ElementKind = "link"
	ElemFlow           ElementKind = "flow"
	ElemPipeline       ElementKind = "pipeline"
	ElemInertia        ElementKind = "inertia"
	ElemMethod         ElementKind = "method" // build/buy/outsource disc
	ElemMarket         ElementKind = "market"
	ElemEcosystem      ElementKind = "ecosystem"
	ElemNote           ElementKind = "note"
	ElemAnnotation     ElementKind = "annotation"
	ElemAnnotationList ElementKind = "annotations" // the legend
	ElemArea           ElementKind = "area"        // pioneers/settlers/townplanners
	ElemAccelerator    ElementKind = "accelerator"
	ElemLabel          ElementKind = "label" // a component's name label (Ref names the component)
	// ElemEvolvedLabel is the label of an evolved copy; Index is into Map.Evolves.
	ElemEvolvedLabel ElementKind = "evolvedlabel"
	// ElemPipelineStart and ElemPipelineEnd are the draggable end handles of a bracketed
	// pipeline (pipeline X [start, end]); Index is into Map.Pipelines.
	ElemPipelineStart ElementKind = "pipelinestart"
	ElemPipelineEnd   ElementKind = "pipelineend"
)

// Ref tags an item with the map element it draws, so the editor can hit-test and find the text.
// Index is the element's index in the Map's slice for its Kind (Components, Anchors, Notes, ...);
// Line is the 1-based source line of the statement (0 for decoration such as axes).
type Ref struct {
	Kind  ElementKind `json:"kind"`
	Index int         `json:"index"`
	Line  int         `json:"line,omitempty"`
}

// Item is one drawing operation. Items are drawn in slice order, which Layout sorts by Z.
type Item struct {
	Shape ShapeKind `json:"shape"`
	Ref   Ref       `json:"ref"`
	Z     int       `json:"z"`

	X      float64 `json:"x,omitempty"`
	Y      float64 `json:"y,omitempty"`
	W      float64 `json:"w,omitempty"`
	H      float64 `json:"h,omitempty"`
	R      float64 `json:"r,omitempty"`
	Points []Point `json:"points,omitempty"`
	Closed bool    `json:"closed,omitempty"`

	Stroke      Color          `json:"stroke"`
	StrokeWidth float64        `json:"strokeWidth,omitempty"`
	Dash        []float64      `json:"dash,omitempty"`
	Fill        Color          `json:"fill"`
	Gradient    []GradientStop `json:"gradient,omitempty"` // horizontal gradient fill, overrides Fill

	Text      string     `json:"text,omitempty"`
	Font      Font       `json:"font,omitempty"`
	Anchor    TextAnchor `json:"anchor,omitempty"`
	Rotate    float64    `json:"rotate,omitempty"` // degrees, clockwise, about (X, Y)
	Underline bool       `json:"underline,omitempty"`
	// Tooltip is text a viewer shows when the pointer rests on the item (SVG's <title>); other
	// formats leave it out.
	Tooltip string `json:"tooltip,omitempty"`

	// Link is a URL the item opens when clicked (submaps). Encoders emit it only when SafeURL.
	Link string `json:"link,omitempty"`

	// Origin is set on the text of component and evolved-copy labels: the centre of the marker
	// the label belongs to, the point its `label [dx, dy]` offset is measured from.
	Origin *Point `json:"origin,omitempty"`
}

// Scene is a complete picture in page units. (0, 0) is the top-left of the page.
type Scene struct {
	Width      float64 `json:"width"`
	Height     float64 `json:"height"`
	Background Color   `json:"background"` // None for transparent
	Title      string  `json:"title"`
	Desc       string  `json:"desc"`
	// Plot is the rectangle of the map's drawing area (the axes box) in page units; the editor
	// uses it to turn a drop point back into [visibility, maturity].
	PlotX float64 `json:"plotX"`
	PlotY float64 `json:"plotY"`
	PlotW float64 `json:"plotW"`
	PlotH float64 `json:"plotH"`
	// Scale is Options.Scale: page units per map pixel (label offsets are in map pixels).
	Scale float64 `json:"scale"`
	Items []Item  `json:"items"`
}

// At is the page point of a map position: maturity across the drawing area from its left,
// visibility up from its bottom (the products rounded, so that arm64 computes what amd64 does).
func (s *Scene) At(visibility, maturity float64) Point {
	return Point{X: s.PlotX + float64(maturity*s.PlotW), Y: s.PlotY + float64((1-visibility)*s.PlotH)}
}

// LineWidth is the item's stroke width; zero means 1, the SVG default.
func (it *Item) LineWidth() float64 {
	if it.StrokeWidth > 0 {
		return it.StrokeWidth
	}
	return 1
}

// DashPattern returns a usable dash array or nil for a solid line. Like SVG, an odd-length
// pattern is repeated, and a pattern with a negative, non-finite or all-zero length is ignored.
func DashPattern(d []float64) []float64 {
	if len(d) == 0 {
		return nil
	}
	var sum float64
	for _, v := range d {
		if v < 0 || math.IsNaN(v) || math.IsInf(v, 0) {
			return nil
		}
		sum += v
	}
	if sum <= 0 {
		return nil
	}
	if len(d)%2 == 1 {
		return append(append([]float64{}, d...), d...)
	}
	return d
}
