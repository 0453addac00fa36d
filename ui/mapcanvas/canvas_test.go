package mapcanvas

import (
	"image"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/test"

	"mapwright/internal/mapgen"
	"mapwright/mapdsl"
	"mapwright/render"
)

// newTestCanvas shows the test scene at zoom 1 with no pan, so screen and page coincide.
func newTestCanvas(t *testing.T) (*Canvas, fyne.Window) {
	t.Helper()
	test.NewTempApp(t)
	c := New()
	w := test.NewTempWindow(t, c)
	w.SetPadded(false)
	w.Resize(fyne.NewSize(400, 300))
	c.SetScene(testScene())
	c.fitted = false
	c.view = view{zoom: 1}
	c.Refresh()
	return c, w
}

func pressAt(c *Canvas, x, y float32, mod fyne.KeyModifier) {
	c.MouseDown(&desktop.MouseEvent{PointEvent: fyne.PointEvent{Position: fyne.NewPos(x, y)},
		Button: desktop.MouseButtonPrimary, Modifier: mod})
}

func TestDragComponentReportsNewMapPosition(t *testing.T) {
	c, w := newTestCanvas(t)
	var got []Move
	c.OnMoved = func(m Move) { got = append(got, m) }
	pressAt(c, 110, 72, 0)
	// Move component A from (110, 72) by (+36, +26) page units: maturity +0.1, visibility -0.1.
	test.Drag(w.Canvas(), fyne.NewPos(110, 72), 36, 26)
	if len(got) != 1 {
		t.Fatalf("OnMoved called %d times, want 1", len(got))
	}
	m := got[0]
	if m.Ref != (render.Ref{Kind: render.ElemComponent, Index: 0, Line: 2}) {
		t.Errorf("moved %+v, want component 0", m.Ref)
	}
	if m.Vis != 0.7 || m.Mat != 0.35 {
		t.Errorf("landed at [%g, %g], want [0.7, 0.35]", m.Vis, m.Mat)
	}
	if m.DX != 36 || m.DY != 26 {
		t.Errorf("delta (%g, %g), want (36, 26)", m.DX, m.DY)
	}
}

func TestDragEvolvedCopyIsHorizontalOnly(t *testing.T) {
	c, w := newTestCanvas(t)
	var got Move
	c.OnMoved = func(m Move) { got = m }
	pressAt(c, 326, 150, 0)
	test.Drag(w.Canvas(), fyne.NewPos(326, 150), -36, 50)
	if got.Ref.Kind != render.ElemEvolved {
		t.Fatalf("moved %+v, want the evolved copy", got.Ref)
	}
	if got.DY != 0 || got.Vis != 0.5 {
		t.Errorf("evolved copy moved vertically: DY=%g vis=%g", got.DY, got.Vis)
	}
	if got.Mat != 0.75 {
		t.Errorf("maturity %g, want 0.75", got.Mat)
	}
}

func TestDragLabelReportsPixelDelta(t *testing.T) {
	c, w := newTestCanvas(t)
	var got Move
	c.OnMoved = func(m Move) { got = m }
	pressAt(c, 130, 66, 0)
	test.Drag(w.Canvas(), fyne.NewPos(130, 66), 10, -5)
	if got.Ref.Kind != render.ElemLabel || got.DX != 10 || got.DY != -5 {
		t.Errorf("got %+v, want label 0 moved by (10, -5)", got)
	}
}

func TestDragPipelineEnd(t *testing.T) {
	c, w := newTestCanvas(t)
	var got Move
	c.OnMoved = func(m Move) { got = m }
	pressAt(c, 318, 210, 0) // right end of the box 200..320
	test.Drag(w.Canvas(), fyne.NewPos(318, 210), 18, 30)
	if got.Ref.Kind != render.ElemPipeline || got.End != 1 || got.DY != 0 || got.DMat != 0.05 {
		t.Errorf("got %+v, want the pipeline's end moved right by 0.05", got)
	}
}

func TestDragEmptyCanvasPans(t *testing.T) {
	c, w := newTestCanvas(t)
	moved := false
	c.OnMoved = func(Move) { moved = true }
	pressAt(c, 60, 250, 0)
	test.Drag(w.Canvas(), fyne.NewPos(60, 250), 30, -20)
	if moved {
		t.Error("a drag on empty canvas moved an element")
	}
	if c.view.panX != 30 || c.view.panY != -20 {
		t.Errorf("pan (%g, %g), want (30, -20)", c.view.panX, c.view.panY)
	}
}

