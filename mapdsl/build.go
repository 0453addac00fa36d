package mapdsl

import (
	"cmp"
	"strings"
	"unicode/utf8"
)

// build turns the statements into the Map and resolves the references between elements.
func (p *parser) build() *Map {
	m := NewMap()
	m.Components = make([]*Component, 0, p.counts.components)
	m.Links = make([]*Link, 0, p.counts.links)
	var b buildState
	var st Statement // the line being read, at its place in the text (see lineStmt.view)
	for i := range p.lines {
		p.stop.Point()
		r := &p.lines[i]
		// Blocks were delimited by parseLines; the statement that closes one (a "}" line, or any
		// line containing "}" as in OWM) ends it here, whatever else it is.
		if r.brace >= 0 && b.curPipe != nil {
			b.curPipe.BlockRange.End = p.src.pos(int(r.brace) + 1)
			b.curPipe = nil
		}
		switch r.kind {
		case StmtBlank, StmtComment, StmtIgnored, StmtUnknown, StmtBlockClose:
			continue // nothing to build (and no need to read the statement)
		}
		if r.st.failed {
			continue
		}
		switch r.kind {
		case StmtComponent, StmtSubmap, StmtMarket, StmtEcosystem:
			p.buildComponent(m, r, &st)
		case StmtPipelineChild:
			m.Components = append(m.Components, p.pipelineChild(r, &st, b.curPipe))
		case StmtLink:
			if r.st.Name != "" && r.st.Target != "" {
				m.Links = append(m.Links, p.link(r))
			}
		default:
			r.view(&st) // the other statements are few: read them at their place
			p.buildStatement(m, r, &st, i, &b)
		}
	}
	p.applyMethods(m, b.methods)
	p.resolve(m)
	return m
}

// buildState is what build carries from one line to the next.
type buildState struct {
	titleSet bool
	curPipe  *Pipeline         // the pipeline whose block is open
	pipeOf   map[int]*Pipeline // by the index of the pipeline's line
	methods  []int             // the lines of legacy "build Name" methods
}

// buildComponent adds a component line's component, and the evolve its legacy inline
// "evolve" gives.
func (p *parser) buildComponent(m *Map, r *lineStmt, st *Statement) {
	c := p.component(r, st)
	m.Components = append(m.Components, c)
	if ev := r.st.InlineEvolve; ev != nil {
		mat := r.number(*ev)
		e := &Evolve{Name: c.Name, NameRange: c.NameRange, Maturity: mat, Range: c.Range}
		m.Evolves = append(m.Evolves, e)
		p.diag(SeverityWarning, mat.Range, "legacy-inline-evolve",
			"\"evolve\" on a component line is a legacy form OWM no longer draws; write a separate line \"evolve %s %s\"", c.Name, ev.Raw)
	}
}

// pipelineChild makes the component of a line inside a pipeline's block (curPipe, when one is
// open).
func (p *parser) pipelineChild(r *lineStmt, st *Statement, curPipe *Pipeline) *Component {
	c := p.component(r, st)
	c.Kind = KindPipelineChild
	// A single number is the maturity; with two, OWM uses the first.
	given := r.coords(r.st.Coords) // as written, whatever coordsInName made of the name
	mat := given.Visibility
	if !mat.Set && !given.Present {
		mat = Number{Value: 0.2}
	} else if !mat.Set {
		mat.Value = 0.2
	}
	c.Coords.Maturity = mat
	c.Coords.Visibility = Number{Value: 0.9}
	if curPipe != nil {
		c.Parent = curPipe
		curPipe.Children = append(curPipe.Children, c)
	}
	return c
}

