package sourcepane

import "strings"

// TokenKind classifies a piece of a line for colouring.
type TokenKind int

// Token kinds, in the order of the map language's lexical classes.
const (
	Plain TokenKind = iota // text with no particular class (drawn in the foreground colour)
	Keyword
	Name
	Number
	Operator // arrows and flow operators: -> +> +< +<> +'text'>
	Comment
	String
	Punctuation // [ ] , ( ) { } ;
	Decorator   // (build) (buy) (outsource) (market) (ecosystem) (inertia)
	Text        // free text: titles, notes, annotation texts, link context
	Invalid     // text the line's statement does not use, or a line that cannot be read
)

// Span colours bytes [Start, End) of one line. Spans must not overlap; bytes not covered by a
// span are drawn as Plain.
type Span struct {
	Start, End int
	Kind       TokenKind
}

// Highlighter splits one line (without its newline) into coloured spans. It must be a pure
// function of the line: the editor caches its results by line text and calls it only for the
// lines on screen. The app wires mapdsl's highlighter; DefaultHighlighter is a small stand-in.
type Highlighter func(line string) []Span

// BlockHighlighter is a Highlighter for a language with block comments: it is told whether a
// block comment is open at the start of the line and reports whether one is open at its end.
// The editor keeps that state per line and, to find it quickly for a line far down, calls the
// highlighter only on lines that can change it: lines containing "/*" outside a comment or "*/"
// inside one (the block comment syntax of OWM maps).
type BlockHighlighter func(line string, inBlock bool) (spans []Span, inBlockAfter bool)

// owmKeywords are the statement and attribute words of the OWM dialect.
var owmKeywords = map[string]bool{
	"title": true, "component": true, "anchor": true, "submap": true, "url": true, "note": true,
	"annotation": true, "annotations": true, "evolve": true, "pipeline": true, "pioneers": true,
	"settlers": true, "townplanners": true, "accelerator": true, "deaccelerator": true,
	"evolution": true, "valuechain": true, "style": true, "size": true, "label": true,
	"inertia": true, "market": true, "ecosystem": true, "build": true, "buy": true,
	"outsource": true, "y-axis": true, "x-axis": true,
}

// DefaultHighlighter colours OWM map text line by line: `//` comments, keywords at the start of
// a statement and `label`/`inertia` after it, numbers, link operators, quoted text, brackets and
// (decorators). Block comments spanning lines are not tracked (a Highlighter sees one line).
func DefaultHighlighter(line string) []Span {
	var spans []Span
	add := func(s, e int, k TokenKind) {
		if e > s {
			spans = append(spans, Span{s, e, k})
		}
	}
	trimmed := strings.TrimLeft(line, " \t")
	isURL := strings.HasPrefix(trimmed, "url")
	firstWord := true
	i := 0
	for i < len(line) {
		c := line[i]
		switch {
		case c == ' ' || c == '\t':
			i++
			continue
		case !isURL && strings.HasPrefix(line[i:], "//"), strings.HasPrefix(line[i:], "/*"):
			add(i, len(line), Comment)
			return spans
		case c == '\'' || c == '"':
			end := strings.IndexByte(line[i+1:], c)
			if end < 0 {
				end = len(line)
			} else {
				end += i + 2
			}
			add(i, end, String)
			i = end
		case c == '-' && i+1 < len(line) && line[i+1] == '>':
			add(i, i+2, Operator)
			i += 2
		case c == '+' && i+1 < len(line) && strings.ContainsRune("<>'", rune(line[i+1])):
			j := i + 1
			for j < len(line) && (line[j] == '<' || line[j] == '>') {
				j++
			}
			if j == i+1 { // +'text'>: the operator is "+", the quoted text a string
				j = i + 1
			}
			add(i, j, Operator)
			i = j
			if i < len(line) && line[i] == '\'' {
				end := strings.IndexByte(line[i+1:], '\'')
				if end < 0 {
					add(i, len(line), String)
					return spans
				}
				add(i, i+end+2, String)
				i += end + 2
				j = i
				for j < len(line) && (line[j] == '<' || line[j] == '>') {
					j++
				}
				add(i, j, Operator)
				i = j
			}
		case (c >= '0' && c <= '9') || ((c == '-' || c == '.') && i+1 < len(line) && line[i+1] >= '0' && line[i+1] <= '9'):
			j := i + 1
			for j < len(line) && (line[j] >= '0' && line[j] <= '9' || line[j] == '.' || line[j] == 'e' || line[j] == 'E') {
				j++
			}
			add(i, j, Number)
			i = j
		case c == '(':
			end := strings.IndexByte(line[i:], ')')
			if end > 0 && !strings.ContainsAny(line[i+1:i+end], "[]") {
				add(i, i+end+1, Decorator)
				i += end + 1
			} else {
				add(i, i+1, Punctuation)
				i++
			}
		case strings.IndexByte("[],(){};", c) >= 0:
			add(i, i+1, Punctuation)
			i++
			if c == ';' { // link context: free text
				add(i, len(line), String)
				return spans
			}
		default:
			j := i
			for j < len(line) && strings.IndexByte(" \t[](){},;'\"", line[j]) < 0 &&
				!strings.HasPrefix(line[j:], "->") && !(line[j] == '+' && j+1 < len(line) && strings.ContainsRune("<>'", rune(line[j+1]))) {
				j++
			}
			if j == i { // a lone character no rule claims
				j = i + 1
			}
			word := line[i:j]
			kind := Name
			if owmKeywords[word] && (firstWord || word == "label" || word == "inertia") {
				kind = Keyword
			}
			add(i, j, kind)
			i = j
			firstWord = false
			continue
		}
		firstWord = false
	}
	return spans
}
