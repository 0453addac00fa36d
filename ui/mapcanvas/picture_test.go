package mapcanvas

import (
	"image"
	"image/color"
	"slices"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/test"

	"mapwright/render"
)

// asyncCanvas is the test canvas drawing its pictures "in the background": each request is
// queued until the test runs it, as a slow machine would leave it pending.
func asyncCanvas(t *testing.T) (*Canvas, *[]func(), fyne.Window) {
	c, w := newTestCanvas(t)
	queue := &[]func(){}
	c.runAsync = func(work, done func()) {
		*queue = append(*queue, func() { work(); done() })
	}
	c.inlineLimit = 0
	return c, queue, w
}

// runQueue draws the pictures asked for, including those asked for while drawing.
func runQueue(q *[]func()) (drawn int) {
	for len(*q) > 0 {
		f := (*q)[0]
		*q = (*q)[1:]
		f()
		drawn++
	}
	return drawn
}

// movedB is the test scene with component B moved from (236, 150) to (300, 60).
func movedB() *render.Scene {
	sc := testScene()
	for i := range sc.Items {
		it := &sc.Items[i]
		switch {
		case it.Ref.Kind == render.ElemComponent && it.Ref.Index == 1:
			it.X, it.Y = 300, 60
		case it.Ref.Kind == render.ElemLink:
			it.Points = []render.Point{it.Points[0], {X: 300, Y: 60}}
		}
	}
	return sc
}

// TestClickActsOnThePictureOnScreen: while the picture of a new Scene is being drawn, the
// old one stays on screen, and a click acts on what it shows, not on geometry the user cannot
// see yet (before, five queued zoom keys made the next click select another element).
func TestClickActsOnThePictureOnScreen(t *testing.T) {
	c, queue, _ := asyncCanvas(t)
	var got []render.Ref
	c.OnSelected = func(r render.Ref) { got = append(got, r) }
	c.SetScene(movedB())
	if !inkAt(c, 241, 150) || inkAt(c, 305, 60) {
		t.Fatal("the old picture is not kept on screen while the new one is drawn")
	}
	pressAt(c, 236, 150, 0) // B, as the screen shows it
	if len(got) != 1 || got[0].Kind != render.ElemComponent || got[0].Index != 1 {
		t.Fatalf("a click on B as shown selected %+v", got)
	}
	if n := runQueue(queue); n != 1 {
		t.Fatalf("%d pictures drawn, want 1", n)
	}
	if inkAt(c, 241, 150) || !inkAt(c, 305, 60) {
		t.Fatal("the new picture is not on screen once drawn")
	}
	got = nil
	pressAt(c, 236, 150, 0) // now empty
	pressAt(c, 300, 60, 0)  // B's new place
	if len(got) != 2 || got[0].Kind != "" || got[1].Index != 1 {
		t.Fatalf("clicks on the new picture selected %+v", got)
	}
}

// pageArea is the area, in square screen units, of the filled rectangles drawn under the
// picture (the page's background; its edges are 1 unit wide and count as nothing).
func pageArea(c *Canvas) float32 {
	var a float32
	for _, o := range test.WidgetRenderer(c).Objects() {
		if rc, ok := o.(*canvas.Rectangle); ok && rc.FillColor != color.Transparent && rc.StrokeWidth == 0 {
			if s := rc.Size(); s.Width > 1 && s.Height > 1 {
				a += s.Width * s.Height
			}
		}
	}
	return a
}

// TestPageDrawnOnlyWhereThePictureIsNot: the page's background is drawn only where the picture
// does not cover it, as while the picture of a smaller zoom is being drawn; the page's edge is
// four thin rectangles, not a rectangle with an outline (Mesa's software OpenGL paints every
// pixel inside a rectangle whatever it shows: the page and its outline were 40% of the pixels
// of every frame of the editor's window).
func TestPageDrawnOnlyWhereThePictureIsNot(t *testing.T) {
	c, queue, _ := asyncCanvas(t)
	c.ZoomIn() // the page is bigger than the widget: the picture shows the part inside it
	runQueue(queue)
	if a := pageArea(c); a != 0 {
		t.Fatalf("%g square units of page background drawn under a picture that covers the page", a)
	}
	c.ZoomOut()
	if a := pageArea(c); a <= 0 {
		t.Fatal("no page background around the smaller old picture while the new zoom is drawn")
	}
	if n := runQueue(queue); n != 1 {
		t.Fatalf("%d pictures drawn, want 1", n)
	}
	if a := pageArea(c); a != 0 {
		t.Fatalf("%g square units of page background drawn under the picture of the new zoom", a)
	}
}

