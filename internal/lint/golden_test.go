package lint

import (
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"mapwright/mapdsl"
)

var update = flag.Bool("update", false, "rewrite the golden files under testdata/")

// TestGolden runs every rule on maps under testdata/ that hold many cases at once (typos,
// plurals, Unicode names, commented-out components, lenient links, islands, evolutions) and
// compares all findings, with their positions, messages and suggestions, and what Merge keeps of
// the parser's diagnostics, with the golden file next to each map. Rewrite the golden files with
// go test -run TestGolden -update, and read the difference.
func TestGolden(t *testing.T) {
	maps, err := filepath.Glob(filepath.Join("testdata", "*.owm"))
	if err != nil || len(maps) == 0 {
		t.Fatalf("no maps under testdata: %v", err)
	}
	for _, path := range maps {
		t.Run(filepath.Base(path), func(t *testing.T) {
			src, err := os.ReadFile(path)
			if err != nil {
				t.Fatal(err)
			}
			m, diags := mapdsl.Parse(filepath.Base(path), src)
			var b strings.Builder
			// missing-glyph depends on the fonts installed (a machine without Noto, or Windows
			// under wine, reports the CJK names): it has tests of its own with chosen fonts.
			fonts := []string{"missing-glyph"}
			for _, cfg := range []Config{{Disable: fonts}, {Enable: []string{"all"}, Disable: fonts}} {
				fmt.Fprintf(&b, "# lint.Run, enable %v\n", cfg.Enable)
				findings := Run(Input{Map: m, Diagnostics: diags, Source: src}, cfg)
				// Without the parser's diagnostics the rules ask mapdsl.NameIndex, which must
				// answer as the parse did.
				if alone := Run(Input{Map: m, Source: src}, cfg); !slices.Equal(alone, findings) {
					t.Errorf("without the parser's diagnostics the findings differ:\n%v\nwith them:\n%v", alone, findings)
				}
				writeDiagnostics(&b, findings)
				fmt.Fprintf(&b, "# lint.Merge with the parser's diagnostics, enable %v\n", cfg.Enable)
				writeDiagnostics(&b, Merge(diags, findings, cfg))
			}
			golden := strings.TrimSuffix(path, ".owm") + ".golden"
			if *update {
				if err := os.WriteFile(golden, []byte(b.String()), 0o644); err != nil {
					t.Fatal(err)
				}
			}
			want, err := os.ReadFile(golden)
			if err != nil {
				t.Fatalf("%v (run with -update to create it)", err)
			}
			if got := b.String(); got != string(want) {
				t.Errorf("findings differ from %s (rerun with -update and read the diff):\n%s", golden, got)
			}
		})
	}
}

func writeDiagnostics(b *strings.Builder, ds mapdsl.Diagnostics) {
	for _, d := range ds {
		fmt.Fprintf(b, "%s [%s]", d.Format(""), d.Code)
		if d.Suggestion != "" {
			fmt.Fprintf(b, " suggest %q", d.Suggestion)
		}
		b.WriteString("\n")
	}
}
