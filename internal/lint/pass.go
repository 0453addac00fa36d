package lint

import (
	"cmp"
	"context"
	"fmt"
	"slices"
	"sort"
	"sync"

	"mapwright/internal/cancel"
	"mapwright/mapdsl"
)

// Run applies the enabled rules and returns their findings sorted by position.
func Run(in Input, cfg Config) mapdsl.Diagnostics {
	return runWith(nil, in, cfg)
}

// RunContext is Run that stops when ctx is done: it then returns ctx's error and no findings.
func RunContext(ctx context.Context, in Input, cfg Config) (ds mapdsl.Diagnostics, err error) {
	stop := cancel.New(ctx)
	defer stop.Recover(&err)
	ds = runWith(stop, in, cfg)
	if err := stop.Err(); err != nil {
		return nil, err
	}
	return ds, nil
}

func runWith(stop *cancel.Check, in Input, cfg Config) mapdsl.Diagnostics {
	if in.Map == nil {
		return nil
	}
	p := newPass(in, cfg)
	p.stop = stop
	defer p.release()
	for _, rule := range Rules {
		if rule.check != nil {
			p.stop.Point()
			rule.check(p)
		}
	}
	if len(p.out) == 0 {
		return nil
	}
	// Sorted by position as mapdsl.Diagnostics.Sort would (ties in the order found): the
	// indexes are sorted, and the findings copied once, in that order.
	p.order = p.order[:0]
	for i := range p.out {
		p.order = append(p.order, int32(i))
	}
	slices.SortFunc(p.order, func(a, b int32) int {
		da, db := &p.out[a], &p.out[b]
		if c := cmp.Compare(da.Range.Start.Offset, db.Range.Start.Offset); c != 0 {
			return c
		}
		if c := cmp.Compare(da.Severity, db.Severity); c != 0 {
			return c
		}
		return cmp.Compare(a, b)
	})
	out := make(mapdsl.Diagnostics, len(p.out))
	for i, k := range p.order {
		out[i] = p.out[k]
	}
	return out
}

// sortDiagnostics orders diagnostics as mapdsl.Diagnostics.Sort does (by position, then
// severity, keeping the order of equals), without its reflection.
func sortDiagnostics(ds mapdsl.Diagnostics) { slices.SortStableFunc(ds, compareDiagnostics) }

func compareDiagnostics(a, b mapdsl.Diagnostic) int {
	if c := cmp.Compare(a.Range.Start.Offset, b.Range.Start.Offset); c != 0 {
		return c
	}
	return cmp.Compare(a.Severity, b.Severity)
}

// maxRules is room for every rule's switch in a pass.
const maxRules = 32

// pass is one run of the rules over one map: which rules are on, the findings so far, the
// indexes that several rules share (each built on first use), and the working memory of the
// rules. A pass is kept for the next run (see passes), so that linting a map on every
// keystroke allocates little more than the findings.
type pass struct {
	stop  *cancel.Check // nil unless the run can be cancelled (RunContext)
	in    Input
	on    [maxRules]bool // per rule, in the order of Rules
	out   mapdsl.Diagnostics
	order []int32 // Run's sorting of out

	built       struct{ names, ends, comments, diags bool }
	diagsSorted bool // whether in.Diagnostics are sorted by position (see parserAnswer)
	index       names
	ends        []int32 // per link, the names its two ends mean (see linkEnds)
	comments    commentIndex
	mapNames    *mapdsl.NameIndex // a map not from the parser: the parser's answers (see suggestion)

	// The working memory of single rules.
	verdicts map[string]linkVerdict // checkLinks: per unknown name
	msg      []byte                 // checkLinks: a message being written
	near     nearIndex              // checkDuplicates
	els      []element
	uniq     []element
	first    []int32
	sets     disjointSets // checkReachability
	anchored []bool
	unknown  map[string]int32
}

// passes holds passes for the next runs. Only a pass that worked on a small map (up to
// maxPooledNames names, about the size of a real map) goes back: it keeps a few tens of kB.
// The memory for a bigger map is allocated for its run and left to the collector, so that the
// cost of a run stays in proportion to its map whatever ran before it, and nothing big is kept.
var passes = sync.Pool{New: func() any { return new(pass) }}

const maxPooledNames = 128

func newPass(in Input, cfg Config) *pass {
	p := passes.Get().(*pass)
	p.in = in
	for i, rule := range Rules {
		p.on[i] = cfg.enabled(rule.ID, rule.Default)
	}
	return p
}

