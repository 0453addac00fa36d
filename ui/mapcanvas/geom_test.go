package mapcanvas

import (
	"image"
	"math"
	"strconv"
	"testing"

	"mapwright/render"
)

func TestDashSegments(t *testing.T) {
	tests := []struct {
		name    string
		pts     []render.Point
		closed  bool
		pattern []float64
		want    int     // number of segments
		inked   float64 // total drawn length
	}{
		{"solid line", []render.Point{{X: 0, Y: 0}, {X: 100, Y: 0}}, false, nil, 1, 100},
		{"dashes 10/10", []render.Point{{X: 0, Y: 0}, {X: 100, Y: 0}}, false, []float64{10, 10}, 5, 50},
		{"dash carries over a corner", []render.Point{{X: 0, Y: 0}, {X: 15, Y: 0}, {X: 15, Y: 15}}, false, []float64{10, 10}, 2, 20},
		{"closed square", []render.Point{{X: 0, Y: 0}, {X: 10, Y: 0}, {X: 10, Y: 10}, {X: 0, Y: 10}}, true, nil, 4, 40},
		{"degenerate pattern draws solid", []render.Point{{X: 0, Y: 0}, {X: 100, Y: 0}}, false, []float64{0, 0}, 1, 100},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			segs := dashSegments(tc.pts, tc.closed, tc.pattern)
			if len(segs) != tc.want {
				t.Fatalf("got %d segments, want %d", len(segs), tc.want)
			}
			total := 0.0
			for _, s := range segs {
				total += math.Hypot(s.b.X-s.a.X, s.b.Y-s.a.Y)
			}
			if math.Abs(total-tc.inked) > 1e-6 {
				t.Errorf("inked length %g, want %g", total, tc.inked)
			}
		})
	}
}

func TestDashSegmentsCapped(t *testing.T) {
	segs := dashSegments([]render.Point{{X: 0, Y: 0}, {X: 1e7, Y: 0}}, false, []float64{1, 1})
	if len(segs) > 4000 {
		t.Fatalf("%d dashes; the cap is 4000", len(segs))
	}
}

func TestHitTest(t *testing.T) {
	sc := testScene()
	tests := []struct {
		name string
		at   render.Point
		want render.Ref
	}{
		{"component centre", render.Point{X: 110, Y: 72}, render.Ref{Kind: render.ElemComponent, Index: 0, Line: 2}},
		{"component edge with tolerance", render.Point{X: 117, Y: 72}, render.Ref{Kind: render.ElemComponent, Index: 0, Line: 2}},
		{"label", render.Point{X: 130, Y: 66}, render.Ref{Kind: render.ElemLabel, Index: 0, Line: 2}},
		{"near the link", render.Point{X: 173, Y: 113}, render.Ref{Kind: render.ElemLink, Index: 0, Line: 4}},
		{"pipeline box", render.Point{X: 260, Y: 210}, render.Ref{Kind: render.ElemPipeline, Index: 0, Line: 6}},
		{"evolve arrowhead", render.Point{X: 318, Y: 150}, render.Ref{Kind: render.ElemEvolveArrow, Index: 0, Line: 5}},
		{"empty plot", render.Point{X: 60, Y: 250}, render.Ref{}},
		{"axis is decoration", render.Point{X: 20, Y: 100}, render.Ref{}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			i := hitTest(sc, tc.at, 5)
			var got render.Ref
			if i >= 0 {
				got = sc.Items[i].Ref
			}
			if got != tc.want {
				t.Errorf("hit %+v, want %+v", got, tc.want)
			}
		})
	}
}

func TestViewZoomAboutKeepsPointFixed(t *testing.T) {
	v := view{zoom: 1, panX: 10, panY: 20}
	before := v.toPage(100, 50)
	v = v.zoomAbout(2, 100, 50)
	after := v.toPage(100, 50)
	if math.Abs(before.X-after.X) > 1e-9 || math.Abs(before.Y-after.Y) > 1e-9 {
		t.Errorf("page point under the pointer moved from %v to %v", before, after)
	}
	if v.zoom != 2 {
		t.Errorf("zoom %g, want 2", v.zoom)
	}
}

func TestRound2(t *testing.T) {
	for in, want := range map[float64]float64{0.123: 0.12, 0.125001: 0.13, -0.2: 0, 1.7: 1, 0.5: 0.5} {
		if got := round2(in); got != want {
			t.Errorf("round2(%g) = %g, want %g", in, got, want)
		}
	}
}

func TestRotatedTextCoversItsRotatedBox(t *testing.T) {
	for _, deg := range []float64{-90, 90, 30, -12.5} {
		k := rotatedKey{text: "boiled to order", font: render.Font{Family: render.FontSans, Size: 20}, color: render.RGB(0, 0, 0), rotate: deg, px: 20}
		img := rotatedText(k)
		b := img.Bounds()
		s, c := math.Sincos(deg * math.Pi / 180)
		w := render.MeasureText(k.font, k.text)
		h := render.LineBox(k.font, "", 0, 0, render.AnchorStart).Height()
		wantW, wantH := math.Abs(w*c)+math.Abs(h*s), math.Abs(w*s)+math.Abs(h*c)
		if math.Abs(float64(b.Dx())-wantW) > 8 || math.Abs(float64(b.Dy())-wantH) > 8 {
			t.Errorf("%g°: image %dx%d, want about %.0fx%.0f", deg, b.Dx(), b.Dy(), wantW, wantH)
		}
		ink := 0
		for y := b.Min.Y; y < b.Max.Y; y++ {
			for x := b.Min.X; x < b.Max.X; x++ {
				if _, _, _, a := img.At(x, y).RGBA(); a > 0 {
					ink++
				}
			}
		}
		if ink < 100 {
			t.Errorf("%g°: only %d inked pixels", deg, ink)
		}
	}
}

// The rotated-text cache keeps what recent frames used within its byte bound: a frame of more
// images than a count-bounded cache would hold is found again whole, and old images go.
func TestImageCacheKeepsRecentFramesWithinBound(t *testing.T) {
	img := func() *image.NRGBA { return image.NewNRGBA(image.Rect(0, 0, 10, 10)) } // 400 bytes
	key := func(i int) rotatedKey { return rotatedKey{text: strconv.Itoa(i), px: 10} }
	c := newImageCache(400 * 1000)
	for i := range 1000 { // one frame of 1,000 labels: exactly one generation
		c.put(key(i), img())
	}
	for i := range 1000 {
		if _, ok := c.get(key(i)); !ok {
			t.Fatalf("label %d of the last frame is not cached", i)
		}
	}
	for i := 1000; i < 3000; i++ { // two frames of other labels
		c.put(key(i), img())
	}
	if _, ok := c.get(key(0)); ok {
		t.Errorf("a label not used for two full generations is still cached")
	}
	held := 0
	for _, g := range []map[rotatedKey]*image.NRGBA{c.cur, c.prev} {
		for _, im := range g {
			held += len(im.Pix)
		}
	}
	if held > 2*c.limit {
		t.Errorf("cache holds %d bytes, bound is 2 x %d", held, c.limit)
	}
}
