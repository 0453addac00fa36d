// Package lint checks a parsed map for things that are legal in the OWM dialect but are most
// likely mistakes or doctrine smells: links that point nowhere (often at a component someone
// commented out), duplicated components, parts of the map that no user need reaches, evolution
// drawn backwards, building a commodity, positions sitting exactly on a stage boundary, and labels
// drawn on top of each other.
//
// Every rule has a stable ID (the Code of the diagnostics it produces) so that a team can turn it
// off or on from the command line or from a .mapwright.json file checked into the repository.
// Rules never change the map; they only read the model, its source text and, for the label rule,
// the Scene that render.Layout drew.
package lint

import (
	"cmp"
	"context"
	"fmt"
	"slices"
	"sort"
	"strconv"
	"strings"

	"mapwright/mapdsl"
	"mapwright/mapdsl/mermaid"
	"mapwright/render"
)

// Input is what the rules look at. Scene is optional: rules that need a drawing (overlapping
// labels) are skipped without it.
type Input struct {
	Map *mapdsl.Map
	// Diagnostics are the parser's diagnostics of Map (as mapdsl.Parse returns them, sorted),
	// when Map comes from the parser. The rules take the parser's answers from them instead of
	// working them out again: a link end with an "unknown-component" diagnostic names nothing,
	// and its Suggestion is the "did you mean". Without them (a Map made otherwise) the rules ask
	// mapdsl.NameIndex, which answers as the parser does.
	Diagnostics mapdsl.Diagnostics
	Source      []byte
	Scene       *render.Scene
}

// Rule is one check with a stable ID.
type Rule struct {
	ID       string
	Severity mapdsl.Severity
	// Default tells whether the rule runs when the configuration does not mention it.
	Default bool
	// Summary is one line for `mapwright check -h` and the docs.
	Summary string
	check   func(p *pass)
}

// Rules lists every rule in the order they run. IDs never change meaning; a retired rule's ID is
// not reused. (It is filled in init because the checks themselves look rules up.)
var Rules []Rule

func init() {
	defer func() {
		if len(Rules) > maxRules {
			panic("lint: more rules than pass.on has room for")
		}
	}()
	Rules = []Rule{
		{ID: "unknown-component", Severity: mapdsl.SeverityWarning, Default: true,
			Summary: "a link names a component or anchor that the map does not define", check: checkLinks},
		{ID: "link-commented-out", Severity: mapdsl.SeverityWarning, Default: true,
			Summary: "a link names a component that only exists in a comment", check: nil /* reported by checkLinks */},
		{ID: "duplicate-name", Severity: mapdsl.SeverityWarning, Default: true,
			Summary: "two components or anchors have the same name", check: checkDuplicates},
		{ID: "near-duplicate-name", Severity: mapdsl.SeverityWarning, Default: true,
			Summary: "two names differ only in case, spacing, punctuation or a typo", check: nil /* checkDuplicates */},
		{ID: "no-anchor", Severity: mapdsl.SeverityWarning, Default: true,
			Summary: "the map has components but no anchor (user or need)", check: checkReachability},
		{ID: "unreachable-component", Severity: mapdsl.SeverityWarning, Default: true,
			Summary: "a component is not connected by links to any anchor", check: nil /* checkReachability */},
		{ID: "evolve-backwards", Severity: mapdsl.SeverityWarning, Default: true,
			Summary: "an evolve target lies to the left of (behind) its component", check: checkEvolves},
		{ID: "build-on-commodity", Severity: mapdsl.SeverityWarning, Default: true,
			Summary: "a (build) decorator on a component in the commodity stage", check: checkBuildOnCommodity},
		{ID: "stage-boundary", Severity: mapdsl.SeverityInfo, Default: true,
			Summary: "a maturity lies exactly on a stage boundary, so its stage is ambiguous", check: checkStageBoundaries},
		{ID: "overlapping-labels", Severity: mapdsl.SeverityWarning, Default: true,
			Summary: "two labels are drawn over each other", check: checkLabelOverlaps},
		{ID: "hidden-characters", Severity: mapdsl.SeverityWarning, Default: true,
			Summary: "a name holds an invisible character (bidirectional control, zero-width space)", check: checkHiddenCharacters},
		{ID: "dependency-above", Severity: mapdsl.SeverityInfo, Default: false,
			Summary: "a dependency is drawn above the component that depends on it", check: checkDependencyAbove},
		{ID: "empty-map", Severity: mapdsl.SeverityWarning, Default: true,
			Summary: "the file holds no map statement at all (an empty or truncated file?)", check: checkEmptyMap},
		{ID: "unsafe-url", Severity: mapdsl.SeverityWarning, Default: true,
			Summary: "a url is not an http(s) or mailto address (javascript:, data:, file: ...); exports drop it", check: checkURLs},
		{ID: "size-limit", Severity: mapdsl.SeverityError, Default: true,
			Summary: "the size line asks for a drawing area outside 100..20000 units a side", check: checkSize},
		{ID: "missing-glyph", Severity: mapdsl.SeverityWarning, Default: true,
			Summary: "a text holds a character no installed font can draw (it is drawn as a box)", check: checkMissingGlyphs},
		{ID: "long-name", Severity: mapdsl.SeverityWarning, Default: true,
			Summary: "a name is longer than 60 characters, so it wraps onto several lines", check: checkLongNames},
	}
}

