package mapdsl

import (
	"fmt"
	"math/bits"
	"slices"
	"strconv"
	"strings"
	"unicode"
)

// validate adds the diagnostics about meaning: names that refer to nothing, duplicates, positions
// off the map, evolutions that go backwards, unknown decorators, styles and url references.
// None of these stop the map from loading; they are warnings that read as advice.
func (p *parser) validate(m *Map) {
	names := newNameIndex(m, p.byName)
	p.checkDuplicates(m, p.byName)
	p.checkLines()
	p.resolveLinks(m, names)
	for _, c := range m.Components {
		p.checkCoords(&c.Coords, c.Name)
	}
	p.checkEvolves(m, names)
	p.checkPipelines(m, names)
	p.checkPositions(m)
	p.checkStyle(m)
	p.checkURLs(m)
}

// checkLines reports, line by line, text a statement ignores, names it cannot use and unknown
// decorators.
func (p *parser) checkLines() {
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
}

// resolveLinks sets each link end to the name it resolves to (OWM's lenient match), and reports
// the ends that resolve to nothing.
func (p *parser) resolveLinks(m *Map, names *nameIndex) {
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
}

// checkEvolves reports evolve lines that name no component or move it backwards.
func (p *parser) checkEvolves(m *Map, names *nameIndex) {
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
}

// checkPipelines reports pipelines that name no component, and ends off the map.
func (p *parser) checkPipelines(m *Map, names *nameIndex) {
	for _, pl := range m.Pipelines {
		if pl.Component == nil {
			d := p.diag(SeverityWarning, pl.NameRange, "pipeline-without-component",
				"pipeline %q names no component, so OWM draws nothing; add \"component %s [v, m]\" or fix the name", pl.Name, pl.Name)
			if s := names.closestName(pl.Name); s != "" {
				d.Message += fmt.Sprintf(" (did you mean %q?)", s)
				d.Suggestion = s
			}
		}
		if pl.Bracketed {
			p.checkNumber(pl.Start, "pipeline start")
			p.checkNumber(pl.End, "pipeline end")
		}
	}
}

// checkPositions reports anchors, notes, accelerators, annotations and areas placed off the
// map.
func (p *parser) checkPositions(m *Map) {
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
}

// checkStyle reports a style OWM does not know (it draws plain).
func (p *parser) checkStyle(m *Map) {
	if !m.StyleRange.Valid() || knownStyles[m.Style] {
		return
	}
	d := p.diag(SeverityWarning, m.StyleRange, "unknown-style",
		"unknown style %q, so the plain style is used; choose plain, wardley, handwritten, colour or dark", m.Style)
	if s := closestWord(m.Style, []string{"plain", "wardley", "handwritten", "colour", "dark"}); s != "" {
		d.Message += fmt.Sprintf(" (did you mean %q?)", s)
		d.Suggestion = "style " + s
	}
}

// checkURLs reports submaps whose url reference no url line defines.
func (p *parser) checkURLs(m *Map) {
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
	if suggestion == "" {
		name = clipQuoted(name)
	}
	var b strings.Builder // its memory becomes the message
	b.Grow(len("unknown component \"\" in  (did you mean \"\"?)") + len(where) + len(name) + len(suggestion))
	b.WriteString("unknown component ")
	writeQuoted(&b, name)
	b.WriteString(" in ")
	b.WriteString(where)
	if suggestion != "" {
		b.WriteString(" (did you mean ")
		writeQuoted(&b, suggestion)
		b.WriteString("?)")
	} else {
		b.WriteString(", so OWM does not draw it")
	}
	return b.String()
}

// writeQuoted writes s as strconv.Quote does, without looking up every rune of a name that is
// printable ASCII with no quote or backslash (most names): their quoted form is the name in
// quotes.
func writeQuoted(b *strings.Builder, s string) {
	for i := 0; i < len(s); i++ {
		if c := s[i]; c < ' ' || c > '~' || c == '"' || c == '\\' {
			b.WriteString(strconv.Quote(s))
			return
		}
	}
	b.WriteByte('"')
	b.WriteString(s)
	b.WriteByte('"')
}

