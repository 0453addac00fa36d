package mermaid

import (
	"fmt"
	"math"
	"regexp"
	"sort"
	"strconv"
	"strings"

	"mapwright/mapdsl"
)

// Warning is something of the map that Mermaid's dialect cannot say, and what Write wrote
// instead; Line is the map line it comes from (1-based, 0 for the whole map).
type Warning struct {
	Line    int
	Message string
	Range   mapdsl.Range // the statement's text (zero for the whole map)
}

// Statement writes one OWM statement line (a line an edit adds: a component, a note, an
// annotation...) in Mermaid's syntax. A statement Mermaid has no form for is an error saying so.
func Statement(line string) (string, error) {
	m, diags := mapdsl.Parse("", []byte(line))
	if diags.HasErrors() {
		return "", fmt.Errorf("cannot write %q: %s", line, diags.Errors()[0].Message)
	}
	out, warnings := Write(m, nil)
	if len(warnings) > 0 {
		lack, _, _ := strings.Cut(warnings[0].Message, ": ")
		return "", fmt.Errorf("a Mermaid diagram cannot have it: %s (an .owm map can)", lack)
	}
	text := strings.TrimSuffix(strings.TrimPrefix(string(out), Header+"\n"), "\n")
	if text == "" || strings.Contains(text, "\n") {
		return "", fmt.Errorf("cannot write %q as one Mermaid line", line)
	}
	return text, nil
}

// CodeCannotSay is the code of Format's errors: the diagram holds what Mermaid cannot say.
const CodeCannotSay = "mermaid-cannot-say"

// Format returns a diagram in its canonical layout: its map m (read by Parse from diagram)
// written again by Write, comments kept at their places and the wardley-beta line where it is.
// Like mapdsl.Format it never changes what a map means, so a diagram that holds what Mermaid
// cannot say (OWM statements that Mapwright reads in a diagram, such as areas or urls, which
// Write would turn into comments) is not formatted: out is nil and each such statement is an
// error saying why.
func Format(m *mapdsl.Map, diagram []byte) (out []byte, unsaid mapdsl.Diagnostics) {
	src := ToOWM(diagram)
	first := headerLine(diagram)
	if first == 0 {
		first = firstCodeLine(src)
	}
	out, warnings := write(m, src, first)
	for _, w := range warnings {
		r := w.Range
		if !r.Valid() {
			r = mapdsl.Range{Start: mapdsl.Pos{Line: 1, Column: 1}, End: mapdsl.Pos{Line: 1, Column: 1}}
		}
		unsaid = append(unsaid, mapdsl.Diagnostic{Severity: mapdsl.SeverityError, Range: r, Code: CodeCannotSay,
			Message: "formatting would change what the diagram means (" + w.Message + "), so it is left as it is"})
	}
	if len(unsaid) > 0 {
		return nil, unsaid
	}
	return out, nil
}

// Write prints m as a wardley-beta diagram: every element Mermaid has, in Mermaid's syntax, in
// the order of the text m was read from. What Mermaid lacks is written in the nearest form it has
// (an ecosystem as a market, a submap as a component) or, where there is none (areas, urls,
// styles, a pipeline without components), as a %% comment; each such case is a Warning.
//
// src is the OWM text m was parsed from (a Mermaid diagram after ToOWM), or nil: its comments
// are kept, as %% comments at their places, and single blank lines between statements too.
func Write(m *mapdsl.Map, src []byte) ([]byte, []Warning) {
	return write(m, src, firstCodeLine(src))
}

// write is Write with the header written before line first of src.
func write(m *mapdsl.Map, src []byte, first int) ([]byte, []Warning) {
	w := &writer{first: first}
	w.header(m)
	for _, a := range m.Anchors {
		w.nameQuoteWarning(a.Name, a.Range)
		w.at(a.Range.Start.Line).line(fmt.Sprintf("anchor %s %s", name(a.Name), w.coords(a.Coords)))
	}
	for _, c := range m.Components {
		if c.Kind == mapdsl.KindPipelineChild {
			continue
		}
		w.component(c)
	}
	for _, p := range m.Pipelines {
		w.pipeline(p)
	}
	for _, l := range m.Links {
		w.link(l)
	}
	for _, e := range m.Evolves {
		w.evolve(e)
	}
	for _, n := range m.Notes {
		w.at(n.Range.Start.Line).line(fmt.Sprintf("note %s %s", quoted(n.Text), w.coords(n.Coords)))
	}
	w.annotations(m)
	for _, a := range m.Accelerators {
		kw := "accelerator"
		if a.Deaccelerator {
			kw = "deaccelerator"
		}
		w.nameQuoteWarning(a.Name, a.Range)
		w.at(a.Range.Start.Line).line(fmt.Sprintf("%s %s %s", kw, name(a.Name), w.coords(a.Coords)))
	}
	w.unsupported(m)
	w.comments(src)
	return w.text(), w.warnings
}

