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
	"fmt"
	"sort"
	"strings"
	"unicode/utf8"

	"mapwright/mapdsl"
	"mapwright/render"
)

// Input is what the rules look at. Scene is optional: rules that need a drawing (overlapping
// labels) are skipped without it.
type Input struct {
	Map    *mapdsl.Map
	Source []byte
	Scene  *render.Scene
}

// Rule is one check with a stable ID.
type Rule struct {
	ID       string
	Severity mapdsl.Severity
	// Default tells whether the rule runs when the configuration does not mention it.
	Default bool
	// Summary is one line for `mapwright check -h` and the docs.
	Summary string
	check   func(in *Input, r *reporter)
}

// Rules lists every rule in the order they run. IDs never change meaning; a retired rule's ID is
// not reused. (It is filled in init because the checks themselves look rules up.)
var Rules []Rule

func init() {
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

// Run applies the enabled rules and returns their findings sorted by position.
func Run(in Input, cfg Config) mapdsl.Diagnostics {
	if in.Map == nil {
		return nil
	}
	r := &reporter{cfg: cfg}
	for _, rule := range Rules {
		if rule.check != nil {
			rule.check(&in, r)
		}
	}
	r.out.Sort()
	return r.out
}

// reporter collects findings of enabled rules.
type reporter struct {
	cfg Config
	out mapdsl.Diagnostics
}

func (r *reporter) enabled(id string) bool { return r.cfg.Enabled(id) }

func (r *reporter) add(id string, rng mapdsl.Range, suggestion, format string, args ...any) {
	if !r.enabled(id) {
		return
	}
	rule, _ := Lookup(id)
	r.out = append(r.out, mapdsl.Diagnostic{Severity: rule.Severity, Range: rng, Code: id,
		Message: fmt.Sprintf(format, args...), Suggestion: suggestion})
}

// nameRange prefers the range of a name, falling back to the whole statement.
func nameRange(name, stmt mapdsl.Range) mapdsl.Range {
	if name.Valid() {
		return name
	}
	return stmt
}

// names indexes the linkable names of a map: anchors, components (every kind) and the new names
// of evolved copies, each resolved first exactly and then leniently (OWM's link matching:
// lower-case, whitespace collapsed, newlines as spaces).
type names struct {
	exact   map[string]bool
	lenient map[string]string // normalised -> a defined spelling
	all     []string
	// lower holds all, lower-cased, and runes their lengths in runes (computed on the first
	// call of closest).
	lower []string
	runes []int
	// suggested memoises closest; budget is what is left of the edit-distance work (cells of
	// the distance table) that "did you mean" may spend on one map, so that a hostile map (a
	// hundred thousand names, a megabyte-long name) cannot make check take quadratic time.
	suggested map[string]string
	budget    int
}

// suggestionBudget bounds the edit-distance work of "did you mean" per map: far more than a
// real map needs (40 names x 40 links x 20 x 20 letters is 640,000), small enough to stay in
// the milliseconds. Once spent, unknown names are reported without a suggestion.
const suggestionBudget = 20_000_000

// maxTypoRunes is the longest name for which typos are looked for: names longer than a line of
// text are not typed by hand, so only exact (and OWM's lenient) matches count for them.
const maxTypoRunes = 120

func newNames(m *mapdsl.Map) *names {
	n := &names{exact: map[string]bool{}, suggested: map[string]string{}, budget: suggestionBudget}
	add := func(s string) {
		if n.exact[s] {
			return
		}
		n.exact[s] = true
		n.all = append(n.all, s)
	}
	for _, a := range m.Anchors {
		add(a.Name)
	}
	for _, c := range m.Components {
		add(c.Name)
	}
	for _, e := range m.Evolves {
		if e.NewName != "" {
			add(e.NewName)
		}
	}
	return n
}

// resolve returns the defined spelling of a linked name, if any. The lenient index is built on
// the first name that does not match exactly: most maps never need it.
func (n *names) resolve(s string) (string, bool) {
	if n.exact[s] {
		return s, true
	}
	if n.lenient == nil {
		n.lenient = make(map[string]string, len(n.all))
		for _, d := range n.all {
			if k := normalise(d); !hasKey(n.lenient, k) {
				n.lenient[k] = d
			}
		}
	}
	d, ok := n.lenient[normalise(s)]
	return d, ok
}

func hasKey(m map[string]string, k string) bool {
	_, ok := m[k]
	return ok
}

// closest returns the defined name nearest to s when it is close enough to be a likely typo.
// Names whose lengths differ by more than a typo allows are skipped without comparing them, and
// the whole search is bounded by the map's suggestion budget.
func (n *names) closest(s string) string {
	if best, ok := n.suggested[s]; ok {
		return best
	}
	if n.lower == nil { // built on the first unknown name: most maps have none
		n.lower, n.runes = make([]string, len(n.all)), make([]int, len(n.all))
		for i, c := range n.all {
			n.lower[i] = strings.ToLower(c)
			n.runes[i] = utf8.RuneCountInString(n.lower[i])
		}
	}
	best, bestD := "", -1
	ls := strings.ToLower(s)
	lr := utf8.RuneCountInString(ls)
	if lr > maxTypoRunes {
		n.suggested[s] = ""
		return ""
	}
	for i, c := range n.lower {
		cr := n.runes[i]
		if cr > maxTypoRunes || cr-lr > 2 || lr-cr > 2 {
			continue // further apart than any typo distance
		}
		if n.budget -= (lr + 1) * (cr + 1); n.budget < 0 {
			n.budget = 0
			return "" // spent: not memoised, so that every later name also goes without
		}
		d := levenshtein(ls, c)
		if d <= typoDistance(ls, c) && (bestD < 0 || d < bestD) {
			best, bestD = n.all[i], d
		}
	}
	n.suggested[s] = best
	return best
}

// normalise folds case, collapses whitespace and turns newlines into spaces.
func normalise(s string) string {
	return strings.Join(strings.Fields(strings.ToLower(s)), " ")
}

// checkLinks reports link ends that name nothing, telling apart names that only survive in a
// comment (someone commented the component out and forgot its links).
func checkLinks(in *Input, r *reporter) {
	n := newNames(in.Map)
	var commented *comments      // read on the first unknown name: most maps have none
	reported := map[string]int{} // name -> times reported, to keep one finding per link end
	for _, l := range in.Map.Links {
		for _, end := range []struct {
			name string
			rng  mapdsl.Range
		}{{l.From, l.FromRange}, {l.To, l.ToRange}} {
			if end.name == "" {
				continue
			}
			if _, ok := n.resolve(end.name); ok {
				continue
			}
			reported[end.name]++
			rng := nameRange(end.rng, l.Range)
			if commented == nil {
				cs := scanComments(in.Source)
				commented = &cs
			}
			if line, ok := commented.defines(end.name); ok {
				r.add("link-commented-out", rng, "",
					"link to %q, which is commented out on line %d; restore it or remove the link", end.name, line)
				continue
			}
			if s := n.closest(end.name); s != "" {
				r.add("unknown-component", rng, s, "link to %q, which is not defined (did you mean %q?)", end.name, s)
			} else {
				r.add("unknown-component", rng, "", "link to %q, which is not defined; OWM draws nothing for it", end.name)
			}
		}
	}
}

// element is a named, positioned element that the duplicate and reachability rules compare.
type element struct {
	name   string
	kind   string // "component" or "anchor"
	rng    mapdsl.Range
	comp   *mapdsl.Component
	anchor *mapdsl.Anchor
}

func elements(m *mapdsl.Map) []element {
	var els []element
	for _, a := range m.Anchors {
		els = append(els, element{name: a.Name, kind: "anchor", rng: nameRange(a.NameRange, a.Range), anchor: a})
	}
	for _, c := range m.Components {
		els = append(els, element{name: c.Name, kind: "component", rng: nameRange(c.NameRange, c.Range), comp: c})
	}
	sort.SliceStable(els, func(i, j int) bool { return els[i].rng.Start.Offset < els[j].rng.Start.Offset })
	return els
}

// checkDuplicates reports exact duplicates (each later definition) and near duplicates (the
// later of two names that are the same after folding case, spacing and punctuation, or that are
// one typo apart).
func checkDuplicates(in *Input, r *reporter) {
	els := elements(in.Map)
	first := map[string]element{}
	for _, e := range els {
		if e.name == "" {
			continue
		}
		if f, ok := first[e.name]; ok {
			r.add("duplicate-name", e.rng, "", "%s %q is already defined on line %d; links and evolves use the first one",
				e.kind, e.name, f.rng.Start.Line)
			continue
		}
		first[e.name] = e
	}
	var uniq []element
	for _, e := range els {
		if f := first[e.name]; e.name != "" && f.rng == e.rng {
			uniq = append(uniq, e)
		}
	}
	// Each name is looked up, in every near-duplicate spelling, among the earlier names, so
	// the rule costs time linear in the number of names.
	seen := map[string]int{}
	for j, b := range uniq {
		f := fold(b.name)
		if f == "" {
			continue
		}
		for _, v := range nearSpellings(f) {
			if i, ok := seen[v]; ok {
				a := uniq[i]
				r.add("near-duplicate-name", b.rng, "", "%s %q looks like %s %q on line %d; if they are the same thing, use one name",
					b.kind, b.name, a.kind, a.name, a.rng.Start.Line)
				break
			}
		}
		if _, ok := seen[f]; !ok {
			seen[f] = j
		}
	}
}

// nearSpellings lists the folded spellings that count as near duplicates of the folded name f,
// f itself first. Two names probably mean the same thing when they are equal once case, spacing
// and punctuation are ignored ("Hot Water", "hot-water"), singular and plural ("Server",
// "Servers"), or one slip of the keyboard apart: two neighbouring letters swapped ("Kettle",
// "Kettel") or a letter doubled or undoubled ("Adress", "Address"). A different letter alone is
// not enough: "employer" and "employee" are different things. Names shorter than four letters
// only match when equal.
//
// Names longer than maxTypoRunes only match when equal: their variants would cost time
// quadratic in the name's length.
func nearSpellings(f string) []string {
	out := []string{f}
	if len(f) > 4*maxTypoRunes {
		return out
	}
	r := []rune(f)
	if len(r) < 4 || len(r) > maxTypoRunes {
		return out
	}
	out = append(out, f+"s", f+"es")
	for _, suffix := range []string{"es", "s"} {
		if t := strings.TrimSuffix(f, suffix); t != f && len([]rune(t)) >= 4 {
			out = append(out, t)
		}
	}
	// Digits are not letters a finger slips on: "Server 12" and "Server 21", "Node 1" and
	// "Node 11" are different things, as numbered components in real maps are.
	for i := 0; i+1 < len(r); i++ { // neighbouring letters swapped
		if r[i] != r[i+1] && !isDigit(r[i]) && !isDigit(r[i+1]) {
			w := append([]rune(nil), r...)
			w[i], w[i+1] = w[i+1], w[i]
			out = append(out, string(w))
		}
	}
	for i := range r { // a letter doubled
		if !isDigit(r[i]) {
			out = append(out, string(r[:i+1])+string(r[i:]))
		}
	}
	for i := 1; i < len(r) && len(r) > 4; i++ { // a doubled letter undoubled
		if r[i] == r[i-1] && !isDigit(r[i]) {
			out = append(out, string(r[:i])+string(r[i+1:]))
		}
	}
	return out
}

func isDigit(r rune) bool { return r >= '0' && r <= '9' }

// typoDistance is the edit distance still counted as a typo for names of these lengths.
func typoDistance(a, b string) int {
	n := min(len([]rune(a)), len([]rune(b)))
	switch {
	case n < 5:
		return 0
	case n < 12:
		return 1
	}
	return 2
}

// fold keeps only letters and digits, lower-cased.
func fold(s string) string {
	var b strings.Builder
	for _, r := range strings.ToLower(s) {
		if r >= 'a' && r <= 'z' || r >= '0' && r <= '9' || r > 127 && !isSpaceOrPunct(r) {
			b.WriteRune(r)
		}
	}
	return b.String()
}

func isSpaceOrPunct(r rune) bool {
	return strings.ContainsRune("\u00a0\u2013\u2014\u2018\u2019\u201c\u201d\u2026", r)
}

// levenshtein is the edit distance between two strings, counted in runes, where swapping two
// neighbouring letters counts as one edit (optimal string alignment), as typos usually do.
func levenshtein(a, b string) int {
	ra, rb := []rune(a), []rune(b)
	w := len(rb) + 1
	d := make([]int, (len(ra)+1)*w)
	for j := 0; j <= len(rb); j++ {
		d[j] = j
	}
	for i := 1; i <= len(ra); i++ {
		d[i*w] = i
		for j := 1; j <= len(rb); j++ {
			cost := 1
			if ra[i-1] == rb[j-1] {
				cost = 0
			}
			v := min(d[(i-1)*w+j]+1, d[i*w+j-1]+1, d[(i-1)*w+j-1]+cost)
			if i > 1 && j > 1 && ra[i-1] == rb[j-2] && ra[i-2] == rb[j-1] {
				v = min(v, d[(i-2)*w+j-2]+1)
			}
			d[i*w+j] = v
		}
	}
	return d[len(ra)*w+len(rb)]
}

// checkReachability reports a map without anchors, or else every component that no chain of
// links (in either direction) joins to an anchor. A pipeline's children hang off the pipeline's
// component, and an evolved copy's new name stands for its component.
func checkReachability(in *Input, r *reporter) {
	m := in.Map
	if len(m.Anchors) == 0 {
		if len(m.Components) > 0 {
			rng := m.TitleRange
			if !rng.Valid() {
				rng = nameRange(m.Components[0].NameRange, m.Components[0].Range)
			}
			r.add("no-anchor", rng, "", "the map has no anchor; add the user or need it serves, e.g. anchor Customer [0.95, 0.5]")
		}
		return
	}
	// Union-find over names (lenient spelling); components are vertices by name.
	n := newNames(m)
	parent := map[string]string{}
	var find func(string) string
	find = func(s string) string {
		if p, ok := parent[s]; ok && p != s {
			root := find(p)
			parent[s] = root
			return root
		}
		parent[s] = s
		return s
	}
	union := func(a, b string) { parent[find(a)] = find(b) }
	key := func(s string) string {
		if d, ok := n.resolve(s); ok {
			return d
		}
		return s
	}
	for _, l := range m.Links {
		union(key(l.From), key(l.To))
	}
	for _, e := range m.Evolves {
		if e.NewName != "" {
			union(key(e.NewName), key(e.Name))
		}
	}
	for _, p := range m.Pipelines {
		for _, c := range p.Children {
			union(key(c.Name), key(p.Name))
		}
	}
	anchored := map[string]bool{}
	for _, a := range m.Anchors {
		anchored[find(key(a.Name))] = true
	}
	for _, c := range m.Components {
		if !anchored[find(key(c.Name))] {
			r.add("unreachable-component", nameRange(c.NameRange, c.Range), "",
				"component %q is not linked, directly or through others, to any anchor", c.Name)
		}
	}
}

// checkEvolves reports evolve targets to the left of the component they evolve.
func checkEvolves(in *Input, r *reporter) {
	comps := map[string]*mapdsl.Component{}
	for _, c := range in.Map.Components {
		if _, ok := comps[c.Name]; !ok {
			comps[c.Name] = c
		}
	}
	for _, e := range in.Map.Evolves {
		c, ok := comps[e.Name]
		if !ok || e.Maturity.Value >= c.Coords.Maturity.Value {
			continue
		}
		rng := e.Maturity.Range
		if !rng.Valid() {
			rng = e.Range
		}
		r.add("evolve-backwards", rng, "", "evolve target %s is behind %q at maturity %s; evolution only moves right",
			num(e.Maturity), e.Name, num(c.Coords.Maturity))
	}
}

// checkBuildOnCommodity reports (build) on components at or past the start of the last stage.
func checkBuildOnCommodity(in *Input, r *reporter) {
	commodity := in.Map.Stages[3].Start
	if commodity <= 0 {
		commodity = mapdsl.DefaultStageStarts[3]
	}
	label := in.Map.Stages[3].Label
	if label == "" {
		label = "Commodity"
	}
	for _, c := range in.Map.Components {
		if c.Decorators.Method != mapdsl.MethodBuild || c.Coords.Maturity.Value < commodity {
			continue
		}
		rng := c.Decorators.Range
		if !rng.Valid() {
			rng = nameRange(c.NameRange, c.Range)
		}
		r.add("build-on-commodity", rng, "", "%q is built although it sits in the %s stage (maturity %s); consider (buy) or (outsource)",
			c.Name, label, num(c.Coords.Maturity))
	}
}

// checkStageBoundaries reports maturities exactly on a divider between stages.
func checkStageBoundaries(in *Input, r *reporter) {
	m := in.Map
	onBoundary := func(v float64) (int, bool) {
		for i := 1; i < 4; i++ {
			s := m.Stages[i].Start
			if s == 0 && !m.CustomStages {
				s = mapdsl.DefaultStageStarts[i]
			}
			if d := v - s; d > -1e-9 && d < 1e-9 {
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
		r.add("stage-boundary", rng, "", "%s %q sits exactly on the boundary between %s and %s (maturity %s); move it to one side",
			what, name, stageName(i-1), stageName(i), num(n))
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
func checkDependencyAbove(in *Input, r *reporter) {
	vis := map[string]float64{}
	for _, c := range in.Map.Components {
		if _, ok := vis[c.Name]; !ok {
			vis[c.Name] = c.Coords.Visibility.Value
		}
	}
	for _, l := range in.Map.Links {
		if l.Kind != mapdsl.LinkDependency {
			continue
		}
		from, ok1 := vis[l.From]
		to, ok2 := vis[l.To]
		if ok1 && ok2 && to > from {
			r.add("dependency-above", l.Range, "", "%q depends on %q, which is drawn above it (visibility %.2f > %.2f)",
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
	type key struct {
		code   string
		offset int
		line   int
	}
	at := map[key]bool{}
	for _, f := range findings {
		at[key{f.Code, f.Range.Start.Offset, f.Range.Start.Line}] = true
		if old, ok := supersedes[f.Code]; ok {
			at[key{old, f.Range.Start.Offset, f.Range.Start.Line}] = true
		}
	}
	var out mapdsl.Diagnostics
	for _, d := range parser {
		if d.Severity != mapdsl.SeverityError && (!cfg.Enabled(d.Code) || at[key{d.Code, d.Range.Start.Offset, d.Range.Start.Line}]) {
			continue
		}
		out = append(out, d)
	}
	out = append(out, findings...)
	out.Sort()
	return out
}
