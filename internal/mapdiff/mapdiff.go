// Package mapdiff compares two versions of a map by meaning rather than by text: which
// components and anchors were added, removed or renamed, which moved (and across which stage),
// which links appeared or went, and what happened to evolutions, decorators, inertia and
// pipelines. A plain line diff of OWM text is noisy (nudging a label rewrites the component's
// line); this diff says what a reviewer of a strategy wants to know.
//
// Elements are matched first by name. Elements left over on both sides are then paired as
// renames when the evidence is good: the same position, the same neighbours through links, or a
// name that is only a small edit away. Every change keeps the source lines on both sides and the
// positions before and after, so Overlay can draw them over the new map.
package mapdiff

import (
	"context"
	"fmt"
	"math"
	"sort"
	"strings"

	"mapwright/internal/cancel"
	"mapwright/mapdsl"
)

// Element names the kind of thing a change is about.
type Element string

const (
	ElemMap         Element = "map" // title, style, size, stages
	ElemAnchor      Element = "anchor"
	ElemComponent   Element = "component"
	ElemLink        Element = "link"
	ElemPipeline    Element = "pipeline"
	ElemNote        Element = "note"
	ElemAnnotation  Element = "annotation"
	ElemAccelerator Element = "accelerator"
	ElemArea        Element = "area" // pioneers, settlers, townplanners
)

// ChangeKind is what happened to an element.
type ChangeKind string

const (
	Added   ChangeKind = "added"
	Removed ChangeKind = "removed"
	Renamed ChangeKind = "renamed"
	Moved   ChangeKind = "moved"
	Changed ChangeKind = "changed" // decorators, inertia, evolve target, label, kind, link operator...
)

// Position is a point in map units.
type Position struct {
	Visibility float64 `json:"visibility"`
	Maturity   float64 `json:"maturity"`
}

// Change is one difference between the maps.
type Change struct {
	Element Element    `json:"element"`
	Kind    ChangeKind `json:"change"`
	// Name is the element's name in the new map (in the old one for removals); for links it is
	// "From -> To", for annotations the number.
	Name    string `json:"name"`
	OldName string `json:"oldName,omitempty"`
	// Aspect says what changed for Changed: "evolve", "decorators", "inertia", "label", "kind",
	// "url", "pipeline", "operator", "context", "span", "children", "text", "title", "style",
	// "size", "stages".
	Aspect string `json:"aspect,omitempty"`
	// Detail is the human-readable description, e.g. "evolution +0.07 (Product -> Commodity)".
	Detail string `json:"detail"`
	// From and To are positions before and after: of the element for components, anchors,
	// notes and accelerators; of the link's two ends for links (From the "from" end, To the "to"
	// end, in the map the link belongs to); of the box's left end for pipelines.
	From *Position `json:"from,omitempty"`
	To   *Position `json:"to,omitempty"`
	// Span is a pipeline's [start, end] maturity before (OldSpan) and after (Span).
	OldSpan *[2]float64 `json:"oldSpan,omitempty"`
	Span    *[2]float64 `json:"span,omitempty"`
	OldLine int         `json:"oldLine,omitempty"`
	NewLine int         `json:"newLine,omitempty"`
}

// Result is the whole comparison.
type Result struct {
	Old string `json:"old"`
	New string `json:"new"`
	// File is FileCreated when there was no old file (everything in the new map is added) and
	// FileDeleted when there is no new one; "" when both exist.
	File    string   `json:"file,omitempty"`
	Changes []Change `json:"changes"`
}

// Values of Result.File.
const (
	FileCreated = "created"
	FileDeleted = "deleted"
)

// Empty reports whether the maps mean the same (a file created or deleted is a difference).
func (r *Result) Empty() bool { return len(r.Changes) == 0 && r.File == "" }

// epsilon is how far two map coordinates may differ and still count as equal (the text carries
// two decimals, so anything smaller is a spelling change, not a move).
const epsilon = 1e-6

// Compare diffs old against new. oldName and newName label the result. A nil map stands for a
// file that does not exist (git's /dev/null): the other map's elements are all added, or all
// removed, and the result says the file was created or deleted instead of listing a change of
// title from "Untitled Map".
func Compare(old, new *mapdsl.Map, oldName, newName string) *Result {
	return compareWith(nil, old, new, oldName, newName)
}

// CompareContext is Compare that stops when ctx is done: it then returns ctx's error and no
// result.
func CompareContext(ctx context.Context, old, new *mapdsl.Map, oldName, newName string) (r *Result, err error) {
	stop := cancel.New(ctx)
	defer stop.Recover(&err)
	r = compareWith(stop, old, new, oldName, newName)
	if err := stop.Err(); err != nil {
		return nil, err
	}
	return r, nil
}

func compareWith(stop *cancel.Check, old, new *mapdsl.Map, oldName, newName string) *Result {
	res := &Result{Old: oldName, New: newName, Changes: []Change{}}
	switch {
	case old == nil && new == nil:
		return res
	case old == nil:
		old, _ = mapdsl.Parse(oldName, nil)
		res.File = FileCreated
	case new == nil:
		new, _ = mapdsl.Parse(newName, nil)
		res.File = FileDeleted
	}
	d := &differ{stop: stop, old: old, new: new, res: res}
	if res.File == "" {
		d.compareMap()
	}
	d.rename = map[string]string{}
	d.compareNamed(ElemAnchor, anchorNodes(old), anchorNodes(new))
	d.compareNamed(ElemComponent, componentNodes(old), componentNodes(new))
	d.compareLinks()
	d.comparePipelines()
	d.compareNotes()
	d.compareAnnotations()
	d.compareAccelerators()
	d.compareAreas()
	d.sort()
	return d.res
}