// header writes the diagram's first lines: the header, title, size, evolution stages and (as a
// comment) the style.
func (w *writer) header(m *mapdsl.Map) {
	w.at(-1).line(Header)
	if m.TitleRange.Valid() || m.Title != "Untitled Map" {
		w.at(m.TitleRange.Start.Line).line("title " + oneLine(m.Title))
	}
	if m.Width > 0 && m.Height > 0 {
		wd, ht := int(math.Round(m.Width)), int(math.Round(m.Height))
		if wd < 1 || ht < 1 {
			wd, ht = max(wd, 1), max(ht, 1)
			w.warn(m.SizeRange, "Mermaid's size is in whole pixels: it is written as [%d, %d]", wd, ht)
		}
		w.at(m.SizeRange.Start.Line).line(fmt.Sprintf("size [%d, %d]", wd, ht))
	} else if m.Width > 0 || m.Height > 0 {
		w.warn(m.SizeRange, "Mermaid's size needs a width and a height: the size with one of them is dropped")
	}
	for _, st := range m.Stages {
		if strings.ContainsAny(st.Label, `"'`) {
			w.warn(mapdsl.Range{}, "Mermaid's stage names cannot hold quotes: those of %q are read back as blanks", st.Label)
		}
	}
	if m.CustomStages {
		parts := make([]string, 4)
		for i, st := range m.Stages {
			end := 1.0
			if i < 3 {
				end = m.Stages[i+1].Start
			}
			parts[i] = stageName(st.Label) + "@" + w.decimal(end, "")
		}
		w.at(0).line("evolution " + strings.Join(parts, " -> "))
	} else if m.Stages[0].Label != "Genesis" || m.Stages[1].Label != "Custom-Built" || m.Stages[2].Label != "Product" || m.Stages[3].Label != "Commodity" {
		parts := make([]string, 4)
		for i, st := range m.Stages {
			parts[i] = stageName(st.Label)
		}
		w.at(0).line("evolution " + strings.Join(parts, " -> "))
	}
	if m.Style != "" && m.Style != "plain" {
		w.warn(m.StyleRange, "Mermaid has no styles: style %s is written as a comment", m.Style)
		w.at(m.StyleRange.Start.Line).line("%% style " + m.Style)
	}
}

// evolve writes an evolve line; Mermaid's cannot rename or offset the label.
func (w *writer) evolve(e *mapdsl.Evolve) {
	if e.NewName != "" {
		w.warn(e.Range, "Mermaid's evolve cannot rename: the evolved %q is drawn as %q", e.NewName, e.Name)
	}
	if e.Label.Present {
		w.warn(e.Range, "Mermaid's evolve has no label offset: the one of %q is dropped", e.Name)
	}
	w.nameQuoteWarning(e.Name, e.Range)
	if math.Abs(e.Maturity.Value) >= 10 {
		w.warn(e.Range, "an evolve maturity of 10 or more is not read back as one: %s is written, the copy goes to the default", e.Maturity.Raw)
	}
	w.at(e.Range.Start.Line).line(fmt.Sprintf("evolve %s %s", name(e.Name), w.decimal(e.Maturity.Value, e.Maturity.Raw)))
}

// annotations writes the legend's position and each annotation, once per position (Mermaid's
// annotation has one).
func (w *writer) annotations(m *mapdsl.Map) {
	if m.AnnotationsRange.Valid() {
		w.at(m.AnnotationsRange.Start.Line).line("annotations " + w.coords(m.AnnotationsAt))
	}
	for _, a := range m.Annotations {
		if len(a.Positions) > 1 {
			w.warn(a.Range, "Mermaid's annotation has one position: annotation %d is written once per position", a.Number)
		}
		w.at(a.Range.Start.Line)
		for _, p := range a.Positions {
			w.line(fmt.Sprintf("annotation %d,%s %s", a.Number, w.coords(p), quoted(a.Text)))
		}
	}
}

