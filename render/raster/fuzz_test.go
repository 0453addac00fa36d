package raster

import (
	"bytes"
	"image/png"
	"testing"

	"mapwright/render"
	"mapwright/render/internal/scenetest"
)

// FuzzRender draws arbitrary text and geometry: rendering and encoding must always succeed and
// never panic, whatever the numbers (NaN, infinities, huge or negative sizes, odd dashes), and
// the PNG Encode writes (drawn band by band while compressed, in grey when every paint is grey)
// must read back as the picture Render draws whole.
func FuzzRender(f *testing.F) {
	for _, s := range hostileStrings {
		f.Add(s, 100.0, 100.0, 30.0, 14.0, 2.0, false, false)
	}
	f.Add("x", -1e12, 1e12, -90.0, 1e6, -1.0, true, false)
	f.Add("", 0.0, 0.0, 0.0, 0.0, 0.0, false, true)
	f.Add("Kettle", 60.0, 40.0, 10.0, 20.0, 3.0, true, true)
	f.Fuzz(func(t *testing.T, text string, x, y, rotate, size, dash float64, grey, transparent bool) {
		accent := scenetest.Red
		if grey {
			accent = scenetest.Grey
		}
		s := &render.Scene{Width: 200, Height: 150, Title: text}
		s.Items = []render.Item{
			{Shape: render.ShapeText, X: x, Y: y, Text: text, Rotate: rotate, Underline: true,
				Font: render.Font{Family: render.FontSans, Size: size}, Anchor: render.AnchorMiddle, Fill: scenetest.Black},
			{Shape: render.ShapeLine, Points: []render.Point{{X: 10, Y: 10}, {X: x, Y: y}}, Stroke: accent, StrokeWidth: size / 10, Dash: []float64{dash, 1}},
			{Shape: render.ShapeCircle, X: x, Y: y, R: size, Stroke: scenetest.Black, Dash: []float64{dash}},
			{Shape: render.ShapePath, Points: []render.Point{{X: 0, Y: 0}, {X: x, Y: 0}, {X: x, Y: y}}, Closed: true,
				Gradient: []render.GradientStop{{Offset: dash, Color: accent}, {Offset: rotate, Color: scenetest.Black}}},
			{Shape: render.ShapeRect, X: x, Y: y, W: size, H: -size, Fill: accent, Stroke: scenetest.Black, StrokeWidth: dash},
		}
		opts := Options{Scale: 1, Transparent: transparent}
		var buf bytes.Buffer
		if err := Encode(&buf, s, opts); err != nil {
			t.Fatalf("Encode: %v", err)
		}
		got, err := png.Decode(&buf)
		if err != nil {
			t.Fatalf("the PNG does not read back: %v", err)
		}
		if !samePixels(got, Render(s, opts)) {
			t.Fatal("the PNG read back is not the picture Render draws")
		}
	})
}