// Lookup finds a rule by ID.
func Lookup(id string) (Rule, bool) {
	for _, r := range Rules {
		if r.ID == id {
			return r, true
		}
	}
	return Rule{}, false
}

// nameRange prefers the range of a name, falling back to the whole statement.
func nameRange(name, stmt mapdsl.Range) mapdsl.Range {
	if name.Valid() {
		return name
	}
	return stmt
}

// checkLinks reports link ends that name nothing, telling apart names that only survive in a
// comment (someone commented the component out and forgot its links). Every link end naming
// the same unknown name gets the same finding, worked out once.
func checkLinks(p *pass) {
	if !p.enabled("unknown-component") && !p.enabled("link-commented-out") {
		return
	}
	ends := p.linkEnds()
	if p.verdicts == nil {
		p.verdicts = map[string]linkVerdict{}
	}
	for i, l := range p.in.Map.Links {
		for k, end := range [2]struct {
			name string
			rng  mapdsl.Range
		}{{l.From, l.FromRange}, {l.To, l.ToRange}} {
			if end.name == "" || ends[2*i+k] >= 0 {
				continue
			}
			v, ok := p.verdicts[end.name] // per unknown name, worked out once
			if !ok {
				v = p.judgeUnknown(end.name, end.rng)
				p.verdicts[end.name] = v
			}
			p.addMessage(v.rule, nameRange(end.rng, l.Range), v.suggestion, v.message)
		}
	}
}

// linkVerdict is the finding for a link to an unknown name.
type linkVerdict struct {
	rule, suggestion, message string
}

// judgeUnknown works out the finding for a link end at rng naming name, which the map does not
// define: a link to a commented-out component, or to an unknown one with the parser's "did you
// mean".
func (p *pass) judgeUnknown(name string, rng mapdsl.Range) linkVerdict {
	if !p.built.comments {
		p.comments.build(p.in.Source)
		p.built.comments = true
	}
	// The messages are those of fmt's %q and %d, written out (there are many of them) in
	// memory kept for the next.
	msg := strconv.AppendQuote(append(p.msg[:0], "link to "...), name)
	v := linkVerdict{rule: "unknown-component"}
	if line, ok := p.comments.defines(name); ok {
		v.rule = "link-commented-out"
		msg = strconv.AppendInt(append(msg, ", which is commented out on line "...), int64(line), 10)
		msg = append(msg, "; restore it or remove the link"...)
	} else if v.suggestion = p.suggestion(name, rng); v.suggestion != "" {
		msg = strconv.AppendQuote(append(msg, ", which is not defined (did you mean "...), v.suggestion)
		msg = append(msg, "?)"...)
	} else {
		msg = append(msg, ", which is not defined; OWM draws nothing for it"...)
	}
	v.message, p.msg = string(msg), msg
	return v
}

