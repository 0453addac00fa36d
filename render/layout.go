package render

import (
	"context"
	"fmt"
	"math"
	"sort"
	"strconv"
	"strings"

	"mapwright/internal/cancel"
	"mapwright/mapdsl"
)

// Drawing order, bottom to top (dialect reference §3.4). Items of equal Z keep the order in
// which Layout emits them.
const (
	zBackground = 0
	zGrid       = 10
	zArea       = 20
	zAreaLabel  = 21
	zFlowBand   = 30
	zLink       = 31
	zLinkText   = 32
	zEvolve     = 33
	// The annotations legend covers links but not pipelines, components and names, as in the
	// pictures OWM's renderer draws (a pipeline runs across a legend placed over it).
	zLegend      = 35
	zPipeline    = 40
	zPipeEnd     = 41
	zAccelerator = 45
	zMethod      = 50
	zEcosystem   = 51
	zComponent   = 52
	zMarket      = 53
	zInertia     = 54
	zAnchor      = 55
	zLabel       = 56
	zNote        = 61
	zAnnotation  = 62
)

// Sizes in page units, from OWM's drawing (dialect reference §3).
const (
	lineHeightExtra    = 1    // a label line is font size + 1 px tall (15 px for 14 px text)
	pipelineHeight     = 22   // pipeline box height
	pipelineDrop       = 11   // children sit this far below the parent's y
	pipelinePad        = 15   // the box extends this far past its end children
	pipelineLegacyDrop = 2    // `pipeline X [a, b]`: the box's top edge this far below the parent's y
	methodR            = 15   // build/buy/outsource disc radius
	legendMargin       = 4    // the annotations legend keeps this far inside the page's edges
	marketR            = 18   // market symbol radius
	ecosystemR         = 30   // ecosystem symbol outer radius
	annotR             = 15   // annotation marker radius
	annotTextSize      = 16   // annotation numbers and legend text
	accelSize          = 40   // accelerator icon width and height
	stageLabelSize     = 13   // stage label and axis caption size
	titleSize          = 20   // title size
	contextSize        = 11   // link context text size
	flowLabelSize      = 14   // flow value size
	areaLabelSize      = 12   // pioneers/settlers/town planners caption size
	areaCorner         = 8    // pioneers/settlers/town planners corner radius
	legendRow          = 18   // legend line spacing
	inertiaW           = 6    // inertia bar width
	inertiaH           = 20   // inertia bar height
	axisHeadLen        = 12   // evolution axis arrowhead length and width
	evolveHeadLen      = 12   // evolve arrowhead length and width, per unit of the arrow's line width
	evolveHeadGap      = 6    // from the evolved copy's centre back to the evolve arrowhead's tip, per unit of width
	inertiaNudge       = 0.02 // maturity right of a non-evolving component where its bar sits
	inertiaFallback    = 0.05 // maturity right of an evolving component when no boundary lies between
)

// Layout draws a map as a Scene. It never fails: elements it cannot place (a link to an unknown
// name, a pipeline of no component) are left out, as OWM leaves them out.
func Layout(m *mapdsl.Map, opts Options) *Scene {
	return layoutWith(nil, m, opts)
}

// LayoutContext is Layout that stops when ctx is done: it then returns ctx's error and a nil
// scene.
func LayoutContext(ctx context.Context, m *mapdsl.Map, opts Options) (s *Scene, err error) {
	stop := cancel.New(ctx)
	defer stop.Recover(&err)
	s = layoutWith(stop, m, opts)
	if err := stop.Err(); err != nil {
		return nil, err
	}
	return s, nil
}

func layoutWith(stop *cancel.Check, m *mapdsl.Map, opts Options) *Scene {
	if m == nil {
		m = &mapdsl.Map{}
	}
	style := opts.Style
	if style == "" {
		style = MapStyle(m)
	}
	l := &layout{stop: stop, m: m, t: themeFor(ParseStyle(string(style))), caption: opts.Caption, pins: labelPins(opts.Whole), emph: opts.Emphasis}
	l.w, l.h = sizeOf(m, opts)
	mg := DefaultMargins
	if opts.Margins != nil {
		mg = *opts.Margins
	}
	l.ox, l.oy = mg.Left, mg.Top
	l.s = &Scene{
		Width:      l.ox + l.w + mg.Right,
		Height:     l.oy + l.h + mg.Bottom,
		Background: l.t.background,
		Title:      titleOf(m) + captionSuffix(opts.Caption),
		Desc:       describe(m),
		PlotX:      l.ox,
		PlotY:      l.oy,
		PlotW:      l.w,
		PlotH:      l.h,
	}
	l.s.Items = make([]Item, 0, 40+8*len(m.Components)+2*len(m.Links)+4*len(m.Evolves)+4*len(m.Anchors)+4*len(m.Notes))
	l.place = newPlacer(-l.ox, -l.oy, l.s.Width+float64(2*l.ox), l.s.Height+float64(2*l.oy), l.ox, l.oy, l.w, l.h)

	l.labels_ = make([]labelJob, 0, len(m.Components)+len(m.Evolves))
	l.frame()
	l.areas()
	l.positions()
	l.links()
	l.evolveArrows()
	l.pipelines()
	l.components()
	l.evolvedCopies()
	l.anchors()
	l.accelerators()
	l.notes()
	l.annotations()
	l.labels()

	l.s.Items = sortByZ(l.s.Items)
	if l.t.hand {
		roughen(l.s.Items)
	}
	growToContent(l.s)
	scaleScene(l.s, finite(opts.Scale, 1))
	MatchPage(l.s, opts.Whole)
	emphasise(l.s, opts.Emphasis, l.t.emphasisColour(), l.s.Scale)
	return l.s
}

// sortByZ orders items by Z, keeping emission order among equals. Items are large, so it sorts
// indices and then moves each item once along the permutation's cycles, in place.
func sortByZ(items []Item) []Item {
	idx := make([]int32, len(items))
	for i := range idx {
		idx[i] = int32(i)
	}
	sort.SliceStable(idx, func(a, b int) bool { return items[idx[a]].Z < items[idx[b]].Z })
	// Position i must receive items[idx[i]].
	for i := range idx {
		if idx[i] < 0 || int(idx[i]) == i {
			continue
		}
		tmp := items[i]
		j := i
		for {
			k := int(idx[j])
			idx[j] = -1
			if k == i {
				items[j] = tmp
				break
			}
			items[j] = items[k]
			j = k
		}
	}
	return items
}

// sizeOf picks the drawing area: the options, then the map's size, then the default.
func sizeOf(m *mapdsl.Map, opts Options) (w, h float64) {
	w, h = finite(opts.Width, 0), finite(opts.Height, 0)
	if w <= 0 {
		w = finite(m.Width, 0)
	}
	if h <= 0 {
		h = finite(m.Height, 0)
	}
	if w <= 0 {
		w = DefaultWidth
	}
	if h <= 0 {
		h = DefaultHeight
	}
	// Keep hostile sizes drawable: no degenerate or absurdly large page (MaxSize).
	w = math.Min(math.Max(w, MinSize), MaxSize)
	h = math.Min(math.Max(h, MinSize), MaxSize)
	return w, h
}

// fitCaption makes a caption fit the room left on the title line (a slide's page does not grow
// for it): a size step or two smaller first, down to three quarters of the title's size, then cut
// at a word (or a letter) with an ellipsis. The Scene's title keeps the whole caption.
func fitCaption(f Font, s string, room float64) (Font, string) {
	if MeasureText(f, s) <= room {
		return f, s
	}
	smallest := f.Size * 0.75
	for f.Size-1 >= smallest && MeasureText(f, s) > room {
		f.Size--
	}
	if MeasureText(f, s) <= room {
		return f, s
	}
	rs := []rune(s)
	for n := len(rs) - 1; n > 1; n-- {
		cut := strings.TrimRight(string(rs[:n]), " ")
		if i := strings.LastIndexByte(cut, ' '); i > len(cut)/2 {
			cut = strings.TrimRight(cut[:i], " ,;:·-")
		}
		if MeasureText(f, cut+"…") <= room {
			return f, cut + "…"
		}
	}
	return f, "…"
}

