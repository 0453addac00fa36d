package mermaid

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"

	"mapwright/mapdsl"
)

// fuzzSeeds are the test diagrams, the samples and the corpus maps (when present), and a few
// texts that mix the two dialects.
func fuzzSeeds(f *testing.F) {
	for _, pattern := range []string{"testdata/*.mmd", "../../samples/*.owm", "../../../shared/owm-corpus/*.owm"} {
		files, _ := filepath.Glob(pattern)
		for _, file := range files {
			if b, err := os.ReadFile(file); err == nil {
				f.Add(b)
			}
		}
	}
	for _, s := range []string{
		"wardley-beta\ncomponent A [0.5, 0.5] (inertia)\nA --> B\nnote \"n\" [0.1, 0.2]\n%% c\n",
		"```mermaid\nwardley-beta\nannotation 1,[0.1, 0.2] \"x\"\nA -.- (0.3, 0.4)\n```\n",
		"wardley-beta\r\naccTitle: t\r\npipeline P {\r\n  component C [0.3]\r\n}\r\n",
	} {
		f.Add([]byte(s))
	}
}

// FuzzToOWM checks the translation's promise on any text: the same lines, each of the same
// length, so every position of the OWM text is the diagram's; and reading never fails to
// return a map, its diagnostics inside the diagram.
func FuzzToOWM(f *testing.F) {
	fuzzSeeds(f)
	f.Fuzz(func(t *testing.T, src []byte) {
		out := ToOWM(src)
		if len(out) != len(src) {
			t.Fatalf("the translation is %d bytes, the diagram %d", len(out), len(src))
		}
		in, got := bytes.SplitAfter(src, []byte("\n")), bytes.SplitAfter(out, []byte("\n"))
		if len(in) != len(got) {
			t.Fatalf("the translation has %d lines, the diagram %d", len(got), len(in))
		}
		for i := range in {
			if len(in[i]) != len(got[i]) {
				t.Fatalf("line %d: %q became %q, of another length", i+1, in[i], got[i])
			}
		}
		m, diags := Parse("fuzz.mmd", src)
		if m == nil {
			t.Fatal("Parse returned no map")
		}
		for _, d := range diags {
			if d.Range.Start.Offset < 0 || d.Range.End.Offset > len(src) || d.Range.Start.Offset > d.Range.End.Offset {
				t.Fatalf("diagnostic %d..%d outside the %d-byte diagram: %s", d.Range.Start.Offset, d.Range.End.Offset, len(src), d.Message)
			}
		}
	})
}

// FuzzWrite checks that Write's diagram reads back without errors, and, when Write reported
// nothing it could not say, to the same map as far as both dialects can say it.
func FuzzWrite(f *testing.F) {
	fuzzSeeds(f)
	f.Fuzz(func(t *testing.T, src []byte) {
		m, srcDiags := mapdsl.Parse("fuzz.owm", src)
		out, warnings := Write(m, src)
		if srcDiags.HasErrors() {
			return // the map itself has errors (binary data, a NUL in a name): written, not compared
		}
		back, diags := Parse("fuzz.mmd", out)
		if diags.HasErrors() {
			t.Fatalf("the diagram does not read back: %v\n%s", diags.Errors(), out)
		}
		if !hasHeader(string(out)) {
			t.Fatalf("the diagram has no %q line first:\n%s", Header, out)
		}
		if len(warnings) > 0 {
			return
		}
		if got, want := summary(back), summary(m); got != want {
			t.Fatalf("the diagram means another map:\n%s\ndiagram:\n%s", firstDiff(want, got), out)
		}
	})
}

// FuzzFormat checks `mapwright fmt` of a diagram: when it formats (no errors, nothing Mermaid
// cannot say), the result means the same map and formatting it again changes nothing.
func FuzzFormat(f *testing.F) {
	fuzzSeeds(f)
	f.Fuzz(func(t *testing.T, src []byte) {
		m, diags := Parse("fuzz.mmd", src)
		if diags.HasErrors() {
			return
		}
		out, unsaid := Format(m, src)
		if out == nil {
			if len(unsaid) == 0 {
				t.Fatal("Format returned nothing and said nothing")
			}
			return
		}
		again, diags := Parse("fuzz.mmd", out)
		if diags.HasErrors() {
			t.Fatalf("the formatted diagram does not read back: %v\n%s", diags.Errors(), out)
		}
		if got, want := summary(again), summary(m); got != want {
			t.Fatalf("formatting changed the map:\n%s\nformatted:\n%s", firstDiff(want, got), out)
		}
		twice, _ := Format(again, out)
		if !bytes.Equal(twice, out) {
			t.Fatalf("formatting is not idempotent:\nfirst:\n%s\nsecond:\n%s", out, twice)
		}
	})
}