// element is an anchor or a component, the things the duplicate rules compare: a component's
// index in Map.Components, or an anchor's index i in Map.Anchors written as -1-i.
type element int32

func (p *pass) elementName(e element) string {
	if e < 0 {
		return p.in.Map.Anchors[-1-e].Name
	}
	return p.in.Map.Components[e].Name
}

func (p *pass) elementKind(e element) string {
	if e < 0 {
		return "anchor"
	}
	return "component"
}

func (p *pass) elementRange(e element) mapdsl.Range {
	if e < 0 {
		a := p.in.Map.Anchors[-1-e]
		return nameRange(a.NameRange, a.Range)
	}
	c := p.in.Map.Components[e]
	return nameRange(c.NameRange, c.Range)
}

// elements lists the anchors and components in the order they are defined: by the offset of
// their names, anchors first where offsets are equal (a stable sort of the anchors followed by
// the components). The parser lists each in text order, and two sorted lists are merged; lists
// out of order (a hand-made map) are sorted.
func (p *pass) elements() []element {
	m := p.in.Map
	els := p.els[:0]
	offset := func(e element) int { return p.elementRange(e).Start.Offset }
	sorted := func(n int, el func(int) element) bool {
		for i := 1; i < n; i++ {
			if offset(el(i)) < offset(el(i-1)) {
				return false
			}
		}
		return true
	}
	anchor := func(i int) element { return element(-1 - i) }
	component := func(i int) element { return element(i) }
	if sorted(len(m.Anchors), anchor) && sorted(len(m.Components), component) {
		a, c := 0, 0
		oa, oc := 0, 0 // the offsets of anchor a and component c
		if len(m.Anchors) > 0 {
			oa = offset(anchor(0))
		}
		if len(m.Components) > 0 {
			oc = offset(component(0))
		}
		for a < len(m.Anchors) || c < len(m.Components) {
			if c == len(m.Components) || a < len(m.Anchors) && oa <= oc {
				els = append(els, anchor(a))
				if a++; a < len(m.Anchors) {
					oa = offset(anchor(a))
				}
			} else {
				els = append(els, component(c))
				if c++; c < len(m.Components) {
					oc = offset(component(c))
				}
			}
		}
	} else {
		for i := range m.Anchors {
			els = append(els, anchor(i))
		}
		for i := range m.Components {
			els = append(els, component(i))
		}
		slices.SortStableFunc(els, func(x, y element) int { return cmp.Compare(offset(x), offset(y)) })
	}
	p.els = els
	return els
}

// elementID returns the index of the name of an element.
func (p *pass) elementID(e element) int32 {
	n := p.names()
	if e < 0 {
		return n.anchorID[-1-e]
	}
	return n.componentID[e]
}

// checkDuplicates reports exact duplicates (each later definition) and near duplicates (the
// later of two names that are the same after folding case, spacing and punctuation, or that are
// one typo apart: see nearIndex).
func checkDuplicates(p *pass) {
	if !p.enabled("duplicate-name") && !p.enabled("near-duplicate-name") {
		return
	}
	n := p.names()
	els := p.elements()
	first := resize(p.first, len(n.all)) // per name: its first element, as an index in els plus one
	p.first = first
	uniq := p.uniq[:0]
	for k, e := range els {
		name := p.elementName(e)
		if name == "" {
			continue
		}
		id := p.elementID(e)
		if f := first[id]; f > 0 {
			fe := els[f-1]
			frng := p.elementRange(fe)
			p.add("duplicate-name", p.elementRange(e), "", "%s %q is already defined on line %d; links and evolves use the first one",
				p.elementKind(e), name, frng.Start.Line)
			if frng == p.elementRange(e) {
				// Indistinguishable from the first (both without a position, in a hand-made
				// map): compared for near duplicates as well, as the first is.
				uniq = append(uniq, e)
			}
			continue
		}
		first[id] = int32(k + 1)
		uniq = append(uniq, e)
	}
	p.uniq = uniq
	if !p.enabled("near-duplicate-name") {
		return
	}
	x := &p.near
	x.reset()
	for j, b := range uniq {
		i, ok := x.addAndMatch(p.elementName(b), int32(j))
		if !ok {
			continue
		}
		a := uniq[i]
		p.add("near-duplicate-name", p.elementRange(b), "", "%s %q looks like %s %q on line %d; if they are the same thing, use one name",
			p.elementKind(b), p.elementName(b), p.elementKind(a), p.elementName(a), p.elementRange(a).Start.Line)
	}
}

