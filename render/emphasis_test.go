package render

import (
	"math"
	"reflect"
	"testing"

	"mapwright/mapdsl"
)

const emphasisMap = `title Emphasis
anchor User [0.95, 0.5]
component Tea [0.8, 0.5] label [10, -5]
component Kettle [0.5, 0.3] (build)
User->Tea
Tea->Kettle
evolve Kettle 0.6
note A note [0.3, 0.2]
pioneers [0.9, 0.1, 0.7, 0.3]
`

// TestEmphasis checks in every style that the emphasised lines, and only they, get highlights
// beneath their marks, in a colour that shows on the page, and that nothing else changes.
func TestEmphasis(t *testing.T) {
	m, _ := mapdsl.Parse("e.owm", []byte(emphasisMap))
	lines := map[int]bool{3: true, 6: true, 7: true, 9: true} // Tea, Tea->Kettle, the evolve, the area
	for _, style := range Styles {
		t.Run(string(style), func(t *testing.T) {
			plain := Layout(m, Options{Style: style})
			em := Layout(m, Options{Style: style, Emphasis: lines})
			var rest []Item
			halos := map[int]int{}
			for _, it := range em.Items {
				if it.Ref.Kind != ElemEmphasis {
					rest = append(rest, it)
					continue
				}
				if !lines[it.Ref.Line] {
					t.Errorf("a highlight on line %d, which is not emphasised", it.Ref.Line)
				}
				if it.Z != zEmphasis {
					t.Errorf("a highlight at z %d, want %d", it.Z, zEmphasis)
				}
				paint := it.Fill
				if paint.IsNone() {
					paint = it.Stroke
				}
				if paint.IsNone() || paint == plain.Background || (plain.Background.IsNone() && paint == RGB(255, 255, 255)) {
					t.Errorf("highlight %+v does not show on the page", it)
				}
				halos[it.Ref.Line]++
			}
			// One highlight per painted mark of an emphasised line.
			marks := map[int]int{}
			kinds := map[ElementKind]bool{}
			for _, it := range plain.Items {
				if lines[it.Ref.Line] && (it.Shape == ShapeText || !it.Fill.IsNone() || !it.Stroke.IsNone() || len(it.Gradient) > 0) {
					marks[it.Ref.Line]++
					kinds[it.Ref.Kind] = true
				}
			}
			if !reflect.DeepEqual(halos, marks) {
				t.Errorf("highlights per line %v, want one per mark %v", halos, marks)
			}
			for _, k := range []ElementKind{ElemComponent, ElemLabel, ElemLink, ElemEvolveArrow, ElemEvolved, ElemEvolvedLabel, ElemArea} {
				if !kinds[k] {
					t.Errorf("the emphasised lines draw no %s", k)
				}
			}
			if !reflect.DeepEqual(rest, plain.Items) {
				t.Errorf("emphasis changed the map's own items")
			}
			if em.Width != plain.Width || em.Height != plain.Height {
				t.Errorf("emphasis changed the page from %gx%g to %gx%g", plain.Width, plain.Height, em.Width, em.Height)
			}
		})
	}
}

func TestNoEmphasisNoHighlights(t *testing.T) {
	m, _ := mapdsl.Parse("e.owm", []byte(emphasisMap))
	for _, o := range []Options{{}, {Emphasis: map[int]bool{}}, {Emphasis: map[int]bool{0: true, 99: true}}} {
		for _, it := range Layout(m, o).Items {
			if it.Ref.Kind == ElemEmphasis {
				t.Fatalf("options %+v drew a highlight", o)
			}
		}
	}
}

