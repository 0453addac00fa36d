package mapdsl

import (
	"bytes"
	"context"
	"fmt"
	"strings"

	"github.com/alecthomas/participle/v2/lexer"

	"mapwright/internal/cancel"
)

// Format rewrites a map text in the one canonical layout, like gofmt does for Go:
//
//   - one statement per line, single spaces between parts, no trailing blanks, LF line endings
//     and a final line break;
//   - brackets as "[0.50, 0.30]" (", " between pieces, none inside the brackets), with every
//     number spelled exactly as written; "label [dx, dy]"; decorators as "(build, market)";
//     links and evolve renames without spaces around the operator ("A->B", "A+'x'>B; context");
//   - at most one blank line in a row, none at the start or the end;
//   - the statements inside a pipeline block indented by two spaces, "{" and "}" on their own
//     lines (Mermaid's "pipeline X {" is split in two);
//   - comments kept on their lines, statement order kept.
//
// Format never changes what the map means: each rewritten line is read back and compared with
// the original statement, and a line whose canonical form would read differently (OWM's
// substring rules make a few such lines possible) is kept as written, only trimmed. Formatting
// is idempotent. Text with errors is refused: Format then returns nil and the diagnostics.
func Format(src []byte) ([]byte, Diagnostics) {
	return formatWith(nil, src)
}

// FormatContext is Format that stops when ctx is done: it then returns ctx's error.
func FormatContext(ctx context.Context, src []byte) (out []byte, diags Diagnostics, err error) {
	stop := cancel.New(ctx)
	defer stop.Recover(&err)
	out, diags = formatWith(stop, src)
	if err := stop.Err(); err != nil {
		return nil, nil, err
	}
	return out, diags, nil
}

func formatWith(stop *cancel.Check, src []byte) ([]byte, Diagnostics) {
	_, diags, p := parseText("", src, stop)
	if diags.HasErrors() || p == nil {
		return nil, diags
	}
	var b bytes.Buffer
	b.Grow(len(src) + len(src)/8)
	pendingBlank := false
	started := false
	for i := range p.lines {
		stop.Point()
		r := &p.lines[i]
		line := r.rng(r.st.LineRange)
		if i == len(p.lines)-1 && line.Start.Offset == line.End.Offset {
			break // the empty "line" after the final line break
		}
		// The offsets of r.st index the text from r.dOff on (the line's own text for a cached
		// statement, the whole text for one read in place).
		first, second := formatStatement(p.text[r.dOff:], p.text[line.Start.Offset:line.End.Offset], r)
		for k, line := range [2]string{first, second} {
			if k == 1 && line == "" {
				break
			}
			if line == "" && r.kind == StmtBlank {
				pendingBlank = started
				continue
			}
			if pendingBlank {
				b.WriteByte('\n')
				pendingBlank = false
			}
			b.WriteString(line)
			b.WriteByte('\n')
			started = true
		}
	}
	return b.Bytes(), diags
}

// formatStatement returns the canonical text of one line (lineText): usually one line (second
// is ""), two for Mermaid's "pipeline X {". The offsets of r.st index text.
func formatStatement(text, lineText string, r *lineStmt) (first, second string) {
	st := r.st
	indent := ""
	if r.inBlock && r.kind != StmtTitle {
		indent = "  "
	}
	if r.kind == StmtBlank {
		return "", ""
	}
	if r.kind == StmtIgnored && strings.HasPrefix(st.Text, "title") {
		// An indented title is not a title for OWM; removing the indentation would make it one.
		return trimRight(lineText), ""
	}
	comment := ""
	if n := len(st.Comments); n > 0 {
		first := st.Comments[0]
		if first.Start.Offset < st.Range.Start.Offset && st.Range.End.Offset > st.Range.Start.Offset {
			// Code after the end of a block comment: keep the line as written.
			return trimRight(lineText), ""
		}
		last := st.Comments[n-1]
		comment = trimRight(text[last.Start.Offset:last.End.Offset])
		if r.kind == StmtComment {
			if first.Start.Offset == st.LineRange.Start.Offset && !strings.HasPrefix(strings.TrimLeft(lineText, " \t"), "/*") && !strings.HasPrefix(strings.TrimLeft(lineText, " \t"), "//") {
				// A line inside a block comment: its text is the comment's own content.
				return trimRight(lineText), ""
			}
			return indent + strings.TrimLeft(trimRight(text[first.Start.Offset:st.LineRange.End.Offset]), " \t\r"), ""
		}
	}
	if st.BraceRange.Valid() {
		// "pipeline X {" becomes "pipeline X" and "{"; a range after the brace stays on the
		// pipeline's line ("pipeline X { [0.3, 0.7]" is read as "pipeline X [0.3, 0.7]").
		head := st.Keyword + " " + text[st.NameRange.Start.Offset:st.NameRange.End.Offset]
		if rest := strings.TrimSpace(text[st.BraceRange.End.Offset:st.Range.End.Offset]); rest != "" {
			head += " " + rest
			if again := parseLineAlone(head, false); again != nil {
				head = canonicalCode(head, again, r.kind)
			}
		}
		brace := indent + "{"
		if comment != "" {
			brace += " " + comment
		}
		return indent + head, brace
	}
	code := canonicalCode(text, st, r.kind)
	if comment != "" {
		last := st.Comments[len(st.Comments)-1]
		if last.Start.Offset == st.Range.End.Offset && code == text[st.Range.Start.Offset:st.Range.End.Offset] {
			code += comment // "http://..." cut by OWM's comment rule: keep it readable
		} else {
			code += " " + comment
		}
	}
	if indent == "" {
		return code, ""
	}
	return indent + code, ""
}

