package mapdsl

import (
	"io"
	"strings"

	"github.com/alecthomas/participle/v2/lexer"
)

// The lexer is hand-written because OWM is not a grammar but a set of substring scanners: where a
// name ends, which bracket holds the coordinates and which operator splits a link all depend on
// the statement's keyword and on searches over the whole line (" [" ends a name, the first "+>"
// wins over an earlier "->"). The lexer applies those rules, so each token already has the
// boundaries OWM would give it, and the per-statement participle grammars (grammar.go) only
// assemble tokens into statement nodes.

// Token types of the map lexer, as participle sees them.
const (
	ttWhitespace lexer.TokenType = iota + 1
	ttComment
	ttKeyword // the statement keyword: component, evolve, ...
	ttName    // an unquoted name, trimmed
	ttString  // a double-quoted name or text, quotes included
	ttNumber  // one comma-separated piece of a bracket, or a bare number
	ttPunct   // [ ] ( ) , ; { } @
	ttArrow   // ->
	ttFlow    // +> +< +<> +'label'> +'label'< +'label'<>
	ttAttr    // the modifiers label, inertia, url, evolve
	ttWord    // a word with no special meaning to the grammar (decorator names, style names, flags)
	ttText    // free text: titles, note bodies after positions, link context, addresses
	ttOther   // anything the statement does not expect
	// ttBrackets is a closed bracket of numbers and commas, "[0.4, 0.6]", ttParens closed
	// parentheses of words and commas, "(build)", ttStages the stages of an evolution line,
	// "A->B->C", and ttAddress a url definition's closed "[address]", as one token: the grammars
	// get them in place of their tokens (see flattenGroups, flattenStages and flattenAddress);
	// the lexer never emits them.
	ttBrackets
	ttParens
	ttStages
	ttAddress
)

var tokenSymbols = map[string]lexer.TokenType{
	"EOF":        lexer.EOF,
	"Whitespace": ttWhitespace,
	"Comment":    ttComment,
	"Keyword":    ttKeyword,
	"Name":       ttName,
	"String":     ttString,
	"Number":     ttNumber,
	"Punct":      ttPunct,
	"Arrow":      ttArrow,
	"Flow":       ttFlow,
	"Attr":       ttAttr,
	"Word":       ttWord,
	"Text":       ttText,
	"Other":      ttOther,
	"Brackets":   ttBrackets,
	"Parens":     ttParens,
	"Stages":     ttStages,
	"Address":    ttAddress,
}

// lineKind is the statement a line holds, decided from its first word the way OWM does.
type lineKind int

const (
	lkBlank lineKind = iota
	lkTitle
	lkComponent
	lkSubmap
	lkMarket    // legacy market X [..]
	lkEcosystem // legacy ecosystem X [..]
	lkAnchor
	lkNote
	lkAccelerator
	lkDeaccelerator
	lkPipeline
	lkEvolve
	lkURL
	lkAnnotation
	lkAnnotations
	lkPST
	lkEvolution
	lkValueChain
	lkStyle
	lkSize
	lkMethod // legacy build/buy/outsource X
	lkAxis   // legacy y-axis / x-axis
	lkOpen   // {
	lkClose  // }
	lkLink
	lkReserved // starts with a reserved word OWM skips
	lkUnknown
)

// keywords maps each statement keyword to its line kind. All need a following space (or the end
// of the line) except where noted in classify.
var keywords = map[string]lineKind{
	"title":         lkTitle,
	"component":     lkComponent,
	"submap":        lkSubmap,
	"market":        lkMarket,
	"ecosystem":     lkEcosystem,
	"anchor":        lkAnchor,
	"note":          lkNote,
	"accelerator":   lkAccelerator,
	"deaccelerator": lkDeaccelerator,
	"pipeline":      lkPipeline,
	"evolve":        lkEvolve,
	"url":           lkURL,
	"annotation":    lkAnnotation,
	"annotations":   lkAnnotations,
	"pioneers":      lkPST,
	"settlers":      lkPST,
	"townplanners":  lkPST,
	"evolution":     lkEvolution,
	"valuechain":    lkValueChain,
	"style":         lkStyle,
	"size":          lkSize,
	"build":         lkMethod,
	"buy":           lkMethod,
	"outsource":     lkMethod,
	"y-axis":        lkAxis,
	"x-axis":        lkAxis,
}

