package mapdsl

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"
	"unicode/utf8"

	"mapwright/internal/cancel"

	"github.com/alecthomas/participle/v2"
	"github.com/alecthomas/participle/v2/lexer"
)

// How a text is read (the files of this package, in order):
//
//   - source.go splits the text into lines and applies OWM's comment rules, blanking commented
//     lines instead of removing them so that line numbers never shift;
//   - lexer.go classifies each line by its first word, as OWM does (keyword prefix tests, the
//     reserved words, the link fallback) and lexes it with OWM's substring rules, so that a name
//     ends at " [", a link splits on the operator OWM would pick, and so on;
//   - grammar.go gives each kind of statement a small participle grammar over those tokens; a
//     line the grammar rejects becomes a diagnostic and the rest of the map still loads;
//   - parse.go turns each grammar tree into a Statement (syntax.go), with exact byte ranges;
//   - build.go builds the Map from the statements and resolves names; validate.go adds the
//     diagnostics about meaning ("did you mean", duplicates, positions off the map, ...);
//   - cache.go remembers the Statement of every line text, line-relative and shared, so that the
//     editor's re-parse after a keystroke only reads the edited line again; the other lines are
//     found by their text.
//
// format.go (Format) and highlight.go (HighlightLine) reuse the same lexer and statements.

// Parse reads a map text and returns its model with every diagnostic found, sorted by position.
// It never returns a nil Map and never panics: a line that cannot be read becomes a diagnostic
// and the rest of the map still loads, as in OWM.
func Parse(filename string, src []byte) (*Map, Diagnostics) {
	f, diags, _ := parseText(filename, src, nil)
	return f.Map, diags
}

// ParseContext is Parse that stops when ctx is done: it then returns ctx's error and a nil map.
func ParseContext(ctx context.Context, filename string, src []byte) (m *Map, diags Diagnostics, err error) {
	stop := cancel.New(ctx)
	defer stop.Recover(&err)
	f, diags, _ := parseText(filename, src, stop)
	if err := stop.Err(); err != nil {
		return nil, nil, err
	}
	return f.Map, diags, nil
}

// ParseFile reads a map text into its syntax tree (one Statement per line) and the Map built from
// it. Diagnostics are sorted by position and every range lies inside src.
func ParseFile(filename string, src []byte) (*File, Diagnostics) {
	return parseFileWith(filename, src, lineCache)
}

// parseFileWith is ParseFile with the given statement cache, or none (nil): every line is then
// read in place. Tests compare the two.
func parseFileWith(filename string, src []byte, cache *statementCache) (*File, Diagnostics) {
	f, diags, p := parseTextWith(filename, src, nil, cache)
	if p != nil {
		f.Statements = p.statements()
	}
	return f, diags
}

// parseText is Parse, which also returns the parser (nil when the text was refused or the parse
// failed) for ParseFile and Format, which read its lines.
func parseText(filename string, src []byte, stop *cancel.Check) (*File, Diagnostics, *parser) {
	return parseTextWith(filename, src, stop, lineCache)
}

func parseTextWith(filename string, src []byte, stop *cancel.Check, cache *statementCache) (f *File, diags Diagnostics, p *parser) {
	defer func() {
		if r := recover(); r != nil {
			if cancel.IsStop(r) {
				panic(r) // cancelled: ParseContext returns the context's error
			}
			// A bug must not take the editor down with the user's text: report it and return
			// an empty map.
			f = &File{Filename: filename, Map: NewMap()}
			diags = Diagnostics{{Severity: SeverityError, Range: Range{Start: Pos{0, 1, 1}, End: Pos{0, 1, 1}},
				Code: "internal-error", Message: fmt.Sprintf("internal error while reading the map (please report it): %v", r)}}
			p = nil
		}
	}()
	if len(src) > MaxInputSize {
		f = &File{Filename: filename, Map: NewMap()}
		return f, Diagnostics{{Severity: SeverityError, Range: Range{Start: Pos{0, 1, 1}, End: Pos{0, 1, 1}},
			Code: "too-large", Message: fmt.Sprintf("the text is %d bytes, more than the %d bytes a map may have; is this really a map file?", len(src), MaxInputSize)}}, nil
	}
	p = &parser{filename: filename, stop: stop, cache: cache}
	if cache != nil {
		p.shapes = map[string]*shapeTree{}
	}
	p.src = newSource(string(src))
	p.text = p.src.text
	p.lex = lineLexer{src: p.src, text: p.text, toks: p.tokMem[:0:16], significant: true}
	p.flatToks = p.tokMem[16:16]
	f = &File{Filename: filename}
	p.file = f
	p.checkEncoding()
	p.parseLines()
	f.Map = p.build()
	p.validate(f.Map)
	p.diags.Sort()
	return f, p.diags, p
}

// NewMap returns an empty map with OWM's defaults: the title "Untitled Map", the four default
// stages, the plain style and the annotation legend at [0.9, 0.1].
func NewMap() *Map {
	m := &Map{Title: "Untitled Map", Style: "plain"}
	m.Stages = defaultStages()
	m.AnnotationsAt = defaultCoords(0.9, 0.1)
	return m
}

func defaultStages() [4]Stage {
	return [4]Stage{
		{Label: "Genesis", Start: DefaultStageStarts[0]},
		{Label: "Custom-Built", Start: DefaultStageStarts[1]},
		{Label: "Product", Second: "(+rental)", Start: DefaultStageStarts[2]},
		{Label: "Commodity", Second: "(+utility)", Start: DefaultStageStarts[3]},
	}
}

func defaultCoords(v, m float64) Coords {
	return Coords{Visibility: Number{Value: v}, Maturity: Number{Value: m}}
}

// parser holds the state of one parse.
type parser struct {
	filename string
	stop     *cancel.Check   // nil unless the parse can be cancelled (ParseContext)
	cache    *statementCache // nil: every line is read in place
	src      *source
	text     string
	file     *File
	diags    Diagnostics
	lex      lineLexer
	// lines are the statements of the text, line by line (see lineStmt).
	lines []lineStmt
	// line is the source of the line being read alone (see readAlone), lineRow its one line and
	// lineDiags memory for its diagnostics.
	line      source
	lineRow   [1]sourceLine
	lineDiags Diagnostics
	// shapes are the grammar trees of the parse by line shape, or nil: no tree is reused (see
	// parseTokens).
	shapes map[string]*shapeTree
	// treeMem is memory for the shapeTrees of shapes.
	treeMem []shapeTree
	// shapeBuf is memory for the shape of the line being read, and plain for its tree when it is
	// read in two parts (see named).
	shapeBuf []byte
	plain    plainNamed
	// sigToks are the significant tokens of the line being read (p.lex.toks less its blanks and
	// comments, in the same memory), and flatToks memory for those tokens with their brackets
	// flattened (see flat); tokMem is the memory of both, for most lines.
	sigToks, flatToks []lexer.Token
	tokMem            [24]lexer.Token
	// tokSource hands a line's tokens to participle (see parseTokens).
	tokSource sliceLexer
	// counts are the numbers of component-like and link lines, to size the Map's memory.
	counts struct{ components, links int }
	// componentSlab and linkSlab are memory for the Map's components and links.
	componentSlab []Component
	linkSlab      []Link
	// byName is the first component of each name (made by build); namesShared tells whether
	// two components share a name.
	byName      map[string]*Component
	namesShared bool
}

