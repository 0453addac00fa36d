package render_test

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"

	"mapwright/mapdsl"
	"mapwright/render"
	"mapwright/render/svg"
)

// FuzzLayoutSVG draws any text the parser accepts, in every style, and checks that the SVG is
// well-formed, carries no active content and is the same on a second run.
func FuzzLayoutSVG(f *testing.F) {
	inputs, _ := filepath.Glob(filepath.Join("testdata", "maps", "*.owm"))
	for _, in := range inputs {
		if src, err := os.ReadFile(in); err == nil {
			f.Add(src)
		}
	}
	f.Add([]byte("component \"a\\nb\" [2, -1] label [1e300, -1e300]\nevolve a 9.0\npipeline a [0.9, 0.1]"))
	f.Add([]byte("size [0, 99999999]\nnote <![CDATA[ ]]> [0.5]\nannotation 1 [[0,0],[1,1]] x\nannotations [5, 5]"))
	f.Fuzz(func(t *testing.T, src []byte) {
		if len(src) > 1<<16 {
			return
		}
		m, _ := mapdsl.Parse("fuzz.owm", src)
		for _, st := range render.Styles {
			var a, b bytes.Buffer
			if err := svg.Encode(&a, render.Layout(m, render.Options{Style: st})); err != nil {
				t.Fatal(err)
			}
			checkXML(t, a.Bytes())
			if err := svg.Encode(&b, render.Layout(m, render.Options{Style: st})); err != nil {
				t.Fatal(err)
			}
			if !bytes.Equal(a.Bytes(), b.Bytes()) {
				t.Fatal("two drawings differ")
			}
		}
	})
}
