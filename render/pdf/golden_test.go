package pdf

import (
	"flag"
	"io"
	"path/filepath"
	"testing"

	"mapwright/render"
	"mapwright/render/internal/scenetest"
)

var update = flag.Bool("update", false, "rewrite testdata/pdf.sha256")

// TestPDFFingerprints pins the SHA-256 of the PDF of every map under render/testdata/maps and
// samples/, in every style: the same scene gives the same bytes on every machine, amd64 and
// arm64 alike (make test-arm64 runs it under arm64 emulation). Run `go test ./render/pdf -run
// PDFFingerprints -update` after an intended change.
func TestPDFFingerprints(t *testing.T) {
	scenetest.Fingerprints(t, filepath.Join("..", ".."), filepath.Join("testdata", "pdf.sha256"), *update,
		func(w io.Writer, s *render.Scene) error { return Encode(w, []*render.Scene{s}, Options{}) })
}