// unsupported writes what Mermaid has no statement for (areas, urls) as comments, with a
// warning each, and warns about hidden axes.
func (w *writer) unsupported(m *mapdsl.Map) {
	for _, a := range m.Areas {
		w.warn(a.Range, "Mermaid has no %s areas: written as a comment", a.Kind)
		nums := make([]string, 4)
		for i, n := range a.Nums {
			nums[i] = w.decimal(n.Value, n.Raw)
		}
		w.at(a.Range.Start.Line).line(fmt.Sprintf("%%%% %s [%s]", a.Kind, strings.Join(nums, ", ")))
	}
	for _, u := range m.URLs {
		w.warn(u.Range, "Mermaid has no urls: url %s is written as a comment", u.Ref)
		w.at(u.Range.Start.Line).line(fmt.Sprintf("%%%% url %s [%s]", oneLine(u.Ref), oneLine(u.Address)))
	}
	if m.EvolutionHidden || m.ValueChainHidden {
		w.warn(mapdsl.Range{}, "Mermaid always draws both axes' captions")
	}
}

// writer collects the statements of the diagram, each at the line of the text it comes from.
type writer struct {
	stmts    []stmt
	first    int // the first line of src with a statement (1 when there is no src)
	warnings []Warning
	negative bool // the line being written has a number below 0 (written as 0.0)
}

type stmt struct {
	key  int    // where it goes: twice its source line; the header and defaults just before first
	text string // one or more lines, each ending in a line break
}

// at makes the next lines belong to source line n; the header (-1) and what the text did not
// write (0) go just before the text's first statement, after any comments above it.
func (w *writer) at(n int) *writer {
	key := 2 * n
	if n <= 0 {
		key = 2*w.first - 1
	}
	w.stmts = append(w.stmts, stmt{key: key})
	return w
}

// firstCodeLine is the number of the first line of src that is neither blank nor a comment;
// in a text of only comments and blank lines (or none), the line after the last comment, so
// that the header written there stays below the comments when the diagram is read again.
func firstCodeLine(src []byte) int {
	last := 0
	for i, l := range strings.Split(string(src), "\n") {
		t := strings.TrimSpace(l)
		switch {
		case strings.HasPrefix(t, "//"):
			last = i + 1
		case t != "":
			return i + 1
		}
	}
	return last + 1
}

func (w *writer) line(s string) {
	st := &w.stmts[len(w.stmts)-1]
	st.text += s + "\n"
	if w.negative {
		w.negative = false
		at := mapdsl.Pos{Line: st.key / 2, Column: 1}
		w.warn(mapdsl.Range{Start: at, End: at}, "Mermaid's numbers have no sign: a number below 0 is written as 0.0")
	}
}

// comments adds the comment lines of src as %% comments, and a blank line where src has blank
// lines between statements.
func (w *writer) comments(src []byte) {
	for i, l := range strings.Split(string(src), "\n") {
		t := strings.TrimSpace(l)
		switch {
		case strings.HasPrefix(t, "//"):
			w.at(i + 1).line("%% " + strings.TrimSpace(strings.TrimPrefix(t, "//")))
		case t == "" && i > 0 && i+1 <= w.first:
			// blank lines above the first statement (and the header's own line, blank after
			// ToOWM): the header takes their place
		case t == "" && i > 0:
			w.at(i + 1).line("")
		}
	}
}

// text joins the statements in source order, with no blank line first, last or twice in a row.
func (w *writer) text() []byte {
	sort.SliceStable(w.stmts, func(i, j int) bool { return w.stmts[i].key < w.stmts[j].key })
	var b strings.Builder
	blank := false
	for _, s := range w.stmts {
		if s.text == "\n" {
			blank = b.Len() > 0
			continue
		}
		if s.text == "" {
			continue
		}
		if blank {
			b.WriteByte('\n')
			blank = false
		}
		b.WriteString(s.text)
	}
	return []byte(b.String())
}

func (w *writer) warn(r mapdsl.Range, format string, args ...any) {
	w.warnings = append(w.warnings, Warning{Line: r.Start.Line, Message: fmt.Sprintf(format, args...), Range: r})
}