// captionSuffix is what Options.Caption adds to the Scene's title (a PDF bookmark, an SVG's
// <title>): " · Caption", or nothing.
func captionSuffix(c string) string {
	if c = strings.TrimSpace(c); c != "" {
		return " · " + c
	}
	return ""
}

func titleOf(m *mapdsl.Map) string {
	if t := strings.TrimSpace(m.Title); t != "" {
		return t
	}
	return "Untitled Map"
}

// describe summarises the map for screen readers (the SVG <desc>).
func describe(m *mapdsl.Map) string {
	var parts []string
	count := func(n int, one, many string) {
		if n == 1 {
			parts = append(parts, "1 "+one)
		} else if n > 1 {
			parts = append(parts, strconv.Itoa(n)+" "+many)
		}
	}
	count(len(m.Anchors), "anchor", "anchors")
	count(len(m.Components), "component", "components")
	count(len(m.Links), "link", "links")
	count(len(m.Evolves), "evolving component", "evolving components")
	count(len(m.Pipelines), "pipeline", "pipelines")
	count(len(m.Notes), "note", "notes")
	count(len(m.Annotations), "annotation", "annotations")
	if len(parts) == 0 {
		return "Wardley map " + strconv.Quote(titleOf(m)) + " with no elements."
	}
	return "Wardley map " + strconv.Quote(titleOf(m)) + " with " + strings.Join(parts, ", ") + "."
}

// layout is the state of one Layout call.
type layout struct {
	stop    *cancel.Check // nil unless the layout can be cancelled (LayoutContext)
	m       *mapdsl.Map
	caption string               // Options.Caption
	emph    map[int]bool         // Options.Emphasis (emphasise applies it; the legend's rows here)
	pins    map[pinKey]candidate // where Options.Whole puts the labels
	t       theme
	s       *Scene
	w, h    float64 // drawing area size
	ox, oy  float64 // drawing area top-left on the page
	place   *placer

	comp      []Point // page position of each component (pipeline children included)
	compIndex map[*mapdsl.Component]int
	evolveOf  map[int]int   // component index -> index of its (first) evolve
	evolvedAt map[int]Point // evolve index -> page position of the evolved copy
	evolving  map[int]int   // evolve index -> index of the component it moves
	// evolvesByName is the first evolve of each evolved name.
	evolvesByName map[string]int
	parentOf      map[int]bool // component index -> drawn as a pipeline parent (square)
	names         map[string]endpoint
	loose         map[string]endpoint // normalised names, for OWM's lenient link matching

	labels_   []labelJob
	flows     []flowJob
	pipeBoxes []rect // what flow values keep out of
}

// endpoint is something a link can attach to.
type endpoint struct {
	p       Point
	evolved bool
	owner   int // the marker's owner: component i+1, evolved copy -(ei+1), 0 for an anchor
	evolves int // for a component that evolves, its evolve's index + 1
}

// x and y turn map units into page units.
func (l *layout) x(maturity float64) float64 { return l.ox + float64(finite(maturity, 0)*l.w) }
func (l *layout) y(visibility float64) float64 {
	return l.oy + float64((1-finite(visibility, 0))*l.h)
}

func (l *layout) at(c mapdsl.Coords) Point {
	v, m := c.Visibility.Value, c.Maturity.Value
	if !c.Present && !c.Visibility.Set && !c.Maturity.Set && v == 0 && m == 0 {
		v, m = 0.9, 0.1 // a hand-built zero Coords means "not given": OWM's defaults
	}
	return Point{l.x(m), l.y(v)}
}

func (l *layout) add(it Item) { l.s.Items = append(l.s.Items, it) }

func line(ref Ref, z int, a, b Point, stroke Color, width float64, dash []float64) Item {
	return Item{Shape: ShapeLine, Ref: ref, Z: z, Points: []Point{a, b}, Stroke: stroke, StrokeWidth: width, Dash: dash}
}

func circle(ref Ref, z int, c Point, r float64, stroke Color, width float64, fill Color) Item {
	return Item{Shape: ShapeCircle, Ref: ref, Z: z, X: c.X, Y: c.Y, R: r, Stroke: stroke, StrokeWidth: width, Fill: fill}
}

func text(ref Ref, z int, x, y float64, s string, f Font, fill Color, anchor TextAnchor) Item {
	return Item{Shape: ShapeText, Ref: ref, Z: z, X: x, Y: y, Text: s, Font: f, Fill: fill, Anchor: anchor}
}

// labelFont is the font of component and evolved-copy labels.
func (l *layout) labelFont() Font { return Font{Family: l.t.textFont, Size: l.t.labelSize} }

// lines splits a name into its display lines (names keep "\n" from quoted OWM names).
func lines(s string) []string {
	s = strings.ReplaceAll(s, "\r", "")
	return strings.Split(s, "\n")
}

// textBox is the box a block of lines occupies when its first baseline is at (x, y).
func textBox(ls []string, f Font, x, y float64, anchor TextAnchor) rect {
	r := boxAt(blockWidth(ls, f), len(ls), f, x, y, anchor)
	lh := f.Size + lineHeightExtra
	for i, s := range ls { // lines in other scripts whose ink reaches further (LineBox)
		if Shaped(f, s) == nil {
			continue
		}
		b := LineBox(f, s, x, y+float64(float64(i)*lh), anchor)
		if b.Top < r.y {
			r.h += r.y - b.Top
			r.y = b.Top
		}
		r.h = max(r.h, b.Bottom-r.y)
	}
	return r
}

// blockWidth is the width of the widest line.
func blockWidth(ls []string, f Font) float64 {
	var w float64
	for _, s := range ls {
		w = math.Max(w, MeasureText(f, s))
	}
	return w
}

// boxAt is the box of n lines of width w with the first baseline at (x, y): LineBox's box,
// extended down by the further lines.
func boxAt(w float64, n int, f Font, x, y float64, anchor TextAnchor) rect {
	lh := f.Size + lineHeightExtra
	return rect{x + anchor.Offset(w), y - float64(AscentRatio*f.Size), w, float64(AscentRatio*f.Size) + float64(DescentRatio*f.Size) + float64(float64(n-1)*lh)}
}

// addText emits a block of lines with its first baseline at (x, y) and returns its box.
func (l *layout) addText(ref Ref, z int, ls []string, f Font, fill Color, x, y float64, anchor TextAnchor) rect {
	lh := f.Size + lineHeightExtra
	for i, s := range ls {
		if s == "" {
			continue
		}
		l.add(text(ref, z, x, y+float64(float64(i)*lh), s, f, fill, anchor))
	}
	return textBox(ls, f, x, y, anchor)
}

func refLine(r mapdsl.Range) int { return r.Start.Line }

// frame draws the title, the wardley background, the axes, the stage dividers and labels.
func (l *layout) frame() {
	t := l.t
	ox, oy, w, h := l.ox, l.oy, l.w, l.h
	if t.plotFill != nil {
		l.add(Item{Shape: ShapeRect, Ref: Ref{Kind: ElemBackground}, Z: zBackground, X: ox, Y: oy, W: w, H: h, Gradient: t.plotFill})
	}
	l.title()
	axis := Ref{Kind: ElemAxis}
	caption := Font{Family: t.axisFont, Size: stageLabelSize, Bold: true}
	if !l.m.ValueChainHidden {
		l.add(line(axis, zGrid, Point{ox, oy + h}, Point{ox, oy}, t.axis, t.axisWidth, []float64{2, 2}))
		vc := text(axis, zGrid, ox-6, oy, "Value Chain", caption, t.text, AnchorEnd)
		vc.Rotate = -90
		l.add(vc)
	}
	if t.captions {
		cf := Font{Family: t.axisFont, Size: 11, Bold: true}
		l.add(text(axis, zGrid, ox+10, oy+15, "Uncharted", cf, t.text, AnchorStart))
		l.add(text(axis, zGrid, ox+w-10, oy+15, "Industrialised", cf, t.text, AnchorEnd))
	}
	if !l.m.EvolutionHidden {
		l.evolutionAxis(caption)
	}
}

