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
	text     string
	comments []indexedComment
}

type indexedComment struct {
	start        int  // where it begins in text
	line         int  // its source line
	isDefinition bool // whether it reads like a commented-out definition
}

// definitionKeywords start the comments that look like a commented-out definition.
var definitionKeywords = []string{"component ", "anchor ", "submap ", "market ", "ecosystem "}

func newCommentIndex(src []byte) *commentIndex {
	x := &commentIndex{}
	var buf []byte
	add := func(line int, text string) {
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
	}
	// The source is read in place: it is not changed while the rules run, and the comments are
	// copied out of it, normalised.
	text := unsafe.String(unsafe.SliceData(src), len(src))
	inBlock := false
	for n := 1; text != ""; n++ {
		line, rest, _ := strings.Cut(text, "\n")
		text = rest
		if inBlock {
			end := strings.Index(line, "*/")
			if end < 0 {
				add(n, line)
				continue
			}
			add(n, line[:end])
			line = line[end+2:]
			inBlock = false
		}
		if strings.HasPrefix(strings.TrimSpace(line), "url") {
			continue
		}
		slash := strings.Index(line, "//")
		block := strings.Index(line, "/*")
		switch {
		case slash >= 0 && (block < 0 || slash < block):
			add(n, line[slash+2:])
		case block >= 0:
			add(n, line[block+2:])
			inBlock = true
		}
	}
	x.text = string(buf)
	return x
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

func isWordRune(r rune) bool {
	return r != utf8.RuneError && (unicode.IsLetter(r) || unicode.IsDigit(r))
}