// checkReachability reports a map without anchors, or else every component that no chain of
// links (in either direction) joins to an anchor. A pipeline's children hang off the pipeline's
// component, and an evolved copy's new name stands for its component.
func checkReachability(p *pass) {
	if !p.enabled("no-anchor") && !p.enabled("unreachable-component") {
		return
	}
	m := p.in.Map
	if len(m.Anchors) == 0 {
		if len(m.Components) > 0 {
			rng := m.TitleRange
			if !rng.Valid() {
				rng = nameRange(m.Components[0].NameRange, m.Components[0].Range)
			}
			p.add("no-anchor", rng, "", "the map has no anchor; add the user or need it serves, e.g. anchor Customer [0.95, 0.5]")
		}
		return
	}
	if !p.enabled("unreachable-component") {
		return
	}
	// Union-find over names (lenient spelling). A name the map does not define is a vertex of
	// its own per spelling.
	n := p.names()
	sets := &p.sets
	sets.reset(len(n.all))
	if p.unknown == nil {
		p.unknown = map[string]int32{}
	}
	vertex := func(s string, id int32) int32 {
		if id >= 0 {
			return id
		}
		v, ok := p.unknown[s]
		if !ok {
			v = sets.add()
			p.unknown[s] = v
		}
		return v
	}
	ends := p.linkEnds()
	for i, l := range m.Links {
		sets.union(vertex(l.From, ends[2*i]), vertex(l.To, ends[2*i+1]))
	}
	for _, e := range m.Evolves {
		if e.NewName != "" {
			sets.union(vertex(e.NewName, n.lookup(e.NewName)), vertex(e.Name, n.lookup(e.Name)))
		}
	}
	for _, pl := range m.Pipelines {
		parent := vertex(pl.Name, n.lookup(pl.Name))
		for _, c := range pl.Children {
			sets.union(vertex(c.Name, n.lookup(c.Name)), parent)
		}
	}
	anchored := resize(p.anchored, len(sets.parent))
	p.anchored = anchored
	for i := range m.Anchors {
		anchored[sets.find(n.anchorID[i])] = true
	}
	for i, c := range m.Components {
		if !anchored[sets.find(n.componentID[i])] {
			p.add("unreachable-component", nameRange(c.NameRange, c.Range), "",
				"component %q is not linked, directly or through others, to any anchor", c.Name)
		}
	}
}

// disjointSets is union-find over small integers.
type disjointSets struct{ parent []int32 }

// reset makes n sets of one element each.
func (s *disjointSets) reset(n int) {
	s.parent = s.parent[:0]
	for i := range n {
		s.parent = append(s.parent, int32(i))
	}
}

func (s *disjointSets) add() int32 {
	v := int32(len(s.parent))
	s.parent = append(s.parent, v)
	return v
}

func (s *disjointSets) find(v int32) int32 {
	root := v
	for s.parent[root] != root {
		root = s.parent[root]
	}
	for s.parent[v] != root { // path compression
		s.parent[v], v = root, s.parent[v]
	}
	return root
}

func (s *disjointSets) union(a, b int32) { s.parent[s.find(a)] = s.find(b) }

// checkEvolves reports evolve targets to the left of the component they evolve.
func checkEvolves(p *pass) {
	if !p.enabled("evolve-backwards") || len(p.in.Map.Evolves) == 0 {
		return
	}
	n := p.names()
	for _, e := range p.in.Map.Evolves {
		id, ok := n.id[e.Name]
		if !ok || n.firstComponent[id] < 0 {
			continue
		}
		c := p.in.Map.Components[n.firstComponent[id]]
		if e.Maturity.Value >= c.Coords.Maturity.Value {
			continue
		}
		rng := e.Maturity.Range
		if !rng.Valid() {
			rng = e.Range
		}
		p.add("evolve-backwards", rng, "", "evolve target %s is behind %q at maturity %s; evolution only moves right",
			num(e.Maturity), e.Name, num(c.Coords.Maturity))
	}
}

