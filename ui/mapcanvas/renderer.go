package mapcanvas

import (
	"image"
	"image/color"
	"math"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/theme"
	"golang.org/x/image/vector"

	"mapwright/render"
)

// renderer shows the map's picture (see the package comment) and, on top of it, the element
// being dragged and the highlights, as canvas objects taken from pools that are reused between
// refreshes: sync walks what it draws in order and takes the next object of the kind it needs,
// and an object is refreshed only when something it shows changed.
type renderer struct {
	c *Canvas

	// page is the page's background, drawn only where the picture does not cover it (while
	// the picture of a new zoom or pan is being drawn); edges are the page's four 1-pixel edges.
	// Mesa's software OpenGL paints every pixel of every rectangle in every frame, even of a
	// rectangle that shows only its outline, and the page is half the window.
	page  *canvas.Rectangle
	edges [4]*canvas.Rectangle
	// warm are a line and a circle of one pixel drawn under the picture, where they never show:
	// Mesa's software OpenGL compiles a shader the first time it draws a kind of object, which
	// took a third of a second in the first frame of the first drag of a session.
	warm [2]fyne.CanvasObject
	base *canvas.Image // the picture of the map
	// baseOf and basePart are the picture base shows and its part (in the picture's pixels).
	baseOf     *image.RGBA
	basePart   image.Rectangle
	lines      pool[*canvas.Line]
	circles    pool[*canvas.Circle]
	rects      pool[*canvas.Rectangle]
	texts      pool[*canvas.Text]
	images     pool[*canvas.Image]
	grads      pool[*canvas.LinearGradient]
	fills      pool[*polygonFill]
	selection  *canvas.Rectangle
	linkSource *canvas.Rectangle

	objects []fyne.CanvasObject
	// devScale is the window's device pixels per unit during a sync.
	devScale float64
}

// pool hands out reusable objects in order; reset starts a new pass.
type pool[T any] struct {
	items []T
	used  int
}

func (p *pool[T]) reset() { p.used = 0 }

// next returns the next pooled object, creating one with mk when the pool is exhausted.
// fresh is true for a new object, which must be refreshed whatever its fields compare as.
func (p *pool[T]) next(mk func() T) (obj T, fresh bool) {
	if p.used == len(p.items) {
		p.items = append(p.items, mk())
		fresh = true
	}
	obj = p.items[p.used]
	p.used++
	return obj, fresh
}

func newRenderer(c *Canvas) *renderer {
	r := &renderer{
		c:          c,
		page:       canvas.NewRectangle(color.Transparent),
		base:       canvas.NewImageFromImage(image.NewRGBA(image.Rect(0, 0, 1, 1))),
		selection:  canvas.NewRectangle(color.Transparent),
		linkSource: canvas.NewRectangle(color.Transparent),
	}
	r.base.FillMode = canvas.ImageFillStretch
	// The picture has the screen's pixels; scaled (while a new zoom is being drawn) by OpenGL,
	// never by Fyne's software scaler (which took 0.4 s a frame on a big map).
	r.base.ScaleMode = canvas.ImageScaleFastest
	for i := range r.edges {
		r.edges[i] = canvas.NewRectangle(color.Transparent)
	}
	faint := color.NRGBA{A: 1}
	line := canvas.NewLine(faint)
	line.StrokeWidth = 1
	dot := canvas.NewCircle(faint)
	dot.StrokeColor, dot.StrokeWidth = faint, 1
	r.warm = [2]fyne.CanvasObject{line, dot}
	r.selection.StrokeWidth = 2
	r.selection.CornerRadius = 4
	r.linkSource.StrokeWidth = 2
	r.linkSource.CornerRadius = 4
	return r
}

func (r *renderer) Destroy()                     {}
func (r *renderer) MinSize() fyne.Size           { return r.c.MinSize() }
func (r *renderer) Objects() []fyne.CanvasObject { return r.objects }

func (r *renderer) Layout(size fyne.Size) {
	if r.c.fitted && r.c.scene != nil {
		r.c.view = fitView(r.c.scene.Width, r.c.scene.Height, size.Width, size.Height)
	}
	r.sync()
}

