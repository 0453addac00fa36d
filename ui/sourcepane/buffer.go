package sourcepane

import (
	"strings"
	"unicode/utf8"
)

// Position is a place in the text: a 1-based line and a 1-based column counted in runes, the
// convention of mapdsl.Pos and of file:line:col messages. Column len(line in runes)+1 is the end
// of the line.
type Position struct {
	Line, Col int
}

// pos is the 0-based form used inside the package.
type pos struct{ line, col int }

func (p pos) public() Position   { return Position{Line: p.line + 1, Col: p.col + 1} }
func (p Position) internal() pos { return pos{line: p.Line - 1, col: p.Col - 1} }
func (p pos) before(q pos) bool  { return p.line < q.line || (p.line == q.line && p.col < q.col) }
func orderPos(a, b pos) (pos, pos) {
	if b.before(a) {
		return b, a
	}
	return a, b
}

// blockSize is the target number of lines per block. A block splits at twice this size, so an
// edit moves at most 2*blockSize string headers, and finding a line walks lines/blockSize block
// headers (100 for a 50,000-line document).
const blockSize = 512

// block is a run of consecutive lines with the sum of their byte lengths (without newlines).
type block struct {
	lines []string
	bytes int
}

// buffer holds the document as lines grouped in blocks. Lines do not include their "\n".
// Byte offsets count one byte per newline, so they match offsets into Text().
type buffer struct {
	blocks []*block
	count  int // total number of lines, always >= 1

	// Block index, rebuilt lazily after an edit (one pass over the block headers, 100 for a
	// 50,000-line text); lookups then binary-search it.
	startLine []int // first line of each block
	startByte []int // bytes (without newlines) before each block
	indexOK   bool

	textCache string // Text() of the current content, valid while textOK
	textOK    bool
	textRead  bool // text() was called since the last edit: keep the cache current by splicing

	// dirtyFrom is the first line changed since the editor last looked (for highlighter state).
	dirtyFrom int
}

// touched invalidates the derived data after any change of content.
func (b *buffer) touched() {
	b.indexOK = false
	b.textOK = false
	b.textCache = ""
}

func (b *buffer) reindex() {
	b.startLine = b.startLine[:0]
	b.startByte = b.startByte[:0]
	line, bytes := 0, 0
	for _, bl := range b.blocks {
		b.startLine = append(b.startLine, line)
		b.startByte = append(b.startByte, bytes)
		line += len(bl.lines)
		bytes += bl.bytes
	}
	b.indexOK = true
}

func newBuffer(text string) *buffer {
	b := &buffer{}
	b.reset(text)
	return b
}

// reset replaces the whole content. CRLF line endings are normalised to LF.
func (b *buffer) reset(text string) {
	text = strings.ReplaceAll(text, "\r\n", "\n")
	lines := strings.Split(text, "\n")
	b.blocks = b.blocks[:0]
	for start := 0; start < len(lines); start += blockSize {
		end := min(start+blockSize, len(lines))
		blk := &block{lines: append([]string(nil), lines[start:end]...)}
		for _, l := range blk.lines {
			blk.bytes += len(l)
		}
		b.blocks = append(b.blocks, blk)
	}
	b.count = len(lines)
	b.dirtyFrom = 0
	b.touched()
}

func (b *buffer) lineCount() int { return b.count }

// locate returns the block holding line i and i's index inside it, plus the number of bytes
// (without newlines) in the blocks before it. i must be a valid line.
func (b *buffer) locate(i int) (blk, idx, bytesBefore int) {
	if !b.indexOK {
		b.reindex()
	}
	lo, hi := 0, len(b.blocks)-1
	for lo < hi { // last block whose first line <= i
		mid := (lo + hi + 1) / 2
		if b.startLine[mid] <= i {
			lo = mid
		} else {
			hi = mid - 1
		}
	}
	return lo, i - b.startLine[lo], b.startByte[lo]
}