// checkBuildOnCommodity reports (build) on components at or past the start of the last stage.
func checkBuildOnCommodity(p *pass) {
	if !p.enabled("build-on-commodity") {
		return
	}
	m := p.in.Map
	commodity := m.Stages[3].Start
	if commodity <= 0 {
		commodity = mapdsl.DefaultStageStarts[3]
	}
	label := m.Stages[3].Label
	if label == "" {
		label = "Commodity"
	}
	for _, c := range m.Components {
		if c.Decorators.Method != mapdsl.MethodBuild || c.Coords.Maturity.Value < commodity {
			continue
		}
		rng := c.Decorators.Range
		if !rng.Valid() {
			rng = nameRange(c.NameRange, c.Range)
		}
		p.add("build-on-commodity", rng, "", "%q is built although it sits in the %s stage (maturity %s); consider (buy) or (outsource)",
			c.Name, label, num(c.Coords.Maturity))
	}
}

// checkStageBoundaries reports maturities exactly on a divider between stages.
func checkStageBoundaries(p *pass) {
	if !p.enabled("stage-boundary") {
		return
	}
	m := p.in.Map
	var starts [4]float64
	for i := 1; i < 4; i++ {
		starts[i] = m.Stages[i].Start
		if starts[i] == 0 && !m.CustomStages {
			starts[i] = mapdsl.DefaultStageStarts[i]
		}
	}
	onBoundary := func(v float64) (int, bool) {
		for i := 1; i < 4; i++ {
			if d := v - starts[i]; d > -1e-9 && d < 1e-9 {
				return i, true
			}
		}
		return 0, false
	}
	stageName := func(i int) string {
		if l := m.Stages[i].Label; l != "" {
			return l
		}
		return [...]string{"Genesis", "Custom-Built", "Product", "Commodity"}[i]
	}
	report := func(what, name string, n mapdsl.Number, stmt mapdsl.Range) {
		i, ok := onBoundary(n.Value)
		if !ok || !n.Set {
			return
		}
		rng := n.Range
		if !rng.Valid() {
			rng = stmt
		}
		// Written out rather than with fmt: a map may hold many.
		p.addMessage("stage-boundary", rng, "", what+" "+strconv.Quote(name)+" sits exactly on the boundary between "+
			stageName(i-1)+" and "+stageName(i)+" (maturity "+num(n)+"); move it to one side")
	}
	for _, c := range m.Components {
		report("component", c.Name, c.Coords.Maturity, c.Range)
	}
	for _, e := range m.Evolves {
		report("evolve target of", e.Name, e.Maturity, e.Range)
	}
}

// checkDependencyAbove reports dependency links whose lower end is drawn higher (more visible)
// than the component that depends on it. Wardley sometimes does this on purpose, so the rule is
// off by default.
func checkDependencyAbove(p *pass) {
	if !p.enabled("dependency-above") {
		return
	}
	n := p.names()
	m := p.in.Map
	visibility := func(name string) (float64, bool) {
		id, ok := n.id[name]
		if !ok || n.firstComponent[id] < 0 {
			return 0, false
		}
		return m.Components[n.firstComponent[id]].Coords.Visibility.Value, true
	}
	for _, l := range m.Links {
		if l.Kind != mapdsl.LinkDependency {
			continue
		}
		from, ok1 := visibility(l.From)
		to, ok2 := visibility(l.To)
		if ok1 && ok2 && to > from {
			p.add("dependency-above", l.Range, "", "%q depends on %q, which is drawn above it (visibility %.2f > %.2f)",
				l.From, l.To, to, from)
		}
	}
}

// num spells a number as the text wrote it.
func num(n mapdsl.Number) string {
	if n.Raw != "" {
		return n.Raw
	}
	return fmt.Sprintf("%g", n.Value)
}