func TestMovedElementStaysUntilNewScene(t *testing.T) {
	c, w := newTestCanvas(t)
	c.OnMoved = func(Move) {}
	pressAt(c, 110, 72, 0)
	test.Drag(w.Canvas(), fyne.NewPos(110, 72), 40, 0)
	if circleAt(c, 150, 72) == nil {
		t.Fatal("the dragged component is not drawn at its new place")
	}
	c.SetScene(testScene())
	if circleAt(c, 150, 72) != nil || !inkAt(c, 115, 72) || inkAt(c, 155, 72) {
		t.Fatal("after the new scene the component is not drawn where the scene says")
	}
}

// inkAt reports whether the map's picture has a dark pixel within a pixel of screen point
// (x, y).
func inkAt(c *Canvas, x, y float32) bool {
	r := test.WidgetRenderer(c).(*renderer)
	for _, o := range r.Objects() {
		if o != r.base {
			continue
		}
		img, pos, size := r.base.Image, r.base.Position(), r.base.Size()
		b := img.Bounds()
		px := b.Min.X + int((x-pos.X)*float32(b.Dx())/size.Width)
		py := b.Min.Y + int((y-pos.Y)*float32(b.Dy())/size.Height)
		for dy := -1; dy <= 1; dy++ {
			for dx := -1; dx <= 1; dx++ {
				if !(image.Point{px + dx, py + dy}.In(b)) {
					continue
				}
				cr, cg, cb, _ := img.At(px+dx, py+dy).RGBA()
				if cr+cg+cb < 3*0x8000 {
					return true
				}
			}
		}
	}
	return false
}

// circleAt finds a drawn circle centred at (x, y) in screen units.
func circleAt(c *Canvas, x, y float32) *canvas.Circle {
	for _, o := range test.WidgetRenderer(c).Objects() {
		if ci, ok := o.(*canvas.Circle); ok {
			p, s := ci.Position(), ci.Size()
			if abs(p.X+s.Width/2-x) < 0.5 && abs(p.Y+s.Height/2-y) < 0.5 {
				return ci
			}
		}
	}
	return nil
}

func abs(v float32) float32 {
	if v < 0 {
		return -v
	}
	return v
}

func TestClickSelectsAndReports(t *testing.T) {
	c, _ := newTestCanvas(t)
	var got []render.Ref
	c.OnSelected = func(r render.Ref) { got = append(got, r) }
	pressAt(c, 236, 150, 0)
	c.Tapped(&fyne.PointEvent{Position: fyne.NewPos(236, 150)}) // follows the press: ignored
	test.TapAt(c, fyne.NewPos(60, 250))                         // a tap alone (no press) selects too
	want := []render.Ref{{Kind: render.ElemComponent, Index: 1, Line: 3}, {}}
	if len(got) != len(want) || got[0] != want[0] || got[1] != want[1] {
		t.Fatalf("selected %+v, want %+v", got, want)
	}
	if _, ok := c.Selected(); ok {
		t.Error("a click on empty canvas left a selection")
	}
}

func TestSelectionIsHighlighted(t *testing.T) {
	c, _ := newTestCanvas(t)
	before := len(test.WidgetRenderer(c).Objects())
	c.Select(render.Ref{Kind: render.ElemComponent, Index: 1})
	after := test.WidgetRenderer(c).Objects()
	if len(after) != before+2 {
		t.Fatalf("selecting added %d objects, want a highlight and the evolve handle", len(after)-before)
	}
	hl := after[len(after)-2].(*canvas.Rectangle)
	if _, ok := after[len(after)-1].(*canvas.Circle); !ok {
		t.Errorf("the last object is a %T, want the evolve handle's circle", after[len(after)-1])
	}
	if p := hl.Position(); p.X > 231 || p.Y > 145 || p.X+hl.Size().Width < 241 {
		t.Errorf("highlight at %v size %v does not surround the component", p, hl.Size())
	}
}

func TestDoubleTapEmptyAsksToAdd(t *testing.T) {
	c, _ := newTestCanvas(t)
	var vis, mat float64
	called := false
	c.OnAddRequested = func(v, m float64) { vis, mat, called = v, m, true }
	c.DoubleTapped(&fyne.PointEvent{Position: fyne.NewPos(92, 124)}) // maturity 0.2, visibility 0.6
	if !called || vis != 0.6 || mat != 0.2 {
		t.Errorf("add at [%g, %g] (called %v), want [0.6, 0.2]", vis, mat, called)
	}
	called = false
	c.DoubleTapped(&fyne.PointEvent{Position: fyne.NewPos(5, 5)}) // outside the plot
	if called {
		t.Error("double-click outside the plot asked to add a component")
	}
}

