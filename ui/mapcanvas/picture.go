package mapcanvas

import (
	"image"
	"math"
	"slices"

	"fyne.io/fyne/v2"

	"mapwright/render"
	"mapwright/render/raster"
)

// shot is a picture of part of a Scene's page, drawn by the PNG encoder.
type shot struct {
	scene  *render.Scene
	hide   render.Ref   // the element left out for a drag (Kind "" for none)
	group  []render.Ref // the other elements of a group being dragged with it
	hidden []bool       // the items left out, by index (nil for none)
	region rect         // the part of the page drawn, in page units, on whole device pixels
	ask    float64      // device pixels per page unit asked for
	img    *image.RGBA
}

// maxShotPixels bounds a picture (64 MB): a bigger one is drawn coarser and shown scaled.
const maxShotPixels = 1 << 24

// inlineItems is the largest Scene drawn on the event goroutine (Canvas.inlineLimit): its
// picture takes a few milliseconds, and drawing it at once shows it in the frame that asked.
const inlineItems = 1000

// fits reports whether the picture shows sc without the element hide, at px device pixels per
// page unit, over all of vis.
func (s *shot) fits(sc *render.Scene, hide render.Ref, group []render.Ref, px float64, vis rect) bool {
	const eps = 1e-6
	return s.scene == sc && s.hide == hide && slices.Equal(s.group, group) && s.ask == px &&
		s.region.x0 <= vis.x0+eps && s.region.y0 <= vis.y0+eps && s.region.x1 >= vis.x1-eps && s.region.y1 >= vis.y1-eps
}

// shotFor is the picture of sc that view v of a widget of the given size shows at devScale
// device pixels per unit, without the element hide (and the group with it): the page inside
// the widget, on whole device pixels. It is not drawn yet; nil when the view shows no page.
func shotFor(sc *render.Scene, v view, size fyne.Size, devScale float64, hide render.Ref, group []render.Ref) *shot {
	px := v.zoom * devScale
	p0, p1 := v.toPage(0, 0), v.toPage(size.Width, size.Height)
	vis := rect{math.Max(p0.X, 0), math.Max(p0.Y, 0), math.Min(p1.X, sc.Width), math.Min(p1.Y, sc.Height)}
	if !(px > 0) || vis.x1 <= vis.x0 || vis.y1 <= vis.y0 {
		return nil
	}
	// On whole device pixels of the view, so the picture lands on the screen's pixels.
	vis = rect{math.Floor(vis.x0*px) / px, math.Floor(vis.y0*px) / px, math.Ceil(vis.x1*px) / px, math.Ceil(vis.y1*px) / px}
	return &shot{scene: sc, hide: hide, group: slices.Clone(group), region: vis, ask: px}
}

// askShot makes sure a picture of sc as the view shows it is on screen or on its way: a
// picture of the page inside the widget, at the zoom in device pixels, without the element
// being dragged. A small Scene is drawn at once; a big one on another goroutine, one at a time,
// the newest request replacing the one waiting (a burst of zoom keys or edits is drawn once).
func (c *Canvas) askShot(sc *render.Scene, devScale float64) {
	c.devScale = devScale
	var hide render.Ref
	var group []render.Ref
	if g := &c.gesture; g.mode == dragElement {
		if g.scene == nil {
			g.scene = c.scene
		}
		if g.scene == sc {
			hide = g.ref
			if g.group {
				group = c.x.group
			}
		}
	}
	req := shotFor(sc, c.view, c.Size(), devScale, hide, group)
	if req == nil {
		return
	}
	if c.drawn != nil && c.drawn.fits(sc, hide, group, req.ask, req.region) {
		c.want = nil
		return
	}
	if c.want == nil || !c.want.fits(sc, hide, group, req.ask, req.region) {
		c.want = req
	}
	if c.busy {
		return // drawn when the picture being drawn is done
	}
	job := c.want
	c.want = nil
	if c.runAsync == nil || len(sc.Items) <= c.inlineLimit {
		job.draw()
		c.show(job)
		return
	}
	c.busy = true
	c.runAsync(job.draw, func() {
		c.busy = false
		// A picture of an older Scene does not replace one of the Scene on show (handed over
		// with it by SetSceneAndPicture while this one was drawn).
		if c.drawn == nil || c.drawn.scene != c.scene || job.scene == c.scene {
			c.show(job)
		}
		c.Refresh() // shows it, and starts the newest request if one waits
	})
}

