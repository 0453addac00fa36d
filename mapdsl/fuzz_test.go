package mapdsl

import (
	"bytes"
	"sort"
	"strings"
	"testing"
)

// fuzzSeeds are small texts that reach every statement and quirk; the checked-in corpus under
// testdata/fuzz/ holds more.
var fuzzSeeds = []string{
	"title Tea Shop\ncomponent Cup of Tea [0.79, 0.61] label [19, -4] (buy, market) inertia\nBusiness->Cup of Tea",
	"component Kettle [0.45, 0.57]\npipeline Kettle\n{\n  component Campfire [0.50]\n}\nevolve Kettle->K2 0.8 label [1, 2]",
	"A+'$0.10'>B; ctx\nA+<>B\nA+<B\nA+>B\nA->B->C",
	"/* open\ncomponent A\n*/ component B [0.1,0.2]\nurl r [http://x//y]\nsubmap S [0.5, 0.5] url(r)",
	"annotation 1 [[0.43,0.49],[0.08,0.79]] text\nannotations [0.6, 0.02]\npioneers [0.9, 0.1, 0.7, 0.4]\nsettlers [0.5, 0.5] 2 3",
	"evolution Genesis@0.25 -> Custom@0.5 -> Product@0.75 -> Commodity@1.0\nvaluechain --hide\nstyle wardley\nsize [800, 600]",
	"component \"multi\\nline\" [NaN, 1e309]\nmarket M [0.1, 0.2]\nbuild M\ny-axis a->b->c\ncomponent X [0.1, 0.2] evolve 0.9",
	"\ufefftitle x\r\ncomponent\tA [0.5,0.5]\r\n\x00\xff\xfe",
	"pipeline X {\ncomponent Y [0.3]\n}\n{\n}\n}",
}

// FuzzParse checks that parsing never panics, that every range lies inside the input, that
// diagnostics come sorted and that there is one statement per line.
func FuzzParse(f *testing.F) {
	for _, s := range fuzzSeeds {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, src []byte) {
		file, diags := ParseFile("fuzz.owm", src)
		if file == nil || file.Map == nil {
			t.Fatal("nil File or Map")
		}
		for _, d := range diags {
			if d.Code == "internal-error" {
				t.Fatalf("parser panicked: %s", d.Message)
			}
		}
		checkRanges(t, src, file, diags)
		if !sort.SliceIsSorted(diags, func(i, j int) bool {
			return diags[i].Range.Start.Offset < diags[j].Range.Start.Offset
		}) {
			t.Fatalf("diagnostics not sorted: %v", diags)
		}
		if len(src) <= MaxInputSize {
			if want := bytes.Count(src, []byte("\n")) + 1; len(file.Statements) != want {
				t.Fatalf("%d statements for %d lines", len(file.Statements), want)
			}
		}
		for _, st := range file.Statements {
			for _, r := range append([]Range{st.NameRange, st.TargetRange, st.Coords.Range, st.Label.Range,
				st.Decorators.Range, st.InertiaRange, st.TextRange}, st.Extra...) {
				if r.Valid() && (r.Start.Offset < st.LineRange.Start.Offset || r.End.Offset > st.LineRange.End.Offset) {
					t.Fatalf("line %d: part range %+v outside its line %+v", st.Line, r, st.LineRange)
				}
			}
		}
		// Highlighting never panics either, and its spans stay inside each line.
		for _, line := range strings.Split(string(src), "\n") {
			toks, _ := HighlightLine(line, false)
			for _, tok := range toks {
				if tok.Start < 0 || tok.End > len(line) || tok.Start >= tok.End {
					t.Fatalf("highlight span %+v outside line %q", tok, line)
				}
			}
		}
	})
}

// FuzzFormat checks that formatting is idempotent and never changes the model.
func FuzzFormat(f *testing.F) {
	for _, s := range fuzzSeeds {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, src []byte) {
		checkFormatted(t, src)
	})
}