// line returns line i (0-based) without its newline.
func (b *buffer) line(i int) string {
	if i < 0 || i >= b.count {
		return ""
	}
	bi, idx, _ := b.locate(i)
	return b.blocks[bi].lines[idx]
}

// lineRunes is the length of line i in runes: its largest column.
func (b *buffer) lineRunes(i int) int { return utf8.RuneCountInString(b.line(i)) }

func (b *buffer) setLine(i int, s string) {
	bi, idx, _ := b.locate(i)
	bl := b.blocks[bi]
	bl.bytes += len(s) - len(bl.lines[idx])
	bl.lines[idx] = s
	b.touched()
}

// insertLines inserts ls before line i (i == count appends).
func (b *buffer) insertLines(i int, ls []string) {
	if len(ls) == 0 {
		return
	}
	var bi, idx int
	if i >= b.count {
		bi = len(b.blocks) - 1
		idx = len(b.blocks[bi].lines)
	} else {
		bi, idx, _ = b.locate(i)
	}
	bl := b.blocks[bi]
	grown := make([]string, 0, len(bl.lines)+len(ls))
	grown = append(grown, bl.lines[:idx]...)
	grown = append(grown, ls...)
	grown = append(grown, bl.lines[idx:]...)
	bl.lines = grown
	for _, l := range ls {
		bl.bytes += len(l)
	}
	b.count += len(ls)
	b.touched()
	if len(bl.lines) > 2*blockSize {
		b.split(bi)
	}
}

// split cuts block bi into blocks of blockSize lines.
func (b *buffer) split(bi int) {
	bl := b.blocks[bi]
	var parts []*block
	for start := 0; start < len(bl.lines); start += blockSize {
		end := min(start+blockSize, len(bl.lines))
		p := &block{lines: append([]string(nil), bl.lines[start:end]...)}
		for _, l := range p.lines {
			p.bytes += len(l)
		}
		parts = append(parts, p)
	}
	rest := append([]*block(nil), b.blocks[bi+1:]...)
	b.blocks = append(append(b.blocks[:bi], parts...), rest...)
	b.touched()
}

// deleteLines removes lines [i, j). At least one line always remains.
func (b *buffer) deleteLines(i, j int) {
	for n := j - i; n > 0; {
		bi, idx, _ := b.locate(i)
		bl := b.blocks[bi]
		end := min(idx+n, len(bl.lines))
		for _, l := range bl.lines[idx:end] {
			bl.bytes -= len(l)
		}
		bl.lines = append(bl.lines[:idx], bl.lines[end:]...)
		n -= end - idx
		b.count -= end - idx
		if len(bl.lines) == 0 && len(b.blocks) > 1 {
			b.blocks = append(b.blocks[:bi], b.blocks[bi+1:]...)
		}
		b.touched()
	}
	if b.count == 0 {
		b.blocks = []*block{{lines: []string{""}}}
		b.count = 1
		b.touched()
	}
}

// text returns the whole document. It is O(document); the widget calls it only when a host asks.
func (b *buffer) text() string {
	b.textRead = true
	if b.textOK {
		return b.textCache
	}
	b.textCache = b.buildText()
	b.textOK = true
	return b.textCache
}

func (b *buffer) buildText() string {
	size := b.count - 1
	for _, bl := range b.blocks {
		size += bl.bytes
	}
	var sb strings.Builder
	sb.Grow(size)
	first := true
	for _, bl := range b.blocks {
		for _, l := range bl.lines {
			if !first {
				sb.WriteByte('\n')
			}
			first = false
			sb.WriteString(l)
		}
	}
	return sb.String()
}

// clamp moves p onto the text: a valid line and a column no further than the end of that line.
func (b *buffer) clamp(p pos) pos {
	if p.line < 0 {
		return pos{}
	}
	if p.line >= b.count {
		last := b.count - 1
		return pos{last, b.lineRunes(last)}
	}
	p.col = max(0, min(p.col, b.lineRunes(p.line)))
	return p
}

