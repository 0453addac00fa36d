package render_test

import (
	"mapwright/mapdsl"
)

// Hand-built maps for tests that must not depend on the parser: they exercise every element of
// the notation with known coordinates.

func num(v float64) mapdsl.Number { return mapdsl.Number{Value: v, Set: true} }

func at(v, m float64) mapdsl.Coords {
	return mapdsl.Coords{Visibility: num(v), Maturity: num(m), Present: true}
}

func rng(line int) mapdsl.Range {
	return mapdsl.Range{Start: mapdsl.Pos{Line: line, Column: 1}, End: mapdsl.Pos{Line: line, Column: 2}}
}

func offset(dx, dy float64) mapdsl.Offset {
	return mapdsl.Offset{DX: num(dx), DY: num(dy), Present: true}
}

// builder appends elements with increasing line numbers.
type builder struct {
	m    *mapdsl.Map
	line int
}

func newBuilder(title string) *builder {
	b := &builder{m: &mapdsl.Map{Title: title}}
	b.line = 1
	b.m.TitleRange = rng(1)
	return b
}

func (b *builder) next() mapdsl.Range { b.line++; return rng(b.line) }

func (b *builder) comp(name string, v, m float64) *mapdsl.Component {
	c := &mapdsl.Component{Name: name, Coords: at(v, m), Range: b.next()}
	b.m.Components = append(b.m.Components, c)
	return c
}

func (b *builder) anchor(name string, v, m float64) {
	b.m.Anchors = append(b.m.Anchors, &mapdsl.Anchor{Name: name, Coords: at(v, m), Range: b.next()})
}

func (b *builder) link(from, to string) *mapdsl.Link {
	k := &mapdsl.Link{From: from, To: to, Operator: "->", Range: b.next()}
	b.m.Links = append(b.m.Links, k)
	return k
}

func (b *builder) flow(from, to, label string) *mapdsl.Link {
	k := b.link(from, to)
	k.Kind, k.Operator, k.FlowLabel = mapdsl.LinkFlow, "+>", label
	return k
}

func (b *builder) evolve(name, newName string, m float64) *mapdsl.Evolve {
	e := &mapdsl.Evolve{Name: name, NewName: newName, Maturity: num(m), Range: b.next()}
	b.m.Evolves = append(b.m.Evolves, e)
	for _, c := range b.m.Components {
		if c.Name == name && c.Evolve == nil {
			c.Evolve = e
		}
	}
	return e
}

// teaShop is OWM's canonical example extended with one of every element of the notation.
func teaShop() *mapdsl.Map {
	b := newBuilder("Tea Shop")
	b.anchor("Business", 0.95, 0.63)
	b.anchor("Public", 0.95, 0.78)
	b.comp("Cup of Tea", 0.79, 0.61)
	b.comp("Cup", 0.73, 0.78).Decorators.Method = mapdsl.MethodBuy
	b.comp("Tea", 0.63, 0.81)
	b.comp("Hot Water", 0.52, 0.80)
	b.comp("Water", 0.38, 0.82)
	kettle := b.comp("Kettle", 0.43, 0.35)
	kettle.Inertia = true
	kettle.Label = offset(-57, 4)
	b.comp("Power", 0.10, 0.70).Decorators.Method = mapdsl.MethodOutsource
	b.comp("Market Research", 0.85, 0.45).Decorators.Market = true
	b.comp("Partners", 0.30, 0.15).Decorators.Ecosystem = true
	b.comp("Staff\nTraining", 0.25, 0.45).Decorators.Method = mapdsl.MethodBuild
	sub := b.comp("Supplier", 0.2, 0.55)
	sub.Kind, sub.URLRef = mapdsl.KindSubmap, "supplierMap"
	b.m.URLs = append(b.m.URLs, &mapdsl.URL{Ref: "supplierMap", Address: "https://example.com/map", Range: b.next()})
	b.evolve("Kettle", "", 0.62).Label = offset(16, 7)
	b.evolve("Tea", "Premium Tea", 0.9)

	// A bracketed pipeline and a block pipeline with children.
	cup := b.m.Components[1]
	p1 := &mapdsl.Pipeline{Name: "Cup", Start: num(0.65), End: num(0.92), Bracketed: true, Component: cup, Range: b.next()}
	cup.Pipeline = p1
	b.m.Pipelines = append(b.m.Pipelines, p1)
	tea := b.m.Components[2]
	p2 := &mapdsl.Pipeline{Name: "Tea", Component: tea, Range: b.next()}
	tea.Pipeline = p2
	for i, ch := range []struct {
		name string
		m    float64
	}{{"Loose Leaf", 0.55}, {"Tea Bags", 0.72}} {
		c := b.comp(ch.name, 0.63, ch.m)
		c.Kind, c.Parent = mapdsl.KindPipelineChild, p2
		c.Coords.Visibility.Set = false
		if i == 0 {
			c.Label = offset(-29, 28)
		}
		p2.Children = append(p2.Children, c)
	}
	b.m.Pipelines = append(b.m.Pipelines, p2)

	b.link("Business", "Cup of Tea")
	b.link("Public", "Cup of Tea").Context = "buys daily"
	b.link("Cup of Tea", "Cup")
	b.link("Cup of Tea", "Tea")
	b.link("Cup of Tea", "Hot Water")
	b.link("Hot Water", "Water")
	b.flow("Hot Water", "Kettle", "$0.10")
	b.link("Kettle", "Power")
	b.link("Cup of Tea", "Market Research")
	b.link("Kettle", "Staff\nTraining")
	b.link("Staff\nTraining", "Partners")
	b.link("Hot Water", "Supplier")
	b.link("Tea", "Loose Leaf")
	b.link("Cup of Tea", "Premium Tea")
	b.link("Cup of Tea", "Nobody") // unknown: not drawn

	b.m.Notes = append(b.m.Notes, &mapdsl.Note{Text: "+a generic note\nover two lines", Coords: at(0.23, 0.25), Range: b.next()})
	b.m.Annotations = append(b.m.Annotations,
		&mapdsl.Annotation{Number: 1, Positions: []mapdsl.Coords{at(0.43, 0.49), at(0.08, 0.79)}, Text: "Standardising power allows Kettles to evolve faster", Range: b.next()},
		&mapdsl.Annotation{Number: 2, Positions: []mapdsl.Coords{at(0.48, 0.87)}, Text: "Hot water is obvious and well known", Range: b.next()},
	)
	b.m.AnnotationsAt = at(0.84, 0.02)
	b.m.AnnotationsRange = b.next()
	b.m.Areas = append(b.m.Areas,
		&mapdsl.Area{Kind: mapdsl.AreaPioneers, Nums: [4]mapdsl.Number{num(0.98), num(0.02), num(0.88), num(0.2)}, Range: b.next()},
		&mapdsl.Area{Kind: mapdsl.AreaSettlers, Nums: [4]mapdsl.Number{num(0.60), num(0.25), num(0.50), num(0.42)}, Range: b.next()},
		&mapdsl.Area{Kind: mapdsl.AreaTownPlanners, Nums: [4]mapdsl.Number{num(0.20), num(0.75), num(0.05), num(0.98)}, Range: b.next()},
	)
	b.m.Accelerators = append(b.m.Accelerators,
		&mapdsl.Accelerator{Name: "Open standards", Coords: at(0.55, 0.90), Range: b.next()},
		&mapdsl.Accelerator{Name: "Regulation", Deaccelerator: true, Coords: at(0.15, 0.30), Range: b.next()},
	)
	b.m.Stages = [4]mapdsl.Stage{
		{Label: "Genesis", Start: 0}, {Label: "Custom-Built", Start: 0.175},
		{Label: "Product", Second: "(+rental)", Start: 0.40}, {Label: "Commodity", Second: "(+utility)", Start: 0.70},
	}
	return b.m
}