// Picture is a picture of a Scene drawn off the event goroutine (Canvas.PictureFunc).
type Picture struct{ s *shot }

// PictureFunc returns a function that draws, on any goroutine, the picture of a Scene as the
// view stands now (nil when the view shows no page). The editor draws the picture of a new
// text's map on the goroutine that laid the map out, and SetSceneAndPicture shows the map, its
// picture and the rest of the edit (diagnostics, status) in one frame, instead of the Scene in
// one frame (still on the old picture) and its picture in a later one: Mesa's software OpenGL
// paints every frame of the whole window.
func (c *Canvas) PictureFunc() func(*render.Scene) *Picture {
	v, size, scale, fitted := c.view, c.Size(), c.devScale, c.fitted
	if scale <= 0 {
		scale = 1
	}
	return func(sc *render.Scene) *Picture {
		if sc == nil {
			return nil
		}
		w := v
		if fitted {
			w = fitView(sc.Width, sc.Height, size.Width, size.Height)
		}
		s := shotFor(sc, w, size, scale, render.Ref{}, nil)
		if s == nil {
			return nil
		}
		s.draw()
		return &Picture{s: s}
	}
}

// show puts a finished picture on screen. Once the picture of a new Scene is there, a dropped
// element no longer needs to be drawn at its drop point.
func (c *Canvas) show(s *shot) {
	c.drawn = s
	if g := &c.gesture; g.pending && s.scene == c.scene && s.scene != g.scene {
		c.gesture = gesture{item: -1}
	}
}

// draw renders the picture (on any goroutine: it reads only the Scene, which is never changed).
func (s *shot) draw() {
	sc := s.scene
	if s.hide.Kind != "" {
		s.hidden = liveItems(sc, s.hide, s.group)
	}
	part := *sc
	ox, oy := s.region.x0, s.region.y0
	if shift := ox != 0 || oy != 0; shift || s.hidden != nil {
		part.Items = make([]render.Item, 0, len(sc.Items))
		for i := range sc.Items {
			if s.hidden != nil && s.hidden[i] {
				continue
			}
			it := sc.Items[i]
			if shift {
				it.X, it.Y = it.X-ox, it.Y-oy
				if len(it.Points) > 0 {
					pts := make([]render.Point, len(it.Points))
					for k, p := range it.Points {
						pts[k] = render.Point{X: p.X - ox, Y: p.Y - oy}
					}
					it.Points = pts
				}
				if it.Origin != nil {
					o := render.Point{X: it.Origin.X - ox, Y: it.Origin.Y - oy}
					it.Origin = &o
				}
			}
			part.Items = append(part.Items, it)
		}
	}
	w, h := s.region.x1-ox, s.region.y1-oy
	part.Width, part.Height, part.PlotX, part.PlotY = w, h, sc.PlotX-ox, sc.PlotY-oy
	px := s.ask
	if w*h*px*px > maxShotPixels {
		px = math.Sqrt(maxShotPixels / (w * h))
	}
	s.img = raster.Render(&part, raster.Options{Scale: px})
}

// liveItems marks the items drawn live while element ref is dragged: its own, those that move
// with it, the links, flows and evolution arrows that end on its marker, and the elements of a
// group dragged with it (as Canvas.dragOffset moves them).
func liveItems(sc *render.Scene, ref render.Ref, group []render.Ref) []bool {
	hidden := make([]bool, len(sc.Items))
	f := followOf(sc, ref)
	for i := range sc.Items {
		it := &sc.Items[i]
		hidden[i] = movesWith(it.Ref, ref) || f.follows(it) ||
			slices.ContainsFunc(group, func(g render.Ref) bool { return sameElement(g, it.Ref) })
	}
	return hidden
}
