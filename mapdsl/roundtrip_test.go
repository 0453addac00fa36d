package mapdsl

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// roundTripInputs are the corpus maps (when present) and the formatter's golden inputs.
func roundTripInputs(t *testing.T) map[string][]byte {
	t.Helper()
	out := map[string][]byte{}
	files, _ := filepath.Glob(filepath.Join(corpusDir, "*.owm"))
	inputs, _ := filepath.Glob("testdata/format/*.input")
	for _, f := range append(files, inputs...) {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		out[filepath.Base(f)] = b
	}
	return out
}

// TestRoundTripLines checks that the statements' line ranges put back together give the input
// byte for byte, and that every part range holds the text the statement reports for it.
func TestRoundTripLines(t *testing.T) {
	for name, src := range roundTripInputs(t) {
		t.Run(name, func(t *testing.T) {
			f, _ := ParseFile(name, src)
			var lines []string
			for _, st := range f.Statements {
				lines = append(lines, string(src[st.LineRange.Start.Offset:st.LineRange.End.Offset]))
			}
			if got := strings.Join(lines, "\n"); got != string(src) {
				t.Fatalf("lines do not reassemble the input")
			}
			at := func(r Range) string { return string(src[r.Start.Offset:r.End.Offset]) }
			for _, c := range f.Map.Components {
				if raw := at(c.NameRange); raw != c.Name {
					if u, quoted := unquote(raw); !quoted || u != c.Name {
						t.Errorf("line %d: name range holds %q, name is %q", c.Range.Start.Line, raw, c.Name)
					}
				}
				for _, n := range []Number{c.Coords.Visibility, c.Coords.Maturity, c.Label.DX, c.Label.DY} {
					if n.Range.Valid() && at(n.Range) != n.Raw {
						t.Errorf("line %d: number range holds %q, raw is %q", c.Range.Start.Line, at(n.Range), n.Raw)
					}
				}
				if c.Coords.Present && c.Coords.Range.Valid() && !strings.HasPrefix(at(c.Coords.Range), "[") {
					t.Errorf("line %d: coords range %q", c.Range.Start.Line, at(c.Coords.Range))
				}
				if c.Label.Present && !strings.HasPrefix(at(c.Label.Range), "label [") {
					t.Errorf("line %d: label range %q", c.Range.Start.Line, at(c.Label.Range))
				}
			}
			for _, l := range f.Map.Links {
				if at(l.Range) == "" || !strings.Contains(at(l.Range), at(l.FromRange)) {
					t.Errorf("link range %q from %q", at(l.Range), at(l.FromRange))
				}
			}
			for _, e := range f.Map.Evolves {
				if e.Maturity.Range.Valid() && at(e.Maturity.Range) != e.Maturity.Raw {
					t.Errorf("evolve maturity range %q raw %q", at(e.Maturity.Range), e.Maturity.Raw)
				}
			}
		})
	}
}

// TestRoundTripFormatParse checks parse -> format -> parse on the same inputs: the model is the
// same and so are the statement kinds, line by line, apart from removed blank lines.
func TestRoundTripFormatParse(t *testing.T) {
	for name, src := range roundTripInputs(t) {
		t.Run(name, func(t *testing.T) {
			out := checkFormatted(t, src)
			if out == nil {
				return
			}
			a, _ := ParseFile("", src)
			b, _ := ParseFile("", out)
			kinds := func(f *File) []StatementKind {
				var ks []StatementKind
				for _, st := range f.Statements {
					if st.Kind != StmtBlank {
						ks = append(ks, st.Kind)
					}
					if st.BraceRange.Valid() {
						ks = append(ks, StmtBlockOpen) // "pipeline X {" is written on two lines
					}
				}
				return ks
			}
			ka, kb := kinds(a), kinds(b)
			if len(ka) != len(kb) {
				t.Fatalf("%d non-blank statements before formatting, %d after", len(ka), len(kb))
			}
			for i := range ka {
				if ka[i] != kb[i] {
					t.Errorf("statement %d: %v became %v", i, ka[i], kb[i])
				}
			}
		})
	}
}
