package mapdsl

import (
	"fmt"
	"hash/maphash"
	"strings"
	"sync"
	"unicode"
)

// validate adds the diagnostics about meaning: names that refer to nothing, duplicates, positions
// off the map, evolutions that go backwards, unknown decorators, styles and url references.
// None of these stop the map from loading; they are warnings that read as advice.
func (p *parser) validate(m *Map) {
	names := newNameIndex(m, p.byName)
	p.checkDuplicates(m, p.byName)
	for i := range p.lines {
		p.stop.Point()
		r := &p.lines[i]
		if !r.check {
			continue
		}
		st := r.st // line-relative
		for _, x := range st.Extra {
			x = r.rng(x)
			p.diag(SeverityWarning, x, "ignored-text", "%q is not part of a %s statement and is ignored", p.text[x.Start.Offset:x.End.Offset], r.kind)
		}
		p.checkStatementNames(r)
		for _, w := range st.DecoratorWords {
			if !knownDecorator(w.Text) {
				d := p.diag(SeverityWarning, r.rng(w.Range), "unknown-decorator",
					"unknown decorator %q; use build, buy, outsource, market, ecosystem or inertia", w.Text)
				if s := closestWord(w.Text, decoratorList); s != "" {
					d.Message += fmt.Sprintf(" (did you mean %q?)", s)
					d.Suggestion = s
				}
			}
		}
	}
	for _, l := range m.Links {
		p.stop.Point()
		if c, ok := names.resolve(l.From); ok {
			l.From = c
		} else {
			p.unknownNameIn(names, l.FromRange, l.From, "link")
		}
		if c, ok := names.resolve(l.To); ok {
			l.To = c
		} else {
			p.unknownNameIn(names, l.ToRange, l.To, "link")
		}
	}
	for _, c := range m.Components {
		p.checkCoords(&c.Coords, c.Name)
	}
	for _, e := range m.Evolves {
		c := p.byName[e.Name]
		if c == nil {
			p.unknownNameIn(names, e.NameRange, e.Name, "evolve")
			continue
		}
		if e.Maturity.Set && e.Maturity.Value < c.Coords.Maturity.Value {
			p.diag(SeverityWarning, e.Maturity.Range, "evolve-backwards",
				"%q evolves to maturity %s, behind its current %s; evolution moves right, so check the numbers",
				e.Name, e.Maturity.Raw, numText(c.Coords.Maturity))
		}
		p.checkNumber(e.Maturity, "maturity")
	}
	for _, pl := range m.Pipelines {
		if pl.Component == nil {
			d := p.diag(SeverityWarning, pl.NameRange, "pipeline-without-component",
				"pipeline %q names no component, so OWM draws nothing; add \"component %s [v, m]\" or fix the name", pl.Name, pl.Name)
			if s := closestName(names.names(), pl.Name); s != "" {
				d.Message += fmt.Sprintf(" (did you mean %q?)", s)
				d.Suggestion = s
			}
		}
		if pl.Bracketed {
			p.checkNumber(pl.Start, "pipeline start")
			p.checkNumber(pl.End, "pipeline end")
		}
	}
	for _, a := range m.Anchors {
		p.checkCoords(&a.Coords, a.Name)
	}
	for _, n := range m.Notes {
		p.checkCoords(&n.Coords, "note")
	}
	for _, a := range m.Accelerators {
		p.checkCoords(&a.Coords, a.Name)
	}
	for _, a := range m.Annotations {
		for i := range a.Positions {
			if c := &a.Positions[i]; offMap(c.Visibility) || offMap(c.Maturity) {
				p.checkCoords(c, fmt.Sprintf("annotation %d", a.Number))
			}
		}
	}
	for _, a := range m.Areas {
		for _, n := range a.Nums {
			p.checkNumber(n, a.Kind.String())
		}
	}
	if m.StyleRange.Valid() && !knownStyles[m.Style] {
		d := p.diag(SeverityWarning, m.StyleRange, "unknown-style",
			"unknown style %q, so the plain style is used; choose plain, wardley, handwritten, colour or dark", m.Style)
		if s := closestWord(m.Style, []string{"plain", "wardley", "handwritten", "colour", "dark"}); s != "" {
			d.Message += fmt.Sprintf(" (did you mean %q?)", s)
			d.Suggestion = "style " + s
		}
	}
	urls := map[string]bool{}
	for _, u := range m.URLs {
		urls[u.Ref] = true
	}
	for _, c := range m.Components {
		if c.URLRef != "" && !urls[c.URLRef] {
			p.diag(SeverityWarning, c.Range, "undefined-url",
				"submap %q refers to url %q, which is not defined; add \"url %s [https://...]\"", c.Name, c.URLRef, c.URLRef)
		}
	}
}