func TestMatchPage(t *testing.T) {
	// The label past the right edge grows the whole map's page; the step without it is smaller.
	whole, _ := mapdsl.Parse("w.owm", []byte("component A [0.5, 0.5]\ncomponent A very long name at the right edge [0.5, 0.99]\nnote Above [1.05, 0.5]\n"))
	part, _ := mapdsl.Parse("p.owm", []byte("component A [0.5, 0.5]\n"))
	ws, ps := Layout(whole, Options{}), Layout(part, Options{})
	if ws.Width == ps.Width && ws.PlotY == ps.PlotY {
		t.Fatalf("the test maps do not differ in page (%gx%g, plot at %g)", ws.Width, ws.Height, ws.PlotY)
	}
	find := func(s *Scene) Item {
		for _, it := range s.Items {
			if it.Ref.Kind == ElemComponent && it.Ref.Index == 0 {
				return it
			}
		}
		t.Fatal("no component A")
		return Item{}
	}
	MatchPage(ps, ws)
	if ps.Width != ws.Width || ps.Height != ws.Height || ps.PlotX != ws.PlotX || ps.PlotY != ws.PlotY {
		t.Errorf("after MatchPage the page is %gx%g with the plot at (%g, %g), want %gx%g at (%g, %g)",
			ps.Width, ps.Height, ps.PlotX, ps.PlotY, ws.Width, ws.Height, ws.PlotX, ws.PlotY)
	}
	if a, b := find(ps), find(ws); a.X != b.X || a.Y != b.Y {
		t.Errorf("component A is at (%g, %g) in the step, (%g, %g) in the whole map", a.X, a.Y, b.X, b.Y)
	}
}

// TestEmphasisedAnnotationRow: an emphasised annotation's row in the legend is highlighted inside
// the legend's box (above its fill, beneath its text); the other rows are not.
func TestEmphasisedAnnotationRow(t *testing.T) {
	src := "title Rows\ncomponent Tea [0.5, 0.5]\nannotation 1 [0.4, 0.4] First thought\nannotation 2 [0.3, 0.3] Second thought\nannotations [0.9, 0.1]\n"
	m, _ := mapdsl.Parse("a.owm", []byte(src))
	for _, style := range Styles {
		t.Run(string(style), func(t *testing.T) {
			sc := Layout(m, Options{Style: style, Emphasis: map[int]bool{4: true}})
			var box, row, other, hl *Item
			var boxAt, rowAt, hlAt, otherAt int
			for i := range sc.Items {
				it := &sc.Items[i]
				switch {
				case it.Ref.Kind == ElemAnnotationList && it.Shape != ShapeText && box == nil:
					box, boxAt = it, i
				case it.Ref.Kind == ElemAnnotationList && it.Text == "2. Second thought":
					row, rowAt = it, i
				case it.Ref.Kind == ElemAnnotationList && it.Text == "1. First thought":
					other, otherAt = it, i
				case it.Ref.Kind == ElemEmphasis && it.Z == zLegend:
					if hl != nil {
						t.Errorf("more than one highlight in the legend")
					}
					hl, hlAt = it, i
				}
			}
			if box == nil || row == nil || other == nil {
				t.Fatalf("legend box or rows missing")
			}
			if hl == nil {
				t.Fatal("the emphasised annotation's row has no highlight in the legend")
			}
			if !(boxAt < hlAt && hlAt < rowAt) {
				t.Errorf("highlight painted at %d, want between the box (%d) and the row's text (%d)", hlAt, boxAt, rowAt)
			}
			hb := TextBox{Left: math.Inf(1), Top: math.Inf(1), Right: math.Inf(-1), Bottom: math.Inf(-1)}
			for _, p := range hl.Points {
				hb.Left, hb.Right = min(hb.Left, p.X), max(hb.Right, p.X)
				hb.Top, hb.Bottom = min(hb.Top, p.Y), max(hb.Bottom, p.Y)
			}
			rb, ob := ItemBox(row), ItemBox(other)
			if hb.Left > rb.Left || hb.Right < rb.Right || hb.Top > rb.Top || hb.Bottom < rb.Bottom {
				t.Errorf("highlight %+v does not cover the row %+v", hb, rb)
			}
			if hb.Bottom > ob.Top && hb.Top < ob.Top {
				t.Errorf("highlight %+v covers the other row %+v", hb, ob)
			}
			for i := hlAt + 1; i < len(sc.Items); i++ {
				if it := &sc.Items[i]; it.Ref.Kind == ElemEmphasis && i > rowAt {
					t.Errorf("a highlight painted after a row's text, over its descenders")
				}
			}
			if otherAt < hlAt {
				t.Errorf("the row above (%d) is painted before the highlight (%d), which covers its descenders", otherAt, hlAt)
			}
		})
	}
}
