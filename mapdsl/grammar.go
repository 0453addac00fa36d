package mapdsl

import (
	"reflect"
	"slices"

	"github.com/alecthomas/participle/v2"
	"github.com/alecthomas/participle/v2/lexer"
)

// The per-statement grammars. Each line's tokens (whitespace and comments left out) are parsed by
// the grammar of its keyword; the lexer has already placed token boundaries where OWM's substring
// rules put them, so the grammars describe the order of the parts and report what is missing or
// misplaced. Fields are tokens so that every part keeps its exact byte range.

// gNamed is every "keyword Name [bracket] modifiers" statement: component, submap, market,
// ecosystem, anchor, note, accelerator, deaccelerator, pipeline, build/buy/outsource, pipeline
// children, and annotations/size/PST (which have no name).
type gNamed struct {
	Keyword lexer.Token  `parser:"@Keyword"`
	Name    *lexer.Token `parser:"@(Name | String)?"`
	Coords  *gBrackets   `parser:"@@?"`
	Mods    []*gModifier `parser:"((?! EOF) @@)*"`
}

// gPlain is the start of a gNamed line up to its position, and gMods the modifiers after it: a
// line whose start is plain (see plainPrefix) is read in these two parts, which other lines share
// (most lines of a map start "keyword Name [v, m]" and the modifiers are a few kinds), so that
// participle runs for fewer and shorter token lists (see parseTokens).
type gPlain struct {
	Keyword lexer.Token  `parser:"@Keyword"`
	Name    *lexer.Token `parser:"@(Name | String)?"`
	Coords  *lexer.Token `parser:"@Brackets?"`
}

// plainNamed is a gNamed read in two parts, with memory for its position.
type plainNamed struct {
	gNamed
	coords gBrackets
}

type gMods struct {
	Mods []*gModifier `parser:"((?! EOF) @@)*"`
}

// plainPrefix returns how many tokens of a named line (its brackets flattened) are its keyword,
// perhaps a name and perhaps a Brackets token, and whether the line starts so: gPlain then
// reads those tokens exactly as gNamed would, and gMods the rest as gNamed's modifiers (which
// never look back at the position).
func plainPrefix(toks []lexer.Token) (int, bool) {
	i := 1
	if i < len(toks) && (toks[i].Type == ttName || toks[i].Type == ttString) {
		i++
	}
	switch {
	case i < len(toks) && toks[i].Type == ttBrackets:
		return i + 1, true
	case i < len(toks) && toks[i].Type == ttPunct && toks[i].Value == "[":
		return 0, false
	}
	return i, i <= len(toks)
}

// gBrackets is "[" pieces "]"; a piece is a Number token (OWM splits on commas), a comma or a
// nested group. A closed bracket of numbers and commas, the most common group by far, comes as one
// Brackets token (Flat, see flattenGroups), whose pieces are read from the line's tokens (see
// parser.inner), and so does a closed bracket of such groups, numbers and commas (an
// annotation's "[[v, m], [v, m]]"). Otherwise the pieces before the first nested group that is
// not such a token (a bracket left open, say) are a plain token list (Pieces), the rest (Items)
// one node each.
type gBrackets struct {
	Flat   *lexer.Token  `parser:"  @Brackets"`
	Open   *lexer.Token  `parser:"| @'[':Punct"`
	Pieces []lexer.Token `parser:"  @((Number | ',':Punct | Brackets)+)?"`
	Items  []*gItem      `parser:"  @@*"`
	Close  *lexer.Token  `parser:"  @']':Punct?"`
}

