package lint

import (
	"strings"
	"unicode"
	"unicode/utf8"
	"unsafe"
)

// commentIndex holds every comment of a source text, found the way OWM strips them: `//` to
// the end of the line (except on url lines, whose addresses contain //), and `/*` up to the next
// line that contains `*/` (a block opened and closed on one line still runs on, as in OWM).
// The comments are normalised (as link names are matched) and kept one after the other in one
// text, so that looking a name up in all of them is one substring search. They are separated by
// a newline, which a normalised text never contains, so no match spans two.
type commentIndex struct {
	text     string // buf, read as a string
	buf      []byte
	comments []indexedComment
}

type indexedComment struct {
	start        int  // where it begins in text
	line         int  // its source line
	isDefinition bool // whether it reads like a commented-out definition
}

// definitionKeywords start the comments that look like a commented-out definition.
var definitionKeywords = []string{"component ", "anchor ", "submap ", "market ", "ecosystem "}

// build indexes the comments of src.
func (x *commentIndex) build(src []byte) {
	buf := x.buf[:0]
	x.comments = x.comments[:0]
	// The source is read in place: it is not changed while the rules run, and the comments are
	// copied out of it, normalised.
	eachComment(unsafe.String(unsafe.SliceData(src), len(src)), func(line int, text string) {
		start := len(buf)
		buf = appendNormalised(buf, text)
		c := indexedComment{start: start, line: line}
		for _, kw := range definitionKeywords {
			if b := buf[start:]; len(b) >= len(kw) && string(b[:len(kw)]) == kw {
				c.isDefinition = true
				break
			}
		}
		x.comments = append(x.comments, c)
		buf = append(buf, '\n')
	})
	x.buf = buf
	x.text = unsafe.String(unsafe.SliceData(buf), len(buf)) // buf is not written again in this run
}

// forget empties the index for another text, keeping its memory.
func (x *commentIndex) forget() {
	x.text = ""
	x.comments = x.comments[:0]
}

// eachComment calls add with every comment of src and its line, in order. Only a line with a
// slash can hold a comment, so it goes from slash to slash, skipping the lines between (but
// counting them), except inside a block comment, where every line is one.
func eachComment(src string, add func(line int, text string)) {
	line, at := 1, 0 // at is where line begins
	inBlock := false
	for at < len(src) {
		if !inBlock {
			k := strings.IndexByte(src[at:], '/')
			if k < 0 {
				return
			}
			if nl := strings.LastIndexByte(src[at:at+k], '\n'); nl >= 0 {
				line += strings.Count(src[at:at+nl+1], "\n")
				at += nl + 1
			}
		}
		end := len(src)
		if nl := strings.IndexByte(src[at:], '\n'); nl >= 0 {
			end = at + nl
		}
		text := src[at:end]
		if inBlock {
			if e := strings.Index(text, "*/"); e < 0 {
				add(line, text)
				text = ""
			} else {
				add(line, text[:e])
				text = text[e+2:]
				inBlock = false
			}
		}
		if !inBlock && !isURLLine(text) {
			slash, block := firstComment(text)
			switch {
			case slash >= 0 && (block < 0 || slash < block):
				add(line, text[slash+2:])
			case block >= 0:
				add(line, text[block+2:])
				inBlock = true
			}
		}
		at, line = end+1, line+1
	}
}

// defines returns the line of a comment that mentions name as a whole word or phrase,
// preferring comments that look like a commented-out definition (component/anchor/submap).
func (x *commentIndex) defines(name string) (int, bool) {
	want := normalise(name)
	if want == "" {
		return 0, false
	}
	found, c := 0, 0 // c: the comment holding the match, found by walking forwards
	for from := 0; from <= len(x.text); {
		i := strings.Index(x.text[from:], want)
		if i < 0 {
			break
		}
		i += from
		for c+1 < len(x.comments) && x.comments[c+1].start <= i {
			c++
		}
		before, _ := utf8.DecodeLastRuneInString(x.text[:i])
		after, _ := utf8.DecodeRuneInString(x.text[i+len(want):])
		if isWordRune(before) || isWordRune(after) {
			from = i + 1
			continue
		}
		if x.comments[c].isDefinition {
			return x.comments[c].line, true
		}
		if found == 0 {
			found = x.comments[c].line
		}
		// Later matches in this comment add nothing: go on with the next one.
		if c+1 >= len(x.comments) {
			break
		}
		from = x.comments[c+1].start
	}
	return found, found != 0
}

// isURLLine reports whether a line is a url statement, whose address may hold "//".
func isURLLine(line string) bool {
	for i := 0; i < len(line); i++ {
		if c := line[i]; c != ' ' && c != '\t' {
			if c >= utf8.RuneSelf || c >= '\n' && c <= '\r' {
				return strings.HasPrefix(strings.TrimSpace(line), "url") // other white space: rare
			}
			return strings.HasPrefix(line[i:], "url")
		}
	}
	return false
}

// firstComment returns where "//" and "/*" first occur in a line, -1 where they do not, or
// where the other one comes first. The first slash of the line usually starts one of them.
func firstComment(line string) (slash, block int) {
	if k := strings.IndexByte(line, '/'); k >= 0 && k+1 < len(line) {
		switch line[k+1] {
		case '/':
			return k, -1
		case '*':
			return -1, k
		}
	}
	return strings.Index(line, "//"), strings.Index(line, "/*")
}

func isWordRune(r rune) bool {
	return r != utf8.RuneError && (unicode.IsLetter(r) || unicode.IsDigit(r))
}
