package mapdsl

import (
	"sync"
)

// The statement cache makes re-parsing cheap for the editor, which parses the whole text again
// after every keystroke: only the edited line is new, every other line is found here by its text.
// An entry is the line's Statement and the diagnostics its grammar produced, with positions
// relative to a line starting at offset 0 on line 1; a hit copies it and moves it to the line's
// real place. A line's statement depends on nothing but its own text and where its comments cut
// it, which is the key.

// lineKey identifies a line's text and its code span.
type lineKey struct {
	text               string
	codeStart, codeEnd int // relative to the start of the line
	blockSameLine      bool
	startsInBlock      bool
}

type cacheEntry struct {
	st    *Statement
	diags []Diagnostic
}

// statementCache is bounded and generational: when the current generation is full it becomes
// the previous one (lines found there are promoted) and the one before is dropped. The bound
// follows the size of the texts being parsed (twice the line count, within limits), so that a
// big map fits while memory stays in check for huge or ever-changing texts.
type statementCache struct {
	mu         sync.Mutex
	cur, prev  map[lineKey]cacheEntry
	maxEntries int
	disabled   bool
}

const (
	minCacheEntries = 8000
	maxCacheEntries = 32768
	// maxCachedLineLen keeps very long lines (pasted data, hostile input) out of the cache.
	maxCachedLineLen = 2048
)

var stmtCache = &statementCache{cur: map[lineKey]cacheEntry{}, maxEntries: minCacheEntries}

// fit raises the bound for a text of the given number of lines.
func (c *statementCache) fit(lines int) {
	want := min(max(2*lines, minCacheEntries), maxCacheEntries)
	c.mu.Lock()
	if want > c.maxEntries {
		c.maxEntries = want
	}
	c.mu.Unlock()
}

func (c *statementCache) get(k lineKey) (cacheEntry, bool) {
	if c.disabled || len(k.text) > maxCachedLineLen {
		return cacheEntry{}, false
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	if e, ok := c.cur[k]; ok {
		return e, true
	}
	e, ok := c.prev[k]
	if ok {
		c.putLocked(k, e)
	}
	return e, ok
}

func (c *statementCache) put(k lineKey, e cacheEntry) {
	if c.disabled || len(k.text) > maxCachedLineLen {
		return
	}
	c.mu.Lock()
	c.putLocked(k, e)
	c.mu.Unlock()
}

func (c *statementCache) putLocked(k lineKey, e cacheEntry) {
	if len(c.cur) >= c.maxEntries {
		c.prev, c.cur = c.cur, make(map[lineKey]cacheEntry, c.maxEntries/4)
	}
	c.cur[k] = e
}

// shiftPos moves a position by a byte delta and a line delta (columns are line-relative).
func shiftPos(p *Pos, dOff, dLine int) {
	if p.Line == 0 {
		return // an unset position stays unset
	}
	p.Offset += dOff
	p.Line += dLine
}

func shiftRange(r *Range, dOff, dLine int) {
	shiftPos(&r.Start, dOff, dLine)
	shiftPos(&r.End, dOff, dLine)
}

func shiftNumber(n *Number, dOff, dLine int) { shiftRange(&n.Range, dOff, dLine) }

func shiftCoords(c *Coords, dOff, dLine int) {
	shiftRange(&c.Range, dOff, dLine)
	shiftNumber(&c.Visibility, dOff, dLine)
	shiftNumber(&c.Maturity, dOff, dLine)
}

// copyStatement returns a deep copy of st moved by the deltas.
func copyStatement(st *Statement, dOff, dLine int) *Statement {
	c := new(Statement)
	copyStatementInto(c, st, dOff, dLine)
	return c
}

// copyStatementInto is copyStatement into caller-provided memory (the parser allocates all the
// statements of a text in one block).
func copyStatementInto(dst, st *Statement, dOff, dLine int) {
	*dst = *st
	c := dst
	c.Line += dLine
	for _, r := range []*Range{&c.Range, &c.LineRange, &c.KeywordRange, &c.NameRange, &c.TargetRange,
		&c.OperatorRange, &c.InertiaRange, &c.Decorators.Range, &c.URLRefRange, &c.TextRange, &c.BraceRange} {
		shiftRange(r, dOff, dLine)
	}
	shiftCoords(&c.Coords, dOff, dLine)
	shiftRange(&c.Label.Range, dOff, dLine)
	shiftNumber(&c.Label.DX, dOff, dLine)
	shiftNumber(&c.Label.DY, dOff, dLine)
	if st.Numbers != nil {
		c.Numbers = append([]Number(nil), st.Numbers...)
		for i := range c.Numbers {
			shiftNumber(&c.Numbers[i], dOff, dLine)
		}
	}
	if st.Positions != nil {
		c.Positions = append([]Coords(nil), st.Positions...)
		for i := range c.Positions {
			shiftCoords(&c.Positions[i], dOff, dLine)
		}
	}
	if st.DecoratorWords != nil {
		c.DecoratorWords = append([]Word(nil), st.DecoratorWords...)
		for i := range c.DecoratorWords {
			shiftRange(&c.DecoratorWords[i].Range, dOff, dLine)
		}
	}
	if st.InlineEvolve != nil {
		n := *st.InlineEvolve
		shiftNumber(&n, dOff, dLine)
		c.InlineEvolve = &n
	}
	if st.Stages != nil {
		c.Stages = append([]StageSpec(nil), st.Stages...)
		for i := range c.Stages {
			shiftRange(&c.Stages[i].LabelRange, dOff, dLine)
			shiftNumber(&c.Stages[i].Start, dOff, dLine)
		}
	}
	if st.Comments != nil {
		c.Comments = append([]Range(nil), st.Comments...)
		for i := range c.Comments {
			shiftRange(&c.Comments[i], dOff, dLine)
		}
	}
	if st.Extra != nil {
		c.Extra = append([]Range(nil), st.Extra...)
		for i := range c.Extra {
			shiftRange(&c.Extra[i], dOff, dLine)
		}
	}
	// toks are shared, not copied: they are read-only and only the distances between them
	// matter (the formatter uses them to see which tokens were written without a blank).
}

func copyDiags(ds []Diagnostic, dOff, dLine int) []Diagnostic {
	out := make([]Diagnostic, len(ds))
	for i, d := range ds {
		shiftRange(&d.Range, dOff, dLine)
		out[i] = d
	}
	return out
}