// title draws the map's title above the plot, and the caption after it when there is one.
func (l *layout) title() {
	t, ox, oy, w := l.t, l.ox, l.oy, l.w
	title := Ref{Kind: ElemTitle, Line: refLine(l.m.TitleRange)}
	tf := Font{Family: t.axisFont, Size: titleSize, Bold: true}
	l.add(text(title, zGrid, ox, oy-10, titleOf(l.m), tf, t.text, AnchorStart))
	if c := strings.TrimSpace(l.caption); c != "" {
		cf := tf
		cf.Bold = false
		x := ox + MeasureText(tf, titleOf(l.m)) + MeasureText(cf, " ")
		cf, s := fitCaption(cf, "· "+c, ox+w-x)
		l.add(text(Ref{Kind: ElemTitle, Index: 1}, zGrid, x, oy-10, s, cf, t.text, AnchorStart))
	}
}

// evolutionAxis draws the evolution axis with its stages, dividers and caption (in the font
// caption).
func (l *layout) evolutionAxis(caption Font) {
	t, ox, oy, w, h := l.t, l.ox, l.oy, l.w, l.h
	axis := Ref{Kind: ElemAxis}
	// OWM's axis stops 2 px short of the map's width; its head, 12 px long and 12 px wide in
	// every style, reaches 1.2 px past the line's end.
	l.add(line(axis, zGrid, Point{ox, oy + h}, Point{ox + w - 2, oy + h}, t.axis, t.axisWidth, nil))
	l.add(arrowHead(axis, zGrid, Point{ox + w - 0.8, oy + h}, Point{1, 0}, axisHeadLen, axisHeadLen/2, t.axis))

	// The stage labels: each starts just right of its divider, but one that would run past the
	// end of the axis (a last stage starting far right, a long custom label) ends at the axis end
	// instead of leaving the page.
	stage := Ref{Kind: ElemStage}
	sf := Font{Family: t.axisFont, Size: stageLabelSize, Italic: true}
	capW := MeasureText(caption, "Evolution")
	captionClear := true // no stage text or divider reaches under the caption
	stages := stagesOf(l.m)
	var dividers [4]float64
	var labels [4][]Item // each stage's one or two label rows
	for i, st := range stages {
		x := l.x(st.Start)
		dividers[i] = x
		if st.Start > 0 {
			x += 7
		}
		for row, s := range []string{st.Label, st.Second} {
			if s == "" {
				continue
			}
			tw := MeasureText(sf, s)
			sx := max(ox, min(x, ox+w-tw))
			labels[i] = append(labels[i], text(stage, zGrid, sx, oy+h+float64(float64(row+1)*stageLabelSize), s, sf, t.text, AnchorStart))
			captionClear = captionClear && sx+tw < ox+w-capW-4
		}
	}
	var stageItems []Item
	for i := range stages {
		if i > 0 {
			// A divider runs on below the axis between the stage labels, unless a label pushed
			// back from the end of the axis lies across it: then it stops at the axis.
			x, bottom := dividers[i], oy+h+2*stageLabelSize
			for _, row := range labels {
				for _, lb := range row {
					if lb.X < x-1 && x+1 < lb.X+MeasureText(sf, lb.Text) {
						bottom = oy + h
					}
				}
			}
			stageItems = append(stageItems, line(stage, zGrid, Point{x, oy}, Point{x, bottom}, t.divider, 1, []float64{2, 2}))
			captionClear = captionClear && (bottom == oy+h || x < ox+w-capW-2)
		}
		stageItems = append(stageItems, labels[i]...)
	}
	// The "Evolution" caption sits at the end of the axis, level with the stages' second row
	// (as OWM draws it); if a stage's second row or a divider reaches under it, it moves below
	// them so that nothing is drawn across it.
	cy := oy + h + 24
	if !captionClear {
		cy = oy + h + 2*stageLabelSize + 14
	}
	l.add(text(axis, zGrid, ox+w, cy, "Evolution", caption, t.text, AnchorEnd))
	for _, it := range stageItems {
		l.add(it)
	}
}

// stagesOf returns the map's four stages, or OWM's defaults for a map built without them.
func stagesOf(m *mapdsl.Map) [4]mapdsl.Stage {
	st := m.Stages
	empty := true
	for _, s := range st {
		if s.Label != "" || s.Start != 0 || s.Second != "" {
			empty = false
		}
	}
	if empty && !m.CustomStages {
		return [4]mapdsl.Stage{
			{Label: "Genesis", Start: mapdsl.DefaultStageStarts[0]},
			{Label: "Custom-Built", Start: mapdsl.DefaultStageStarts[1]},
			{Label: "Product", Second: "(+rental)", Start: mapdsl.DefaultStageStarts[2]},
			{Label: "Commodity", Second: "(+utility)", Start: mapdsl.DefaultStageStarts[3]},
		}
	}
	for i := range st {
		st[i].Start = finite(st[i].Start, mapdsl.DefaultStageStarts[i])
	}
	return st
}

// arrowHead is a filled triangle with its tip at tip, pointing along dir.
func arrowHead(ref Ref, z int, tip, dir Point, length, half float64, fill Color) Item {
	n := math.Hypot(dir.X, dir.Y)
	if n == 0 {
		dir, n = Point{1, 0}, 1
	}
	ux, uy := dir.X/n, dir.Y/n
	bx, by := tip.X-float64(ux*length), tip.Y-float64(uy*length)
	return Item{Shape: ShapePath, Ref: ref, Z: z, Closed: true, Fill: fill, Points: []Point{
		tip, {bx - float64(uy*half), by + float64(ux*half)}, {bx + float64(uy*half), by - float64(ux*half)},
	}}
}

// Pioneers, settlers and town planners: translucent boxes beneath everything, with a caption.
var areaStyle = [...]struct {
	fill, stroke Color
	caption      string
}{
	{Color{0x3c, 0xca, 0xf8, 102}, Color{0x34, 0x90, 0xdd, 179}, "Pioneers"},
	{Color{0x59, 0x9a, 0xfa, 102}, Color{0x39, 0x6d, 0xc0, 179}, "Settlers"},
	{Color{0x93, 0x6f, 0xf9, 102}, Color{0x47, 0x68, 0xc8, 179}, "Town Planners"},
}

// AreaShiftX and AreaShiftY are the page-unit shift OWM applies to every pioneers, settlers and
// town-planners rectangle (its outer margins), reproduced so maps tuned in OWM look the same.
const (
	AreaShiftX = -35
	AreaShiftY = -45
)

func (l *layout) areas() {
	for i, a := range l.m.Areas {
		if a == nil || int(a.Kind) < 0 || int(a.Kind) >= len(areaStyle) {
			continue
		}
		st := areaStyle[a.Kind]
		v1, m1, v2, m2 := a.Nums[0].Value, a.Nums[1].Value, a.Nums[2].Value, a.Nums[3].Value
		if !a.Nums[2].Set && !a.Nums[3].Set && v2 == 0 && m2 == 0 {
			v2, m2 = 0.8, 0.2
		}
		x1, x2 := l.x(m1)+AreaShiftX, l.x(m2)+AreaShiftX
		y1, y2 := l.y(v1)+AreaShiftY, l.y(v2)+AreaShiftY
		r := rect{math.Min(x1, x2), math.Min(y1, y2), math.Abs(x2 - x1), math.Abs(y2 - y1)}
		ref := Ref{Kind: ElemArea, Index: i, Line: refLine(a.Range)}
		// OWM's rounded corners and thin border in the area's colour; the plain rectangle under
		// it, not painted, is what the editor grabs and stretches.
		l.add(Item{Shape: ShapeRect, Ref: ref, Z: zArea, X: r.x, Y: r.y, W: r.w, H: r.h})
		l.add(Item{Shape: ShapePath, Ref: ref, Z: zArea, Points: roundedRect(r, areaCorner), Closed: true, Fill: st.fill, Stroke: st.stroke, StrokeWidth: 1})
		f := Font{Family: l.t.textFont, Size: areaLabelSize, Bold: true}
		l.add(text(ref, zAreaLabel, r.x+float64(r.w/2), r.y+float64(r.h/2)+4, st.caption, f, l.t.areaLabel, AnchorMiddle))
		l.place.addBox(textBox([]string{st.caption}, f, r.x+float64(r.w/2), r.y+float64(r.h/2)+4, AnchorMiddle), obstacleLabel, 0)
	}
}

