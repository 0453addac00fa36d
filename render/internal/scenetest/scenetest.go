// Package scenetest builds Scenes by hand for the encoders' tests and benchmarks: every feature
// of the display list (all shapes, dashes, gradients, alpha, rotated and underlined text,
// anchors, safe and unsafe links, hostile Unicode) independently of the layout, so the PDF and
// PNG encoders are tested on the same pictures.
package scenetest

import (
	"fmt"
	"strings"

	"mapwright/render"
)

// The scenes below are built by hand so the encoder is tested on every feature of the display
// list independently of the layout: all shapes, dashes, gradients, alpha, rotated and underlined
// text, anchors, links (safe and unsafe) and hostile Unicode.

var (
	Black = render.RGB(0, 0, 0)
	White = render.RGB(255, 255, 255)
	Grey  = render.RGB(128, 128, 128)
	Red   = render.RGB(220, 20, 20)
)

// FeatureLabels are labels of FeatureScene that text extraction must find.
var FeatureLabels = []string{"Cup of Tea", "Kettle", "Power", "Value Chain", "Evolution", "Genesis", "Annotations:", "Café", "Greek αβγ", "Cyrillic Чай"}

func Text(x, y float64, s string, size float64, anchor render.TextAnchor) render.Item {
	return render.Item{Shape: render.ShapeText, Ref: render.Ref{Kind: render.ElemLabel}, X: x, Y: y, Text: s,
		Font: render.Font{Family: render.FontSans, Size: size}, Anchor: anchor, Fill: Black}
}

func Component(x, y float64) render.Item {
	return render.Item{Shape: render.ShapeCircle, Ref: render.Ref{Kind: render.ElemComponent}, X: x, Y: y, R: 5,
		Fill: White, Stroke: Black, StrokeWidth: 1}
}

func Line(x0, y0, x1, y1 float64, c render.Color, w float64, dash ...float64) render.Item {
	return render.Item{Shape: render.ShapeLine, Ref: render.Ref{Kind: render.ElemLink},
		Points: []render.Point{{X: x0, Y: y0}, {X: x1, Y: y1}}, Stroke: c, StrokeWidth: w, Dash: dash}
}

