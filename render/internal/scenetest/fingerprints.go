package scenetest

import (
	"bytes"
	"crypto/sha256"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"mapwright/mapdsl"
	"mapwright/render"
)

// Fingerprints encodes every map under render/testdata/maps and samples/ in every style with
// encode and checks the SHA-256 of each file against the list in golden, which update rewrites.
// root is the repository's root as seen from the test's package. make test-arm64 runs the
// encoders' fingerprint tests under arm64 emulation, where Go fuses multiply-adds that amd64
// does not, so the sums also check that the same scene gives the same bytes on both.
func Fingerprints(t *testing.T, root, golden string, update bool, encode func(io.Writer, *render.Scene) error) {
	t.Helper()
	maps, _ := filepath.Glob(filepath.Join(root, "render", "testdata", "maps", "*.owm"))
	samples, _ := filepath.Glob(filepath.Join(root, "samples", "*.owm"))
	var got strings.Builder
	for _, path := range append(maps, samples...) {
		src, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		// A map with text the Go fonts lack is drawn with the installed system fonts, whose
		// versions differ between machines: its bytes are only the same for the same fonts.
		if render.Shaped(render.Font{Family: render.FontSans, Size: 12}, string(src)) != nil {
			continue
		}
		m, _ := mapdsl.Parse(path, src)
		for _, style := range render.Styles {
			var b bytes.Buffer
			if err := encode(&b, render.Layout(m, render.Options{Style: style})); err != nil {
				t.Fatalf("%s %s: %v", path, style, err)
			}
			fmt.Fprintf(&got, "%x  %s %s\n", sha256.Sum256(b.Bytes()), filepath.Base(path), style)
		}
	}
	if update {
		if err := os.MkdirAll(filepath.Dir(golden), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(golden, []byte(got.String()), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(golden)
	if err != nil {
		t.Fatalf("%v (run with -update to create it)", err)
	}
	gotLines, wantLines := strings.Split(got.String(), "\n"), strings.Split(string(want), "\n")
	if len(gotLines) != len(wantLines) {
		t.Fatalf("%d files, %s lists %d", len(gotLines)-1, golden, len(wantLines)-1)
	}
	for i := range gotLines {
		if gotLines[i] != wantLines[i] {
			t.Errorf("file differs from %s:\n got %s\nwant %s", golden, gotLines[i], wantLines[i])
		}
	}
}