func TestCtrlClickTwoComponentsAsksForLink(t *testing.T) {
	c, _ := newTestCanvas(t)
	var from, to render.Ref
	c.OnLinkRequested = func(f, t render.Ref) { from, to = f, t }
	pressAt(c, 110, 72, fyne.KeyModifierControl)
	if _, ok := c.LinkSource(); !ok {
		t.Fatal("first Ctrl+click did not start a link")
	}
	pressAt(c, 236, 150, fyne.KeyModifierControl)
	if from.Index != 0 || to.Index != 1 || from.Kind != render.ElemComponent || to.Kind != render.ElemComponent {
		t.Errorf("link %+v -> %+v, want component 0 -> component 1", from, to)
	}
}

func TestRightClickAsksForContextMenu(t *testing.T) {
	c, _ := newTestCanvas(t)
	var got render.Ref
	c.OnContextMenu = func(r render.Ref, _ fyne.Position) { got = r }
	test.TapSecondaryAt(c, fyne.NewPos(236, 150))
	if got != (render.Ref{Kind: render.ElemComponent, Index: 1, Line: 3}) {
		t.Errorf("context menu for %+v, want component 1", got)
	}
}

func TestObjectsAreReusedBetweenRefreshes(t *testing.T) {
	c, _ := newTestCanvas(t)
	first := append([]fyne.CanvasObject(nil), test.WidgetRenderer(c).Objects()...)
	c.SetScene(testScene())
	second := test.WidgetRenderer(c).Objects()
	if len(first) != len(second) {
		t.Fatalf("object count changed from %d to %d", len(first), len(second))
	}
	for i := range first {
		if first[i] != second[i] {
			t.Fatalf("object %d was rebuilt instead of reused", i)
		}
	}
}

// TestMapIsOnePicture: the map is one picture however big (a 2,000-component map made 20,000
// canvas objects, which Mesa's software OpenGL took more than a second to paint each frame),
// and the picture shows the Scene's items.
func TestMapIsOnePicture(t *testing.T) {
	c, _ := newTestCanvas(t)
	if n := len(test.WidgetRenderer(c).Objects()); n > 7 {
		t.Errorf("the small map is drawn with %d objects, want the page's four edges, the two warm-up dots and one picture", n)
	}
	for _, p := range []fyne.Position{{X: 115, Y: 72}, {X: 170, Y: 111}, {X: 200, Y: 210}} {
		if !inkAt(c, p.X, p.Y) {
			t.Errorf("no ink at %v, where the scene draws", p)
		}
	}
	if inkAt(c, 300, 60) {
		t.Error("ink on empty page")
	}

	m, _ := mapdsl.Parse("big", mapgen.Generate(2000, 1))
	c.SetScene(render.Layout(m, render.Options{}))
	if n := len(test.WidgetRenderer(c).Objects()); n > 7 {
		t.Errorf("a 2,000-component map is drawn with %d canvas objects, want at most 7", n)
	}
}

func TestZoomAndFit(t *testing.T) {
	c, _ := newTestCanvas(t)
	c.ZoomIn()
	if c.Zoom() != 1.25 {
		t.Errorf("zoom %g after ZoomIn, want 1.25", c.Zoom())
	}
	c.ZoomOut()
	if c.Zoom() != 1 {
		t.Errorf("zoom %g after ZoomOut, want 1", c.Zoom())
	}
	c.Fit()
	want := fitView(400, 300, 400, 300).zoom
	if c.Zoom() != want {
		t.Errorf("zoom %g after Fit, want %g", c.Zoom(), want)
	}
}

func TestRefAtLine(t *testing.T) {
	c, _ := newTestCanvas(t)
	tests := []struct {
		line int
		want render.Ref
		ok   bool
	}{
		{2, render.Ref{Kind: render.ElemComponent, Index: 0, Line: 2}, true},
		{5, render.Ref{Kind: render.ElemEvolved, Index: 0, Line: 5}, true},
		{99, render.Ref{}, false},
	}
	for _, tc := range tests {
		got, ok := c.RefAtLine(tc.line)
		if got != tc.want || ok != tc.ok {
			t.Errorf("RefAtLine(%d) = %+v, %v; want %+v, %v", tc.line, got, ok, tc.want, tc.ok)
		}
	}
}

