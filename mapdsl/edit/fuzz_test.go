package edit

import (
	"fmt"
	"math"
	"slices"
	"strconv"
	"testing"

	"mapwright/mapdsl"
)

// FuzzMoveComponent moves a component of an arbitrary text (seeded from
// testdata/fuzz/FuzzMoveComponent) and checks that the edit changes only its target: the
// splice lies inside the component's statement and holds nothing but coordinates, every other
// byte is unchanged, and the re-parse finds the component at the new position with every other
// element as it was.
func FuzzMoveComponent(f *testing.F) {
	f.Add("component Kettle [0.43, 0.35] inertia // old habits\nKettle->Power\ncomponent Power\n", uint(0), 0.5, 0.7)
	f.Fuzz(func(t *testing.T, text string, pick uint, vis, mat float64) {
		src := []byte(text)
		before, diags := mapdsl.Parse("fuzz.owm", src)
		if len(before.Components) == 0 {
			return
		}
		i := int(pick % uint(len(before.Components)))
		c := before.Components[i]
		s, err := Move(src, before, Ref{Components, i}, vis, mat)
		if math.IsNaN(vis) || math.IsInf(vis, 0) || math.IsNaN(mat) || math.IsInf(mat, 0) {
			if err == nil {
				t.Fatalf("moving to [%v, %v] was accepted", vis, mat)
			}
			return
		}
		if err != nil {
			if !c.NameRange.Valid() || nameClear("", c.NameRange, c.Coords.Range) != nil ||
				(c.Coords.Present && plainBrackets(src, "", c.Coords.Range) != nil) {
				return // "component" alone, "Foo[0.5,0.5]" or "[0}0": refused with advice
			}
			t.Fatalf("moving %q: %v", c.Name, err)
		}
		if math.Abs(vis) > 1e6 || math.Abs(mat) > 1e6 {
			return // written faithfully, but too long to be worth re-reading
		}
		if !s.IsNoop() && (s.Start < c.Range.Start.Offset || s.End > c.Range.End.Offset) {
			t.Fatalf("moving %q spliced [%d,%d), outside its statement [%d,%d)", c.Name, s.Start, s.End, c.Range.Start.Offset, c.Range.End.Offset)
		}
		// The splice stays inside the brackets; without brackets it inserts them after the name.
		switch {
		case s.IsNoop():
		case c.Coords.Present:
			if s.Start < c.Coords.Range.Start.Offset || s.End > c.Coords.Range.End.Offset {
				t.Fatalf("moving %q spliced [%d,%d), outside its brackets [%d,%d)", c.Name, s.Start, s.End, c.Coords.Range.Start.Offset, c.Coords.Range.End.Offset)
			}
		case s.Start != c.NameRange.End.Offset || s.End != s.Start || !numbersOnly.MatchString(s.Text):
			t.Fatalf("moving %q without brackets gave %+v, not an insertion of coordinates after the name", c.Name, s)
		}
		after := Apply(src, s)
		assertOnlySpliceChanged(t, src, after, s)
		expected, _ := mapdsl.Parse("fuzz.owm", src)
		expectMove(expected, i, vis, mat)
		assertMeans(t, "moving "+c.Name, expected, after, len(diags.Errors()))
	})
}