var knownStyles = map[string]bool{"plain": true, "wardley": true, "handwritten": true, "colour": true, "color": true, "dark": true}

var decoratorList = []string{"build", "buy", "outsource", "market", "ecosystem", "inertia"}

// knownDecorator reports whether OWM's substring test finds a decorator in w.
func knownDecorator(w string) bool {
	for _, d := range decoratorList {
		if strings.Contains(w, d) {
			return true
		}
	}
	return false
}

func numText(n Number) string {
	if n.Raw != "" {
		return n.Raw
	}
	return fmt.Sprintf("%g", n.Value)
}

// checkStatementNames reports empty names where a statement needs one.
func (p *parser) checkStatementNames(r *lineStmt) {
	st := r.st
	if st.failed {
		return
	}
	switch r.kind {
	case StmtComponent, StmtSubmap, StmtMarket, StmtEcosystem, StmtAnchor, StmtPipelineChild,
		StmtAccelerator, StmtDeaccelerator, StmtPipeline, StmtEvolve, StmtMethod:
		if strings.TrimSpace(st.Name) == "" && st.KeywordRange.Valid() {
			p.diag(SeverityWarning, r.rng(st.Range), "missing-name", "this %s has no name; write \"%s\"", r.kind, statementExample(st.Keyword))
		}
	}
}

// checkCoords warns about positions outside the map (OWM draws them off the grid).
func (p *parser) checkCoords(c *Coords, what string) {
	if offMap(c.Visibility) {
		p.checkNumber(c.Visibility, "visibility of "+what)
	}
	if offMap(c.Maturity) {
		p.checkNumber(c.Maturity, "maturity of "+what)
	}
}

// offMap reports a number written outside 0..1 (NaN included).
func offMap(n Number) bool { return n.Set && !(n.Value >= 0 && n.Value <= 1) }

func (p *parser) checkNumber(n Number, what string) {
	if !offMap(n) {
		return
	}
	p.diag(SeverityWarning, n.Range, "out-of-range",
		"%s is %s, outside the map (0 to 1), so it is drawn off the grid", what, n.Raw)
}

// checkDuplicates warns about components (and anchors) that share a name: links, evolves and
// pipelines only reach the first. byName holds the first component of each name.
func (p *parser) checkDuplicates(m *Map, byName map[string]*Component) {
	var anchors map[string]Range // the first anchor of each name (maps have few anchors)
	report := func(name string, r Range, first Range) {
		p.diag(SeverityWarning, r, "duplicate-name",
			"%q is already defined on line %d; links, evolves and pipelines only reach the first one, so rename one of them", name, first.Start.Line)
	}
	for _, a := range m.Anchors {
		if a.Name == "" {
			continue
		}
		if first, ok := anchors[a.Name]; ok {
			report(a.Name, a.NameRange, first)
			continue
		}
		if anchors == nil {
			anchors = map[string]Range{}
		}
		anchors[a.Name] = a.Range
	}
	sharedWithAnchor := false
	for name := range anchors {
		if byName[name] != nil {
			sharedWithAnchor = true
		}
	}
	if !p.namesShared && !sharedWithAnchor {
		return // every component has a name of its own (nearly every map)
	}
	for _, c := range m.Components {
		if c.Name == "" {
			continue
		}
		if first, ok := anchors[c.Name]; ok {
			report(c.Name, c.NameRange, first)
		} else if first := byName[c.Name]; first != c {
			report(c.Name, c.NameRange, first.Range)
		}
	}
}

// unknownName reports a name that matches no element.
func (p *parser) unknownName(m *Map, r Range, name, where string) {
	byName, _ := componentsByName(m)
	p.unknownNameIn(newNameIndex(m, byName), r, name, where)
}

func (p *parser) unknownNameIn(idx *nameIndex, r Range, name, where string) {
	a := idx.answer(name)
	msg := a.linkMessage
	if where != "link" {
		msg = unknownNameMessage(name, where, a.suggestion)
	}
	p.diags = append(p.diags, Diagnostic{Severity: SeverityWarning, Range: r, Code: "unknown-component",
		Message: msg, Suggestion: a.suggestion})
}

// unknownNameMessage is the message about an unknown name, with its "did you mean" when there is
// one.
func unknownNameMessage(name, where, suggestion string) string {
	if suggestion != "" {
		return fmt.Sprintf("unknown component %q in %s (did you mean %q?)", name, where, suggestion)
	}
	return fmt.Sprintf("unknown component %q in %s, so OWM does not draw it", clipQuoted(name), where)
}