// buildStatement adds what one of the less common statements (st, line i) says to the map.
func (p *parser) buildStatement(m *Map, r *lineStmt, st *Statement, i int, b *buildState) {
	switch st.Kind {
	case StmtTitle:
		if b.titleSet {
			p.diag(SeverityInfo, st.Range, "duplicate-title", "only the first title is used; remove this one")
			return
		}
		b.titleSet = true
		m.Title = strings.ToValidUTF8(st.Text, "\uFFFD")
		if m.Title == "" {
			m.Title = "Untitled Map"
		}
		m.TitleRange = st.Range
	case StmtAnchor:
		m.Anchors = append(m.Anchors, &Anchor{Name: st.Name, NameRange: st.NameRange, Coords: st.Coords, Range: st.Range})
	case StmtNote:
		m.Notes = append(m.Notes, &Note{Text: st.Name, Coords: st.Coords, Range: st.Range})
	case StmtAccelerator, StmtDeaccelerator:
		m.Accelerators = append(m.Accelerators, &Accelerator{Name: st.Name, NameRange: st.NameRange,
			Deaccelerator: st.Kind == StmtDeaccelerator, Coords: st.Coords, Range: st.Range})
	case StmtPipeline:
		m.Pipelines = append(m.Pipelines, b.pipeline(r, st, i))
	case StmtBlockOpen:
		if pl := b.pipeOf[int(r.owner)]; r.owner >= 0 && pl != nil {
			b.curPipe = pl
			pl.BlockRange = st.Range
		}
	case StmtEvolve:
		e := &Evolve{Name: st.Name, NewName: st.Target, NameRange: st.NameRange, Label: st.Label,
			Decorators: st.Decorators, Range: st.Range}
		if len(st.Numbers) > 0 {
			e.Maturity = r.number(st.Numbers[0])
		}
		m.Evolves = append(m.Evolves, e)
	case StmtURL:
		if st.URLRef != "" {
			m.URLs = append(m.URLs, &URL{Ref: st.URLRef, Address: st.Text, Range: st.Range})
		}
	case StmtAnnotation:
		if a := p.annotation(r, st); a != nil {
			m.Annotations = append(m.Annotations, a)
		}
	case StmtAnnotations:
		if st.Coords.Present {
			m.AnnotationsAt = st.Coords
			m.AnnotationsRange = st.Range
		}
	case StmtArea:
		m.Areas = append(m.Areas, p.area(r, st))
	case StmtEvolution:
		p.applyEvolution(m, r, st)
	case StmtValueChain:
		if strings.HasPrefix(st.Text, "--hide") {
			m.ValueChainHidden = true
		} else {
			p.diag(SeverityError, st.Range, "bad-flag", "valuechain only takes --hide, as in \"valuechain --hide\"")
		}
	case StmtStyle:
		if st.Text == "" {
			p.diag(SeverityWarning, st.Range, "missing-style", "style needs a name: plain, wardley, handwritten, colour or dark")
			return
		}
		m.Style = st.Text
		m.StyleRange = st.Range
		if st.Text == "color" {
			m.Style = "colour"
		}
	case StmtSize:
		if st.Coords.Present {
			m.Width, m.Height = st.Coords.Visibility.Value, st.Coords.Maturity.Value
			m.SizeRange = st.Range
		}
	case StmtMethod:
		b.methods = append(b.methods, i)
	case StmtAxis:
		p.diag(SeverityWarning, st.Range, "legacy-axis",
			"%q was removed from OWM and is ignored; use \"evolution A->B->C->D\" for stage labels", st.Keyword)
	}
}

// pipeline makes the pipeline of line i, remembered for the block that gives its children;
// Mermaid's "pipeline X {" opens that block on its own line.
func (b *buildState) pipeline(r *lineStmt, st *Statement, i int) *Pipeline {
	pl := &Pipeline{Name: st.Name, NameRange: st.NameRange, Range: st.Range,
		Start: Number{Value: 0.2}, End: Number{Value: 0.8}}
	if st.Coords.Present {
		pl.Bracketed = true
		pl.Start, pl.End = st.Coords.Visibility, st.Coords.Maturity
	}
	if b.pipeOf == nil {
		b.pipeOf = map[int]*Pipeline{}
	}
	b.pipeOf[i] = pl
	if int(r.owner) == i {
		b.curPipe = pl
		pl.BlockRange = st.BraceRange
	}
	return pl
}

// annotation makes an annotation line's annotation, or reports why OWM draws none (nil).
func (p *parser) annotation(r *lineStmt, st *Statement) *Annotation {
	if len(st.Numbers) == 0 || !st.Numbers[0].Set || len(st.Positions) == 0 {
		p.diag(SeverityWarning, st.Range, "incomplete-annotation",
			"OWM draws an annotation only with a number and a position, as in \"annotation 1 [0.50, 0.50] text\"")
		return nil
	}
	positions := make([]Coords, len(st.Positions))
	for k, c := range st.Positions {
		positions[k] = r.coords(c)
	}
	return &Annotation{Number: int(st.Numbers[0].Value), Positions: positions, Text: st.Text, Range: st.Range}
}