// flattenGroups appends toks to dst with each closed bracket of numbers and commas ("[", Number
// and "," tokens, "]"), or of such brackets too, as one Brackets token and each closed
// parenthesis of words and commas as one Parens token, spanning it in text: the grammars read
// such a token as they would read its tokens (a gBrackets or gParens), with fewer nodes for
// participle to build, and lines whose positions differ in their count of numbers share a shape
// (see parseTokens).
func flattenGroups(dst, toks []lexer.Token, text string) []lexer.Token {
	base := len(dst)
	for i := 0; i < len(toks); i++ {
		t := toks[i]
		if t.Type == ttPunct && (t.Value == "[" || t.Value == "(") {
			inside, closing, flat := ttNumber, "]", ttBrackets
			if t.Value == "(" {
				inside, closing, flat = ttWord, ")", ttParens
			}
			j := i + 1
			for j < len(toks) && (toks[j].Type == inside || toks[j].Type == ttPunct && toks[j].Value == ",") {
				j++
			}
			if j < len(toks) && toks[j].Type == ttPunct && toks[j].Value == closing {
				t.Type, t.Value = flat, text[t.Pos.Offset:toks[j].Pos.Offset+1]
				i = j
			}
		}
		if t.Type == ttPunct && t.Value == "]" {
			// A bracket around flattened brackets, numbers and commas (an annotation's
			// "[[v, m], [v, m]]"): one Brackets token too, whose pieces inner flattens again.
			k := len(dst) - 1
			for k >= base && (dst[k].Type == ttBrackets || dst[k].Type == ttNumber || dst[k].Type == ttPunct && dst[k].Value == ",") {
				k--
			}
			if k >= base && dst[k].Type == ttPunct && dst[k].Value == "[" {
				o := dst[k]
				o.Type, o.Value = ttBrackets, text[o.Pos.Offset:t.Pos.Offset+1]
				dst = append(dst[:k], o)
				continue
			}
		}
		dst = append(dst, t)
	}
	return dst
}

type gItem struct {
	Tok   *lexer.Token `parser:"  @(Number | ',':Punct)"`
	Group *gBrackets   `parser:"| @@"`
}

// gModifier is one of the parts that may follow a position, in any order: "label [dx, dy]"
// (Label and Offset), "inertia", "url(ref)" (URL and Ref), "evolve maturity" (Evolve and
// Maturity), decorators, a bracket or any other token.
type gModifier struct {
	Label    *lexer.Token `parser:"  @'label':Attr"`
	Offset   *gBrackets   `parser:"  @@"`
	Inertia  *lexer.Token `parser:"| @'inertia':Attr"`
	URL      *lexer.Token `parser:"| @'url':Attr"`
	Ref      *gParens     `parser:"  @@"`
	Evolve   *lexer.Token `parser:"| @'evolve':Attr"`
	Maturity *lexer.Token `parser:"  @Number?"`
	Decor    *gParens     `parser:"| @@"`
	Group    *gBrackets   `parser:"| @@"`
	Other    *lexer.Token `parser:"| @(Word | Number | Other | Punct | Name | String | Text | Arrow | Flow | Attr)"`
}

// gParens is "(" words ")"; closed parentheses of words and commas come as one Parens token (Flat,
// see flattenGroups), whose words are read from the line's tokens (see parser.inner).
type gParens struct {
	Flat  *lexer.Token  `parser:"  @Parens"`
	Open  *lexer.Token  `parser:"| @'(':Punct"`
	Items []lexer.Token `parser:"  @((Word | ',':Punct)+)?"`
	Close *lexer.Token  `parser:"  @')':Punct?"`
}

// gEvolve is "evolve Name[->NewName] maturity modifiers".
type gEvolve struct {
	gEvolveStart
	Mods []*gModifier `parser:"((?! EOF) @@)*"`
}

// gEvolveStart is a gEvolve up to its maturity. Like a named line (see gPlain), an evolve line
// is read in two parts, this and its modifiers as gMods, which lines of other kinds share.
type gEvolveStart struct {
	Keyword  lexer.Token   `parser:"@Keyword"`
	Name     *lexer.Token  `parser:"@Name?"`
	Arrow    *lexer.Token  `parser:"( @Arrow"`
	NewName  *lexer.Token  `parser:"  @Name? )?"`
	Junk     []lexer.Token `parser:"@(Other+)?"`
	Maturity *lexer.Token  `parser:"@Number?"`
}