// FuzzEdit applies one of the component edits (chosen by op) to a component of an arbitrary
// text (seeded from testdata/fuzz/FuzzEdit) and checks that the re-parse differs from the
// original exactly by what the edit promises, and that single-element edits splice only inside
// that element's statement. Edits may refuse (with an error); they must never damage the text.
func FuzzEdit(f *testing.F) {
	f.Add("component Cup [0.73, 0.78] (buy, market) // c\ncomponent Tea [0.5, 0.5] label [1, 2] inertia\nCup->Tea\nevolve Tea 0.8\n", uint8(0), uint(1), 12.5, -3.0)
	f.Fuzz(func(t *testing.T, text string, op uint8, pick uint, x, y float64) {
		src := []byte(text)
		before, diags := mapdsl.Parse("fuzz.owm", src)
		if len(before.Components) == 0 || math.IsNaN(x) || math.IsNaN(y) || math.Abs(x) > 1e6 || math.Abs(y) > 1e6 {
			return
		}
		i := int(pick % uint(len(before.Components)))
		c := before.Components[i]
		expected, _ := mapdsl.Parse("fuzz.owm", src)
		e := expected.Components[i]
		var s Splice
		var err error
		local := true // the edit must stay inside the component's statement
		switch op % 11 {
		case 0:
			s, err = MoveLabel(src, before, Ref{Components, i}, x, y)
			dx, dy := writtenOffset(c.Label.DX, x, c.Label.Present && c.Label.DX.Set && c.Label.DY.Set), writtenOffset(c.Label.DY, y, c.Label.Present && c.Label.DX.Set && c.Label.DY.Set)
			e.Label.Present, e.Label.DX.Value, e.Label.DY.Value = true, dx, dy
			if !c.Coords.Present { // the position is written out too
				e.Coords.Visibility.Value = reread(c.Coords.Visibility.Value)
				e.Coords.Maturity.Value = reread(c.Coords.Maturity.Value)
				if c.Kind == mapdsl.KindPipelineChild {
					e.Coords.Visibility.Value = c.Coords.Visibility.Value
				}
			}
		case 1:
			s, err = ToggleInertia(src, before, Ref{Components, i})
			e.Inertia = !c.Inertia
			writtenPosition(c, e)
		case 2, 3:
			method := mapdsl.Method(pick % 4)
			s, err = SetMethod(src, before, Ref{Components, i}, method)
			e.Decorators.Method = method
			local = false // may rewrite a legacy "build Name" line
			writtenPosition(c, e)
		case 4:
			s, err = ToggleMarket(src, before, Ref{Components, i})
			e.Decorators.Market = !c.Decorators.Market
			writtenPosition(c, e)
		case 5:
			s, err = ToggleEcosystem(src, before, Ref{Components, i})
			e.Decorators.Ecosystem = !c.Decorators.Ecosystem
			writtenPosition(c, e)
		case 6:
			newName := "Renamed " + c.Name
			s, err = Rename(src, before, c.Name, newName)
			renameInModel(expected, c.Name, newName)
			local = false
		case 7:
			s, err = Add(src, before, Element{Kind: AddComponent, Name: "Added " + c.Name, Vis: 0.5, Mat: 0.25})
			expected.Components = append(expected.Components, &mapdsl.Component{Name: "Added " + c.Name,
				Coords: mapdsl.Coords{Visibility: mapdsl.Number{Value: 0.5}, Maturity: mapdsl.Number{Value: 0.25}}})
			local = false
		case 8:
			other := before.Components[(i+1)%len(before.Components)]
			s, err = AddLink(src, before, end(src, before, c.Name), end(src, before, other.Name))
			expected.Links = append(expected.Links, &mapdsl.Link{From: c.Name, To: other.Name, Operator: "->"})
			local = false
		case 9:
			s, err = Delete(src, before, Ref{Components, i})
			if !expectDelete(expected, i) {
				return
			}
			local = false
		case 10:
			s, err = SetEvolve(src, before, Ref{Components, i}, 0.77)
			if e := firstEvolve(expected, c.Name); e != nil {
				e.Maturity.Value = 0.77
			} else {
				expected.Evolves = append(expected.Evolves, &mapdsl.Evolve{Name: c.Name, Maturity: mapdsl.Number{Value: 0.77}})
			}
			local = false
		}
		if err != nil {
			return // refused with advice; nothing to apply
		}
		if local && !s.IsNoop() && (s.Start < c.Range.Start.Offset || s.End > c.Range.End.Offset) {
			t.Fatalf("op %d on %q spliced [%d,%d), outside its statement [%d,%d)", op%11, c.Name, s.Start, s.End, c.Range.Start.Offset, c.Range.End.Offset)
		}
		after := Apply(src, s)
		assertOnlySpliceChanged(t, src, after, s)
		assertMeans(t, fmt.Sprintf("op %d on %q", op%11, c.Name), expected, after, len(diags.Errors()))
	})
}

