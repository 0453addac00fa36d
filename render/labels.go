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
// arrows, pipeline boxes). Boxes live in a uniform grid so that each test only looks at its
// neighbourhood. Lines are tested exactly, from the same grid, while a map has few of them; on a
// map with many long lines they are rasterised instead into a summed-area table, so that the
// amount of line under a candidate costs one lookup however many lines cross the region.
// Placement therefore costs about the same per label on a 40- or a 5,000-component map.

// rect is an axis-aligned box, x and y its top-left corner.
type rect struct{ x, y, w, h float64 }

func (r rect) overlaps(o rect) bool {
	return r.x < o.x+o.w && o.x < r.x+r.w && r.y < o.y+o.h && o.y < r.y+r.h
}

// crosses reports whether the segment a-b passes through the inside of r (Liang-Barsky, after
// a quick rejection by bounding box, which settles most pairs).
func (r rect) crosses(a, b Point) bool {
	x1, y1 := r.x+r.w, r.y+r.h
	// Bounding-box rejection with plain comparisons (math.Min/Max handle NaN and are slower).
	if (a.X <= r.x && b.X <= r.x) || (a.X >= x1 && b.X >= x1) || (a.Y <= r.y && b.Y <= r.y) || (a.Y >= y1 && b.Y >= y1) {
		return false
	}
	t0, t1 := 0.0, 1.0
	dx, dy := b.X-a.X, b.Y-a.Y
	ps := [4]float64{-dx, dx, -dy, dy}
	qs := [4]float64{a.X - r.x, x1 - a.X, a.Y - r.y, y1 - a.Y}
	for i, p := range ps {
		q := qs[i]
		if p == 0 {
			if q <= 0 {
				return false
			}
			continue
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
	}
	return t1-t0 > 1e-9
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

// rasterAbove is the number of (line, cell) pairs above which lines are rasterised rather than
// tested one by one.
const rasterAbove = 6000

// placer holds every obstacle in a uniform grid over the page. Each cell is a linked list of
// entries (head, next, obstacle id), kept in flat int32 slices: no per-cell allocation and
// nothing for the garbage collector to scan.
type placer struct {
	x0, y0     float64 // page area covered by the grid (outside it, cells clamp to the border)
	cols, rows int
	head       []int32 // per cell: first entry, -1 when empty
	next       []int32 // per entry: the next entry of the same cell, -1 at the end
	entry      []int32 // per entry: the obstacle
	obs        []obstacle
	stamp      []uint32 // per obstacle: the query that last saw it (dedupes multi-cell entries)
	query      uint32
	plot       rect // the drawing area; leaving it costs a little

	segs     [][2]Point // lines, until freeze files them
	segCells int        // how many (line, cell) pairs they make
	lines    *lineRaster
	frozen   bool
}

// lineRaster counts, per cell of res x res page units, how many lines pass through it, as a
// summed-area table: sat[y*(cols+1)+x] is the total over the cells above and left of (x, y).
type lineRaster struct {
	x0, y0, res float64
	cols, rows  int
	sat         []int32
}

// segmentCellPenalty is the cost of one raster cell of line inside a label: a line crossing a
// label costs about what it costs when tested exactly (8).
const segmentCellPenalty = 2

func newPlacer(x0, y0, w, h, px, py, pw, ph float64) *placer {
	cols := int(w/cellSize) + 1
	rows := int(h/cellSize) + 1
	// Absurd pages (a hostile size) keep a bounded grid: cells clamp to the border.
	cols = min(max(cols, 1), 1024)
	rows = min(max(rows, 1), 1024)
	head := make([]int32, cols*rows)
	for i := range head {
		head[i] = -1
	}
	return &placer{x0: x0, y0: y0, cols: cols, rows: rows, head: head, plot: rect{px - 30, py - 30, pw + 60, ph + 60}}
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
			if h := p.head[k]; h >= 0 && p.entry[h] == id {
				continue
			}
			p.entry = append(p.entry, id)
			p.next = append(p.next, p.head[k])
			p.head[k] = int32(len(p.entry) - 1)
		}
	}
}

