package mapdsl

import (
	"github.com/alecthomas/participle/v2/lexer"
)

// TokenKind is the syntactic role of a span of map text, for syntax colouring.
type TokenKind int

const (
	TokenKeyword     TokenKind = iota // component, evolve, label, inertia, style names, --hide ...
	TokenName                         // element names, link ends, a note's text, url refs
	TokenNumber                       // numbers, including unreadable pieces inside brackets
	TokenOperator                     // ->, +>, +<, +<>, +'text'> ...
	TokenComment                      // // ... and /* ... */
	TokenString                       // a double-quoted name or text
	TokenPunctuation                  // [ ] ( ) , ; { } @
	TokenDecorator                    // the words inside ( ): build, buy, market, ...
	TokenText                         // free text: titles, annotation texts, link context, addresses
	TokenInvalid                      // text the statement does not use (or a line that cannot be read)
)

var tokenKindNames = [...]string{"keyword", "name", "number", "operator", "comment", "string",
	"punctuation", "decorator", "text", "invalid"}

func (k TokenKind) String() string {
	if k >= 0 && int(k) < len(tokenKindNames) {
		return tokenKindNames[k]
	}
	return "invalid"
}

// Token is a coloured span of one line: the bytes [Start, End) of the line given to HighlightLine.
// Blanks between tokens are not reported.
type Token struct {
	Start, End int
	Kind       TokenKind
}

// HighlightLine splits one line of map text (without its line break) into coloured spans, using
// the parser's own lexer so that colours always agree with how the line is read: a name is
// coloured as a name exactly where OWM's rules end it. Spans are in order and do not overlap.
// An editor colours a document line by line: inBlock tells whether a "/*" block comment is open
// at the start of the line, and the result tells whether one is open at its end (pass it to the
// next line).
func HighlightLine(line string, inBlock bool) ([]Token, bool) {
	src := &source{text: line, unclosedBlock: -1, colLine: -1}
	ln := sourceLine{start: 0, end: len(line), number: 1}
	blockStart := -1
	open := stripComments(line, &ln, inBlock, &blockStart)
	src.lines = []sourceLine{ln}
	kind, kw := classifyLine(src, &src.lines[0])
	lx := lineLexer{src: src, text: line}
	lx.lexLine(&src.lines[0], kind, kw)
	lx.emitComments(&src.lines[0])
	out := make([]Token, 0, len(lx.toks))
	parens, urlRef := 0, false
	var prev lexer.Token
	for _, t := range lx.toks {
		k, ok := highlightKind(t, kind, parens > 0)
		switch {
		case t.Type == ttPunct && t.Value == "(":
			parens++
			urlRef = prev.Type == ttAttr && prev.Value == "url"
		case t.Type == ttPunct && t.Value == ")" && parens > 0:
			parens--
			urlRef = false
		case urlRef && t.Type == ttWord:
			k = TokenName
		}
		if !ok {
			continue
		}
		prev = t
		out = append(out, Token{Start: t.Pos.Offset, End: t.Pos.Offset + len(t.Value), Kind: k})
	}
	return out, open
}

// highlightKind maps a lexer token to its colour; blanks are dropped.
func highlightKind(t lexer.Token, kind lineKind, inParens bool) (TokenKind, bool) {
	switch t.Type {
	case ttWhitespace:
		return 0, false
	case ttComment:
		return TokenComment, true
	case ttKeyword, ttAttr:
		return TokenKeyword, true
	case ttName:
		return TokenName, true
	case ttString:
		return TokenString, true
	case ttNumber:
		return TokenNumber, true
	case ttPunct:
		return TokenPunctuation, true
	case ttArrow, ttFlow:
		return TokenOperator, true
	case ttWord:
		if inParens {
			return TokenDecorator, true
		}
		return TokenKeyword, true
	case ttText:
		if kind == lkUnknown {
			return TokenInvalid, true
		}
		return TokenText, true
	}
	return TokenInvalid, true
}