// lineStmt is one line of a parse: the line's statement (as the statement cache holds it:
// line-relative, shared with other parses, never modified; or read in place) and what the line's
// place in the text adds to it. Positions taken from st must be moved by rng, number or coords.
type lineStmt struct {
	st *Statement
	// dOff and dLine move st's positions to their place in the text: the offset of the line's
	// first byte and its line number less one for a cached statement, 0 for one read in place.
	dOff  int
	dLine int32
	// owner is the index of the pipeline line whose block this line opens, or -1.
	owner int32
	// brace is the offset of the "}" that closes the open block on this line, or -1.
	brace int32
	// kind is st.Kind, or what the line's place makes of it (a component inside a pipeline
	// block is a pipeline child; a component line containing "}" is ignored).
	kind    StatementKind
	inBlock bool
	// check tells whether validate has anything to look at in st (see needsCheck).
	check bool
}

// needsCheck reports whether validate's pass over the statements has anything to report about
// st: text it ignores, unknown decorator words, or a missing name.
func needsCheck(st *Statement) bool {
	if len(st.Extra) > 0 {
		return true
	}
	for _, w := range st.DecoratorWords {
		if !knownDecorator(w.Text) {
			return true
		}
	}
	return !st.failed && st.KeywordRange.Valid() && strings.TrimSpace(st.Name) == ""
}

// blockEnd is the range of the "}" that closes the open block on the line, or the zero Range.
func (p *parser) blockEnd(r *lineStmt) Range {
	if r.brace < 0 {
		return Range{}
	}
	return p.src.rng(int(r.brace), int(r.brace)+1)
}

// rng moves a line-relative range to its place in the text.
func (r *lineStmt) rng(x Range) Range {
	shiftRange(&x, r.dOff, int(r.dLine))
	return x
}

// number moves a line-relative number to its place in the text.
func (r *lineStmt) number(n Number) Number {
	shiftNumber(&n, r.dOff, int(r.dLine))
	return n
}

// coords moves line-relative coordinates to their place in the text.
func (r *lineStmt) coords(c Coords) Coords {
	shiftCoords(&c, r.dOff, int(r.dLine))
	return c
}

// view fills st with the line's statement at its place in the text, with the line's kind. Only
// the fields of st itself are moved: the ranges inside its slices (Numbers, Positions, Stages,
// Extra, DecoratorWords, Comments) and InlineEvolve stay line-relative, shared with the cache,
// and blockEnd is left out.
func (r *lineStmt) view(st *Statement) {
	*st = *r.st
	shiftStatementFields(st, r.dOff, int(r.dLine))
	st.Kind, st.InBlock = r.kind, r.inBlock
}

// statements returns the parse's Statements at their places in the text, each a copy of its own
// (what ParseFile gives its callers, who may keep or change them).
func (p *parser) statements() []*Statement {
	out := make([]*Statement, len(p.lines))
	var slab []Statement
	for i := range p.lines {
		r := &p.lines[i]
		if len(slab) == 0 {
			slab = make([]Statement, min(len(p.lines)-i, 1024))
		}
		st := &slab[0]
		slab = slab[1:]
		copyStatementInto(st, r.st, r.dOff, int(r.dLine))
		st.Kind, st.InBlock, st.blockEnd = r.kind, r.inBlock, p.blockEnd(r)
		out[i] = st
	}
	for i := range p.lines {
		if o := p.lines[i].owner; o >= 0 {
			out[i].blockOwner = out[o]
		}
	}
	return out
}

func (p *parser) diag(sev Severity, r Range, code, format string, args ...any) *Diagnostic {
	for i, a := range args {
		if s, ok := a.(string); ok {
			args[i] = clipQuoted(s)
		}
	}
	p.diags = append(p.diags, Diagnostic{Severity: sev, Range: r, Code: code, Message: fmt.Sprintf(format, args...)})
	return &p.diags[len(p.diags)-1]
}

// checkEncoding reports invalid UTF-8 and NUL bytes, once per line.
func (p *parser) checkEncoding() {
	const maxReports = 20
	if strings.IndexByte(p.text, 0) < 0 && utf8.ValidString(p.text) {
		return // nearly every text: nothing to report
	}
	reports := 0
	for i := range p.src.lines {
		ln := &p.src.lines[i]
		s := p.text[ln.start:ln.end]
		if reports >= maxReports {
			return
		}
		if j := strings.IndexByte(s, 0); j >= 0 {
			p.diag(SeverityError, p.src.rng(ln.start+j, ln.start+j+1), "binary-data",
				"line %d contains a NUL byte; this looks like binary data rather than map text", ln.number)
			reports++
		}
		if !utf8.ValidString(s) {
			j := 0
			for j < len(s) {
				r, size := utf8.DecodeRuneInString(s[j:])
				if r == utf8.RuneError && size == 1 {
					break
				}
				j += size
			}
			p.diag(SeverityError, p.src.rng(ln.start+j, ln.start+j+1), "invalid-utf8",
				"line %d is not valid UTF-8; save the file as UTF-8", ln.number)
			reports++
		}
	}
}

// tokRange is the range of a token (tokens never span lines).
func tokRange(t lexer.Token) Range {
	start := Pos{Offset: t.Pos.Offset, Line: t.Pos.Line, Column: t.Pos.Column}
	end := Pos{Offset: t.Pos.Offset + len(t.Value), Line: t.Pos.Line, Column: t.Pos.Column + utf8.RuneCountInString(t.Value)}
	return Range{Start: start, End: end}
}

func spanRange(a, b Range) Range { return Range{Start: a.Start, End: b.End} }

// parseLines finds the statement of every line and delimits the pipeline blocks.
func (p *parser) parseLines() {
	if p.cache != nil {
		p.cache.fit(len(p.src.lines))
	}
	b := blocks{pending: -1}
	p.lines = make([]lineStmt, len(p.src.lines))
	for i := range p.src.lines {
		p.stop.Point()
		ln := &p.src.lines[i]
		r := &p.lines[i]
		var e *cacheEntry
		e, r.dOff, r.dLine = p.lineStatement(ln)
		r.st, r.kind, r.check = e.st, e.kind, e.check
		r.owner, r.brace = -1, -1
		r.inBlock = b.open && r.kind != StmtBlockClose
		p.blockLine(r, ln, &b)
		switch r.kind {
		case StmtBlank, StmtComment, StmtBlockOpen:
		case StmtPipeline:
			b.pending = i
			p.pipelineBrace(r, i, &b)
		default:
			b.pending = -1
		}
		switch {
		case componentLike(r.kind):
			p.counts.components++
		case r.kind == StmtLink:
			p.counts.links++
		}
	}
	if b.open {
		last := &p.lines[len(p.lines)-1]
		p.diag(SeverityWarning, last.rng(last.st.LineRange), "unclosed-block", "the pipeline block is not closed; add a line with \"}\"")
	}
	if p.src.unclosedBlock >= 0 {
		o := p.src.unclosedBlock
		p.diag(SeverityWarning, p.src.rng(o, o+2), "unclosed-comment",
			"this block comment is never closed, so every line after it is ignored; add \"*/\" where it should end")
	}
}

// blocks follows the pipeline blocks as parseLines reads the lines.
type blocks struct {
	pending int  // the pipeline line that a "{" may follow, or -1
	open    bool // inside a block
}

