// Package steps splits a map into the build-up steps of a presentation: the user and their need
// first, then the value chain, then movement, then the play. Each step is a partial Map, holding
// everything declared up to it, together with what the step adds, so that it can be drawn
// (render.Layout) with the additions emphasised.
//
// # Steps in the text
//
// A comment line "// step: Title" starts a step. OWM ignores comments, so a map with steps still
// opens in OWM unchanged. Case and blanks do not matter ("//Step:Title", "// STEP : Title"); the
// colon is needed, so that a comment such as "// step back" is not a step; a title may be empty.
// A marker inside a /* block comment */ is not one.
//
// What lies before the first marker opens the talk as an untitled step (Title ""), but only when
// it declares some element: the title, style, size and evolution lines that usually head a map
// are settings of every step, not content. Each marker makes a step, even one that adds nothing
// (the author asked for that slide).
//
// An element belongs to the step whose section holds its line, with these exceptions, which keep
// every step drawable:
//   - a link appears once both its ends exist: in its own step, or in the step that declares its
//     later end (an anchor, a component, or the new name of an evolve) if that comes after;
//   - an evolve appears no earlier than the component it moves, a pipeline no earlier than the
//     component it belongs to, and a pipeline's child components no earlier than the pipeline;
//   - an element that names nothing that exists (a link to an unknown component) belongs to its
//     own line's step, where Layout leaves it out as it does in the whole map.
//
// Map-wide settings (title, style, size, evolution stages, valuechain and evolution --hide,
// url definitions, the position of the annotations legend) apply to every step wherever they
// are written.
//
// # The default order
//
// A map without markers builds up in this order, leaving out steps that would add nothing:
//
//  1. "Users and needs": the anchors;
//  2. "Value chain": the components, one step per level of the chain from the top down. A
//     component's level is its distance in links from the nearest anchor (links are followed
//     both ways); without anchors the chain starts at the components that something else does
//     not depend on (the "from" end of a link that is never a "to" end). Reading the chain by
//     its links tells the story "the user needs this, which needs that" better than bands of
//     visibility would, and suits maps whose vertical placement is loose. Each pipeline and its
//     child components come with the component the pipeline belongs to. Components that no link
//     reaches come last, in a step of their own ("Other components");
//  3. "Links": every link whose ends exist by then;
//  4. "Evolution": evolves with their evolved copies, links to the copies' new names, and
//     accelerators and deaccelerators (which speak of movement too);
//  5. "Notes and annotations": notes, annotations (with their legend) and the pioneers,
//     settlers and town planners areas.
//
// A map that declares nothing has one step, the whole (empty) map.
//
// # Using it (a note for the editor's present mode and for exporters)
//
//	m, _ := mapdsl.Parse(name, src)        // or the editor's own parse of the text
//	deck := steps.Split(src, m)            // never empty
//	whole := render.Layout(m, opts)        // the finished map, which every step follows
//	for _, st := range deck {
//		o := opts
//		o.Emphasis = st.Emphasis           // what this step adds, highlighted
//		o.Whole = whole                    // labels and page as in the whole map: nothing moves
//		o.Caption = st.Title               // optional: the step's title after the map's
//		sc := render.Layout(st.Map, o)
//		// draw sc; show st.Title and st.Number/st.Count; select st.Section (or st.Lines) in
//		// the source pane
//	}
//
// Scene items keep their source lines (Ref.Line), so clicking a mark still finds its line; their
// Ref.Index, however, counts in the step's own Map, not in the whole map.
package steps

import (
	"sort"
	"strconv"
	"strings"
	"unicode/utf8"

	"mapwright/mapdsl"
)

// Kind is the kind of an element a step adds.
type Kind int

const (
	KindAnchor      Kind = iota
	KindComponent        // components, submaps and pipeline children
	KindLink             // links and flows
	KindEvolve           // an evolve: the arrow and the evolved copy
	KindPipeline         // a pipeline's box
	KindNote             // a note
	KindAnnotation       // an annotation's markers (and its row of the legend)
	KindArea             // a pioneers, settlers or townplanners area
	KindAccelerator      // an accelerator or deaccelerator
)

var kindNames = [...]string{"anchor", "component", "link", "evolve", "pipeline", "note", "annotation", "area", "accelerator"}