// NameIndex answers, for a Map made by other means than Parse, what the parser answers about
// the names of the maps it reads: which defined name an unknown name is likely a typo of. Parse
// has already answered for its own map: a link end it cannot match has an "unknown-component"
// diagnostic whose Suggestion is the "did you mean"; read those rather than asking again.
type NameIndex struct{ idx *nameIndex }

// NewNameIndex indexes the names of m: its anchors, components and evolved copies.
func NewNameIndex(m *Map) *NameIndex {
	byName, _ := componentsByName(m)
	return &NameIndex{idx: newNameIndex(m, byName)}
}

// Suggest returns the defined name nearest to a name that resolves to none (the parser's "did
// you mean"), or "".
func (n *NameIndex) Suggest(name string) string { return n.idx.answer(name).suggestion }

// nameIndex resolves link ends the way OWM (2026) does: an exact match first, then a match that
// ignores case and runs of whitespace.
type nameIndex struct {
	m      *Map
	byName map[string]*Component // the first component of each name
	others map[string]bool       // the names of anchors and of evolved copies (few)
	// all is every defined name once, in order (anchors, components, evolved copies); made on
	// the first name that does not resolve exactly, as are the following.
	all        []string
	folded     *foldedNames // all, for suggestions
	dist       distance
	normalised map[string]string
	answers    map[string]nameAnswer // answers already found in this parse
}

// nameAnswer is what a name that is not exactly defined resolves to, and what to say about it
// when it resolves to nothing. It depends only on the name and the defined names.
type nameAnswer struct {
	resolved    string // the defined name it matches ignoring case and runs of blanks
	ok          bool   // whether it matches one
	suggestion  string // the "did you mean" name, or ""
	linkMessage string // the diagnostic's message when the name ends a link
}

// answer returns what idx knows about a name that is not exactly defined, remembered within the
// parse.
func (idx *nameIndex) answer(name string) nameAnswer {
	if a, ok := idx.answers[name]; ok {
		return a
	}
	all := idx.names()
	var a nameAnswer
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
		a.suggestion = idx.closestName(name)
		a.linkMessage = unknownNameMessage(name, "link", a.suggestion)
	}
	if idx.answers == nil {
		idx.answers = map[string]nameAnswer{}
	}
	idx.answers[name] = a
	return a
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
	if isNormalised(s) {
		return s
	}
	return normaliseSlow(s)
}