// blockLine reads a line as OWM does inside and outside pipeline blocks: a line containing "}"
// ends a block, a component inside one is a child, a "{" after a pipeline line opens one, and
// braces anywhere else are reported.
func (p *parser) blockLine(r *lineStmt, ln *sourceLine, b *blocks) {
	st, baseKind := r.st, r.kind
	switch {
	case b.open && (baseKind == StmtBlockClose || strings.Contains(p.text[ln.codeStart:ln.codeEnd], "}")):
		brace := ln.codeStart + strings.IndexByte(p.text[ln.codeStart:ln.codeEnd], '}')
		r.brace = int32(brace)
		if baseKind != StmtBlockClose {
			p.diag(SeverityWarning, r.rng(st.Range), "brace-in-line",
				"OWM ends the pipeline block at the first line containing \"}\" and reads no component from it; put \"}\" on its own line")
			if componentLike(baseKind) {
				r.kind = StmtIgnored
			}
		}
		b.open = false
	case b.open && baseKind == StmtComponent:
		r.kind = StmtPipelineChild
	case !b.open && componentLike(baseKind) && strings.Contains(p.text[ln.codeStart:ln.codeEnd], "}"):
		r.kind = StmtIgnored
		p.diag(SeverityWarning, r.rng(st.Range), "brace-in-component",
			"OWM ignores component lines that contain \"}\"; remove it from the line")
	case baseKind == StmtBlockOpen:
		if b.pending >= 0 && !b.open {
			b.open = true
			r.owner = int32(b.pending)
		} else {
			p.diag(SeverityWarning, r.rng(st.Range), "stray-brace",
				"\"{\" opens a pipeline block only on the line after \"pipeline Name\"; it is ignored here")
		}
	case baseKind == StmtBlockClose:
		p.diag(SeverityWarning, r.rng(st.Range), "stray-brace", "\"}\" closes no pipeline block; it is ignored")
	}
}

// pipelineBrace reads Mermaid's "pipeline X {" (line i) as a pipeline that opens a block (OWM
// would not), with a warning. The line's statement may be the cache's, so the line gets its own
// changed copy.
func (p *parser) pipelineBrace(r *lineStmt, i int, b *blocks) {
	st := r.st
	name := strings.TrimRight(strings.TrimSuffix(st.Name, "{"), " \t")
	if st.NameQuoted || len(name) == 0 || len(name) >= len(st.Name)-1 || strings.HasSuffix(name, "{") {
		return
	}
	nameR := r.rng(st.NameRange)
	nameOff := nameR.Start.Offset
	braceOff := nameOff + strings.LastIndexByte(p.text[nameOff:nameR.End.Offset], '{')
	c := *st
	c.Name = name
	c.NameRange = r.relative(p.src.rng(nameOff, nameOff+len(name)))
	c.BraceRange = r.relative(p.src.rng(braceOff, braceOff+1))
	r.st, r.check = &c, needsCheck(&c)
	p.diag(SeverityWarning, r.rng(c.BraceRange), "brace-on-pipeline-line",
		"OWM needs \"{\" on its own line after \"pipeline %s\"; the block is read anyway", name)
	if !b.open {
		b.open = true
		r.owner = int32(i)
	}
}

// relative moves a range of the text to the line's own positions (the inverse of rng).
func (r *lineStmt) relative(x Range) Range {
	shiftRange(&x, -r.dOff, -int(r.dLine))
	return x
}

// lineStatement returns the statement of a line (in a cache entry) and how to move its positions
// to their place (see lineStmt): the cache's when the same line was read before, otherwise the line is read now
// and stored; without a cache, or for a line too long to cache, it is read in place. The line's
// diagnostics are added to the parse's at the line's place.
func (p *parser) lineStatement(ln *sourceLine) (e *cacheEntry, dOff int, dLine int32) {
	text := p.text[ln.start:ln.end]
	if p.cache == nil || len(text) > maxCachedLineLen {
		return p.read(ln), 0, 0
	}
	key := lineKey{text: text, codeStart: ln.codeStart - ln.start,
		codeEnd: ln.codeEnd - ln.start, blockSameLine: ln.blockSameLine, startsInBlock: ln.startsInBlock}
	e = p.cache.get(key)
	switch {
	case e != nil:
	case key == lineKey{}:
		e = emptyLine
		p.cache.put(key, e)
	default:
		// The entry and its statement's strings must hold on to this line only, not the text.
		key.text = strings.Clone(key.text)
		e = p.readAlone(ln, key.text)
		p.cache.put(key, e)
	}
	p.diags = appendDiags(p.diags, e.diags, ln.start, ln.number-1)
	return e, ln.start, int32(ln.number - 1)
}

// emptyLine is the entry of an empty line (no comment open at its start), which nearly every map
// has: read once, like any line read alone, and shared by the parses that meet one.
var emptyLine = (&parser{}).readAlone(&sourceLine{number: 1}, "")

// read reads one line of p's text in place, into a new entry.
func (p *parser) read(ln *sourceLine) *cacheEntry {
	kind, kw := classifyLine(p.src, ln)
	p.lex.toks = p.lex.toks[:0]
	p.lex.lexLine(ln, kind, kw)
	m := &entryMemory{}
	p.statement(&m.st, ln, kind, kw)
	m.st.toks = compactTokens(m.toks[:], p.sigToks)
	return m.finish()
}

// readAlone reads one line on its own, as the first line of a text of its own (text, the line's
// own copy), so that its statement and diagnostics come out line-relative. The line's comment
// spans are those the whole text gave it (a block comment may be open at its start). The parser
// reads it with its source, text and diagnostics set to the line's, then set back.
func (p *parser) readAlone(ln *sourceLine, text string) *cacheEntry {
	rel := *ln
	rel.start, rel.end, rel.number = 0, ln.end-ln.start, 1
	rel.codeStart, rel.codeEnd = ln.codeStart-ln.start, ln.codeEnd-ln.start
	rel.comments = rel.comments[:0:0]
	for _, c := range ln.comments {
		rel.comments = append(rel.comments, span{c.start - ln.start, c.end - ln.start})
	}
	p.lineRow[0] = rel
	p.line = source{text: text, lines: p.lineRow[:], unclosedBlock: -1, colLine: -1, ascii: isASCII(text)}
	src, whole, diags := p.src, p.text, p.diags
	p.src, p.text, p.diags = &p.line, text, p.lineDiags[:0]
	p.lex.src, p.lex.text = p.src, text
	e := p.read(&p.lineRow[0])
	if len(p.diags) > 0 {
		e.diags = append([]Diagnostic(nil), p.diags...)
	}
	p.lineDiags = p.diags[:0]
	p.src, p.text, p.diags = src, whole, diags
	p.lex.src, p.lex.text = src, whole
	return e
}