func (k Kind) String() string {
	if k >= 0 && int(k) < len(kindNames) {
		return kindNames[k]
	}
	return "invalid"
}

// Element is one element of a map, as a step adds it.
type Element struct {
	Kind Kind
	// Index is the element's index in the whole map's slice of its kind (Map.Components,
	// Map.Links, Map.Evolves, ...).
	Index int
	// Name is the element's name; for a link "From->To", for a note its text, for an annotation
	// its number, for an area its kind ("pioneers").
	Name string
	// Range is the element's statement in the source text; Line is its first line (0 for an
	// element of a hand-built map without positions).
	Range mapdsl.Range
	Line  int
}

// Step is one step of the build-up.
type Step struct {
	// Number is 1 for the first step; Count is the number of steps of the map.
	Number, Count int
	// Title is the marker's title, or the default order's name of the step. The opening step
	// of a map with markers (what is declared before the first marker) has none: "".
	Title string
	// Map holds everything declared up to and including this step, with the whole map's
	// settings. The last step's Map draws exactly as the whole map. Its elements are those of
	// the whole map (components and pipelines are copies, so that the references between them
	// stay inside the step).
	Map *mapdsl.Map
	// New lists what this step adds, in the order of the text.
	New []Element
	// Emphasis is the set of source lines of New, ready for render.Options.Emphasis.
	Emphasis map[int]bool
	// Lines are the source lines of New, sorted: what the editor highlights when a step has no
	// section of its own (the default order).
	Lines []int
	// Section is the step's part of the text when the map has markers: from the start of the
	// marker's line (the start of the text for the opening step) to the end of the last line
	// before the next marker, line break excluded. It is the zero Range (not Valid) in the
	// default order.
	Section mapdsl.Range
}

// Marker is a "// step: Title" comment line.
type Marker struct {
	Title string
	Line  int
	// Range covers the comment, from "//" to the end of the line (line break excluded).
	Range mapdsl.Range
}

// Markers returns the step markers of a map text, in order.
func Markers(src []byte) []Marker {
	var out []Marker
	ix := newLineIndex(src)
	inBlock := false
	for n := range ix.count() {
		start, end := ix.bounds(n)
		line := string(src[start:end])
		wasInBlock := inBlock
		toks, open := mapdsl.HighlightLine(line, inBlock)
		inBlock = open
		if wasInBlock || len(toks) != 1 || toks[0].Kind != mapdsl.TokenComment {
			continue
		}
		text := line[toks[0].Start:toks[0].End]
		title, ok := markerTitle(text)
		if !ok {
			continue
		}
		out = append(out, Marker{Title: title, Line: n + 1,
			Range: mapdsl.Range{Start: ix.pos(start + toks[0].Start), End: ix.pos(start + toks[0].End)}})
	}
	return out
}

// markerTitle reads a comment "// step: Title" (any case, any blanks around the words).
func markerTitle(comment string) (string, bool) {
	rest, ok := strings.CutPrefix(comment, "//")
	if !ok {
		return "", false
	}
	rest = strings.TrimLeft(rest, " \t")
	if len(rest) < 4 || !strings.EqualFold(rest[:4], "step") {
		return "", false
	}
	rest = strings.TrimLeft(rest[4:], " \t")
	rest, ok = strings.CutPrefix(rest, ":")
	if !ok {
		return "", false
	}
	return strings.TrimSpace(rest), true
}

// Split returns the steps of m, the map parsed from src: by the markers of src when it has any,
// else in the default order (see the package documentation). It never returns an empty slice, and
// it does not change m.
func Split(src []byte, m *mapdsl.Map) []Step {
	if m == nil {
		m = mapdsl.NewMap()
	}
	sp := newSplitter(m)
	markers := Markers(src)
	var stages []stage
	if len(markers) > 0 {
		stages = sp.byMarkers(src, markers)
	} else {
		stages = sp.byDefaultOrder()
	}
	sp.resolve()
	return sp.steps(stages)
}

// stage is a candidate step: a section of the text, or a place in the default order.
type stage struct {
	title   string
	section mapdsl.Range
	keep    bool // a marker's step, kept even when it adds nothing
}

// splitter assigns every element of a map to a stage.
type splitter struct {
	m *mapdsl.Map
	// base is each element's own stage (by its line, or by its kind in the default order),
	// step its stage once its dependencies are taken into account; both by kind, then index.
	base, step [kindCount][]int
}