// nameIndex resolves link ends the way OWM (2026) does: an exact match first, then a match that
// ignores case and runs of whitespace.
type nameIndex struct {
	m      *Map
	byName map[string]*Component // the first component of each name
	others map[string]bool       // the names of anchors and of evolved copies (few)
	// all is every defined name once, in order (anchors, components, evolved copies); made on
	// the first name that does not resolve exactly, as are the following.
	all        []string
	defsHash   uint64 // definitionsHash of the map, made on the first name that needs it
	normalised map[string]string
	answers    map[string]*nameAnswer // answers already found in this parse
}

// nameAnswer is what a name that is not exactly defined resolves to, and what to say about it
// when it resolves to nothing. It depends only on the name and the defined names.
type nameAnswer struct {
	resolved    string // the defined name it matches ignoring case and runs of blanks
	ok          bool   // whether it matches one
	suggestion  string // the "did you mean" name, or ""
	linkMessage string // the diagnostic's message when the name ends a link
}

// nameMemo keeps the answers about names that are not exactly defined from one parse to the
// next. The editor parses the whole text after every keystroke, and without it each unresolved
// name of the map would be compared with every defined name again each time (on a typical
// 40-component map with a few unresolved names, half of the parse), and its message formatted
// again. An answer depends only on the name and on the defined names, in order, which make the
// key (those by a 64-bit hash and their number).
var nameMemo = struct {
	sync.Mutex
	answers map[suggestionKey]*nameAnswer
}{answers: map[suggestionKey]*nameAnswer{}}

type suggestionKey struct {
	name    string
	allHash uint64
	count   int
}

// maxNameMemo bounds the memo: it is emptied when full.
const maxNameMemo = 8192

// answer returns what idx knows about a name that is not exactly defined, remembered within the
// parse and across parses.
func (idx *nameIndex) answer(name string) *nameAnswer {
	if a := idx.answers[name]; a != nil {
		return a
	}
	if idx.defsHash == 0 {
		idx.defsHash = definitionsHash(idx.m)
	}
	k := suggestionKey{name, idx.defsHash, len(idx.m.Anchors) + len(idx.m.Components) + len(idx.m.Evolves)}
	nameMemo.Lock()
	a := nameMemo.answers[k]
	nameMemo.Unlock()
	if a == nil {
		all := idx.names()
		a = &nameAnswer{}
		if idx.normalised == nil {
			idx.normalised = make(map[string]string, len(all))
			for _, n := range all {
				nk := normaliseName(n)
				if _, ok := idx.normalised[nk]; !ok {
					idx.normalised[nk] = n
				}
			}
		}
		a.resolved, a.ok = idx.normalised[normaliseName(name)]
		if !a.ok {
			a.suggestion = closestName(all, name)
			a.linkMessage = unknownNameMessage(name, "link", a.suggestion)
		}
		k.name = strings.Clone(name) // the memo must not keep the text the name was cut from
		nameMemo.Lock()
		if len(nameMemo.answers) >= maxNameMemo {
			nameMemo.answers = make(map[suggestionKey]*nameAnswer, maxNameMemo/4)
		}
		nameMemo.answers[k] = a
		nameMemo.Unlock()
	}
	if idx.answers == nil {
		idx.answers = map[string]*nameAnswer{}
	}
	idx.answers[name] = a
	return a
}

// definitionsSeed makes definitionsHash the same function throughout the process.
var definitionsSeed = maphash.MakeSeed()

// definitionsHash hashes the names written where names are defined, in order (anchors,
// components, evolved copies; duplicates and empty names included): the defined names, and so
// every answer about an undefined name, are a function of that list. Never 0.
func definitionsHash(m *Map) uint64 {
	var h maphash.Hash
	h.SetSeed(definitionsSeed)
	for _, a := range m.Anchors {
		h.WriteString(a.Name)
		h.WriteByte(0)
	}
	h.WriteByte(1)
	for _, c := range m.Components {
		h.WriteString(c.Name)
		h.WriteByte(0)
	}
	h.WriteByte(1)
	for _, e := range m.Evolves {
		h.WriteString(e.NewName)
		h.WriteByte(0)
	}
	return max(h.Sum64(), 1)
}

func newNameIndex(m *Map, byName map[string]*Component) *nameIndex {
	idx := &nameIndex{m: m, byName: byName}
	add := func(n string) {
		if n == "" {
			return
		}
		if idx.others == nil {
			idx.others = map[string]bool{}
		}
		idx.others[n] = true
	}
	for _, a := range m.Anchors {
		add(a.Name)
	}
	for _, e := range m.Evolves {
		add(e.NewName)
	}
	return idx
}