// statement fills st, a zero Statement, with the statement of one line from the tokens in
// p.lex.toks.
func (p *parser) statement(st *Statement, ln *sourceLine, kind lineKind, kw string) {
	a, b, toks := p.lineStart(st, ln)
	end := p.src.pos(b)
	endPos := lexer.Position{Filename: p.filename, Offset: end.Offset, Line: end.Line, Column: end.Column}
	switch kind {
	case lkBlank:
		st.Kind = StmtBlank
		if len(ln.comments) > 0 {
			st.Kind = StmtComment
		}
	case lkOpen, lkClose:
		p.braceLine(st, kind, toks, endPos)
	case lkUnknown, lkReserved:
		p.unreadLine(st, kind, kw, a, b)
	case lkLink:
		st.Kind = StmtLink
		g, err := parseTokens(p, linkParser, toks, endPos)
		if err != nil {
			p.syntaxError(st, err, "link")
			return
		}
		p.fillLink(st, g)
	case lkEvolve:
		st.Kind = StmtEvolve
		ft := p.flat(toks, flattenGroups)
		g, err := p.evolve(ft, endPos)
		if err != nil && len(ft) < len(toks) {
			g, err = parseTokens(p, evolveParser, toks, endPos)
		}
		if err != nil {
			p.syntaxError(st, err, kw)
			return
		}
		p.fillEvolve(st, g)
	case lkTitle, lkAxis:
		p.textLine(st, kind, kw, toks, endPos)
	case lkURL:
		st.Kind = StmtURL
		g, err := parseFlattened(p, urlParser, p.flat(toks, flattenAddress), toks, endPos)
		if err != nil {
			p.syntaxError(st, err, kw)
			return
		}
		p.fillURL(st, g)
	case lkAnnotation:
		st.Kind = StmtAnnotation
		g, err := parseFlattened(p, annotParser, p.flat(toks, flattenGroups), toks, endPos)
		if err != nil {
			p.syntaxError(st, err, kw)
			return
		}
		p.fillAnnotation(st, g)
	case lkEvolution:
		st.Kind = StmtEvolution
		g, err := parseFlattened(p, evoParser, p.flat(toks, flattenStages), toks, endPos)
		if err != nil {
			p.syntaxError(st, err, kw)
			return
		}
		p.fillEvolution(st, g)
	case lkValueChain, lkStyle:
		p.wordsLine(st, kind, kw, toks, endPos)
	default:
		// The "keyword name [bracket] modifiers" family.
		st.Kind = namedKinds[kind]
		ft := p.flat(toks, flattenGroups)
		g, err := p.named(ft, endPos)
		if err != nil && len(ft) < len(toks) {
			g, err = parseTokens(p, namedParser, toks, endPos)
		}
		if err != nil {
			p.syntaxError(st, err, kw)
			return
		}
		p.fillNamed(st, g)
	}
}

// lineStart sets what every statement has (its line, ranges, indent and comments) and returns
// where its code starts and ends (a, b) and its significant tokens.
func (p *parser) lineStart(st *Statement, ln *sourceLine) (a, b int, toks []lexer.Token) {
	st.Line, st.LineRange = ln.number, p.src.rng(ln.start, ln.end)
	a, b = p.lex.trimSpan(ln.codeStart, ln.codeEnd)
	if a == b {
		a, b = ln.codeStart, ln.codeStart
	}
	st.Range = p.src.rng(a, b)
	st.Indent = p.text[ln.start:a]
	if ln.codeStart > ln.start && a == ln.codeStart {
		st.Indent = ""
	}
	st.Indent = strings.TrimPrefix(st.Indent, byteOrderMark)
	for _, c := range ln.comments {
		st.Comments = append(st.Comments, p.src.rng(c.start, c.end))
	}
	if ln.blockSameLine {
		c := ln.comments[len(ln.comments)-1]
		p.diag(SeverityWarning, p.src.rng(c.start, c.end), "block-comment-same-line",
			"OWM does not end a block comment on the line that opens it, so the following lines up to the next \"*/\" are comments too; use \"//\" for a one-line comment")
	}
	toks = p.lex.toks[:0] // filtered in place
	for _, t := range p.lex.toks {
		if t.Type != ttWhitespace && t.Type != ttComment {
			toks = append(toks, t)
		}
	}
	p.sigToks = toks
	return a, b, toks
}

// braceLine reads a "{" or "}" line, and what follows the brace.
func (p *parser) braceLine(st *Statement, kind lineKind, toks []lexer.Token, endPos lexer.Position) {
	st.Kind = StmtBlockOpen
	if kind == lkClose {
		st.Kind = StmtBlockClose
	}
	g, err := parseTokens(p, braceParser, toks, endPos)
	if err == nil {
		for _, t := range g.Rest {
			st.Extra = append(st.Extra, tokRange(t))
		}
	}
}

// unreadLine keeps the text of a line OWM does not read (code a to b), and says why.
func (p *parser) unreadLine(st *Statement, kind lineKind, kw string, a, b int) {
	st.Text = p.text[a:b]
	st.TextRange = st.Range
	if kind == lkUnknown {
		st.Kind = StmtUnknown
		p.unknownLine(st)
		return
	}
	st.Kind = StmtIgnored
	p.reservedLine(st, kw)
}

// textLine reads "keyword text": title, and the removed axis statements.
func (p *parser) textLine(st *Statement, kind lineKind, kw string, toks []lexer.Token, endPos lexer.Position) {
	st.Kind = StmtTitle
	if kind == lkAxis {
		st.Kind = StmtAxis
	}
	g, err := parseTokens(p, textParser, toks, endPos)
	if err != nil {
		p.syntaxError(st, err, kw)
		return
	}
	st.Keyword, st.KeywordRange = g.Keyword.Value, tokRange(g.Keyword)
	if g.Text != nil {
		st.Text, st.TextRange = g.Text.Value, tokRange(*g.Text)
	}
}

// wordsLine reads "keyword words": style and valuechain.
func (p *parser) wordsLine(st *Statement, kind lineKind, kw string, toks []lexer.Token, endPos lexer.Position) {
	st.Kind = StmtStyle
	if kind == lkValueChain {
		st.Kind = StmtValueChain
	}
	g, err := parseTokens(p, wordsParser, toks, endPos)
	if err != nil {
		p.syntaxError(st, err, kw)
		return
	}
	st.Keyword, st.KeywordRange = g.Keyword.Value, tokRange(g.Keyword)
	if len(g.Words) > 0 {
		first, last := tokRange(g.Words[0]), tokRange(g.Words[len(g.Words)-1])
		st.TextRange = spanRange(first, last)
		st.Text = p.text[st.TextRange.Start.Offset:st.TextRange.End.Offset]
	}
}

// parseFlattened runs a grammar over ft, the line's tokens toks with groups flattened (see flat),
// and over toks themselves when ft, shorter, does not read: the error is then the one the tokens
// give.
func parseFlattened[G any](p *parser, gp *participle.Parser[G], ft, toks []lexer.Token, end lexer.Position) (*G, error) {
	g, err := parseTokens(p, gp, ft, end)
	if err != nil && len(ft) < len(toks) {
		g, err = parseTokens(p, gp, toks, end)
	}
	return g, err
}

// flat returns the significant tokens of the line with some of their groups flattened into one
// token each by how (flattenGroups: brackets and parentheses; flattenAddress: a url's address;
// flattenStages: an evolution line's stages); where the grammar fails on them, the line is read
// again from its own tokens, so that the error is the one they give. Like the sharing of grammar
// trees, this is for a parse with a statement cache: without one (the tests' reference, see
// coldWarmDiff) every token goes through the grammars.
func (p *parser) flat(toks []lexer.Token, how func(dst, toks []lexer.Token, text string) []lexer.Token) []lexer.Token {
	if p.shapes == nil {
		return toks
	}
	p.flatToks = how(p.flatToks[:0], toks, p.text)
	return p.flatToks
}