// TestZoomKeysMerge: zoom keys pressed faster than the map can be drawn move the picture on
// screen at once (scaled), and only the last zoom is drawn again; a click then hits what the
// scaled picture shows under the pointer.
func TestZoomKeysMerge(t *testing.T) {
	c, queue, _ := asyncCanvas(t)
	for range 5 {
		c.ZoomIn()
	}
	z := c.Zoom()
	if z < 3.05 || z > 3.06 {
		t.Fatalf("zoom %g after five zoom keys, want 1.25^5", z)
	}
	// The old picture, scaled, shows component B (page (236, 150), radius 5) where the new view
	// puts it.
	b := c.PageToScreen(render.Point{X: 236, Y: 150})
	if !inkAt(c, b.X+float32(5*z), b.Y) || inkAt(c, b.X+float32(2.5*z), b.Y) {
		t.Error("the picture on screen was not scaled with the zoom while it is drawn again")
	}
	var got []render.Ref
	c.OnSelected = func(r render.Ref) { got = append(got, r) }
	pressAt(c, b.X+float32(3*z), b.Y, 0)
	if len(got) != 1 || got[0].Index != 1 || got[0].Kind != render.ElemComponent {
		t.Fatalf("a click on B after the zoom keys selected %+v", got)
	}
	if n := runQueue(queue); n != 2 {
		t.Errorf("%d pictures drawn for five zoom keys, want 2 (the first, then the last zoom)", n)
	}
	if c.drawn.ask != z {
		t.Errorf("the picture on screen is drawn for zoom %g, want %g", c.drawn.ask, z)
	}
	if n := runQueue(queue); n != 0 {
		t.Errorf("%d more pictures drawn with nothing changed", n)
	}
}

// TestDragDrawsOnlyTheElementLive: while an element is dragged, the rest of the map is one
// picture drawn once, and the element follows the pointer as a few objects on top of it.
func TestDragDrawsOnlyTheElementLive(t *testing.T) {
	c, queue, _ := asyncCanvas(t)
	c.OnMoved = func(Move) {}
	pressAt(c, 236, 150, 0)
	c.Dragged(&fyne.DragEvent{PointEvent: fyne.PointEvent{Position: fyne.NewPos(246, 150)}, Dragged: fyne.NewDelta(10, 0)})
	if circleAt(c, 246, 150) == nil {
		t.Fatal("the dragged component is not drawn live before the picture without it is ready")
	}
	if n := runQueue(queue); n != 1 {
		t.Fatalf("%d pictures drawn at the drag's start, want 1", n)
	}
	if inkAt(c, 241, 150) {
		t.Error("the picture under the drag still shows the component at its old place")
	}
	for range 10 {
		c.Dragged(&fyne.DragEvent{Dragged: fyne.NewDelta(3, 1)})
	}
	if n := runQueue(queue); n != 0 {
		t.Errorf("%d pictures drawn while dragging, want none", n)
	}
	if circleAt(c, 276, 160) == nil {
		t.Error("the dragged component does not follow the pointer")
	}
	if n := len(test.WidgetRenderer(c).Objects()); n > 10 {
		t.Errorf("%d objects while dragging, want the picture and the element's few", n)
	}
	c.DragEnd()
	c.SetScene(movedB()) // the editor's new Scene
	if circleAt(c, 276, 160) == nil {
		t.Error("the dropped component left its place before the new picture was ready")
	}
	runQueue(queue)
	if circleAt(c, 276, 160) != nil || !inkAt(c, 305, 60) {
		t.Error("the new picture did not replace the live component")
	}
}

// TestBigMapDragPreviewWaitsForRest: on a big map (one whose picture is drawn in the
// background) the editor's preview of a drag, a layout of the whole map, is not asked for at
// every move, where each frame of the drag waited for it on the event goroutine; the element and
// its link are shifted meanwhile, and the preview is laid out once the pointer rests.
func TestBigMapDragPreviewWaitsForRest(t *testing.T) {
	c, queue, _ := asyncCanvas(t)
	var timers []func()
	c.restAfter = func(_ time.Duration, f func()) { timers = append(timers, f) }
	c.OnMoved = func(Move) {}
	var asked []Move
	c.OnDragPreview = func(m Move) *render.Scene {
		asked = append(asked, m)
		return previewOf(m)
	}
	pressAt(c, 236, 150, 0)
	for range 10 {
		c.Dragged(&fyne.DragEvent{Dragged: fyne.NewDelta(3, 1)})
	}
	runQueue(queue)
	if len(asked) != 0 {
		t.Fatalf("the preview was laid out %d times while the pointer moved, want none", len(asked))
	}
	if circleAt(c, 266, 160) == nil {
		t.Fatal("the dragged component does not follow the pointer without the preview")
	}
	for _, f := range timers { // the pointer rests: every timer fires, only the last one acts
		f()
	}
	if len(asked) != 1 || asked[0].DX != 30 || asked[0].DY != 10 {
		t.Fatalf("after the pointer rested the preview was asked with %+v, want once, for (30, 10)", asked)
	}
	if c.preview == nil || circleAt(c, 266, 160) == nil {
		t.Fatal("the preview is not shown once the pointer rested")
	}
	timers = nil
	c.Dragged(&fyne.DragEvent{Dragged: fyne.NewDelta(3, 1)})
	if c.preview != nil || circleAt(c, 269, 161) == nil {
		t.Error("a move after the rest does not shift the component from the map on screen")
	}
	c.DragEnd()
	for _, f := range timers {
		f()
	}
	if len(asked) != 1 {
		t.Errorf("the preview was laid out after the drop (%d times in all)", len(asked))
	}
}