func (w *writer) component(c *mapdsl.Component) {
	w.at(c.Range.Start.Line)
	w.nameQuoteWarning(c.Name, c.Range)
	s := fmt.Sprintf("component %s %s", name(c.Name), w.coords(c.Coords))
	if c.Kind == mapdsl.KindSubmap {
		w.warn(c.Range, "Mermaid has no submaps: %q is written as a component", c.Name)
	}
	if c.Label.Present {
		s += " " + label(w, c.Label, c.Range)
	}
	switch d := c.Decorators; {
	case d.Market || d.Ecosystem:
		if d.Ecosystem {
			w.warn(c.Range, "Mermaid has no ecosystems: %q is written as a market", c.Name)
		}
		if d.Method != mapdsl.MethodNone {
			w.warn(c.Range, "Mermaid takes one decorator: %q keeps (market) and loses (%s)", c.Name, d.Method)
		}
		s += " (market)"
	case d.Method != mapdsl.MethodNone:
		s += " (" + d.Method.String() + ")"
	}
	if c.Inertia {
		s += " (inertia)"
	}
	w.line(s)
}

func (w *writer) pipeline(p *mapdsl.Pipeline) {
	w.at(p.Range.Start.Line)
	if p.Component == nil {
		// mapdsl warned of it; Mermaid's pipeline needs its component, so the block is kept as
		// comments, children and all, and the export says so.
		if len(p.Children) == 0 && p.Hidden {
			return
		}
		what := "its component"
		if len(p.Children) != 1 {
			what = fmt.Sprintf("its %d components", len(p.Children))
		}
		w.warn(p.Range, "the pipeline %q names no component, which Mermaid needs: it is written as a comment, with %s", p.Name, what)
		w.line("%% pipeline " + oneLine(p.Name) + " {")
		for _, c := range p.Children {
			w.line(fmt.Sprintf("%%%%   component %s [%s]", oneLine(c.Name), w.decimal(c.Coords.Maturity.Value, c.Coords.Maturity.Raw)))
		}
		w.line("%% }")
		return
	}
	if len(p.Children) == 0 {
		if !p.Hidden {
			w.warn(p.Range, "Mermaid's pipelines list their components: the pipeline of %q, which has none, is written as a comment", p.Name)
			w.line(fmt.Sprintf("%%%% pipeline %s [%s, %s]", oneLine(p.Name), w.decimal(p.Start.Value, p.Start.Raw), w.decimal(p.End.Value, p.End.Raw)))
		}
		return
	}
	w.line("pipeline " + name(p.Component.Name) + " {")
	for _, c := range p.Children {
		w.nameQuoteWarning(c.Name, c.Range)
		s := fmt.Sprintf("  component %s [%s]", name(c.Name), w.decimal(c.Coords.Maturity.Value, c.Coords.Maturity.Raw))
		if c.Label.Present {
			s += " " + label(w, c.Label, c.Range)
		}
		w.line(s)
	}
	w.line("}")
}

func (w *writer) link(l *mapdsl.Link) {
	w.at(l.Range.Start.Line)
	w.nameQuoteWarning(l.From, l.Range)
	w.nameQuoteWarning(l.To, l.Range)
	op := " -> "
	if l.Kind == mapdsl.LinkFlow {
		switch {
		case l.FlowLabel != "":
			dir := ">"
			switch {
			case strings.HasSuffix(l.Operator, "<>"):
				dir = "<>"
			case strings.HasSuffix(l.Operator, "<"):
				dir = "<"
			}
			op = " +'" + strings.ReplaceAll(l.FlowLabel, "'", "’") + "'" + dir + " "
		case strings.HasPrefix(l.Operator, "+<>"):
			op = " +<> "
		case strings.HasPrefix(l.Operator, "+<"):
			op = " +< "
		default:
			op = " +> "
		}
	}
	s := name(l.From) + op + name(l.To)
	if c := strings.TrimSpace(l.Context); c != "" {
		s += "; " + oneLine(c)
	}
	w.line(s)
}

// label writes a label offset; Mermaid's are whole pixels.
func label(w *writer, o mapdsl.Offset, r mapdsl.Range) string {
	dx, dy := math.Round(o.DX.Value), math.Round(o.DY.Value)
	if dx != o.DX.Value || dy != o.DY.Value {
		w.warn(r, "Mermaid's label offsets are whole pixels: [%s, %s] is rounded", o.DX.Raw, o.DY.Raw)
	}
	return fmt.Sprintf("label [%d, %d]", int(dx), int(dy))
}

