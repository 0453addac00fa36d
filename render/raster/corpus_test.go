package raster

import (
	"bytes"
	"image"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"mapwright/mapdsl"
	"mapwright/render"
	"mapwright/render/svg"
)

// corpusDir holds the real OWM maps, outside the repository (never copied into it).
var corpusDir = filepath.Join("..", "..", "..", "shared", "owm-corpus")

// mapFiles returns the corpus maps and the repository's samples, parsed.
func mapFiles(t testing.TB) (names []string, maps []*mapdsl.Map) {
	t.Helper()
	corpus, _ := filepath.Glob(filepath.Join(corpusDir, "*.owm"))
	if len(corpus) == 0 {
		t.Skipf("no corpus maps in %s (the shared corpus is absent on this machine)", corpusDir)
	}
	samples, _ := filepath.Glob(filepath.Join("..", "..", "samples", "*.owm"))
	files := append(corpus, samples...)
	sort.Strings(files)
	for _, f := range files {
		src, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		m, _ := mapdsl.Parse(f, src)
		names = append(names, filepath.Base(f))
		maps = append(maps, m)
	}
	return names, maps
}

// TestCorpus renders every corpus map and sample in every style and checks that the picture
// has ink at each component. With -keep it also writes the SVG of the same scene, so the two can
// be compared side by side.
func TestCorpus(t *testing.T) {
	names, maps := mapFiles(t)
	for _, style := range render.Styles {
		t.Run(string(style), func(t *testing.T) {
			for i, m := range maps {
				s := render.Layout(m, render.Options{Style: style})
				opts := Options{Scale: 1}
				if *keep != "" {
					opts.Scale = 2
				}
				img := Render(s, opts)
				var bg render.Color
				if s.Background.IsNone() {
					bg = render.RGB(255, 255, 255)
				} else {
					bg = s.Background
				}
				for j := range s.Items {
					it := &s.Items[j]
					if it.Ref.Kind != render.ElemComponent || it.Shape != render.ShapeCircle {
						continue
					}
					if !inkedNear(img, opts.Scale, it.X, it.Y, it.R+1, bg) {
						t.Errorf("%s: no ink at component %d (%.0f, %.0f)", names[i], it.Ref.Index, it.X, it.Y)
					}
				}
				if *keep != "" {
					base := filepath.Join(*keep, string(style)+"-"+strings.TrimSuffix(names[i], ".owm"))
					f, err := os.Create(base + ".png")
					if err != nil {
						t.Fatal(err)
					}
					if err := writePNG(f, img, img.Opaque()); err != nil {
						t.Fatal(err)
					}
					f.Close()
					var svgBuf bytes.Buffer
					if err := svg.Encode(&svgBuf, s); err != nil {
						t.Fatal(err)
					}
					if err := os.WriteFile(base+".svg", svgBuf.Bytes(), 0o644); err != nil {
						t.Fatal(err)
					}
				}
			}
		})
	}
}

// inkedNear reports whether some pixel within r of (x, y) differs from the background.
func inkedNear(img *image.RGBA, scale, x, y, r float64, bg render.Color) bool {
	rect := image.Rect(int((x-r)*scale), int((y-r)*scale), int((x+r)*scale)+1, int((y+r)*scale)+1).Intersect(img.Bounds())
	for py := rect.Min.Y; py < rect.Max.Y; py++ {
		for px := rect.Min.X; px < rect.Max.X; px++ {
			c := img.RGBAAt(px, py)
			d := absDiff(c.R, bg.R) + absDiff(c.G, bg.G) + absDiff(c.B, bg.B)
			if d > 60 {
				return true
			}
		}
	}
	return false
}

func absDiff(a, b uint8) int {
	if a > b {
		return int(a - b)
	}
	return int(b - a)
}