func (r *renderer) Refresh() {
	if r.c.fitted && r.c.scene != nil {
		s := r.c.Size()
		r.c.view = fitView(r.c.scene.Width, r.c.scene.Height, s.Width, s.Height)
	}
	r.sync()
}

func rgba(c render.Color) color.Color { return color.NRGBA{R: c.R, G: c.G, B: c.B, A: c.A} }

// sync brings every object in line with the picture, the view, the selection and a drag.
func (r *renderer) sync() {
	sc, v := r.c.scene, r.c.view
	r.devScale = r.scale()
	r.lines.reset()
	r.circles.reset()
	r.rects.reset()
	r.texts.reset()
	r.images.reset()
	r.grads.reset()
	r.fills.reset()
	r.objects = r.objects[:0]
	if sc == nil {
		return
	}
	r.c.askShot(sc, r.devScale)
	d := r.c.drawn
	page := sc
	if d != nil {
		page = d.scene
	}
	edge := theme.Color(theme.ColorNameSeparator)
	x0, y0 := v.toScreen(render.Point{})
	x1, y1 := v.toScreen(render.Point{X: page.Width, Y: page.Height})
	bg := rgba(page.Background)
	if page.Background.IsNone() {
		bg = color.White
	}
	if !r.c.NoPageEdge {
		setRect(r.edges[0], x0-1, y0-1, x1-x0+2, 1, edge, nil, 0, false)
		setRect(r.edges[1], x0-1, y1, x1-x0+2, 1, edge, nil, 0, false)
		setRect(r.edges[2], x0-1, y0, 1, y1-y0, edge, nil, 0, false)
		setRect(r.edges[3], x1, y0, 1, y1-y0, edge, nil, 0, false)
		r.objects = append(r.objects, r.edges[0], r.edges[1], r.edges[2], r.edges[3])
	}
	size := r.c.Size()
	// The part of the page inside the widget (Fyne does not clip a widget's objects).
	visible := [4]float32{max(x0, 0), max(y0, 0), min(x1, size.Width), min(y1, size.Height)}
	var shown [4]float32
	ok := d != nil && r.picture(d, v, &shown)
	const slack = 0.5
	uncovered := !ok || shown[0] > visible[0]+slack || shown[1] > visible[1]+slack || shown[2] < visible[2]-slack || shown[3] < visible[3]-slack
	if uncovered && visible[2] > visible[0] && visible[3] > visible[1] {
		setRect(r.page, visible[0], visible[1], visible[2]-visible[0], visible[3]-visible[1], bg, nil, 0, false)
		r.objects = append(r.objects, r.page)
	}
	if ok {
		// Under the picture, which is opaque.
		at := fyne.NewPos(shown[0]+1, shown[1]+1)
		line := r.warm[0].(*canvas.Line)
		if line.Position1 != at {
			line.Position1, line.Position2 = at, at.AddXY(1, 0)
			r.warm[1].Move(at)
			r.warm[1].Resize(fyne.NewSquareSize(2))
		}
		r.objects = append(r.objects, r.warm[0], r.warm[1], r.base)
	}
	if d == nil {
		return
	}
	r.live(d, v)
	r.overlay(r.selection, r.c.hasSelected, r.c.selected, theme.Color(theme.ColorNamePrimary))
	r.overlay(r.linkSource, r.c.linking, r.c.linkFrom, theme.Color(theme.ColorNameWarning))
	r.gestureOverlay()
}