// writtenOffset is the label offset read back after writing v over n.
func writtenOffset(n mapdsl.Number, v float64, oneByOne bool) float64 {
	if oneByOne && numberEdit(n, v, formatOffset).IsNoop() {
		return n.Value
	}
	parsed, _ := strconv.ParseFloat(formatOffset(v), 64)
	return parsed
}

// reread is a position read back after writing it with two decimals.
func reread(v float64) float64 {
	parsed, _ := strconv.ParseFloat(formatCoord(v), 64)
	return parsed
}

// writtenPosition expects the position of a component without brackets to be written out by
// an edit that appends a modifier (it keeps the defaults, rounded as written).
func writtenPosition(c, e *mapdsl.Component) {
	if c.Coords.Present {
		return
	}
	e.Coords.Maturity.Value = reread(c.Coords.Maturity.Value)
	if c.Kind != mapdsl.KindPipelineChild {
		e.Coords.Visibility.Value = reread(c.Coords.Visibility.Value)
	}
}

func firstEvolve(m *mapdsl.Map, name string) *mapdsl.Evolve {
	for _, e := range m.Evolves {
		if e.Name == name {
			return e
		}
	}
	return nil
}

// expectDelete applies to a parsed model what Delete(Ref{Components, i}) promises. It reports false
// for the cases whose outcome it does not model (the last child of a block pipeline).
func expectDelete(m *mapdsl.Map, i int) bool {
	c := m.Components[i]
	// A legacy inline "evolve 0.8" goes with its line.
	m.Evolves = slices.DeleteFunc(m.Evolves, func(e *mapdsl.Evolve) bool { return e.Range.Start.Line == c.Range.Start.Line })
	if c.Parent != nil {
		if len(c.Parent.Children) == 1 {
			return false
		}
		c.Parent.Children = slices.DeleteFunc(c.Parent.Children, func(x *mapdsl.Component) bool { return x == c })
		respan(c.Parent)
	}
	for _, other := range m.Components {
		if other != c && other.Name == c.Name {
			if c.Decorators.LegacyMethod {
				// A standalone "build X" line passes to the other component of the name (the
				// seed legacy-method-of-a-shared-name), which this model does not follow.
				return false
			}
			for _, p := range m.Pipelines {
				if p.Component == c {
					// The pipeline passes to the other component of the name (in the seed
					// "brace-child-of-the-same-name", its own child): its box and children
					// move with it, which this model does not follow.
					return false
				}
			}
			m.Components = slices.Delete(m.Components, i, i+1)
			return true
		}
	}
	gone := map[string]bool{c.Name: true}
	for _, p := range m.Pipelines {
		if p.Name == c.Name {
			for _, child := range p.Children {
				gone[child.Name] = true
			}
		}
	}
	m.Components = slices.DeleteFunc(m.Components, func(x *mapdsl.Component) bool {
		return x == c || (x.Parent != nil && x.Parent.Name == c.Name)
	})
	m.Pipelines = slices.DeleteFunc(m.Pipelines, func(p *mapdsl.Pipeline) bool { return p.Name == c.Name })
	m.Evolves = slices.DeleteFunc(m.Evolves, func(e *mapdsl.Evolve) bool { return gone[e.Name] })
	m.Links = slices.DeleteFunc(m.Links, func(l *mapdsl.Link) bool { return gone[l.From] || gone[l.To] })
	return true
}