func trimRight(s string) string { return strings.TrimRight(s, " \t\r") }

// canonicalCode joins the statement's tokens with canonical spacing and checks that the result
// reads back as the same statement; if not, the statement's own text is kept.
func canonicalCode(text string, st *Statement, kind StatementKind) string {
	original := text[st.Range.Start.Offset:st.Range.End.Offset]
	if len(st.toks) == 0 {
		return original
	}
	toks := expandTokens(text, st.toks)
	candidate := joinTokens(toks, kind)
	if segs := modifierSegments(toks, kind); segs != nil {
		parts := make([]string, 0, len(segs))
		for _, seg := range segs {
			if len(seg) > 0 {
				parts = append(parts, joinTokens(seg, kind))
			}
		}
		candidate = strings.Join(parts, " ")
	}
	if candidate == original {
		return original
	}
	again := parseLineAlone(candidate, kind == StmtPipelineChild)
	if again == nil {
		return original
	}
	as := *st // the line's statement as this line reads it
	as.Kind = kind
	if statementSignature(again) != statementSignature(&as) {
		return original
	}
	return candidate
}

// modifierSegments splits a component-like or evolve statement into its head (keyword, names,
// position or maturity) and its modifiers, and returns them in the canonical order: head,
// url(ref), label [dx, dy], (decorators), inertia, legacy inline evolve. It returns nil when the
// statement holds anything else (text the statement does not use), which keeps its order.
func modifierSegments(toks []lexer.Token, kind StatementKind) [][]lexer.Token {
	switch kind {
	case StmtComponent, StmtSubmap, StmtMarket, StmtEcosystem, StmtPipelineChild, StmtEvolve:
	default:
		return nil
	}
	isP := func(t lexer.Token, v string) bool { return t.Type == ttPunct && t.Value == v }
	// group returns the end (exclusive) of the bracket or parenthesis group opening at i.
	group := func(i int, open, close string) int {
		depth := 0
		for j := i; j < len(toks); j++ {
			switch {
			case isP(toks[j], open):
				depth++
			case isP(toks[j], close):
				depth--
				if depth == 0 {
					return j + 1
				}
			}
		}
		return len(toks)
	}
	// Head: everything up to the position (components) or the maturity (evolve).
	i := 0
	for i < len(toks) {
		t := toks[i]
		if kind == StmtEvolve {
			i++
			if t.Type == ttNumber {
				break
			}
			continue
		}
		if t.Type == ttKeyword || t.Type == ttName || t.Type == ttString {
			i++
			continue
		}
		if isP(t, "[") {
			i = group(i, "[", "]")
		}
		break
	}
	const (
		segHead = iota
		segURL
		segLabel
		segDecor
		segInertia
		segEvolve
		segCount
	)
	segs := make([][]lexer.Token, segCount)
	segs[segHead] = toks[:i]
	for i < len(toks) {
		t := toks[i]
		var seg, end int
		switch {
		case t.Type == ttAttr && t.Value == "url" && i+1 < len(toks) && isP(toks[i+1], "("):
			seg, end = segURL, group(i+1, "(", ")")
		case t.Type == ttAttr && t.Value == "label" && i+1 < len(toks) && isP(toks[i+1], "["):
			seg, end = segLabel, group(i+1, "[", "]")
		case isP(t, "("):
			seg, end = segDecor, group(i, "(", ")")
		case t.Type == ttAttr && t.Value == "inertia":
			seg, end = segInertia, i+1
		case t.Type == ttAttr && t.Value == "evolve" && i+1 < len(toks) && toks[i+1].Type == ttNumber:
			seg, end = segEvolve, i+2
		default:
			return nil
		}
		if len(segs[seg]) > 0 {
			return nil // a second label or group: keep the order as written
		}
		segs[seg] = toks[i:end]
		i = end
	}
	return segs
}

