package edit

import (
	"fmt"
	"math"
	"strings"
	"unicode/utf8"

	"mapwright/mapdsl"
	"mapwright/mapdsl/mermaid"
)

// Kind is a kind of element that can be added to a map from the canvas.
type Kind int

// The kinds of element Add writes, with the line each one gets.
const (
	AddAnchor        Kind = iota // anchor Name [v, m]
	AddComponent                 // component Name [v, m]
	AddMarket                    // component Name [v, m] (market)
	AddEcosystem                 // component Name [v, m] (ecosystem)
	AddSubmap                    // submap Name [v, m]
	AddNote                      // note Text [v, m]
	AddPipeline                  // component Name [v, m] and pipeline Name [m-0.15, m+0.15]
	AddAnnotation                // annotation N [v, m] Text, N one more than the highest number
	AddPioneers                  // pioneers [v, m, v2, m2]
	AddSettlers                  // settlers [v, m, v2, m2]
	AddTownPlanners              // townplanners [v, m, v2, m2]
	AddAccelerator               // accelerator Name [v, m]
	AddDeaccelerator             // deaccelerator Name [v, m]
)

// Element is a new element: its kind, its name (a note's or an annotation's text) and its
// place. Vis, Mat is its position, for an area the top-left corner; Vis2, Mat2 is an area's
// bottom-right corner.
type Element struct {
	Kind       Kind
	Name       string
	Vis, Mat   float64
	Vis2, Mat2 float64
}

// Add writes the line of a new element where a person would put it: after the last line of its
// kind (see insertStatement). Components, markets, ecosystems, submaps, pipelines and anchors
// need a name no component or anchor has yet. In a Mermaid diagram (m.Mermaid) the line is
// written in Mermaid's syntax, and an element Mermaid has no form for is refused, saying why.
func Add(src []byte, m *mapdsl.Map, el Element) (Splice, error) {
	m = mapOf(src, m)
	if err := checkFinite("a position", el.Vis, el.Mat, el.Vis2, el.Mat2); err != nil {
		return Splice{}, err
	}
	at := coordsText(el.Vis, el.Mat)
	// insert writes line where it belongs, in Mermaid's syntax in a Mermaid diagram.
	insert := func(line string, kind mapdsl.StatementKind) (Splice, error) {
		if m.Mermaid {
			var err error
			if line, err = mermaid.Statement(line); err != nil {
				return Splice{}, err
			}
		}
		return insertStatement(src, line, kind)
	}
	named := func(keyword string, kind mapdsl.StatementKind, extra string) (Splice, error) {
		if err := checkNewName(m, el.Name); err != nil {
			return Splice{}, err
		}
		return insert(keyword+" "+writeName(el.Name, inDeclaration)+" "+at+extra, kind)
	}
	switch el.Kind {
	case AddAnchor:
		return named("anchor", mapdsl.StmtAnchor, "")
	case AddComponent:
		return named("component", mapdsl.StmtComponent, "")
	case AddMarket:
		return named("component", mapdsl.StmtComponent, " (market)")
	case AddEcosystem:
		return named("component", mapdsl.StmtComponent, " (ecosystem)")
	case AddSubmap:
		return named("submap", mapdsl.StmtSubmap, "")
	case AddPipeline:
		if m.Mermaid {
			return Splice{}, fmt.Errorf("a Mermaid pipeline lists its components, so it cannot start empty: write \"pipeline %s {\" with its components and \"}\" in the text", el.Name)
		}
		c, err := named("component", mapdsl.StmtComponent, "")
		if err != nil {
			return Splice{}, err
		}
		start, end := math.Max(0, el.Mat-0.15), math.Min(1, el.Mat+0.15)
		p, err := insertStatement(src, "pipeline "+writeName(el.Name, inDeclaration)+" ["+formatCoord(start)+", "+formatCoord(end)+"]", mapdsl.StmtPipeline)
		if err != nil {
			return Splice{}, err
		}
		if p.Start == c.Start { // both go at the same place: the component first
			return Splice{Start: c.Start, End: c.End, Text: c.Text + p.Text}, nil
		}
		return join(src, []Splice{c, p}), nil
	case AddAccelerator, AddDeaccelerator:
		keyword, kind := "accelerator", mapdsl.StmtAccelerator
		if el.Kind == AddDeaccelerator {
			keyword, kind = "deaccelerator", mapdsl.StmtDeaccelerator
		}
		if problem := nameProblem(el.Name); problem != "" {
			return Splice{}, fmt.Errorf("cannot use the name %q: %s", el.Name, problem)
		}
		return insert(keyword+" "+writeName(el.Name, inDeclaration)+" "+at, kind)
	case AddNote:
		if problem := textProblem(el.Name); problem != "" {
			return Splice{}, fmt.Errorf("cannot write the note %q: %s", el.Name, problem)
		}
		return insert("note "+writeName(el.Name, inDeclaration)+" "+at, mapdsl.StmtNote)
	case AddAnnotation:
		if problem := textProblem(el.Name); problem != "" {
			return Splice{}, fmt.Errorf("cannot write the annotation %q: %s", el.Name, problem)
		}
		n := 1
		for _, a := range m.Annotations {
			n = max(n, a.Number+1)
		}
		return insert(fmt.Sprintf("annotation %d %s %s", n, at, el.Name), mapdsl.StmtAnnotation)
	case AddPioneers, AddSettlers, AddTownPlanners:
		kind := mapdsl.AreaKind(el.Kind - AddPioneers)
		v1, v2 := math.Max(el.Vis, el.Vis2), math.Min(el.Vis, el.Vis2)
		m1, m2 := math.Min(el.Mat, el.Mat2), math.Max(el.Mat, el.Mat2)
		return insert(fmt.Sprintf("%s [%s, %s, %s, %s]", kind, formatCoord(v1), formatCoord(m1), formatCoord(v2), formatCoord(m2)), mapdsl.StmtArea)
	}
	return Splice{}, fmt.Errorf("unknown kind of element %d", el.Kind)
}

