// Package maplang connects the source pane to the map language: it colours lines with mapdsl's
// own lexer (so colours agree with how the parser reads each line, block comments included) and
// turns parser diagnostics, whose ranges are byte offsets, into the pane's rune-column markers.
//
// It is a separate package so that the editor widget builds and tests without the parser.
package maplang

import (
	"mapwright/mapdsl"
	"mapwright/ui/sourcepane"
)

// kinds maps mapdsl token kinds to the pane's.
var kinds = map[mapdsl.TokenKind]sourcepane.TokenKind{
	mapdsl.TokenKeyword:     sourcepane.Keyword,
	mapdsl.TokenName:        sourcepane.Name,
	mapdsl.TokenNumber:      sourcepane.Number,
	mapdsl.TokenOperator:    sourcepane.Operator,
	mapdsl.TokenComment:     sourcepane.Comment,
	mapdsl.TokenString:      sourcepane.String,
	mapdsl.TokenPunctuation: sourcepane.Punctuation,
	mapdsl.TokenDecorator:   sourcepane.Decorator,
	mapdsl.TokenText:        sourcepane.Text,
	mapdsl.TokenInvalid:     sourcepane.Invalid,
}

// Highlight is a sourcepane.BlockHighlighter backed by mapdsl.HighlightLine.
func Highlight(line string, inBlock bool) ([]sourcepane.Span, bool) {
	toks, after := mapdsl.HighlightLine(line, inBlock)
	spans := make([]sourcepane.Span, len(toks))
	for i, t := range toks {
		k, ok := kinds[t.Kind]
		if !ok {
			k = sourcepane.Plain
		}
		spans[i] = sourcepane.Span{Start: t.Start, End: t.End, Kind: k}
	}
	return spans, after
}

// Attach makes e colour its text with the map language's lexer.
func Attach(e *sourcepane.Editor) { e.SetBlockHighlighter(Highlight) }

// Markers converts parser diagnostics to markers for e. The diagnostics must come from parsing
// e.Text(): their byte offsets are converted with e's buffer, so multi-byte text is underlined
// exactly. A diagnostic without a range marks the first character of the text.
func Markers(e *sourcepane.Editor, ds mapdsl.Diagnostics) []sourcepane.Marker {
	out := make([]sourcepane.Marker, 0, len(ds))
	for _, d := range ds {
		s, t := sourcepane.Position{Line: 1, Col: 1}, sourcepane.Position{Line: 1, Col: 1}
		if d.Range.Valid() {
			s, t = e.PositionAt(d.Range.Start.Offset), e.PositionAt(d.Range.End.Offset)
		}
		out = append(out, sourcepane.Marker{StartLine: s.Line, StartCol: s.Col, EndLine: t.Line,
			EndCol: t.Col, Severity: sourcepane.Severity(d.Severity), Message: d.Message})
	}
	return out
}

// ShowDiagnostics sets e's markers from parser diagnostics.
func ShowDiagnostics(e *sourcepane.Editor, ds mapdsl.Diagnostics) { e.SetDiagnostics(Markers(e, ds)) }
