package edit

import (
	"bytes"
	"math"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"mapwright/mapdsl"
)

// corpusDir holds the real OWM maps shared by the team; they are never copied into the repo.
const corpusDir = "../../../shared/owm-corpus"

func corpusMaps(t testing.TB) map[string][]byte {
	t.Helper()
	files, _ := filepath.Glob(filepath.Join(corpusDir, "*.owm"))
	if len(files) == 0 {
		t.Skipf("no corpus maps in %s (the shared corpus is not on this machine)", corpusDir)
	}
	maps := map[string][]byte{}
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		maps[filepath.Base(f)] = b
	}
	return maps
}

// numbersOnly matches text made only of what a coordinate pair is written with.
var numbersOnly = regexp.MustCompile(`^[-0-9., \[\]]*$`)

// shifted picks a new position for a value already written: different, inside 0..1, and
// exactly representable with two decimals.
func shifted(v float64) float64 {
	return math.Round(math.Mod(v+0.37, 1)*100) / 100
}

// TestCorpusMoves moves every component of every corpus map, as written and with CRLF line
// endings, and checks that only its numbers change, in the text and in the re-parsed model.
func TestCorpusMoves(t *testing.T) {
	maps := map[string][]byte{}
	for name, src := range corpusMaps(t) {
		maps[name] = src
		maps[name+" (CRLF)"] = bytes.ReplaceAll(bytes.ReplaceAll(src, []byte("\r\n"), []byte("\n")), []byte("\n"), []byte("\r\n"))
	}
	for name, src := range maps {
		t.Run(name, func(t *testing.T) {
			before, diags := mapdsl.Parse(name, src)
			for i, c := range before.Components {
				if !sampled(i) {
					continue
				}
				vis, mat := shifted(c.Coords.Visibility.Value), shifted(c.Coords.Maturity.Value)
				s, err := Move(src, before, Ref{Components, i}, vis, mat)
				if unnamed(t, c, err) {
					continue
				}
				if err != nil {
					t.Fatalf("moving %q: %v", c.Name, err)
				}
				if s.Start < c.Range.Start.Offset || s.End > c.Range.End.Offset {
					t.Errorf("moving %q spliced [%d,%d), outside its line [%d,%d)", c.Name, s.Start, s.End, c.Range.Start.Offset, c.Range.End.Offset)
				}
				if old := string(src[s.Start:s.End]); !numbersOnly.MatchString(old) || !numbersOnly.MatchString(s.Text) {
					t.Errorf("moving %q replaced %q by %q: more than numbers", c.Name, old, s.Text)
				}
				after := Apply(src, s)
				expected, _ := mapdsl.Parse(name, src)
				expectMove(expected, i, vis, mat)
				assertMeans(t, "moving "+c.Name, expected, after, len(diags.Errors()))
			}
		})
	}
}

// TestCorpusLabels moves the label of every component of every corpus map.
func TestCorpusLabels(t *testing.T) {
	for name, src := range corpusMaps(t) {
		t.Run(name, func(t *testing.T) {
			before, diags := mapdsl.Parse(name, src)
			for i, c := range before.Components {
				if !sampled(i) {
					continue
				}
				s, err := MoveLabel(src, before, Ref{Components, i}, c.Label.DX.Value+7, c.Label.DY.Value-3.5)
				if unnamed(t, c, err) {
					continue
				}
				if err != nil {
					t.Fatalf("moving the label of %q: %v", c.Name, err)
				}
				if s.Start < c.Range.Start.Offset || s.End > c.Range.End.Offset {
					t.Errorf("moving the label of %q spliced [%d,%d), outside its line", c.Name, s.Start, s.End)
				}
				expected, _ := mapdsl.Parse(name, src)
				l := &expected.Components[i].Label
				l.Present, l.DX.Value, l.DY.Value = true, c.Label.DX.Value+7, c.Label.DY.Value-3.5
				assertMeans(t, "moving the label of "+c.Name, expected, Apply(src, s), len(diags.Errors()))
			}
		})
	}
}

// TestCorpusRenames renames every component and anchor of every corpus map and checks that
// every reference followed it and nothing else changed.
func TestCorpusRenames(t *testing.T) {
	for name, src := range corpusMaps(t) {
		t.Run(name, func(t *testing.T) {
			before, diags := mapdsl.Parse(name, src)
			done := map[string]bool{}
			for i, old := range allNames(before) {
				newName := old + " v2"
				if !sampled(i) || done[old] || old == "" || nameProblem(newName) != "" {
					continue
				}
				done[old] = true
				s, err := Rename(src, before, old, newName)
				if err != nil {
					t.Fatalf("renaming %q: %v", old, err)
				}
				expected, _ := mapdsl.Parse(name, src)
				renameInModel(expected, old, newName)
				assertMeans(t, "renaming "+old, expected, Apply(src, s), len(diags.Errors()))
			}
		})
	}
}