const kindCount = int(KindAccelerator) + 1

func newSplitter(m *mapdsl.Map) *splitter {
	sp := &splitter{m: m}
	lens := [kindCount]int{
		KindAnchor: len(m.Anchors), KindComponent: len(m.Components), KindLink: len(m.Links),
		KindEvolve: len(m.Evolves), KindPipeline: len(m.Pipelines), KindNote: len(m.Notes),
		KindAnnotation: len(m.Annotations), KindArea: len(m.Areas), KindAccelerator: len(m.Accelerators),
	}
	for k, n := range lens {
		sp.base[k] = make([]int, n)
		sp.step[k] = make([]int, n)
	}
	return sp
}

// each calls f with every element of the map (nil entries of a hand-built map left out).
func (sp *splitter) each(f func(Element)) {
	m := sp.m
	visit(m.Anchors, KindAnchor, f, func(a *mapdsl.Anchor) (string, mapdsl.Range) { return a.Name, a.Range })
	visit(m.Components, KindComponent, f, func(c *mapdsl.Component) (string, mapdsl.Range) { return c.Name, c.Range })
	visit(m.Links, KindLink, f, func(l *mapdsl.Link) (string, mapdsl.Range) { return l.From + "->" + l.To, l.Range })
	visit(m.Evolves, KindEvolve, f, func(e *mapdsl.Evolve) (string, mapdsl.Range) { return e.Name, e.Range })
	visit(m.Pipelines, KindPipeline, f, func(p *mapdsl.Pipeline) (string, mapdsl.Range) { return p.Name, p.Range })
	visit(m.Notes, KindNote, f, func(n *mapdsl.Note) (string, mapdsl.Range) { return n.Text, n.Range })
	visit(m.Annotations, KindAnnotation, f, func(a *mapdsl.Annotation) (string, mapdsl.Range) { return strconv.Itoa(a.Number), a.Range })
	visit(m.Areas, KindArea, f, func(a *mapdsl.Area) (string, mapdsl.Range) { return a.Kind.String(), a.Range })
	visit(m.Accelerators, KindAccelerator, f, func(a *mapdsl.Accelerator) (string, mapdsl.Range) { return a.Name, a.Range })
}

// visit calls f with the elements of one slice of a map, named and placed by about.
func visit[T any](s []*T, k Kind, f func(Element), about func(*T) (string, mapdsl.Range)) {
	for i, e := range s {
		if e != nil {
			name, r := about(e)
			f(Element{Kind: k, Index: i, Name: name, Range: r, Line: r.Start.Line})
		}
	}
}

// byMarkers gives every element the stage of the section holding its line: 0 before the first
// marker, k from the k-th marker on.
func (sp *splitter) byMarkers(src []byte, markers []Marker) []stage {
	ix := newLineIndex(src)
	stages := make([]stage, len(markers)+1)
	endBefore := func(line int) mapdsl.Pos { // the end of the line before line (1-based)
		if line <= 1 {
			return ix.pos(0)
		}
		_, end := ix.bounds(line - 2)
		return ix.pos(end)
	}
	if first := markers[0].Line; first > 1 {
		stages[0].section = mapdsl.Range{Start: ix.pos(0), End: endBefore(first)}
	}
	for k, mk := range markers {
		start, _ := ix.bounds(mk.Line - 1)
		_, last := ix.bounds(ix.count() - 1)
		end := ix.pos(last)
		if k+1 < len(markers) {
			end = endBefore(markers[k+1].Line)
		}
		stages[k+1] = stage{title: mk.Title, section: mapdsl.Range{Start: ix.pos(start), End: end}, keep: true}
	}
	lines := make([]int, len(markers))
	for k, mk := range markers {
		lines[k] = mk.Line
	}
	sp.each(func(e Element) {
		// The number of markers at or before the element's line is its section.
		sp.base[e.Kind][e.Index] = sort.SearchInts(lines, e.Line+1)
	})
	return stages
}

// Stages of the default order (components take 1+level, see byDefaultOrder).
const (
	titleAnchors    = "Users and needs"
	titleValueChain = "Value chain"
	titleOther      = "Other components"
	titleLinks      = "Links"
	titleEvolution  = "Evolution"
	titleNotes      = "Notes and annotations"
)

