package sourcepane

// history is the document-level undo/redo list. Each step is a group of text changes that one
// Undo reverts together. Steps are grouped the way people think of edits: the letters of one word
// are one step, a paste is one step, a programmatic ReplaceRange is one step. A whitespace or
// newline after a word, any cursor movement, and undo/redo start a new group.

// stepKind says which edits may join an open step.
type stepKind int

const (
	stepSingle    stepKind = iota // never merges (paste, cut, ReplaceRange, indent)
	stepTyping                    // typed runes
	stepBackspace                 // Backspace presses
	stepDelete                    // Delete presses
)

// change replaced removed by inserted at start.
type change struct {
	start             pos
	removed, inserted string
}

// selection is an anchor and a cursor; the selected text lies between them.
type selection struct{ anchor, cursor pos }

type step struct {
	id        int
	kind      stepKind
	changes   []change
	before    selection // selection before the first change
	after     selection // selection after the last change
	lastRune  rune      // last typed rune, for word grouping
	mergeable bool      // false once the user did something else
}

// historyLimit caps the number of undo steps kept.
const historyLimit = 10000

type history struct {
	undo, redo []*step
	nextID     int
	cleanID    int // state id recorded by markClean; 0 is the empty history
}

// state identifies the current point in the history: the id of the last applied step.
func (h *history) state() int {
	if len(h.undo) == 0 {
		return 0
	}
	return h.undo[len(h.undo)-1].id
}

// top returns the open step that an edit of kind k may join, or nil.
func (h *history) top(k stepKind, r rune, c change) *step {
	if len(h.undo) == 0 || k == stepSingle {
		return nil
	}
	s := h.undo[len(h.undo)-1]
	if !s.mergeable || s.kind != k || s.id == h.cleanID {
		return nil
	}
	if k == stepTyping && c.removed != "" {
		return nil // typing over a selection starts a step (that the next letters join)
	}
	if k == stepTyping && isSpace(r) && !isSpace(s.lastRune) {
		return nil // a space or newline after a word starts a new group
	}
	return s
}

// record adds a change, either joining the open step or starting a new one.
func (h *history) record(k stepKind, r rune, c change, before, after selection) {
	h.redo = h.redo[:0]
	if s := h.top(k, r, c); s != nil {
		s.changes = append(s.changes, c)
		s.after = after
		s.lastRune = r
		return
	}
	h.nextID++
	h.undo = append(h.undo, &step{id: h.nextID, kind: k, changes: []change{c}, before: before,
		after: after, lastRune: r, mergeable: k != stepSingle})
	if len(h.undo) > historyLimit {
		h.undo = append(h.undo[:0], h.undo[1:]...)
	}
}

// seal closes the open step so the next edit starts a new one.
func (h *history) seal() {
	if len(h.undo) > 0 {
		h.undo[len(h.undo)-1].mergeable = false
	}
}

func (h *history) reset() {
	h.undo, h.redo = nil, nil
	h.cleanID = 0
}

func isSpace(r rune) bool { return r == ' ' || r == '\t' || r == '\n' }

// advance returns the position after text inserted at p.
func advance(p pos, text string) pos {
	col := p.col
	for _, r := range text {
		if r == '\n' {
			p.line++
			col = 0
			continue
		}
		col++
	}
	p.col = col
	return p
}
