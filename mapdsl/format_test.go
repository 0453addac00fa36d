package mapdsl

import (
	"bytes"
	"encoding/json"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

var update = flag.Bool("update", false, "rewrite the golden files under testdata/")

// modelJSON is the model without source ranges (they are not serialised), for comparing the
// meaning of two texts.
func modelJSON(t testing.TB, m *Map) string {
	t.Helper()
	b, err := json.Marshal(m)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// checkFormatted asserts the formatter's promises on one input: idempotent output with the same
// model, LF line endings and no trailing blanks.
func checkFormatted(t testing.TB, src []byte) []byte {
	t.Helper()
	out, diags := Format(src)
	if diags.HasErrors() {
		if out != nil {
			t.Fatalf("Format returned text for an input with errors")
		}
		return nil
	}
	before, _ := Parse("", src)
	after, _ := Parse("", out)
	if a, b := modelJSON(t, before), modelJSON(t, after); a != b {
		t.Fatalf("formatting changed the model:\nbefore %s\nafter  %s\noutput:\n%s", a, b, out)
	}
	again, _ := Format(out)
	if !bytes.Equal(again, out) {
		t.Fatalf("Format is not idempotent:\nfirst:\n%s\nsecond:\n%s", out, again)
	}
	for i, line := range strings.Split(string(out), "\n") {
		if strings.HasSuffix(line, " ") || strings.HasSuffix(line, "\t") || strings.HasSuffix(line, "\r") {
			t.Fatalf("line %d has trailing blanks or CR: %q", i+1, line)
		}
	}
	return out
}

// TestFormatGolden formats testdata/format/*.input and compares with *.golden (-update rewrites).
func TestFormatGolden(t *testing.T) {
	inputs, _ := filepath.Glob("testdata/format/*.input")
	if len(inputs) == 0 {
		t.Fatal("no golden inputs in testdata/format")
	}
	for _, in := range inputs {
		name := strings.TrimSuffix(filepath.Base(in), ".input")
		t.Run(name, func(t *testing.T) {
			src, err := os.ReadFile(in)
			if err != nil {
				t.Fatal(err)
			}
			got := checkFormatted(t, src)
			golden := strings.TrimSuffix(in, ".input") + ".golden"
			if *update {
				if err := os.WriteFile(golden, got, 0o644); err != nil {
					t.Fatal(err)
				}
				return
			}
			want, err := os.ReadFile(golden)
			if err != nil {
				t.Fatalf("%v (run go test -update to create it)", err)
			}
			if !bytes.Equal(got, want) {
				t.Errorf("Format(%s) differs from %s:\ngot:\n%s\nwant:\n%s", in, golden, got, want)
			}
		})
	}
}

// TestFormatCorpus formats every corpus map: idempotent, model unchanged. A map with a known
// error is refused, as gofmt refuses a file that does not compile.
func TestFormatCorpus(t *testing.T) {
	for _, path := range corpusFiles(t) {
		t.Run(filepath.Base(path), func(t *testing.T) {
			src, err := os.ReadFile(path)
			if err != nil {
				t.Fatal(err)
			}
			if corpusErrors[filepath.Base(path)] != nil {
				if out, diags := Format(src); out != nil || !diags.HasErrors() {
					t.Fatal("Format accepted a map with errors")
				}
				return
			}
			if checkFormatted(t, src) == nil {
				t.Fatal("Format refused a corpus map")
			}
		})
	}
}

// TestFormatRefusesErrors checks that text with errors is returned untouched as nil plus the
// diagnostics.
func TestFormatRefusesErrors(t *testing.T) {
	out, diags := Format([]byte("component A [0.5, 0.5]\nthis line means nothing\n"))
	if out != nil {
		t.Fatalf("Format returned %q for text with an error", out)
	}
	if !diags.HasErrors() || diags.Errors()[0].Range.Start.Line != 2 {
		t.Fatalf("want an error on line 2, got %v", diags)
	}
}