// area makes a pioneers, settlers or townplanners area: its corners as given, else OWM's
// defaults.
func (p *parser) area(r *lineStmt, st *Statement) *Area {
	a := &Area{Kind: areaKinds[st.Keyword], Range: st.Range}
	defs := [4]float64{0.9, 0.1, 0.8, 0.2}
	for i := range a.Nums {
		a.Nums[i] = Number{Value: defs[i]}
	}
	given := 0
	if len(st.Numbers) >= 4 && !hasOldPSTForm(st) {
		given = 4
	} else if len(st.Numbers) >= 2 {
		given = 2
	}
	for k := range given {
		a.Nums[k] = r.number(st.Numbers[k])
	}
	if hasOldPSTForm(st) {
		p.diag(SeverityWarning, st.Range, "legacy-pst",
			"\"%s [v, m] width height\" is the old form whose size OWM no longer uses; write \"%s [v1, m1, v2, m2]\" (top-left and bottom-right)", st.Keyword, st.Keyword)
	}
	return a
}

var areaKinds = map[string]AreaKind{"pioneers": AreaPioneers, "settlers": AreaSettlers, "townplanners": AreaTownPlanners}

// hasOldPSTForm reports the pre-2020-10 "pioneers [v, m] w h" form.
func hasOldPSTForm(st *Statement) bool {
	return len(st.Numbers) > 4
}

// component makes the Component of a component-like line; st is the line's view (see build), of
// which only the rare cases read more than the cached statement.
func (p *parser) component(r *lineStmt, st *Statement) *Component {
	rel := r.st
	c := p.newComponent() // zeroed: set field by field, without building the struct first
	c.NameRange = r.rng(rel.NameRange)
	c.Name = p.asWritten(rel.Name, rel.NameQuoted, c.NameRange)
	c.Coords = r.coords(rel.Coords)
	c.Label = rel.Label
	c.Label.Range = r.rng(c.Label.Range)
	c.Label.DX, c.Label.DY = r.number(c.Label.DX), r.number(c.Label.DY)
	c.Inertia, c.InertiaRange = rel.Inertia, r.rng(rel.InertiaRange)
	c.Decorators = rel.Decorators
	c.Decorators.Range = r.rng(c.Decorators.Range)
	c.URLRef, c.Range = rel.URLRef, r.rng(rel.Range)
	switch r.kind {
	case StmtSubmap:
		c.Kind = KindSubmap
	case StmtMarket:
		r.view(st)
		c.Decorators.Market = true
		p.diag(SeverityWarning, st.Range, "legacy-market",
			"\"market Name [..]\" is a legacy form; write \"component %s [..] (market)\"", st.Name).Suggestion = p.modernForm(st, "market")
	case StmtEcosystem:
		r.view(st)
		c.Decorators.Ecosystem = true
		p.diag(SeverityWarning, st.Range, "legacy-ecosystem",
			"\"ecosystem Name [..]\" is a legacy form; write \"component %s [..] (ecosystem)\"", st.Name).Suggestion = p.modernForm(st, "ecosystem")
	}
	if strings.Contains(p.text[c.NameRange.Start.Offset:c.NameRange.End.Offset], "[") {
		// OWM takes coordinates from the first "[" even without a space before it.
		r.view(st)
		p.coordsInName(st, c)
	}
	return c
}

// newComponent returns memory for a Component: the components of a map are allocated together.
func (p *parser) newComponent() *Component {
	if len(p.componentSlab) == 0 {
		// The first block holds the component lines counted; any later one (a component not
		// counted there) sixteen more.
		p.componentSlab = make([]Component, cmp.Or(p.counts.components, 16))
		p.counts.components = 0
	}
	c := &p.componentSlab[0]
	p.componentSlab = p.componentSlab[1:]
	return c
}

// newLink returns memory for a Link: the links of a map are allocated together.
func (p *parser) newLink() *Link {
	if len(p.linkSlab) == 0 {
		p.linkSlab = make([]Link, cmp.Or(p.counts.links, 16))
		p.counts.links = 0
	}
	l := &p.linkSlab[0]
	p.linkSlab = p.linkSlab[1:]
	return l
}

// modernForm rewrites a legacy "market X [..]" / "ecosystem X [..]" statement as a component
// with the decorator, or returns "" when the line already has parentheses (no simple rewrite).
func (p *parser) modernForm(st *Statement, decorator string) string {
	code := p.text[st.Range.Start.Offset:st.Range.End.Offset]
	if st.Decorators.Range.Valid() || strings.ContainsAny(code, "()") {
		return ""
	}
	return "component" + code[len(st.Keyword):] + " (" + decorator + ")"
}

