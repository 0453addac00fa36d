package edit

import (
	"fmt"
	"strconv"
	"strings"

	"mapwright/mapdsl"
)

// Move moves the component, submap, pipeline child, anchor, note or accelerator r points to
// to [vis, mat], rewriting only the numbers that change. A line without coordinates gets
// " [vis, mat]" after its name (after a note's text). A pipeline child has only a maturity
// (its visibility is its pipeline's), so vis is ignored.
func Move(src []byte, m *mapdsl.Map, r Ref, vis, mat float64) (Splice, error) {
	m = mapOf(src, m)
	switch r.List {
	case Components:
		c, err := at(r, Components, m.Components)
		if err != nil {
			return Splice{}, err
		}
		return moveComponent(src, c, vis, mat)
	case Anchors:
		a, err := at(r, Anchors, m.Anchors)
		if err != nil {
			return Splice{}, err
		}
		what := fmt.Sprintf("anchor %q", a.Name)
		if err := nameClear(what, a.NameRange, a.Coords.Range); err != nil {
			return Splice{}, err
		}
		return moveCoords(src, what, afterName(src, what, a.NameRange, a.Range), a.Coords, vis, mat)
	case Notes:
		n, err := at(r, Notes, m.Notes)
		if err != nil {
			return Splice{}, err
		}
		return moveNote(src, r.Index, n, vis, mat)
	case Accelerators:
		a, err := at(r, Accelerators, m.Accelerators)
		if err != nil {
			return Splice{}, err
		}
		what := fmt.Sprintf("accelerator %q", a.Name)
		if err := nameClear(what, a.NameRange, a.Coords.Range); err != nil {
			return Splice{}, err
		}
		return moveCoords(src, what, afterName(src, what, a.NameRange, a.Range), a.Coords, vis, mat)
	}
	return Splice{}, unsupported(r, "moved to one point")
}

func moveComponent(src []byte, c *mapdsl.Component, vis, mat float64) (Splice, error) {
	what := fmt.Sprintf("component %q", c.Name)
	if err := nameClear(what, c.NameRange, c.Coords.Range); err != nil {
		return Splice{}, err
	}
	if c.Kind == mapdsl.KindPipelineChild {
		if err := checkFinite("the maturity", mat); err != nil {
			return Splice{}, err
		}
		return moveMaturityOnly(src, what, c, mat)
	}
	return moveCoords(src, what, afterName(src, what, c.NameRange, c.Range), c.Coords, vis, mat)
}

// afterName returns a function giving where coordinates go on a line that has none.
func afterName(src []byte, what string, name, statement mapdsl.Range) func() (int, error) {
	return func() (int, error) { return nameEnd(src, what, name, statement) }
}

// atEnd returns a function giving the end of a statement, where coordinates go on a line
// that has no name (note text, annotations).
func atEnd(src []byte, what string, statement mapdsl.Range) func() (int, error) {
	return func() (int, error) {
		if err := checkRange(src, what, statement); err != nil {
			return 0, err
		}
		return contentEnd(src, statement), nil
	}
}

// moveCoords rewrites a [visibility, maturity] pair, or inserts one where insertAt says when
// the statement has none.
func moveCoords(src []byte, what string, insertAt func() (int, error), c mapdsl.Coords, vis, mat float64) (Splice, error) {
	if err := checkFinite("a position", vis, mat); err != nil {
		return Splice{}, err
	}
	switch {
	case !c.Present:
		at, err := insertAt()
		if err != nil {
			return Splice{}, err
		}
		return Splice{Start: at, End: at, Text: " " + coordsText(vis, mat)}, nil
	case c.Visibility.Set && c.Maturity.Set:
		if err := checkRange(src, what+" visibility", c.Visibility.Range); err != nil {
			return Splice{}, err
		}
		if err := checkRange(src, what+" maturity", c.Maturity.Range); err != nil {
			return Splice{}, err
		}
		return join(src, []Splice{
			numberEdit(c.Visibility, vis, formatCoord),
			numberEdit(c.Maturity, mat, formatCoord),
		}), nil
	default:
		// "[]" or "[0.5]" or "[, 0.3]": write the pair out in full.
		if err := plainBrackets(src, what, c.Range); err != nil {
			return Splice{}, err
		}
		return minimize(src, Splice{Start: c.Range.Start.Offset, End: c.Range.End.Offset, Text: coordsText(vis, mat)}), nil
	}
}