func (p *placer) addObstacle(o obstacle) int32 {
	p.obs = append(p.obs, o)
	p.stamp = append(p.stamp, 0)
	return int32(len(p.obs) - 1)
}

func (p *placer) addBox(r rect, kind obstacleKind, owner int) {
	if !(r.w >= 0 && r.h >= 0) || math.IsInf(r.x, 0) || math.IsInf(r.y, 0) {
		return
	}
	id := p.addObstacle(obstacle{kind: kind, owner: owner, box: r})
	x0, y0 := p.cell(r.x, r.y)
	x1, y1 := p.cell(r.x+r.w, r.y+r.h)
	p.insert(id, x0, y0, x1, y1)
}

// addSegment records a line; freeze files it when the first label is placed.
func (p *placer) addSegment(a, b Point, owner int) {
	if math.IsNaN(a.X+a.Y+b.X+b.Y) || math.IsInf(a.X+a.Y+b.X+b.Y, 0) || p.frozen {
		return
	}
	p.segs = append(p.segs, [2]Point{a, b})
	p.segCells += int(float64(math.Abs(b.X-a.X)/cellSize)+float64(math.Abs(b.Y-a.Y)/cellSize)) + 1
}

func (p *placer) addRectEdges(r rect) {
	tl, tr := Point{r.x, r.y}, Point{r.x + r.w, r.y}
	bl, br := Point{r.x, r.y + r.h}, Point{r.x + r.w, r.y + r.h}
	p.addSegment(tl, tr, 0)
	p.addSegment(tr, br, 0)
	p.addSegment(br, bl, 0)
	p.addSegment(bl, tl, 0)
}

// freeze files the recorded lines: in the grid when they are few, else in a raster.
func (p *placer) freeze() {
	p.frozen = true
	if p.segCells > rasterAbove {
		p.rasterise()
	} else {
		for _, s := range p.segs {
			p.fileSegment(s[0], s[1])
		}
	}
	p.segs = nil
}

