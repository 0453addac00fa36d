package render_test

import (
	"bytes"
	"crypto/sha256"
	"encoding/json"
	"encoding/xml"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"mapwright/internal/testenv"
	"mapwright/mapdsl"
	"mapwright/render"
	"mapwright/render/svg"
)

var update = flag.Bool("update", false, "rewrite the golden files under testdata/")

// corpusDir holds the real OWM maps the team shares; tests read them in place, never copy them.
const corpusDir = "../../shared/owm-corpus"

// corpusGolden is the selection of corpus maps whose output is pinned: they cover evolve and
// inertia, flows, annotations, PST areas, legacy pipelines, submaps, accelerators, block
// pipelines and a large map. The corpus belongs to ../shared, so only fingerprints of its output
// are kept here (testdata/golden/corpus-NN.sha256), never the maps or their drawings; to see
// what changed, draw them with TestLook before and after.
var corpusGolden = []string{
	"03_damonsk_Evolving_Example", "05_damonsk_Flow_Example", "07_damonsk_PST_Example",
	"08_damonsk_Pipelines_Example", "09_damonsk_Submap_Example", "13_owulveryck_complete",
	"15_owulveryck_teashop", "17_swardley_energy-disruption", "25_swardley_healthcare-clinical-decisions",
}

func parseFile(t testing.TB, path string) *mapdsl.Map {
	t.Helper()
	src, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	m, diags := mapdsl.Parse(filepath.Base(path), src)
	for _, d := range diags {
		if d.Severity == mapdsl.SeverityError {
			t.Logf("%s: %v", path, d)
		}
	}
	return m
}

// goldenCase is one map drawn in one style, compared as Scene JSON and as SVG.
type goldenCase struct {
	name  string
	path  string
	style render.Style
	// fingerprint keeps only SHA-256 sums of the outputs (for maps of the shared corpus).
	fingerprint bool
}

func goldenCases() []goldenCase {
	var cases []goldenCase
	inputs, _ := filepath.Glob(filepath.Join("testdata", "maps", "*.owm"))
	for _, in := range inputs {
		name := strings.TrimSuffix(filepath.Base(in), ".owm")
		if name == "everything" {
			for _, st := range render.Styles {
				cases = append(cases, goldenCase{name + "-" + string(st), in, st, false})
			}
			continue
		}
		cases = append(cases, goldenCase{name, in, "", false})
	}
	for _, name := range corpusGolden {
		cases = append(cases, goldenCase{"corpus-" + name[:2], filepath.Join(corpusDir, name+".owm"), "", true})
	}
	return cases
}

// TestGolden compares the Scene (as JSON) and its SVG with the files under testdata/golden for
// the maps under testdata/maps and a selection of the corpus.
// Run `go test ./render -update` after an intended change and review the diff.
func TestGolden(t *testing.T) {
	for _, tc := range goldenCases() {
		t.Run(tc.name, func(t *testing.T) {
			if _, err := os.Stat(tc.path); err != nil && tc.fingerprint {
				t.Skipf("the shared corpus is absent on this machine: %v", err)
			}
			s := render.Layout(parseFile(t, tc.path), render.Options{Style: tc.style})
			js, err := json.MarshalIndent(s, "", " ")
			if err != nil {
				t.Fatal(err)
			}
			var out bytes.Buffer
			if err := svg.Encode(&out, s); err != nil {
				t.Fatal(err)
			}
			js = append(js, '\n')
			if tc.fingerprint {
				sums := fmt.Sprintf("%x  scene.json\n%x  svg\n", sha256.Sum256(js), sha256.Sum256(out.Bytes()))
				testenv.CompareGolden(t, filepath.Join("testdata", "golden", tc.name+".sha256"), []byte(sums), *update)
			} else {
				testenv.CompareGolden(t, filepath.Join("testdata", "golden", tc.name+".scene.json"), js, *update)
				testenv.CompareGolden(t, filepath.Join("testdata", "golden", tc.name+".svg"), out.Bytes(), *update)
			}
			checkXML(t, out.Bytes())
		})
	}
}