// moveMaturityOnly moves a pipeline child, whose brackets hold only a maturity.
func moveMaturityOnly(src []byte, what string, c *mapdsl.Component, mat float64) (Splice, error) {
	switch {
	case !c.Coords.Present:
		at, err := nameEnd(src, what, c.NameRange, c.Range)
		if err != nil {
			return Splice{}, err
		}
		return Splice{Start: at, End: at, Text: " [" + formatCoord(mat) + "]"}, nil
	case c.Coords.Maturity.Set:
		if err := checkRange(src, what+" maturity", c.Coords.Maturity.Range); err != nil {
			return Splice{}, err
		}
		return numberEdit(c.Coords.Maturity, mat, formatCoord), nil
	default:
		if err := plainBrackets(src, what, c.Coords.Range); err != nil {
			return Splice{}, err
		}
		return minimize(src, Splice{Start: c.Coords.Range.Start.Offset, End: c.Coords.Range.End.Offset, Text: "[" + formatCoord(mat) + "]"}), nil
	}
}

// plainBrackets checks that brackets hold nothing but (missing) numbers and are closed, so
// that rewriting them cannot destroy other text (such as a "}" closing a block) and that text
// added after them cannot land inside them.
func plainBrackets(src []byte, what string, r mapdsl.Range) error {
	if err := checkRange(src, what+" coordinates", r); err != nil {
		return err
	}
	text := rangeText(src, r)
	if len(text) < 2 || text[0] != '[' || text[len(text)-1] != ']' ||
		strings.Trim(text[1:len(text)-1], " \t,0123456789.+-eE") != "" {
		return fmt.Errorf("the brackets of the %s (line %d) hold %s, not [visibility, maturity]; correct them by hand first",
			what, r.Start.Line, text)
	}
	return nil
}

// nameClear refuses to rewrite numbers that OWM reads as part of the name: without a space
// before "[" ("Foo[0.5,0.5]"), the name runs on into the brackets, so changing the numbers
// would rename the element.
func nameClear(what string, name, numbers mapdsl.Range) error {
	if !name.Valid() || !numbers.Valid() || numbers.Start.Offset >= name.End.Offset || numbers.End.Offset <= name.Start.Offset {
		return nil
	}
	return fmt.Errorf("the name of the %s runs into its brackets (OWM needs a space before \"[\"); add the space on line %d first",
		strings.TrimPrefix(what, "label of "), name.Start.Line)
}

func coordsText(vis, mat float64) string {
	return "[" + formatCoord(vis) + ", " + formatCoord(mat) + "]"
}

// moveNote moves note number i, n, to [vis, mat].
func moveNote(src []byte, i int, n *mapdsl.Note, vis, mat float64) (Splice, error) {
	s, err := moveCoords(src, "note", atEnd(src, "note", n.Range), n.Coords, vis, mat)
	if err != nil || n.Coords.Present {
		return s, err
	}
	// The position goes at the end of the note's text; make sure it is read there.
	after, _ := mapdsl.Parse("", Apply(src, s))
	if i >= len(after.Notes) || !after.Notes[i].Coords.Present || after.Notes[i].Text != n.Text {
		return Splice{}, fmt.Errorf("could not add a position to the note on line %d; write [visibility, maturity] after its text by hand", n.Range.Start.Line)
	}
	return s, nil
}

// MoveAnnotation moves position pos (0 for the single-position form) of the annotation r
// points to to [vis, mat].
func MoveAnnotation(src []byte, m *mapdsl.Map, r Ref, pos int, vis, mat float64) (Splice, error) {
	a, err := at(r, Annotations, mapOf(src, m).Annotations)
	if err != nil {
		return Splice{}, err
	}
	if pos < 0 || pos >= len(a.Positions) {
		return Splice{}, fmt.Errorf("annotation %d has %d positions, so there is no position number %d", a.Number, len(a.Positions), pos)
	}
	c := a.Positions[pos]
	if !c.Present {
		return Splice{}, fmt.Errorf("annotation %d has no written position to move; give it one as annotation %d [vis, mat] text", a.Number, a.Number)
	}
	what := fmt.Sprintf("annotation %d", a.Number)
	return moveCoords(src, what, atEnd(src, what, a.Range), c, vis, mat)
}