// reservedPrefixes are the prefixes for which OWM's link scanner skips a line (no word boundary).
var reservedPrefixes = []string{
	"evolution", "valuechain", "anchor", "evolve", "component", "style", "build", "buy",
	"outsource", "title", "annotation", "pipeline", "note", "pioneers", "settlers",
	"townplanners", "submap", "url", "accelerator", "deaccelerator", "size",
}

// classify decides the kind of a line from its code text (comments removed) and returns the
// keyword. atColumnZero tells whether the code starts at the very start of the line (title must).
func classify(code string, atColumnZero bool) (lineKind, string) {
	a, b := 0, len(code)
	for a < b && isBlank(code[a]) {
		a++
	}
	for b > a && isBlank(code[b-1]) {
		b--
	}
	t := code[a:b]
	if t == "" {
		return lkBlank, ""
	}
	word := t
	for i := 0; i < len(t); i++ {
		if t[i] == ' ' || t[i] == '\t' {
			word = t[:i]
			break
		}
	}
	if atColumnZero && strings.HasPrefix(code, "title") && (len(t) == 5 || t[5] == ' ') {
		return lkTitle, "title"
	}
	if kind, ok := keywords[word]; ok && word != "title" {
		// OWM needs a space after the keyword; a tab leaves the line to the reserved-word rule.
		if len(word) == len(t) || t[len(word)] == ' ' {
			return kind, word
		}
	}
	switch t[0] {
	case '{':
		return lkOpen, ""
	case '}':
		return lkClose, ""
	}
	for _, p := range reservedPrefixes {
		if p[0] == t[0] && strings.HasPrefix(t, p) {
			return lkReserved, p
		}
	}
	if findLinkOperator(t).start >= 0 {
		if w := reservedInParens(t); w != "" {
			return lkReserved, "(" + w + ")"
		}
		return lkLink, ""
	}
	return lkUnknown, ""
}

// reservedInParens returns the reserved word of a "(word)" in t, if any: OWM's link scanner skips
// such lines (they are meant to be component lines with decorators).
func reservedInParens(t string) string {
	for i := strings.IndexByte(t, '('); i >= 0; {
		j := strings.IndexByte(t[i:], ')')
		if j < 0 {
			return ""
		}
		w := t[i+1 : i+j]
		for _, r := range reservedPrefixes {
			if w == r {
				return w
			}
		}
		if w == "market" || w == "ecosystem" {
			return w
		}
		k := strings.IndexByte(t[i+1:], '(')
		if k < 0 {
			return ""
		}
		i += 1 + k
	}
	return ""
}

// opSpan locates a link operator in a string.
type opSpan struct {
	start, end int // operator bytes, -1 when absent
	kind       string
	label      span // the text of a labelled flow, relative to the string
}

// findLinkOperator applies OWM's operator precedence: "+>" first, then "+<>", "+<", "+'", "->",
// each at its first occurrence, whatever comes earlier in the line.
func findLinkOperator(t string) opSpan {
	if strings.IndexByte(t, '+') < 0 {
		if i := strings.Index(t, "->"); i >= 0 { // the common case: no flow
			return opSpan{start: i, end: i + 2, kind: "->"}
		}
		return opSpan{start: -1, end: -1}
	}
	for _, op := range []string{"+>", "+<>", "+<"} {
		if i := strings.Index(t, op); i >= 0 {
			return opSpan{start: i, end: i + len(op), kind: op}
		}
	}
	if i := strings.Index(t, "+'"); i >= 0 {
		// The label runs to the next "'>", "'<>" or "'<".
		rest := t[i+2:]
		for j := 0; j+1 < len(rest); j++ {
			if rest[j] != '\'' {
				continue
			}
			switch {
			case strings.HasPrefix(rest[j+1:], "<>"):
				return opSpan{start: i, end: i + 2 + j + 3, kind: "+'<>", label: span{i + 2, i + 2 + j}}
			case rest[j+1] == '>':
				return opSpan{start: i, end: i + 2 + j + 2, kind: "+'>", label: span{i + 2, i + 2 + j}}
			case rest[j+1] == '<':
				return opSpan{start: i, end: i + 2 + j + 2, kind: "+'<", label: span{i + 2, i + 2 + j}}
			}
		}
		// An unterminated label: OWM's split leaves no end name; keep looking for "->".
	}
	if i := strings.Index(t, "->"); i >= 0 {
		return opSpan{start: i, end: i + 2, kind: "->"}
	}
	return opSpan{start: -1, end: -1}
}

