package mapdsl

import "github.com/alecthomas/participle/v2/lexer"

// File is the syntax tree of a map text: one Statement per physical line, in order, including
// blank lines, comment-only lines and the "{" / "}" lines of pipeline blocks, so that tools can
// find the text of any element and rewrite exactly the bytes they need.
type File struct {
	Filename   string
	Statements []*Statement
	Map        *Map
}

// StatementKind says what a line holds.
type StatementKind int

const (
	StmtBlank         StatementKind = iota // empty or whitespace only
	StmtComment                            // only a comment (or a line inside a block comment)
	StmtTitle                              // title Text
	StmtComponent                          // component Name [v, m] ...
	StmtSubmap                             // submap Name [v, m] url(ref) ...
	StmtMarket                             // legacy: market Name [v, m] (a component with (market))
	StmtEcosystem                          // legacy: ecosystem Name [v, m] (a component with (ecosystem))
	StmtAnchor                             // anchor Name [v, m]
	StmtNote                               // note Text [v, m]
	StmtAccelerator                        // accelerator Name [v, m]
	StmtDeaccelerator                      // deaccelerator Name [v, m]
	StmtPipeline                           // pipeline Name [start, end]
	StmtBlockOpen                          // "{" opening a pipeline block
	StmtBlockClose                         // "}" closing a pipeline block
	StmtPipelineChild                      // component Name [m] inside a pipeline block
	StmtEvolve                             // evolve Name[->NewName] maturity ...
	StmtLink                               // From op To [; context]
	StmtURL                                // url ref [address]
	StmtAnnotation                         // annotation n [v, m] text, or [[v, m], ...]
	StmtAnnotations                        // annotations [v, m]
	StmtArea                               // pioneers|settlers|townplanners [v1, m1, v2, m2]
	StmtEvolution                          // evolution [--hide] A->B->C->D
	StmtValueChain                         // valuechain --hide
	StmtStyle                              // style name
	StmtSize                               // size [w, h]
	StmtMethod                             // legacy: build|buy|outsource Name
	StmtAxis                               // legacy: y-axis / x-axis (ignored)
	StmtIgnored                            // a line OWM skips (it starts with a reserved word)
	StmtUnknown                            // a line that could not be read
)

var statementKindNames = [...]string{
	"blank", "comment", "title", "component", "submap", "market", "ecosystem", "anchor", "note",
	"accelerator", "deaccelerator", "pipeline", "block-open", "block-close", "pipeline-child",
	"evolve", "link", "url", "annotation", "annotations", "area", "evolution", "valuechain",
	"style", "size", "method", "axis", "ignored", "unknown",
}

func (k StatementKind) String() string {
	if k >= 0 && int(k) < len(statementKindNames) {
		return statementKindNames[k]
	}
	return "invalid"
}

// Statement is one line of the text. Ranges are exact byte offsets into the text (so an edit can
// splice them); fields that a kind does not use stay zero.
type Statement struct {
	Kind StatementKind
	Line int // 1-based
	// Range is the statement's own text on its line: from its first to its last non-blank byte,
	// comments and the line break excluded. Empty (but positioned) for blank and comment lines.
	Range Range
	// LineRange is the whole line without its line break (indentation and comments included).
	LineRange Range
	// Indent is the leading blank text of the line (before Range).
	Indent string

	Keyword      string // as written: "component", "pioneers", ...
	KeywordRange Range

	// Name is the element's name, or a note's text, or a url's ref, or a link's From; unquoted
	// with escapes resolved. NameRange covers it as written (quotes included).
	Name       string
	NameRange  Range
	NameQuoted bool
	// Target is a link's To or an evolve's NewName.
	Target       string
	TargetRange  Range
	TargetQuoted bool
	// Operator is a link's operator ("->", "+>", "+'label'<>", ...) or an evolve's "->".
	Operator      string
	OperatorRange Range
	FlowLabel     string

	// Coords is the first bracket group: [v, m] of a component, anchor, note, accelerator,
	// annotations; [start, end] of a pipeline; [w, h] of size; [m] of a pipeline child.
	Coords Coords
	// Numbers holds the pieces of the bracket group in order (all four of an area) and, for an
	// evolve, the maturity; for an annotation, its number. Extra bare numbers (old PST w h) too.
	Numbers []Number
	// Positions are an annotation's positions (one for [v, m], several for [[v, m], ...]).
	Positions []Coords

	Label        Offset
	Inertia      bool
	InertiaRange Range
	Decorators   Decorators
	// DecoratorWords are the words between the parentheses, as written.
	DecoratorWords []Word
	URLRef         string
	URLRefRange    Range
	// InlineEvolve is the maturity of a legacy "component X [v, m] evolve 0.8".
	InlineEvolve *Number

	// Text is a title, an annotation's text, a link's context, a url's address, a style name,
	// a valuechain/evolution flag's remainder, or the text of an unknown line.
	Text      string
	TextRange Range
	// Hide is an "evolution --hide" or "valuechain --hide" flag.
	Hide bool
	// Stages are the labels of an evolution line.
	Stages []StageSpec

	// BraceRange is the "{" of Mermaid's one-line "pipeline Name {" form.
	BraceRange Range

	// InBlock is true for the lines between a pipeline block's "{" and "}".
	InBlock bool

	// Comments are the comment spans on the line.
	Comments []Range
	// Extra are pieces of the line that the statement does not use (they produce warnings).
	Extra []Range

	// blockOwner is the pipeline statement whose block this "{" line (or Mermaid pipeline line)
	// opens; blockEnd is the range of the "}" that closes the open block on this line.
	blockOwner *Statement
	blockEnd   Range
	// failed is set when the statement's grammar rejected the line (an error was reported).
	failed bool
	// toks are the statement's significant tokens (no blanks or comments), for the formatter,
	// in the line's own positions (see lineToken).
	toks []lineToken
}

// lineToken is a token of a line, kept without pointers (cached statements hold many of them and
// the garbage collector scans what holds pointers): its type and its bytes in the line's text.
type lineToken struct {
	typ        int32
	start, end int32
}

// compactTokens keeps the types and places of tokens read from a line's own text (as readLine
// reads it, so that their offsets are line-relative), in mem when they fit.
func compactTokens(mem []lineToken, toks []lexer.Token) []lineToken {
	if len(toks) == 0 {
		return nil
	}
	var out []lineToken
	if len(toks) <= len(mem) {
		out = mem[:len(toks):len(toks)]
	} else {
		out = make([]lineToken, len(toks))
	}
	for i, t := range toks {
		out[i] = lineToken{typ: int32(t.Type), start: int32(t.Pos.Offset), end: int32(t.Pos.Offset + len(t.Value))}
	}
	return out
}

// expandTokens gives back the tokens of line text (their values, types and offsets).
func expandTokens(text string, toks []lineToken) []lexer.Token {
	out := make([]lexer.Token, len(toks))
	for i, t := range toks {
		out[i] = lexer.Token{Type: lexer.TokenType(t.typ), Value: text[t.start:t.end], Pos: lexer.Position{Offset: int(t.start)}}
	}
	return out
}

// Word is a word as written with its range.
type Word struct {
	Text  string
	Range Range
}

// StageSpec is one label of an evolution line, with an optional Mermaid-style "@position".
type StageSpec struct {
	Label      string
	LabelRange Range
	Start      Number // Set when "@position" was written
}
