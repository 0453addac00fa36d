package render

import (
	"math"

	"mapwright/mapdsl"
)

// Label placement.
//
// A label with an explicit `label [dx, dy]` is drawn exactly there (its first baseline at the
// component plus the offset, in pixels, as OWM does). Every other label is tried at a list of
// candidate positions around its marker, OWM's default (5, -10) first, and goes to the first one
// that overlaps nothing; when every candidate overlaps something, to the one that overlaps least.
// Obstacles are the other labels and fixed texts, the markers and the lines (links, evolve
// arrows, pipeline boxes). They live in a uniform grid so that each test only looks at its
// neighbourhood: placement costs about the same per label on a 40- or a 5,000-component map.

// rect is an axis-aligned box, x and y its top-left corner.
type rect struct{ x, y, w, h float64 }

func (r rect) overlaps(o rect) bool {
	return r.x < o.x+o.w && o.x < r.x+r.w && r.y < o.y+o.h && o.y < r.y+r.h
}

// crosses reports whether the segment a-b passes through the inside of r (Liang-Barsky).
func (r rect) crosses(a, b Point) bool {
	t0, t1 := 0.0, 1.0
	dx, dy := b.X-a.X, b.Y-a.Y
	clip := func(p, q float64) bool {
		if p == 0 {
			return q > 0
		}
		t := q / p
		if p < 0 {
			if t > t1 {
				return false
			}
			if t > t0 {
				t0 = t
			}
		} else {
			if t < t0 {
				return false
			}
			if t < t1 {
				t1 = t
			}
		}
		return true
	}
	return clip(-dx, a.X-r.x) && clip(dx, r.x+r.w-a.X) && clip(-dy, a.Y-r.y) && clip(dy, r.y+r.h-a.Y) && t1-t0 > 1e-9
}

type obstacleKind uint8

const (
	obstacleLabel obstacleKind = iota
	obstacleMarker
	obstacleSegment
)

// Penalties of one overlap, by what is overlapped; a label under another label is worst.
var penalty = [...]float64{obstacleLabel: 100, obstacleMarker: 60, obstacleSegment: 8}

type obstacle struct {
	kind  obstacleKind
	owner int // component (i+1) or evolved copy -(ei+1) whose own marker a label may touch
	box   rect
	a, b  Point
}

// cellSize is the grid pitch in page units; about two label heights.
const cellSize = 32

// placer holds every obstacle in a uniform grid over the page.
type placer struct {
	x0, y0     float64 // page area covered by the grid (outside it, cells clamp to the border)
	cols, rows int
	cells      [][]int32
	obs        []obstacle
	stamp      []uint32 // per obstacle: the query that last saw it (dedupes multi-cell entries)
	query      uint32
	plot       rect // the drawing area; leaving it costs a little
}

func newPlacer(x0, y0, w, h, px, py, pw, ph float64) *placer {
	cols := int(w/cellSize) + 1
	rows := int(h/cellSize) + 1
	cols = min(max(cols, 1), 4096)
	rows = min(max(rows, 1), 4096)
	return &placer{x0: x0, y0: y0, cols: cols, rows: rows, cells: make([][]int32, cols*rows), plot: rect{px - 30, py - 30, pw + 60, ph + 60}}
}

func (p *placer) cell(x, y float64) (int, int) {
	cx := int(math.Floor((x - p.x0) / cellSize))
	cy := int(math.Floor((y - p.y0) / cellSize))
	return min(max(cx, 0), p.cols-1), min(max(cy, 0), p.rows-1)
}

func (p *placer) insert(id int32, c0x, c0y, c1x, c1y int) {
	for cy := c0y; cy <= c1y; cy++ {
		for cx := c0x; cx <= c1x; cx++ {
			k := cy*p.cols + cx
			cell := p.cells[k]
			if n := len(cell); n > 0 && cell[n-1] == id {
				continue
			}
			p.cells[k] = append(cell, id)
		}
	}
}