type differ struct {
	stop     *cancel.Check // nil unless the comparison can be cancelled (CompareContext)
	old, new *mapdsl.Map
	res      *Result
	// rename maps an old name to the name of its match in the new map, for components and
	// anchors that were kept (renamed or not).
	rename map[string]string
	// oldNb and newNb list each name's neighbours through links, computed once.
	oldNb, newNb map[string][]string
}

func (d *differ) add(c Change) { d.res.Changes = append(d.res.Changes, c) }

// node is a component or anchor reduced to what matching and reporting need.
type node struct {
	name   string
	pos    Position
	line   int
	comp   *mapdsl.Component // nil for anchors
	evolve *mapdsl.Evolve
}

func anchorNodes(m *mapdsl.Map) []node {
	var out []node
	for _, a := range m.Anchors {
		out = append(out, node{name: a.Name, pos: pos(a.Coords), line: a.Range.Start.Line})
	}
	return out
}

func componentNodes(m *mapdsl.Map) []node {
	evolves := map[string]*mapdsl.Evolve{}
	for _, e := range m.Evolves {
		if _, ok := evolves[e.Name]; !ok {
			evolves[e.Name] = e
		}
	}
	var out []node
	for _, c := range m.Components {
		n := node{name: c.Name, pos: pos(c.Coords), line: c.Range.Start.Line, comp: c, evolve: c.Evolve}
		if n.evolve == nil {
			n.evolve = evolves[c.Name]
		}
		out = append(out, n)
	}
	return out
}

func pos(c mapdsl.Coords) Position {
	return Position{Visibility: c.Visibility.Value, Maturity: c.Maturity.Value}
}

func ptr(p Position) *Position { return &p }

// compareMap reports changes to the map as a whole.
func (d *differ) compareMap() {
	o, n := d.old, d.new
	if o.Title != n.Title {
		d.add(Change{Element: ElemMap, Kind: Changed, Aspect: "title", Name: n.Title, OldName: o.Title,
			Detail: fmt.Sprintf("title %q -> %q", o.Title, n.Title), OldLine: o.TitleRange.Start.Line, NewLine: n.TitleRange.Start.Line})
	}
	if styleName(o.Style) != styleName(n.Style) {
		d.add(Change{Element: ElemMap, Kind: Changed, Aspect: "style", Name: n.Title,
			Detail: fmt.Sprintf("style %s -> %s", styleName(o.Style), styleName(n.Style)), OldLine: o.StyleRange.Start.Line, NewLine: n.StyleRange.Start.Line})
	}
	if o.Width != n.Width || o.Height != n.Height {
		d.add(Change{Element: ElemMap, Kind: Changed, Aspect: "size", Name: n.Title,
			Detail: fmt.Sprintf("size %s -> %s", sizeText(o), sizeText(n)), OldLine: o.SizeRange.Start.Line, NewLine: n.SizeRange.Start.Line})
	}
	if stagesText(o) != stagesText(n) {
		d.add(Change{Element: ElemMap, Kind: Changed, Aspect: "stages", Name: n.Title,
			Detail: fmt.Sprintf("evolution stages %s -> %s", stagesText(o), stagesText(n))})
	}
}

func styleName(s string) string {
	switch s {
	case "", "plain":
		return "plain"
	case "color":
		return "colour"
	}
	return s
}

func sizeText(m *mapdsl.Map) string {
	if m.Width == 0 && m.Height == 0 {
		return "(default)"
	}
	return fmt.Sprintf("[%g, %g]", m.Width, m.Height)
}

func stagesText(m *mapdsl.Map) string {
	var parts []string
	for _, s := range m.Stages {
		parts = append(parts, fmt.Sprintf("%s@%g", s.Label, s.Start))
	}
	return strings.Join(parts, " -> ")
}

// compareNamed matches old and new nodes (by name, then as renames) and reports the changes.
func (d *differ) compareNamed(el Element, olds, news []node) {
	pairs, oldLeft, newLeft := matchByName(olds, news)
	d.remember(olds, news, pairs)
	// Each round of renames can make the next more certain: once "Hot water" is known to be
	// "Hot Water", a component linked to it has a neighbour in common with its new self.
	for {
		renames := d.matchRenames(olds, news, oldLeft, newLeft)
		if len(renames) == 0 {
			break
		}
		d.remember(olds, news, renames)
		pairs = append(pairs, renames...)
		oldLeft, newLeft = unpaired(oldLeft, renames, 0), unpaired(newLeft, renames, 1)
	}
	matchedOld := map[int]bool{}
	matchedNew := map[int]bool{}
	for _, p := range pairs {
		matchedOld[p[0]], matchedNew[p[1]] = true, true
	}
	for i, o := range olds {
		if !matchedOld[i] {
			d.add(Change{Element: el, Kind: Removed, Name: o.name, From: ptr(o.pos), OldLine: o.line,
				Detail: fmt.Sprintf("removed from %s", coordText(o.pos))})
		}
	}
	for j, n := range news {
		if !matchedNew[j] {
			det := fmt.Sprintf("added at %s", coordText(n.pos))
			if n.comp != nil && n.comp.Parent != nil {
				det += fmt.Sprintf(" in pipeline %q", n.comp.Parent.Name)
			}
			d.add(Change{Element: el, Kind: Added, Name: n.name, To: ptr(n.pos), NewLine: n.line, Detail: det})
		}
	}
	for _, p := range pairs {
		d.stop.Point()
		d.compareNode(el, olds[p[0]], news[p[1]])
	}
}

// remember records the new names of matched old nodes.
func (d *differ) remember(olds, news []node, pairs [][2]int) {
	for _, p := range pairs {
		if _, seen := d.rename[olds[p[0]].name]; !seen {
			d.rename[olds[p[0]].name] = news[p[1]].name
		}
	}
}