// evolveStart returns how many tokens of an evolve line gEvolveStart reads: each of its parts
// is optional and of a type of its own, so it takes them greedily, in order.
func evolveStart(toks []lexer.Token) int {
	i := 0
	take := func(tt lexer.TokenType) bool {
		if i < len(toks) && toks[i].Type == tt {
			i++
			return true
		}
		return false
	}
	if !take(ttKeyword) {
		return 0
	}
	take(ttName)
	if take(ttArrow) {
		take(ttName)
	}
	for take(ttOther) {
	}
	take(ttNumber)
	return i
}

// gLink is "From operator To [; context]".
type gLink struct {
	From    *lexer.Token  `parser:"@Name?"`
	Op      lexer.Token   `parser:"@(Arrow | Flow)"`
	To      *lexer.Token  `parser:"@Name?"`
	Dropped []lexer.Token `parser:"@(Other+)?"`
	Semi    *lexer.Token  `parser:"( @';':Punct"`
	Context *lexer.Token  `parser:"  @Text? )?"`
}

// gText is "keyword text": title, y-axis, x-axis.
type gText struct {
	Keyword lexer.Token  `parser:"@Keyword"`
	Text    *lexer.Token `parser:"@Text?"`
}

// gURL is "url ref [address]"; a closed "[address]" comes as one Address token (Flat, see
// flattenAddress).
type gURL struct {
	Keyword lexer.Token   `parser:"@Keyword"`
	Ref     *lexer.Token  `parser:"@Name?"`
	Flat    *lexer.Token  `parser:"( @Address"`
	Open    *lexer.Token  `parser:"| @'[':Punct"`
	Address *lexer.Token  `parser:"  @Text?"`
	Close   *lexer.Token  `parser:"  @']':Punct? )?"`
	Junk    []lexer.Token `parser:"@(Other+)?"`
}

// flattenAddress appends toks, a url definition's tokens, to dst with a closed "[address]" ("[",
// perhaps a Text token, "]") as one Address token spanning it in text, which gURL reads as those
// tokens (see flattenGroups).
func flattenAddress(dst, toks []lexer.Token, text string) []lexer.Token {
	for i := 0; i < len(toks); i++ {
		t := toks[i]
		if t.Type == ttPunct && t.Value == "[" {
			j := i + 1
			if j < len(toks) && toks[j].Type == ttText {
				j++
			}
			if j < len(toks) && toks[j].Type == ttPunct && toks[j].Value == "]" {
				t.Type, t.Value = ttAddress, text[t.Pos.Offset:toks[j].Pos.Offset+1]
				i = j
			}
		}
		dst = append(dst, t)
	}
	return dst
}

// gAnnotation is "annotation n [v, m] text" or "annotation n [[v, m], [v, m]] text".
type gAnnotation struct {
	Keyword   lexer.Token  `parser:"@Keyword"`
	Number    *lexer.Token `parser:"@Number?"`
	Positions *gBrackets   `parser:"@@?"`
	Text      *lexer.Token `parser:"@Text?"`
}

// gEvolution is "evolution [--flag] labels" where the labels, arrows and "@positions" are kept
// as a token list (a label may be empty: "A->B->->D").
type gEvolution struct {
	Keyword lexer.Token   `parser:"@Keyword"`
	Flag    *lexer.Token  `parser:"@Word?"`
	Flat    *lexer.Token  `parser:"( @Stages"`
	Items   []lexer.Token `parser:"| @((Text | Arrow | Number | '@':Punct)+) )?"`
}