// roundedRect approximates a rectangle with rounded corners of radius rr as a polygon.
func roundedRect(r rect, rr float64) []Point {
	rr = math.Max(0, math.Min(rr, math.Min(r.w, r.h)/2))
	corners := [4]struct{ cx, cy, from float64 }{
		{r.x + r.w - rr, r.y + rr, -90}, {r.x + r.w - rr, r.y + r.h - rr, 0},
		{r.x + rr, r.y + r.h - rr, 90}, {r.x + rr, r.y + rr, 180},
	}
	pts := make([]Point, 0, 4*5)
	for _, c := range corners {
		for k := 0; k <= 4; k++ {
			a := (c.from + float64(22.5*float64(k))) * math.Pi / 180
			pts = append(pts, Point{roundTo(c.cx+float64(rr*math.Cos(a)), 100), roundTo(c.cy+float64(rr*math.Sin(a)), 100)})
		}
	}
	return pts
}

// positions computes where every component, evolved copy and anchor sits, and the names links
// resolve to.
func (l *layout) positions() {
	m := l.m
	l.comp = make([]Point, len(m.Components))
	l.compIndex = make(map[*mapdsl.Component]int, len(m.Components))
	l.names = make(map[string]endpoint, len(m.Components)+len(m.Anchors))
	l.loose = make(map[string]endpoint, len(m.Components)+len(m.Anchors))
	l.parentOf = map[int]bool{}
	l.evolveOf = map[int]int{}
	l.evolvedAt = map[int]Point{}
	l.evolving = map[int]int{}
	l.evolvesByName = map[string]int{}

	byName := make(map[string]int, len(m.Components))
	for i, c := range m.Components {
		l.stop.Point()
		if c == nil {
			continue
		}
		l.compIndex[c] = i
		if _, dup := byName[c.Name]; !dup && c.Kind != mapdsl.KindPipelineChild {
			byName[c.Name] = i
		}
	}
	for i, c := range m.Components {
		l.stop.Point()
		if c == nil {
			continue
		}
		l.comp[i] = l.at(c.Coords)
	}
	// Pipeline children sit inside their parent's box, on the parent's y.
	for _, p := range m.Pipelines {
		l.stop.Point()
		if p == nil {
			continue
		}
		pi, ok := l.pipelineParent(p, byName)
		if !ok {
			continue
		}
		l.parentOf[pi] = true
		for _, ch := range p.Children {
			if ci, ok := l.compIndex[ch]; ok {
				l.comp[ci] = Point{l.x(ch.Coords.Maturity.Value), l.comp[pi].Y + pipelineDrop}
			}
		}
	}
	for i, c := range m.Components {
		l.stop.Point()
		if c != nil && c.Pipeline != nil {
			l.parentOf[i] = true
		}
	}
	l.evolvePositions(byName)
	l.linkNames()
}

// evolvePositions places every evolved copy on its component's y; byName holds the components
// evolve statements can name.
func (l *layout) evolvePositions(byName map[string]int) {
	m := l.m
	// Pipeline children can be evolved too (OWM's classic renderer drew them), unless a
	// top-level component has the same name.
	for i, c := range m.Components {
		l.stop.Point()
		if c == nil || c.Kind != mapdsl.KindPipelineChild {
			continue
		}
		if _, taken := byName[c.Name]; !taken {
			byName[c.Name] = i
		}
	}
	for ei, e := range m.Evolves {
		l.stop.Point()
		if e == nil {
			continue
		}
		ci, ok := byName[e.Name]
		if !ok {
			continue
		}
		if _, seen := l.evolvesByName[e.Name]; !seen {
			l.evolvesByName[e.Name] = ei
		}
		if _, seen := l.evolveOf[ci]; !seen {
			l.evolveOf[ci] = ei
		}
		l.evolvedAt[ei] = Point{l.x(e.Maturity.Value), l.comp[ci].Y}
		l.evolving[ei] = ci
	}
}

// linkNames records the points link ends resolve to: components and anchors first (first
// definition wins), then evolved copies' new names; an exact match first, then OWM's lenient
// lower-case match.
func (l *layout) linkNames() {
	m := l.m
	addName := func(name string, ep endpoint) {
		if _, ok := l.names[name]; !ok {
			l.names[name] = ep
		}
		if k := looseName(name); k != "" {
			if _, ok := l.loose[k]; !ok {
				l.loose[k] = ep
			}
		}
	}
	for i, c := range m.Components {
		l.stop.Point()
		if c != nil {
			ep := endpoint{p: l.comp[i], owner: i + 1}
			if ei, ok := l.evolveOf[i]; ok {
				ep.evolves = ei + 1
			}
			addName(c.Name, ep)
		}
	}
	for i, a := range m.Anchors {
		l.stop.Point()
		if a != nil {
			addName(a.Name, endpoint{p: l.anchorPoint(i)})
		}
	}
	for ei, e := range m.Evolves {
		l.stop.Point()
		if p, ok := l.evolvedAt[ei]; ok && e.NewName != "" {
			addName(e.NewName, endpoint{p: p, evolved: true, owner: -(ei + 1)})
		}
	}
}

func (l *layout) pipelineParent(p *mapdsl.Pipeline, byName map[string]int) (int, bool) {
	if p.Component != nil {
		if i, ok := l.compIndex[p.Component]; ok {
			return i, true
		}
	}
	i, ok := byName[p.Name]
	return i, ok
}

func (l *layout) anchorPoint(i int) Point { return l.at(l.m.Anchors[i].Coords) }

// looseName is OWM's lenient name for link matching: lower case, whitespace collapsed.
func looseName(s string) string { return strings.ToLower(strings.Join(strings.Fields(s), " ")) }

func (l *layout) endpoint(name string) (endpoint, bool) {
	if ep, ok := l.names[name]; ok {
		return ep, true
	}
	ep, ok := l.loose[looseName(name)]
	return ep, ok
}

// links draws dependencies and flows centre to centre, with flow bands, flow labels and context.
func (l *layout) links() {
	t := l.t
	for i, k := range l.m.Links {
		l.stop.Point()
		if k == nil {
			continue
		}
		a, okA := l.endpoint(k.From)
		b, okB := l.endpoint(k.To)
		if !okA || !okB {
			continue
		}
		ref := Ref{Kind: ElemLink, Index: i, Line: refLine(k.Range)}
		colour, width := t.link, 1.0
		if a.evolved || b.evolved {
			colour, width = t.evolvedLink, t.evolveWidth
		}
		if k.Kind == mapdsl.LinkFlow {
			ref.Kind = ElemFlow
			if t.flowBand.A > 0 {
				l.add(line(ref, zFlowBand, a.p, b.p, t.flowBand, 10, nil))
			}
		}
		l.add(line(ref, zLink, a.p, b.p, colour, width, nil))
		l.place.addSegment(a.p, b.p, 0)
		// OWM also links an anchor to the evolved copy of a component that evolves, in red.
		if a.owner == 0 && !a.evolved && b.evolves > 0 {
			if to, ok := l.evolvedAt[b.evolves-1]; ok {
				l.add(line(ref, zLink, a.p, to, t.evolvedLink, t.evolveWidth, nil))
				l.place.addSegment(a.p, to, 0)
			}
		}
		if k.FlowLabel != "" {
			// Placed with the labels (see flowValues), at the end component as OWM places it.
			l.flows = append(l.flows, flowJob{ref: ref, text: lines(k.FlowLabel), from: a.p, to: b.p, owner: b.owner})
		}
		if ctx := strings.TrimSpace(k.Context); ctx != "" {
			it := alongLine(ref, a.p, b.p, ctx, Font{Family: t.textFont, Size: contextSize}, t.contextText)
			l.add(it)
			l.rotatedTextObstacle(it)
		}
	}
}

