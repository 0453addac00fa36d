package lsp

import (
	"fmt"
	"strings"

	glsp "github.com/tliron/glsp"
	protocol "github.com/tliron/glsp/protocol_3_16"

	"mapwright/mapdsl"
)

// hover describes the element under the cursor: where it sits, in which stage of evolution, what
// it links to and from, and where it evolves to.
func (s *Server) hover(_ *glsp.Context, p *protocol.HoverParams) (*protocol.Hover, error) {
	return withDoc(s, p.TextDocument.URI, func(d *document) (*protocol.Hover, error) {
		mt, ok := d.mentionAt(d.offset(p.Position))
		if !ok || mt.name == "" {
			return nil, nil
		}
		text := describe(d.m, mt.name)
		if text == "" {
			return nil, nil
		}
		r := d.rangeOf(mt.r)
		return &protocol.Hover{Contents: protocol.MarkupContent{Kind: protocol.MarkupKindMarkdown, Value: text}, Range: &r}, nil
	})
}

// describe is the hover text of the element called name, in Markdown.
func describe(m *mapdsl.Map, name string) string {
	var b strings.Builder
	var at mapdsl.Coords
	switch c, a := component(m, name), anchor(m, name); {
	case c != nil:
		kind := "component"
		switch {
		case c.Kind == mapdsl.KindSubmap:
			kind = "submap"
		case c.Kind == mapdsl.KindPipelineChild:
			kind = "component in the pipeline of " + c.Parent.Name
		case c.Decorators.Market:
			kind = "market"
		case c.Decorators.Ecosystem:
			kind = "ecosystem"
		}
		fmt.Fprintf(&b, "**%s** (%s)\n\n", c.Name, kind)
		at = c.Coords
		if c.Kind == mapdsl.KindPipelineChild {
			fmt.Fprintf(&b, "maturity %s, %s\n\n", num(at.Maturity), stageOf(m, at.Maturity.Value))
		} else {
			fmt.Fprintf(&b, "[%s, %s]: visibility %s, maturity %s, %s\n\n", num(at.Visibility), num(at.Maturity),
				num(at.Visibility), num(at.Maturity), stageOf(m, at.Maturity.Value))
		}
		if c.Decorators.Method != mapdsl.MethodNone {
			fmt.Fprintf(&b, "sourcing: %s\n\n", c.Decorators.Method)
		}
		if c.Inertia {
			b.WriteString("has inertia\n\n")
		}
		if e := c.Evolve; e != nil {
			to := ""
			if e.NewName != "" {
				to = fmt.Sprintf(" as **%s**", e.NewName)
			}
			fmt.Fprintf(&b, "evolves%s to maturity %s, %s\n\n", to, num(e.Maturity), stageOf(m, e.Maturity.Value))
		}
		if c.Pipeline != nil && len(c.Pipeline.Children) > 0 {
			names := make([]string, len(c.Pipeline.Children))
			for i, ch := range c.Pipeline.Children {
				names[i] = ch.Name
			}
			fmt.Fprintf(&b, "pipeline: %s\n\n", strings.Join(names, ", "))
		}
	case a != nil:
		fmt.Fprintf(&b, "**%s** (anchor)\n\n[%s, %s]: visibility %s, maturity %s\n\n", a.Name,
			num(a.Coords.Visibility), num(a.Coords.Maturity), num(a.Coords.Visibility), num(a.Coords.Maturity))
	default:
		return ""
	}
	var in, out []string
	for _, l := range m.Links {
		if l.From == name {
			out = append(out, linkEnd(l, l.To))
		}
		if l.To == name {
			in = append(in, linkEnd(l, l.From))
		}
	}
	if len(out) > 0 {
		fmt.Fprintf(&b, "links to: %s\n\n", strings.Join(out, ", "))
	}
	if len(in) > 0 {
		fmt.Fprintf(&b, "linked from: %s\n\n", strings.Join(in, ", "))
	}
	return strings.TrimSpace(b.String())
}