// picture places the map's picture under the view, showing only its part inside the widget
// (Fyne does not clip a widget's objects to its bounds). It reports whether the picture is
// shown, and where: shown is its left, top, right and bottom edge in the widget.
func (r *renderer) picture(d *shot, v view, shown *[4]float32) bool {
	size := r.c.Size()
	sx0, sy0 := v.toScreen(render.Point{X: d.region.x0, Y: d.region.y0})
	sx1, sy1 := v.toScreen(render.Point{X: d.region.x1, Y: d.region.y1})
	if sx1 <= sx0 || sy1 <= sy0 {
		return false
	}
	b := d.img.Bounds()
	// Screen units to picture pixels.
	kx, ky := float32(b.Dx())/(sx1-sx0), float32(b.Dy())/(sy1-sy0)
	cx0, cy0 := max(sx0, 0), max(sy0, 0)
	cx1, cy1 := min(sx1, size.Width), min(sy1, size.Height)
	if cx1 <= cx0 || cy1 <= cy0 {
		return false
	}
	px := image.Rect(int((cx0-sx0)*kx), int((cy0-sy0)*ky), int(math.Ceil(float64((cx1-sx0)*kx))), int(math.Ceil(float64((cy1-sy0)*ky)))).Intersect(b)
	if px != b {
		// Place exactly the pixels kept.
		cx0, cy0 = sx0+float32(px.Min.X)/kx, sy0+float32(px.Min.Y)/ky
		cx1, cy1 = sx0+float32(px.Max.X)/kx, sy0+float32(px.Max.Y)/ky
	}
	if r.baseOf != d.img || r.basePart != px {
		r.baseOf, r.basePart = d.img, px
		r.base.Image = part(d.img, px)
		r.base.Refresh()
	}
	r.base.Move(fyne.NewPos(cx0, cy0))
	if sz := fyne.NewSize(cx1-cx0, cy1-cy0); r.base.Size() != sz {
		r.base.Resize(sz)
	}
	*shown = [4]float32{cx0, cy0, cx1, cy1}
	return true
}

// part is the part px of img as an image of its own. Fyne's OpenGL painter uploads an
// *image.RGBA's pixels as rows of its width, ignoring Stride, so a SubImage narrower than its
// picture came out sheared into stripes (a map panned partly out of the widget).
func part(img *image.RGBA, px image.Rectangle) *image.RGBA {
	if px == img.Rect {
		return img
	}
	out := image.NewRGBA(image.Rect(0, 0, px.Dx(), px.Dy()))
	for y := px.Min.Y; y < px.Max.Y; y++ {
		i := img.PixOffset(px.Min.X, y)
		copy(out.Pix[(y-px.Min.Y)*out.Stride:], img.Pix[i:i+4*px.Dx()])
	}
	return out
}

// live draws, on top of the picture, the items d left out: the dragged element, what moves
// with it and its links, at the drag's offset (none once the drag is over), or as the editor's
// preview of the drag draws them.
func (r *renderer) live(d *shot, v view) {
	if p := r.c.preview; p != nil && r.c.gesture.mode == dragElement {
		ref := r.c.gesture.ref
		follow := followOf(p, ref)
		for i := range p.Items {
			if it := &p.Items[i]; movesWith(it.Ref, ref) || follow.follows(it) {
				r.item(it, v, 0, 0)
			}
		}
		return
	}
	sc, hidden := d.scene, d.hidden
	if d.hide.Kind == "" {
		if r.c.gesture.mode != dragElement || r.c.gesture.scene != sc {
			return
		}
		// The picture without the element is still being drawn: draw it on top meanwhile.
		var group []render.Ref
		if r.c.gesture.group {
			group = r.c.x.group
		}
		hidden = liveItems(sc, r.c.gesture.ref, group)
	}
	follow := r.c.linkEnds(sc)
	if !follow.active {
		follow = followOf(sc, d.hide)
	}
	for i := range sc.Items {
		if !hidden[i] {
			continue
		}
		it := &sc.Items[i]
		if follow.follows(it) {
			if moved, ok := follow.apply(it); ok {
				r.item(&moved, v, 0, 0)
			}
			continue
		}
		dx, dy, end, moving := r.c.dragOffset(it.Ref)
		if moving && end != 0 && it.Shape == render.ShapeRect {
			r.stretchedRect(it, v, dx, end)
			continue
		}
		if !moving {
			dx, dy = 0, 0
		}
		r.item(it, v, dx, dy)
	}
}

// overlay draws a highlight box around an element, on top of the map.
func (r *renderer) overlay(box *canvas.Rectangle, show bool, ref render.Ref, col color.Color) {
	if !show {
		return
	}
	if r.strokeOverlay(ref, col) {
		return
	}
	x, y, w, h, fill, ok := r.highlight(ref, col)
	if !ok {
		return
	}
	setRect(box, x, y, w, h, fill, col, 2, false)
	r.objects = append(r.objects, box)
}

