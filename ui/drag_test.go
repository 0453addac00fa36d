package ui

import (
	"strings"
	"testing"

	"mapwright/render"
)

const everyDraggable = `title Drag
anchor User [0.95, 0.50]
component Shop [0.70, 0.40]
component Stock [0.50, 0.20]
evolve Stock 0.50
pipeline Shop [0.30, 0.60]
note Remember this [0.30, 0.20]
annotation 1 [[0.60, 0.10], [0.20, 0.70]] Two places
annotations [0.10, 0.80]
accelerator Faster [0.15, 0.45]
pioneers [0.90, 0.05, 0.80, 0.15]
User->Shop
Shop->Stock
`

// TestDragEveryKindOfElement drags one of each movable element by +0.10 maturity and checks
// that exactly its line changed, into the expected text.
func TestDragEveryKindOfElement(t *testing.T) {
	tests := []struct {
		name  string
		kind  render.ElementKind
		shape render.ShapeKind
		at    func(it render.Item) render.Point // where to grab the item
		line  int
		want  string
	}{
		{"anchor", render.ElemAnchor, render.ShapeText, textMiddle, 2, "anchor User [0.95, 0.60]"},
		{"component heading a pipeline", render.ElemComponent, "", centre, 3, "component Shop [0.70, 0.50]"},
		{"evolved copy", render.ElemEvolved, render.ShapeCircle, centre, 5, "evolve Stock 0.60"},
		{"pipeline end", render.ElemPipelineEnd, "", bboxMiddle, 6, "pipeline Shop [0.30, 0.70]"},
		{"note", render.ElemNote, render.ShapeText, textMiddle, 7, "note Remember this [0.30, 0.30]"},
		{"annotation marker", render.ElemAnnotation, render.ShapeCircle, centre, 8, ""}, // checked below
		{"annotation legend", render.ElemAnnotationList, "", bboxMiddle, 9, "annotations [0.10, 0.90]"},
		{"accelerator", render.ElemAccelerator, "", bboxMiddle, 10, "accelerator Faster [0.15, 0.55]"},
		{"area", render.ElemArea, render.ShapeRect, rectMiddle, 11, "pioneers [0.90, 0.15, 0.80, 0.25]"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			e, _ := openMap(t, everyDraggable)
			sc := e.canvas.Scene()
			var grab *render.Item
			for i := range sc.Items {
				it := sc.Items[i]
				if it.Ref.Kind == tc.kind && it.Ref.Index == 0 && (tc.shape == "" || it.Shape == tc.shape) {
					grab = &sc.Items[i]
					break
				}
			}
			if grab == nil {
				t.Fatalf("no %s item drawn", tc.kind)
			}
			at := tc.at(*grab)
			if tc.shape == "" {
				at = elementMiddle(sc, grab.Ref)
			}
			z := float32(e.canvas.Zoom())
			dragOnCanvas(e.Editor, at, float32(0.10*sc.PlotW)*z, 0)
			before := strings.Split(everyDraggable, "\n")
			after := strings.Split(e.Text(), "\n")
			if len(after) != len(before) {
				t.Fatalf("line count changed:\n%s", e.Text())
			}
			for i := range before {
				if i+1 == tc.line {
					continue
				}
				if before[i] != after[i] {
					t.Errorf("line %d changed too: %q -> %q", i+1, before[i], after[i])
				}
			}
			got := after[tc.line-1]
			want := tc.want
			if tc.kind == render.ElemAnnotation {
				// Whichever marker was grabbed moved by 0.10; the other kept its spelling.
				if got != "annotation 1 [[0.60, 0.20], [0.20, 0.70]] Two places" &&
					got != "annotation 1 [[0.60, 0.10], [0.20, 0.80]] Two places" {
					t.Errorf("annotation line %q", got)
				}
				return
			}
			if got != want {
				t.Errorf("line %d = %q, want %q", tc.line, got, want)
			}
		})
	}
}

func centre(it render.Item) render.Point { return render.Point{X: it.X, Y: it.Y} }

func rectMiddle(it render.Item) render.Point {
	return render.Point{X: it.X + it.W/2, Y: it.Y + it.H/2}
}

func textMiddle(it render.Item) render.Point {
	w := render.MeasureText(it.Font, it.Text)
	x := it.X
	switch it.Anchor {
	case render.AnchorMiddle:
		x -= w / 2
	case render.AnchorEnd:
		x -= w
	}
	return render.Point{X: x + w/2, Y: it.Y - it.Font.Size*0.3}
}

func bboxMiddle(it render.Item) render.Point { return centre(it) }

// elementMiddle is the middle of the first drawn item of an element that a press there hits.
func elementMiddle(sc *render.Scene, ref render.Ref) render.Point {
	for _, it := range sc.Items {
		if it.Ref != ref {
			continue
		}
		switch it.Shape {
		case render.ShapeCircle:
			return centre(it)
		case render.ShapeRect:
			return rectMiddle(it)
		case render.ShapeText:
			return textMiddle(it)
		case render.ShapePath, render.ShapeLine:
			x0, y0, x1, y1 := it.Points[0].X, it.Points[0].Y, it.Points[0].X, it.Points[0].Y
			for _, p := range it.Points {
				x0, y0, x1, y1 = min(x0, p.X), min(y0, p.Y), max(x1, p.X), max(y1, p.Y)
			}
			return render.Point{X: (x0 + x1) / 2, Y: (y0 + y1) / 2}
		}
	}
	return render.Point{}
}