func TestLinksFollowADraggedComponent(t *testing.T) {
	c, w := newTestCanvas(t)
	c.OnMoved = func(Move) {}
	pressAt(c, 236, 150, 0) // component B, the link's second end
	test.Drag(w.Canvas(), fyne.NewPos(236, 150), 20, 30)
	for _, o := range test.WidgetRenderer(c).Objects() {
		if l, ok := o.(*canvas.Line); ok && l.Position1 == fyne.NewPos(110, 72) {
			if l.Position2 != fyne.NewPos(256, 180) {
				t.Fatalf("the link ends at %v while its component is dragged to (256, 180)", l.Position2)
			}
			return
		}
	}
	t.Fatal("the link from component A is not drawn")
}

func TestSelectedLinkIsTracedNotBoxed(t *testing.T) {
	c, _ := newTestCanvas(t)
	before := len(test.WidgetRenderer(c).Objects())
	c.Select(render.Ref{Kind: render.ElemLink, Index: 0})
	objs := test.WidgetRenderer(c).Objects()
	if len(objs) != before+1 {
		t.Fatalf("selecting a link added %d objects, want 1 trace", len(objs)-before)
	}
	l, ok := objs[len(objs)-1].(*canvas.Line)
	if !ok || l.Position1 != fyne.NewPos(110, 72) || l.Position2 != fyne.NewPos(236, 150) {
		t.Errorf("highlight %T %+v is not a trace of the link", objs[len(objs)-1], objs[len(objs)-1])
	}
}

func TestTwoClicksApartAreNotADoubleClick(t *testing.T) {
	c, _ := newTestCanvas(t)
	added := false
	c.OnAddRequested = func(float64, float64) { added = true }
	pressAt(c, 60, 250, 0)
	pressAt(c, 160, 250, 0)
	c.DoubleTapped(&fyne.PointEvent{Position: fyne.NewPos(160, 250)})
	if added {
		t.Error("two clicks 100 px apart added a component")
	}
	pressAt(c, 160, 250, 0)
	c.DoubleTapped(&fyne.PointEvent{Position: fyne.NewPos(160, 250)})
	if !added {
		t.Error("a real double-click did not add a component")
	}
}

func TestTextNeverDrawsWiderThanLaidOut(t *testing.T) {
	c, _ := newTestCanvas(t)
	for _, zoom := range []float64{0.84, 1, 1.13, 2.37} {
		// The label of a dragged component is drawn live as a canvas text.
		c.gesture = gesture{mode: dragElement, ref: render.Ref{Kind: render.ElemComponent, Index: 0}, item: -1}
		c.view = view{zoom: zoom}
		c.Refresh()
		texts := 0
		for _, o := range test.WidgetRenderer(c).Objects() {
			txt, ok := o.(*canvas.Text)
			if !ok {
				continue
			}
			texts++
			drawn := txt.MinSize().Width
			laidOut := render.MeasureText(render.Font{Family: render.FontSans, Size: 11}, txt.Text) * zoom
			if float64(drawn) > laidOut+0.5 {
				t.Errorf("zoom %g: %q drawn %.1f wide, laid out %.1f", zoom, txt.Text, drawn, laidOut)
			}
		}
		if texts != 1 {
			t.Errorf("zoom %g: %d texts drawn live, want the dragged component's label", zoom, texts)
		}
	}
}

func TestArrowKeysNudgeTheSelection(t *testing.T) {
	c, _ := newTestCanvas(t)
	var got []Move
	c.OnNudged = func(m Move) { got = append(got, m) }
	c.TypedKey(&fyne.KeyEvent{Name: fyne.KeyRight}) // nothing selected: nothing happens
	c.Select(render.Ref{Kind: render.ElemComponent, Index: 1})
	c.TypedKey(&fyne.KeyEvent{Name: fyne.KeyRight})
	c.TypedKey(&fyne.KeyEvent{Name: fyne.KeyUp})
	c.Select(render.Ref{Kind: render.ElemEvolved, Index: 0})
	c.TypedKey(&fyne.KeyEvent{Name: fyne.KeyUp}) // an evolved copy only moves sideways
	if len(got) != 2 {
		t.Fatalf("%d nudges, want 2: %+v", len(got), got)
	}
	if got[0].DMat != 0.01 || got[0].DVis != 0 || got[1].DVis != 0.01 || got[1].DMat != 0 {
		t.Errorf("nudges %+v", got)
	}
}

