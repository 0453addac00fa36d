package mapdsl

import "sync"

// The statement cache is the parser's one cache. It makes re-parsing cheap for the editor, which
// parses the whole text again after every keystroke: only the edited line is new, every other
// line is found here by its text. An entry is the line's Statement and the diagnostics its
// grammar produced, with positions relative to a line starting at offset 0 on line 1 (a line
// that misses is read on its own, in those positions, see parser.readAlone). Entries are
// immutable once stored and are shared by every parse that meets the line: a parse keeps, per
// line, the statement and how far the line lies from the start of the text (lineStmt), and moves
// positions to their place only where it copies them out (into the Map, a diagnostic or a
// Statement that ParseFile returns). A line's statement depends on nothing but its own text and
// where its comments cut it, which is the key.
//
// A parse without a cache (tests, and lines too long to cache) reads each line in place, at its
// positions in the text, so that nothing is moved: comparing such a parse with a cached one
// checks every position the cache moves.

// lineKey identifies a line's text and its code span.
type lineKey struct {
	text               string
	codeStart, codeEnd int // relative to the start of the line
	blockSameLine      bool
	startsInBlock      bool
}

// cacheEntry is a line's statement in line-relative positions; it is never modified once made.
type cacheEntry struct {
	st    *Statement
	diags []Diagnostic
	// kind and check repeat st.Kind and needsCheck(st), so that the passes over all lines read
	// the small entry rather than the statement of every line, far away in memory.
	kind  StatementKind
	check bool
}

// entryMemory is a cache entry and its statement, made in one allocation (see parser.read), with
// room for the statement's tokens when they are few: the allocation's size class (1,536 bytes)
// has room for six beside the entry and statement (1,456).
type entryMemory struct {
	entry cacheEntry
	st    Statement
	toks  [6]lineToken
}

// finish fills the entry from its statement, once read.
func (m *entryMemory) finish() *cacheEntry {
	m.entry = cacheEntry{st: &m.st, kind: m.st.Kind, check: needsCheck(&m.st)}
	return &m.entry
}

// statementCache is bounded and generational: when the current generation is full it becomes
// the previous one (lines found there are promoted) and the one before is dropped. The bound
// follows the size of the texts being parsed (a quarter more than the line count, within
// limits), so that a big map fits in one generation while the two generations hold at most about
// two and a half texts of the largest size seen. Every entry keeps only its own line's text (a
// copy), never the text it was read from.
type statementCache struct {
	mu         sync.Mutex
	cur, prev  map[lineKey]*cacheEntry
	maxEntries int
}

const (
	minCacheEntries = 8000
	// maxCacheEntries allows texts of up to 800,000 lines (a map of about 300,000
	// components) to be parsed warm.
	maxCacheEntries = 1 << 20
	// maxCachedLineLen keeps very long lines (pasted data, hostile input) out of the cache.
	maxCachedLineLen = 2048
)

// lineCache is the cache of Parse, ParseFile and Format, shared by every parse in the process.
var lineCache = newStatementCache()

func newStatementCache() *statementCache {
	return &statementCache{cur: map[lineKey]*cacheEntry{}, maxEntries: minCacheEntries}
}

// fit raises the bound for a text of the given number of lines, and makes an empty cache (a
// process's first text) room for them at once rather than growing line by line.
func (c *statementCache) fit(lines int) {
	want := min(max(lines+lines/4, minCacheEntries), maxCacheEntries)
	c.mu.Lock()
	c.maxEntries = max(c.maxEntries, want)
	if len(c.cur) == 0 && len(c.prev) == 0 {
		c.cur = make(map[lineKey]*cacheEntry, min(lines, c.maxEntries))
	}
	c.mu.Unlock()
}

func (c *statementCache) get(k lineKey) *cacheEntry {
	c.mu.Lock()
	defer c.mu.Unlock()
	if e := c.cur[k]; e != nil {
		return e
	}
	e := c.prev[k]
	if e != nil {
		c.putLocked(k, e)
	}
	return e
}

func (c *statementCache) put(k lineKey, e *cacheEntry) {
	c.mu.Lock()
	c.putLocked(k, e)
	c.mu.Unlock()
}

func (c *statementCache) putLocked(k lineKey, e *cacheEntry) {
	if len(c.cur) >= c.maxEntries {
		c.prev, c.cur = c.cur, make(map[lineKey]*cacheEntry, c.maxEntries/4)
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

// shiftStatementFields moves the positions held in st's own fields (not those in its slices) by
// a byte delta and a line delta.
func shiftStatementFields(st *Statement, dOff, dLine int) {
	st.Line += dLine
	for _, r := range []*Range{&st.Range, &st.LineRange, &st.KeywordRange, &st.NameRange, &st.TargetRange,
		&st.OperatorRange, &st.InertiaRange, &st.Decorators.Range, &st.URLRefRange, &st.TextRange, &st.BraceRange} {
		shiftRange(r, dOff, dLine)
	}
	shiftCoords(&st.Coords, dOff, dLine)
	shiftRange(&st.Label.Range, dOff, dLine)
	shiftNumber(&st.Label.DX, dOff, dLine)
	shiftNumber(&st.Label.DY, dOff, dLine)
}

// copyStatementInto fills dst with a deep copy of st moved by the deltas (ParseFile's Statements
// are made this way from the cache's, in blocks).
func copyStatementInto(dst, st *Statement, dOff, dLine int) {
	*dst = *st
	c := dst
	shiftStatementFields(c, dOff, dLine)
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
	c.toks = nil // only Format reads them, from the parse's own lines
}

// appendDiags appends the diagnostics moved by the deltas to dst.
func appendDiags(dst, ds []Diagnostic, dOff, dLine int) []Diagnostic {
	for _, d := range ds {
		shiftRange(&d.Range, dOff, dLine)
		dst = append(dst, d)
	}
	return dst
}