// coordsInName applies OWM's "coordinates from the first [" rule to a name like "Foo[0.5,0.5]".
func (p *parser) coordsInName(st *Statement, c *Component) {
	off := st.NameRange.Start.Offset
	raw := p.text[off:st.NameRange.End.Offset]
	i := strings.IndexByte(raw, '[')
	j := strings.IndexByte(raw[i:], ']')
	if j < 0 {
		return
	}
	inner := raw[i+1 : i+j]
	parts := strings.SplitN(inner, ",", 3)
	c.Coords = Coords{Present: true, Range: p.src.rng(off+i, off+i+j+1)}
	c.Coords.Visibility, c.Coords.Maturity = Number{Value: 0.9}, Number{Value: 0.1}
	pieceOff := off + i + 1
	for k, part := range parts {
		if k > 1 {
			break
		}
		if v, ok := parseFloatPrefix(removeBlanks(part)); ok {
			n := Number{Value: v, Raw: strings.TrimSpace(part), Set: true, Range: p.src.rng(pieceOff, pieceOff+len(part))}
			if k == 0 {
				c.Coords.Visibility = n
			} else {
				c.Coords.Maturity = n
			}
		}
		pieceOff += len(part) + 1
	}
	if st.Coords.Present {
		d := p.diag(SeverityWarning, st.NameRange, "bracket-in-name",
			"OWM takes the position from the first \"[\" of the line, which is in the name %q here; remove the brackets from the name", raw)
		d.Suggestion = strings.NewReplacer("[", "(", "]", ")").Replace(raw)
	} else {
		d := p.diag(SeverityWarning, st.NameRange, "no-space-before-bracket",
			"OWM reads the name of this element as %q because there is no space before \"[\"; add a space", raw)
		d.Suggestion = raw[:i] + " " + raw[i:]
	}
}

// link makes the Link of a link line.
func (p *parser) link(r *lineStmt) *Link {
	st := r.st
	l := p.newLink() // zeroed: set field by field, without building the struct first
	l.FromRange, l.ToRange = r.rng(st.NameRange), r.rng(st.TargetRange)
	l.From, l.To = p.asWritten(st.Name, st.NameQuoted, l.FromRange), p.asWritten(st.Target, st.TargetQuoted, l.ToRange)
	l.Operator, l.FlowLabel, l.Context = st.Operator, st.FlowLabel, validUTF8(st.Text)
	l.Range = r.rng(st.Range)
	op := st.Operator
	switch {
	case op == "->":
		l.Kind = LinkDependency
	case op == "+<>":
		l.Kind, l.Past = LinkFlow, true
	case op == "+<":
		l.Kind, l.Future = LinkFlow, true
	case op == "+>":
		l.Kind = LinkFlow
	case strings.HasSuffix(op, "'<>"):
		l.Kind, l.Past, l.Future = LinkFlow, true, true
	case strings.HasSuffix(op, "'>"):
		l.Kind, l.Future = LinkFlow, true
	case strings.HasSuffix(op, "'<"):
		l.Kind, l.Past = LinkFlow, true
	}
	return l
}

// applyEvolution sets the stage labels (and Mermaid-style positions) of an evolution line.
// HEAD OWM: the last valid line wins; a line needs exactly four labels.
func (p *parser) applyEvolution(m *Map, r *lineStmt, st *Statement) {
	if st.Hide {
		m.EvolutionHidden = true
	}
	if len(st.Stages) == 0 {
		if !st.Hide {
			p.diag(SeverityError, st.Range, "bad-evolution", "evolution needs four stage labels, as in \"evolution Genesis->Custom->Product->Commodity\"")
		}
		return
	}
	if len(st.Stages) != 4 {
		p.diag(SeverityError, st.Range, "bad-evolution",
			"evolution needs exactly four stage labels separated by \"->\" (this line has %d); the default stages are used", len(st.Stages))
		return
	}
	stages := defaultStages()
	custom := false
	for i, s := range st.Stages {
		stages[i].Label = strings.ToValidUTF8(s.Label, "\uFFFD")
		stages[i].Second = ""
		if s.Start.Set {
			custom = true
		}
	}
	if custom {
		// Extension from Mermaid's wardley-beta (docs/extensions.md): "Label@x" is where that
		// stage ends, i.e. the divider after it, so Stages[i+1].Start = x for the first three
		// labels; the first stage starts at 0 and the last always ends at 1.
		ok := true
		prev := 0.0
		for i, s := range st.Stages[:3] {
			if !s.Start.Set {
				ok = false
				break
			}
			if s.Start.Value <= prev || s.Start.Value >= 1 {
				ok = false
				break
			}
			prev = s.Start.Value
			stages[i+1].Start = s.Start.Value
		}
		if last := st.Stages[3].Start; ok && last.Set && last.Value != 1 {
			p.diag(SeverityWarning, r.rng(last.Range), "last-stage-position",
				"the last stage always ends at 1 (the right edge); write %s@1.0 or leave the position out", st.Stages[3].Label)
		}
		if !ok {
			p.diag(SeverityWarning, st.Range, "bad-stage-positions",
				"stage positions must increase between 0 and 1 and be given for the first three stages, as in \"evolution Genesis@0.2 -> Custom@0.45 -> Product@0.75 -> Commodity\"")
			stages = defaultStages()
			for i, s := range st.Stages {
				stages[i].Label, stages[i].Second = s.Label, ""
			}
		} else {
			m.CustomStages = true
		}
	}
	m.Stages = stages
}