func TestMiddleButtonDragPansEvenOnAnElement(t *testing.T) {
	c, w := newTestCanvas(t)
	moved := false
	c.OnMoved = func(Move) { moved = true }
	c.MouseDown(&desktop.MouseEvent{PointEvent: fyne.PointEvent{Position: fyne.NewPos(110, 72)}, Button: desktop.MouseButtonTertiary})
	test.Drag(w.Canvas(), fyne.NewPos(110, 72), 15, 5)
	if moved || c.view.panX != 15 || c.view.panY != 5 {
		t.Errorf("middle drag: moved %v, pan (%g, %g)", moved, c.view.panX, c.view.panY)
	}
}

// previewOf is the editor's layout of the test scene after move m: component B and its link
// end moved.
func previewOf(m Move) *render.Scene {
	sc := testScene()
	for i := range sc.Items {
		it := &sc.Items[i]
		switch {
		case it.Ref.Kind == render.ElemComponent && it.Ref.Index == 1:
			it.X, it.Y = it.X+m.DX, it.Y+m.DY
		case it.Ref.Kind == render.ElemLink:
			it.Points = []render.Point{it.Points[0], {X: it.Points[1].X + m.DX, Y: it.Points[1].Y + m.DY}}
		}
	}
	return sc
}

func TestDragShowsTheEditorsPreview(t *testing.T) {
	c, w := newTestCanvas(t)
	c.OnMoved = func(Move) {}
	var asked []Move
	c.OnDragPreview = func(m Move) *render.Scene {
		asked = append(asked, m)
		return previewOf(m)
	}
	pressAt(c, 236, 150, 0)
	c.Dragged(&fyne.DragEvent{Dragged: fyne.NewDelta(20, 30)})
	if len(asked) != 1 || asked[0].DX != 20 || asked[0].DY != 30 {
		t.Fatalf("preview asked with %+v", asked)
	}
	// The component and its link are drawn live as the preview has them, on a picture of the
	// rest of the map.
	if circleAt(c, 256, 180) == nil || inkAt(c, 241, 150) {
		t.Fatal("the preview is not shown")
	}
	if circleAt(c, 276, 210) != nil || inkAt(c, 281, 210) {
		t.Fatal("the drag offset was applied on top of the preview")
	}
	c.DragEnd()
	_ = w
	if c.preview != nil {
		t.Error("the preview outlived the drag")
	}
}

func TestSlowPreviewFallsBackToShifting(t *testing.T) {
	c, _ := newTestCanvas(t)
	c.OnMoved = func(Move) {}
	calls := 0
	c.OnDragPreview = func(Move) *render.Scene {
		calls++
		time.Sleep(previewBudget + 10*time.Millisecond)
		return testScene()
	}
	pressAt(c, 236, 150, 0)
	c.Dragged(&fyne.DragEvent{Dragged: fyne.NewDelta(5, 0)})
	c.Dragged(&fyne.DragEvent{Dragged: fyne.NewDelta(5, 0)})
	if calls != 1 {
		t.Errorf("a slow preview was asked %d times, want once", calls)
	}
	if circleAt(c, 246, 150) == nil {
		t.Error("the fallback does not shift the dragged component")
	}
}

// TestUnusedKeysReachTheWindow: a key the map has no use for (F5) goes to the window's key
// handler; the keys the map uses (arrows, Escape) stay with it.
func TestUnusedKeysReachTheWindow(t *testing.T) {
	c, w := newTestCanvas(t)
	var got []fyne.KeyName
	w.Canvas().SetOnTypedKey(func(ev *fyne.KeyEvent) { got = append(got, ev.Name) })
	for _, k := range []fyne.KeyName{fyne.KeyF5, fyne.KeyRight, fyne.KeyEscape, fyne.KeyDelete} {
		c.TypedKey(&fyne.KeyEvent{Name: k})
	}
	if len(got) != 1 || got[0] != fyne.KeyF5 {
		t.Errorf("the window got %v, want only F5", got)
	}
}

// TestNoPageEdge: the line around the page is drawn unless NoPageEdge is set.
func TestNoPageEdge(t *testing.T) {
	c, _ := newTestCanvas(t)
	r := test.WidgetRenderer(c).(*renderer)
	for _, bare := range []bool{false, true} {
		c.NoPageEdge = bare
		c.Refresh()
		has := false
		for _, o := range r.Objects() {
			has = has || o == fyne.CanvasObject(r.edges[0]) || o == fyne.CanvasObject(r.edges[3])
		}
		if has == bare {
			t.Errorf("NoPageEdge %v: the page edge is drawn %v", bare, has)
		}
	}
}