// lineLexer emits the tokens of one line's code.
type lineLexer struct {
	src  *source
	text string // the whole text
	toks []lexer.Token
	kind lineKind
	// significant leaves blanks out (the parser reads only the other tokens; the formatter and
	// the highlighter see every byte).
	significant bool
}

func (l *lineLexer) emit(t lexer.TokenType, start, end int) {
	if end <= start || t == ttWhitespace && l.significant {
		return
	}
	p := l.src.pos(start)
	l.toks = append(l.toks, lexer.Token{Type: t, Value: l.text[start:end], Pos: lexer.Position{Offset: p.Offset, Line: p.Line, Column: p.Column}})
}

// isBlank reports whether c is a blank OWM trims (space, tab, carriage return).
func isBlank(c byte) bool { return c == ' ' || c == '\t' || c == '\r' }

// ws emits the blanks at p and returns the offset after them.
func (l *lineLexer) ws(p, end int) int {
	q := p
	for q < end && isBlank(l.text[q]) {
		q++
	}
	l.emit(ttWhitespace, p, q)
	return q
}

// trimSpan shrinks [a, b) to exclude blanks at both ends.
func (l *lineLexer) trimSpan(a, b int) (int, int) {
	for a < b && isBlank(l.text[a]) {
		a++
	}
	for b > a && isBlank(l.text[b-1]) {
		b--
	}
	return a, b
}

// emitTrimmed emits [a, b) as one token of type t, with blanks around it as whitespace.
func (l *lineLexer) emitTrimmed(t lexer.TokenType, a, b int) {
	ta, tb := l.trimSpan(a, b)
	l.emit(ttWhitespace, a, ta)
	l.emit(t, ta, tb)
	l.emit(ttWhitespace, tb, b)
}

// lexLine lexes the code of one line of the given kind (comments are emitted by the caller).
func (l *lineLexer) lexLine(ln *sourceLine, kind lineKind, keyword string) {
	a, b := ln.codeStart, ln.codeEnd
	l.kind = kind
	if kind == lkBlank {
		l.emit(ttWhitespace, a, b)
		return
	}
	p := l.ws(a, b)
	switch kind {
	case lkOpen, lkClose:
		l.emit(ttPunct, p, p+1)
		l.emitRest(p+1, b)
		return
	case lkLink:
		l.lexLink(p, b)
		return
	case lkUnknown, lkReserved:
		l.emitTrimmed(ttText, p, b)
		return
	}
	l.emit(ttKeyword, p, p+len(keyword))
	p += len(keyword)
	switch kind {
	case lkTitle, lkAxis:
		l.emitTrimmed(ttText, p, b)
	case lkComponent, lkSubmap, lkMarket, lkEcosystem, lkAnchor, lkNote, lkAccelerator,
		lkDeaccelerator, lkPipeline, lkMethod:
		p = l.ws(p, b)
		p = l.lexName(p, b)
		l.lexModifiers(p, b)
	case lkEvolve:
		l.lexEvolve(p, b)
	case lkURL:
		l.lexURL(p, b)
	case lkAnnotation:
		l.lexAnnotation(p, b)
	case lkAnnotations, lkSize:
		l.lexModifiers(p, b)
	case lkPST:
		l.lexModifiers(p, b)
	case lkEvolution:
		l.lexEvolution(p, b)
	case lkValueChain, lkStyle:
		l.lexWords(p, b)
	}
}

// emitRest emits what follows a brace as text.
func (l *lineLexer) emitRest(p, b int) {
	l.emitTrimmed(ttOther, p, b)
}