// textProblem explains why a note's or an annotation's text cannot be written on one line, or
// returns "".
func textProblem(text string) string {
	switch {
	case strings.TrimSpace(text) == "":
		return "it needs some text"
	case !utf8.ValidString(text):
		return "the text must be valid UTF-8"
	case strings.ContainsAny(text, "\r\n[]"):
		return "the text must fit on one line and hold no [ or ] (they start its position)"
	case strings.Contains(text, "//") || strings.Contains(text, "/*"):
		return "// and /* start a comment, so the text cannot contain them"
	}
	return ""
}

// checkNewName refuses names that cannot be written or that another element already has.
func checkNewName(m *mapdsl.Map, name string) error {
	if problem := nameProblem(name); problem != "" {
		return fmt.Errorf("cannot use the name %q: %s", name, problem)
	}
	if m.Mermaid && strings.Contains(name, `"`) {
		return fmt.Errorf("cannot use the name %q: a Mermaid diagram's names cannot hold a double quote", name)
	}
	for _, c := range m.Components {
		if c.Name == name {
			return fmt.Errorf("there is already a component named %q (line %d); choose another name", name, c.Range.Start.Line)
		}
	}
	for _, a := range m.Anchors {
		if a.Name == name {
			return fmt.Errorf("there is already an anchor named %q (line %d); choose another name", name, a.Range.Start.Line)
		}
	}
	return nil
}

// AddToPipeline adds the child "component Name [mat]" to the pipeline r points to: before the
// "}" of its block, or in a new block after its line when it has none (the box then spans its
// children, as OWM draws a block pipeline).
func AddToPipeline(src []byte, m *mapdsl.Map, r Ref, name string, mat float64) (Splice, error) {
	m = mapOf(src, m)
	p, err := at(r, Pipelines, m.Pipelines)
	if err != nil {
		return Splice{}, err
	}
	if err := checkFinite("the maturity", mat); err != nil {
		return Splice{}, err
	}
	if err := checkNewName(m, name); err != nil {
		return Splice{}, err
	}
	eol := lineEnding(src)
	child := "component " + spell(m, name, inDeclaration) + " [" + formatCoord(mat) + "]"
	var s Splice
	if p.BlockRange.Valid() {
		if err := checkRange(src, "pipeline block", p.BlockRange); err != nil {
			return Splice{}, err
		}
		indent := "  "
		if len(p.Children) > 0 {
			last := p.Children[len(p.Children)-1]
			start, _ := lineSpan(src, last.Range)
			indent = leadingBlanks(src[start:last.Range.Start.Offset])
		}
		closing := p.BlockRange.End.Offset - 1 // the line of the "}"
		for closing > 0 && src[closing-1] != '\n' {
			closing--
		}
		s = Splice{Start: closing, End: closing, Text: indent + child + eol}
	} else {
		if err := checkRange(src, "pipeline", p.Range); err != nil {
			return Splice{}, err
		}
		_, end := lineSpan(src, p.Range)
		text := "{" + eol + "  " + child + eol + "}" + eol
		if end == len(src) && (end == 0 || src[end-1] != '\n') {
			text = eol + text
		}
		s = Splice{Start: end, End: end, Text: text}
	}
	after, _ := mapdsl.Parse("", Apply(src, s))
	if i := r.Index; i >= len(after.Pipelines) || !hasChild(after.Pipelines[i], name) {
		return Splice{}, fmt.Errorf("could not add %q to pipeline %q (line %d); write it in the pipeline's { } block by hand", name, p.Name, p.Range.Start.Line)
	}
	return s, nil
}

func hasChild(p *mapdsl.Pipeline, name string) bool {
	for _, c := range p.Children {
		if c.Name == name {
			return true
		}
	}
	return false
}

func leadingBlanks(b []byte) string {
	n := 0
	for n < len(b) && (b[n] == ' ' || b[n] == '\t') {
		n++
	}
	return string(b[:n])
}

// AddLink writes the dependency link "From->To" between the elements the two refs point to
// after the last link. Both ends must name a component, submap, pipeline child or anchor, and
// the two must not be linked already.
func AddLink(src []byte, m *mapdsl.Map, fromRef, toRef Ref) (Splice, error) {
	m = mapOf(src, m)
	from, err := nameOf(m, fromRef)
	if err != nil {
		return Splice{}, err
	}
	to, err := nameOf(m, toRef)
	if err != nil {
		return Splice{}, err
	}
	known := allNames(m)
	for _, end := range []string{from, to} {
		found := false
		for _, n := range known {
			found = found || n == end
		}
		if !found {
			return Splice{}, unknown("component or anchor", end, known)
		}
		if problem := linkProblem(end); problem != "" {
			return Splice{}, fmt.Errorf("cannot link %q: %s; rename it first", end, problem)
		}
	}
	if from == to {
		return Splice{}, fmt.Errorf("cannot link %q to itself", from)
	}
	for _, l := range m.Links {
		if (refersTo(m, l.From, from) && refersTo(m, l.To, to)) || (refersTo(m, l.From, to) && refersTo(m, l.To, from)) {
			return Splice{}, fmt.Errorf("%q and %q are already linked on line %d", from, to, l.Range.Start.Line)
		}
	}
	op := "->"
	if m.Mermaid {
		op = " -> "
	}
	return insertStatement(src, spell(m, from, inLinkStart)+op+spell(m, to, inLinkEnd), mapdsl.StmtLink)
}