// FuzzMoveElement moves an anchor, note, annotation marker, the annotation legend, an
// accelerator or an area of an arbitrary text (seeded from testdata/fuzz/FuzzMoveElement) and
// checks that the re-parse differs from the original by exactly that move.
func FuzzMoveElement(f *testing.F) {
	f.Add("anchor User [0.9, 0.5]\nnote hello [0.3, 0.3]\nannotation 1 [[0.1, 0.2], [0.3, 0.4]] text\nannotations [0.8, 0.1]\naccelerator Go [0.5, 0.5]\npioneers [0.9, 0.1, 0.7, 0.4]\n", uint8(0), uint(0), 0.25, 0.75)
	f.Fuzz(func(t *testing.T, text string, kind uint8, pick uint, vis, mat float64) {
		if math.IsNaN(vis) || math.IsNaN(mat) || math.Abs(vis) > 1e6 || math.Abs(mat) > 1e6 {
			return
		}
		src := []byte(text)
		before, diags := mapdsl.Parse("fuzz.owm", src)
		expected, _ := mapdsl.Parse("fuzz.owm", src)
		v, m := reread(vis), reread(mat)
		set := func(c *mapdsl.Coords, oneByOne bool) {
			if oneByOne && numberEdit(c.Visibility, vis, formatCoord).IsNoop() {
				v = c.Visibility.Value
			}
			if oneByOne && numberEdit(c.Maturity, mat, formatCoord).IsNoop() {
				m = c.Maturity.Value
			}
			c.Visibility.Value, c.Maturity.Value = v, m
		}
		oneByOne := func(c mapdsl.Coords) bool { return c.Present && c.Visibility.Set && c.Maturity.Set }
		var s Splice
		var err error
		switch kind % 6 {
		case 0:
			if len(before.Anchors) == 0 {
				return
			}
			i := int(pick % uint(len(before.Anchors)))
			s, err = Move(src, before, Ref{Anchors, i}, vis, mat)
			set(&expected.Anchors[i].Coords, oneByOne(before.Anchors[i].Coords))
		case 1:
			if len(before.Notes) == 0 {
				return
			}
			i := int(pick % uint(len(before.Notes)))
			s, err = Move(src, before, Ref{Notes, i}, vis, mat)
			set(&expected.Notes[i].Coords, oneByOne(before.Notes[i].Coords))
		case 2:
			if len(before.Annotations) == 0 || len(before.Annotations[0].Positions) == 0 {
				return
			}
			a := before.Annotations[0]
			pos := int(pick % uint(len(a.Positions)))
			s, err = MoveAnnotation(src, before, Ref{Annotations, 0}, pos, vis, mat)
			set(&expected.Annotations[0].Positions[pos], oneByOne(a.Positions[pos]))
		case 3:
			s, err = MoveAnnotationsLegend(src, before, vis, mat)
			set(&expected.AnnotationsAt, before.AnnotationsRange.Valid() && oneByOne(before.AnnotationsAt))
		case 4:
			if len(before.Accelerators) == 0 {
				return
			}
			i := int(pick % uint(len(before.Accelerators)))
			s, err = Move(src, before, Ref{Accelerators, i}, vis, mat)
			set(&expected.Accelerators[i].Coords, oneByOne(before.Accelerators[i].Coords))
		case 5:
			if len(before.Areas) == 0 {
				return
			}
			i := int(pick % uint(len(before.Areas)))
			s, err = MoveArea(src, before, Ref{Areas, i}, vis, mat, mat, vis)
			for k, want := range [4]float64{vis, mat, mat, vis} {
				n := &expected.Areas[i].Nums[k]
				if !(n.Set && numberEdit(*n, want, formatCoord).IsNoop()) {
					n.Value = reread(want)
				}
			}
		}
		if err != nil {
			return // refused with advice
		}
		after := Apply(src, s)
		assertOnlySpliceChanged(t, src, after, s)
		assertMeans(t, fmt.Sprintf("move %d", kind%6), expected, after, len(diags.Errors()))
	})
}