// linkEnd names the other end of a link, with its flow label or context when it has one.
func linkEnd(l *mapdsl.Link, other string) string {
	s := other
	if l.Kind == mapdsl.LinkFlow {
		s += " (flow"
		if l.FlowLabel != "" {
			s += " " + l.FlowLabel
		}
		s += ")"
	}
	if l.Context != "" {
		s += " — " + strings.TrimSpace(l.Context)
	}
	return s
}

// num is a number as the text spells it.
func num(n mapdsl.Number) string {
	if n.Raw != "" {
		return n.Raw
	}
	return fmt.Sprint(n.Value)
}

// stageOf names the evolution stage at maturity x.
func stageOf(m *mapdsl.Map, x float64) string {
	i := 0
	for k := range m.Stages {
		if x >= m.Stages[k].Start {
			i = k
		}
	}
	return m.Stages[i].Label
}

// documentSymbol is the outline: anchors, components (pipeline children under their pipeline's
// component), notes, annotations, areas and accelerators, in text order within each group.
func (s *Server) documentSymbol(_ *glsp.Context, p *protocol.DocumentSymbolParams) (any, error) {
	return withDoc(s, p.TextDocument.URI, func(d *document) (any, error) {
		m := d.m
		out := []protocol.DocumentSymbol{}
		sym := func(name, detail string, kind protocol.SymbolKind, whole, sel mapdsl.Range) protocol.DocumentSymbol {
			if strings.TrimSpace(name) == "" {
				name = "(unnamed)"
			}
			if !sel.Valid() {
				sel = whole
			}
			return protocol.DocumentSymbol{Name: name, Detail: &detail, Kind: kind,
				Range: d.rangeOf(whole), SelectionRange: d.rangeOf(sel)}
		}
		coords := func(c mapdsl.Coords) string {
			if !c.Present {
				return ""
			}
			return fmt.Sprintf("[%s, %s]", num(c.Visibility), num(c.Maturity))
		}
		if m.TitleRange.Valid() {
			out = append(out, sym(m.Title, "title", protocol.SymbolKindFile, m.TitleRange, m.TitleRange))
		}
		for _, a := range m.Anchors {
			out = append(out, sym(a.Name, "anchor "+coords(a.Coords), protocol.SymbolKindInterface, a.Range, a.NameRange))
		}
		for _, c := range m.Components {
			if c.Kind == mapdsl.KindPipelineChild {
				continue
			}
			kind, what := protocol.SymbolKindClass, "component"
			if c.Kind == mapdsl.KindSubmap {
				kind, what = protocol.SymbolKindModule, "submap"
			}
			s := sym(c.Name, what+" "+coords(c.Coords), kind, c.Range, c.NameRange)
			if c.Pipeline != nil {
				for _, ch := range c.Pipeline.Children {
					s.Children = append(s.Children, sym(ch.Name, "pipeline component "+num(ch.Coords.Maturity),
						protocol.SymbolKindField, ch.Range, ch.NameRange))
				}
				if c.Pipeline.BlockRange.Valid() {
					// The symbol spans its block so that editors fold and select it whole.
					s.Range = d.span(c.Range.Start.Offset, max(c.Range.End.Offset, c.Pipeline.BlockRange.End.Offset))
				}
			}
			out = append(out, s)
		}
		for _, e := range m.Evolves {
			out = append(out, sym("evolve "+e.Name, "to "+num(e.Maturity), protocol.SymbolKindEvent, e.Range, e.NameRange))
		}
		for _, n := range m.Notes {
			out = append(out, sym(n.Text, "note "+coords(n.Coords), protocol.SymbolKindString, n.Range, n.Range))
		}
		for _, a := range m.Annotations {
			out = append(out, sym(fmt.Sprintf("%d. %s", a.Number, a.Text), "annotation", protocol.SymbolKindNumber, a.Range, a.Range))
		}
		for _, a := range m.Areas {
			out = append(out, sym(a.Kind.String(), "area", protocol.SymbolKindNamespace, a.Range, a.Range))
		}
		for _, a := range m.Accelerators {
			what := "accelerator"
			if a.Deaccelerator {
				what = "deaccelerator"
			}
			out = append(out, sym(a.Name, what+" "+coords(a.Coords), protocol.SymbolKindOperator, a.Range, a.NameRange))
		}
		return out, nil
	})
}