// release forgets the run (nothing of the caller's map or text stays reachable) and keeps the
// memory of a small one for the next.
func (p *pass) release() {
	if len(p.index.all) > maxPooledNames || cap(p.out) > maxPooledNames ||
		cap(p.ends) > 8*maxPooledNames || cap(p.msg) > 32*maxPooledNames || cap(p.comments.definitions.buf)+cap(p.comments.others.buf) > 64*maxPooledNames {
		return
	}
	p.in, p.stop, p.mapNames = Input{}, nil, nil
	clear(p.out)
	p.out = p.out[:0]
	p.built = struct{ names, ends, comments, diags bool }{}
	p.index.forget()
	p.ends = p.ends[:0]
	p.comments.forget()
	p.near.reset() // it may hold the map's names
	clear(p.verdicts)
	clear(p.unknown)
	passes.Put(p)
}

// enabled reports whether the rule id is on.
func (p *pass) enabled(id string) bool {
	i := ruleIndex(id)
	return i >= 0 && p.on[i]
}

func ruleIndex(id string) int {
	for i := range Rules {
		if Rules[i].ID == id {
			return i
		}
	}
	return -1
}

// add records a finding of rule id if the rule is on.
func (p *pass) add(id string, rng mapdsl.Range, suggestion, format string, args ...any) {
	if p.enabled(id) {
		p.addMessage(id, rng, suggestion, fmt.Sprintf(format, args...))
	}
}

func (p *pass) addMessage(id string, rng mapdsl.Range, suggestion, message string) {
	i := ruleIndex(id)
	if i < 0 || !p.on[i] {
		return
	}
	p.out = append(p.out, mapdsl.Diagnostic{Severity: Rules[i].Severity, Range: rng, Code: id,
		Message: message, Suggestion: suggestion})
}

// names returns the map's index of names.
func (p *pass) names() *names {
	if !p.built.names {
		p.index.build(p.in.Map)
		p.built.names = true
	}
	return &p.index
}

// linkEnds returns, for link i, the index of the name its From end means at 2i and its To end
// at 2i+1, or -1 where the map defines no such name.
func (p *pass) linkEnds() []int32 {
	if !p.built.ends {
		n := p.names()
		p.ends = slices.Grow(p.ends[:0], 2*len(p.in.Map.Links))
		end := func(name string, rng mapdsl.Range) int32 {
			if id, ok := n.id[name]; ok {
				return id
			}
			if _, unknown := p.parserAnswer(rng); unknown {
				return -1 // the parser wrote every end it matched as the name is defined
			}
			return n.lookup(name) // a map not from the parser
		}
		for _, l := range p.in.Map.Links {
			p.ends = append(p.ends, end(l.From, l.FromRange), end(l.To, l.ToRange))
		}
		p.built.ends = true
	}
	return p.ends
}

// parserAnswer returns what the parser reported about a name at rng that it could not match:
// its "did you mean" (or ""), and whether it reported one there at all.
func (p *pass) parserAnswer(rng mapdsl.Range) (suggestion string, reported bool) {
	ds := p.in.Diagnostics
	if !p.built.diags {
		p.built.diags = true
		p.diagsSorted = slices.IsSortedFunc(ds, byStart)
	}
	at, i := rng.Start.Offset, 0
	if p.diagsSorted { // as Parse returns them: only those at rng's start
		i = sort.Search(len(ds), func(i int) bool { return ds[i].Range.Start.Offset >= at })
	}
	for ; i < len(ds) && (!p.diagsSorted || ds[i].Range.Start.Offset == at); i++ {
		if d := &ds[i]; d.Code == "unknown-component" && d.Range == rng {
			return d.Suggestion, true
		}
	}
	return "", false
}

func byStart(a, b mapdsl.Diagnostic) int {
	return cmp.Compare(a.Range.Start.Offset, b.Range.Start.Offset)
}

// suggestion is the "did you mean" for a name at rng that the map does not define: the parser's
// when it reported the name there, else mapdsl.NameIndex's (a map not from the parser).
func (p *pass) suggestion(name string, rng mapdsl.Range) string {
	if s, ok := p.parserAnswer(rng); ok {
		return s
	}
	if p.mapNames == nil {
		p.mapNames = mapdsl.NewNameIndex(p.in.Map)
	}
	return p.mapNames.Suggest(name)
}

// resize returns s with length n and every element zero, reusing its memory if it can.
func resize[T any](s []T, n int) []T {
	if cap(s) < n {
		return make([]T, n)
	}
	s = s[:n]
	clear(s)
	return s
}
