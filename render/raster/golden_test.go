package raster

import (
	"bytes"
	"crypto/sha256"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"mapwright/mapdsl"
	"mapwright/render"
)

var update = flag.Bool("update", false, "rewrite testdata/png.sha256")

// TestPNGFingerprints pins the SHA-256 of the PNG of every map under render/testdata/maps and
// samples/, in every style, at scale 1: the same scene gives the same bytes on every machine.
// `make test-arm64` runs it under arm64 emulation, where Go fuses multiply-adds that amd64 does
// not, so the sums also check that the rasteriser rounds where fusing would change a pixel.
// Run `go test ./render/raster -run PNGFingerprints -update` after an intended change.
func TestPNGFingerprints(t *testing.T) {
	maps, _ := filepath.Glob(filepath.Join("..", "testdata", "maps", "*.owm"))
	samples, _ := filepath.Glob(filepath.Join("..", "..", "samples", "*.owm"))
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
			if err := Encode(&b, render.Layout(m, render.Options{Style: style}), Options{Scale: 1}); err != nil {
				t.Fatalf("%s %s: %v", path, style, err)
			}
			fmt.Fprintf(&got, "%x  %s %s\n", sha256.Sum256(b.Bytes()), filepath.Base(path), style)
		}
	}
	golden := filepath.Join("testdata", "png.sha256")
	if *update {
		if err := os.MkdirAll("testdata", 0o755); err != nil {
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
		t.Fatalf("%d pictures, %s lists %d", len(gotLines)-1, golden, len(wantLines)-1)
	}
	for i := range gotLines {
		if gotLines[i] != wantLines[i] {
			t.Errorf("PNG differs from %s:\n got %s\nwant %s", golden, gotLines[i], wantLines[i])
		}
	}
}