// inner returns the tokens inside a group, between its brackets or parentheses: those of the
// line that a flattened group (flat) stands for, else the group's own.
func (p *parser) inner(flat *lexer.Token, own []lexer.Token) []lexer.Token {
	if flat == nil {
		return own
	}
	s := p.spanned(flat)
	s = s[1 : len(s)-1]
	if flat.Type == ttBrackets && strings.IndexByte(flat.Value[1:], '[') >= 0 {
		return flattenGroups(nil, s, p.text) // nested groups: pieces of their own, as unflattened
	}
	return s
}

// spanned returns the significant tokens of the line that a flattened token stands for: those
// from its offset (its first is one of them) to its end.
func (p *parser) spanned(t *lexer.Token) []lexer.Token {
	i, _ := slices.BinarySearchFunc(p.sigToks, t.Pos.Offset, func(x lexer.Token, off int) int { return x.Pos.Offset - off })
	end := t.Pos.Offset + len(t.Value)
	j := i + 1
	for j < len(p.sigToks) && p.sigToks[j].Pos.Offset < end {
		j++
	}
	return p.sigToks[i:j]
}

// named reads the tokens of a named line: in two parts, its start and its modifiers (see
// gPlain), when it starts plainly, else (or if a part fails) whole, so that an error is the
// one the whole line's grammar reports.
func (p *parser) named(toks []lexer.Token, end lexer.Position) (*gNamed, error) {
	if n, ok := plainPrefix(toks); ok {
		pl, err := parseTokens(p, plainParser, toks[:n], end)
		g := &p.plain
		*g = plainNamed{}
		if err == nil {
			g.Keyword, g.Name = pl.Keyword, pl.Name
			if pl.Coords != nil {
				g.coords.Flat = pl.Coords
				g.Coords = &g.coords
			}
			if n < len(toks) {
				var mods *gMods
				if mods, err = parseTokens(p, modsParser, toks[n:], end); err == nil {
					g.Mods = mods.Mods
				}
			}
		}
		if err == nil {
			return &g.gNamed, nil
		}
	}
	return parseTokens(p, namedParser, toks, end)
}

// evolve reads the tokens of an evolve line: in two parts, its start and its modifiers (see
// gEvolveStart), in a parse that shares grammar trees (the parts are shared with other lines);
// else, or if a part fails, whole, so that an error is the one the whole line's grammar reports.
func (p *parser) evolve(toks []lexer.Token, end lexer.Position) (*gEvolve, error) {
	if n := evolveStart(toks); p.shapes != nil && n > 0 {
		if s, err := parseTokens(p, evolveStartParser, toks[:n], end); err == nil {
			g := &gEvolve{gEvolveStart: *s}
			if n == len(toks) {
				return g, nil
			}
			if mods, err := parseTokens(p, modsParser, toks[n:], end); err == nil {
				g.Mods = mods.Mods
				return g, nil
			}
		}
	}
	return parseTokens(p, evolveParser, toks, end)
}

var namedKinds = map[lineKind]StatementKind{
	lkComponent: StmtComponent, lkSubmap: StmtSubmap, lkMarket: StmtMarket, lkEcosystem: StmtEcosystem,
	lkAnchor: StmtAnchor, lkNote: StmtNote, lkAccelerator: StmtAccelerator, lkDeaccelerator: StmtDeaccelerator,
	lkPipeline: StmtPipeline, lkMethod: StmtMethod, lkAnnotations: StmtAnnotations, lkSize: StmtSize, lkPST: StmtArea,
}

// syntaxError records a participle error for a statement as an error diagnostic.
func (p *parser) syntaxError(st *Statement, err error, what string) {
	st.failed = true
	r := st.Range
	msg := err.Error()
	var perr participle.Error
	if errors.As(err, &perr) {
		msg = perr.Message()
		pos := perr.Position()
		if pos.Offset >= r.Start.Offset && pos.Offset <= r.End.Offset {
			r = Range{Start: p.src.pos(pos.Offset), End: r.End}
		}
	}
	p.diag(SeverityError, r, "syntax", "cannot read this %s line: %s", what, msg)
}

// unquote resolves a quoted name's escapes; an unquoted name is returned as is.
func unquote(s string) (string, bool) {
	if len(s) < 2 || s[0] != '"' || s[len(s)-1] != '"' {
		return s, false
	}
	body := s[1 : len(s)-1]
	if !strings.Contains(body, "\\") {
		return body, true
	}
	var b strings.Builder
	for i := 0; i < len(body); i++ {
		c := body[i]
		if c != '\\' || i+1 >= len(body) {
			b.WriteByte(c)
			continue
		}
		i++
		switch body[i] {
		case 'n':
			b.WriteByte('\n')
		case 'r':
			b.WriteByte('\r')
		case 't':
			b.WriteByte('\t')
		default: // \" \\ \[ \]
			b.WriteByte(body[i])
		}
	}
	return b.String(), true
}

// setName fills the statement's name from a Name or String token.
func (p *parser) setName(st *Statement, t *lexer.Token) {
	if t == nil {
		return
	}
	st.NameRange = tokRange(*t)
	st.Name, st.NameQuoted = unquote(t.Value)
	st.Name = strings.ToValidUTF8(st.Name, "\uFFFD")
	if !st.NameQuoted && strings.HasPrefix(t.Value, `"`) && strings.Count(t.Value, `"`) == 1 {
		p.diag(SeverityWarning, st.NameRange, "unclosed-quote",
			"the name %s opens a quote that is never closed, so the quote mark is part of the name; close it or remove it", st.Name)
	}
}

// number converts a Number token into a Number with parseFloat semantics. A piece that is not a
// number keeps its default and gets a warning.
func (p *parser) number(t lexer.Token, def float64) Number {
	n := Number{Value: def, Raw: t.Value, Range: tokRange(t)}
	raw := removeBlanks(t.Value)
	if v, plain, ok := readFloatPrefix(raw); ok {
		n.Value, n.Set = v, true
		if !plain {
			p.diag(SeverityWarning, n.Range, "number-prefix",
				"%q is read as %s, the decimal number it starts with (as OWM reads it); write a plain decimal number", strings.TrimSpace(t.Value), formatDefault(v))
		}
	} else {
		p.diag(SeverityWarning, n.Range, "bad-number", "%q is not a number OWM can use; %s is used instead", t.Value, formatDefault(def))
	}
	return n
}

func formatDefault(v float64) string { return fmt.Sprintf("%g", v) }

// slots spreads the pieces of a bracket group over its comma-separated slots; a missing or
// unreadable piece takes its default. The result has at least len(defs) numbers.
func (p *parser) slots(g *gBrackets, defs ...float64) []Number { return p.appendSlots(nil, g, defs...) }

// pair reads a bracket group's first two slots (see slots), without keeping the numbers.
func (p *parser) pair(g *gBrackets, d0, d1 float64) (Number, Number) {
	var buf [2]Number
	n := p.appendSlots(buf[:0], g, d0, d1)
	return n[0], n[1]
}

