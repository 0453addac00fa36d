package sourcepane

import (
	"strings"
	"unicode/utf8"
)

// findState is the current search. Matching is smart-case: a query in lower case matches any
// case, a query with a capital matches exactly.
type findState struct {
	active bool // the find bar is open: matches are highlighted
	query  string
	stale  bool // the text changed since count was computed
	count  int
}

// findInLine returns the byte offsets of the non-overlapping occurrences of q in line.
func findInLine(line, q string) []int {
	if q == "" || len(line) < len(q) {
		return nil
	}
	hay := line
	if q == strings.ToLower(q) {
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
		out = append(out, off+i)
		off += i + len(q)
	}
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
				e.find.count += len(findInLine(e.buf.line(i), e.find.query))
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
		hits := findInLine(line, q)
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