// FeatureScene is a 900x650 map that uses every drawing feature.
func FeatureScene(title string) *render.Scene {
	s := &render.Scene{Width: 900, Height: 650, Title: title, PlotX: 35, PlotY: 45, PlotW: 800, PlotH: 500}
	add := func(items ...render.Item) { s.Items = append(s.Items, items...) }
	add(render.Item{Shape: render.ShapeRect, Ref: render.Ref{Kind: render.ElemBackground}, X: 35, Y: 45, W: 800, H: 500,
		Gradient: []render.GradientStop{{Offset: 0, Color: render.RGB(196, 196, 196)}, {Offset: 0.3, Color: White}, {Offset: 0.7, Color: White}, {Offset: 1, Color: render.RGB(196, 196, 196)}}})
	tt := Text(35, 30, title, 20, render.AnchorStart)
	tt.Font.Bold = true
	tt.Ref.Kind = render.ElemTitle
	add(tt)
	// Axes, dividers and captions.
	add(Line(35, 545, 833, 545, Black, 1))
	add(render.Item{Shape: render.ShapePath, Ref: render.Ref{Kind: render.ElemAxis}, Closed: true, Fill: Black,
		Points: []render.Point{{X: 835, Y: 545}, {X: 825, Y: 540}, {X: 825, Y: 550}}})
	add(Line(35, 545, 35, 45, Black, 1, 2, 2))
	vc := Text(25, 45, "Value Chain", 13, render.AnchorEnd)
	vc.Font.Bold, vc.Rotate = true, -90
	add(vc)
	for _, m := range []float64{0.175, 0.40, 0.70} {
		add(Line(35+800*m, 45, 35+800*m, 571, Black, 1, 2, 2))
	}
	for i, st := range []string{"Genesis", "Custom-Built", "Product", "Commodity"} {
		x := []float64{35, 35 + 140 + 7, 35 + 320 + 7, 35 + 560 + 7}[i]
		l := Text(x, 558, st, 13, render.AnchorStart)
		l.Font.Italic = true
		add(l)
	}
	ev := Text(835, 568, "Evolution", 13, render.AnchorEnd)
	ev.Font.Bold = true
	add(ev)
	// A PST area (translucent), a pipeline box, inertia bar and a build disc.
	add(render.Item{Shape: render.ShapeRect, Ref: render.Ref{Kind: render.ElemArea}, X: 60, Y: 60, W: 150, H: 90,
		Fill: render.Color{R: 160, G: 120, B: 220, A: 80}, Stroke: render.Color{R: 120, G: 80, B: 200, A: 200}, StrokeWidth: 1, Dash: []float64{4}})
	add(render.Item{Shape: render.ShapeRect, Ref: render.Ref{Kind: render.ElemPipeline}, X: 420, Y: 300, W: 300, H: 22, Stroke: Black, StrokeWidth: 1})
	add(render.Item{Shape: render.ShapeRect, Ref: render.Ref{Kind: render.ElemInertia}, X: 392, Y: 190, W: 6, H: 20, Fill: Black})
	add(render.Item{Shape: render.ShapeCircle, Ref: render.Ref{Kind: render.ElemMethod}, X: 300, Y: 200, R: 15, Fill: render.RGB(214, 214, 214), Stroke: Black, StrokeWidth: 1})
	// Links, a flow band, a rotated link context, an evolve arrow.
	add(Line(300, 120, 300, 200, Grey, 1))
	add(Line(300, 200, 600, 400, Grey, 1))
	add(render.Item{Shape: render.ShapeLine, Ref: render.Ref{Kind: render.ElemFlow}, Points: []render.Point{{X: 300, Y: 120}, {X: 600, Y: 400}},
		Stroke: render.Color{R: 0x99, G: 0xc5, B: 0xee, A: 0x9e}, StrokeWidth: 10})
	ctx := Text(450, 295, "context along the line", 11, render.AnchorMiddle)
	ctx.Rotate = math43
	add(ctx)
	add(Line(600, 400, 740, 400, Red, 1, 5, 5))
	add(render.Item{Shape: render.ShapePath, Ref: render.Ref{Kind: render.ElemEvolveArrow}, Closed: true, Fill: Red,
		Points: []render.Point{{X: 745, Y: 400}, {X: 735, Y: 395}, {X: 735, Y: 405}}})
	// Components and labels.
	for _, c := range []struct {
		x, y float64
		name string
	}{{300, 120, "Cup of Tea"}, {300, 200, "Kettle"}, {600, 400, "Power"}, {750, 400, "Power (evolved)"}} {
		add(Component(c.x, c.y))
		add(Text(c.x+10, c.y-5, c.name, 14, render.AnchorStart))
	}
	// An open polyline with a dash pattern of odd length, and a filled open path.
	add(render.Item{Shape: render.ShapePath, Ref: render.Ref{Kind: render.ElemNote}, Points: []render.Point{{X: 100, Y: 400}, {X: 160, Y: 430}, {X: 220, Y: 400}, {X: 280, Y: 430}},
		Stroke: render.RGB(0, 100, 200), StrokeWidth: 3, Dash: []float64{6, 3, 2}})
	add(render.Item{Shape: render.ShapePath, Ref: render.Ref{Kind: render.ElemAccelerator}, Points: []render.Point{{X: 100, Y: 470}, {X: 180, Y: 470}, {X: 180, Y: 460}, {X: 200, Y: 480}, {X: 180, Y: 500}, {X: 180, Y: 490}, {X: 100, Y: 490}},
		Closed: true, Gradient: []render.GradientStop{{Offset: 0, Color: render.RGB(240, 240, 240)}, {Offset: 1, Color: render.RGB(120, 120, 120)}}, Stroke: Grey, StrokeWidth: 1})
	// Annotation marker and legend with an underlined heading.
	add(render.Item{Shape: render.ShapeCircle, Ref: render.Ref{Kind: render.ElemAnnotation}, X: 500, Y: 150, R: 15, Fill: White, Stroke: render.RGB(0x59, 0x59, 0x59), StrokeWidth: 2})
	add(Text(500, 155, "1", 14, render.AnchorMiddle))
	add(render.Item{Shape: render.ShapeRect, Ref: render.Ref{Kind: render.ElemAnnotationList}, X: 620, Y: 60, W: 200, H: 60, Fill: White, Stroke: render.RGB(0x59, 0x59, 0x59), StrokeWidth: 1})
	head := Text(630, 80, "Annotations:", 14, render.AnchorStart)
	head.Underline = true
	add(head)
	add(Text(630, 100, "1. Standardising power", 12, render.AnchorStart))
	// Submaps: one safe link, one unsafe.
	sub := render.Item{Shape: render.ShapeCircle, Ref: render.Ref{Kind: render.ElemSubmap}, X: 150, Y: 300, R: 5, Fill: Black, Link: "https://example.com/maps/kettle"}
	add(sub)
	bad := sub
	bad.X, bad.Link = 150, "javascript:alert(1)"
	bad.Y = 340
	add(bad)
	st := Text(160, 305, "Submap", 14, render.AnchorStart)
	st.Link = "https://example.com/maps/kettle"
	add(st)
	// Unicode and hostile strings.
	mono := Text(60, 620, "Café Greek αβγ Cyrillic Чай 日本語 שלום مرحبا", 12, render.AnchorStart)
	mono.Font.Family = render.FontMono
	add(mono)
	add(Text(500, 620, "emoji 🚀☕ zero\u200bwidth \xff\xfe bad \x01\x02 ctrl", 12, render.AnchorStart))
	hand := Text(500, 640, "handwritten note", 12, render.AnchorStart)
	hand.Font.Family = render.FontHand
	hand.Fill = render.Color{R: 0, G: 0, B: 0, A: 128}
	add(hand)
	return s
}

const math43 = 43.0

// BigScene is a synthetic map of n components on the default 1000 x 700 drawing area (as
// Layout draws a big map unless told otherwise), each with a label and a link to an earlier
// component, for benchmarks whose cost should grow linearly with n.
func BigScene(n int) *render.Scene {
	s := &render.Scene{Width: 1075, Height: 795, Title: fmt.Sprintf("%d components", n)}
	pos := func(i int) (float64, float64) {
		// A fixed low-discrepancy spread over the plot: deterministic, no clustering.
		fx := float64(i)*0.6180339887 - float64(int(float64(i)*0.6180339887))
		fy := float64(i)*0.7548776662 - float64(int(float64(i)*0.7548776662))
		return 40 + fx*1000, 45 + fy*700
	}
	for i := 1; i < n; i++ {
		x0, y0 := pos(i)
		x1, y1 := pos(i / 2)
		s.Items = append(s.Items, Line(x0, y0, x1, y1, Grey, 1))
	}
	for i := 0; i < n; i++ {
		x, y := pos(i)
		s.Items = append(s.Items, Component(x, y), Text(x+8, y-6, "Component "+strings.Repeat("x", i%7), 12, render.AnchorStart))
	}
	return s
}