// flowJob is a flow value (A+'$0.10'>B) waiting for the labels to be placed.
type flowJob struct {
	ref      Ref
	text     []string
	from, to Point
	owner    int // the end's marker owner (component i+1, evolved copy -(ei+1)), or 0
}

// flowValues draws the flow values, once the component labels are placed. OWM writes a value
// at the link's end component, starting on its centre, over the marker and often over the name;
// Mapwright writes it just beside the end component instead: right of it, or below, above or
// left of it, or else on the line, whichever covers least.
func (l *layout) flowValues() {
	t := l.t
	f := Font{Family: t.textFont, Size: flowLabelSize}
	asc := AscentRatio * f.Size
	ext := map[int]float64{}
	for i := range l.labels_ {
		ext[l.labels_[i].owner] = l.labels_[i].r
	}
	var spots []candidate
	for _, fj := range l.flows {
		w := blockWidth(fj.text, f)
		r, ok := ext[fj.owner]
		if !ok || fj.owner == 0 {
			r = t.compR
		}
		along := Point{fj.from.X - fj.to.X, fj.from.Y - fj.to.Y}
		spots = append(spots[:0],
			candidate{AnchorStart, r + 4, asc / 2},
			candidate{AnchorStart, 5, r + 3 + asc},
			candidate{AnchorStart, 5, -r - 16},
			candidate{AnchorEnd, -r - 4, asc / 2},
			candidate{AnchorEnd, -5, r + 3 + asc},
			candidate{AnchorEnd, -5, -r - 16},
			candidate{AnchorStart, 5, pipelineHeight + 3 + asc}, // below a pipeline box
			candidate{AnchorStart, float64(along.X*0.3) + 4, float64(along.Y*0.3) - 6},
		)
		best, bestCost := spots[0], math.Inf(1)
		for i, c := range spots {
			box := boxAt(w, len(fj.text), f, fj.to.X+c.dx, fj.to.Y+c.dy, c.anchor)
			cost := l.place.cost(box, 0, bestCost) + float64(0.5*float64(i))
			for _, pb := range l.pipeBoxes {
				if box.overlaps(pb) {
					cost += penalty[obstacleMarker]
				}
			}
			if cost < bestCost {
				best, bestCost = c, cost
			}
		}
		box := l.addText(fj.ref, zLinkText, fj.text, f, t.flowText, fj.to.X+best.dx, fj.to.Y+best.dy, best.anchor)
		l.place.addBox(box, obstacleLabel, 0)
	}
}

// alongLine is text centred on a segment's midpoint, 5 px above it, rotated with the segment and
// flipped so it never reads upside down.
func alongLine(ref Ref, a, b Point, s string, f Font, fill Color) Item {
	ang := math.Atan2(b.Y-a.Y, b.X-a.X) * 180 / math.Pi
	if ang > 90 {
		ang -= 180
	} else if ang < -90 {
		ang += 180
	}
	rad := ang * math.Pi / 180
	mid := Point{float64((a.X + b.X) / 2), float64((a.Y + b.Y) / 2)}
	it := text(ref, zLinkText, mid.X+float64(5*math.Sin(rad)), mid.Y-float64(5*math.Cos(rad)), s, f, fill, AnchorMiddle)
	it.Rotate = roundTo(ang, 100)
	return it
}

// rotatedTextObstacle files a rotated text (link context) with the label placer as a chain of
// small boxes along its baseline, which follow a slanted text far better than one box would.
func (l *layout) rotatedTextObstacle(it Item) {
	w := MeasureText(it.Font, it.Text)
	h := it.Font.Size
	a := it.Rotate * math.Pi / 180
	ux, uy := math.Cos(a), math.Sin(a)
	// Centre of the text's middle line, rotated with it.
	cx, cy := it.X+float64(math.Sin(a)*h*0.35), it.Y-float64(math.Cos(a)*h*0.35)
	n := int(w/h) + 1
	for i := 0; i <= n; i++ {
		d := float64(-w/2) + w*float64(i)/float64(n)
		x, y := cx+float64(ux*d), cy+float64(uy*d)
		l.place.addBox(rect{x - float64(h/2), y - float64(h/2), h, h}, obstacleLabel, 0)
	}
}

func roundTo(v, k float64) float64 { return math.Round(v*k) / k }

// evolveArrows draws the red dashed arrow from each evolving component to its evolved copy.
//
// As OWM draws it: a line dashed 5 5 from the component's centre (beneath the markers) and a filled triangle
// 12 px long and 12 px wide (times the line's width: 2 px in the colour style, so 24 px there),
// its tip 6 px (times the width) short of the copy's centre. When the copy carries a build, buy
// or outsource disc, a market or an ecosystem symbol, whose disc would hide most of the head in
// OWM, the tip stops just outside the symbol instead.
func (l *layout) evolveArrows() {
	w := l.t.evolveWidth
	for ei, e := range l.m.Evolves {
		l.stop.Point()
		to, ok := l.evolvedAt[ei]
		if !ok {
			continue
		}
		ci := l.componentOfEvolve(ei)
		from := l.comp[ci]
		r := l.t.compR
		if c := l.m.Components[ci]; c != nil {
			r = l.nodeExtent(c.Decorators)
		}
		dir := 1.0
		if to.X < from.X {
			dir = -1
		}
		back := math.Max(evolveHeadGap*w, r+1) // from the copy's centre to the head's tip
		if math.Abs(to.X-from.X) <= float64(math.Ceil(r/10)*10)+back+float64(evolveHeadLen*w) {
			continue // too close to show an arrow; the copy alone says it
		}
		ref := Ref{Kind: ElemEvolveArrow, Index: ei, Line: refLine(e.Range)}
		tip := Point{to.X - float64(dir*back), to.Y}
		end := to
		if back > evolveHeadGap*w {
			end = Point{tip.X - float64(dir*evolveHeadLen*w/2), tip.Y} // not on through the symbol
		}
		// The line starts outside the component's marker (which in the dark style lets it show
		// through), at the start of a dash as OWM's centre-to-centre dashing has it there.
		start := Point{from.X + float64(dir*math.Ceil(r/10)*10), from.Y}
		l.add(line(ref, zEvolve, start, end, l.t.evolved, w, []float64{5, 5}))
		l.add(arrowHead(ref, zEvolve, tip, Point{dir, 0}, evolveHeadLen*w, evolveHeadLen*w/2, l.t.evolved))
		l.place.addSegment(start, tip, 0)
	}
}

// componentOfEvolve returns the component index an evolve moves (it must be in evolvedAt).
func (l *layout) componentOfEvolve(ei int) int { return l.evolving[ei] }

