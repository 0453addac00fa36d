package sourcepane

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
// lines on screen. The pane knows no language: the editor colours map text with mapdsl's own
// lexer (package maplang), so the colours and the parser never disagree.
type Highlighter func(line string) []Span

// BlockHighlighter is a Highlighter for a language with block comments: it is told whether a
// block comment is open at the start of the line and reports whether one is open at its end.
// The editor keeps that state per line and, to find it quickly for a line far down, calls the
// highlighter only on lines that can change it: lines containing "/*" outside a comment or "*/"
// inside one (the block comment syntax of OWM maps).
type BlockHighlighter func(line string, inBlock bool) (spans []Span, inBlockAfter bool)