// TestCorpus draws every corpus map in every style and checks the SVG parses and shows every
// component's name.
func TestCorpus(t *testing.T) {
	files, _ := filepath.Glob(filepath.Join(corpusDir, "*.owm"))
	if len(files) == 0 {
		t.Skipf("no corpus maps in %s", corpusDir)
	}
	for _, f := range files {
		m := parseFile(t, f)
		for _, st := range render.Styles {
			t.Run(filepath.Base(f)+"/"+string(st), func(t *testing.T) {
				s := render.Layout(m, render.Options{Style: st})
				var out, again bytes.Buffer
				if err := svg.Encode(&out, s); err != nil {
					t.Fatal(err)
				}
				checkXML(t, out.Bytes())
				if err := svg.Encode(&again, render.Layout(m, render.Options{Style: st})); err != nil {
					t.Fatal(err)
				}
				if !bytes.Equal(out.Bytes(), again.Bytes()) {
					t.Error("two drawings of the map differ")
				}
				labelled := map[int]bool{}
				for _, it := range s.Items {
					if it.Ref.Kind == render.ElemLabel {
						labelled[it.Ref.Index] = true
					}
				}
				for i, c := range m.Components {
					if strings.TrimSpace(c.Name) != "" && !labelled[i] {
						t.Errorf("component %q has no label", c.Name)
					}
				}
			})
		}
	}
}

// TestLook writes every corpus map and test map in every style as SVG into the directory named
// by MAPWRIGHT_LOOK, for people to look at (convert them with rsvg-convert).
func TestLook(t *testing.T) {
	dir := os.Getenv("MAPWRIGHT_LOOK")
	if dir == "" {
		t.Skip("set MAPWRIGHT_LOOK=dir to write pictures")
	}
	files, _ := filepath.Glob(filepath.Join(corpusDir, "*.owm"))
	more, _ := filepath.Glob(filepath.Join("testdata", "maps", "*.owm"))
	for _, f := range append(files, more...) {
		m := parseFile(t, f)
		for _, st := range append([]render.Style{""}, render.Styles...) {
			var out bytes.Buffer
			if err := svg.Encode(&out, render.Layout(m, render.Options{Style: st})); err != nil {
				t.Fatal(err)
			}
			name := strings.TrimSuffix(filepath.Base(f), ".owm")
			if st != "" {
				name += "." + string(st)
			}
			if err := os.WriteFile(filepath.Join(dir, name+".svg"), out.Bytes(), 0o644); err != nil {
				t.Fatal(err)
			}
		}
	}
}

// checkXML parses the document with encoding/xml and fails on any syntax error, on any active
// element (script, foreignObject ...), on any event-handler attribute and on any link that
// render.SafeURL refuses.
func checkXML(t *testing.T, doc []byte) {
	t.Helper()
	d := xml.NewDecoder(bytes.NewReader(doc))
	for {
		tok, err := d.Token()
		if err == io.EOF {
			return
		}
		if err != nil {
			t.Fatalf("SVG is not well-formed XML: %v", err)
		}
		el, ok := tok.(xml.StartElement)
		if !ok {
			continue
		}
		switch strings.ToLower(el.Name.Local) {
		case "script", "foreignobject", "iframe", "object", "embed", "image", "use", "animate", "set":
			t.Errorf("active element <%s> in the SVG", el.Name.Local)
		}
		for _, a := range el.Attr {
			if strings.HasPrefix(strings.ToLower(a.Name.Local), "on") {
				t.Errorf("event attribute %s in the SVG", a.Name.Local)
			}
			if a.Name.Local == "href" && !render.SafeURL(a.Value) {
				t.Errorf("unsafe link %q in the SVG", a.Value)
			}
		}
	}
}