// lexName emits the name at p: a quoted string, or everything up to the first " [" (trimmed).
// It returns the offset after the name.
func (l *lineLexer) lexName(p, b int) int {
	if p < b && l.text[p] == '[' {
		return p // "component [0.5, 0.5]": OWM reads an empty name
	}
	if p < b && l.text[p] == '"' {
		if q := closingQuote(l.text, p, b); q > p {
			l.emit(ttString, p, q)
			return q
		}
	}
	end := b
	if i := strings.Index(l.text[p:b], " ["); i >= 0 {
		end = p + i
	}
	_, te := l.trimSpan(p, end)
	l.emit(ttName, p, te)
	return te
}

// closingQuote returns the offset after the quote that closes the string opened at p, or -1.
func closingQuote(text string, p, b int) int {
	for q := p + 1; q < b; q++ {
		switch text[q] {
		case '\\':
			q++
		case '"':
			return q + 1
		}
	}
	return -1
}

// lexModifiers emits what follows a name: bracket groups, label, inertia, decorators, url(ref),
// an inline evolve, and words.
func (l *lineLexer) lexModifiers(p, b int) {
	for p < b {
		c := l.text[p]
		switch {
		case isBlank(c):
			p = l.ws(p, b)
		case c == '[':
			p = l.lexBrackets(p, b)
		case c == '(':
			p = l.lexParens(p, b)
		case strings.HasPrefix(l.text[p:b], "label ["):
			l.emit(ttAttr, p, p+5)
			p += 5
		case hasWord(l.text[p:b], "inertia"):
			l.emit(ttAttr, p, p+7)
			p += 7
		case strings.HasPrefix(l.text[p:b], "url("):
			l.emit(ttAttr, p, p+3)
			p += 3
		case hasWord(l.text[p:b], "evolve"):
			l.emit(ttAttr, p, p+6)
			p += 6
		default:
			q := p
			for q < b && !isBlank(l.text[q]) && l.text[q] != '[' && l.text[q] != '(' {
				q++
			}
			if q == p { // a stray ']' or ')'
				q = p + 1
			}
			t := ttWord
			if looksNumeric(l.text[p:q]) {
				t = ttNumber
			}
			l.emit(t, p, q)
			p = q
		}
	}
}

// hasWord reports whether s starts with w followed by a blank, a bracket or the end.
func hasWord(s, w string) bool {
	if !strings.HasPrefix(s, w) {
		return false
	}
	if len(s) == len(w) {
		return true
	}
	c := s[len(w)]
	return isBlank(c) || c == '(' || c == ')' || c == '[' || c == ','
}

// looksNumeric reports whether s starts like a number (digit, sign or dot followed by a digit).
func looksNumeric(s string) bool {
	if s == "" {
		return false
	}
	i := 0
	if s[0] == '-' || s[0] == '+' {
		i++
	}
	if i < len(s) && s[i] == '.' {
		i++
	}
	return i < len(s) && s[i] >= '0' && s[i] <= '9'
}

// lexBrackets emits "[", the comma-separated pieces up to the next "]" as Number tokens (OWM
// removes whitespace and splits on commas), and "]". A nested "[" (annotation positions) starts
// an inner group.
func (l *lineLexer) lexBrackets(p, b int) int {
	return l.lexBracketsDepth(p, b, 0)
}

// maxBracketDepth bounds nesting: OWM only nests once (annotation positions); deeper "[" are read
// as text inside a piece, which keeps hostile input like "[[[[..." linear and shallow.
const maxBracketDepth = 1

func (l *lineLexer) lexBracketsDepth(p, b, depth int) int {
	l.emit(ttPunct, p, p+1)
	p++
	pieceStart := p
	for p < b {
		switch l.text[p] {
		case '[':
			if depth >= maxBracketDepth {
				break
			}
			l.emitPiece(pieceStart, p)
			p = l.lexBracketsDepth(p, b, depth+1)
			pieceStart = p
			continue
		case ',':
			l.emitPiece(pieceStart, p)
			l.emit(ttPunct, p, p+1)
			pieceStart = p + 1
		case ']':
			l.emitPiece(pieceStart, p)
			l.emit(ttPunct, p, p+1)
			return p + 1
		}
		p++
	}
	l.emitPiece(pieceStart, b)
	return b
}

