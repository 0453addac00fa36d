package render

import (
	"strings"
	"testing"

	"mapwright/mapdsl"
)

func TestCaption(t *testing.T) {
	m, _ := mapdsl.Parse("c.owm", []byte("title Tea Shop\ncomponent Tea [0.5, 0.5]\n"))
	plain := Layout(m, Options{})
	sc := Layout(m, Options{Caption: " Who we serve "})
	if sc.Title != "Tea Shop · Who we serve" || plain.Title != "Tea Shop" {
		t.Errorf("scene titles %q and %q, want the caption after the map's title only when given", sc.Title, plain.Title)
	}
	var title, caption *Item
	for i := range sc.Items {
		switch it := &sc.Items[i]; {
		case it.Ref.Kind == ElemTitle && it.Text == "Tea Shop":
			title = it
		case it.Ref.Kind == ElemTitle && strings.Contains(it.Text, "Who we serve"):
			caption = it
		}
	}
	if title == nil || caption == nil {
		t.Fatalf("no title or caption item in %+v", sc.Items)
	}
	if caption.Y != title.Y || caption.Font.Bold || caption.X <= ItemBox(title).Right {
		t.Errorf("caption %+v is not after the title %+v on its line, in regular weight", caption, title)
	}
	if len(sc.Items) != len(plain.Items)+1 {
		t.Errorf("the caption added %d items, want 1", len(sc.Items)-len(plain.Items))
	}
}

func TestTitlePage(t *testing.T) {
	for _, style := range Styles {
		t.Run(string(style), func(t *testing.T) {
			long := "A talk about tea, kettles, power and the evolution of everything a tea shop depends on"
			s := TitlePage(long, []string{"Tea Shop", "", "Tea Shop talk"}, style, 1280, 720)
			if s.Width != 1280 || s.Height != 720 || s.Background != themeFor(style).background {
				t.Errorf("page %gx%g on %v, want 1280x720 on the style's background", s.Width, s.Height, s.Background)
			}
			var titles, subs int
			lastTitle, firstSub := 0.0, 0.0
			for _, it := range s.Items {
				if it.Shape != ShapeText {
					continue
				}
				b := ItemBox(&it)
				if b.Left < 0 || b.Right > s.Width || b.Top < 0 || b.Bottom > s.Height {
					t.Errorf("%q (%+v) leaves the page", it.Text, b)
				}
				if it.Fill != themeFor(style).text {
					t.Errorf("%q is not in the style's text colour", it.Text)
				}
				if it.Ref.Index == 0 {
					titles++
					lastTitle = b.Bottom
				} else {
					if subs == 0 {
						firstSub = b.Top
					}
					subs++
				}
			}
			if titles < 2 || subs != 2 {
				t.Errorf("%d title lines and %d lines beneath, want the long title wrapped and the two non-empty lines", titles, subs)
			}
			if firstSub <= lastTitle {
				t.Errorf("the lines beneath start at %g, above the title's end %g", firstSub, lastTitle)
			}
		})
	}
}

// TestWhole lays out a step (a part of a map) as a step of the whole map: its labels stay where
// the whole map has them, placed automatically or moved by an evolve that comes later, and the
// page is the whole map's.
func TestWhole(t *testing.T) {
	src := "component A [0.5, 0.5]\ncomponent Blocker [0.52, 0.505]\ncomponent K [0.3, 0.3] label [-20, 4]\nevolve K 0.6\nnote A very long note at the right edge of the map [0.2, 0.95]\n"
	whole, _ := mapdsl.Parse("w.owm", []byte(src))
	// The step has A and K, without the blocker that moves A's label, the evolve that moves K's
	// and the note that grows the page.
	step, _ := mapdsl.Parse("w.owm", []byte("component A [0.5, 0.5]\n\ncomponent K [0.3, 0.3] label [-20, 4]\n"))
	for _, scale := range []float64{1, 2} {
		ws := Layout(whole, Options{Scale: scale})
		alone := Layout(step, Options{Scale: scale})
		as := Layout(step, Options{Scale: scale, Whole: ws})
		label := func(s *Scene, line int) Point {
			for _, it := range s.Items {
				if it.Ref.Kind == ElemLabel && it.Ref.Line == line && it.Shape == ShapeText {
					return Point{it.X - it.Origin.X, it.Y - it.Origin.Y}
				}
			}
			t.Fatalf("no label on line %d", line)
			return Point{}
		}
		for _, line := range []int{1, 3} {
			if label(alone, line) == label(ws, line) {
				t.Fatalf("scale %g: the label of line %d is in the same place alone and in the whole map: the test shows nothing", scale, line)
			}
			if got, want := label(as, line), label(ws, line); got != want {
				t.Errorf("scale %g: the step's label of line %d is at %v from its marker, the whole map's at %v", scale, line, got, want)
			}
		}
		if as.Width != ws.Width || as.Height != ws.Height || as.PlotX != ws.PlotX || as.PlotY != ws.PlotY {
			t.Errorf("scale %g: the step's page is %gx%g (plot at %g, %g), the whole map's %gx%g (%g, %g)", scale,
				as.Width, as.Height, as.PlotX, as.PlotY, ws.Width, ws.Height, ws.PlotX, ws.PlotY)
		}
	}
}

// A step's caption never runs past the map's right edge, where a slide's page ends: it gets
// smaller, then is cut at a word with an ellipsis; the Scene's title keeps all of it.
func TestLongCaptionFitsTheTitleLine(t *testing.T) {
	m, _ := mapdsl.Parse("c.owm", []byte("title Tea Shop\nsize [500, 400]\ncomponent Tea [0.5, 0.5]\n"))
	cases := []struct{ name, caption, wantEnd string }{
		{"short", "Users", "Users"},
		{"long", "Where the kettles come from, who makes them, and why power is a utility now", "…"},
		{"one long word", strings.Repeat("Teapot", 40), "…"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			sc := Layout(m, Options{Caption: c.caption})
			if !strings.HasSuffix(sc.Title, c.caption) {
				t.Errorf("scene title %q lost the caption", sc.Title)
			}
			frameRight := sc.PlotX + sc.PlotW
			var caption *Item
			for i := range sc.Items {
				if it := &sc.Items[i]; it.Ref.Kind == ElemTitle && it.Ref.Index == 1 {
					caption = it
				}
			}
			if caption == nil {
				t.Fatal("no caption item")
			}
			if got := ItemBox(caption).Right; got > frameRight+0.5 {
				t.Errorf("caption %q ends at %.1f, past the map's right edge %.1f", caption.Text, got, frameRight)
			}
			if !strings.HasSuffix(caption.Text, c.wantEnd) {
				t.Errorf("caption reads %q, want it to end with %q", caption.Text, c.wantEnd)
			}
			if caption.Font.Size < 0.75*20 {
				t.Errorf("caption shrank to %.1f, below three quarters of the title's size", caption.Font.Size)
			}
		})
	}
}