// supersedes lists, for lint rules that say more than a parser diagnostic at the same place,
// the parser codes they replace.
var supersedes = map[string]string{
	"link-commented-out": "unknown-component",
}

// Merge combines the parser's diagnostics with the lint findings for one file. Some rules
// repeat checks the parser also makes (unknown-component, duplicate-name, evolve-backwards share
// its codes, so that one --disable turns both off); a finding with the same code at the same
// place is kept once, and a more specific finding replaces the parser's (link-commented-out
// replaces unknown-component). Parser diagnostics whose code cfg disables are dropped, except
// errors, which no configuration hides.
func Merge(parser, findings mapdsl.Diagnostics, cfg Config) mapdsl.Diagnostics {
	covered := coverage(findings)
	enabled := enabledCodes(cfg)
	keep := func(d *mapdsl.Diagnostic) bool {
		return d.Severity == mapdsl.SeverityError || enabled(d.Code) && !covered(d)
	}
	if slices.IsSortedFunc(parser, compareDiagnostics) && slices.IsSortedFunc(findings, compareDiagnostics) {
		return mergeSorted(parser, findings, keep)
	}
	out := make(mapdsl.Diagnostics, 0, len(parser)+len(findings))
	for i := range parser {
		if keep(&parser[i]) {
			out = append(out, parser[i])
		}
	}
	out = append(out, findings...)
	sortDiagnostics(out)
	return out
}

// coverage returns whether a finding has a diagnostic's code, or replaces it, at its place.
func coverage(findings mapdsl.Diagnostics) func(d *mapdsl.Diagnostic) bool {
	// The findings by position: Run returns them sorted; others are sorted here, by index.
	order := func(i int) *mapdsl.Diagnostic { return &findings[i] }
	byOffset := func(a, b mapdsl.Diagnostic) int { return cmp.Compare(a.Range.Start.Offset, b.Range.Start.Offset) }
	if !slices.IsSortedFunc(findings, byOffset) {
		idx := make([]int, len(findings))
		for i := range idx {
			idx[i] = i
		}
		slices.SortFunc(idx, func(a, b int) int { return byOffset(findings[a], findings[b]) })
		order = func(i int) *mapdsl.Diagnostic { return &findings[idx[i]] }
	}
	return func(d *mapdsl.Diagnostic) bool {
		at := d.Range.Start.Offset
		i := sort.Search(len(findings), func(i int) bool { return order(i).Range.Start.Offset >= at })
		for ; i < len(findings) && order(i).Range.Start.Offset == at; i++ {
			f := order(i)
			if f.Range.Start.Line != d.Range.Start.Line {
				continue
			}
			if old, ok := supersedes[f.Code]; f.Code == d.Code || ok && old == d.Code {
				return true
			}
		}
		return false
	}
}

// enabledCodes returns cfg.Enabled, asking it once per code for the first few codes (a parser's
// diagnostics share a few).
func enabledCodes(cfg Config) func(code string) bool {
	var codes [8]struct {
		code string
		on   bool
	}
	known := 0
	return func(code string) bool {
		for _, c := range codes[:known] {
			if c.code == code {
				return c.on
			}
		}
		on := cfg.Enabled(code)
		if known < len(codes) {
			codes[known].code, codes[known].on = code, on
			known++
		}
		return on
	}
}

// mergeSorted merges two sorted lists, the kept parser diagnostics first where positions are
// equal (as a stable sort of them followed by the findings would). The kept ones are first put
// at the end of the result, in order, and read from there while the merged list is written
// from the start, never overtaking them.
func mergeSorted(parser, findings mapdsl.Diagnostics, keep func(*mapdsl.Diagnostic) bool) mapdsl.Diagnostics {
	out := make(mapdsl.Diagnostics, len(parser)+len(findings))
	k := len(out)
	for i := len(parser) - 1; i >= 0; i-- {
		if keep(&parser[i]) {
			k--
			out[k] = parser[i]
		}
	}
	w, a, b := 0, k, 0
	for a < len(out) && b < len(findings) {
		if compareDiagnostics(findings[b], out[a]) < 0 {
			out[w], b = findings[b], b+1
		} else {
			out[w], a = out[a], a+1
		}
		w++
	}
	w += copy(out[w:], out[a:])
	w += copy(out[w:], findings[b:])
	return out[:w]
}