// appendSlots is slots, appending the numbers to dst.
func (p *parser) appendSlots(dst []Number, g *gBrackets, defs ...float64) []Number {
	got := make([]*lexer.Token, 1, 4)
	add := func(t *lexer.Token) {
		switch {
		case t == nil || t.Type == ttBrackets: // a nested group is no number
		case t.Type == ttPunct:
			got = append(got, nil)
		case got[len(got)-1] == nil:
			got[len(got)-1] = t
		}
	}
	pieces := p.inner(g.Flat, g.Pieces)
	for i := range pieces {
		add(&pieces[i])
	}
	for _, it := range g.Items {
		add(it.Tok)
	}
	for i := range max(len(defs), len(got)) {
		def := 0.0
		if i < len(defs) {
			def = defs[i]
		}
		if i < len(got) && got[i] != nil {
			dst = append(dst, p.number(*got[i], def))
		} else {
			dst = append(dst, Number{Value: def})
		}
	}
	return dst
}

// coords reads [v, m] with defaults.
func (p *parser) coords(g *gBrackets, dv, dm float64) Coords {
	c := Coords{Present: true, Range: bracketRange(g)}
	c.Visibility, c.Maturity = p.pair(g, dv, dm)
	return c
}

// bracketRange is the range from "[" to "]" (or to the last piece when "]" is missing).
func bracketRange(g *gBrackets) Range {
	if g.Flat != nil {
		return tokRange(*g.Flat)
	}
	r := tokRange(*g.Open)
	if g.Close != nil {
		return spanRange(r, tokRange(*g.Close))
	}
	for i := len(g.Items) - 1; i >= 0; i-- {
		if it := g.Items[i]; it.Tok != nil {
			return spanRange(r, tokRange(*it.Tok))
		} else if it.Group != nil {
			return spanRange(r, bracketRange(it.Group))
		}
	}
	if len(g.Pieces) > 0 {
		return spanRange(r, tokRange(g.Pieces[len(g.Pieces)-1]))
	}
	return r
}

// fillNamed fills the statements of the "keyword name [bracket] modifiers" family.
func (p *parser) fillNamed(st *Statement, g *gNamed) {
	st.Keyword, st.KeywordRange = g.Keyword.Value, tokRange(g.Keyword)
	p.setName(st, g.Name)
	if g.Coords == nil && len(g.Mods) == 0 && strings.TrimSpace(st.Name) == "" && namesASymbol(st.Kind) {
		// A bare "component" or "market" line: OWM reads nothing from it (its keyword needs a
		// following space), so it is an error and is left out, never drawn as a nameless symbol.
		st.failed = true
		p.diag(SeverityError, st.Range, "missing-name", "this %s line names nothing, so it is left out; write \"%s\" or remove the line", st.Keyword, statementExample(st.Keyword))
		return
	}
	p.namedCoords(st, g.Coords)
	p.modifiers(st, g.Mods)
	if componentLike(st.Kind) {
		p.lineQuirks(st)
	}
}

// namedCoords reads the bracket after a named statement's name: a pipeline's range, a size, an
// area's corners or a position, each with OWM's defaults for what is left out.
func (p *parser) namedCoords(st *Statement, c *gBrackets) {
	if st.Kind == StmtPipeline {
		p.unclosedBracket(c, "range")
	} else {
		p.unclosedBracket(c, "position")
	}
	switch st.Kind {
	case StmtPipeline:
		if c != nil {
			st.Coords = Coords{Present: true, Range: bracketRange(c)}
			n := p.slots(c, 0.2, 0.8)
			st.Coords.Visibility, st.Coords.Maturity = n[0], n[1]
			st.Numbers = n
		}
	case StmtSize:
		if c != nil {
			st.Coords = Coords{Present: true, Range: bracketRange(c)}
			n := p.slots(c, 0, 0)
			st.Coords.Visibility, st.Coords.Maturity = n[0], n[1]
			st.Numbers = n
		}
	case StmtArea:
		if c != nil {
			st.Coords = Coords{Present: true, Range: bracketRange(c)}
			st.Numbers = p.slots(c, 0.9, 0.1, 0.8, 0.2)
		}
	default:
		if c != nil {
			st.Coords = p.coords(c, 0.9, 0.1)
		} else {
			st.Coords = defaultCoords(0.9, 0.1)
		}
	}
}

// modifiers reads what follows a named statement's position: label offset, inertia, url,
// inline evolve and decorators; anything else is text the statement ignores.
func (p *parser) modifiers(st *Statement, mods []*gModifier) {
	for _, m := range mods {
		switch {
		case m.Label != nil:
			if st.Label.Present {
				st.Extra = append(st.Extra, spanRange(tokRange(*m.Label), bracketRange(m.Offset)))
				continue
			}
			p.unclosedBracket(m.Offset, "label offset")
			dx, dy := p.pair(m.Offset, 0, 0)
			st.Label = Offset{DX: dx, DY: dy, Present: true, Range: spanRange(tokRange(*m.Label), bracketRange(m.Offset))}
		case m.Inertia != nil:
			st.Inertia, st.InertiaRange = true, tokRange(*m.Inertia)
		case m.URL != nil:
			words := p.inner(m.Ref.Flat, m.Ref.Items)
			for _, w := range words {
				if w.Type == ttWord {
					st.URLRef, st.URLRefRange = w.Value, tokRange(w)
					break
				}
			}
		case m.Evolve != nil:
			if m.Maturity != nil {
				n := p.number(*m.Maturity, 0.85)
				st.InlineEvolve = &n
			} else {
				st.Extra = append(st.Extra, tokRange(*m.Evolve))
			}
		case m.Decor != nil:
			p.decorators(st, m.Decor)
		case m.Group != nil:
			st.Extra = append(st.Extra, bracketRange(m.Group))
		case m.Other != nil:
			if st.Kind == StmtArea && m.Other.Type == ttNumber && len(st.Numbers) >= 4 && !st.Numbers[2].Range.Valid() {
				// Old PST form: pioneers [v, m] width height.
				st.Numbers = append(st.Numbers, p.number(*m.Other, 0))
				continue
			}
			st.Extra = append(st.Extra, tokRange(*m.Other))
		}
	}
}

// namesASymbol tells the statements that draw a named symbol at a position.
func namesASymbol(k StatementKind) bool {
	switch k {
	case StmtComponent, StmtSubmap, StmtMarket, StmtEcosystem, StmtAnchor, StmtAccelerator, StmtDeaccelerator:
		return true
	}
	return false
}

// unclosedBracket warns about a bracket group with no "]": Mapwright reads the numbers that are
// there, OWM does not (it reads up to a "]"), so the map would differ between the two.
func (p *parser) unclosedBracket(g *gBrackets, what string) {
	if g == nil || g.Flat != nil || g.Close != nil {
		return
	}
	p.diag(SeverityWarning, bracketRange(g), "unclosed-bracket",
		"the %s has no closing \"]\"; add it (OWM does not read a %s without one)", what, what)
}