// customStages has custom stage labels and positions, hidden value chain and a size.
func customStages() *mapdsl.Map {
	b := newBuilder("Custom stages")
	b.m.Stages = [4]mapdsl.Stage{{Label: "Novel", Start: 0}, {Label: "Emerging", Start: 0.25}, {Label: "Good", Start: 0.5}, {Label: "Best", Start: 0.8}}
	b.m.CustomStages = true
	b.m.ValueChainHidden = true
	b.m.Width, b.m.Height = 600, 400
	b.anchor("User", 0.95, 0.5)
	b.comp("Thing", 0.6, 0.3)
	b.comp("Other", 0.3, 0.7).Inertia = true
	b.evolve("Thing", "", 0.9)
	b.link("User", "Thing")
	b.link("Thing", "Other")
	return b.m
}

// hiddenAxes hides the evolution axis.
func hiddenAxes() *mapdsl.Map {
	b := newBuilder("")
	b.m.EvolutionHidden = true
	b.m.ValueChainHidden = true
	b.comp("Alone", 0.5, 0.5)
	return b.m
}

// hostile carries names and urls that try to break out of SVG.
func hostile() *mapdsl.Map {
	b := newBuilder(`<script>alert("t")</script> & ]]> title`)
	b.comp(`<script>alert(1)</script>`, 0.8, 0.2)
	b.comp("]]><!-- &amp; \"quoted\" 'single'", 0.6, 0.4)
	b.comp("ctrl\x00\x01\x1b\x7f bytes \xff\xfe end", 0.4, 0.6)
	b.comp("onload=alert(1) <svg onload=alert(1)>", 0.3, 0.3)
	for i, u := range []string{"javascript:alert(1)", "JaVaScRiPt:alert(1)", "java\tscript:alert(1)", " javascript:alert(1)",
		"data:text/html;base64,PHNjcmlwdD4=", "vbscript:msgbox", "file:///etc/passwd", `https://ok.example/"><script>`, "https://good.example/map?a=1&b=2"} {
		c := b.comp("sub"+string(rune('A'+i)), 0.1+0.08*float64(i), 0.8)
		c.Kind = mapdsl.KindSubmap
		c.URLRef = "u" + string(rune('A'+i))
		b.m.URLs = append(b.m.URLs, &mapdsl.URL{Ref: c.URLRef, Address: u})
	}
	b.m.Notes = append(b.m.Notes, &mapdsl.Note{Text: "<![CDATA[ x ]]> <?xml?> &#x26;", Coords: at(0.5, 0.5)})
	b.m.Annotations = append(b.m.Annotations, &mapdsl.Annotation{Number: 1, Positions: []mapdsl.Coords{at(0.2, 0.2)}, Text: "<img src=x onerror=alert(1)>"})
	b.link(`<script>alert(1)</script>`, "onload=alert(1) <svg onload=alert(1)>").Context = `</text><script>alert(2)</script>`
	return b.m
}