// item adds the objects that draw one Scene item, shifted by (dx, dy) page units.
func (r *renderer) item(it *render.Item, v view, dx, dy float64) {
	z := float32(v.zoom)
	shift := func(p render.Point) (float32, float32) {
		return v.toScreen(render.Point{X: p.X + dx, Y: p.Y + dy})
	}
	sw := float32(it.StrokeWidth) * z
	switch it.Shape {
	case render.ShapeRect:
		x, y := shift(render.Point{X: it.X, Y: it.Y})
		w, h := float32(it.W)*z, float32(it.H)*z
		if len(it.Gradient) > 1 {
			r.gradient(it, x, y, w, h)
			if !it.Stroke.IsNone() && it.StrokeWidth > 0 {
				r.rect(x, y, w, h, color.Transparent, rgba(it.Stroke), sw)
			}
			return
		}
		if len(it.Dash) > 0 && !it.Stroke.IsNone() {
			// A dashed box: fill it, then stroke its outline as dashes.
			if !it.Fill.IsNone() {
				r.rect(x, y, w, h, rgba(it.Fill), nil, 0)
			}
			pts := []render.Point{{X: it.X, Y: it.Y}, {X: it.X + it.W, Y: it.Y}, {X: it.X + it.W, Y: it.Y + it.H}, {X: it.X, Y: it.Y + it.H}}
			r.strokes(pts, true, it, v, dx, dy)
			return
		}
		var stroke color.Color
		if !it.Stroke.IsNone() {
			stroke = rgba(it.Stroke)
		}
		r.rect(x, y, w, h, rgba(it.Fill), stroke, sw)
	case render.ShapeCircle:
		cx, cy := shift(render.Point{X: it.X, Y: it.Y})
		rad := float32(it.R) * z
		c, fresh := r.circles.next(func() *canvas.Circle { return canvas.NewCircle(color.Transparent) })
		changed := fresh || c.FillColor != rgba(it.Fill) || c.StrokeColor != rgba(it.Stroke) || c.StrokeWidth != sw
		c.FillColor, c.StrokeColor, c.StrokeWidth = rgba(it.Fill), rgba(it.Stroke), sw
		pos, size := fyne.NewPos(cx-rad, cy-rad), fyne.NewSquareSize(2*rad)
		if c.Position1 != pos || c.Size() != size {
			c.Move(pos)
			c.Resize(size)
			changed = true
		}
		if changed {
			c.Refresh()
		}
		r.objects = append(r.objects, c)
	case render.ShapeLine, render.ShapePath:
		if it.Shape == render.ShapePath && it.Closed && len(it.Points) > 2 && (!it.Fill.IsNone() || len(it.Gradient) > 1) {
			r.polygon(it, v, dx, dy)
		}
		if !it.Stroke.IsNone() && it.StrokeWidth > 0 {
			r.strokes(it.Points, it.Shape == render.ShapePath && it.Closed, it, v, dx, dy)
		}
	case render.ShapeText:
		if it.Text == "" || it.Font.Size <= 0 {
			return
		}
		// Turned text, and text the Go font cannot draw alone (other scripts, emoji), is drawn
		// as an image made by the PNG encoder's text drawing: the same fonts and shaping.
		if math.Mod(it.Rotate, 360) != 0 || render.Shaped(it.Font, it.Text) != nil {
			r.rotated(it, v, dx, dy)
			return
		}
		r.text(it, v, dx, dy)
	}
}

func (r *renderer) rect(x, y, w, h float32, fill, stroke color.Color, sw float32) {
	rc, fresh := r.rects.next(func() *canvas.Rectangle { return canvas.NewRectangle(color.Transparent) })
	setRect(rc, x, y, w, h, fill, stroke, sw, fresh)
	r.objects = append(r.objects, rc)
}

