package mapdsl

import (
	"bytes"
	"strings"
	"unicode/utf8"
)

// MaxInputSize is the largest map text Parse reads (16 MiB). Real maps are a few kilobytes; the
// limit keeps a hostile or mistaken input (a disk image, a log file) from tying up the editor.
// Longer input yields a Map holding only the defaults and one error diagnostic.
const MaxInputSize = 16 << 20

// sourceLine is one physical line of the text after the comment pre-pass.
type sourceLine struct {
	start, end int // the line without its "\n" (a trailing "\r" stays inside)
	number     int // 1-based
	// code is the part of the line OWM reads as a statement after removing comments; codeStart
	// == codeEnd when the line is all comment or blank.
	codeStart, codeEnd int
	// comments are the comment spans of the line in text order (at most two: the tail of a block
	// comment closed on this line and a comment opened on it).
	comments []span
	// blockOpened is true when a "/*" on this line was closed on the same line: OWM ignores that
	// "*/" and keeps the comment open.
	blockSameLine bool
	// startsInBlock is true when a block comment is open at the start of the line.
	startsInBlock bool
}

// byteOrderMark is the UTF-8 encoding of U+FEFF, which some editors put at the start of a file.
const byteOrderMark = "\ufeff"

type span struct{ start, end int }

// source is the text being parsed, split into lines, with a cheap way to turn byte offsets into
// positions (line and rune column).
type source struct {
	text  string
	lines []sourceLine
	// unclosedBlock is the offset of a "/*" that no "*/" closes, or -1.
	unclosedBlock int
	// col caches the last column computed so that scanning a long line stays linear.
	colLine, colOff, colCol int
	// ascii is set when the text is known to be ASCII: a column is then the byte distance.
	ascii bool
}

// newSource splits text into lines and strips comments the way OWM does, except that lines are
// blanked rather than removed so that line numbers never shift.
func newSource(text string) *source {
	s := &source{text: text, unclosedBlock: -1, colLine: -1}
	n := strings.Count(text, "\n") + 1
	s.lines = make([]sourceLine, 0, n)
	inBlock := false
	blockStart := -1
	start := 0
	var spans []span // memory for the lines' comment spans, shared in chunks
	for number := 1; ; number++ {
		end := strings.IndexByte(text[start:], '\n')
		if end < 0 {
			end = len(text)
		} else {
			end += start
		}
		ln := sourceLine{start: start, end: end, number: number}
		if inBlock || strings.IndexByte(text[start:end], '/') >= 0 { // else no comment can be on the line
			if len(spans) < 2 {
				spans = make([]span, min(2*(n-number+1), 64))
			}
			ln.comments = spans[:0:2] // a line has at most two comment spans
		}
		inBlock = stripComments(text, &ln, inBlock, &blockStart)
		if k := len(ln.comments); k > 0 {
			ln.comments = ln.comments[:k:k]
			spans = spans[k:]
		} else {
			ln.comments = nil
		}
		s.lines = append(s.lines, ln)
		if end == len(text) {
			break
		}
		start = end + 1
	}
	if inBlock {
		s.unclosedBlock = blockStart
	}
	if strings.HasPrefix(text, byteOrderMark) && s.lines[0].codeStart == 0 {
		s.lines[0].codeStart = len(byteOrderMark) // a byte-order mark is not part of the map
		if s.lines[0].codeEnd < s.lines[0].codeStart {
			s.lines[0].codeEnd = s.lines[0].codeStart
		}
	}
	return s
}

// stripComments finds the code and comment spans of one line. inBlock tells whether a block
// comment is open at the start of the line; the result tells whether one is open at its end.
//
// OWM's rules: "//" anywhere starts a comment, except on lines whose trimmed text starts with
// "url" (addresses contain "//"). "/*" drops the rest of its line and every following line up to
// a line containing "*/", of which only the text after "*/" is kept. A "*/" on the same line as
// its "/*" does not close it.
func stripComments(text string, ln *sourceLine, inBlock bool, blockStart *int) bool {
	p := ln.start
	ln.startsInBlock = inBlock
	if inBlock {
		i := strings.Index(text[p:ln.end], "*/")
		if i < 0 {
			ln.comments = append(ln.comments, span{p, ln.end})
			ln.codeStart, ln.codeEnd = ln.end, ln.end
			return true
		}
		ln.comments = append(ln.comments, span{p, p + i + 2})
		p += i + 2
	}
	ln.codeStart, ln.codeEnd = p, ln.end
	rest := text[p:ln.end]
	if strings.IndexByte(rest, '/') < 0 {
		return false // no comment can start on this line (most lines)
	}
	if strings.HasPrefix(trimLeadingBlanks(rest), "url") {
		return false
	}
	sl := strings.Index(rest, "//")
	bl := strings.Index(rest, "/*")
	switch {
	case bl >= 0 && (sl < 0 || bl < sl):
		ln.codeEnd = p + bl
		ln.comments = append(ln.comments, span{p + bl, ln.end})
		if strings.Contains(rest[bl+2:], "*/") {
			ln.blockSameLine = true
		}
		*blockStart = p + bl
		return true
	case sl >= 0:
		ln.codeEnd = p + sl
		ln.comments = append(ln.comments, span{p + sl, ln.end})
	}
	return false
}

