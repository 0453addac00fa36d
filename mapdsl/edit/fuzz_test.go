package edit

import (
	"math"
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
		s, err := MoveComponentAt(src, before, i, vis, mat)
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