// byDefaultOrder gives every element its stage in the default order.
func (sp *splitter) byDefaultOrder() []stage {
	m := sp.m
	levels, depth, unreached := sp.levels()
	stages := []stage{{title: titleAnchors}}
	for d := 1; d <= depth; d++ {
		t := titleValueChain
		if depth > 1 {
			t += ", level " + strconv.Itoa(d)
		}
		stages = append(stages, stage{title: t})
	}
	other := len(stages)
	if unreached {
		stages = append(stages, stage{title: titleOther})
	}
	links := len(stages)
	stages = append(stages, stage{title: titleLinks}, stage{title: titleEvolution}, stage{title: titleNotes})
	evolution, notes := links+1, links+2
	for i, c := range m.Components {
		if c == nil || c.Kind == mapdsl.KindPipelineChild {
			continue // children come with their pipeline (see resolve)
		}
		if lv := levels[i]; lv > 0 {
			sp.base[KindComponent][i] = lv
		} else {
			sp.base[KindComponent][i] = other
		}
	}
	fill(sp.base[KindLink], links)
	fill(sp.base[KindEvolve], evolution)
	fill(sp.base[KindAccelerator], evolution)
	fill(sp.base[KindNote], notes)
	fill(sp.base[KindAnnotation], notes)
	fill(sp.base[KindArea], notes)
	// Anchors stay at 0; pipelines and their children at 0, to follow their component.
	return stages
}

func fill(s []int, v int) {
	for i := range s {
		s[i] = v
	}
}

// levels is each top-level component's level in the value chain (1 for what an anchor links to;
// 0 for a pipeline child or a component no link reaches), the deepest level, and whether any
// top-level component is unreached.
func (sp *splitter) levels() (levels []int, depth int, unreached bool) {
	m := sp.m
	levels = make([]int, len(m.Components))
	names := newNames()
	for i, c := range m.Components {
		if c != nil && c.Kind != mapdsl.KindPipelineChild {
			names.add(c.Name, i)
		}
	}
	const anchor = -1
	hasAnchors := false
	for _, a := range m.Anchors {
		if a != nil {
			names.add(a.Name, anchor)
			hasAnchors = true
		}
	}
	adj, isTo, froms := linkGraph(m, names)
	var queue []int
	seen := map[int]bool{}
	start := func(n int, lv int) {
		if !seen[n] {
			seen[n] = true
			if n >= 0 {
				levels[n] = lv
			}
			queue = append(queue, n)
		}
	}
	if hasAnchors {
		start(anchor, 0)
	} else {
		for _, f := range froms {
			if f >= 0 && !isTo[f] {
				start(f, 1)
			}
		}
		if len(queue) == 0 && len(froms) > 0 {
			// A chain that is all cycles: start from its most visible component.
			top := froms[0]
			for _, f := range froms[1:] {
				if m.Components[f].Coords.Visibility.Value > m.Components[top].Coords.Visibility.Value {
					top = f
				}
			}
			start(top, 1)
		}
	}
	for len(queue) > 0 {
		n := queue[0]
		queue = queue[1:]
		lv := 0
		if n >= 0 {
			lv = levels[n]
		}
		for _, next := range adj[n] {
			start(next, lv+1)
			if next >= 0 {
				depth = max(depth, levels[next])
			}
		}
	}
	for i, c := range m.Components {
		if c != nil && c.Kind != mapdsl.KindPipelineChild {
			depth = max(depth, levels[i])
			if levels[i] == 0 {
				unreached = true
			}
		}
	}
	return levels, depth, unreached
}

// linkGraph joins the components (or anchors) every link's ends name, both ways; it also
// returns which are a link's "to" end and every link's "from" end, in link order.
func linkGraph(m *mapdsl.Map, names *names) (adj map[int][]int, isTo map[int]bool, froms []int) {
	adj, isTo = map[int][]int{}, map[int]bool{}
	for _, l := range m.Links {
		if l == nil {
			continue
		}
		a, okA := names.find(l.From)
		b, okB := names.find(l.To)
		if !okA || !okB || a == b {
			continue
		}
		adj[a] = append(adj[a], b)
		adj[b] = append(adj[b], a)
		isTo[b] = true
		froms = append(froms, a)
	}
	return adj, isTo, froms
}