// flattenStages appends toks, an evolution line's tokens, to dst with its stages (two tokens or
// more, to the end of the line, that gEvolution reads as Items) as one Stages token spanning them
// in text, which the grammar reads as those Items (see flattenGroups).
func flattenStages(dst, toks []lexer.Token, text string) []lexer.Token {
	i := 1
	if i < len(toks) && toks[i].Type == ttWord {
		i++
	}
	for j := i; j < len(toks); j++ {
		if t := toks[j]; t.Type != ttText && t.Type != ttArrow && t.Type != ttNumber && (t.Type != ttPunct || t.Value != "@") {
			return append(dst, toks...)
		}
	}
	dst = append(dst, toks[:i]...)
	if len(toks)-i < 2 {
		return append(dst, toks[i:]...)
	}
	first, last := toks[i], toks[len(toks)-1]
	first.Type, first.Value = ttStages, text[first.Pos.Offset:last.Pos.Offset+len(last.Value)]
	return append(dst, first)
}

// gWords is "keyword word...": style, valuechain.
type gWords struct {
	Keyword lexer.Token   `parser:"@Keyword"`
	Words   []lexer.Token `parser:"@(Word+)?"`
}

// Token-list fields capture a whole repetition at once ("@(X+)?"): participle replaces a
// []lexer.Token field on every capture, so "@X*" would keep only the last token.

// gBrace is a "{" or "}" line, with anything after the brace.
type gBrace struct {
	Brace lexer.Token   `parser:"@('{' | '}')"`
	Rest  []lexer.Token `parser:"@(Other+)?"`
}

var (
	grammarOptions    = []participle.Option{participle.Lexer(mapLexerDefinition{symbols: tokenSymbols}), participle.UseLookahead(4)}
	namedParser       = participle.MustBuild[gNamed](grammarOptions...)
	plainParser       = participle.MustBuild[gPlain](grammarOptions...)
	modsParser        = participle.MustBuild[gMods](grammarOptions...)
	evolveParser      = participle.MustBuild[gEvolve](grammarOptions...)
	evolveStartParser = participle.MustBuild[gEvolveStart](grammarOptions...)
	linkParser        = participle.MustBuild[gLink](grammarOptions...)
	textParser        = participle.MustBuild[gText](grammarOptions...)
	urlParser         = participle.MustBuild[gURL](grammarOptions...)
	annotParser       = participle.MustBuild[gAnnotation](grammarOptions...)
	evoParser         = participle.MustBuild[gEvolution](grammarOptions...)
	wordsParser       = participle.MustBuild[gWords](grammarOptions...)
	braceParser       = participle.MustBuild[gBrace](grammarOptions...)
)

// parseTokens runs one statement grammar over the significant tokens of a line.
//
// The grammars never look at the text of keywords, names, numbers or free text, only at token
// types and at the values of modifiers and punctuation, so two lines with the same "shape" parse
// into the same tree. Within one parse (when p.shapes is set) participle therefore runs once per
// shape: the next line of that shape gets the same tree with its own tokens put in place of the
// previous line's, which has been read by then. A map's hundreds of "component Name [v, m]" lines
// cost one participle parse. Nothing is kept after the parse, and lines that fail are not reused.
func parseTokens[G any](p *parser, gp *participle.Parser[G], toks []lexer.Token, end lexer.Position) (*G, error) {
	var shared *shapeTree
	if p.shapes != nil {
		p.shapeBuf = appendShape(p.shapeBuf[:0], gp, toks)
		shared = p.shapes[string(p.shapeBuf)]
		if shared != nil && shared.rebind(toks) {
			return shared.tree.(*G), nil
		}
	}
	p.tokSource = sliceLexer{toks: toks, eof: lexer.EOFToken(end)}
	peek, err := lexer.Upgrade(&p.tokSource)
	if err != nil {
		return nil, err
	}
	g, err := gp.ParseFromLexer(peek)
	if err == nil && p.shapes != nil && shared == nil {
		p.shapes[string(p.shapeBuf)] = p.newShapeTree(g, toks)
	}
	return g, err
}

// newShapeTree makes the shapeTree of tree, read from toks, in the parse's memory for trees.
func (p *parser) newShapeTree(tree any, toks []lexer.Token) *shapeTree {
	if len(p.treeMem) == 0 {
		p.treeMem = make([]shapeTree, 4)
	}
	t := &p.treeMem[0]
	p.treeMem = p.treeMem[1:]
	t.tree, t.toks = tree, compactTokens(t.mem[:], toks)
	return t
}