// lineQuirks applies OWM's substring tests over a component line's whole text: any "inertia"
// marks inertia, and the decorators are read between the line's first "(" and first ")", even
// when those are part of the name.
func (p *parser) lineQuirks(st *Statement) {
	off := st.Range.Start.Offset
	code := p.text[off:st.Range.End.Offset]
	if !st.Inertia {
		if i := strings.Index(code, "inertia"); i >= 0 {
			st.Inertia = true
			st.InertiaRange = p.src.rng(off+i, off+i+len("inertia"))
			if off+i >= st.NameRange.Start.Offset && off+i < st.NameRange.End.Offset {
				st.InertiaRange = st.NameRange
			}
		}
	}
	open, close := strings.IndexByte(code, '('), strings.IndexByte(code, ')')
	if open < 0 || close < open {
		return
	}
	if st.Decorators.Range.Valid() && st.Decorators.Range.Start.Offset == off+open {
		return // the group after the name is the one OWM reads
	}
	var d Decorators
	applyDecoratorText(&d, code[open+1:close])
	if st.Decorators.Range.Valid() && (d.Method != st.Decorators.Method || d.Market != st.Decorators.Market || d.Ecosystem != st.Decorators.Ecosystem) {
		p.diag(SeverityWarning, st.Decorators.Range, "decorators-shadowed",
			"OWM reads decorators only from the first parentheses of the line, %q in the name, so it ignores %q; remove the parentheses from the name",
			code[open:close+1], p.text[st.Decorators.Range.Start.Offset:st.Decorators.Range.End.Offset])
	}
	st.Decorators.Method, st.Decorators.Market, st.Decorators.Ecosystem = d.Method, d.Market, d.Ecosystem
}

// componentLike reports whether a statement kind makes a component.
func componentLike(k StatementKind) bool {
	switch k {
	case StmtComponent, StmtSubmap, StmtMarket, StmtEcosystem, StmtPipelineChild:
		return true
	}
	return false
}

// decorators reads a parenthesised group. OWM only looks at the first "(" ... ")" of a line; a
// later group is kept as extra text.
func (p *parser) decorators(st *Statement, g *gParens) {
	var r Range
	switch {
	case g.Flat != nil:
		r = tokRange(*g.Flat)
	case g.Close != nil:
		r = spanRange(tokRange(*g.Open), tokRange(*g.Close))
	case len(g.Items) > 0:
		r = spanRange(tokRange(*g.Open), tokRange(g.Items[len(g.Items)-1]))
	default:
		r = tokRange(*g.Open)
	}
	if st.Decorators.Range != (Range{}) {
		st.Extra = append(st.Extra, r)
		return
	}
	st.Decorators.Range = r
	for _, w := range p.inner(g.Flat, g.Items) {
		if w.Type != ttWord {
			continue
		}
		st.DecoratorWords = append(st.DecoratorWords, Word{Text: w.Value, Range: tokRange(w)})
	}
	applyDecoratorText(&st.Decorators, joinWords(st.DecoratorWords))
	for _, w := range st.DecoratorWords {
		if w.Text == "inertia" || strings.Contains(w.Text, "inertia") {
			st.Inertia = true
			if st.InertiaRange == (Range{}) {
				st.InertiaRange = w.Range
			}
		}
	}
}

func joinWords(ws []Word) string {
	parts := make([]string, len(ws))
	for i, w := range ws {
		parts[i] = w.Text
	}
	return strings.Join(parts, ",")
}

// applyDecoratorText sets the flags OWM finds by substring search between the parentheses:
// the first of build, buy, outsource wins; market and ecosystem are independent.
func applyDecoratorText(d *Decorators, s string) {
	switch {
	case strings.Contains(s, "build"):
		d.Method = MethodBuild
	case strings.Contains(s, "buy"):
		d.Method = MethodBuy
	case strings.Contains(s, "outsource"):
		d.Method = MethodOutsource
	}
	if strings.Contains(s, "market") {
		d.Market = true
	}
	if strings.Contains(s, "ecosystem") {
		d.Ecosystem = true
	}
}

func (p *parser) fillLink(st *Statement, g *gLink) {
	if g.From != nil {
		p.setName(st, g.From)
	}
	if g.To != nil {
		st.TargetRange = tokRange(*g.To)
		st.Target, st.TargetQuoted = unquote(g.To.Value)
		st.Target = strings.ToValidUTF8(st.Target, "\uFFFD")
	}
	st.Operator, st.OperatorRange = g.Op.Value, tokRange(g.Op)
	if strings.HasPrefix(st.Operator, "+'") {
		i := strings.LastIndexByte(st.Operator, '\'')
		st.FlowLabel = st.Operator[2:i]
	}
	if g.Context != nil {
		st.Text, st.TextRange = g.Context.Value, tokRange(*g.Context)
	}
	for _, t := range g.Dropped {
		st.Extra = append(st.Extra, tokRange(t))
	}
	if g.From == nil || g.To == nil {
		p.diag(SeverityError, st.Range, "incomplete-link", "a link needs a name on both sides of %q, as in \"A%sB\"", st.Operator, st.Operator)
	}
}

func (p *parser) fillEvolve(st *Statement, g *gEvolve) {
	st.Keyword, st.KeywordRange = g.Keyword.Value, tokRange(g.Keyword)
	p.setName(st, g.Name)
	if g.Arrow != nil {
		st.Operator, st.OperatorRange = g.Arrow.Value, tokRange(*g.Arrow)
		if g.NewName != nil {
			st.TargetRange = tokRange(*g.NewName)
			st.Target, st.TargetQuoted = unquote(g.NewName.Value)
		}
	}
	for _, t := range g.Junk {
		st.Extra = append(st.Extra, tokRange(t))
	}
	if g.Maturity == nil {
		// OWM finds no number and uses 0.85, keeping the whole text as the name.
		st.Numbers = []Number{{Value: 0.85}}
		p.diag(SeverityWarning, st.Range, "evolve-maturity",
			"this evolve has no maturity, so OWM puts the evolved copy at 0.85; write one with a decimal point, as in \"evolve %s 0.80\"", st.Name)
	} else {
		st.Numbers = []Number{p.number(*g.Maturity, 0.85)}
	}
	if g.Maturity != nil && !strings.Contains(g.Maturity.Value, ".") {
		p.diag(SeverityInfo, st.Numbers[0].Range, "integer-maturity",
			"OWM only reads evolve maturities with a decimal point; write %s.0 so the map also works there", g.Maturity.Value).Suggestion = g.Maturity.Value + ".0"
	}
	named := &gNamed{Mods: g.Mods}
	for _, m := range named.Mods {
		switch {
		case m.Label != nil:
			if !st.Label.Present {
				dx, dy := p.pair(m.Offset, 0, 0)
				st.Label = Offset{DX: dx, DY: dy, Present: true, Range: spanRange(tokRange(*m.Label), bracketRange(m.Offset))}
			}
		case m.Decor != nil:
			p.decorators(st, m.Decor)
		case m.Inertia != nil:
			st.Inertia, st.InertiaRange = true, tokRange(*m.Inertia)
		case m.Other != nil:
			st.Extra = append(st.Extra, tokRange(*m.Other))
		case m.Group != nil:
			st.Extra = append(st.Extra, bracketRange(m.Group))
		case m.URL != nil:
			st.Extra = append(st.Extra, tokRange(*m.URL))
		case m.Evolve != nil:
			st.Extra = append(st.Extra, tokRange(*m.Evolve))
		}
	}
}