// Check is what `mapwright check` reports for one map text: the parser's diagnostics and the
// findings of the rules cfg enables, merged. The map is drawn only when a rule needs the Scene.
// The parsed map is returned too, for callers that show more than the findings (the language
// server's hover and outline).
func Check(name string, src []byte, cfg Config) (*mapdsl.Map, mapdsl.Diagnostics) {
	m, diags, _ := CheckContext(context.Background(), name, src, cfg)
	return m, diags
}

// CheckContext is Check that stops when ctx is done: it then returns ctx's error.
func CheckContext(ctx context.Context, name string, src []byte, cfg Config) (*mapdsl.Map, mapdsl.Diagnostics, error) {
	parse := mapdsl.ParseContext
	if mermaid.IsMermaid(name, src) {
		// Read line for line (findings point at the diagram's lines); the rules read the
		// translation's comments.
		parse, src = mermaid.ParseTranslation, mermaid.ToOWM(src)
	}
	m, diags, err := parse(ctx, name, src)
	if err != nil {
		return nil, nil, err
	}
	in := Input{Map: m, Diagnostics: diags, Source: src}
	if cfg.Enabled("overlapping-labels") {
		if in.Scene, err = render.LayoutContext(ctx, m, render.Options{}); err != nil {
			return nil, nil, err
		}
	}
	found, err := RunContext(ctx, in, cfg)
	if err != nil {
		return nil, nil, err
	}
	return m, Merge(diags, found, cfg), nil
}

// checkEmptyMap reports a file with nothing but blank lines and comments: nothing would be drawn,
// which in CI usually means a truncated or wrongly generated file.
func checkEmptyMap(p *pass) {
	if !p.enabled("empty-map") {
		return
	}
	m := p.in.Map
	if m.TitleRange.Valid() || m.StyleRange.Valid() || m.SizeRange.Valid() || len(m.Components)+len(m.Anchors)+len(m.Links)+
		len(m.Evolves)+len(m.Pipelines)+len(m.Notes)+len(m.Annotations)+len(m.Accelerators)+len(m.Areas)+len(m.URLs) > 0 {
		return
	}
	p.add("empty-map", mapdsl.Range{Start: mapdsl.Pos{Line: 1, Column: 1}, End: mapdsl.Pos{Line: 1, Column: 1}}, "",
		"the map is empty: it has no title, component or other statement, so nothing is drawn")
}

// checkURLs reports url lines whose address the exporters refuse to link (render.SafeURL):
// javascript: and data: addresses run code or hide content when clicked in an SVG or PDF.
func checkURLs(p *pass) {
	if !p.enabled("unsafe-url") {
		return
	}
	for _, u := range p.in.Map.URLs {
		if u == nil || u.Address == "" || render.SafeURL(u.Address) {
			continue
		}
		scheme, _, found := strings.Cut(u.Address, ":")
		what := "is not an http(s) or mailto address"
		if found && !strings.ContainsAny(scheme, "/?#") {
			what = fmt.Sprintf("uses the %s: scheme", strings.ToLower(strings.TrimSpace(scheme)))
		}
		p.add("unsafe-url", u.Range, "", "the address of url %q %s, so exports leave the link out; use an https:// address", u.Ref, what)
	}
}

// checkSize reports a size line outside what render draws (it clamps to MinSize..MaxSize):
// the map would not be drawn at the size written, and a huge one cannot be exported as PNG.
func checkSize(p *pass) {
	m := p.in.Map
	if !p.enabled("size-limit") || !m.SizeRange.Valid() {
		return
	}
	ok := func(v float64) bool { return v == 0 || v >= render.MinSize && v <= render.MaxSize }
	if ok(m.Width) && ok(m.Height) {
		return
	}
	p.add("size-limit", m.SizeRange, "", "size [%g, %g] is outside what can be drawn: each side must be between %d and %d",
		m.Width, m.Height, int(render.MinSize), int(render.MaxSize))
}