// TestSceneAndPictureInOneFrame: a Scene handed over with its picture, drawn where the editor
// laid the map out, is on screen at once, in the frame that shows the rest of the edit (before,
// the Scene came in one frame, still on the old picture, and its picture in another), and a
// picture of an older Scene finishing later does not replace it.
func TestSceneAndPictureInOneFrame(t *testing.T) {
	c, queue, _ := asyncCanvas(t)
	sc := movedB()
	c.SetSceneAndPicture(sc, c.PictureFunc()(sc))
	if inkAt(c, 241, 150) || !inkAt(c, 305, 60) {
		t.Fatal("the picture handed over with the Scene is not on screen")
	}
	if n := runQueue(queue); n != 0 {
		t.Fatalf("%d pictures drawn again for a Scene that came with its picture", n)
	}

	c.SetScene(testScene()) // its picture is being drawn in the background...
	back := movedB()
	c.SetSceneAndPicture(back, c.PictureFunc()(back)) // ...when the next one comes with its own
	if n := runQueue(queue); n != 1 {
		t.Fatalf("%d pictures drawn, want the one that was under way", n)
	}
	if inkAt(c, 241, 150) || !inkAt(c, 305, 60) {
		t.Error("the picture of an older Scene replaced the newer one on screen")
	}
}

// TestPannedPictureIsUploadedWhole: with the page panned partly out of the widget, the part of
// the picture on show is an image of its own rows. Fyne's OpenGL painter uploads an
// *image.RGBA's pixels as rows of its width whatever its Stride, so the sub-image shown before
// came out as diagonal stripes.
func TestPannedPictureIsUploadedWhole(t *testing.T) {
	c, _ := newTestCanvas(t)
	c.Dragged(&fyne.DragEvent{PointEvent: fyne.PointEvent{Position: fyne.NewPos(300, 60)}, Dragged: fyne.NewDelta(120, 0)})
	c.DragEnd()
	r := test.WidgetRenderer(c).(*renderer)
	img, ok := r.base.Image.(*image.RGBA)
	if !ok {
		t.Fatalf("the picture is a %T", r.base.Image)
	}
	if w := img.Rect.Dx(); w >= c.drawn.img.Rect.Dx() || img.Stride != 4*w {
		t.Fatalf("the part on show is %d pixels wide with a stride of %d bytes (the picture: %d wide), want a narrower image of its own rows",
			w, img.Stride, c.drawn.img.Rect.Dx())
	}
	p := r.basePart
	for _, q := range []image.Point{{0, 0}, {img.Rect.Dx() - 1, img.Rect.Dy() / 2}, {img.Rect.Dx() / 3, img.Rect.Dy() - 1}} {
		if got, want := img.RGBAAt(q.X, q.Y), c.drawn.img.RGBAAt(p.Min.X+q.X, p.Min.Y+q.Y); got != want {
			t.Errorf("pixel %v of the part on show is %v, the picture has %v there", q, got, want)
		}
	}
}

// TestShaderWarmUpHiddenUnderPicture: the line and the circle that make Mesa's software OpenGL
// compile their shaders before the first drag needs them are drawn under the picture, inside
// it, where they never show.
func TestShaderWarmUpHiddenUnderPicture(t *testing.T) {
	c, _ := newTestCanvas(t)
	r := test.WidgetRenderer(c).(*renderer)
	objs := r.Objects()
	base := slices.Index(objs, fyne.CanvasObject(r.base))
	if base < 0 {
		t.Fatal("no picture on show")
	}
	p0, p1 := r.base.Position(), r.base.Position().Add(r.base.Size())
	inside := func(p fyne.Position) bool { return p.X >= p0.X && p.Y >= p0.Y && p.X <= p1.X && p.Y <= p1.Y }
	for _, w := range r.warm {
		i := slices.Index(objs, w)
		if i < 0 || i > base {
			t.Errorf("the warm-up %T is at %d of the objects, want before the picture at %d", w, i, base)
		}
		if !inside(w.Position()) || !inside(w.Position().Add(w.Size())) {
			t.Errorf("the warm-up %T at %v size %v is not inside the picture (%v to %v)", w, w.Position(), w.Size(), p0, p1)
		}
	}
}