// unpaired returns the indexes of left that no pair uses on the given side.
func unpaired(left []int, pairs [][2]int, side int) []int {
	used := map[int]bool{}
	for _, p := range pairs {
		used[p[side]] = true
	}
	var out []int
	for _, i := range left {
		if !used[i] {
			out = append(out, i)
		}
	}
	return out
}

// matchByName pairs nodes with equal names, in text order when a name repeats.
func matchByName(olds, news []node) (pairs [][2]int, oldLeft, newLeft []int) {
	byName := map[string][]int{}
	for j, n := range news {
		byName[n.name] = append(byName[n.name], j)
	}
	for i, o := range olds {
		if js := byName[o.name]; len(js) > 0 {
			pairs = append(pairs, [2]int{i, js[0]})
			byName[o.name] = js[1:]
			continue
		}
		oldLeft = append(oldLeft, i)
	}
	for j, n := range news {
		if slicesContains(byName[n.name], j) {
			newLeft = append(newLeft, j)
		}
	}
	return pairs, oldLeft, newLeft
}

func slicesContains(s []int, v int) bool {
	for _, x := range s {
		if x == v {
			return true
		}
	}
	return false
}

// matchRenames pairs leftover nodes that are probably the same element under a new name. Each
// candidate pair gets a score from three kinds of evidence (name, position, neighbours through
// links); pairs are taken greedily, best first. Only pairs that some evidence could make a
// rename are scored (renameCandidates), so the work grows with the number of leftovers, not
// with its square; the name's edit distance, the costly part, is only computed when it can
// still decide.
func (d *differ) matchRenames(olds, news []node, oldLeft, newLeft []int) [][2]int {
	if len(oldLeft) == 0 || len(newLeft) == 0 {
		return nil
	}
	if d.oldNb == nil {
		d.oldNb, d.newNb = neighbours(d.old), neighbours(d.new)
	}
	// Neighbour sets, the old ones translated to new names where already known.
	oldSets := make(map[int]map[string]bool, len(oldLeft))
	for _, i := range oldLeft {
		set := map[string]bool{}
		for _, nb := range d.oldNb[olds[i].name] {
			set[d.renamed(nb)] = true
		}
		oldSets[i] = set
	}
	newSets := make(map[int]map[string]bool, len(newLeft))
	for _, j := range newLeft {
		set := map[string]bool{}
		for _, nb := range d.newNb[news[j].name] {
			set[nb] = true
		}
		newSets[j] = set
	}
	type cand struct {
		i, j  int
		score float64
	}
	var cands []cand
	cs := newCandidateSource(news, newLeft, newSets)
	for _, i := range oldLeft {
		d.stop.Point()
		o := olds[i]
		ol := len([]rune(o.name))
		for _, j := range cs.candidates(o, oldSets[i]) {
			n := news[j]
			dist := math.Hypot(o.pos.Visibility-n.pos.Visibility, o.pos.Maturity-n.pos.Maturity)
			posSim := math.Max(0, 1-dist/renameReach)
			samePlace := dist < 0.005
			linkSim, shared := setJaccard(oldSets[i], newSets[j])
			noLinks := len(oldSets[i]) == 0 && len(newSets[j]) == 0
			// The best name similarity the lengths allow; below what any rule needs, skip it.
			nl := len([]rune(n.name))
			bound := 1 - float64(abs(ol-nl))/float64(max(ol, nl, 1))
			need := 0.8
			switch {
			case samePlace:
				need = 0.3
			case posSim >= 0.3 || linkSim >= 0.5:
				need = 0.5
			}
			nameSim := 0.0
			if bound >= need || posSim >= 0.5 && linkSim >= 0.5 || posSim >= 0.8 && linkSim > 0 {
				nameSim = similarity(o.name, n.name)
			}
			ok := nameSim >= 0.8 ||
				samePlace && (linkSim >= 0.5 || noLinks || nameSim >= 0.3) ||
				posSim >= 0.5 && linkSim >= 0.5 ||
				posSim >= 0.8 && linkSim > 0 ||
				nameSim >= 0.5 && (posSim >= 0.3 || linkSim >= 0.5) ||
				// The links identify it: most neighbours in common, and either two or more of
				// them or a move within reach (a rename combined with a move).
				linkSim >= 0.5 && posSim > 0 || linkSim == 1 && shared >= 2
			if ok {
				cands = append(cands, cand{i, j, nameSim + posSim + linkSim})
			}
		}
	}
	sort.SliceStable(cands, func(a, b int) bool { return cands[a].score > cands[b].score })
	usedO, usedN := map[int]bool{}, map[int]bool{}
	var pairs [][2]int
	for _, c := range cands {
		if usedO[c.i] || usedN[c.j] {
			continue
		}
		usedO[c.i], usedN[c.j] = true, true
		pairs = append(pairs, [2]int{c.i, c.j})
	}
	return pairs
}

// renameReach is how far (in map units) a renamed element may have moved for its position to
// count as evidence.
const renameReach = 0.15

// maxPosting caps how many new nodes one key of the candidate index may name (a trigram as
// common as "ent", a neighbour linked to everything); such a key is too weak to suggest a
// rename, and following it would make the matching quadratic.
const maxPosting = 64

// candidateSource finds the leftover new nodes that could be a rename of an old one: the
// nearest ones within renameReach of its position (at most maxPosting of them, found ring by
// ring in a grid), those sharing a neighbour through links, and those sharing a trigram of the
// lower-cased name.
type candidateSource struct {
	grid   map[[2]int][]int
	byNb   map[string][]int
	byGram map[string][]int
	seen   map[int]int // new index -> stamp of the old node that last listed it
	stamp  int
}