// applyMethods applies legacy "build X" / "buy X" / "outsource X" lines to the named component.
func (p *parser) applyMethods(m *Map, methods []int) {
	var st Statement
	for _, i := range methods {
		p.lines[i].view(&st)
		c := firstComponent(m, st.Name)
		var meth Method
		switch st.Keyword {
		case "build":
			meth = MethodBuild
		case "buy":
			meth = MethodBuy
		default:
			meth = MethodOutsource
		}
		d := p.diag(SeverityWarning, st.Range, "legacy-method",
			"\"%s %s\" is a legacy form OWM no longer reads; add \"(%s)\" to the component line instead", st.Keyword, st.Name, st.Keyword)
		_ = d
		if c == nil {
			p.unknownName(m, st.NameRange, st.Name, "build/buy/outsource line")
			continue
		}
		if c.Decorators.Method == MethodNone {
			c.Decorators.Method = meth
			c.Decorators.LegacyMethod = true
		}
	}
}

func firstComponent(m *Map, name string) *Component {
	for _, c := range m.Components {
		if c.Name == name {
			return c
		}
	}
	return nil
}

// resolve connects evolves, pipelines and links to their components.
func (p *parser) resolve(m *Map) {
	byName, shared := componentsByName(m)
	p.byName, p.namesShared = byName, shared
	for _, e := range m.Evolves {
		c := byName[e.Name]
		if c == nil {
			continue
		}
		if c.Evolve == nil {
			c.Evolve = e
		}
	}
	for _, pl := range m.Pipelines {
		c := byName[pl.Name]
		if c == nil {
			continue
		}
		pl.Component = c
		if c.Pipeline == nil {
			c.Pipeline = pl
		}
		for _, ch := range pl.Children {
			ch.Coords.Visibility = Number{Value: c.Coords.Visibility.Value}
		}
	}
	for _, pl := range m.Pipelines {
		if len(pl.Children) > 0 {
			lo, hi := pl.Children[0].Coords.Maturity, pl.Children[0].Coords.Maturity
			for _, ch := range pl.Children[1:] {
				if ch.Coords.Maturity.Value < lo.Value {
					lo = ch.Coords.Maturity
				}
				if ch.Coords.Maturity.Value > hi.Value {
					hi = ch.Coords.Maturity
				}
			}
			pl.Start, pl.End = lo, hi
		} else if !pl.Bracketed {
			pl.Hidden = true
		}
	}
}

// asWritten returns name, read from the range of the text it was read from when it is spelled
// there as is (not quoted, valid UTF-8). The Map's names then lie in the text being parsed, side by
// side, rather than in the statement cache's copies of each line, scattered over the heap:
// resolving thousands of link ends compares names, and that reads them.
func (p *parser) asWritten(name string, quoted bool, r Range) string {
	if quoted || r.End.Offset-r.Start.Offset != len(name) {
		return name
	}
	if s := p.text[r.Start.Offset:r.End.Offset]; utf8.ValidString(s) {
		return s
	}
	return name
}

// validUTF8 is s with invalid UTF-8 replaced by U+FFFD; valid text (nearly always) is not copied.
func validUTF8(s string) string {
	if utf8.ValidString(s) {
		return s
	}
	return strings.ToValidUTF8(s, "\uFFFD")
}