// coords writes [visibility, maturity] with the decimal point Mermaid's numbers need.
func (w *writer) coords(c mapdsl.Coords) string {
	return "[" + w.decimal(c.Visibility.Value, c.Visibility.Raw) + ", " + w.decimal(c.Maturity.Value, c.Maturity.Raw) + "]"
}

// decimal is decimal, noting a number below 0 for the line being written, which then warns
// of it (Mermaid's numbers have no sign).
func (w *writer) decimal(v float64, raw string) string {
	if v < 0 {
		w.negative = true
	}
	return decimal(v, raw)
}

// decimal spells a number with a decimal point (Mermaid reads "0.5" and "1.0", not "1" or
// ".5"), keeping the original spelling when it already has that form.
func decimal(v float64, raw string) string {
	if plainDecimal.MatchString(raw) {
		return raw
	}
	s := strconv.FormatFloat(v, 'f', -1, 64)
	if !strings.Contains(s, ".") {
		s += ".0"
	}
	if strings.HasPrefix(s, "-") {
		s = "0.0" // Mermaid's numbers have no sign; positions below 0 are off the map anyway
	}
	return s
}

var stageWord = regexp.MustCompile(`^[A-Za-z_][A-Za-z0-9_-]*(?: / [A-Za-z_][A-Za-z0-9_-]*)?$`)

var plainDecimal = regexp.MustCompile(`^[0-9]+\.[0-9]+$`)

// bareName is what Mermaid reads as a name without quotes: a letter, then letters, digits,
// _()& or a hyphen not starting an arrow, in words separated by blanks that start with a letter or
// "(".
var bareName = regexp.MustCompile(`^[A-Za-z](?:[A-Za-z0-9_()&]|-[^>])*(?:[ ][A-Za-z(](?:[A-Za-z0-9_()&]|-[^>])*)*$`)

// reserved are the words Mermaid's lexer takes as keywords wherever they start a name.
var reserved = []string{"wardley-beta", "size", "evolution", "anchor", "component", "label", "inertia",
	"evolve", "pipeline", "note", "annotations", "annotation", "accelerator", "deaccelerator",
	"build", "buy", "outsource", "market", "title", "accTitle", "accDescr"}

// Name writes an element name as a Mermaid diagram needs it: bare when Mermaid reads it so,
// otherwise in double quotes (a double quote inside it becomes ”). Edits of a diagram spell names
// with it.
func Name(s string) string { return name(s) }

// name writes an element name, quoted when Mermaid would not read it bare.
func name(s string) string {
	s = oneLine(s)
	ok := bareName.MatchString(s) && !strings.HasSuffix(s, "-")
	for _, r := range reserved {
		if strings.HasPrefix(s, r) {
			ok = false
		}
	}
	if ok && (inertiaRe.MatchString(s) || dashedArrowRe.MatchString(s)) {
		ok = false // bare, "A(inertia)" would read as A with inertia
	}
	if ok {
		return s
	}
	// A name cannot hold a double quote: Mermaid would need single quotes, which Mapwright
	// reads as part of a name. The declaration warns (nameQuoteWarning).
	return `"` + strings.ReplaceAll(s, `"`, "”") + `"`
}

// nameQuoteWarning warns, at an element's declaration, that its name's double quotes are
// written as ”.
func (w *writer) nameQuoteWarning(n string, r mapdsl.Range) {
	if strings.Contains(n, `"`) {
		w.warn(r, "Mermaid's names cannot hold a double quote: %q is written with ” instead", n)
	}
}

// quoted writes text in double quotes (single quotes when it holds a double quote; Mermaid has no
// escapes, so a text holding both loses its double quotes).
func quoted(s string) string {
	s = oneLine(s)
	if !strings.Contains(s, `"`) {
		return `"` + s + `"`
	}
	if !strings.Contains(s, "'") {
		return "'" + s + "'"
	}
	return `"` + strings.ReplaceAll(s, `"`, "”") + `"`
}

// stageName writes an evolution stage label.
func stageName(s string) string {
	s = oneLine(s)
	if stageWord.MatchString(s) {
		return s // one word, or Mermaid's "first / second" pair of words
	}
	return quoted(s)
}

// oneLine joins the lines of a multi-line name (OWM's \n) with spaces: Mermaid's are one line.
func oneLine(s string) string {
	return strings.Join(strings.Fields(strings.ReplaceAll(s, `\n`, " ")), " ")
}