// gridCell is the side of a cell of the position grid; gridRings rings of cells around a
// node's own cell cover renameReach.
const (
	gridCell  = 0.035
	gridRings = 5 // ceil(renameReach / gridCell)
)

func cell(p Position) [2]int {
	return [2]int{int(math.Floor(p.Visibility / gridCell)), int(math.Floor(p.Maturity / gridCell))}
}

func newCandidateSource(news []node, newLeft []int, newSets map[int]map[string]bool) *candidateSource {
	cs := &candidateSource{grid: map[[2]int][]int{}, byNb: map[string][]int{}, byGram: map[string][]int{}, seen: map[int]int{}}
	for _, j := range newLeft {
		n := news[j]
		c := cell(n.pos)
		cs.grid[c] = append(cs.grid[c], j)
		for nb := range newSets[j] {
			cs.byNb[nb] = append(cs.byNb[nb], j)
		}
		for _, g := range trigrams(n.name) {
			cs.byGram[g] = append(cs.byGram[g], j)
		}
	}
	return cs
}

// candidates lists the new nodes worth scoring against old node o, each once, in a fixed order.
func (cs *candidateSource) candidates(o node, nbs map[string]bool) []int {
	cs.stamp++
	var out []int
	take := func(js []int) {
		for _, j := range js {
			if cs.seen[j] != cs.stamp {
				cs.seen[j] = cs.stamp
				out = append(out, j)
			}
		}
	}
	c := cell(o.pos)
	for ring := 0; ring <= gridRings && len(out) < maxPosting; ring++ {
		for dv := -ring; dv <= ring; dv++ {
			for dm := -ring; dm <= ring; dm++ {
				if max(abs(dv), abs(dm)) == ring {
					take(cs.grid[[2]int{c[0] + dv, c[1] + dm}])
				}
			}
		}
	}
	nbNames := make([]string, 0, len(nbs))
	for nb := range nbs {
		nbNames = append(nbNames, nb)
	}
	sort.Strings(nbNames)
	for _, nb := range nbNames {
		if js := cs.byNb[nb]; len(js) <= maxPosting {
			take(js)
		}
	}
	for _, g := range trigrams(o.name) {
		if js := cs.byGram[g]; len(js) <= maxPosting {
			take(js)
		}
	}
	sort.Ints(out)
	return out
}

// trigrams are the distinct three-rune pieces of the lower-cased name (the whole name when it
// is shorter).
func trigrams(name string) []string {
	r := []rune(strings.ToLower(strings.TrimSpace(name)))
	if len(r) < 3 {
		return []string{string(r)}
	}
	seen := map[string]bool{}
	var out []string
	for i := 0; i+3 <= len(r); i++ {
		g := string(r[i : i+3])
		if !seen[g] {
			seen[g] = true
			out = append(out, g)
		}
	}
	return out
}

// neighbours lists, for each name, the names it is linked with (either direction).
func neighbours(m *mapdsl.Map) map[string][]string {
	out := map[string][]string{}
	for _, l := range m.Links {
		out[l.From] = append(out[l.From], l.To)
		out[l.To] = append(out[l.To], l.From)
	}
	return out
}

// setJaccard is the size of the intersection over the size of the union, and the size of the
// intersection.
func setJaccard(a, b map[string]bool) (float64, int) {
	if len(a) == 0 || len(b) == 0 {
		return 0, 0
	}
	if len(a) > len(b) {
		a, b = b, a
	}
	inter := 0
	for x := range a {
		if b[x] {
			inter++
		}
	}
	return float64(inter) / float64(len(a)+len(b)-inter), inter
}

func abs(v int) int {
	if v < 0 {
		return -v
	}
	return v
}

// similarity is 1 minus the normalised edit distance of the lower-cased names.
func similarity(a, b string) float64 {
	a, b = strings.ToLower(strings.TrimSpace(a)), strings.ToLower(strings.TrimSpace(b))
	n := max(len([]rune(a)), len([]rune(b)))
	if n == 0 {
		return 1
	}
	return 1 - float64(mapdsl.EditDistance(a, b))/float64(n)
}

// compareNode reports what changed between two matched nodes.
func (d *differ) compareNode(el Element, o, n node) {
	base := Change{Element: el, Name: n.name, OldLine: o.line, NewLine: n.line, From: ptr(o.pos), To: ptr(n.pos)}
	if o.name != n.name {
		c := base
		c.Kind, c.OldName = Renamed, o.name
		c.Detail = fmt.Sprintf("renamed from %q", o.name)
		d.add(c)
	}
	if moved(o.pos, n.pos) {
		c := base
		c.Kind = Moved
		c.Detail = "moved " + d.moveText(o.pos, n.pos)
		d.add(c)
	}
	if o.comp == nil || n.comp == nil {
		return
	}
	changed := func(aspect, format string, args ...any) {
		c := base
		c.Kind, c.Aspect, c.Detail = Changed, aspect, fmt.Sprintf(format, args...)
		d.add(c)
	}
	oc, nc := o.comp, n.comp
	if oc.Kind != nc.Kind {
		changed("kind", "%s -> %s", kindText(oc.Kind), kindText(nc.Kind))
	}
	if a, b := decoratorText(oc.Decorators), decoratorText(nc.Decorators); a != b {
		changed("decorators", "decorators %s -> %s", a, b)
	}
	if oc.Inertia != nc.Inertia {
		if nc.Inertia {
			changed("inertia", "inertia added")
		} else {
			changed("inertia", "inertia removed")
		}
	}
	switch oe, ne := o.evolve, n.evolve; {
	case oe == nil && ne != nil:
		changed("evolve", "now evolving to %s%s", numText(ne.Maturity.Value), newNameText(ne))
	case oe != nil && ne == nil:
		changed("evolve", "no longer evolving (was to %s%s)", numText(oe.Maturity.Value), newNameText(oe))
	case oe != nil && ne != nil:
		if math.Abs(oe.Maturity.Value-ne.Maturity.Value) > epsilon {
			changed("evolve", "evolve target %s -> %s (%s)", numText(oe.Maturity.Value), numText(ne.Maturity.Value),
				signed(ne.Maturity.Value-oe.Maturity.Value))
		}
		if oe.NewName != ne.NewName {
			changed("evolve", "evolved name %q -> %q", oe.NewName, ne.NewName)
		}
	}
	if oc.URLRef != nc.URLRef {
		changed("url", "url(%s) -> url(%s)", oc.URLRef, nc.URLRef)
	} else if a, b := urlOf(d.old, oc.URLRef), urlOf(d.new, nc.URLRef); oc.URLRef != "" && a != b {
		changed("url", "address %q -> %q", a, b)
	}
	if op, np := parentName(oc), parentName(nc); op != np && d.rename[op] != np {
		switch {
		case op == "":
			changed("pipeline", "moved into pipeline %q", np)
		case np == "":
			changed("pipeline", "moved out of pipeline %q", op)
		default:
			changed("pipeline", "moved from pipeline %q to %q", op, np)
		}
	}
	if a, b := labelText(oc.Label), labelText(nc.Label); a != b {
		changed("label", "label offset %s -> %s", a, b)
	}
}