// pipelines draws each pipeline's box and, for the bracketed form, its two end handles.
func (l *layout) pipelines() {
	t := l.t
	byName := map[string]int{}
	for i, c := range l.m.Components {
		l.stop.Point()
		if c == nil || c.Kind == mapdsl.KindPipelineChild {
			continue
		}
		if _, dup := byName[c.Name]; !dup {
			byName[c.Name] = i
		}
	}
	for pi, p := range l.m.Pipelines {
		l.stop.Point()
		if p == nil || p.Hidden && len(p.Children) == 0 {
			continue
		}
		ci, ok := l.pipelineParent(p, byName)
		if !ok {
			continue
		}
		ref := Ref{Kind: ElemPipeline, Index: pi, Line: refLine(p.Range)}
		y := l.comp[ci].Y
		var x1, x2 float64
		if len(p.Children) > 0 {
			x1, x2 = math.Inf(1), math.Inf(-1)
			for _, ch := range p.Children {
				if chi, ok := l.compIndex[ch]; ok {
					x1 = math.Min(x1, l.comp[chi].X)
					x2 = math.Max(x2, l.comp[chi].X)
				}
			}
			if math.IsInf(x1, 0) {
				continue
			}
		} else {
			x1, x2 = l.x(p.Start.Value), l.x(p.End.Value)
			if x1 > x2 {
				x1, x2 = x2, x1
			}
		}
		if len(p.Children) == 0 {
			y += pipelineLegacyDrop // OWM draws the bracketed form's box 2 px lower
		}
		box := rect{x1 - pipelinePad, y, x2 - x1 + 2*pipelinePad, pipelineHeight}
		l.pipeBoxes = append(l.pipeBoxes, box)
		// 1 px in every style: OWM's pipelineStrokeWidth, even where components are drawn at 2 px.
		l.add(Item{Shape: ShapeRect, Ref: ref, Z: zPipeline, X: box.x, Y: box.y, W: box.w, H: box.h, Stroke: t.compStroke, StrokeWidth: 1})
		l.place.addRectEdges(box)
		if len(p.Children) == 0 {
			mid := y + pipelineHeight/2
			start := Ref{Kind: ElemPipelineStart, Index: pi, Line: ref.Line}
			end := Ref{Kind: ElemPipelineEnd, Index: pi, Line: ref.Line}
			l.add(circle(start, zPipeEnd, Point{l.x(p.Start.Value), mid}, t.compR, t.compStroke, t.compWidth, t.compFill))
			l.add(circle(end, zPipeEnd, Point{l.x(p.End.Value), mid}, t.compR, t.compStroke, t.compWidth, t.compFill))
		}
	}
}

// components draws every component with its decorations (method disc, market and ecosystem
// symbols, submap icon, inertia bar). Labels come later, once every obstacle is known.
func (l *layout) components() {
	t := l.t
	for i, c := range l.m.Components {
		l.stop.Point()
		if c == nil {
			continue
		}
		p := l.comp[i]
		kind := ElemComponent
		if c.Kind == mapdsl.KindSubmap {
			kind = ElemSubmap
		}
		ref := Ref{Kind: kind, Index: i, Line: refLine(c.Range)}
		link := ""
		if c.Kind == mapdsl.KindSubmap {
			link = l.urlOf(c.URLRef)
		}
		ext := l.drawNode(ref, p, c.Decorators, l.parentOf[i], c.Kind == mapdsl.KindSubmap, t.compStroke, t.compFill, link, i+1)
		if c.Inertia {
			l.inertia(i, c, p)
		}
		scale := labelScale(c.Decorators)
		lref := Ref{Kind: ElemLabel, Index: i, Line: ref.Line}
		ei, evolves := l.evolveOf[i]
		if !evolves && c.Kind != mapdsl.KindPipelineChild {
			// OWM treats every component of an evolved name as evolving, though it draws the
			// copy of the first one only.
			ei, evolves = l.evolvesByName[c.Name]
		}
		l.labels_ = append(l.labels_, labelJob{
			ref: lref, text: wrapLines(lines(c.Name), l.labelFont()), at: p, r: ext, k: scale, off: offsetOf(c.Label),
			adjust: evolves || labelMethod(c.Decorators), renamed: evolves && l.m.Evolves[ei].NewName != "",
			colour: t.labelColour, owner: i + 1, link: link,
		})
	}
}

// labelScale is OWM's multiplier of the default label offset for decorated components.
func labelScale(d mapdsl.Decorators) float64 {
	switch {
	case d.Ecosystem:
		return 3
	case d.Market || labelMethod(d):
		return 2
	}
	return 1
}

// copyDecorators are the decorators that place an evolved copy's label: those written on the
// evolve line when it has any, else the component's.
func copyDecorators(comp, evolve mapdsl.Decorators) mapdsl.Decorators {
	if evolve.Method != mapdsl.MethodNone || evolve.Market || evolve.Ecosystem {
		return evolve
	}
	return comp
}

// labelMethod tells whether a build/buy/outsource decorator moves the label as in OWM: one
// written on the component's line does; one from a legacy standalone line, which OWM no longer
// reads, does not.
func labelMethod(d mapdsl.Decorators) bool {
	return d.Method != mapdsl.MethodNone && !d.LegacyMethod
}

// urlOf resolves a submap's url(ref) to its address, or "" when undefined or unsafe.
func (l *layout) urlOf(ref string) string {
	for _, u := range l.m.URLs {
		if u != nil && u.Ref == ref {
			if addr := strings.TrimSpace(u.Address); SafeURL(addr) {
				return addr
			}
			return ""
		}
	}
	return ""
}

// drawNode draws one component-like marker and returns the radius it occupies.
func (l *layout) drawNode(ref Ref, p Point, d mapdsl.Decorators, square, submap bool, stroke, fill Color, link string, owner int) float64 {
	t := l.t
	ext := l.nodeExtent(d)
	if d.Method != mapdsl.MethodNone {
		var f, s Color
		switch d.Method {
		case mapdsl.MethodBuild:
			f, s = RGB(0xd6, 0xd6, 0xd6), black
		case mapdsl.MethodBuy:
			f, s = RGB(0xaa, 0xa5, 0xa9), RGB(0xd6, 0xd6, 0xd6)
		default:
			f, s = RGB(0x44, 0x44, 0x44), t.outsourceEdge
		}
		mref := ref
		if ref.Kind == ElemComponent || ref.Kind == ElemSubmap {
			mref.Kind = ElemMethod
		}
		l.add(circle(mref, zMethod, p, methodR, s, 1, f))
	}
	if d.Ecosystem {
		l.ecosystem(ref, p)
	}
	var node Item
	if square {
		s := 2 * t.compR
		node = Item{Shape: ShapeRect, Ref: ref, Z: zComponent, X: p.X - float64(s/2), Y: p.Y - float64(s/2), W: s, H: s, Stroke: stroke, StrokeWidth: t.compWidth, Fill: fill}
	} else {
		node = circle(ref, zComponent, p, t.compR, stroke, t.compWidth, fill)
	}
	node.Link = link
	l.add(node)
	if d.Market {
		l.market(ref, p, stroke, t.compFill)
	}
	if submap {
		l.chainIcon(ref, Point{p.X - 14, p.Y + 0.5}, stroke, link) // where OWM puts its glyph
	}
	l.place.addBox(rect{p.X - ext, p.Y - ext, 2 * ext, 2 * ext}, obstacleMarker, owner)
	if submap {
		// The chain icon left of the marker; no owner, so its own label avoids it too.
		l.place.addBox(rect{p.X - 22, p.Y - 7.5, 16, 15}, obstacleMarker, 0)
	}
	return ext
}

// nodeExtent is the radius a component-like marker with decorators d covers: its circle, or
// the method disc, market or ecosystem symbol drawn on it.
func (l *layout) nodeExtent(d mapdsl.Decorators) float64 {
	ext := l.t.compR
	if d.Method != mapdsl.MethodNone {
		ext = math.Max(ext, methodR)
	}
	if d.Ecosystem {
		ext = math.Max(ext, ecosystemR)
	}
	if d.Market {
		ext = math.Max(ext, marketR)
	}
	return ext
}

// market draws OWM's market symbol: a circle holding three small circles joined by a triangle.
func (l *layout) market(ref Ref, p Point, stroke, fill Color) {
	mref := ref
	if ref.Kind == ElemComponent || ref.Kind == ElemSubmap {
		mref.Kind = ElemMarket
	}
	l.add(circle(mref, zMarket, p, marketR, stroke, 1, fill))
	var tri []Point
	for _, deg := range []float64{30, 150, 270} {
		a := deg * math.Pi / 180
		tri = append(tri, Point{p.X + float64(10*math.Cos(a)), p.Y + float64(10*math.Sin(a))})
	}
	l.add(Item{Shape: ShapePath, Ref: mref, Z: zMarket, Points: tri, Closed: true, Stroke: Color{0, 0, 0, 204}, StrokeWidth: 2})
	for _, c := range tri {
		l.add(circle(mref, zMarket, c, 5, stroke, 3, fill))
	}
}

