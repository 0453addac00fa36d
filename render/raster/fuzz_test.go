package raster

import (
	"io"
	"mapwright/render/internal/scenetest"
	"testing"

	"mapwright/render"
)

// FuzzRender draws arbitrary text and geometry: rendering and encoding must always succeed and
// never panic, whatever the numbers (NaN, infinities, huge or negative sizes, odd dashes).
func FuzzRender(f *testing.F) {
	for _, s := range hostileStrings {
		f.Add(s, 100.0, 100.0, 30.0, 14.0, 2.0)
	}
	f.Add("x", -1e12, 1e12, -90.0, 1e6, -1.0)
	f.Add("", 0.0, 0.0, 0.0, 0.0, 0.0)
	f.Fuzz(func(t *testing.T, text string, x, y, rotate, size, dash float64) {
		s := &render.Scene{Width: 200, Height: 150, Title: text}
		s.Items = []render.Item{
			{Shape: render.ShapeText, X: x, Y: y, Text: text, Rotate: rotate, Underline: true,
				Font: render.Font{Family: render.FontSans, Size: size}, Anchor: render.AnchorMiddle, Fill: scenetest.Black},
			{Shape: render.ShapeLine, Points: []render.Point{{X: 10, Y: 10}, {X: x, Y: y}}, Stroke: scenetest.Red, StrokeWidth: size / 10, Dash: []float64{dash, 1}},
			{Shape: render.ShapeCircle, X: x, Y: y, R: size, Stroke: scenetest.Black, Dash: []float64{dash}},
			{Shape: render.ShapePath, Points: []render.Point{{X: 0, Y: 0}, {X: x, Y: 0}, {X: x, Y: y}}, Closed: true,
				Gradient: []render.GradientStop{{Offset: dash, Color: scenetest.Red}, {Offset: rotate, Color: scenetest.Black}}},
			{Shape: render.ShapeRect, X: x, Y: y, W: size, H: -size, Fill: scenetest.Red, Stroke: scenetest.Black, StrokeWidth: dash},
		}
		if err := Encode(io.Discard, s, Options{Scale: 1}); err != nil {
			t.Fatalf("Encode: %v", err)
		}
	})
}
