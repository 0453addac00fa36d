package sourcepane

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// findState is the current search. Matching is smart-case: a query in lower case matches any
// case, a query with a capital matches exactly.
type findState struct {
	active bool // the find bar is open: matches are highlighted
	query  string
	// wholeWord matches only where no letter, digit or _ touches the match on either side;
	// matchCase matches the case exactly even for a query in lower case.
	wholeWord, matchCase bool
	stale                bool // the text changed since count was computed
	count                int
}

// matches returns the occurrences of the find bar's query in line, with its options.
func (e *Editor) matches(line string) []int {
	return findMatches(line, e.find.query, e.find.wholeWord, e.find.matchCase)
}

// findMatches returns the byte offsets of the non-overlapping occurrences of q in line: smart
// case unless matchCase, and only whole words when wholeWord.
func findMatches(line, q string, wholeWord, matchCase bool) []int {
	if q == "" || len(line) < len(q) {
		return nil
	}
	hay := line
	if !matchCase && q == strings.ToLower(q) {
		if low := strings.ToLower(line); len(low) == len(line) {
			hay = low
		}
	}
	var out []int
	for off := 0; ; {
		i := strings.Index(hay[off:], q)
		if i < 0 {
			return out
		}
		if !wholeWord || isWord(line, off+i, off+i+len(q)) {
			out = append(out, off+i)
			off += i + len(q)
		} else {
			_, n := utf8.DecodeRuneInString(hay[off+i:])
			off += i + n
		}
	}
}

// isWord reports whether line[start:end] has no word character right before or after it.
func isWord(line string, start, end int) bool {
	word := func(r rune) bool { return r == '_' || unicode.IsLetter(r) || unicode.IsDigit(r) }
	if r, _ := utf8.DecodeLastRuneInString(line[:start]); start > 0 && word(r) {
		return false
	}
	if r, _ := utf8.DecodeRuneInString(line[end:]); end < len(line) && word(r) {
		return false
	}
	return true
}

// SetFindOptions sets whole-word and match-case matching for Find and Replace.
func (e *Editor) SetFindOptions(wholeWord, matchCase bool) {
	e.find.wholeWord, e.find.matchCase = wholeWord, matchCase
	e.find.stale = true
	e.updateBarCount()
	e.Refresh()
}

// ReplaceAll replaces every match of the search text with repl, as one undo step, and returns
// how many it replaced.
func (e *Editor) ReplaceAll(repl string) int {
	if e.find.query == "" {
		return 0
	}
	text := e.Text()
	var b strings.Builder
	first, last, n := -1, 0, 0
	at := 0 // offset of the current line in text
	for i := 0; i < e.buf.lineCount(); i++ {
		line := e.buf.line(i)
		for _, m := range e.matches(line) {
			start := at + m
			if first < 0 {
				first = start
			} else {
				b.WriteString(text[last:start])
			}
			b.WriteString(repl)
			last = start + len(e.find.query)
			n++
		}
		at += len(line) + 1
	}
	if n > 0 {
		e.ReplaceRange(first, last, b.String())
		e.find.stale = true
		e.updateBarCount()
	}
	return n
}

// ReplaceNext replaces the selected match (if the selection is one) with repl and selects the
// next match. It reports whether there is a next match.
func (e *Editor) ReplaceNext(repl string) bool {
	s, t := orderPos(e.anchor, e.cursor)
	if s.line == t.line && s != t {
		line := e.buf.line(s.line)
		so := e.buf.offset(s) - e.buf.offset(pos{s.line, 0})
		for _, m := range e.matches(line) {
			if m == so && m+len(e.find.query) == so+len(e.buf.slice(s, t)) {
				start := e.buf.offset(s)
				e.ReplaceRange(start, start+len(e.find.query), repl)
				e.find.stale = true
				break
			}
		}
	}
	found := e.FindNext()
	e.updateBarCount()
	return found
}

// SetFindQuery sets the search text, highlights its matches while the find bar is open, and
// selects the first match at or after the start of the selection. It reports whether there is
// a match.
func (e *Editor) SetFindQuery(q string) bool {
	e.find.query = q
	e.find.stale = true
	if b := e.bar; b != nil && b.visible() && b.mode == barFind && b.entry.Text != q {
		b.entry.SetText(q) // its OnChanged comes back here with the same query
	}
	s, _ := orderPos(e.anchor, e.cursor)
	found := e.findFrom(s, true)
	if !found {
		e.Refresh()
	}
	e.updateBarCount()
	return found
}

// FindQuery returns the search text.
func (e *Editor) FindQuery() string { return e.find.query }

// FindNext selects the next match after the selection, wrapping at the end of the document.
func (e *Editor) FindNext() bool {
	_, t := orderPos(e.anchor, e.cursor)
	return e.findFrom(t, true)
}

// FindPrevious selects the previous match before the selection, wrapping at the start.
func (e *Editor) FindPrevious() bool {
	s, _ := orderPos(e.anchor, e.cursor)
	return e.findFrom(s, false)
}

// MatchCount counts the matches of the search text in the whole document.
func (e *Editor) MatchCount() int {
	if e.find.stale {
		e.find.count = 0
		if e.find.query != "" {
			for i := 0; i < e.buf.lineCount(); i++ {
				e.find.count += len(e.matches(e.buf.line(i)))
			}
		}
		e.find.stale = false
	}
	return e.find.count
}

// findFrom selects the first match at or after p (forward) or ending at or before p (backward),
// wrapping around the document once.
func (e *Editor) findFrom(p pos, forward bool) bool {
	q := e.find.query
	if q == "" {
		return false
	}
	n := e.buf.lineCount()
	for k := 0; k <= n; k++ {
		var i int
		if forward {
			i = (p.line + k) % n
		} else {
			i = ((p.line-k)%n + n) % n
		}
		line := e.buf.line(i)
		hits := e.matches(line)
		if forward {
			for _, b := range hits {
				c := utf8.RuneCountInString(line[:b])
				if k == 0 && c < p.col {
					continue
				}
				e.selectMatch(i, c, utf8.RuneCountInString(q))
				return true
			}
		} else {
			for j := len(hits) - 1; j >= 0; j-- {
				c := utf8.RuneCountInString(line[:hits[j]])
				if k == 0 && c+utf8.RuneCountInString(q) > p.col {
					continue
				}
				e.selectMatch(i, c, utf8.RuneCountInString(q))
				return true
			}
		}
	}
	return false
}

func (e *Editor) selectMatch(line, col, runes int) {
	e.anchor = pos{line, col}
	e.revealLine(line, true)
	e.moveTo(pos{line, col + runes}, true)
}

// GoToLine moves the cursor to the start of a 1-based line (clamped) and centres it.
func (e *Editor) GoToLine(line int) {
	line = max(1, min(line, e.buf.lineCount()))
	e.revealLine(line-1, true)
	e.SetCursor(line, 1)
}
