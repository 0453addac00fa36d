package mapdsl

import "github.com/alecthomas/participle/v2/lexer"

// Rebinding a cached grammar tree (see parseTokens): every grammar type copies itself with the
// tokens of the new line put in place of those of the line the tree was parsed from. Written out
// per type rather than with reflection because it runs for every statement of a text read for the
// first time.

// tokenMap finds, for a token of the cached tree, the token at the same index in the new line.
type tokenMap struct {
	index map[int]int // cached line's token offset -> index
	toks  []lexer.Token
}

func (m *tokenMap) tok(t lexer.Token) lexer.Token {
	if i, ok := m.index[t.Pos.Offset]; ok && t.Type != 0 {
		return m.toks[i]
	}
	return t
}

func (m *tokenMap) ptr(t *lexer.Token) *lexer.Token {
	if t == nil {
		return nil
	}
	n := m.tok(*t)
	return &n
}

func (m *tokenMap) list(ts []lexer.Token) []lexer.Token {
	if ts == nil {
		return nil
	}
	out := make([]lexer.Token, len(ts))
	for i, t := range ts {
		out[i] = m.tok(t)
	}
	return out
}

// rebinder is implemented by the root grammar types.
type rebinder interface {
	rebindAny(m *tokenMap) any
}

func (g *gBrackets) rebind(m *tokenMap) *gBrackets {
	if g == nil {
		return nil
	}
	n := &gBrackets{Open: m.tok(g.Open), Close: m.ptr(g.Close)}
	if g.Items != nil {
		n.Items = make([]*gItem, len(g.Items))
		for i, it := range g.Items {
			n.Items[i] = &gItem{Group: it.Group.rebind(m), Tok: m.ptr(it.Tok)}
		}
	}
	return n
}

func (g *gParens) rebind(m *tokenMap) *gParens {
	if g == nil {
		return nil
	}
	return &gParens{Open: m.tok(g.Open), Items: m.list(g.Items), Close: m.ptr(g.Close)}
}

func rebindMods(mods []*gModifier, m *tokenMap) []*gModifier {
	if mods == nil {
		return nil
	}
	out := make([]*gModifier, len(mods))
	for i, g := range mods {
		n := &gModifier{Inertia: m.ptr(g.Inertia), Decor: g.Decor.rebind(m), Group: g.Group.rebind(m), Other: m.ptr(g.Other)}
		if g.Label != nil {
			n.Label = &gLabel{Keyword: m.tok(g.Label.Keyword), Offset: g.Label.Offset.rebind(m)}
		}
		if g.URL != nil {
			n.URL = &gURLRef{Keyword: m.tok(g.URL.Keyword), Ref: g.URL.Ref.rebind(m)}
		}
		if g.Evolve != nil {
			n.Evolve = &gInlineEvolve{Keyword: m.tok(g.Evolve.Keyword), Maturity: m.ptr(g.Evolve.Maturity)}
		}
		out[i] = n
	}
	return out
}

func (g *gNamed) rebindAny(m *tokenMap) any {
	return &gNamed{Keyword: m.tok(g.Keyword), Name: m.ptr(g.Name), Coords: g.Coords.rebind(m), Mods: rebindMods(g.Mods, m)}
}

func (g *gEvolve) rebindAny(m *tokenMap) any {
	return &gEvolve{Keyword: m.tok(g.Keyword), Name: m.ptr(g.Name), Arrow: m.ptr(g.Arrow), NewName: m.ptr(g.NewName),
		Junk: m.list(g.Junk), Maturity: m.ptr(g.Maturity), Mods: rebindMods(g.Mods, m)}
}

func (g *gLink) rebindAny(m *tokenMap) any {
	return &gLink{From: m.ptr(g.From), Op: m.tok(g.Op), To: m.ptr(g.To), Dropped: m.list(g.Dropped),
		Semi: m.ptr(g.Semi), Context: m.ptr(g.Context)}
}

func (g *gText) rebindAny(m *tokenMap) any {
	return &gText{Keyword: m.tok(g.Keyword), Text: m.ptr(g.Text)}
}

func (g *gURL) rebindAny(m *tokenMap) any {
	return &gURL{Keyword: m.tok(g.Keyword), Ref: m.ptr(g.Ref), Open: m.ptr(g.Open), Address: m.ptr(g.Address),
		Close: m.ptr(g.Close), Junk: m.list(g.Junk)}
}

func (g *gAnnotation) rebindAny(m *tokenMap) any {
	return &gAnnotation{Keyword: m.tok(g.Keyword), Number: m.ptr(g.Number), Positions: g.Positions.rebind(m), Text: m.ptr(g.Text)}
}

func (g *gEvolution) rebindAny(m *tokenMap) any {
	return &gEvolution{Keyword: m.tok(g.Keyword), Flag: m.ptr(g.Flag), Items: m.list(g.Items)}
}

func (g *gWords) rebindAny(m *tokenMap) any {
	return &gWords{Keyword: m.tok(g.Keyword), Words: m.list(g.Words)}
}

func (g *gBrace) rebindAny(m *tokenMap) any {
	return &gBrace{Brace: m.tok(g.Brace), Rest: m.list(g.Rest)}
}