func (p *parser) fillURL(st *Statement, g *gURL) {
	open, address, closing := g.Open, g.Address, g.Close
	if g.Flat != nil {
		s := p.spanned(g.Flat) // "[", perhaps the address, "]"
		open, closing = &s[0], &s[len(s)-1]
		if len(s) == 3 {
			address = &s[1]
		}
	}
	st.Keyword, st.KeywordRange = g.Keyword.Value, tokRange(g.Keyword)
	if g.Ref != nil {
		st.Name, st.NameRange = g.Ref.Value, tokRange(*g.Ref)
		st.URLRef, st.URLRefRange = st.Name, st.NameRange
	}
	if address != nil {
		st.Text, st.TextRange = address.Value, tokRange(*address)
	}
	if open == nil || closing == nil || g.Ref == nil {
		p.diag(SeverityError, st.Range, "bad-url", "write a url definition as \"url ref [https://address]\"")
	}
	for _, t := range g.Junk {
		st.Extra = append(st.Extra, tokRange(t))
	}
}

func (p *parser) fillAnnotation(st *Statement, g *gAnnotation) {
	st.Keyword, st.KeywordRange = g.Keyword.Value, tokRange(g.Keyword)
	if g.Number != nil {
		n := Number{Raw: g.Number.Value, Range: tokRange(*g.Number)}
		if v, ok := parseFloatPrefix(g.Number.Value); ok && v > -1e9 && v < 1e9 {
			n.Value, n.Set = float64(int(v)), true
		} else {
			p.diag(SeverityWarning, n.Range, "bad-number", "%q is not an annotation number; write a whole number such as 1", g.Number.Value)
		}
		st.Numbers = []Number{n}
	}
	if g.Positions != nil {
		nested := false
		pieces := p.inner(g.Positions.Flat, g.Positions.Pieces)
		for i := range pieces {
			if pieces[i].Type == ttBrackets {
				nested = true
				st.Positions = append(st.Positions, p.coords(&gBrackets{Flat: &pieces[i]}, 0.9, 0.1))
			}
		}
		for _, it := range g.Positions.Items {
			if it.Group != nil {
				nested = true
				st.Positions = append(st.Positions, p.coords(it.Group, 0.9, 0.1))
			}
		}
		if !nested {
			st.Positions = []Coords{p.coords(g.Positions, 0.9, 0.1)}
		}
		st.Coords = Coords{Present: true, Range: bracketRange(g.Positions)}
		if len(st.Positions) == 1 && !nested {
			st.Coords = st.Positions[0]
		}
	}
	if g.Text != nil {
		st.Text, st.TextRange = g.Text.Value, tokRange(*g.Text)
	}
}

func (p *parser) fillEvolution(st *Statement, g *gEvolution) {
	st.Keyword, st.KeywordRange = g.Keyword.Value, tokRange(g.Keyword)
	if g.Flag != nil {
		if g.Flag.Value == "--hide" {
			st.Hide = true
		} else {
			p.diag(SeverityError, tokRange(*g.Flag), "bad-flag", "%q is not an evolution flag; only --hide is", g.Flag.Value)
		}
	}
	items := g.Items
	if g.Flat != nil {
		items = p.spanned(g.Flat)
	}
	if len(items) == 0 {
		return
	}
	cur := StageSpec{}
	var lastEnd Range
	haveLabel := false
	flush := func(at Range) {
		if !haveLabel {
			cur.LabelRange = Range{Start: at.Start, End: at.Start}
		}
		st.Stages = append(st.Stages, cur)
		cur = StageSpec{}
		haveLabel = false
	}
	afterAt := false
	for _, t := range items {
		switch {
		case t.Type == ttArrow:
			flush(tokRange(t))
			lastEnd = tokRange(t)
			afterAt = false
		case t.Type == ttText:
			cur.Label, cur.LabelRange = t.Value, tokRange(t)
			haveLabel = true
		case t.Type == ttPunct:
			afterAt = true
		case t.Type == ttNumber && afterAt:
			n := p.number(t, 0)
			cur.Start = n
			if !n.Set {
				cur.Start.Set = false
			}
		}
	}
	flush(Range{Start: lastEnd.End, End: lastEnd.End})
}

// unknownLine reports a line no statement reads.
func (p *parser) unknownLine(st *Statement) {
	t := st.Text
	word := t
	if i := strings.IndexAny(t, " \t"); i >= 0 {
		word = t[:i]
	}
	switch {
	case foreignTeamWords[word]:
		p.diag(SeverityWarning, st.Range, "foreign-syntax",
			"%q is a wardleyToGo team extension, not OWM; the line is ignored", word)
	case strings.Contains(t, ">") && strings.Contains(t, "-"):
		p.diag(SeverityWarning, st.Range, "foreign-syntax",
			"this looks like a wardleyToGo link (\"A-kind>B\"), which OWM does not read; write \"A->B\"; the line is ignored")
	case looksLikeTypo(word) != "":
		d := p.diag(SeverityError, st.Range, "unknown-statement", "cannot read this line: %q is not a keyword (did you mean %q?)", word, looksLikeTypo(word))
		d.Suggestion = looksLikeTypo(word) + t[len(word):]
	default:
		p.diag(SeverityError, st.Range, "unknown-statement",
			"cannot read this line: it starts with no keyword and has no link operator (->, +>, +<, +<>, +'text'>)")
	}
}

// keywordList is the keywords in a fixed order, so that suggestions are deterministic.
var keywordList = []string{"component", "anchor", "evolve", "pipeline", "note", "annotation",
	"annotations", "submap", "url", "title", "style", "size", "evolution", "valuechain", "pioneers",
	"settlers", "townplanners", "accelerator", "deaccelerator"}

var foreignTeamWords = map[string]bool{
	"streamAlignedTeam": true, "enablingTeam": true, "platformTeam": true, "complicatedSubsystemTeam": true,
}

// looksLikeTypo suggests the keyword closest to word, if one is close enough.
func looksLikeTypo(word string) string {
	best, bestD := "", 3
	if len(word) > 40 {
		return ""
	}
	lw := strings.ToLower(word)
	rw := []rune(lw)
	for _, kw := range keywordList {
		if d := boundedDistance(rw, []rune(kw), bestD-1); d < bestD {
			best, bestD = kw, d
		}
	}
	if lw != word && keywords[lw] != lkBlank {
		return lw
	}
	return best
}

// reservedLine reports a line OWM skips because it starts with a reserved word.
func (p *parser) reservedLine(st *Statement, kw string) {
	t := st.Text
	if strings.HasPrefix(t, "title") && !strings.HasPrefix(t, "title ") && t != "title" {
		p.diag(SeverityWarning, st.Range, "reserved-prefix",
			"OWM skips lines that start with %q (and fails on them at the start of a line); rename the element", "title")
		return
	}
	if strings.HasPrefix(t, "title") {
		p.diag(SeverityWarning, st.Range, "indented-title", "a title must start at the beginning of the line; remove the indentation")
		return
	}
	if strings.HasPrefix(kw, "(") {
		p.diag(SeverityWarning, st.Range, "reserved-in-parens",
			"OWM skips link lines that contain %q; remove it (decorators belong on component lines)", kw)
		return
	}
	word := t
	if i := strings.IndexAny(t, " \t"); i >= 0 {
		word = t[:i]
		if word == kw && t[i] == '\t' {
			p.diag(SeverityWarning, st.Range, "tab-after-keyword", "OWM needs a space, not a tab, after %q; the line is ignored", kw).Suggestion =
				kw + " " + strings.TrimLeft(t[i:], " \t")
			return
		}
	}
	p.diag(SeverityWarning, st.Range, "reserved-prefix",
		"OWM skips this line because it starts with the keyword %q; rename the element so that it does not start with a keyword", kw)
}