func moved(a, b Position) bool {
	return math.Abs(a.Visibility-b.Visibility) > epsilon || math.Abs(a.Maturity-b.Maturity) > epsilon
}

// moveText describes a move: the coordinates, the change of evolution and visibility, and the
// stages when the move crosses a boundary.
func (d *differ) moveText(a, b Position) string {
	var parts []string
	if dm := b.Maturity - a.Maturity; math.Abs(dm) > epsilon {
		s := "evolution " + signed(dm)
		if sa, sb := stageOf(d.old, a.Maturity), stageOf(d.new, b.Maturity); sa != sb {
			s += fmt.Sprintf(" (%s -> %s)", sa, sb)
		}
		parts = append(parts, s)
	}
	if dv := b.Visibility - a.Visibility; math.Abs(dv) > epsilon {
		parts = append(parts, "visibility "+signed(dv))
	}
	return fmt.Sprintf("%s -> %s, %s", coordText(a), coordText(b), strings.Join(parts, ", "))
}

// stageOf names the stage a maturity falls in.
func stageOf(m *mapdsl.Map, maturity float64) string {
	idx := 0
	for i := 1; i < 4; i++ {
		start := m.Stages[i].Start
		if start == 0 && !m.CustomStages {
			start = mapdsl.DefaultStageStarts[i]
		}
		if maturity >= start {
			idx = i
		}
	}
	if l := m.Stages[idx].Label; l != "" {
		return l
	}
	return [...]string{"Genesis", "Custom-Built", "Product", "Commodity"}[idx]
}

// urlOf resolves a submap's url reference (the first definition wins).
func urlOf(m *mapdsl.Map, ref string) string {
	for _, u := range m.URLs {
		if u.Ref == ref {
			return u.Address
		}
	}
	return ""
}

func parentName(c *mapdsl.Component) string {
	if c.Parent != nil {
		return c.Parent.Name
	}
	return ""
}

func kindText(k mapdsl.ComponentKind) string {
	switch k {
	case mapdsl.KindSubmap:
		return "submap"
	case mapdsl.KindPipelineChild:
		return "pipeline child"
	}
	return "component"
}

func decoratorText(dec mapdsl.Decorators) string {
	var parts []string
	if dec.Method != mapdsl.MethodNone {
		parts = append(parts, dec.Method.String())
	}
	if dec.Market {
		parts = append(parts, "market")
	}
	if dec.Ecosystem {
		parts = append(parts, "ecosystem")
	}
	if len(parts) == 0 {
		return "none"
	}
	return "(" + strings.Join(parts, ", ") + ")"
}

func labelText(o mapdsl.Offset) string {
	if !o.Present {
		return "automatic"
	}
	return fmt.Sprintf("[%g, %g]", o.DX.Value, o.DY.Value)
}

func newNameText(e *mapdsl.Evolve) string {
	if e.NewName == "" {
		return ""
	}
	return fmt.Sprintf(" as %q", e.NewName)
}

func coordText(p Position) string {
	return fmt.Sprintf("[%s, %s]", numText(p.Visibility), numText(p.Maturity))
}

func numText(v float64) string { return fmt.Sprintf("%.2f", v) }

func signed(v float64) string { return fmt.Sprintf("%+.2f", v) }

// linkKey identifies a link by its ends (in new names); a change of operator (-> to +<>) is a
// change of the same link.
type linkKey struct {
	from, to string
}