func normaliseSlow(s string) string {
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

// isNormalised reports whether normaliseName would return s unchanged (plain ASCII: most names).
func isNormalised(s string) bool {
	for i := 0; i < len(s); i++ {
		switch c := s[i]; {
		case c >= 0x80 || c >= 'A' && c <= 'Z' || c == '\t' || c == '\n' || c == '\r' || c == '\v' || c == '\f':
			return false
		case c == ' ' && (i == 0 || i == len(s)-1 || s[i+1] == ' '):
			return false
		}
	}
	return true
}

// closestName suggests the defined name nearest to name (see closestWord), or "". It gives up
// on very large maps to keep validation linear.
func (idx *nameIndex) closestName(name string) string {
	all := idx.names()
	if len(all) > 5000 || len(name) > 200 {
		return ""
	}
	if idx.folded == nil {
		idx.folded = foldNames(all)
	}
	return idx.folded.closest(name, &idx.dist)
}

// closestWord returns the candidate nearest to w, ignoring case, when the edit distance is at
// most 2 (or a third of w's length for long words), and less than w's length unless w begins the
// candidate, or "".
func closestWord(w string, candidates []string) string {
	return foldNames(candidates).closest(w, &distance{})
}

// foldedNames are candidate names, lower-cased, with the classes of runes each holds (rune
// modulo 64, a bit each) and how many of each class (modulo 32).
type foldedNames struct {
	query   []rune // memory for the word looked for
	names   []string
	runes   [][]rune
	classes []uint64
	counts  [][32]uint8
}

func foldNames(names []string) *foldedNames {
	f := &foldedNames{names: names, runes: make([][]rune, len(names)), classes: make([]uint64, len(names)),
		counts: make([][32]uint8, len(names))}
	size := 0
	for _, n := range names {
		size += len(n) // at least its runes
	}
	buf := make([]rune, 0, size) // the runes of every name, in one block
	for i, n := range names {
		start := len(buf)
		buf = appendLowerRunes(buf, n)
		f.runes[i] = buf[start:len(buf):len(buf)]
		f.classes[i], f.counts[i] = runeClasses(f.runes[i])
	}
	return f
}

// appendLowerRunes appends the runes of strings.ToLower(s) to dst.
func appendLowerRunes(dst []rune, s string) []rune {
	for _, r := range s {
		dst = append(dst, unicode.ToLower(r))
	}
	return dst
}

func runeClasses(rs []rune) (classes uint64, counts [32]uint8) {
	for _, r := range rs {
		classes |= 1 << (r & 63)
		if counts[r&31] < 255 {
			counts[r&31]++
		}
	}
	return classes, counts
}

// closest is closestWord over the names. An edit changes the rune counts of at most two classes
// by one, so the classes and counts bound the distance from below and rule most names out
// before their table is computed.
func (f *foldedNames) closest(w string, d *distance) string {
	f.query = appendLowerRunes(f.query[:0], w)
	lw := f.query
	classes, counts := runeClasses(lw)
	best, bestD := "", max(2, len(lw)/3)+1
	for i, c := range f.runes {
		// A name that w does not begin must be nearer than w is long: "Us" is no typo of "x",
		// but "da" may be "dark" being typed.
		over := bestD
		if len(c) < len(lw) || !slices.Equal(c[:len(lw)], lw) {
			over = min(over, len(lw))
		}
		if len(f.names[i]) > 200 || abs(len(c)-len(lw)) >= over ||
			max(bits.OnesCount64(classes&^f.classes[i]), bits.OnesCount64(f.classes[i]&^classes)) >= over ||
			countBound(&counts, &f.counts[i]) >= over {
			continue
		}
		if dist := d.bounded(lw, c, over-1); dist < over {
			best, bestD = f.names[i], dist
		}
	}
	return best
}

// countBound is a lower bound of the edit distance of two words from their rune counts: the
// runes one has in excess, or the other, whichever are more.
func countBound(a, b *[32]uint8) int {
	more, fewer := 0, 0
	for k := range a {
		if d := int(a[k]) - int(b[k]); d > 0 {
			more += d
		} else {
			fewer -= d
		}
	}
	return max(more, fewer)
}

// EditDistance is the Levenshtein distance between a and b, counted in runes: the one measure of
// "how far apart are two names" that suggestions, edits and the semantic diff share.
func EditDistance(a, b string) int {
	ra, rb := []rune(a), []rune(b)
	return boundedDistance(ra, rb, max(len(ra), len(rb)))
}

// boundedDistance is the Levenshtein distance between a and b when it is at most limit, and
// limit+1 otherwise.
func boundedDistance(a, b []rune, limit int) int {
	var d distance
	return d.bounded(a, b, limit)
}

// distance computes bounded edit distances in two rows of memory kept from one call to the next.
type distance struct{ prev, cur []int }

// bounded is boundedDistance. Only the cells within limit of the diagonal can hold a distance
// of at most limit, so only those are computed; it stops as soon as a whole row exceeds limit.
func (d *distance) bounded(a, b []rune, limit int) int {
	over := limit + 1
	if abs(len(a)-len(b)) > limit {
		return over
	}
	n := len(b)
	if cap(d.prev) < n+2 {
		d.prev, d.cur = make([]int, n+2), make([]int, n+2)
	}
	prev, cur := d.prev[:n+2], d.cur[:n+2]
	for j := range prev {
		prev[j] = over
		if j <= limit {
			prev[j] = j
		}
	}
	for i := 1; i <= len(a); i++ {
		lo, hi := max(1, i-limit), min(n, i+limit)
		cur[lo-1] = over
		if lo == 1 && i <= limit {
			cur[0] = i
		}
		rowMin := cur[lo-1]
		for j := lo; j <= hi; j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
			rowMin = min(rowMin, cur[j])
		}
		cur[hi+1] = over
		if rowMin > limit {
			return over
		}
		prev, cur = cur, prev
	}
	return min(prev[n], over)
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
