package samples_test

import (
	"bytes"
	"fmt"
	"image"
	"image/png"
	"os"
	"os/exec"
	"path/filepath"
	"testing"

	"mapwright/render"
	"mapwright/render/raster"
	"mapwright/render/svg"
)

// viewer is a machine an SVG is looked at on: its fonts, as fontconfig (and so librsvg) sees
// them.
type viewer struct {
	name string
	env  []string // extra environment for rsvg-convert; nil: the fonts installed here
}

// rsvgViewers returns the machines TestSamplesBoxesHoldTheirTextInRsvg draws on: this one, and
// one whose only fonts are DejaVu's (as many Linux machines have), the widest of the fonts the
// SVG may end up drawn with.
func rsvgViewers(t *testing.T) []viewer {
	vs := []viewer{{name: "installed fonts"}}
	for _, dir := range []string{"/usr/share/fonts/truetype/dejavu", "/usr/share/fonts/TTF", "/usr/share/fonts/dejavu-sans-fonts"} {
		if _, err := os.Stat(filepath.Join(dir, "DejaVuSans.ttf")); err != nil {
			continue
		}
		tmp := t.TempDir()
		conf := filepath.Join(tmp, "fonts.conf")
		xml := fmt.Sprintf(`<?xml version="1.0"?><fontconfig><dir>%s</dir><cachedir>%s</cachedir></fontconfig>`, dir, filepath.Join(tmp, "cache"))
		if err := os.WriteFile(conf, []byte(xml), 0o644); err != nil {
			t.Fatal(err)
		}
		return append(vs, viewer{name: "DejaVu fonts only", env: []string{"FONTCONFIG_FILE=" + conf}})
	}
	t.Log("DejaVuSans.ttf not found (Debian: fonts-dejavu-core): drawing with the installed fonts only")
	return vs
}

// TestSamplesBoxesHoldTheirTextInRsvg draws the annotations legend of every sample in every
// style as a viewer draws the SVG (librsvg's rsvg-convert, which uses the system's fonts, not
// the Go fonts PNG and PDF embed) and fails when a pixel of the legend's text falls outside its
// box, as the handwritten sample's did; and it checks that our PNG of the same legend puts the
// text where rsvg does: the same rows, starting at the same place, inside the same box.
func TestSamplesBoxesHoldTheirTextInRsvg(t *testing.T) {
	rsvg, err := exec.LookPath("rsvg-convert")
	if err != nil {
		t.Skip("rsvg-convert is not installed (Debian: librsvg2-bin, which scripts/install-deps.sh installs)")
	}
	viewers := rsvgViewers(t)
	for _, s := range loadSamples(t) {
		if len(s.m.Annotations) == 0 {
			continue
		}
		for _, style := range render.Styles {
			t.Run(s.name+"/"+string(style), func(t *testing.T) {
				t.Parallel()
				scene := render.Layout(s.m, render.Options{Style: style})
				inside, ok := legendInterior(scene)
				if !ok {
					t.Fatal("the scene has no annotations legend box")
				}
				// Only the legend's text, on a transparent page: every opaque pixel is its ink.
				texts := *scene
				texts.Background = render.Color{}
				texts.Items = nil
				for _, it := range scene.Items {
					if it.Ref.Kind == render.ElemAnnotationList && it.Shape == render.ShapeText {
						texts.Items = append(texts.Items, it)
					}
				}
				var doc bytes.Buffer
				if err := svg.Encode(&doc, &texts); err != nil {
					t.Fatal(err)
				}
				ours := inkBounds(raster.Render(&texts, raster.Options{Scale: 1, Transparent: true}))
				if !inside.holds(ours) {
					t.Errorf("our PNG draws the legend text over %v, outside its box %v", ours, inside)
				}
				for _, v := range viewers {
					cmd := exec.Command(rsvg, "--format=png")
					cmd.Env = append(os.Environ(), v.env...)
					cmd.Stdin = bytes.NewReader(doc.Bytes())
					var stderr bytes.Buffer
					cmd.Stderr = &stderr
					out, err := cmd.Output()
					if err != nil {
						t.Fatalf("rsvg-convert: %v: %s", err, stderr.Bytes())
					}
					img, err := png.Decode(bytes.NewReader(out))
					if err != nil {
						t.Fatalf("rsvg-convert's PNG: %v", err)
					}
					theirs := inkBounds(img)
					if theirs.Empty() {
						t.Fatalf("%s: rsvg drew no legend text", v.name)
					}
					if !inside.holds(theirs) {
						t.Errorf("%s: rsvg draws the legend text over %v, outside its box %v", v.name, theirs, inside)
					}
					// Different fonts, the same lines: the rows' ink starts within 2 px of ours on
					// every side but the right, where the viewer's font may end elsewhere.
					if d := max(abs(theirs.Min.X-ours.Min.X), abs(theirs.Min.Y-ours.Min.Y), abs(theirs.Max.Y-ours.Max.Y)); d > 2 {
						t.Errorf("%s: rsvg's legend text covers %v, ours %v: %d px apart", v.name, theirs, ours, d)
					}
				}
			})
		}
	}
}