// trimLeadingBlanks is strings.TrimLeft(s, " \t\r\ufeff") without the cost of a cut set that
// holds a non-ASCII rune.
func trimLeadingBlanks(s string) string {
	for len(s) > 0 {
		switch {
		case s[0] == ' ' || s[0] == '\t' || s[0] == '\r':
			s = s[1:]
		case strings.HasPrefix(s, byteOrderMark):
			s = s[len(byteOrderMark):]
		default:
			return s
		}
	}
	return s
}

// pos returns the position of a byte offset. Column counts runes from the start of the line.
// Calls with increasing offsets on one line cost time proportional to the distance moved.
func (s *source) pos(off int) Pos {
	if off < 0 {
		off = 0
	}
	if off > len(s.text) {
		off = len(s.text)
	}
	li := s.lineIndex(off)
	ln := &s.lines[li]
	if s.ascii {
		return Pos{Offset: off, Line: ln.number, Column: 1 + off - ln.start}
	}
	if li == s.colLine && off >= s.colOff && s.colOff >= ln.start {
		s.colCol += utf8.RuneCountInString(s.text[s.colOff:off])
	} else {
		s.colCol = 1 + utf8.RuneCountInString(s.text[ln.start:off])
	}
	s.colLine, s.colOff = li, off
	return Pos{Offset: off, Line: ln.number, Column: s.colCol}
}

// isASCII reports whether s holds only ASCII bytes.
func isASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf {
			return false
		}
	}
	return true
}

// lineIndex finds the line containing off (the "\n" belongs to its line).
func (s *source) lineIndex(off int) int {
	if li := s.colLine; li >= 0 && li < len(s.lines) && off >= s.lines[li].start && off <= s.lines[li].end {
		return li
	}
	lo, hi := 0, len(s.lines)-1
	for lo < hi {
		mid := (lo + hi + 1) / 2
		if s.lines[mid].start <= off {
			lo = mid
		} else {
			hi = mid - 1
		}
	}
	return lo
}

// rng returns the range [start, end).
func (s *source) rng(start, end int) Range {
	return Range{Start: s.pos(start), End: s.pos(end)}
}

// UsesCRLF reports whether a text's first line break is CR LF: the convention its other lines
// are taken to follow (a text with no line break at all is written with LF). The editor and
// `mapwright fmt` both keep a file's convention by this rule.
func UsesCRLF(data []byte) bool {
	i := bytes.IndexByte(data, '\n')
	return i > 0 && data[i-1] == '\r'
}

// WithCRLF returns text with every line break written as CR LF (breaks already CR LF stay as
// they are).
func WithCRLF(text []byte) []byte {
	out := make([]byte, 0, len(text)+bytes.Count(text, []byte("\n")))
	for i := 0; i < len(text); i++ {
		if text[i] == '\n' && (i == 0 || text[i-1] != '\r') {
			out = append(out, '\r')
		}
		out = append(out, text[i])
	}
	return out
}

// KeepConventions returns formatted text with the byte-order mark and the line breaks (CR LF by
// UsesCRLF) of the original, so that formatting a file written on Windows changes only its
// layout, as the editor's save does.
func KeepConventions(original, formatted []byte) []byte {
	if bytes.HasPrefix(original, []byte(byteOrderMark)) && !bytes.HasPrefix(formatted, []byte(byteOrderMark)) {
		formatted = append([]byte(byteOrderMark), formatted...)
	}
	if UsesCRLF(original) {
		formatted = WithCRLF(formatted)
	}
	return formatted
}