// ecosystem draws OWM's ecosystem symbol: concentric circles with a hatched ring.
func (l *layout) ecosystem(ref Ref, p Point) {
	eref := ref
	if ref.Kind == ElemComponent || ref.Kind == ElemSubmap {
		eref.Kind = ElemEcosystem
	}
	l.add(circle(eref, zEcosystem, p, ecosystemR, None, 0, RGB(0xd7, 0xd7, 0xd7)))
	l.add(circle(eref, zEcosystem, p, 25, RGB(0x9e, 0x9b, 0x9e), 1, white))
	hatch := RGB(0xb0, 0xb0, 0xb0)
	for d := -20.0; d <= 20; d += 5 {
		half := math.Sqrt(25*25 - float64(d*d))
		// A chord of the r=25 circle along the diagonal, d away from the centre.
		cx, cy := p.X+d/math.Sqrt2, p.Y+d/math.Sqrt2
		ux, uy := 1/math.Sqrt2, -1/math.Sqrt2
		l.add(line(eref, zEcosystem, Point{cx - float64(ux*half), cy - float64(uy*half)}, Point{cx + float64(ux*half), cy + float64(uy*half)}, hatch, 1, nil))
	}
	l.add(circle(eref, zEcosystem, p, 10, RGB(0x6e, 0x6e, 0x6e), 1, white))
}

// chainIcon draws a small chain link (two interlocked rounded links at 45 degrees) centred at c.
// OWM's glyph (18 px) has two links, each about 8 px long and 6 px wide, their middles 5.6 px
// apart along the diagonal.
func (l *layout) chainIcon(ref Ref, c Point, stroke Color, link string) {
	for _, off := range []float64{-2.8, 2.8} {
		pts := capsule(Point{c.X + float64(off*math.Sqrt2/2), c.Y - float64(off*math.Sqrt2/2)}, 1.5, 2.6, -45)
		l.add(Item{Shape: ShapePath, Ref: ref, Z: zMarket, Points: pts, Closed: true, Stroke: stroke, StrokeWidth: 1.1, Link: link})
	}
}

// capsule approximates a stadium (a rectangle with round ends) centred on c, half-length hl,
// radius rr, rotated by deg degrees, as a polygon.
func capsule(c Point, hl, rr, deg float64) []Point {
	a := deg * math.Pi / 180
	ca, sa := math.Cos(a), math.Sin(a)
	var pts []Point
	for side := 0; side < 2; side++ {
		cx := hl
		start := -math.Pi / 2
		if side == 1 {
			cx = -hl
			start = math.Pi / 2
		}
		for k := 0; k <= 6; k++ {
			t := start + math.Pi*float64(k)/6
			x, y := cx+float64(rr*math.Cos(t)), rr*math.Sin(t)
			pts = append(pts, Point{roundTo(c.X+float64(x*ca)-float64(y*sa), 100), roundTo(c.Y+float64(x*sa)+float64(y*ca), 100)})
		}
	}
	return pts
}

// inertia draws the inertia bar: on the first stage boundary the component crosses on its way to
// its evolved position, else just right of it (dialect reference §2.6).
func (l *layout) inertia(i int, c *mapdsl.Component, p Point) {
	mat := finite(c.Coords.Maturity.Value, 0)
	// Just right of the marker: OWM's M + 0.02, but never touching a large marker.
	x := p.X + math.Max(inertiaNudge*l.w, l.t.compR+inertiaW/2+5)
	if ei, ok := l.evolveOf[i]; ok {
		to := finite(l.m.Evolves[ei].Maturity.Value, mat)
		x = l.x(mat + inertiaFallback)
		if to < mat {
			x = l.x(mat - inertiaFallback)
		}
		st := stagesOf(l.m)
		lo, hi := math.Min(mat, to), math.Max(mat, to)
		best := math.Inf(1)
		for _, s := range st[1:] {
			if s.Start > lo && s.Start < hi && math.Abs(s.Start-mat) < best {
				best = math.Abs(s.Start - mat)
				x = l.x(s.Start)
			}
		}
	}
	ref := Ref{Kind: ElemInertia, Index: i, Line: refLine(c.InertiaRange)}
	if ref.Line == 0 {
		ref.Line = refLine(c.Range)
	}
	r := rect{x - inertiaW/2, p.Y - inertiaH/2, inertiaW, inertiaH}
	l.add(Item{Shape: ShapeRect, Ref: ref, Z: zInertia, X: r.x, Y: r.y, W: r.w, H: r.h, Fill: l.t.compStroke})
	if l.t.style == StyleColour || l.t.style == StyleDark {
		l.s.Items[len(l.s.Items)-1].Fill = l.t.text
	}
	l.place.addBox(r, obstacleMarker, 0)
}

// evolvedCopies draws each evolve's copy of its component at the new maturity.
func (l *layout) evolvedCopies() {
	t := l.t
	for ei, e := range l.m.Evolves {
		l.stop.Point()
		p, ok := l.evolvedAt[ei]
		if !ok {
			continue
		}
		ci := l.componentOfEvolve(ei)
		c := l.m.Components[ci]
		ref := Ref{Kind: ElemEvolved, Index: ei, Line: refLine(e.Range)}
		// HEAD draws the copy with the original's decorators (dialect reference §2.5).
		link := ""
		if c.Kind == mapdsl.KindSubmap {
			link = l.urlOf(c.URLRef)
		}
		fill := t.evolvedFill
		// An evolved pipeline parent stays a square, as OWM draws it.
		ext := l.drawNode(ref, p, c.Decorators, l.parentOf[ci], c.Kind == mapdsl.KindSubmap, t.evolved, fill, link, -(ei + 1))
		name := e.NewName
		if name == "" {
			name = c.Name
		}
		l.labels_ = append(l.labels_, labelJob{
			ref: Ref{Kind: ElemEvolvedLabel, Index: ei, Line: ref.Line}, text: wrapLines(lines(name), l.labelFont()), at: p, r: ext,
			// OWM draws the copy's name in the label colour (the copy's circle is red) and moves its
			// small offsets as it does the evolving component's.
			// The decorators of the evolve line, if any, set the copy's default offset.
			k: labelScale(copyDecorators(c.Decorators, e.Decorators)), off: offsetOf(e.Label), adjust: true,
			renamed: e.NewName != "", colour: t.labelColour, owner: -(ei + 1),
		})
	}
}

// anchors draws anchors as text only, centred, 10 px above their point.
func (l *layout) anchors() {
	t := l.t
	f := Font{Family: t.textFont, Size: 14}
	if t.style == StyleWardley || t.style == StyleHandwritten {
		f.Size = 12
	}
	for i, a := range l.m.Anchors {
		l.stop.Point()
		if a == nil {
			continue
		}
		p := l.anchorPoint(i)
		ls := wrapLines(lines(a.Name), f)
		y := p.Y - 10 - float64(float64(len(ls)-1)*(f.Size+lineHeightExtra))
		r := l.addText(Ref{Kind: ElemAnchor, Index: i, Line: refLine(a.Range)}, zAnchor, ls, f, t.anchorText, p.X, y, AnchorMiddle)
		l.place.addBox(r, obstacleLabel, 0)
	}
}