func (l *lineLexer) emitPiece(a, b int) { l.emitTrimmed(ttNumber, a, b) }

// lexParens emits "(" the comma-separated words up to the next ")", and ")".
func (l *lineLexer) lexParens(p, b int) int {
	l.emit(ttPunct, p, p+1)
	p++
	start := p
	for p < b {
		switch l.text[p] {
		case ',':
			l.emitTrimmed(ttWord, start, p)
			l.emit(ttPunct, p, p+1)
			start = p + 1
		case ')':
			l.emitTrimmed(ttWord, start, p)
			l.emit(ttPunct, p, p+1)
			return p + 1
		}
		p++
	}
	l.emitTrimmed(ttWord, start, b)
	return b
}

// lexWords emits blank-separated words.
func (l *lineLexer) lexWords(p, b int) {
	for p < b {
		if isBlank(l.text[p]) {
			p = l.ws(p, b)
			continue
		}
		q := p
		for q < b && !isBlank(l.text[q]) {
			q++
		}
		l.emit(ttWord, p, q)
		p = q
	}
}

// lexLink emits From, the operator, To and an optional "; context".
func (l *lineLexer) lexLink(p, b int) {
	code := l.text[p:b]
	op := findLinkOperator(code)
	semi := strings.IndexByte(code, ';')
	if semi >= 0 && semi < op.end {
		semi = -1 // a ';' before the operator stays in the first name, as in OWM's split
		if j := strings.IndexByte(code[op.end:], ';'); j >= 0 {
			semi = op.end + j
		}
	}
	l.emitTrimmed(ttName, p, p+op.start)
	l.emitOperator(p+op.start, p+op.end, op.kind)
	toEnd := b
	if semi >= 0 {
		toEnd = p + semi
	}
	// OWM splits the line on the operator and uses only the first two parts: in "A->B->C" the
	// link is A to B and "->C" is dropped.
	nameEnd := toEnd
	if op.label == (span{}) {
		if j := strings.Index(code[op.end:toEnd-p], op.kind); j >= 0 {
			nameEnd = p + op.end + j
		}
	}
	l.emitTrimmed(ttName, p+op.end, nameEnd)
	l.emitTrimmed(ttOther, nameEnd, toEnd)
	if semi >= 0 {
		l.emit(ttPunct, p+semi, p+semi+1)
		l.emitTrimmed(ttText, p+semi+1, b)
	}
}

func (l *lineLexer) emitOperator(a, b int, kind string) {
	if kind == "->" {
		l.emit(ttArrow, a, b)
	} else {
		l.emit(ttFlow, a, b)
	}
}

// lexEvolve emits the evolve name (with an optional ->NewName), the maturity and modifiers.
// The maturity is OWM's first match of "blank, optional digit, '.', digits" in the line; when
// there is none, the first blank-separated integer is accepted (an extension OWM lacks).
func (l *lineLexer) lexEvolve(p, b int) {
	p = l.ws(p, b)
	ns, ne, ms, me := evolveSplit(l.text, p, b)
	// Name part: A, "A", A->B, "A"->"B".
	namePart := l.text[ns:ne]
	if i := strings.Index(namePart, "->"); i >= 0 && !insideQuotes(namePart, i) {
		l.emitTrimmed(ttName, ns, ns+i)
		l.emit(ttArrow, ns+i, ns+i+2)
		rest := namePart[i+2:]
		end := ne
		if j := strings.Index(rest, "->"); j >= 0 { // OWM uses only the second segment
			end = ns + i + 2 + j
		}
		l.emitTrimmed(ttName, ns+i+2, end)
		l.emitTrimmed(ttOther, end, ne)
	} else {
		l.emitTrimmed(ttName, ns, ne)
	}
	if ms < 0 {
		return
	}
	l.emit(ttWhitespace, ne, ms)
	l.emit(ttNumber, ms, me)
	l.lexModifiers(me, b)
}