// names finds elements by name as links do: the exact name first, then OWM's lenient match
// (mapdsl.NormalizeName); the first element of a name wins.
type names struct {
	exact, loose map[string]int
}

func newNames() *names { return &names{exact: map[string]int{}, loose: map[string]int{}} }

func (n *names) add(name string, v int) {
	if _, ok := n.exact[name]; !ok {
		n.exact[name] = v
	}
	if k := mapdsl.NormalizeName(name); k != "" {
		if _, ok := n.loose[k]; !ok {
			n.loose[k] = v
		}
	}
}

func (n *names) find(name string) (int, bool) {
	if v, ok := n.exact[name]; ok {
		return v, true
	}
	v, ok := n.loose[mapdsl.NormalizeName(name)]
	return v, ok
}

// resolve computes every element's step from its base: the later of its own and that of what it
// needs (see the package documentation).
func (sp *splitter) resolve() {
	m := sp.m
	for k := range sp.base {
		copy(sp.step[k], sp.base[k])
	}
	cs, ps := sp.step[KindComponent], sp.step[KindPipeline]
	index := map[*mapdsl.Component]int{}
	for i, c := range m.Components {
		if c != nil {
			index[c] = i
		}
	}
	// A pipeline follows its component; the children follow the pipeline.
	for i, p := range m.Pipelines {
		if p == nil {
			continue
		}
		if ci, ok := index[p.Component]; ok && p.Component.Kind != mapdsl.KindPipelineChild {
			ps[i] = max(ps[i], cs[ci])
		}
		for _, ch := range p.Children {
			if ci, ok := index[ch]; ok {
				cs[ci] = max(cs[ci], ps[i])
			}
		}
	}
	// An evolve follows the component it moves: a top-level one of its name, else a child (as
	// Layout finds it).
	byName := map[string]int{}
	for pass := range 2 {
		for i, c := range m.Components {
			if c == nil || (c.Kind == mapdsl.KindPipelineChild) != (pass == 1) {
				continue
			}
			if _, ok := byName[c.Name]; !ok {
				byName[c.Name] = i
			}
		}
	}
	es := sp.step[KindEvolve]
	for i, e := range m.Evolves {
		if e == nil {
			continue
		}
		if ci, ok := byName[e.Name]; ok {
			es[i] = max(es[i], cs[ci])
		}
	}
	sp.linkSteps(byName)
}

// linkSteps makes a link follow its later end: each name exists from the first step that
// declares it (byName: the component each evolve moves).
func (sp *splitter) linkSteps(byName map[string]int) {
	m := sp.m
	cs, es := sp.step[KindComponent], sp.step[KindEvolve]
	// Layout resolves a name to its first definition (components, then anchors, then copies'
	// new names); a name defined twice exists from the first of them.
	ends := newNames()
	for i, c := range m.Components {
		if c != nil {
			ends.add(c.Name, cs[i])
		}
	}
	for i, a := range m.Anchors {
		if a != nil {
			ends.add(a.Name, sp.step[KindAnchor][i])
		}
	}
	for i, e := range m.Evolves {
		if e != nil && e.NewName != "" {
			if _, ok := byName[e.Name]; ok { // a copy is drawn only for a known component
				ends.add(e.NewName, es[i])
			}
		}
	}
	ls := sp.step[KindLink]
	for i, l := range m.Links {
		if l == nil {
			continue
		}
		a, okA := ends.find(l.From)
		b, okB := ends.find(l.To)
		if okA && okB {
			ls[i] = max(ls[i], a, b)
		}
	}
}

// steps makes the steps of the stages that are kept, each with its partial map.
func (sp *splitter) steps(stages []stage) []Step {
	added := make([][]Element, len(stages))
	sp.each(func(e Element) {
		s := sp.step[e.Kind][e.Index]
		added[s] = append(added[s], e)
	})
	var out []Step
	for s, st := range stages {
		if len(added[s]) == 0 && !st.keep {
			continue
		}
		step := Step{Title: st.title, Section: st.section, New: added[s], Emphasis: map[int]bool{}}
		sort.SliceStable(step.New, func(i, j int) bool { return step.New[i].Range.Start.Offset < step.New[j].Range.Start.Offset })
		for _, e := range step.New {
			if e.Line > 0 && !step.Emphasis[e.Line] {
				step.Emphasis[e.Line] = true
				step.Lines = append(step.Lines, e.Line)
			}
		}
		sort.Ints(step.Lines)
		step.Map = sp.partial(s)
		out = append(out, step)
	}
	if len(out) == 0 {
		out = []Step{{Map: sp.partial(len(stages)), Emphasis: map[int]bool{}}}
	}
	for i := range out {
		out[i].Number, out[i].Count = i+1, len(out)
	}
	return out
}