// setRect updates a rectangle, refreshing it only when its look changed.
func setRect(rc *canvas.Rectangle, x, y, w, h float32, fill, stroke color.Color, sw float32, force bool) {
	if stroke == nil {
		stroke, sw = color.Transparent, 0
	}
	changed := force || rc.FillColor != fill || rc.StrokeColor != stroke || rc.StrokeWidth != sw
	rc.FillColor, rc.StrokeColor, rc.StrokeWidth = fill, stroke, sw
	rc.Move(fyne.NewPos(x, y))
	if size := fyne.NewSize(w, h); rc.Size() != size {
		rc.Resize(size)
		changed = true
	}
	if changed {
		rc.Refresh()
	}
}

// stretchedRect draws a pipeline box while one of its ends is dragged.
func (r *renderer) stretchedRect(it *render.Item, v view, dx float64, end int) {
	c := *it
	if end < 0 {
		c.X += dx
		c.W -= dx
	} else {
		c.W += dx
	}
	if c.W < 1 {
		c.W = 1
	}
	r.item(&c, v, 0, 0)
}

// gradient fills a box with a horizontal gradient of several stops, one Fyne gradient per
// pair of stops (Fyne's linear gradient has two colours).
func (r *renderer) gradient(it *render.Item, x, y, w, h float32) {
	for i := 1; i < len(it.Gradient); i++ {
		a, b := it.Gradient[i-1], it.Gradient[i]
		gx := x + float32(a.Offset)*w
		gw := float32(b.Offset-a.Offset) * w
		if gw <= 0 {
			continue
		}
		g, fresh := r.grads.next(func() *canvas.LinearGradient {
			return canvas.NewHorizontalGradient(color.Transparent, color.Transparent)
		})
		changed := fresh || g.StartColor != rgba(a.Color) || g.EndColor != rgba(b.Color)
		g.StartColor, g.EndColor = rgba(a.Color), rgba(b.Color)
		g.Move(fyne.NewPos(gx, y))
		if size := fyne.NewSize(gw+0.5, h); g.Size() != size {
			g.Resize(size)
			changed = true
		}
		if changed {
			g.Refresh()
		}
		r.objects = append(r.objects, g)
	}
}

// strokes draws a polyline, dashed when the item says so, as canvas lines.
func (r *renderer) strokes(pts []render.Point, closed bool, it *render.Item, v view, dx, dy float64) {
	col := rgba(it.Stroke)
	sw := float32(math.Max(it.StrokeWidth*v.zoom, 1)) // thinner slanted lines break up in the GL painter
	for _, s := range dashSegments(pts, closed, it.Dash) {
		ax, ay := v.toScreen(render.Point{X: s.a.X + dx, Y: s.a.Y + dy})
		bx, by := v.toScreen(render.Point{X: s.b.X + dx, Y: s.b.Y + dy})
		l, fresh := r.lines.next(func() *canvas.Line { return canvas.NewLine(color.Transparent) })
		p1, p2 := fyne.NewPos(ax, ay), fyne.NewPos(bx, by)
		if fresh || l.Position1 != p1 || l.Position2 != p2 || l.StrokeColor != col || l.StrokeWidth != sw {
			l.Position1, l.Position2, l.StrokeColor, l.StrokeWidth = p1, p2, col, sw
			l.Refresh()
		}
		r.objects = append(r.objects, l)
	}
}