// foldingRange offers pipeline blocks and runs of comment lines (line comments in a row, or a
// block comment over several lines) for folding.
func (s *Server) foldingRange(_ *glsp.Context, p *protocol.FoldingRangeParams) ([]protocol.FoldingRange, error) {
	return withDoc(s, p.TextDocument.URI, func(d *document) ([]protocol.FoldingRange, error) {
		out := []protocol.FoldingRange{}
		add := func(first, last int, kind string) {
			if last > first {
				out = append(out, protocol.FoldingRange{StartLine: protocol.UInteger(first), EndLine: protocol.UInteger(last), Kind: &kind})
			}
		}
		for _, pl := range d.m.Pipelines {
			if pl.BlockRange.Valid() {
				add(pl.Range.Start.Line-1, pl.BlockRange.End.Line-1, string(protocol.FoldingRangeKindRegion))
			}
		}
		run := -1 // first line of the current run of comment-only lines
		inBlock := false
		for i := range d.lineStarts {
			toks, after := mapdsl.HighlightLine(d.text[d.lineStarts[i]:d.lineEnd(i)], inBlock)
			inBlock = after
			comment := len(toks) > 0
			for _, t := range toks {
				comment = comment && t.Kind == mapdsl.TokenComment
			}
			switch {
			case comment && run < 0:
				run = i
			case !comment && run >= 0:
				add(run, i-1, string(protocol.FoldingRangeKindComment))
				run = -1
			}
		}
		if run >= 0 {
			add(run, len(d.lineStarts)-1, string(protocol.FoldingRangeKindComment))
		}
		return out, nil
	})
}

// semanticTokens colours the lines [first, last] with the lexer that colours the desktop editor.
func (d *document) semanticTokens(first, last int) []protocol.UInteger {
	kinds := map[mapdsl.TokenKind]int{
		mapdsl.TokenKeyword: 0, mapdsl.TokenName: 1, mapdsl.TokenNumber: 2, mapdsl.TokenOperator: 3,
		mapdsl.TokenComment: 4, mapdsl.TokenString: 5, mapdsl.TokenDecorator: 6, mapdsl.TokenText: 7,
	}
	var data []protocol.UInteger
	prevLine, prevChar := 0, 0
	inBlock := false
	for i := 0; i < len(d.lineStarts) && i <= last; i++ {
		start := d.lineStarts[i]
		line := d.text[start:d.lineEnd(i)]
		toks, after := mapdsl.HighlightLine(line, inBlock)
		inBlock = after
		if i < first {
			continue
		}
		for _, t := range toks {
			k, ok := kinds[t.Kind]
			if !ok {
				continue // punctuation and unreadable text keep the editor's default colour
			}
			char := int(d.position(start + t.Start).Character)
			length := int(d.position(start+t.End).Character) - char
			if i != prevLine {
				prevChar = 0
			}
			data = append(data, protocol.UInteger(i-prevLine), protocol.UInteger(char-prevChar),
				protocol.UInteger(length), protocol.UInteger(k), 0)
			prevLine, prevChar = i, char
		}
	}
	return data
}

func (s *Server) semanticTokensFull(_ *glsp.Context, p *protocol.SemanticTokensParams) (*protocol.SemanticTokens, error) {
	return withDoc(s, p.TextDocument.URI, func(d *document) (*protocol.SemanticTokens, error) {
		return &protocol.SemanticTokens{Data: nonNil(d.semanticTokens(0, len(d.lineStarts)-1))}, nil
	})
}

func (s *Server) semanticTokensRange(_ *glsp.Context, p *protocol.SemanticTokensRangeParams) (any, error) {
	return withDoc(s, p.TextDocument.URI, func(d *document) (any, error) {
		return &protocol.SemanticTokens{Data: nonNil(d.semanticTokens(int(p.Range.Start.Line), int(p.Range.End.Line)))}, nil
	})
}

func nonNil[T any](s []T) []T {
	if s == nil {
		return []T{}
	}
	return s
}
