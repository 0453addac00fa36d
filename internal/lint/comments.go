package lint

import (
	"cmp"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"
	"unsafe"
)

// commentIndex holds every comment of a source text, found the way OWM strips them: `//` to
// the end of the line (except on url lines, whose addresses contain //), and `/*` up to the next
// line that contains `*/` (a block opened and closed on one line still runs on, as in OWM).
// The comments are normalised (as link names are matched) and kept one after the other in one
// text, so that looking a name up in all of them is one substring search: the comments that
// read like a commented-out definition in one text, the others in another, since a name is
// looked for among the definitions first. The comments of a text are separated by a newline,
// which a normalised text never contains, so no match spans two.
type commentIndex struct {
	definitions, others commentText
}

// commentText is the normalised text of some comments, one after the other.
type commentText struct {
	text     string // buf, read as a string
	buf      []byte
	comments []indexedComment
	// scanned counts the bytes searched so far; words indexes the comments by the words they
	// hold once indexed (see first).
	scanned int
	indexed bool
	words   map[string][]int32
}

type indexedComment struct {
	start int // where it begins in text
	line  int // its source line
}

// definitionKeywords start the comments that look like a commented-out definition.
var definitionKeywords = []string{"component ", "anchor ", "submap ", "market ", "ecosystem "}

// isDefinition reports whether a normalised comment looks like a commented-out definition.
func isDefinition(comment []byte) bool {
	for _, kw := range definitionKeywords {
		if len(comment) >= len(kw) && string(comment[:len(kw)]) == kw {
			return true
		}
	}
	return false
}

// build indexes the comments of src.
func (x *commentIndex) build(src []byte) {
	x.forget()
	defs, others := &x.definitions, &x.others
	// The source is read in place: it is not changed while the rules run, and the comments are
	// copied out of it, normalised.
	eachComment(unsafe.String(unsafe.SliceData(src), len(src)), func(line int, text string) {
		// Normalised at the end of the other comments, and moved if it reads like a definition.
		to, start := others, len(others.buf)
		others.buf = appendNormalised(others.buf, text)
		if c := others.buf[start:]; isDefinition(c) {
			others.buf = others.buf[:start]
			to, start = defs, len(defs.buf)
			defs.buf = append(defs.buf, c...)
		}
		to.comments = append(to.comments, indexedComment{start: start, line: line})
		to.buf = append(to.buf, '\n')
	})
	for _, t := range []*commentText{defs, others} {
		t.text = unsafe.String(unsafe.SliceData(t.buf), len(t.buf)) // buf is not written again in this run
	}
}

// forget empties the index for another text, keeping its memory.
func (x *commentIndex) forget() {
	x.definitions.forget()
	x.others.forget()
}

func (t *commentText) forget() {
	t.text, t.buf = "", t.buf[:0]
	t.comments = t.comments[:0]
	t.scanned, t.indexed = 0, false
	clear(t.words)
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
	if line, ok := x.definitions.first(want); ok {
		return line, true
	}
	return x.others.first(want)
}

// indexWords indexes the comments by the words they hold (see first).
func (x *commentIndex) indexWords() {
	x.definitions.indexWords()
	x.others.indexWords()
}

// first returns the line of the first comment holding want (normalised) as a whole word or
// phrase.
//
// It searches the text of all comments for each name asked about. A map with thousands of
// unknown names and thousands of comments would make that quadratic, so once the searches
// have read the text a few times over, the comments are indexed by the words they hold, and a
// name is then looked for only in the comments holding its rarest word: a match at word
// boundaries holds every word of the name whole.
func (t *commentText) first(want string) (int, bool) {
	if !t.indexed && t.scanned > 4*len(t.text)+64<<10 {
		t.indexWords()
	}
	if t.indexed {
		if w, ok := t.rarestWord(want); ok {
			return t.firstAmong(t.words[w], want)
		}
	}
	t.scanned += len(t.text)
	i := t.match(want, 0, len(t.text))
	if i < 0 {
		return 0, false
	}
	c, _ := slices.BinarySearchFunc(t.comments, i, func(c indexedComment, i int) int { return cmp.Compare(c.start, i+1) })
	return t.comments[c-1].line, true
}

// firstAmong is first looking only in the comments listed (in order).
func (t *commentText) firstAmong(list []int32, want string) (int, bool) {
	for _, c := range list {
		end := len(t.text)
		if int(c)+1 < len(t.comments) {
			end = t.comments[c+1].start
		}
		if t.match(want, t.comments[c].start, end) >= 0 {
			return t.comments[c].line, true
		}
	}
	return 0, false
}

// match returns where want first occurs in text[from:to] with no letter or digit glued to
// either side, or -1.
func (t *commentText) match(want string, from, to int) int {
	for from < to {
		i := strings.Index(t.text[from:to], want)
		if i < 0 {
			return -1
		}
		i += from
		before, _ := utf8.DecodeLastRuneInString(t.text[:i])
		after, _ := utf8.DecodeRuneInString(t.text[i+len(want):])
		if !isWordRune(before) && !isWordRune(after) {
			return i
		}
		from = i + 1
	}
	return -1
}

// indexWords lists, for every word (a run of letters and digits) of the comments, the
// comments that hold it.
func (t *commentText) indexWords() {
	t.indexed = true
	if t.words == nil {
		t.words = map[string][]int32{}
	}
	c := 0
	eachWord(t.text, func(from, to int) {
		for c+1 < len(t.comments) && t.comments[c+1].start <= from {
			c++
		}
		w := t.text[from:to]
		if list := t.words[w]; len(list) == 0 || list[len(list)-1] != int32(c) {
			t.words[w] = append(list, int32(c))
		}
	})
}

// rarestWord returns the word of want that the fewest comments hold, or false if want has no
// word.
func (t *commentText) rarestWord(want string) (string, bool) {
	best, bestN := "", -1
	eachWord(want, func(from, to int) {
		if n := len(t.words[want[from:to]]); bestN < 0 || n < bestN {
			best, bestN = want[from:to], n
		}
	})
	return best, bestN >= 0
}

// eachWord calls f with the bounds of every run of letters and digits in s.
func eachWord(s string, f func(from, to int)) {
	start := -1
	for i, r := range s {
		switch word := isWordRune(r); {
		case word && start < 0:
			start = i
		case !word && start >= 0:
			f(start, i)
			start = -1
		}
	}
	if start >= 0 {
		f(start, len(s))
	}
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