// componentsByName maps each name to the first component of that name, and tells whether two
// components share a name.
func componentsByName(m *Map) (byName map[string]*Component, shared bool) {
	byName = make(map[string]*Component, len(m.Components))
	for _, c := range m.Components {
		if _, dup := byName[c.Name]; !dup {
			byName[c.Name] = c
		} else {
			shared = true
		}
	}
	return byName, shared
}

// has reports whether n is exactly the name of an anchor, a component or an evolved copy.
func (idx *nameIndex) has(n string) bool {
	return n != "" && (idx.byName[n] != nil || idx.others[n])
}

// names returns every defined name once, in order: anchors, components, evolved copies.
func (idx *nameIndex) names() []string {
	if idx.all != nil {
		return idx.all
	}
	seen := make(map[string]bool, len(idx.byName)+len(idx.others))
	idx.all = []string{}
	add := func(n string) {
		if n == "" || seen[n] {
			return
		}
		seen[n] = true
		idx.all = append(idx.all, n)
	}
	for _, a := range idx.m.Anchors {
		add(a.Name)
	}
	for _, c := range idx.m.Components {
		add(c.Name)
	}
	for _, e := range idx.m.Evolves {
		add(e.NewName)
	}
	return idx.all
}

func (idx *nameIndex) resolve(n string) (string, bool) {
	if idx.has(n) {
		return n, true
	}
	a := idx.answer(n)
	return a.resolved, a.ok
}

// normaliseName lower-cases a name and collapses whitespace (newlines included) to single spaces.
func normaliseName(s string) string {
	var b strings.Builder
	space := false
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c >= 0x80 {
			return strings.Join(strings.FieldsFunc(strings.ToLower(s), unicode.IsSpace), " ")
		}
		switch {
		case c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\v' || c == '\f':
			space = b.Len() > 0
			continue
		case c >= 'A' && c <= 'Z':
			c += 'a' - 'A'
		}
		if space {
			b.WriteByte(' ')
			space = false
		}
		if b.Len() == 0 {
			b.Grow(len(s))
		}
		b.WriteByte(c)
	}
	return b.String()
}

// closestName suggests the known name nearest to name (see closestWord), or "". It gives up on
// very large maps to keep validation linear.
func closestName(all []string, name string) string {
	if len(all) > 5000 || len(name) > 200 {
		return ""
	}
	return closestWord(name, all)
}

// closestWord returns the candidate nearest to w, ignoring case, when the edit distance is at
// most 2 (or a third of w's length for long words), or "".
func closestWord(w string, candidates []string) string {
	lw := []rune(strings.ToLower(w))
	limit := max(2, len(lw)/3)
	best, bestD := "", limit+1
	for _, c := range candidates {
		if len(c) > 200 || abs(len(c)-len(w)) > 4*bestD {
			continue
		}
		if d := boundedDistance(lw, []rune(strings.ToLower(c)), bestD-1); d < bestD {
			best, bestD = c, d
		}
	}
	return best
}

// EditDistance is the Levenshtein distance between a and b, counted in runes: the one measure of
// "how far apart are two names" that suggestions, edits and the semantic diff share.
func EditDistance(a, b string) int {
	ra, rb := []rune(a), []rune(b)
	return boundedDistance(ra, rb, max(len(ra), len(rb)))
}

// boundedDistance is the Levenshtein distance between a and b when it is at most limit, and
// limit+1 otherwise (it stops as soon as every path exceeds the limit).
func boundedDistance(a, b []rune, limit int) int {
	if abs(len(a)-len(b)) > limit {
		return limit + 1
	}
	prev := make([]int, len(b)+1)
	cur := make([]int, len(b)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(a); i++ {
		cur[0] = i
		rowMin := cur[0]
		for j := 1; j <= len(b); j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
			rowMin = min(rowMin, cur[j])
		}
		if rowMin > limit {
			return limit + 1
		}
		prev, cur = cur, prev
	}
	return min(prev[len(b)], limit+1)
}

func abs(x int) int {
	if x < 0 {
		return -x
	}
	return x
}

// statementExample is how a statement with a keyword is written, for advice in diagnostics:
// "evolve Name 0.80", "pipeline Name [0.20, 0.60]", else "keyword Name [v, m]".
func statementExample(keyword string) string {
	switch strings.ToLower(keyword) {
	case "evolve":
		return keyword + " Name 0.80"
	case "pipeline":
		return keyword + " Name [0.20, 0.60]"
	}
	return keyword + " Name [v, m]"
}
