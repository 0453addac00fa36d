package sourcepane

import (
	"slices"
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// Marker is a diagnostic drawn in the text: an underline from (StartLine, StartCol) up to but not
// including (EndLine, EndCol), a marker in the gutter, and Message shown when the pointer rests
// on either. Lines and columns are 1-based, columns count runes (as mapdsl.Pos does). An empty
// range underlines one character (or the end of the line).
type Marker struct {
	StartLine, StartCol int
	EndLine, EndCol     int
	Severity            Severity
	Message             string
}

// Severity ranks a marker. The values are those of mapdsl.Severity, so a host converts with
// sourcepane.Severity(d.Severity); the package mapdiag does the whole conversion.
type Severity int

// Severities, most severe first.
const (
	SeverityError Severity = iota
	SeverityWarning
	SeverityInfo
)

func (s Severity) String() string {
	switch s {
	case SeverityError:
		return "error"
	case SeverityWarning:
		return "warning"
	}
	return "info"
}

// Editor is the source pane: a multi-line code editor for map text with line numbers, syntax
// colouring, diagnostics, selection, find, go-to-line and a document-level undo history.
//
// All methods must be called on the Fyne event goroutine (from callbacks, or through fyne.Do).
type Editor struct {
	widget.BaseWidget

	// OnChanged is called with the whole text after every edit made by the user or through
	// ReplaceRange, Undo and Redo. SetText does not call it (loading a file is not a change).
	OnChanged func(text string)
	// OnEdited is called after the same changes as OnChanged but without the text, which then
	// costs nothing until Text() is called (a host that parses after a pause should use this:
	// building the text of a 50,000-line document takes about 2 ms).
	OnEdited func()
	// OnCursorMoved is called with the 1-based line and rune column when the cursor moves.
	OnCursorMoved func(line, col int)
	// OnHistoryChanged is called when CanUndo, CanRedo or IsClean may have changed; a host keeps
	// its "dirty" state with it: dirty = !e.IsClean().
	OnHistoryChanged func()
	// OnUnhandledShortcut receives the shortcuts the editor does not handle itself (Ctrl+S and
	// the like when they are not main-menu shortcuts). When it is nil they are passed to the
	// window canvas, so shortcuts registered with Canvas.AddShortcut keep working.
	OnUnhandledShortcut func(fyne.Shortcut)

	buf          *buffer
	hist         history
	anchor       pos // the selection is anchor..cursor (empty when equal)
	cursor       pos
	goalX        float32 // x to keep on vertical moves; < 0 when unset
	lastReported pos
	scrollX      float32
	scrollY      float32
	focused      bool
	shiftDown    bool
	highlighter  BlockHighlighter
	spanCache    [2]map[string]cachedSpans // by the block-comment state at the line start
	blockState   []bool                    // block comment open at the start of line i
	stateValid   int                       // blockState is valid for lines 0..stateValid
	tabText      string
	markers      []Marker // sorted by start
	band         []int    // the tinted lines (0-based, sorted, no repeats); see SetBand
	markerReach  []int    // see SetDiagnostics
	met          *metrics
	find         findState
	bar          *promptBar
	hover        hoverState
	mouse        mouseState
}

// New returns an empty editor that draws plain text until it is given a highlighter
// (maplang.Attach colours map text).
func New() *Editor {
	e := &Editor{buf: newBuffer(""), goalX: -1, tabText: "  ", hover: hoverState{marker: -1}}
	e.setHighlighter(nil)
	e.ExtendBaseWidget(e)
	return e
}

// SetHighlighter sets the function that colours lines (nil draws plain text).
func (e *Editor) SetHighlighter(h Highlighter) {
	if h == nil {
		e.SetBlockHighlighter(nil)
		return
	}
	e.SetBlockHighlighter(statelessHighlighter(h))
}

// SetBlockHighlighter sets a highlighter that follows block comments across lines.
func (e *Editor) SetBlockHighlighter(h BlockHighlighter) {
	e.setHighlighter(h)
	e.Refresh()
}

func (e *Editor) setHighlighter(h BlockHighlighter) {
	e.highlighter = h
	e.spanCache = [2]map[string]cachedSpans{{}, {}}
	e.stateValid = 0
}

func statelessHighlighter(h Highlighter) BlockHighlighter {
	return func(line string, _ bool) ([]Span, bool) { return h(line), false }
}

// SetBand tints the given lines (1-based, in any order) and marks them with a bar in the gutter:
// the editor shows the lines of the step being presented with it. No lines remove the band.
// The band is drawn only; it does not move with edits (the host sets it again from its parse).
func (e *Editor) SetBand(lines ...int) {
	b := make([]int, 0, len(lines))
	for _, l := range lines {
		if l > 0 {
			b = append(b, l-1)
		}
	}
	slices.Sort(b)
	b = slices.Compact(b)
	if !slices.Equal(b, e.band) {
		e.band = b
		e.Refresh()
	}
}

// Band returns the tinted lines (1-based, sorted), nil when there are none.
func (e *Editor) Band() []int {
	var out []int
	for _, l := range e.band {
		out = append(out, l+1)
	}
	return out
}

// SetTabText sets what the Tab key inserts; the default is two spaces, the indentation of
// pipeline blocks in OWM maps. "\t" inserts a real tab (drawn to the next 4-column stop).
func (e *Editor) SetTabText(s string) { e.tabText = s }

// Text returns the document. CRLF line endings were normalised to LF when the text came in.
func (e *Editor) Text() string { return e.buf.text() }

// LineCount is the number of lines (at least 1).
func (e *Editor) LineCount() int { return e.buf.lineCount() }

// Line returns line n (1-based) without its newline, or "" outside the document.
func (e *Editor) Line(n int) string { return e.buf.line(n - 1) }

// SetText replaces the document, clears the undo history, marks it clean, moves the cursor to
// the start and scrolls to the top. It does not call OnChanged.
func (e *Editor) SetText(s string) {
	e.buf.reset(s)
	e.hist.reset()
	e.anchor, e.cursor = pos{}, pos{}
	e.scrollX, e.scrollY = 0, 0
	e.goalX = -1
	e.find.stale = true
	e.Refresh()
	e.notifyCursor()
	e.notifyHistory()
}

// ReplaceRange replaces the bytes [start, end) of Text() with text as one undo step, keeping the
// history (this is how canvas edits splice numbers in). Offsets are clamped to the text; an
// offset inside a multi-byte rune counts as that rune's start. The selection and cursor follow
// the text around them.
func (e *Editor) ReplaceRange(start, end int, text string) {
	if end < start {
		start, end = end, start
	}
	s, t := e.buf.posAt(start), e.buf.posAt(end)
	so, eo := e.buf.offset(s), e.buf.offset(t)
	delta := len(text) - (eo - so)
	oldAnchor, oldCursor := e.buf.offset(e.anchor), e.buf.offset(e.cursor)
	before := e.sel()
	removed := e.buf.slice(s, t)
	if removed == text {
		return
	}
	after := e.buf.replace(s, t, text)
	shift := func(off int, p pos) pos {
		switch {
		case off >= eo && off > so:
			return e.buf.posAt(off + delta)
		case off > so:
			return after
		}
		return p
	}
	e.anchor, e.cursor = shift(oldAnchor, e.anchor), shift(oldCursor, e.cursor)
	e.hist.record(stepSingle, 0, change{start: s, removed: removed, inserted: text}, before, e.sel())
	e.hist.seal()
	e.changed(false)
}

// OffsetOf converts a 1-based position to a byte offset into Text().
func (e *Editor) OffsetOf(p Position) int { return e.buf.offset(p.internal()) }

// PositionAt converts a byte offset into Text() to a 1-based position (rune column).
func (e *Editor) PositionAt(offset int) Position { return e.buf.posAt(offset).public() }

// CursorPosition returns the cursor's 1-based line and rune column.
func (e *Editor) CursorPosition() Position { return e.cursor.public() }

// SetCursor moves the cursor to a 1-based line and rune column (clamped), clears the selection
// and scrolls the cursor into view.
func (e *Editor) SetCursor(line, col int) {
	e.moveTo(e.buf.clamp(pos{line - 1, col - 1}), false)
}

// Selection returns the selected range, start before end; start == end when nothing is selected.
func (e *Editor) Selection() (start, end Position) {
	s, t := orderPos(e.anchor, e.cursor)
	return s.public(), t.public()
}

// SelectedText returns the selected text ("" when nothing is selected).
func (e *Editor) SelectedText() string {
	s, t := orderPos(e.anchor, e.cursor)
	return e.buf.slice(s, t)
}

// SetSelection selects from start to end (the cursor goes to end) and scrolls end into view.
func (e *Editor) SetSelection(start, end Position) {
	e.anchor = e.buf.clamp(start.internal())
	e.moveTo(e.buf.clamp(end.internal()), true)
}

// SelectAll selects the whole document.
func (e *Editor) SelectAll() {
	e.anchor = pos{}
	e.moveTo(e.buf.clamp(pos{e.buf.lineCount(), 0}), true)
}

// ScrollToLine scrolls so that the 1-based line is visible (centred when it was off screen).
func (e *Editor) ScrollToLine(line int) {
	e.revealLine(max(0, min(line-1, e.buf.lineCount()-1)), true)
	e.Refresh()
}

// ScrollToCursor scrolls the cursor into view.
func (e *Editor) ScrollToCursor() {
	e.ensureCursorVisible()
	e.Refresh()
}

// CanUndo reports whether Undo would change the text.
func (e *Editor) CanUndo() bool { return len(e.hist.undo) > 0 }

// CanRedo reports whether Redo would change the text.
func (e *Editor) CanRedo() bool { return len(e.hist.redo) > 0 }

// MarkClean records the current text as saved; IsClean reports whether the text is back at a
// recorded state (undoing to the saved state makes it clean again).
func (e *Editor) MarkClean() {
	e.hist.seal()
	e.hist.cleanID = e.hist.state()
	e.notifyHistory()
}

// IsClean reports whether the text equals the one at the last MarkClean or SetText.
func (e *Editor) IsClean() bool { return e.hist.state() == e.hist.cleanID }

// Undo reverts the last step of the history.
func (e *Editor) Undo() {
	if len(e.hist.undo) == 0 {
		return
	}
	s := e.hist.undo[len(e.hist.undo)-1]
	e.hist.undo = e.hist.undo[:len(e.hist.undo)-1]
	s.mergeable = false
	for i := len(s.changes) - 1; i >= 0; i-- {
		c := s.changes[i]
		e.buf.replace(c.start, advance(c.start, c.inserted), c.removed)
	}
	e.hist.redo = append(e.hist.redo, s)
	e.anchor, e.cursor = e.buf.clamp(s.before.anchor), e.buf.clamp(s.before.cursor)
	e.changed(false)
}

// Redo applies again the last undone step.
func (e *Editor) Redo() {
	if len(e.hist.redo) == 0 {
		return
	}
	s := e.hist.redo[len(e.hist.redo)-1]
	e.hist.redo = e.hist.redo[:len(e.hist.redo)-1]
	for _, c := range s.changes {
		e.buf.replace(c.start, advance(c.start, c.removed), c.inserted)
	}
	e.hist.undo = append(e.hist.undo, s)
	e.anchor, e.cursor = e.buf.clamp(s.after.anchor), e.buf.clamp(s.after.cursor)
	e.changed(false)
}

// SetDiagnostics replaces the markers drawn in the text and the gutter.
func (e *Editor) SetDiagnostics(ms []Marker) {
	e.markers = append(e.markers[:0], ms...)
	sort.SliceStable(e.markers, func(i, j int) bool {
		a, b := e.markers[i], e.markers[j]
		return a.StartLine < b.StartLine || a.StartLine == b.StartLine && a.StartCol < b.StartCol
	})
	// reach[i] is the furthest line any of markers[0..i] reaches: non-decreasing, so the
	// markers that can touch a line range are found by binary search.
	e.markerReach = e.markerReach[:0]
	reach := 0
	for _, m := range e.markers {
		reach = max(reach, m.StartLine, m.EndLine)
		e.markerReach = append(e.markerReach, reach)
	}
	e.hover.marker = -1
	e.Refresh()
}

// markersIn returns the index range [lo, hi) of markers that may touch lines first..last
// (0-based); the caller still checks each one.
func (e *Editor) markersIn(first, last int) (lo, hi int) {
	lo = sort.SearchInts(e.markerReach, first+1) // first marker reaching line first (1-based first+1)
	hi = sort.Search(len(e.markers), func(i int) bool { return e.markers[i].StartLine > last+1 })
	return lo, max(lo, hi)
}

// Diagnostics returns the markers currently shown, sorted by position.
func (e *Editor) Diagnostics() []Marker { return append([]Marker(nil), e.markers...) }

// --- editing ---

func (e *Editor) sel() selection { return selection{e.anchor, e.cursor} }

func (e *Editor) hasSelection() bool { return e.anchor != e.cursor }

// replaceSelection replaces the selection (or inserts at the cursor) with text.
func (e *Editor) replaceSelection(kind stepKind, r rune, text string) {
	s, t := orderPos(e.anchor, e.cursor)
	e.replace(kind, r, s, t, text)
}

// replace is the one path for interactive edits: change the buffer, record history, move the
// cursor after the inserted text, notify.
func (e *Editor) replace(kind stepKind, r rune, s, t pos, text string) {
	removed := e.buf.slice(s, t)
	if removed == "" && text == "" {
		return
	}
	before := e.sel()
	after := e.buf.replace(s, t, text)
	e.anchor, e.cursor = after, after
	e.hist.record(kind, r, change{start: s, removed: removed, inserted: text}, before, e.sel())
	if kind == stepSingle {
		e.hist.seal()
	}
	e.changed(true)
}

// changed runs after every text change.
func (e *Editor) changed(interactive bool) {
	e.goalX = -1
	e.find.stale = true
	if interactive || e.focused {
		e.ensureCursorVisible()
	}
	e.Refresh()
	if e.OnEdited != nil {
		e.OnEdited()
	}
	if e.OnChanged != nil {
		e.OnChanged(e.buf.text())
	}
	e.notifyCursor()
	e.notifyHistory()
}

func (e *Editor) notifyCursor() {
	if e.cursor == e.lastReported {
		return
	}
	e.lastReported = e.cursor
	if e.OnCursorMoved != nil {
		e.OnCursorMoved(e.cursor.line+1, e.cursor.col+1)
	}
}

func (e *Editor) notifyHistory() {
	if e.OnHistoryChanged != nil {
		e.OnHistoryChanged()
	}
}

// moveTo moves the cursor, extending the selection when extend is set.
func (e *Editor) moveTo(p pos, extend bool) {
	e.hist.seal()
	e.cursor = p
	if !extend {
		e.anchor = p
	}
	e.ensureCursorVisible()
	e.Refresh()
	e.notifyCursor()
}

func (e *Editor) typeRune(r rune) {
	e.replaceSelection(stepTyping, r, string(r))
}

// newline inserts a line break followed by the indentation of the current line.
func (e *Editor) newline() {
	s, _ := orderPos(e.anchor, e.cursor)
	line := e.buf.line(s.line)
	indent := line[:len(line)-len(strings.TrimLeft(line, " \t"))]
	if n := byteIndex(line, s.col); n < len(indent) {
		indent = indent[:n]
	}
	e.replaceSelection(stepTyping, '\n', "\n"+indent)
}

func (e *Editor) backspace() {
	if e.hasSelection() {
		e.replaceSelection(stepSingle, 0, "")
		return
	}
	c := e.cursor
	switch {
	case c.col > 0:
		e.replace(stepBackspace, 0, pos{c.line, c.col - 1}, c, "")
	case c.line > 0:
		e.replace(stepBackspace, 0, pos{c.line - 1, e.buf.lineRunes(c.line - 1)}, c, "")
	}
}

func (e *Editor) deleteForward() {
	if e.hasSelection() {
		e.replaceSelection(stepSingle, 0, "")
		return
	}
	c := e.cursor
	switch {
	case c.col < e.buf.lineRunes(c.line):
		e.replace(stepDelete, 0, c, pos{c.line, c.col + 1}, "")
	case c.line < e.buf.lineCount()-1:
		e.replace(stepDelete, 0, c, pos{c.line + 1, 0}, "")
	}
}

// deleteWord deletes from the cursor to the previous (back) or next word boundary.
func (e *Editor) deleteWord(back bool) {
	if e.hasSelection() {
		e.replaceSelection(stepSingle, 0, "")
		return
	}
	if back {
		e.replace(stepSingle, 0, e.wordLeft(e.cursor), e.cursor, "")
	} else {
		e.replace(stepSingle, 0, e.cursor, e.wordRight(e.cursor), "")
	}
}

// tab inserts the tab text, or indents (outdent: dedents) every selected line.
func (e *Editor) tab(outdent bool) {
	s, t := orderPos(e.anchor, e.cursor)
	if !outdent && s.line == t.line {
		e.replaceSelection(stepSingle, 0, e.tabText)
		return
	}
	last := t.line
	if t.col == 0 && t.line > s.line {
		last-- // a selection ending at a line start does not include that line
	}
	var sb strings.Builder
	for i := s.line; i <= last; i++ {
		l := e.buf.line(i)
		if outdent {
			switch {
			case strings.HasPrefix(l, e.tabText):
				l = l[len(e.tabText):]
			case strings.HasPrefix(l, "\t"):
				l = l[1:]
			default:
				l = strings.TrimLeft(l[:min(len(l), len(e.tabText))], " ") + l[min(len(l), len(e.tabText)):]
			}
		} else if l != "" {
			l = e.tabText + l
		}
		if i > s.line {
			sb.WriteByte('\n')
		}
		sb.WriteString(l)
	}
	start, end := pos{s.line, 0}, pos{last, e.buf.lineRunes(last)}
	if e.buf.slice(start, end) == sb.String() {
		return
	}
	e.replace(stepSingle, 0, start, end, sb.String())
	e.anchor = pos{s.line, 0}
	e.cursor = pos{last, e.buf.lineRunes(last)}
	e.Refresh()
}

// --- clipboard ---

func (e *Editor) copyTo(c fyne.Clipboard) {
	if c != nil && e.hasSelection() {
		c.SetContent(e.SelectedText())
	}
}

func (e *Editor) cutTo(c fyne.Clipboard) {
	if c == nil || !e.hasSelection() {
		return
	}
	c.SetContent(e.SelectedText())
	e.replaceSelection(stepSingle, 0, "")
}

func (e *Editor) pasteFrom(c fyne.Clipboard) {
	if c == nil {
		return
	}
	if text := c.Content(); text != "" {
		e.replaceSelection(stepSingle, 0, text)
	}
}

// --- word and line geometry ---

// runeClass groups runes for word movement: 0 space, 1 word, 2 other.
func runeClass(r rune) int {
	switch {
	case unicode.IsSpace(r):
		return 0
	case r == '_' || unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.IsMark(r):
		return 1
	}
	return 2
}

// lineRunesOf returns line i as runes.
func (e *Editor) lineRunesOf(i int) []rune { return []rune(e.buf.line(i)) }

// wordLeft is the start of the word before p (crossing to the previous line at column 0).
func (e *Editor) wordLeft(p pos) pos {
	if p.col == 0 {
		if p.line == 0 {
			return p
		}
		return pos{p.line - 1, e.buf.lineRunes(p.line - 1)}
	}
	rs := e.lineRunesOf(p.line)
	i := min(p.col, len(rs))
	for i > 0 && runeClass(rs[i-1]) == 0 {
		i--
	}
	if i > 0 {
		c := runeClass(rs[i-1])
		for i > 0 && runeClass(rs[i-1]) == c {
			i--
		}
	}
	return pos{p.line, i}
}

// wordRight is the end of the word after p (crossing to the next line at the end of a line).
func (e *Editor) wordRight(p pos) pos {
	rs := e.lineRunesOf(p.line)
	if p.col >= len(rs) {
		if p.line >= e.buf.lineCount()-1 {
			return p
		}
		return pos{p.line + 1, 0}
	}
	i := p.col
	for i < len(rs) && runeClass(rs[i]) == 0 {
		i++
	}
	if i < len(rs) {
		c := runeClass(rs[i])
		for i < len(rs) && runeClass(rs[i]) == c {
			i++
		}
	}
	return pos{p.line, i}
}

// wordAt returns the run of same-class runes around p (what a double-click selects).
func (e *Editor) wordAt(p pos) (pos, pos) {
	rs := e.lineRunesOf(p.line)
	if len(rs) == 0 {
		return p, p
	}
	i := min(p.col, len(rs)-1)
	if p.col == len(rs) || (i > 0 && runeClass(rs[i]) != 1 && runeClass(rs[i-1]) == 1) {
		i = max(0, p.col-1) // at the end of a word, select that word
	}
	c := runeClass(rs[i])
	s, t := i, i+1
	for s > 0 && runeClass(rs[s-1]) == c {
		s--
	}
	for t < len(rs) && runeClass(rs[t]) == c {
		t++
	}
	return pos{p.line, s}, pos{p.line, t}
}

// selectWordAt selects the word at p.
func (e *Editor) selectWordAt(p pos) {
	s, t := e.wordAt(p)
	e.anchor = s
	e.moveTo(t, true)
}

// selectLineAt selects line p.line including its newline.
func (e *Editor) selectLineAt(p pos) {
	e.anchor = pos{p.line, 0}
	if p.line+1 < e.buf.lineCount() {
		e.moveTo(pos{p.line + 1, 0}, true)
	} else {
		e.moveTo(pos{p.line, e.buf.lineRunes(p.line)}, true)
	}
}

// home is the first non-blank column, or column 0 when the cursor is already there.
func (e *Editor) home(p pos) pos {
	l := e.buf.line(p.line)
	first := utf8.RuneCountInString(l) - utf8.RuneCountInString(strings.TrimLeft(l, " \t"))
	if p.col == first {
		return pos{p.line, 0}
	}
	return pos{p.line, first}
}

// textSize is the theme's text size used for the editor's font.
func (e *Editor) textSize() float32 { return e.Theme().Size(theme.SizeNameText) }
