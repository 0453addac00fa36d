package render_test

import (
	"bytes"
	"encoding/json"
	"encoding/xml"
	"flag"
	"io"
	"os"
	"path/filepath"
	"testing"

	"mapwright/mapdsl"
	"mapwright/render"
	"mapwright/render/svg"
)

var update = flag.Bool("update", false, "rewrite the golden files under testdata/")

// goldenCase is one map drawn in one style, compared as Scene JSON and as SVG.
type goldenCase struct {
	name  string
	m     func() *mapdsl.Map
	style render.Style
}

func goldenCases() []goldenCase {
	cases := []goldenCase{
		{"custom-stages", customStages, ""},
		{"hidden-axes", hiddenAxes, ""},
		{"hostile", hostile, ""},
	}
	for _, st := range render.Styles {
		cases = append(cases, goldenCase{"teashop-" + string(st), teaShop, st})
	}
	return cases
}

// TestGolden compares the Scene (as JSON) and its SVG with the files under testdata/golden.
// Run `go test ./render -update` after an intended change and review the diff.
func TestGolden(t *testing.T) {
	for _, tc := range goldenCases() {
		t.Run(tc.name, func(t *testing.T) {
			s := render.Layout(tc.m(), render.Options{Style: tc.style})
			js, err := json.MarshalIndent(s, "", " ")
			if err != nil {
				t.Fatal(err)
			}
			var out bytes.Buffer
			if err := svg.Encode(&out, s); err != nil {
				t.Fatal(err)
			}
			compareGolden(t, filepath.Join("testdata", "golden", tc.name+".scene.json"), append(js, '\n'))
			compareGolden(t, filepath.Join("testdata", "golden", tc.name+".svg"), out.Bytes())
			checkXML(t, out.Bytes())
		})
	}
}

func compareGolden(t *testing.T, path string, got []byte) {
	t.Helper()
	if *update {
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test -update to create it)", err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("%s differs from the output (%d bytes, want %d); run go test -update and review the diff", path, len(got), len(want))
	}
}

// checkXML parses the document with encoding/xml and fails on any syntax error.
func checkXML(t *testing.T, doc []byte) {
	t.Helper()
	d := xml.NewDecoder(bytes.NewReader(doc))
	for {
		_, err := d.Token()
		if err == io.EOF {
			return
		}
		if err != nil {
			t.Fatalf("SVG is not well-formed XML: %v", err)
		}
	}
}