// interior is the inside of a box, in pixels at scale 1.
type interior struct{ x0, y0, x1, y1 float64 }

func (r interior) String() string {
	return fmt.Sprintf("(%.1f,%.1f)-(%.1f,%.1f)", r.x0, r.y0, r.x1, r.y1)
}

// holds reports whether the pixels of b lie inside the box (a pixel's antialiased edge may
// touch the outline).
func (r interior) holds(b image.Rectangle) bool {
	const slack = 1
	return !b.Empty() && float64(b.Min.X) >= r.x0-slack && float64(b.Max.X) <= r.x1+slack &&
		float64(b.Min.Y) >= r.y0-slack && float64(b.Max.Y) <= r.y1+slack
}

// legendInterior finds the annotations legend's box: a rectangle, or in the handwritten style a
// wobbly closed path, whose inside is bounded by the innermost point of each side.
func legendInterior(s *render.Scene) (interior, bool) {
	for _, it := range s.Items {
		if it.Ref.Kind != render.ElemAnnotationList {
			continue
		}
		switch it.Shape {
		case render.ShapeRect:
			return interior{it.X, it.Y, it.X + it.W, it.Y + it.H}, true
		case render.ShapePath:
			// Each side's points lie within the wobble (a pixel or two) of the bounding box.
			const wobble = 4
			bb := interior{x0: 1e9, y0: 1e9, x1: -1e9, y1: -1e9}
			for _, p := range it.Points {
				bb = interior{min(bb.x0, p.X), min(bb.y0, p.Y), max(bb.x1, p.X), max(bb.y1, p.Y)}
			}
			r := bb
			for _, p := range it.Points {
				if p.X <= bb.x0+wobble {
					r.x0 = max(r.x0, p.X)
				}
				if p.X >= bb.x1-wobble {
					r.x1 = min(r.x1, p.X)
				}
				if p.Y <= bb.y0+wobble {
					r.y0 = max(r.y0, p.Y)
				}
				if p.Y >= bb.y1-wobble {
					r.y1 = min(r.y1, p.Y)
				}
			}
			return r, true
		}
	}
	return interior{}, false
}

// inkBounds is the box of the pixels that are more than a quarter opaque.
func inkBounds(img image.Image) image.Rectangle {
	var r image.Rectangle
	b := img.Bounds()
	for y := b.Min.Y; y < b.Max.Y; y++ {
		for x := b.Min.X; x < b.Max.X; x++ {
			if _, _, _, a := img.At(x, y).RGBA(); a > 0xffff/4 {
				r = r.Union(image.Rect(x, y, x+1, y+1))
			}
		}
	}
	return r
}

func abs[T int | float64](v T) T {
	if v < 0 {
		return -v
	}
	return v
}