// fileSegment files a line under every cell it passes through (a grid walk, Amanatides-Woo).
func (p *placer) fileSegment(a, b Point) {
	id := p.addObstacle(obstacle{kind: obstacleSegment, a: a, b: b})
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
		border := origin + float64(float64(c)*cellSize)
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

// rasterise counts the lines per raster cell and builds their summed-area table.
func (p *placer) rasterise() {
	w, h := float64(p.cols)*cellSize, float64(p.rows)*cellSize
	res := math.Max(5, math.Ceil(math.Sqrt(w*h/2e6)))
	lr := &lineRaster{x0: p.x0, y0: p.y0, res: res, cols: int(w/res) + 1, rows: int(h/res) + 1}
	// Counts go straight into the table's cells, then become prefix sums in place.
	stride := lr.cols + 1
	lr.sat = make([]int32, stride*(lr.rows+1))
	for _, s := range p.segs {
		a, b := s[0], s[1]
		n := int(math.Hypot(b.X-a.X, b.Y-a.Y)/(res/2)) + 1
		n = min(n, 2*(lr.cols+lr.rows))
		last := -1
		for i := 0; i <= n; i++ {
			t := float64(i) / float64(n)
			cx := int(math.Floor((a.X + float64((b.X-a.X)*t) - lr.x0) / res))
			cy := int(math.Floor((a.Y + float64((b.Y-a.Y)*t) - lr.y0) / res))
			if cx < 0 || cy < 0 || cx >= lr.cols || cy >= lr.rows {
				continue
			}
			if k := (cy+1)*stride + cx + 1; k != last {
				lr.sat[k]++
				last = k
			}
		}
	}
	for y := 1; y <= lr.rows; y++ {
		var row int32
		for x := 1; x <= lr.cols; x++ {
			row += lr.sat[y*stride+x]
			lr.sat[y*stride+x] = lr.sat[(y-1)*stride+x] + row
		}
	}
	p.lines = lr
}

// amount is the number of line cells whose centres lie inside r.
func (lr *lineRaster) amount(r rect) int32 {
	x0 := max(int(math.Ceil((r.x-lr.x0)/lr.res-0.5)), 0)
	y0 := max(int(math.Ceil((r.y-lr.y0)/lr.res-0.5)), 0)
	x1 := min(int(math.Floor((r.x+r.w-lr.x0)/lr.res-0.5)), lr.cols-1)
	y1 := min(int(math.Floor((r.y+r.h-lr.y0)/lr.res-0.5)), lr.rows-1)
	if x0 > x1 || y0 > y1 {
		return 0
	}
	stride := lr.cols + 1
	return lr.sat[(y1+1)*stride+x1+1] - lr.sat[y0*stride+x1+1] - lr.sat[(y1+1)*stride+x0] + lr.sat[y0*stride+x0]
}

// maxScan bounds the obstacles one candidate looks at. A real map never has that many near one
// label (the corpus needs at most 12), so its placement is exact; on a map far denser than any a
// person could read (thousands of components on one page) it keeps the cost of a candidate
// constant, so that Layout stays linear in the number of components: the candidate is judged by
// the obstacles it met first.
const maxScan = 32

// cost is the total penalty of putting a label of the given owner in box r; it stops counting
// once it passes limit (the best candidate so far), since such a candidate cannot win, or once
// it has looked at maxScan obstacles.
func (p *placer) cost(r rect, owner int, limit float64) float64 {
	if !p.frozen {
		p.freeze()
	}
	var c float64
	if p.lines != nil {
		c = segmentCellPenalty * float64(p.lines.amount(r))
		if c >= limit {
			return c
		}
	}
	if !(r.x >= p.plot.x && r.y >= p.plot.y && r.x+r.w <= p.plot.x+p.plot.w && r.y+r.h <= p.plot.y+p.plot.h) {
		c += 20
	}
	p.query++
	scanned := 0
	x0, y0 := p.cell(r.x, r.y)
	x1, y1 := p.cell(r.x+r.w, r.y+r.h)
	for cy := y0; cy <= y1; cy++ {
		for cx := x0; cx <= x1; cx++ {
			for e := p.head[cy*p.cols+cx]; e >= 0; e = p.next[e] {
				id := p.entry[e]
				if p.stamp[id] == p.query {
					continue
				}
				p.stamp[id] = p.query
				if scanned++; scanned > maxScan {
					return c
				}
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
	ref  Ref
	text []string
	at   Point   // the marker's centre
	r    float64 // the marker's radius
	k    float64 // OWM's default-offset multiplier (2 for decorated, 3 for ecosystem)
	off  offset
	// adjust applies OWM's post-adjustment of small offsets (components that evolve or carry
	// build/buy/outsource, and evolved copies): see owmOffset.
	adjust bool
	// renamed: the evolve gives the copy a new name; OWM then moves a small dx to 16, not 5.
	renamed bool
	colour  Color
	owner   int
	link    string
}

// offset is an explicit label offset in pixels; set is false when the map gives none.
type offset struct {
	dx, dy float64
	set    bool
}

func offsetOf(o mapdsl.Offset) offset {
	return offset{finite(o.DX.Value, 0), finite(o.DY.Value, 0), o.Present}
}

// owmOffset is where OWM puts a label's first baseline relative to its marker: the explicit
// offset, else the default (5, -10) times the decorator multiplier k. For the labels it adjusts
// (see labelJob.adjust), OWM's renderer then moves a small dx to 5 (16 when the evolve renames)
// and a small dy to +20 (below the marker): each when its magnitude is at most 10 (dialect
// reference §2.4, §3.6).
func owmOffset(j *labelJob) (dx, dy float64) {
	dx, dy = 5*j.k, -10*j.k
	if j.off.set {
		dx, dy = j.off.dx, j.off.dy
	}
	if j.adjust {
		if math.Abs(dx) <= 10 {
			dx = 5
			if j.renamed {
				dx = 16
			}
		}
		if math.Abs(dy) <= 10 {
			dy = 20
		}
	}
	return dx, dy
}

// owmCandidate is OWM's own place for a label without an offset: a single line starts at the
// offset; the lines of a multi-line name are centred on it, and stacked upwards from it when
// it lies above the marker.
func owmCandidate(j *labelJob, f Font) candidate {
	dx, dy := owmOffset(j)
	c := candidate{AnchorStart, dx, dy}
	if len(j.text) > 1 {
		c.anchor = AnchorMiddle
		if dy < 0 {
			c.dy -= float64(float64(len(j.text)-1) * (f.Size + lineHeightExtra))
		}
	}
	return c
}

// collides reports whether a label of the given owner in box r would cover another label or
// a marker (its own marker aside). Lines do not count: OWM draws labels across them, and so
// does Mapwright when that is the only thing in the way.
func (p *placer) collides(r rect, owner int) bool {
	// Boxes that only touch do not collide: a text box includes the font's spacing, so a label
	// may come within 2 px of a marker (as OWM's often do) and within half a pixel of a label.
	inset := func(d float64) rect { return rect{r.x + d, r.y + d, r.w - float64(2*d), r.h - float64(2*d)} }
	nearLabel, nearMarker := inset(0.5), inset(2)
	x0, y0 := p.cell(r.x, r.y)
	x1, y1 := p.cell(r.x+r.w, r.y+r.h)
	for cy := y0; cy <= y1; cy++ {
		for cx := x0; cx <= x1; cx++ {
			for e := p.head[cy*p.cols+cx]; e >= 0; e = p.next[e] {
				o := &p.obs[p.entry[e]]
				if o.kind == obstacleSegment || o.kind == obstacleMarker && owner != 0 && o.owner == owner {
					continue
				}
				if o.kind == obstacleMarker && nearMarker.overlaps(o.box) || o.kind == obstacleLabel && nearLabel.overlaps(o.box) {
					return true
				}
			}
		}
	}
	return false
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
	line := LineBox(f, "", 0, 0, AnchorStart)
	asc, desc := -line.Top, line.Bottom
	extra := float64(float64(len(j.text)-1) * (f.Size + lineHeightExtra))
	bh := asc + desc + extra
	r, k := j.r, j.k
	mid := float64(-bh/2) + asc // first baseline of a block centred on the marker's y
	buf = append(buf[:0],
		owmCandidate(j, f),
		candidate{AnchorStart, r + 5, mid},
		candidate{AnchorEnd, -(r + 5), mid},
		candidate{AnchorEnd, -5 * k, float64(-10*k) - extra},
		candidate{AnchorMiddle, 0, -(r + 3) - desc - extra},
		candidate{AnchorMiddle, 0, r + 3 + asc},
		candidate{AnchorStart, 5 * k, r + 2 + asc},
		candidate{AnchorEnd, -5 * k, r + 2 + asc},
	)
	for _, far := range []float64{12, 26} {
		buf = append(buf,
			candidate{AnchorStart, r + far, mid},
			candidate{AnchorEnd, -(r + far), mid},
			candidate{AnchorStart, 5 * k, float64(-10*k) - extra - far},
			candidate{AnchorEnd, -5 * k, float64(-10*k) - extra - far},
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
		l.stop.Point()
		j := &l.labels_[i]
		if !j.off.set {
			continue
		}
		if c, ok := l.pin(j); ok {
			// As the whole map draws it: an evolve arriving later moves a small offset (owmOffset).
			l.place.addBox(l.emitLabel(j, f, j.at.X+c.dx, j.at.Y+c.dy, c.anchor), obstacleLabel, 0)
			continue
		}
		dx, dy := owmOffset(j)
		x := j.at.X + dx
		y := j.at.Y + dy
		anchor := AnchorStart
		if len(j.text) > 1 {
			anchor = AnchorMiddle // OWM centres multi-line names on the label point
		}
		r := l.emitLabel(j, f, x, y, anchor)
		l.place.addBox(r, obstacleLabel, 0)
	}
	var buf []candidate
	for i := range l.labels_ {
		l.stop.Point()
		j := &l.labels_[i]
		if j.off.set || isBlank(j.text) {
			continue
		}
		if c, ok := l.pin(j); ok {
			l.place.addBox(l.emitLabel(j, f, j.at.X+c.dx, j.at.Y+c.dy, c.anchor), obstacleLabel, 0)
			continue
		}
		buf = candidates(j, f, buf)
		best, bestCost := 0, math.Inf(1)
		var bestBox rect
		w := blockWidth(j.text, f)
		// OWM's place, unless the label would cover another label or a marker there: only
		// then is it moved, to the candidate that costs least.
		if c := buf[0]; !l.place.collides(boxAt(w, len(j.text), f, j.at.X+c.dx, j.at.Y+c.dy, c.anchor), j.owner) {
			buf = buf[:1]
		}
		for ci, c := range buf {
			box := boxAt(w, len(j.text), f, j.at.X+c.dx, j.at.Y+c.dy, c.anchor)
			cost := l.place.cost(box, j.owner, bestCost) + float64(0.5*float64(ci))
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
	l.flowValues()
}

// pinKey finds a label of the whole map (Options.Whole) for a step: its kind and source line.
type pinKey struct {
	kind ElementKind
	line int
}

// labelPins are the places of the labels of whole, the scene of the whole map, relative to
// their markers and before scaling: what labels() puts the step's labels on.
func labelPins(whole *Scene) map[pinKey]candidate {
	if whole == nil {
		return nil
	}
	k := whole.Scale
	if k <= 0 {
		k = 1
	}
	pins := map[pinKey]candidate{}
	for i := range whole.Items {
		it := &whole.Items[i]
		if it.Shape != ShapeText || it.Origin == nil || it.Ref.Line <= 0 || (it.Ref.Kind != ElemLabel && it.Ref.Kind != ElemEvolvedLabel) {
			continue
		}
		key := pinKey{it.Ref.Kind, it.Ref.Line}
		if _, seen := pins[key]; !seen { // the first line of the label
			pins[key] = candidate{it.Anchor, (it.X - it.Origin.X) / k, (it.Y - it.Origin.Y) / k}
		}
	}
	return pins
}

// pin is where the whole map (Options.Whole) has the label of j, if it has it.
func (l *layout) pin(j *labelJob) (candidate, bool) {
	if j.ref.Line <= 0 {
		return candidate{}, false
	}
	c, ok := l.pins[pinKey{j.ref.Kind, j.ref.Line}]
	return c, ok
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
		it := text(j.ref, zLabel, roundTo(x, 100), roundTo(y+float64(float64(i)*lh), 100), s, f, j.colour, anchor)
		it.Link = j.link
		origin := j.at
		it.Origin = &origin
		l.add(it)
	}
	return textBox(j.text, f, x, y, anchor)
}

// LabelOffset returns the `label [dx, dy]` offset, in map pixels, that draws the label ref
// (Kind ElemLabel or ElemEvolvedLabel) exactly where it is now, whether it was placed
// automatically or not: what an editor writes into the text when the user drags the label
// (add the drag, divided by s.Scale, to the result). ok is false when the scene has no such label.
func (s *Scene) LabelOffset(ref Ref) (dx, dy float64, ok bool) {
	var first *Item
	var width float64
	lines := 0
	for i := range s.Items {
		it := &s.Items[i]
		if it.Shape != ShapeText || it.Ref.Kind != ref.Kind || it.Ref.Index != ref.Index || it.Origin == nil {
			continue
		}
		if first == nil {
			first = it
		}
		lines++
		width = math.Max(width, MeasureText(it.Font, it.Text))
	}
	if first == nil {
		return 0, 0, false
	}
	// Left edge of the block, then the point an explicit offset names: the left end of a
	// single line, the centre of a multi-line block.
	x := ItemBox(first).Left
	if lines > 1 {
		if first.Anchor == AnchorMiddle {
			x = first.X
		} else if first.Anchor == AnchorEnd {
			x = first.X - float64(width/2)
		} else {
			x = first.X + float64(width/2)
		}
	}
	k := s.Scale
	if k <= 0 {
		k = 1
	}
	return roundTo((x-first.Origin.X)/k, 100), roundTo((first.Y-first.Origin.Y)/k, 100), true
}