// appendShape appends the shape of a token list under a grammar to b: the grammar, then each
// token's type, plus its value where the grammars match on values (modifiers and punctuation).
// Keywords are matched by type only, so "anchor A [..]" and "component B [..]" share a shape,
// and so is a brace line's brace ("{" and "}" fill the same field of gBrace); a link's flow
// shares the shape of an arrow.
func appendShape(b []byte, grammar any, toks []lexer.Token) []byte {
	b = append(b, grammarID(grammar))
	for i, t := range toks {
		typ := t.Type
		if typ == ttFlow && grammar == linkParser {
			typ = ttArrow // gLink reads either as its operator, and neither elsewhere
		}
		b = append(b, byte('a'+typ))
		if (t.Type == ttPunct || t.Type == ttAttr) && (i > 0 || grammar != braceParser) {
			b = append(b, t.Value...)
			b = append(b, 0)
		}
	}
	return b
}

// grammarID tells the statement grammars apart in a shape.
func grammarID(grammar any) byte {
	for i, g := range []any{namedParser, plainParser, modsParser, evolveParser, linkParser, textParser, urlParser, annotParser, evoParser, wordsParser, braceParser, evolveStartParser} {
		if g == grammar {
			return byte('0' + i)
		}
	}
	panic("mapdsl: a grammar without an id")
}

// shapeTree is the grammar tree of a shape and where each of its tokens sits in the token list.
// Most shapes of a map have one line, so the places (slots) are found when a second line comes:
// until then toks holds the tokens the tree was read from.
type shapeTree struct {
	tree  any
	toks  []lineToken
	mem   [6]lineToken // memory for toks
	slots []tokenSlot
	// unshared is set when a token of the tree is not one of toks: each line of the shape is
	// then read on its own.
	unshared bool
}

// rebind puts toks, the tokens of a line of the tree's shape, in place of those the tree holds,
// and reports whether it could.
func (t *shapeTree) rebind(toks []lexer.Token) bool {
	if t.slots == nil && !t.unshared {
		slots, ok := tokenSlots(reflect.ValueOf(t.tree), t.toks, make([]tokenSlot, 0, len(t.toks)))
		t.toks, t.slots, t.unshared = nil, slots, !ok
	}
	if t.unshared {
		return false
	}
	for _, s := range t.slots {
		*s.tok = toks[s.index]
	}
	return true
}

type tokenSlot struct {
	tok   *lexer.Token
	index int
}

// tokenSlots finds every token held in a grammar tree and its index in toks; ok is false when a
// token is not one of toks.
func tokenSlots(v reflect.Value, toks []lineToken, out []tokenSlot) (_ []tokenSlot, ok bool) {
	switch v.Kind() {
	case reflect.Pointer:
		if !v.IsNil() {
			return tokenSlots(v.Elem(), toks, out)
		}
	case reflect.Slice:
		for i := 0; i < v.Len(); i++ {
			if out, ok = tokenSlots(v.Index(i), toks, out); !ok {
				return nil, false
			}
		}
	case reflect.Struct:
		if t, isTok := v.Addr().Interface().(*lexer.Token); isTok {
			if t.Type == 0 {
				return out, true // a token field the grammar left empty
			}
			i, found := slices.BinarySearchFunc(toks, int32(t.Pos.Offset), func(x lineToken, off int32) int { return int(x.start - off) })
			if !found || toks[i] != (lineToken{typ: int32(t.Type), start: int32(t.Pos.Offset), end: int32(t.Pos.Offset + len(t.Value))}) {
				return nil, false
			}
			return append(out, tokenSlot{t, i}), true
		}
		for i := 0; i < v.NumField(); i++ {
			if out, ok = tokenSlots(v.Field(i), toks, out); !ok {
				return nil, false
			}
		}
	}
	return out, true
}