func (p *placer) addBox(r rect, kind obstacleKind, owner int) {
	if !(r.w >= 0 && r.h >= 0) || math.IsInf(r.x, 0) || math.IsInf(r.y, 0) {
		return
	}
	id := int32(len(p.obs))
	p.obs = append(p.obs, obstacle{kind: kind, owner: owner, box: r})
	p.stamp = append(p.stamp, 0)
	x0, y0 := p.cell(r.x, r.y)
	x1, y1 := p.cell(r.x+r.w, r.y+r.h)
	p.insert(id, x0, y0, x1, y1)
}

// addSegment files a line under every cell it passes through (a grid walk, Amanatides-Woo).
func (p *placer) addSegment(a, b Point, owner int) {
	if math.IsNaN(a.X+a.Y+b.X+b.Y) || math.IsInf(a.X+a.Y+b.X+b.Y, 0) {
		return
	}
	id := int32(len(p.obs))
	p.obs = append(p.obs, obstacle{kind: obstacleSegment, owner: owner, a: a, b: b})
	p.stamp = append(p.stamp, 0)
	cx, cy := p.cell(a.X, a.Y)
	ex, ey := p.cell(b.X, b.Y)
	dx, dy := b.X-a.X, b.Y-a.Y
	stepX, stepY := 1, 1
	if dx < 0 {
		stepX = -1
	}
	if dy < 0 {
		stepY = -1
	}
	// Parameter t (0..1 along the segment) at which the walk crosses the next cell border.
	next := func(pos, d float64, c, step int, origin float64) (tMax, tDelta float64) {
		if d == 0 {
			return math.Inf(1), math.Inf(1)
		}
		border := origin + float64(c)*cellSize
		if step > 0 {
			border += cellSize
		}
		return (border - pos) / d, cellSize / math.Abs(d)
	}
	tMaxX, tDeltaX := next(a.X, dx, cx, stepX, p.x0)
	tMaxY, tDeltaY := next(a.Y, dy, cy, stepY, p.y0)
	for n := 0; n <= p.cols+p.rows; n++ {
		p.insert(id, cx, cy, cx, cy)
		if cx == ex && cy == ey {
			return
		}
		if tMaxX < tMaxY {
			cx += stepX
			tMaxX += tDeltaX
		} else {
			cy += stepY
			tMaxY += tDeltaY
		}
		if cx < 0 || cy < 0 || cx >= p.cols || cy >= p.rows {
			return
		}
	}
}

func (p *placer) addRectEdges(r rect) {
	tl, tr := Point{r.x, r.y}, Point{r.x + r.w, r.y}
	bl, br := Point{r.x, r.y + r.h}, Point{r.x + r.w, r.y + r.h}
	p.addSegment(tl, tr, 0)
	p.addSegment(tr, br, 0)
	p.addSegment(br, bl, 0)
	p.addSegment(bl, tl, 0)
}

// cost is the total penalty of putting a label of the given owner in box r; it stops counting
// once it passes limit (the best candidate so far), since such a candidate cannot win.
func (p *placer) cost(r rect, owner int, limit float64) float64 {
	var c float64
	if !(r.x >= p.plot.x && r.y >= p.plot.y && r.x+r.w <= p.plot.x+p.plot.w && r.y+r.h <= p.plot.y+p.plot.h) {
		c += 20
	}
	p.query++
	x0, y0 := p.cell(r.x, r.y)
	x1, y1 := p.cell(r.x+r.w, r.y+r.h)
	for cy := y0; cy <= y1; cy++ {
		for cx := x0; cx <= x1; cx++ {
			for _, id := range p.cells[cy*p.cols+cx] {
				if p.stamp[id] == p.query {
					continue
				}
				p.stamp[id] = p.query
				o := &p.obs[id]
				switch o.kind {
				case obstacleSegment:
					if r.crosses(o.a, o.b) {
						c += penalty[o.kind]
					}
				default:
					if o.kind == obstacleMarker && o.owner == owner && owner != 0 {
						continue
					}
					if r.overlaps(o.box) {
						c += penalty[o.kind]
					}
				}
				if c >= limit {
					return c
				}
			}
		}
	}
	return c
}

// labelJob is a label waiting to be drawn: a component's or an evolved copy's name.
type labelJob struct {
	ref    Ref
	text   []string
	at     Point   // the marker's centre
	r      float64 // the marker's radius
	k      float64 // OWM's default-offset multiplier (2 for decorated, 3 for ecosystem)
	off    mapdsl.Offset
	colour Color
	owner  int
	link   string
}