// accelerators draws the block-arrow icons as OWM draws them: a 3 px outline around an arrow
// about 40 px long and 39 px tall (its body 21 px tall), 1 px above the point (a deaccelerator,
// turned half a turn about the point, 1 px below it), filled with a gradient from white to grey
// at 80% opacity.
func (l *layout) accelerators() {
	t := l.t
	// The outline's middle line, relative to the point.
	shape := []Point{{-17.5, -10}, {0.5, -10}, {0.5, -19}, {18.5, -1}, {0.5, 17}, {0.5, 8}, {-17.5, 8}}
	fade, dark := Color{255, 255, 255, 204}, Color{128, 128, 128, 204}
	for i, a := range l.m.Accelerators {
		if a == nil {
			continue
		}
		p := l.at(a.Coords)
		ref := Ref{Kind: ElemAccelerator, Index: i, Line: refLine(a.Range)}
		dir := 1.0
		grad := []GradientStop{{0, fade}, {0.4, dark}, {1, dark}}
		if a.Deaccelerator {
			dir = -1
			grad = []GradientStop{{0, dark}, {0.6, dark}, {1, fade}}
		}
		pts := make([]Point, len(shape))
		for k, q := range shape {
			pts[k] = Point{p.X + float64(dir*q.X), p.Y + float64(dir*q.Y)}
		}
		outline := black
		if t.style == StyleDark {
			outline = white
		}
		// Beneath the components (a component at the same point stays visible), with OWM's
		// heavy outline and, as in OWM, no name.
		l.add(Item{Shape: ShapePath, Ref: ref, Z: zAccelerator, Points: pts, Closed: true, Stroke: outline, StrokeWidth: 3, Gradient: grad})
		// Its outline, not its area, is what labels avoid: OWM writes a name over it.
		l.place.addRectEdges(rect{p.X - accelSize/2, p.Y - accelSize/2, accelSize, accelSize})
	}
}

// notes draws free text, bold, with its first baseline at its point.
func (l *layout) notes() {
	t := l.t
	f := Font{Family: t.textFont, Size: t.noteSize, Bold: true}
	for i, n := range l.m.Notes {
		l.stop.Point()
		if n == nil {
			continue
		}
		p := l.at(n.Coords)
		// A line that would run off the page's right edge, in the Go font or a viewer's wider
		// one (BoxTextWidth), wraps, at WrapEms at the least; OWM breaks notes only at "\n".
		ls := wrapLinesAt(lines(n.Text), f, max(WrapEms*f.Size, (l.s.Width-legendMargin-p.X)/boxRoom(f)))
		r := l.addText(Ref{Kind: ElemNote, Index: i, Line: refLine(n.Range)}, zNote, ls, f, t.text, p.X, p.Y, AnchorStart)
		l.place.addBox(r, obstacleLabel, 0)
	}
}

// annotations draws numbered markers at each position and the legend box listing them.
func (l *layout) annotations() {
	if len(l.m.Annotations) == 0 {
		return
	}
	rows := l.annotationMarkers()
	sort.SliceStable(rows, func(i, j int) bool { return rows[i].n < rows[j].n })
	l.legend(rows)
}

// annotationRow is one annotation as its legend lists it.
type annotationRow struct {
	n    int
	text string
	line int // the annotation's source line
}

// annotationMarkers draws every annotation's numbered markers and returns the legend's rows in
// the map's order.
func (l *layout) annotationMarkers() []annotationRow {
	t := l.t
	nf := Font{Family: t.textFont, Size: annotTextSize}
	var rows []annotationRow
	for i, a := range l.m.Annotations {
		if a == nil {
			continue
		}
		ref := Ref{Kind: ElemAnnotation, Index: i, Line: refLine(a.Range)}
		num := strconv.Itoa(a.Number)
		for _, pos := range a.Positions {
			p := l.at(pos)
			l.add(circle(ref, zAnnotation, p, annotR, t.annotStroke, 2, t.annotFill))
			// OWM writes the number with its baseline on the marker's centre.
			l.add(text(ref, zAnnotation, p.X, p.Y, num, nf, t.annotText, AnchorMiddle))
			l.place.addBox(rect{p.X - annotR, p.Y - annotR, 2 * annotR, 2 * annotR}, obstacleMarker, 0)
		}
		rows = append(rows, annotationRow{a.Number, strings.ReplaceAll(strings.TrimSpace(a.Text), "\n", " "), refLine(a.Range)})
	}
	return rows
}

// legendLine is one line of text in the annotations' legend.
type legendLine struct {
	text   string
	indent float64
	line   int // the source line of the annotation the row lists
}

// legendLines sets the legend's rows as lines of font f, "N. text", as OWM draws them; a row
// wider than fit (the page, with room for a viewer's font) wraps at its spaces, its further
// lines indented under its text. It returns them with the width of the widest.
func legendLines(rows []annotationRow, f Font, fit float64) ([]legendLine, float64) {
	// OWM writes "Annotations:" 2 px in and each row with a no-break space at either end, and
	// fits the box to that; the box is never narrower than the room an SVG viewer's font needs
	// (BoxTextWidth).
	w := math.Max(MeasureText(f, "Annotations:")+2, BoxTextWidth(f, "Annotations:"))
	space := 2 * MeasureText(f, "\u00a0")
	var texts []legendLine
	for _, r := range rows {
		num := fmt.Sprintf("%d. ", r.n)
		indent := MeasureText(f, num)
		for k, s := range wrapLinesAt([]string{r.text}, f, max(fit-indent, WrapEms*f.Size)) {
			if k == 0 {
				texts = append(texts, legendLine{num + s, 0, r.line})
			} else {
				texts = append(texts, legendLine{s, indent, r.line})
			}
			last := texts[len(texts)-1]
			w = math.Max(w, last.indent+math.Max(BoxTextWidth(f, last.text), MeasureText(f, last.text)+space))
		}
	}
	return texts, w
}

// legend draws the annotations' legend box at the map's annotations position, kept on the
// page.
func (l *layout) legend(rows []annotationRow) {
	t := l.t
	p := l.at(l.m.AnnotationsAt)
	ref := Ref{Kind: ElemAnnotationList, Line: refLine(l.m.AnnotationsRange)}
	f := Font{Family: t.textFont, Size: annotTextSize}
	texts, w := legendLines(rows, f, (l.s.Width-2*legendMargin-4)/boxRoom(f))
	// As OWM draws it: "Annotations:" with its baseline at the given point, a row every 18 px
	// below, all 16 px, in a box 2 px around the text (which may cover the map), with room on
	// the right for an SVG viewer's font (BoxTextWidth).
	const pad = 2
	top := p.Y - float64(AscentRatio*f.Size) - pad
	bottom := p.Y + float64(float64(len(texts))*legendRow) + float64(DescentRatio*f.Size) + pad
	box := rect{p.X - pad, top, w + 2*pad, bottom - top}
	// Keep the box on the page: a long legend placed low (or a wide one placed right) would
	// run off it; it moves up (left) just enough, and never above (left of) the page's edge.
	box.x = math.Max(math.Min(box.x, l.s.Width-legendMargin-box.w), legendMargin)
	box.y = math.Max(math.Min(box.y, l.s.Height-legendMargin-box.h), legendMargin)
	p.X, p.Y = box.x+pad, box.y+pad+float64(AscentRatio*f.Size)
	l.add(Item{Shape: ShapeRect, Ref: ref, Z: zLegend, X: box.x, Y: box.y, W: box.w, H: box.h, Fill: t.legendFill, Stroke: t.annotStroke, StrokeWidth: t.legendStroke})
	head := text(ref, zLegend, p.X, p.Y, "Annotations:", f, t.legendText, AnchorStart)
	head.Underline = true
	l.add(head)
	rowText := func(k int, ln legendLine) Item {
		return text(ref, zLegend, p.X+ln.indent, p.Y+float64(float64(k+1)*legendRow), ln.text, f, t.legendText, AnchorStart)
	}
	// An emphasised annotation's rows are highlighted too, inside the legend's box (the
	// highlights emphasise adds lie beneath the box, which would hide them); all before any
	// row's text, since a row's highlight reaches a little into its neighbours' descenders.
	for k, ln := range texts {
		if row := rowText(k, ln); l.emph[ln.line] {
			if h, ok := halo(&row, t.emphasisColour(), 1); ok {
				h.Z = zLegend
				l.add(h)
			}
		}
	}
	for k, ln := range texts {
		l.add(rowText(k, ln))
	}
	l.place.addBox(box, obstacleLabel, 0)
}