// text draws a horizontal text item as a canvas.Text in the Go font the exports use.
func (r *renderer) text(it *render.Item, v view, dx, dy float64) {
	// Fyne draws text at a whole number of device pixels, rounding the size up, which makes
	// small labels up to 10% wider than the layout measured them (a legend line then spills
	// out of its box). Rounding down instead keeps every text inside the room it was given;
	// the text is then laid out at the size actually drawn.
	scale := r.devScale
	drawn := math.Max(math.Floor(it.Font.Size*v.zoom*scale+0.01), 1) / scale
	sized := *it
	sized.Font.Size = drawn / v.zoom
	b := layoutText(&sized)
	size := float32(drawn)
	style := textStyle(it.Font)
	res := fontResource(it.Font)
	t, fresh := r.texts.next(func() *canvas.Text { return canvas.NewText("", color.Black) })
	col := rgba(it.Fill)
	if it.Fill.IsNone() {
		col = rgba(it.Stroke)
	}
	changed := fresh || t.Text != it.Text || t.TextSize != size || t.Color != col || t.TextStyle != style || t.FontSource != res
	t.Text, t.TextSize, t.Color, t.TextStyle, t.FontSource = it.Text, size, col, style, res
	top := it.Y - baselineRatio(it.Font)*sized.Font.Size
	x, y := v.toScreen(render.Point{X: b.left + dx, Y: top + dy})
	t.Move(fyne.NewPos(x, y))
	if sz := fyne.NewSize(float32(b.w*v.zoom)+1, float32(b.h*v.zoom)); t.Size() != sz {
		t.Resize(sz)
		changed = true
	}
	if changed {
		t.Refresh()
	}
	r.objects = append(r.objects, t)
	if it.Underline {
		below := math.Max(sized.Font.Size*0.14, 2/v.zoom) // clear of the baseline even at small sizes
		ul := []render.Point{{X: b.left, Y: it.Y + below}, {X: b.left + b.w, Y: it.Y + below}}
		u := *it
		u.Stroke, u.StrokeWidth, u.Dash = it.Fill, math.Max(it.Font.Size/14, 0.75), nil
		if u.Stroke.IsNone() {
			u.Stroke = it.Stroke
		}
		r.strokes(ul, false, &u, v, dx, dy)
	}
}

// rotated draws text turned by quarter turns (the value chain caption) as a cached image.
func (r *renderer) rotated(it *render.Item, v view, dx, dy float64) {
	scale := r.devScale
	col := it.Fill
	if col.IsNone() {
		col = it.Stroke
	}
	px := int(math.Round(it.Font.Size * v.zoom * scale))
	if px < 1 {
		px = 1
	}
	key := rotatedKey{text: it.Text, font: it.Font, color: col, rotate: math.Round(it.Rotate*10) / 10, px: px}
	img, fresh := r.images.next(func() *canvas.Image {
		im := canvas.NewImageFromImage(image.NewNRGBA(image.Rect(0, 0, 1, 1)))
		im.FillMode = canvas.ImageFillStretch
		return im
	})
	src := rotatedText(key)
	// Rotate the unrotated box about the text's anchor point, as the Scene specifies.
	rb := layoutText(it).bounds(&render.Item{X: it.X, Y: it.Y, Rotate: key.rotate})
	x, y := v.toScreen(render.Point{X: rb.x0 + dx, Y: rb.y0 + dy})
	img.Move(fyne.NewPos(x, y))
	sz := fyne.NewSize(float32((rb.x1-rb.x0)*v.zoom), float32((rb.y1-rb.y0)*v.zoom))
	changed := fresh || img.Image != src
	img.Image = src
	if img.Size() != sz {
		img.Resize(sz)
		changed = true
	}
	if changed {
		img.Refresh()
	}
	r.objects = append(r.objects, img)
}

// polygonFill is a filled arbitrary polygon (arrowheads, flow bands, hand-drawn shapes) drawn
// by a small raster covering only the polygon's bounding box.
type polygonFill struct {
	raster *canvas.Raster
	pts    []render.Point // in 0..1 of the box
	col    color.NRGBA
	grad   []render.GradientStop // horizontal gradient across the box, instead of col
}

func newPolygonFill() *polygonFill {
	p := &polygonFill{}
	p.raster = canvas.NewRaster(p.draw)
	return p
}

func (p *polygonFill) draw(w, h int) image.Image {
	img := image.NewNRGBA(image.Rect(0, 0, w, h))
	if w <= 0 || h <= 0 || len(p.pts) < 3 {
		return img
	}
	var z vector.Rasterizer
	z.Reset(w, h)
	z.MoveTo(float32(p.pts[0].X)*float32(w), float32(p.pts[0].Y)*float32(h))
	for _, q := range p.pts[1:] {
		z.LineTo(float32(q.X)*float32(w), float32(q.Y)*float32(h))
	}
	z.ClosePath()
	var paint image.Image = image.NewUniform(p.col)
	if len(p.grad) > 1 {
		paint = gradientImage(p.grad, w, h)
	}
	z.Draw(img, img.Bounds(), paint, image.Point{})
	return img
}

