package lint

import (
	"sort"
	"strings"
	"unicode/utf8"

	"mapwright/mapdsl"
	"mapwright/render"
)

// labelBox is the area of the page covered by one element's text, all its lines together.
type labelBox struct {
	ref                    render.Ref
	text                   string
	minX, minY, maxX, maxY float64
}

// overlapMargin is how far, in page units, two boxes must reach into each other to count: text
// boxes include the ascent and descent, so labels that merely touch are not reported.
const overlapMargin = 2

// labelKinds are the texts that carry names a reader must be able to read.
var labelKinds = map[render.ElementKind]bool{
	render.ElemLabel:        true,
	render.ElemEvolvedLabel: true,
	render.ElemAnchor:       true,
	render.ElemNote:         true,
}

// checkLabelOverlaps reports pairs of labels of different elements whose text boxes overlap in
// the drawn Scene. It sweeps boxes sorted by their left edge, so it stays fast on big maps.
// overlapBudget is how many pairs of labels checkLabelOverlaps compares at most: a hundred
// times what a crowded real map needs, a few milliseconds of work.
const overlapBudget = 5_000_000

// clip shortens a label quoted in a message to a readable length.
func clip(s string) string {
	const max = 60
	if utf8.RuneCountInString(s) <= max {
		return s
	}
	r := []rune(s)
	return string(r[:max]) + "…"
}

func checkLabelOverlaps(p *pass) {
	if p.in.Scene == nil || !p.enabled("overlapping-labels") {
		return
	}
	boxes := sceneLabelBoxes(p.in.Scene)
	sort.SliceStable(boxes, func(i, j int) bool { return boxes[i].minX < boxes[j].minX })
	lines := statementRanges(p.in.Map)
	var active []labelBox
	// Each label is reported once, against the first label it overlaps, and the comparisons are
	// bounded (overlapBudget) so that a hostile map of thousands of labels drawn on one spot
	// costs linear time instead of a finding per pair.
	budget := overlapBudget
	for _, b := range boxes {
		p.stop.Point()
		keep := active[:0]
		for _, a := range active {
			if a.maxX-overlapMargin > b.minX {
				keep = append(keep, a)
			}
		}
		active = keep
		for _, a := range active {
			if budget--; budget < 0 {
				return
			}
			if a.maxY-overlapMargin <= b.minY || b.maxY-overlapMargin <= a.minY {
				continue
			}
			first, second := a, b
			if second.ref.Line < first.ref.Line {
				first, second = second, first
			}
			rng, ok := lines[second.ref.Line]
			if !ok {
				rng = mapdsl.Range{Start: mapdsl.Pos{Line: second.ref.Line, Column: 1}}
			}
			p.add("overlapping-labels", rng, "", "the label %q is drawn over %q (line %d); move one with label [dx, dy]",
				clip(second.text), clip(first.text), first.ref.Line)
			break
		}
		active = append(active, b)
	}
}

// sceneLabelBoxes merges the text items of each labelled element into one box.
func sceneLabelBoxes(s *render.Scene) []labelBox {
	index := map[render.Ref]int{}
	var boxes []labelBox
	for _, it := range s.Items {
		if it.Shape != render.ShapeText || !labelKinds[it.Ref.Kind] || it.Rotate != 0 || strings.TrimSpace(it.Text) == "" {
			continue
		}
		tb := render.ItemBox(&it) // the box label placement avoided
		i, ok := index[it.Ref]
		if !ok {
			index[it.Ref] = len(boxes)
			boxes = append(boxes, labelBox{ref: it.Ref, text: it.Text, minX: tb.Left, minY: tb.Top, maxX: tb.Right, maxY: tb.Bottom})
			continue
		}
		b := &boxes[i]
		b.text += " " + it.Text
		b.minX, b.minY = min(b.minX, tb.Left), min(b.minY, tb.Top)
		b.maxX, b.maxY = max(b.maxX, tb.Right), max(b.maxY, tb.Bottom)
	}
	return boxes
}

// statementRanges maps a source line to the name of the element defined on it.
func statementRanges(m *mapdsl.Map) map[int]mapdsl.Range {
	out := map[int]mapdsl.Range{}
	put := func(name, stmt mapdsl.Range) {
		rng := nameRange(name, stmt)
		if _, ok := out[stmt.Start.Line]; !ok && rng.Valid() {
			out[stmt.Start.Line] = rng
		}
	}
	for _, c := range m.Components {
		put(c.NameRange, c.Range)
	}
	for _, a := range m.Anchors {
		put(a.NameRange, a.Range)
	}
	for _, e := range m.Evolves {
		put(e.NameRange, e.Range)
	}
	for _, n := range m.Notes {
		put(mapdsl.Range{}, n.Range)
	}
	return out
}