// MoveAnnotationsLegend moves the annotation legend (annotations [vis, mat]) whose top-left
// corner is at [vis, mat], appending an annotations line when the map has none.
func MoveAnnotationsLegend(src []byte, m *mapdsl.Map, vis, mat float64) (Splice, error) {
	m = mapOf(src, m)
	if !m.AnnotationsRange.Valid() {
		if err := checkFinite("a position", vis, mat); err != nil {
			return Splice{}, err
		}
		return insertStatement(src, "annotations "+coordsText(vis, mat), mapdsl.StmtAnnotations)
	}
	return moveCoords(src, "annotations legend", atEnd(src, "annotations line", m.AnnotationsRange), m.AnnotationsAt, vis, mat)
}

// MoveArea sets the corners of the pioneers/settlers/townplanners area r points to to
// [v1, m1] (top left) and [v2, m2] (bottom right). A short form such as [v1, m1] is written
// out with all four numbers.
func MoveArea(src []byte, m *mapdsl.Map, r Ref, v1, m1, v2, m2 float64) (Splice, error) {
	a, err := at(r, Areas, mapOf(src, m).Areas)
	if err != nil {
		return Splice{}, err
	}
	if err := checkFinite("a position", v1, m1, v2, m2); err != nil {
		return Splice{}, err
	}
	i := r.Index
	want := [4]float64{v1, m1, v2, m2}
	complete := true
	for _, n := range a.Nums {
		complete = complete && n.Set
	}
	if complete {
		var parts []Splice
		for k, n := range a.Nums {
			if err := checkRange(src, a.Kind.String()+" area", n.Range); err != nil {
				return Splice{}, err
			}
			parts = append(parts, numberEdit(n, want[k], formatCoord))
		}
		return join(src, parts), nil
	}
	// A short or gappy form such as [v1, m1]: write the four numbers out, keeping the
	// spelling of those that do not change.
	text := rangeText(src, a.Range)
	open, close := strings.IndexByte(text, '['), strings.IndexByte(text, ']')
	if open < 0 || close < open {
		return Splice{}, fmt.Errorf("the brackets of the %s area on line %d are not closed; add the \"]\" first", a.Kind, a.Range.Start.Line)
	}
	brackets := a.Range
	brackets.Start.Offset, brackets.End.Offset = a.Range.Start.Offset+open, a.Range.Start.Offset+close+1
	if err := plainBrackets(src, a.Kind.String()+" area", brackets); err != nil {
		return Splice{}, err
	}
	values := make([]string, 4)
	for k, n := range a.Nums {
		values[k] = formatCoord(want[k])
		if n.Set && n.Range.Valid() && numberEdit(n, want[k], formatCoord).IsNoop() {
			values[k] = rangeText(src, n.Range)
		}
	}
	s := minimize(src, Splice{Start: brackets.Start.Offset, End: brackets.End.Offset, Text: "[" + strings.Join(values, ", ") + "]"})
	// Make sure the numbers are read where they were written.
	after, _ := mapdsl.Parse("", Apply(src, s))
	if i >= len(after.Areas) || after.Areas[i].Kind != a.Kind {
		return Splice{}, fmt.Errorf("could not rewrite the %s area on line %d; write it as %s [v1, m1, v2, m2] by hand", a.Kind, a.Range.Start.Line, a.Kind)
	}
	for k, n := range after.Areas[i].Nums {
		if written, _ := strconv.ParseFloat(values[k], 64); !n.Set || n.Value != written {
			return Splice{}, fmt.Errorf("could not rewrite the %s area on line %d; write it as %s [v1, m1, v2, m2] by hand", a.Kind, a.Range.Start.Line, a.Kind)
		}
	}
	return s, nil
}

// MoveLabel sets the label offset (pixels) of the component, submap or pipeline child r
// points to, or of the evolved copy of an evolve line: it rewrites label [dx, dy] or adds
// " label [dx, dy]" after the coordinates (after an evolve line's maturity).
func MoveLabel(src []byte, m *mapdsl.Map, r Ref, dx, dy float64) (Splice, error) {
	m = mapOf(src, m)
	switch r.List {
	case Components:
		c, err := at(r, Components, m.Components)
		if err != nil {
			return Splice{}, err
		}
		return moveComponentLabel(src, c, dx, dy)
	case Evolves:
		e, err := at(r, Evolves, m.Evolves)
		if err != nil {
			return Splice{}, err
		}
		return moveEvolveLabel(src, e, dx, dy)
	}
	return Splice{}, unsupported(r, "given a label offset")
}