// candidate is a label position: the anchor and the first baseline relative to the marker.
type candidate struct {
	anchor TextAnchor
	dx, dy float64
}

// candidates lists the positions tried for a label, best first: OWM's default offset, then
// right and left of the marker centred on it, above and below, the diagonals, and the same
// further out.
func candidates(j *labelJob, f Font, buf []candidate) []candidate {
	asc, desc := AscentRatio*f.Size, DescentRatio*f.Size
	extra := float64(len(j.text)-1) * (f.Size + lineHeightExtra)
	bh := asc + desc + extra
	r, k := j.r, j.k
	mid := -bh/2 + asc // first baseline of a block centred on the marker's y
	buf = append(buf[:0],
		candidate{AnchorStart, 5 * k, -10*k - extra},
		candidate{AnchorStart, r + 5, mid},
		candidate{AnchorEnd, -(r + 5), mid},
		candidate{AnchorEnd, -5 * k, -10*k - extra},
		candidate{AnchorMiddle, 0, -(r + 3) - desc - extra},
		candidate{AnchorMiddle, 0, r + 3 + asc},
		candidate{AnchorStart, 5 * k, r + 2 + asc},
		candidate{AnchorEnd, -5 * k, r + 2 + asc},
	)
	for _, far := range []float64{12, 26} {
		buf = append(buf,
			candidate{AnchorStart, r + far, mid},
			candidate{AnchorEnd, -(r + far), mid},
			candidate{AnchorStart, 5 * k, -10*k - extra - far},
			candidate{AnchorEnd, -5 * k, -10*k - extra - far},
			candidate{AnchorMiddle, 0, -(r + 3) - desc - extra - far},
			candidate{AnchorMiddle, 0, r + 3 + asc + far},
			candidate{AnchorStart, 5 * k, r + 2 + asc + far},
			candidate{AnchorEnd, -5 * k, r + 2 + asc + far},
		)
	}
	return buf
}

// labels draws every pending label: explicit offsets first (they are obstacles for the rest),
// then the automatic ones in map order.
func (l *layout) labels() {
	t := l.t
	f := Font{Family: t.textFont, Size: t.labelSize}
	for i := range l.labels_ {
		j := &l.labels_[i]
		if !j.off.Present {
			continue
		}
		x := j.at.X + finite(j.off.DX.Value, 0)
		y := j.at.Y + finite(j.off.DY.Value, 0)
		anchor := AnchorStart
		if len(j.text) > 1 {
			anchor = AnchorMiddle // OWM centres multi-line names on the label point
		}
		r := l.emitLabel(j, f, x, y, anchor)
		l.place.addBox(r, obstacleLabel, 0)
	}
	var buf []candidate
	for i := range l.labels_ {
		j := &l.labels_[i]
		if j.off.Present || isBlank(j.text) {
			continue
		}
		buf = candidates(j, f, buf)
		best, bestCost := 0, math.Inf(1)
		var bestBox rect
		w := blockWidth(j.text, f)
		for ci, c := range buf {
			box := boxAt(w, len(j.text), f, j.at.X+c.dx, j.at.Y+c.dy, c.anchor)
			cost := l.place.cost(box, j.owner, bestCost) + 0.5*float64(ci)
			if cost < bestCost {
				best, bestCost, bestBox = ci, cost, box
				if cost < 1 {
					break
				}
			}
		}
		c := buf[best]
		l.emitLabel(j, f, j.at.X+c.dx, j.at.Y+c.dy, c.anchor)
		l.place.addBox(bestBox, obstacleLabel, 0)
	}
}

func isBlank(ls []string) bool {
	for _, s := range ls {
		if s != "" {
			return false
		}
	}
	return true
}

func (l *layout) emitLabel(j *labelJob, f Font, x, y float64, anchor TextAnchor) rect {
	lh := f.Size + lineHeightExtra
	for i, s := range j.text {
		if s == "" {
			continue
		}
		it := text(j.ref, zLabel, roundTo(x, 100), roundTo(y+float64(i)*lh, 100), s, f, j.colour, anchor)
		it.Link = j.link
		l.add(it)
	}
	return textBox(j.text, f, x, y, anchor)
}