// compareLinks matches links by their ends after renames; a link whose ends stay but whose
// operator, flow label or context changed is reported as changed.
func (d *differ) compareLinks() {
	oldPos := positions(d.old)
	newPos := positions(d.new)
	type entry struct {
		l    *mapdsl.Link
		used bool
	}
	oldBy := map[linkKey][]*entry{}
	var oldOrder []*entry
	for _, l := range d.old.Links {
		k := linkKey{d.renamed(l.From), d.renamed(l.To)}
		e := &entry{l: l}
		oldBy[k] = append(oldBy[k], e)
		oldOrder = append(oldOrder, e)
	}
	for _, l := range d.new.Links {
		d.stop.Point()
		k := linkKey{l.From, l.To}
		var match *entry
		for _, e := range oldBy[k] {
			if !e.used {
				match = e
				break
			}
		}
		name := linkName(l)
		if match == nil {
			d.add(Change{Element: ElemLink, Kind: Added, Name: name, NewLine: l.Range.Start.Line,
				From: lookup(newPos, l.From), To: lookup(newPos, l.To), Detail: "added"})
			continue
		}
		match.used = true
		o := match.l
		base := Change{Element: ElemLink, Kind: Changed, Name: name, OldLine: o.Range.Start.Line, NewLine: l.Range.Start.Line,
			From: lookup(newPos, l.From), To: lookup(newPos, l.To)}
		if o.Operator != l.Operator {
			c := base
			c.Aspect, c.Detail = "operator", fmt.Sprintf("operator changed from %s to %s", o.Operator, l.Operator)
			d.add(c)
		}
		if strings.TrimSpace(o.Context) != strings.TrimSpace(l.Context) {
			c := base
			c.Aspect, c.Detail = "context", fmt.Sprintf("context %q -> %q", strings.TrimSpace(o.Context), strings.TrimSpace(l.Context))
			d.add(c)
		}
	}
	for _, e := range oldOrder {
		if !e.used {
			d.add(Change{Element: ElemLink, Kind: Removed, Name: linkName(e.l), OldLine: e.l.Range.Start.Line,
				From: lookup(oldPos, e.l.From), To: lookup(oldPos, e.l.To), Detail: "removed"})
		}
	}
}

// renamed translates an old name to the new map's name for the same element.
func (d *differ) renamed(name string) string {
	if r, ok := d.rename[name]; ok {
		return r
	}
	return name
}

func linkName(l *mapdsl.Link) string {
	op := l.Operator
	if op == "" {
		op = "->"
	}
	return l.From + op + l.To
}

// positions maps the names of anchors, components and evolved copies to their positions.
func positions(m *mapdsl.Map) map[string]Position {
	out := map[string]Position{}
	put := func(name string, p Position) {
		if _, ok := out[name]; !ok {
			out[name] = p
		}
	}
	for _, a := range m.Anchors {
		put(a.Name, pos(a.Coords))
	}
	for _, c := range m.Components {
		put(c.Name, pos(c.Coords))
	}
	for _, e := range m.Evolves {
		if e.NewName == "" {
			continue
		}
		if p, ok := out[e.Name]; ok {
			put(e.NewName, Position{Visibility: p.Visibility, Maturity: e.Maturity.Value})
		}
	}
	return out
}

func lookup(ps map[string]Position, name string) *Position {
	if p, ok := ps[name]; ok {
		return &p
	}
	return nil
}

// comparePipelines matches pipelines by name after renames and reports boxes added, removed,
// moved (both ends shifted by the same amount), resized, shown or hidden, and children that
// joined or left.
func (d *differ) comparePipelines() {
	pairByKey(d.old.Pipelines, d.new.Pipelines,
		func(o *mapdsl.Pipeline) string { return d.renamed(o.Name) },
		func(n *mapdsl.Pipeline) string { return n.Name },
		func(o, n *mapdsl.Pipeline) {
			base := Change{Element: ElemPipeline, Name: n.Name, OldLine: o.Range.Start.Line, NewLine: n.Range.Start.Line,
				OldSpan: span(o), Span: span(n), From: pipelinePos(o), To: pipelinePos(n)}
			if o.Name != n.Name {
				c := base
				c.Kind, c.OldName, c.Detail = Renamed, o.Name, fmt.Sprintf("renamed from %q", o.Name)
				d.add(c)
			}
			d.pipelineSpan(base, o, n)
			d.pipelineChildren(base, o, n)
		},
		func(o *mapdsl.Pipeline) {
			d.add(Change{Element: ElemPipeline, Kind: Removed, Name: o.Name, OldLine: o.Range.Start.Line,
				OldSpan: span(o), From: pipelinePos(o), Detail: fmt.Sprintf("removed (was %s)", spanText(o))})
		},
		func(n *mapdsl.Pipeline) {
			d.add(Change{Element: ElemPipeline, Kind: Added, Name: n.Name, NewLine: n.Range.Start.Line,
				Span: span(n), To: pipelinePos(n), Detail: "added " + spanText(n)})
		})
}

// pairByKey pairs the elements of old and new that share a key, in text order: the first of a
// key in old with the first in new, the second with the second, and so on, since a map may
// name a pipeline or number an annotation twice and, compared with itself, must show no change.
// It calls pair for each pair and removed for each element of old left over, in old's order,
// then added for each element of new left over, in new's order.
func pairByKey[T any, K comparable](old, new []T, oldKey, newKey func(T) K, pair func(o, n T), removed, added func(T)) {
	waiting := map[K][]int{}
	for i, n := range new {
		k := newKey(n)
		waiting[k] = append(waiting[k], i)
	}
	paired := make([]bool, len(new))
	for _, o := range old {
		k := oldKey(o)
		q := waiting[k]
		if len(q) == 0 {
			removed(o)
			continue
		}
		waiting[k] = q[1:]
		paired[q[0]] = true
		pair(o, new[q[0]])
	}
	for i, n := range new {
		if !paired[i] {
			added(n)
		}
	}
}