// insideQuotes reports whether offset i of s lies inside a double-quoted string.
func insideQuotes(s string, i int) bool {
	in := false
	for j := 0; j < i; j++ {
		switch s[j] {
		case '\\':
			j++
		case '"':
			in = !in
		}
	}
	return in
}

// evolveSplit finds the name span [ns, ne) and the maturity span [ms, me) of an evolve line's
// text [p, b). ms is -1 when there is no maturity.
func evolveSplit(text string, p, b int) (ns, ne, ms, me int) {
	ns = p
	seg := text[p:b]
	skip := 0
	if strings.HasPrefix(seg, "\"") {
		// A quoted name (OWM 2026) may hold numbers: search after its closing quote.
		if q := closingQuote(text, p, b); q > p {
			skip = q - p
		}
	}
	// OWM: /\s\d?\.\d+/ — blank, at most one digit, a dot, digits.
	for i := skip; i < len(seg); i++ {
		if !isBlank(seg[i]) {
			continue
		}
		j := i + 1
		if j < len(seg) && seg[j] >= '0' && seg[j] <= '9' {
			j++
		}
		if j < len(seg) && seg[j] == '.' {
			k := j + 1
			for k < len(seg) && seg[k] >= '0' && seg[k] <= '9' {
				k++
			}
			if k > j+1 {
				ne = p + i
				for ne > ns && isBlank(text[ne-1]) {
					ne--
				}
				return ns, ne, p + i + 1, p + k
			}
		}
	}
	// Extension: an integer maturity such as "evolve X 1".
	for i := skip; i < len(seg); i++ {
		if !isBlank(seg[i]) {
			continue
		}
		j := i + 1
		for j < len(seg) && seg[j] >= '0' && seg[j] <= '9' {
			j++
		}
		if j > i+1 && (j == len(seg) || isBlank(seg[j]) || seg[j] == '(') {
			ne = p + i
			for ne > ns && isBlank(text[ne-1]) {
				ne--
			}
			return ns, ne, p + i + 1, p + j
		}
	}
	ne = b
	for ne > ns && isBlank(text[ne-1]) {
		ne--
	}
	return ns, ne, -1, -1
}

// lexURL emits "url ref [address]": the ref up to the first "[", the address up to the next "]".
func (l *lineLexer) lexURL(p, b int) {
	i := strings.IndexByte(l.text[p:b], '[')
	if i < 0 {
		l.emitTrimmed(ttName, p, b)
		return
	}
	l.emitTrimmed(ttName, p, p+i)
	open := p + i
	l.emit(ttPunct, open, open+1)
	j := strings.IndexByte(l.text[open+1:b], ']')
	if j < 0 {
		l.emitTrimmed(ttText, open+1, b)
		return
	}
	cl := open + 1 + j
	l.emitTrimmed(ttText, open+1, cl)
	l.emit(ttPunct, cl, cl+1)
	l.emitTrimmed(ttOther, cl+1, b)
}

// lexAnnotation emits "annotation n [positions] text".
func (l *lineLexer) lexAnnotation(p, b int) {
	i := strings.IndexByte(l.text[p:b], '[')
	if i < 0 {
		l.emitNumberAndText(p, b)
		return
	}
	l.emitTrimmed(ttNumber, p, p+i)
	q := l.lexBrackets(p+i, b)
	l.emitTrimmed(ttText, q, b)
}

func (l *lineLexer) emitNumberAndText(p, b int) {
	p = l.ws(p, b)
	q := p
	for q < b && !isBlank(l.text[q]) {
		q++
	}
	l.emit(ttNumber, p, q)
	l.emitTrimmed(ttText, q, b)
}

// lexEvolution emits "evolution [--hide] A -> B -> C -> D", each label optionally "Label@0.25".
func (l *lineLexer) lexEvolution(p, b int) {
	p = l.ws(p, b)
	if strings.HasPrefix(l.text[p:b], "--") {
		q := p
		for q < b && !isBlank(l.text[q]) {
			q++
		}
		l.emit(ttWord, p, q)
		p = l.ws(q, b)
	}
	for p <= b {
		i := strings.Index(l.text[p:b], "->")
		end := b
		if i >= 0 {
			end = p + i
		}
		l.lexStageLabel(p, end)
		if i < 0 {
			break
		}
		l.emit(ttArrow, end, end+2)
		p = end + 2
	}
}