// partial is the map of the elements whose step is at most upTo. Components and pipelines are
// copied so that their references to each other (a component's pipeline and evolve, a
// pipeline's component and children) point inside the partial map, or are nil.
func (sp *splitter) partial(upTo int) *mapdsl.Map {
	m := sp.m
	pm := *m
	in := func(k Kind, i int) bool { return sp.step[k][i] <= upTo }
	pm.Anchors = keep(m.Anchors, KindAnchor, in)
	pm.Links = keep(m.Links, KindLink, in)
	pm.Evolves = keep(m.Evolves, KindEvolve, in)
	pm.Notes = keep(m.Notes, KindNote, in)
	pm.Annotations = keep(m.Annotations, KindAnnotation, in)
	pm.Areas = keep(m.Areas, KindArea, in)
	pm.Accelerators = keep(m.Accelerators, KindAccelerator, in)

	comps := map[*mapdsl.Component]*mapdsl.Component{}
	pm.Components = make([]*mapdsl.Component, 0, len(m.Components))
	for i, c := range m.Components {
		if c != nil && in(KindComponent, i) {
			cc := *c
			comps[c] = &cc
			pm.Components = append(pm.Components, &cc)
		}
	}
	pipes := map[*mapdsl.Pipeline]*mapdsl.Pipeline{}
	pm.Pipelines = make([]*mapdsl.Pipeline, 0, len(m.Pipelines))
	for i, p := range m.Pipelines {
		if p != nil && in(KindPipeline, i) {
			pp := *p
			pipes[p] = &pp
			pm.Pipelines = append(pm.Pipelines, &pp)
		}
	}
	evolves := map[*mapdsl.Evolve]bool{}
	for _, e := range pm.Evolves {
		evolves[e] = true
	}
	for _, c := range pm.Components {
		c.Pipeline, c.Parent = pipes[c.Pipeline], pipes[c.Parent]
		if !evolves[c.Evolve] {
			c.Evolve = nil
		}
	}
	for _, p := range pm.Pipelines {
		p.Component = comps[p.Component]
		var children []*mapdsl.Component
		for _, ch := range p.Children {
			if cc := comps[ch]; cc != nil {
				children = append(children, cc)
			}
		}
		p.Children = children
	}
	return &pm
}

// keep returns the elements of s whose step is in the partial map (never nil, as Parse's maps).
func keep[T any](s []*T, k Kind, in func(Kind, int) bool) []*T {
	out := make([]*T, 0, len(s))
	for i, e := range s {
		if e != nil && in(k, i) {
			out = append(out, e)
		}
	}
	return out
}

// lineIndex finds lines and positions in a text.
type lineIndex struct {
	src    []byte
	starts []int // byte offset of each line's start
}

func newLineIndex(src []byte) *lineIndex {
	ix := &lineIndex{src: src, starts: []int{0}}
	for i, b := range src {
		if b == '\n' && i+1 < len(src) { // no empty line after a final line break
			ix.starts = append(ix.starts, i+1)
		}
	}
	return ix
}

func (ix *lineIndex) count() int { return len(ix.starts) }

// bounds are line n's (0-based) start and end, its line break ("\n" or "\r\n") excluded.
func (ix *lineIndex) bounds(n int) (start, end int) {
	start, end = ix.starts[n], len(ix.src)
	if n+1 < len(ix.starts) {
		end = ix.starts[n+1]
	}
	if end > start && ix.src[end-1] == '\n' {
		end--
	}
	if end > start && ix.src[end-1] == '\r' {
		end--
	}
	return start, end
}

// pos is the position of a byte offset: its line, and its column in runes.
func (ix *lineIndex) pos(off int) mapdsl.Pos {
	n := sort.SearchInts(ix.starts, off+1) - 1
	return mapdsl.Pos{Offset: off, Line: n + 1, Column: utf8.RuneCount(ix.src[ix.starts[n]:off]) + 1}
}
