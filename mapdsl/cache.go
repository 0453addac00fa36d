package mapdsl

import (
	"sync"
	"sync/atomic"
)

// The statement cache makes re-parsing cheap for the editor, which parses the whole text again
// after every keystroke: only the edited line is new, every other line is found here by its text.
// An entry is the line's Statement and the diagnostics its grammar produced, with positions
// relative to a line starting at offset 0 on line 1 (a line that misses is read on its own, in
// those positions, see parser.readLine). Entries are immutable once stored and are shared by every
// parse that meets the line: a parse keeps, per line, the entry and where the line lies in its
// text (lineStmt), and moves positions to their place only where it copies them out (into the
// Map, a diagnostic or a Statement that ParseFile returns). A warm line therefore costs one map
// lookup, or none when it is found by position in a recently parsed text (see recentTexts). A
// line's statement depends on nothing but its own text and where its comments cut it, which is
// the key.

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
	key   lineKey // key.text is a copy of the line's text of its own
	// kind and check repeat st.Kind and needsCheck(st), so that the passes over all lines read
	// the small entry rather than the statement, far away in memory, of every line.
	kind  StatementKind
	check bool
	// canonical remembers the formatter's canonical code of the line (see canonicalCodeOf).
	canonical atomic.Pointer[canonicalMemo]
}

// canonicalMemo is the canonical code of a line read as a statement of kind kind.
type canonicalMemo struct {
	kind StatementKind
	code string
}

// statementCache is bounded and generational: when the current generation is full it becomes
// the previous one (lines found there are promoted) and the one before is dropped. The bound
// follows the size of the texts being parsed (a quarter more than the line count, within
// limits), so that a big map fits in one generation while the two generations hold at most about
// two and a half texts of the largest size seen: a line costs about 2 kB in the cache (its
// Statement is 1.4 kB), so a 50,000-component map (130,000 lines) keeps about 280 MB. The lines
// of the text being edited stay warm across a rotation through recentTexts. Every entry keeps
// only its own line's text (a copy), never the text it was read from.
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

var stmtCache = &statementCache{cur: map[lineKey]*cacheEntry{}, maxEntries: minCacheEntries}

// fit raises the bound for a text of the given number of lines.
func (c *statementCache) fit(lines int) {
	want := min(max(lines+lines/4, minCacheEntries), maxCacheEntries)
	c.mu.Lock()
	if want > c.maxEntries {
		c.maxEntries = want
	}
	c.mu.Unlock()
}

// cacheable reports whether a line of this length may be looked up and stored.
func (c *statementCache) cacheable(lineLen int) bool {
	return lineLen <= maxCachedLineLen
}

func (c *statementCache) get(k lineKey) *cacheEntry {
	if !c.cacheable(len(k.text)) {
		return nil
	}
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
	if !c.cacheable(len(k.text)) {
		return
	}
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

// Recent texts. The editor parses a text that differs from the one it parsed before by one edit;
// the lines before and after the edit are byte for byte those of the previous text. recentTexts
// keeps the cache entries of the last texts parsed, line by line, so that a parse finds the
// entries of its unchanged lines by position, comparing the two texts once, instead of looking
// every line up by its text (at 130,000 lines, the lookups alone were a quarter of a warm parse,
// most of it waiting for memory).

// parsedText is a text and the cache entry of each of its lines (nil for a line not cached).
type parsedText struct {
	text    string
	entries []*cacheEntry
}

// maxRecentTexts is how many texts recentTexts keeps: the editor's document and one more (a
// second window, or the command line's previous file).
const maxRecentTexts = 2

var recentTexts struct {
	sync.Mutex
	texts [maxRecentTexts]*parsedText // most recent first
}

// rememberText records the entries of a text's lines.
func rememberText(t *parsedText) {
	recentTexts.Lock()
	defer recentTexts.Unlock()
	for i, old := range recentTexts.texts {
		if old != nil && old.text == t.text {
			// The same text again: keep one copy of it, first.
			copy(recentTexts.texts[1:i+1], recentTexts.texts[:i])
			recentTexts.texts[0] = t
			return
		}
	}
	copy(recentTexts.texts[1:], recentTexts.texts[:maxRecentTexts-1])
	recentTexts.texts[0] = t
}

// textMatch is the recent text that shares the most with a new text: they are equal in their
// first prefix bytes and in their last suffix bytes (prefix+suffix <= the shorter length).
type textMatch struct {
	old            *parsedText
	prefix, suffix int
	newLen         int
}

// matchRecent finds the recent text that shares the most bytes with text at its start and end.
func matchRecent(text string) textMatch {
	recentTexts.Lock()
	candidates := recentTexts.texts
	recentTexts.Unlock()
	best := textMatch{newLen: len(text)}
	for _, old := range candidates {
		if old == nil {
			continue
		}
		pre := commonPrefix(text, old.text)
		n := min(len(text), len(old.text))
		suf := commonSuffix(text[pre:], old.text[pre+len(old.text)-n:])
		if suf > n-pre {
			suf = n - pre
		}
		if pre+suf > best.prefix+best.suffix || best.old == nil && pre+suf > 0 {
			best = textMatch{old: old, prefix: pre, suffix: suf, newLen: len(text)}
		}
	}
	return best
}

// commonPrefix is the length of the longest common prefix of a and b.
func commonPrefix(a, b string) int {
	n := min(len(a), len(b))
	i := 0
	const chunk = 256
	for i+chunk <= n && a[i:i+chunk] == b[i:i+chunk] {
		i += chunk
	}
	for i < n && a[i] == b[i] {
		i++
	}
	return i
}

// commonSuffix is the length of the longest common suffix of a and b.
func commonSuffix(a, b string) int {
	n := min(len(a), len(b))
	i := 0
	const chunk = 256
	for i+chunk <= n && a[len(a)-i-chunk:len(a)-i] == b[len(b)-i-chunk:len(b)-i] {
		i += chunk
	}
	for i < n && a[len(a)-1-i] == b[len(b)-1-i] {
		i++
	}
	return i
}

// entry returns the cache entry of the old text's line that is line i of the new text (its
// bytes, the line break that ends it and the one before it all within the shared prefix or
// suffix), when the comments cut both the same way; otherwise nil.
func (m *textMatch) entry(i, lines int, ln *sourceLine) *cacheEntry {
	if m.old == nil {
		return nil
	}
	var e *cacheEntry
	switch {
	case ln.end < m.prefix || m.prefix == m.newLen && len(m.old.text) == m.newLen:
		// Inside the shared prefix, line breaks included: the same line number.
		if i < len(m.old.entries) {
			e = m.old.entries[i]
		}
	case ln.start > 0 && ln.start-1 >= m.newLen-m.suffix:
		// Inside the shared suffix, from the line break before it: as many lines follow it.
		if j := i + len(m.old.entries) - lines; j >= 0 && j < len(m.old.entries) {
			e = m.old.entries[j]
		}
	}
	if e == nil || len(e.key.text) != ln.end-ln.start || e.key.codeStart != ln.codeStart-ln.start ||
		e.key.codeEnd != ln.codeEnd-ln.start || e.key.blockSameLine != ln.blockSameLine ||
		e.key.startsInBlock != ln.startsInBlock {
		return nil
	}
	return e
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
	// toks are shared, not copied: they are read-only and line-relative (see lineToken).
}

// appendDiags appends the diagnostics moved by the deltas to dst.
func appendDiags(dst, ds []Diagnostic, dOff, dLine int) []Diagnostic {
	for _, d := range ds {
		shiftRange(&d.Range, dOff, dLine)
		dst = append(dst, d)
	}
	return dst
}