func moveComponentLabel(src []byte, c *mapdsl.Component, dx, dy float64) (Splice, error) {
	what := fmt.Sprintf("label of %q", c.Name)
	if err := nameClear(what, c.NameRange, c.Label.Range); err != nil {
		return Splice{}, err
	}
	if err := nameClear(what, c.NameRange, c.Coords.Range); err != nil {
		return Splice{}, err
	}
	if c.Label.Present {
		return rewriteLabel(src, what, c.Label, dx, dy)
	}
	if err := checkFinite("a label offset", dx, dy); err != nil {
		return Splice{}, err
	}
	label := " label [" + formatOffset(dx) + ", " + formatOffset(dy) + "]"
	if c.Coords.Present {
		if err := plainBrackets(src, what, c.Coords.Range); err != nil {
			return Splice{}, err
		}
		at := c.Coords.Range.End.Offset
		return Splice{Start: at, End: at, Text: label}, nil
	}
	// A label needs coordinates before it (the name runs up to the first " ["), so write the
	// position the component has now, which keeps it where it is drawn.
	at, err := nameEnd(src, what, c.NameRange, c.Range)
	if err != nil {
		return Splice{}, err
	}
	coords := coordsText(c.Coords.Visibility.Value, c.Coords.Maturity.Value)
	if c.Kind == mapdsl.KindPipelineChild {
		coords = "[" + formatCoord(c.Coords.Maturity.Value) + "]"
	}
	return Splice{Start: at, End: at, Text: " " + coords + label}, nil
}

// rewriteLabel rewrites the numbers of an existing label [dx, dy].
func rewriteLabel(src []byte, what string, l mapdsl.Offset, dx, dy float64) (Splice, error) {
	if err := checkFinite("a label offset", dx, dy); err != nil {
		return Splice{}, err
	}
	// Only a well-formed "label [dx, dy]" has numbers that can be rewritten one by one: in an
	// unclosed or garbled one ("label [0,00inertia0") the number's text runs on over words that
	// mean something else, and rewriting it would drop them.
	if err := checkRange(src, what, l.Range); err != nil {
		return Splice{}, err
	}
	if text := rangeText(src, l.Range); !strings.HasSuffix(text, "]") ||
		strings.Trim(text[strings.IndexByte(text, '[')+1:len(text)-1], " \t,0123456789.+-eE") != "" {
		return Splice{}, fmt.Errorf("the %s (line %d) reads %s, not label [dx, dy]; correct it by hand first", what, l.Range.Start.Line, text)
	}
	if l.DX.Set && l.DY.Set {
		if err := checkRange(src, what, l.DX.Range); err != nil {
			return Splice{}, err
		}
		if err := checkRange(src, what, l.DY.Range); err != nil {
			return Splice{}, err
		}
		return join(src, []Splice{numberEdit(l.DX, dx, formatOffset), numberEdit(l.DY, dy, formatOffset)}), nil
	}
	if err := checkRange(src, what, l.Range); err != nil {
		return Splice{}, err
	}
	brackets := l.Range
	if open := strings.IndexByte(rangeText(src, l.Range), '['); open >= 0 {
		brackets.Start.Offset += open
	}
	if err := plainBrackets(src, what, brackets); err != nil {
		return Splice{}, err
	}
	return minimize(src, Splice{Start: l.Range.Start.Offset, End: l.Range.End.Offset,
		Text: "label [" + formatOffset(dx) + ", " + formatOffset(dy) + "]"}), nil
}

func moveEvolveLabel(src []byte, e *mapdsl.Evolve, dx, dy float64) (Splice, error) {
	what := fmt.Sprintf("label of the evolved %q", e.Name)
	if e.Label.Present {
		return rewriteLabel(src, what, e.Label, dx, dy)
	}
	if err := checkFinite("a label offset", dx, dy); err != nil {
		return Splice{}, err
	}
	if !e.Maturity.Set {
		return Splice{}, fmt.Errorf("the evolve line of %q (line %d) has no maturity; give it one before moving its label", e.Name, e.Range.Start.Line)
	}
	if err := checkRange(src, what, e.Maturity.Range); err != nil {
		return Splice{}, err
	}
	at := e.Maturity.Range.End.Offset
	return Splice{Start: at, End: at, Text: " label [" + formatOffset(dx) + ", " + formatOffset(dy) + "]"}, nil
}