// pipelineSpan reports how a matched pipeline's box changed: hidden or shown, moved (both ends
// shifted alike, or with its component) or resized.
func (d *differ) pipelineSpan(base Change, o, n *mapdsl.Pipeline) {
	ds, de := n.Start.Value-o.Start.Value, n.End.Value-o.End.Value
	dv := 0.0
	if base.From != nil && base.To != nil {
		dv = base.To.Visibility - base.From.Visibility
	}
	switch {
	case o.Hidden != n.Hidden:
		c := base
		c.Kind, c.Aspect = Changed, "span"
		c.Detail = map[bool]string{true: "box hidden", false: "box shown " + spanText(n)}[n.Hidden]
		d.add(c)
	case math.Abs(ds) <= epsilon && math.Abs(de) <= epsilon:
		if math.Abs(dv) > epsilon {
			c := base
			c.Kind, c.Detail = Moved, fmt.Sprintf("moved with its component, visibility %s", signed(dv))
			d.add(c)
		}
	case math.Abs(ds-de) <= epsilon:
		c := base
		c.Kind = Moved
		c.Detail = fmt.Sprintf("moved %s by %.2f, %s -> %s", map[bool]string{true: "right", false: "left"}[ds > 0], math.Abs(ds), spanText(o), spanText(n))
		if math.Abs(dv) > epsilon {
			c.Detail += ", visibility " + signed(dv)
		}
		d.add(c)
	default:
		c := base
		c.Kind, c.Aspect = Changed, "span"
		c.Detail = fmt.Sprintf("%s, %s -> %s", resizeText(ds, de), spanText(o), spanText(n))
		d.add(c)
	}
}

// pipelineChildren reports the children that joined or left a matched pipeline (as names in the
// new map).
func (d *differ) pipelineChildren(base Change, o, n *mapdsl.Pipeline) {
	oldKids := map[string]bool{}
	for _, ch := range o.Children {
		oldKids[d.renamed(ch.Name)] = true
	}
	newKids := map[string]bool{}
	for _, ch := range n.Children {
		newKids[ch.Name] = true
	}
	var joined, left []string
	for _, ch := range n.Children {
		if !oldKids[ch.Name] {
			joined = append(joined, fmt.Sprintf("%q", ch.Name))
		}
	}
	for _, ch := range o.Children {
		if !newKids[d.renamed(ch.Name)] {
			left = append(left, fmt.Sprintf("%q", ch.Name))
		}
	}
	if len(joined)+len(left) > 0 {
		var parts []string
		if len(joined) > 0 {
			parts = append(parts, "joined: "+strings.Join(joined, ", "))
		}
		if len(left) > 0 {
			parts = append(parts, "left: "+strings.Join(left, ", "))
		}
		c := base
		c.Kind, c.Aspect, c.Detail = Changed, "children", strings.Join(parts, "; ")
		d.add(c)
	}
}

func span(p *mapdsl.Pipeline) *[2]float64 { return &[2]float64{p.Start.Value, p.End.Value} }

// pipelinePos is the left end of the pipeline's box, at its component's visibility.
func pipelinePos(p *mapdsl.Pipeline) *Position {
	if p.Component == nil {
		return nil
	}
	return &Position{Visibility: p.Component.Coords.Visibility.Value, Maturity: p.Start.Value}
}

func spanText(p *mapdsl.Pipeline) string {
	if p.Hidden {
		return "hidden"
	}
	return fmt.Sprintf("[%.2f, %.2f]", p.Start.Value, p.End.Value)
}

func resizeText(ds, de float64) string {
	var parts []string
	if math.Abs(ds) > epsilon {
		parts = append(parts, "start "+signed(ds))
	}
	if math.Abs(de) > epsilon {
		parts = append(parts, "end "+signed(de))
	}
	return "resized, " + strings.Join(parts, ", ")
}

// compareNotes matches notes by text; a note with the same text elsewhere has moved.
func (d *differ) compareNotes() {
	used := map[int]bool{}
	for _, o := range d.old.Notes {
		found := -1
		for j, n := range d.new.Notes {
			if !used[j] && n.Text == o.Text {
				found = j
				break
			}
		}
		if found < 0 {
			d.add(Change{Element: ElemNote, Kind: Removed, Name: o.Text, From: ptr(pos(o.Coords)), OldLine: o.Range.Start.Line, Detail: "removed"})
			continue
		}
		used[found] = true
		n := d.new.Notes[found]
		if moved(pos(o.Coords), pos(n.Coords)) {
			d.add(Change{Element: ElemNote, Kind: Moved, Name: n.Text, From: ptr(pos(o.Coords)), To: ptr(pos(n.Coords)),
				OldLine: o.Range.Start.Line, NewLine: n.Range.Start.Line, Detail: "moved " + d.moveText(pos(o.Coords), pos(n.Coords))})
		}
	}
	for j, n := range d.new.Notes {
		if !used[j] {
			d.add(Change{Element: ElemNote, Kind: Added, Name: n.Text, To: ptr(pos(n.Coords)), NewLine: n.Range.Start.Line, Detail: "added at " + coordText(pos(n.Coords))})
		}
	}
}

// compareAnnotations matches annotations by number.
func (d *differ) compareAnnotations() {
	number := func(a *mapdsl.Annotation) int { return a.Number }
	pairByKey(d.old.Annotations, d.new.Annotations, number, number,
		func(o, n *mapdsl.Annotation) {
			base := Change{Element: ElemAnnotation, Name: fmt.Sprint(o.Number), OldLine: o.Range.Start.Line, NewLine: n.Range.Start.Line}
			if strings.TrimSpace(o.Text) != strings.TrimSpace(n.Text) {
				c := base
				c.Kind, c.Aspect, c.Detail = Changed, "text", fmt.Sprintf("text %q -> %q", strings.TrimSpace(o.Text), strings.TrimSpace(n.Text))
				d.add(c)
			}
			if positionsText(o.Positions) != positionsText(n.Positions) {
				c := base
				c.Kind, c.Detail = Moved, fmt.Sprintf("moved %s -> %s", positionsText(o.Positions), positionsText(n.Positions))
				if len(o.Positions) > 0 && len(n.Positions) > 0 {
					c.From, c.To = ptr(pos(o.Positions[0])), ptr(pos(n.Positions[0]))
				}
				d.add(c)
			}
		},
		func(o *mapdsl.Annotation) {
			d.add(Change{Element: ElemAnnotation, Kind: Removed, Name: fmt.Sprint(o.Number), OldLine: o.Range.Start.Line, Detail: fmt.Sprintf("removed (%q)", o.Text)})
		},
		func(n *mapdsl.Annotation) {
			d.add(Change{Element: ElemAnnotation, Kind: Added, Name: fmt.Sprint(n.Number), NewLine: n.Range.Start.Line, Detail: fmt.Sprintf("added (%q)", strings.TrimSpace(n.Text))})
		})
}