// joinTokens writes tokens with the canonical separators.
func joinTokens(toks []lexer.Token, kind StatementKind) string {
	var b strings.Builder
	depth := 0
	// Stage labels of several words read better with " -> " between them.
	spacedArrows := false
	if kind == StmtEvolution {
		for _, t := range toks {
			if t.Type == ttText && strings.ContainsAny(t.Value, " \t") {
				spacedArrows = true
			}
		}
	}
	for i, t := range toks {
		if i > 0 {
			sep := separator(toks[i-1], t, kind, depth)
			if spacedArrows && (t.Type == ttArrow || toks[i-1].Type == ttArrow) {
				sep = " "
			}
			b.WriteString(sep)
		}
		b.WriteString(t.Value)
		if t.Type == ttPunct {
			switch t.Value {
			case "[", "(":
				depth++
			case "]", ")":
				if depth > 0 {
					depth--
				}
			}
		}
	}
	return b.String()
}

// separator is the canonical text between two adjacent tokens.
func separator(prev, t lexer.Token, kind StatementKind, depth int) string {
	adjacent := prev.Pos.Offset+len(prev.Value) == t.Pos.Offset
	isP := func(tok lexer.Token, v string) bool { return tok.Type == ttPunct && tok.Value == v }
	switch {
	case isP(prev, "[") || isP(prev, "("):
		return ""
	case depth > 0 && (isP(t, "]") || isP(t, ")") || isP(t, ",")):
		return ""
	case depth > 0 && isP(prev, ","):
		return " "
	case isP(t, ";"):
		return ""
	case isP(prev, ";"):
		return " "
	case (kind == StmtLink || kind == StmtEvolve || kind == StmtEvolution) &&
		(t.Type == ttArrow || t.Type == ttFlow || prev.Type == ttArrow || prev.Type == ttFlow):
		return ""
	case kind == StmtEvolution && (isP(t, "@") || isP(prev, "@")):
		return ""
	case adjacent:
		return ""
	}
	return " "
}

// parseLineAlone reads one line of code as a statement, outside any file.
func parseLineAlone(code string, child bool) *Statement {
	if strings.ContainsAny(code, "\n") {
		return nil
	}
	p := &parser{src: newSource(code), text: code, file: &File{}}
	p.lex = lineLexer{src: p.src, text: code}
	st := p.read(&p.src.lines[0]).st
	if child && st.Kind == StmtComponent {
		st.Kind = StmtPipelineChild
	}
	if p.diags.HasErrors() {
		return nil
	}
	return st
}

// statementSignature describes what a statement means, without positions.
func statementSignature(st *Statement) string {
	var b strings.Builder
	num := func(n Number) { fmt.Fprintf(&b, "%v|%q|%v;", n.Value, n.Raw, n.Set) }
	coords := func(c Coords) {
		fmt.Fprintf(&b, "C%v:", c.Present)
		num(c.Visibility)
		num(c.Maturity)
	}
	fmt.Fprintf(&b, "%d|%q|%q|%q|%q|%q|%q|%v|%v|", st.Kind, st.Keyword, st.Name, st.Target, st.Operator,
		st.FlowLabel, st.Text, st.Hide, st.NameQuoted)
	coords(st.Coords)
	for _, n := range st.Numbers {
		num(n)
	}
	b.WriteString("P")
	for _, c := range st.Positions {
		coords(c)
	}
	fmt.Fprintf(&b, "L%v:", st.Label.Present)
	num(st.Label.DX)
	num(st.Label.DY)
	fmt.Fprintf(&b, "I%v|D%d%v%v|U%q|", st.Inertia, st.Decorators.Method, st.Decorators.Market, st.Decorators.Ecosystem, st.URLRef)
	for _, w := range st.DecoratorWords {
		fmt.Fprintf(&b, "%q,", w.Text)
	}
	if st.InlineEvolve != nil {
		b.WriteString("E")
		num(*st.InlineEvolve)
	}
	for _, s := range st.Stages {
		fmt.Fprintf(&b, "S%q", s.Label)
		num(s.Start)
	}
	fmt.Fprintf(&b, "X%d", len(st.Extra))
	return b.String()
}
