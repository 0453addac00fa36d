package mapcanvas

import (
	"mapwright/render"
)

// testScene is a small hand-built map: a 400x300 page with the plot at (20,20) 360x260, two
// components joined by a link, a label, an evolved copy, a pipeline box, a dashed axis and a
// rotated axis caption.
func testScene() *render.Scene {
	black := render.RGB(0, 0, 0)
	white := render.RGB(255, 255, 255)
	font := render.Font{Family: render.FontSans, Size: 11}
	return &render.Scene{
		Width: 400, Height: 300, Background: white,
		PlotX: 20, PlotY: 20, PlotW: 360, PlotH: 260,
		Items: []render.Item{
			{Shape: render.ShapeRect, Ref: render.Ref{Kind: render.ElemBackground}, X: 0, Y: 0, W: 400, H: 300, Fill: white},
			{Shape: render.ShapeLine, Ref: render.Ref{Kind: render.ElemAxis}, Points: []render.Point{{X: 20, Y: 280}, {X: 20, Y: 20}},
				Stroke: black, StrokeWidth: 1, Dash: []float64{5, 5}},
			{Shape: render.ShapeText, Ref: render.Ref{Kind: render.ElemAxis}, X: 12, Y: 150, Text: "Value Chain", Font: font,
				Anchor: render.AnchorMiddle, Rotate: -90, Fill: black},
			{Shape: render.ShapeRect, Ref: render.Ref{Kind: render.ElemPipeline, Index: 0, Line: 6}, X: 200, Y: 200, W: 120, H: 20,
				Stroke: black, StrokeWidth: 1, Fill: white},
			{Shape: render.ShapeLine, Ref: render.Ref{Kind: render.ElemLink, Index: 0, Line: 4}, Points: []render.Point{{X: 110, Y: 72}, {X: 236, Y: 150}},
				Stroke: black, StrokeWidth: 1},
			// component A at [0.8, 0.25] -> (110, 72)
			{Shape: render.ShapeCircle, Ref: render.Ref{Kind: render.ElemComponent, Index: 0, Line: 2}, X: 110, Y: 72, R: 5,
				Stroke: black, StrokeWidth: 1, Fill: white},
			{Shape: render.ShapeText, Ref: render.Ref{Kind: render.ElemLabel, Index: 0, Line: 2}, X: 120, Y: 70, Text: "Alpha", Font: font,
				Anchor: render.AnchorStart, Fill: black},
			// component B at [0.5, 0.6] -> (236, 150)
			{Shape: render.ShapeCircle, Ref: render.Ref{Kind: render.ElemComponent, Index: 1, Line: 3}, X: 236, Y: 150, R: 5,
				Stroke: black, StrokeWidth: 1, Fill: white},
			{Shape: render.ShapeCircle, Ref: render.Ref{Kind: render.ElemEvolved, Index: 0, Line: 5}, X: 326, Y: 150, R: 5,
				Stroke: render.RGB(255, 0, 0), StrokeWidth: 1, Fill: white},
			{Shape: render.ShapePath, Ref: render.Ref{Kind: render.ElemEvolveArrow, Index: 0, Line: 5},
				Points: []render.Point{{X: 316, Y: 146}, {X: 321, Y: 150}, {X: 316, Y: 154}}, Closed: true, Fill: render.RGB(255, 0, 0)},
		},
	}
}