func positionsText(ps []mapdsl.Coords) string {
	var parts []string
	for _, p := range ps {
		parts = append(parts, coordText(pos(p)))
	}
	return strings.Join(parts, " ")
}

// compareAccelerators matches accelerators and deaccelerators by name.
func (d *differ) compareAccelerators() {
	name := func(a *mapdsl.Accelerator) string { return a.Name }
	pairByKey(d.old.Accelerators, d.new.Accelerators, name, name,
		func(o, n *mapdsl.Accelerator) {
			if moved(pos(o.Coords), pos(n.Coords)) {
				d.add(Change{Element: ElemAccelerator, Kind: Moved, Name: n.Name, From: ptr(pos(o.Coords)), To: ptr(pos(n.Coords)),
					OldLine: o.Range.Start.Line, NewLine: n.Range.Start.Line, Detail: "moved " + d.moveText(pos(o.Coords), pos(n.Coords))})
			}
			if o.Deaccelerator != n.Deaccelerator {
				d.add(Change{Element: ElemAccelerator, Kind: Changed, Aspect: "kind", Name: n.Name, OldLine: o.Range.Start.Line, NewLine: n.Range.Start.Line,
					Detail: map[bool]string{true: "now a deaccelerator", false: "now an accelerator"}[n.Deaccelerator]})
			}
		},
		func(o *mapdsl.Accelerator) {
			d.add(Change{Element: ElemAccelerator, Kind: Removed, Name: o.Name, From: ptr(pos(o.Coords)), OldLine: o.Range.Start.Line, Detail: "removed"})
		},
		func(n *mapdsl.Accelerator) {
			d.add(Change{Element: ElemAccelerator, Kind: Added, Name: n.Name, To: ptr(pos(n.Coords)), NewLine: n.Range.Start.Line, Detail: "added at " + coordText(pos(n.Coords))})
		})
}

// compareAreas matches pioneers, settlers and townplanners rectangles by kind, in text order.
func (d *differ) compareAreas() {
	rect := func(a *mapdsl.Area) string {
		return fmt.Sprintf("[%.2f, %.2f, %.2f, %.2f]", a.Nums[0].Value, a.Nums[1].Value, a.Nums[2].Value, a.Nums[3].Value)
	}
	corner := func(a *mapdsl.Area) *Position {
		return &Position{Visibility: a.Nums[0].Value, Maturity: a.Nums[1].Value}
	}
	byKind := map[mapdsl.AreaKind][]*mapdsl.Area{}
	for _, a := range d.new.Areas {
		byKind[a.Kind] = append(byKind[a.Kind], a)
	}
	for _, o := range d.old.Areas {
		if len(byKind[o.Kind]) == 0 {
			d.add(Change{Element: ElemArea, Kind: Removed, Name: o.Kind.String(), From: corner(o), OldLine: o.Range.Start.Line,
				Detail: "removed " + rect(o)})
			continue
		}
		n := byKind[o.Kind][0]
		byKind[o.Kind] = byKind[o.Kind][1:]
		if rect(o) != rect(n) {
			d.add(Change{Element: ElemArea, Kind: Moved, Name: n.Kind.String(), From: corner(o), To: corner(n),
				OldLine: o.Range.Start.Line, NewLine: n.Range.Start.Line, Detail: fmt.Sprintf("moved %s -> %s", rect(o), rect(n))})
		}
	}
	for _, a := range d.new.Areas {
		if slicesContainsArea(byKind[a.Kind], a) {
			d.add(Change{Element: ElemArea, Kind: Added, Name: a.Kind.String(), To: corner(a), NewLine: a.Range.Start.Line,
				Detail: "added " + rect(a)})
		}
	}
}

func slicesContainsArea(list []*mapdsl.Area, a *mapdsl.Area) bool {
	for _, x := range list {
		if x == a {
			return true
		}
	}
	return false
}

// elementOrder and kindOrder fix the order of the report.
var elementOrder = map[Element]int{ElemMap: 0, ElemAnchor: 1, ElemComponent: 2, ElemLink: 3, ElemPipeline: 4,
	ElemNote: 5, ElemAnnotation: 6, ElemAccelerator: 7, ElemArea: 8}

// Renames, moves and other changes share a rank so that everything that happened to one element
// is listed together, in the order of the new text.
var kindOrder = map[ChangeKind]int{Added: 0, Removed: 1, Renamed: 2, Moved: 2, Changed: 2}

func (d *differ) sort() {
	line := func(c Change) int {
		if c.NewLine > 0 {
			return c.NewLine
		}
		return c.OldLine
	}
	sort.SliceStable(d.res.Changes, func(i, j int) bool {
		a, b := d.res.Changes[i], d.res.Changes[j]
		if elementOrder[a.Element] != elementOrder[b.Element] {
			return elementOrder[a.Element] < elementOrder[b.Element]
		}
		if kindOrder[a.Kind] != kindOrder[b.Kind] {
			return kindOrder[a.Kind] < kindOrder[b.Kind]
		}
		return line(a) < line(b)
	})
}
