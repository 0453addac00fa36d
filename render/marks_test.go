package render_test

import (
	"fmt"
	"math"
	"strings"
	"testing"

	"mapwright/internal/mapgen"
	"mapwright/mapdsl"
	"mapwright/render"
)

func layoutText(t *testing.T, src string, st render.Style) *render.Scene {
	t.Helper()
	m, diags := mapdsl.Parse("t.owm", []byte(src))
	if diags.HasErrors() {
		t.Fatalf("%v", diags)
	}
	return render.Layout(m, render.Options{Style: st})
}

// TestLegendStaysOnThePage: the annotations legend is drawn inside the page however many rows
// it has and wherever the map puts it (the 2,000-component map's legend ran off the bottom).
func TestLegendStaysOnThePage(t *testing.T) {
	many := func(at string) string {
		var b strings.Builder
		b.WriteString("title Legend\ncomponent A [0.5, 0.5]\n")
		for i := 1; i <= 30; i++ {
			fmt.Fprintf(&b, "annotation %d [0.5, 0.5] Annotation text number %d, a long one to make the box wide\n", i, i)
		}
		b.WriteString("annotations " + at + "\n")
		return b.String()
	}
	for name, src := range map[string]string{
		"generated 2000":     string(mapgen.Generate(2000, 1)),
		"low left":           many("[0.05, 0.02]"),
		"low right":          many("[0.05, 0.98]"),
		"top right":          many("[0.98, 0.98]"),
		"off the plot":       many("[-0.5, 1.5]"),
		"default, short one": "title T\ncomponent A [0.5, 0.5]\nannotation 1 [0.5, 0.5] One\n",
	} {
		t.Run(name, func(t *testing.T) {
			sc := layoutText(t, src, render.StylePlain)
			found := 0
			for _, it := range sc.Items {
				if it.Ref.Kind != render.ElemAnnotationList {
					continue
				}
				found++
				var x0, y0, x1, y1 float64
				switch it.Shape {
				case render.ShapeRect:
					x0, y0, x1, y1 = it.X, it.Y, it.X+it.W, it.Y+it.H
				case render.ShapeText:
					w := render.MeasureText(it.Font, it.Text)
					x0, y0, x1, y1 = it.X, it.Y-it.Font.Size, it.X+w, it.Y+0.3*it.Font.Size
				default:
					continue
				}
				if x0 < 0 || y0 < 0 || x1 > sc.Width || y1 > sc.Height {
					t.Errorf("%s %q of the legend at (%.0f,%.0f)-(%.0f,%.0f), off the %gx%g page", it.Shape, it.Text, x0, y0, x1, y1, sc.Width, sc.Height)
				}
			}
			if found == 0 {
				t.Fatal("no legend drawn")
			}
		})
	}
}

// TestEvolveArrowHeadIsNotHidden: the arrow of an evolving component ends at the outer edge of
// the evolved copy's marker, so a build, buy or outsource disc (or a market or ecosystem
// symbol) drawn on the copy does not cover its head, and starts outside the component's.
func TestEvolveArrowHeadIsNotHidden(t *testing.T) {
	for _, dec := range []string{"", "(build)", "(buy)", "(outsource)", "(market)", "(ecosystem)"} {
		t.Run(dec, func(t *testing.T) {
			sc := layoutText(t, "title T\ncomponent X [0.5, 0.2] "+dec+"\nevolve X 0.8\n", render.StylePlain)
			var evolved, comp *render.Item
			var head []render.Point
			var start render.Point
			radius := map[render.ElementKind]float64{}
			for i := range sc.Items {
				it := &sc.Items[i]
				switch it.Ref.Kind {
				case render.ElemEvolved:
					if it.Shape == render.ShapeCircle && (evolved == nil || it.R < evolved.R) {
						evolved = it // the copy's own circle, the smallest
					}
				case render.ElemComponent:
					if it.Shape == render.ShapeCircle {
						comp = it
					}
				case render.ElemEvolveArrow:
					if it.Closed {
						head = it.Points
					} else {
						start = it.Points[0]
					}
				}
			}
			// Every circle drawn on the copy or on the component, of any kind.
			for i := range sc.Items {
				it := &sc.Items[i]
				if it.Shape != render.ShapeCircle || comp == nil || evolved == nil {
					continue
				}
				for _, c := range []*render.Item{comp, evolved} {
					if it.X == c.X && it.Y == c.Y {
						radius[c.Ref.Kind] = math.Max(radius[c.Ref.Kind], it.R+it.StrokeWidth/2)
					}
				}
			}
			if evolved == nil || comp == nil || len(head) == 0 {
				t.Fatalf("no component, evolved copy or arrowhead drawn")
			}
			tip := head[0]
			if d := evolved.X - tip.X; d < radius[render.ElemEvolved] {
				t.Errorf("arrowhead tip %.1f from the copy's centre, inside its marker of radius %.1f", d, radius[render.ElemEvolved])
			}
			if d := start.X - comp.X; d < radius[render.ElemComponent]-0.5 {
				t.Errorf("arrow starts %.1f from the component's centre, inside its marker of radius %.1f", d, radius[render.ElemComponent])
			}
		})
	}
}

// TestMethodDiscsStandOutFromThePaper: build, buy and outsource discs are visible on every
// style's paper (the dark outsource disc all but vanished on the dark style: 1.2:1). The bar is
// OWM's own faintest disc, buy on white paper (2.4:1).
func TestMethodDiscsStandOutFromThePaper(t *testing.T) {
	for _, st := range render.Styles {
		for _, method := range []string{"build", "buy", "outsource"} {
			t.Run(string(st)+"/"+method, func(t *testing.T) {
				sc := layoutText(t, "title T\ncomponent X [0.5, 0.5] ("+method+")\n", st)
				paper := sc.Background
				for _, it := range sc.Items {
					if it.Ref.Kind != render.ElemMethod {
						continue
					}
					best := math.Max(contrast(it.Fill, paper), contrast(it.Stroke, paper))
					if best < 2 {
						t.Errorf("disc fill %v, edge %v on paper %v: contrast %.2f, want at least 2:1", it.Fill, it.Stroke, paper, best)
					}
					return
				}
				t.Fatal("no method disc drawn")
			})
		}
	}
}

// contrast is the WCAG contrast ratio of two opaque colours.
func contrast(a, b render.Color) float64 {
	la, lb := luminance(a), luminance(b)
	return (math.Max(la, lb) + 0.05) / (math.Min(la, lb) + 0.05)
}

func luminance(c render.Color) float64 {
	ch := func(v uint8) float64 {
		s := float64(v) / 255
		if s <= 0.03928 {
			return s / 12.92
		}
		return math.Pow((s+0.055)/1.055, 2.4)
	}
	return 0.2126*ch(c.R) + 0.7152*ch(c.G) + 0.0722*ch(c.B)
}