// unnamed reports whether the edit refused c because it is a line such as "component" alone,
// which has no name to write coordinates after (checking that the refusal gives that advice).
func unnamed(t *testing.T, c *mapdsl.Component, err error) bool {
	t.Helper()
	if err == nil || c.NameRange.Valid() {
		return false
	}
	if !strings.Contains(err.Error(), "has no name; name it first") {
		t.Errorf("an edit of the unnamed component on line %d gave %v, want advice to name it", c.Range.Start.Line, err)
	}
	return true
}

// sampled reports whether element i is checked: every element normally, every fifth with
// -short (each check parses the map twice).
func sampled(i int) bool { return !testing.Short() || i%5 == 0 }

// renameInModel applies a rename to a parsed model the way Rename promises to apply it to the
// text.
func renameInModel(m *mapdsl.Map, old, new string) {
	for _, l := range m.Links {
		from, to := refersTo(m, l.From, old), refersTo(m, l.To, old)
		if from {
			l.From = new
		}
		if to {
			l.To = new
		}
	}
	for _, c := range m.Components {
		if c.Name == old {
			c.Name = new
		}
	}
	for _, a := range m.Anchors {
		if a.Name == old {
			a.Name = new
		}
	}
	for _, e := range m.Evolves {
		if e.Name == old {
			e.Name = new
		}
	}
	for _, p := range m.Pipelines {
		if p.Name == old {
			p.Name = new
		}
	}
}

// expectMove applies to a parsed model what Move(i, vis, Ref{Components, mat}) promises: the
// numbers as written (two decimals, or the old spelling when the value does not change), the
// children of a moved pipeline parent at its new visibility, and a block pipeline's span
// following a moved child.
func expectMove(m *mapdsl.Map, i int, vis, mat float64) {
	c := m.Components[i]
	// written is the value read back: the old one when its spelling is kept, else the new one
	// as formatted. The spelling is kept only when the numbers are rewritten one by one.
	written := func(n mapdsl.Number, v float64, oneByOne bool) float64 {
		if oneByOne && numberEdit(n, v, formatCoord).IsNoop() {
			return n.Value
		}
		parsed, _ := strconv.ParseFloat(formatCoord(v), 64)
		return parsed
	}
	if c.Kind == mapdsl.KindPipelineChild {
		c.Coords.Maturity.Value = written(c.Coords.Maturity, mat, c.Coords.Maturity.Set)
		respan(c.Parent)
		return
	}
	oneByOne := c.Coords.Visibility.Set && c.Coords.Maturity.Set
	c.Coords.Visibility.Value = written(c.Coords.Visibility, vis, oneByOne)
	c.Coords.Maturity.Value = written(c.Coords.Maturity, mat, oneByOne)
	if c.Pipeline != nil {
		for _, child := range c.Pipeline.Children {
			child.Coords.Visibility.Value = c.Coords.Visibility.Value // children sit at their parent's visibility
		}
	}
}

// respan recomputes a block pipeline's span from its children, as the parser does.
func respan(p *mapdsl.Pipeline) {
	if p == nil || len(p.Children) == 0 {
		return
	}
	p.Start.Value, p.End.Value = math.Inf(1), math.Inf(-1)
	for _, c := range p.Children {
		p.Start.Value = math.Min(p.Start.Value, c.Coords.Maturity.Value)
		p.End.Value = math.Max(p.End.Value, c.Coords.Maturity.Value)
	}
}

// assertMeans parses text and checks that it means exactly what expected says, and that it
// has no more errors than the original had.
func assertMeans(t *testing.T, what string, expected *mapdsl.Map, text []byte, errorsBefore int) {
	t.Helper()
	after, diags := mapdsl.Parse("after", text)
	if n := len(diags.Errors()); n > errorsBefore {
		t.Errorf("%s introduced errors: %v", what, diags.Errors())
	}
	removed, added := changes(summary(expected), summary(after))
	if len(removed)+len(added) > 0 {
		t.Errorf("%s: the re-parse differs from the intended change:\nexpected but missing:\n  %s\nfound instead:\n  %s",
			what, strings.Join(removed, "\n  "), strings.Join(added, "\n  "))
	}
}