// lexStageLabel emits one stage label, splitting a Mermaid-style "@position" suffix.
func (l *lineLexer) lexStageLabel(a, b int) {
	if at := strings.LastIndexByte(l.text[a:b], '@'); at >= 0 {
		rest := strings.TrimSpace(l.text[a+at+1 : b])
		if looksNumeric(rest) {
			l.emitTrimmed(ttText, a, a+at)
			l.emit(ttPunct, a+at, a+at+1)
			l.emitTrimmed(ttNumber, a+at+1, b)
			return
		}
	}
	l.emitTrimmed(ttText, a, b)
}

// mapLexerDefinition makes the map lexer usable as a participle lexer.Definition: it lexes whole
// texts (all lines, comments included, "\n" as whitespace). The parser itself lexes line by line
// with lexLine and hands each statement's tokens to its participle grammar.
type mapLexerDefinition struct {
	symbols map[string]lexer.TokenType
}

var _ lexer.Definition = mapLexerDefinition{}
var _ lexer.StringDefinition = mapLexerDefinition{}

func (d mapLexerDefinition) Symbols() map[string]lexer.TokenType { return d.symbols }

func (d mapLexerDefinition) Lex(filename string, r io.Reader) (lexer.Lexer, error) {
	b, err := io.ReadAll(r)
	if err != nil {
		return nil, err
	}
	return d.LexString(filename, string(b))
}

func (mapLexerDefinition) LexString(filename string, input string) (lexer.Lexer, error) {
	toks := lexText(input)
	return &sliceLexer{toks: toks, eof: lexer.EOFToken(lexer.Position{Filename: filename, Offset: len(input)})}, nil
}

// sliceLexer replays a token slice, ending with EOF.
type sliceLexer struct {
	toks []lexer.Token
	i    int
	eof  lexer.Token
}

func (s *sliceLexer) Next() (lexer.Token, error) {
	if s.i >= len(s.toks) {
		return s.eof, nil
	}
	t := s.toks[s.i]
	s.i++
	return t, nil
}

// lexText lexes a whole text: every line's code, comments and line breaks, in order.
func lexText(text string) []lexer.Token {
	src := newSource(text)
	l := &lineLexer{src: src, text: text}
	for i := range src.lines {
		ln := &src.lines[i]
		kind, kw := classifyLine(src, ln)
		l.lexLine(ln, kind, kw)
		l.emitComments(ln)
		if ln.end < len(text) {
			l.emit(ttWhitespace, ln.end, ln.end+1)
		}
	}
	return l.toks
}

// emitComments emits the comment spans of a line, keeping tokens in text order.
func (l *lineLexer) emitComments(ln *sourceLine) {
	for _, c := range ln.comments {
		if c.start < ln.codeStart {
			// The tail of a block comment precedes the code: insert it in order.
			l.insertBefore(ln.codeStart, ttComment, c.start, c.end)
			continue
		}
		l.emit(ttComment, c.start, c.end)
	}
}

// insertBefore inserts a token for [a, b) before the first token at or after offset at.
func (l *lineLexer) insertBefore(at int, t lexer.TokenType, a, b int) {
	if b <= a {
		return
	}
	i := len(l.toks)
	for i > 0 && l.toks[i-1].Pos.Offset >= at {
		i--
	}
	p := l.src.pos(a)
	tok := lexer.Token{Type: t, Value: l.text[a:b], Pos: lexer.Position{Offset: p.Offset, Line: p.Line, Column: p.Column}}
	l.toks = append(l.toks, lexer.Token{})
	copy(l.toks[i+1:], l.toks[i:])
	l.toks[i] = tok
}

// classifyLine classifies a line of src, skipping a byte-order mark at the start of the text.
func classifyLine(src *source, ln *sourceLine) (lineKind, string) {
	code := src.text[ln.codeStart:ln.codeEnd]
	atZero := ln.codeStart == ln.start || (ln.start == 0 && ln.codeStart == len(byteOrderMark) && strings.HasPrefix(src.text, byteOrderMark))
	return classify(code, atZero)
}