// byteIndex is the byte index of rune column col in s (len(s) past the end).
func byteIndex(s string, col int) int {
	if col <= 0 {
		return 0
	}
	n := 0
	for i := range s {
		if n == col {
			return i
		}
		n++
	}
	return len(s)
}

// offset converts a position to a byte offset into text().
func (b *buffer) offset(p pos) int {
	p = b.clamp(p)
	bi, idx, before := b.locate(p.line)
	for _, l := range b.blocks[bi].lines[:idx] {
		before += len(l)
	}
	return before + p.line + byteIndex(b.blocks[bi].lines[idx], p.col)
}

// posAt converts a byte offset into text() to a position. An offset inside a multi-byte rune
// maps to that rune's column; offsets outside the text are clamped.
func (b *buffer) posAt(off int) pos {
	if off <= 0 {
		return pos{}
	}
	if !b.indexOK {
		b.reindex()
	}
	// last block starting at or before off (a block's start offset counts its newlines)
	lo, hi := 0, len(b.blocks)-1
	for lo < hi {
		mid := (lo + hi + 1) / 2
		if b.startByte[mid]+b.startLine[mid] <= off {
			lo = mid
		} else {
			hi = mid - 1
		}
	}
	off -= b.startByte[lo] + b.startLine[lo]
	line := b.startLine[lo]
	for _, l := range b.blocks[lo].lines {
		if off <= len(l) || line == b.count-1 {
			off = min(off, len(l))
			for off > 0 && off < len(l) && !utf8.RuneStart(l[off]) {
				off-- // inside a multi-byte rune: that rune's start
			}
			return pos{line, utf8.RuneCountInString(l[:off])}
		}
		off -= len(l) + 1
		line++
	}
	last := b.count - 1
	return pos{last, b.lineRunes(last)}
}

// slice returns the text between two positions (start before end).
func (b *buffer) slice(start, end pos) string {
	if start.line == end.line {
		l := b.line(start.line)
		return l[byteIndex(l, start.col):byteIndex(l, end.col)]
	}
	var sb strings.Builder
	first := b.line(start.line)
	sb.WriteString(first[byteIndex(first, start.col):])
	for i := start.line + 1; i < end.line; i++ {
		sb.WriteByte('\n')
		sb.WriteString(b.line(i))
	}
	last := b.line(end.line)
	sb.WriteByte('\n')
	sb.WriteString(last[:byteIndex(last, end.col)])
	return sb.String()
}

// replace replaces the text between start and end (start before end, both clamped) by text and
// returns the position just after the inserted text. Its cost is the length of the touched
// lines plus one block, independent of the rest of the document.
func (b *buffer) replace(start, end pos, text string) pos {
	text = strings.ReplaceAll(text, "\r\n", "\n")
	// Keep Text() current by splicing: one copy of the document instead of joining every line.
	b.dirtyFrom = min(b.dirtyFrom, start.line)
	// Splice only for a reader that reads after every edit; otherwise rebuild on the next read.
	spliced, keep := "", b.textOK && b.textRead
	b.textRead = false
	if keep {
		so, eo := b.offset(start), b.offset(end)
		spliced = b.textCache[:so] + text + b.textCache[eo:]
	}
	first, last := b.line(start.line), b.line(end.line)
	prefix := first[:byteIndex(first, start.col)]
	suffix := last[byteIndex(last, end.col):]
	parts := strings.Split(text, "\n")
	after := pos{start.line + len(parts) - 1, utf8.RuneCountInString(parts[len(parts)-1])}
	if len(parts) == 1 {
		after.col += utf8.RuneCountInString(prefix)
	}
	parts[0] = prefix + parts[0]
	parts[len(parts)-1] += suffix

	old := end.line - start.line + 1
	common := min(old, len(parts))
	for k := 0; k < common; k++ {
		b.setLine(start.line+k, parts[k])
	}
	switch {
	case len(parts) > old:
		b.insertLines(start.line+old, parts[old:])
	case len(parts) < old:
		b.deleteLines(start.line+common, start.line+old)
	}
	if keep {
		b.textCache, b.textOK = spliced, true
	}
	return after
}