// gradientImage paints the stops left to right across a w x h image.
func gradientImage(stops []render.GradientStop, w, h int) image.Image {
	img := image.NewNRGBA(image.Rect(0, 0, w, h))
	for x := 0; x < w; x++ {
		t := (float64(x) + 0.5) / float64(w)
		c := stops[len(stops)-1].Color
		for i := 1; i < len(stops); i++ {
			a, b := stops[i-1], stops[i]
			if t <= b.Offset {
				f := 0.0
				if b.Offset > a.Offset {
					f = math.Max(0, (t-a.Offset)/(b.Offset-a.Offset))
				}
				mix := func(u, v uint8) uint8 { return uint8(math.Round(float64(u) + (float64(v)-float64(u))*f)) }
				c = render.Color{R: mix(a.Color.R, b.Color.R), G: mix(a.Color.G, b.Color.G), B: mix(a.Color.B, b.Color.B), A: mix(a.Color.A, b.Color.A)}
				break
			}
		}
		for y := 0; y < h; y++ {
			img.SetNRGBA(x, y, color.NRGBA{R: c.R, G: c.G, B: c.B, A: c.A})
		}
	}
	return img
}

func (r *renderer) polygon(it *render.Item, v view, dx, dy float64) {
	b := boundsOf(it.Points)
	bw, bh := math.Max(b.x1-b.x0, 1e-6), math.Max(b.y1-b.y0, 1e-6)
	f, fresh := r.fills.next(newPolygonFill)
	col := color.NRGBA{R: it.Fill.R, G: it.Fill.G, B: it.Fill.B, A: it.Fill.A}
	changed := fresh || f.col != col || len(f.pts) != len(it.Points) || !sameStops(f.grad, it.Gradient)
	f.grad = it.Gradient
	norm := f.pts[:0]
	for i, p := range it.Points {
		q := render.Point{X: (p.X - b.x0) / bw, Y: (p.Y - b.y0) / bh}
		if !changed && f.pts[i] != q {
			changed = true
		}
		norm = append(norm, q)
	}
	f.pts, f.col = norm, col
	x, y := v.toScreen(render.Point{X: b.x0 + dx, Y: b.y0 + dy})
	f.raster.Move(fyne.NewPos(x, y))
	if sz := fyne.NewSize(float32(bw*v.zoom)+1, float32(bh*v.zoom)+1); f.raster.Size() != sz {
		f.raster.Resize(sz)
		changed = true
	}
	if changed {
		f.raster.Refresh()
	}
	r.objects = append(r.objects, f.raster)
}

func sameStops(a, b []render.GradientStop) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

// strokeOverlay highlights an element drawn only with lines (a link, a flow, an evolution
// arrow) by tracing its lines in the highlight colour: a box around a diagonal link would cover
// half the map. It reports false for other elements.
func (r *renderer) strokeOverlay(ref render.Ref, col color.Color) bool {
	sc := r.c.onScreen()
	var items []*render.Item
	for i := range sc.Items {
		it := &sc.Items[i]
		if !sameElement(it.Ref, ref) {
			continue
		}
		if it.Shape != render.ShapeLine && it.Shape != render.ShapePath {
			return false
		}
		items = append(items, it)
	}
	if len(items) == 0 {
		return false
	}
	nr, ng, nb, _ := col.RGBA()
	hl := render.Color{R: uint8(nr >> 8), G: uint8(ng >> 8), B: uint8(nb >> 8), A: 0xa0}
	for _, it := range items {
		trace := render.Item{Stroke: hl, StrokeWidth: it.StrokeWidth + 4/r.c.view.zoom}
		r.strokes(it.Points, it.Shape == render.ShapePath && it.Closed, &trace, r.c.view, 0, 0)
	}
	return true
}

// scale is the device pixels per Fyne unit of the window showing the map (1 without one).
func (r *renderer) scale() float64 {
	if cv := fyne.CurrentApp().Driver().CanvasForObject(r.c); cv != nil && cv.Scale() > 0 {
		return float64(cv.Scale())
	}
	return 1
}
