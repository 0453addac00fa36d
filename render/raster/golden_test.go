package raster

import (
	"flag"
	"io"
	"path/filepath"
	"testing"

	"mapwright/render"
	"mapwright/render/internal/scenetest"
)

var update = flag.Bool("update", false, "rewrite testdata/png.sha256")

// TestPNGFingerprints pins the SHA-256 of the PNG of every map under render/testdata/maps and
// samples/, in every style, at scale 1: the same scene gives the same bytes on every machine,
// amd64 and arm64 alike (make test-arm64 runs it under arm64 emulation). Run `go test
// ./render/raster -run PNGFingerprints -update` after an intended change.
func TestPNGFingerprints(t *testing.T) {
	scenetest.Fingerprints(t, filepath.Join("..", ".."), filepath.Join("testdata", "png.sha256"), *update,
		func(w io.Writer, s *render.Scene) error { return Encode(w, s, Options{Scale: 1}) })
}
