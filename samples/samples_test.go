// Package samples_test checks the sample maps that newcomers open first: each must read without a
// single diagnostic, pass every default lint rule of `mapwright check`, keep its texts clear of
// each other and of the markers, and render in every style to every format.
package samples_test

import (
	"bytes"
	"context"
	"encoding/xml"
	"errors"
	"image/png"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"mapwright/internal/cli"
	"mapwright/internal/lint"
	"mapwright/mapdsl"
	"mapwright/render"
	"mapwright/render/pdf"
	"mapwright/render/raster"
	"mapwright/render/svg"
)

type sample struct {
	name string
	src  []byte
	m    *mapdsl.Map
}

// loadSamples parses every .owm file of this directory; the test fails if there are fewer than
// the eight maps the documentation promises.
func loadSamples(t *testing.T) []sample {
	t.Helper()
	files, err := filepath.Glob("*.owm")
	if err != nil {
		t.Fatal(err)
	}
	if len(files) < 8 {
		t.Fatalf("found %d sample maps, want at least 8", len(files))
	}
	var out []sample
	for _, f := range files {
		src, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		m, diags := mapdsl.Parse(f, src)
		for _, d := range diags {
			t.Errorf("%s", d.Format(f))
		}
		out = append(out, sample{f, src, m})
	}
	return out
}

func TestSamplesPassCheck(t *testing.T) {
	for _, s := range loadSamples(t) {
		t.Run(s.name, func(t *testing.T) {
			if s.m.Title == "" || s.m.Title == "Untitled Map" {
				t.Errorf("no title")
			}
			if len(s.m.Anchors) == 0 {
				t.Errorf("no anchor")
			}
			scene := render.Layout(s.m, render.Options{})
			findings := lint.Run(lint.Input{Map: s.m, Source: s.src, Scene: scene}, lint.Config{})
			for _, d := range findings {
				t.Errorf("%s [%s]", d.Format(s.name), d.Code)
			}
		})
	}
}

// TestSamplesAreFormatted keeps the samples in mapwright's canonical layout, so `mapwright fmt -l`
// on a copy of them lists nothing and they teach the layout by example.
func TestSamplesAreFormatted(t *testing.T) {
	for _, s := range loadSamples(t) {
		t.Run(s.name, func(t *testing.T) {
			got, diags := mapdsl.Format(s.src)
			if diags.HasErrors() {
				t.Fatalf("cannot format: %v", diags)
			}
			if !bytes.Equal(got, s.src) {
				t.Errorf("not formatted; run mapwright fmt -w samples/%s", s.name)
			}
		})
	}
}

// TestSamplesPassCommandLineCheck runs `mapwright check --fail-on info` on every sample, as CI
// would: it must find nothing at all, not even an informational note.
func TestSamplesPassCommandLineCheck(t *testing.T) {
	var files []string
	for _, s := range loadSamples(t) {
		files = append(files, s.name)
	}
	var stdout, stderr bytes.Buffer
	args := append([]string{"check", "--fail-on", "info"}, files...)
	status := cli.Run(context.Background(), args, strings.NewReader(""), &stdout, &stderr)
	if status != 0 || stdout.Len() > 0 || stderr.Len() > 0 {
		t.Errorf("mapwright check exited %d:\n%s%s", status, stdout.String(), stderr.String())
	}
}

func TestSamplesRenderEverywhere(t *testing.T) {
	for _, s := range loadSamples(t) {
		for _, style := range render.Styles {
			t.Run(s.name+"/"+string(style), func(t *testing.T) {
				scene := render.Layout(s.m, render.Options{Style: style})

				var svgOut bytes.Buffer
				if err := svg.Encode(&svgOut, scene); err != nil {
					t.Fatalf("svg: %v", err)
				}
				if err := wellFormed(svgOut.Bytes()); err != nil {
					t.Errorf("svg is not well-formed XML: %v", err)
				}
				if !bytes.Contains(svgOut.Bytes(), []byte(xmlEscape(s.m.Title))) {
					t.Errorf("svg does not carry the title %q", s.m.Title)
				}

				var pdfOut bytes.Buffer
				if err := pdf.Encode(&pdfOut, []*render.Scene{scene}, pdf.Options{}); err != nil {
					t.Fatalf("pdf: %v", err)
				}
				if !bytes.HasPrefix(pdfOut.Bytes(), []byte("%PDF-")) {
					t.Errorf("pdf output does not start with %%PDF-")
				}

				var pngOut bytes.Buffer
				if err := raster.Encode(&pngOut, scene, raster.Options{Scale: 1}); err != nil {
					t.Fatalf("png: %v", err)
				}
				img, err := png.Decode(&pngOut)
				if err != nil {
					t.Fatalf("png does not decode: %v", err)
				}
				if img.Bounds().Dx() < int(scene.Width) || img.Bounds().Dy() < int(scene.Height) {
					t.Errorf("png is %v, smaller than the scene %.0fx%.0f", img.Bounds(), scene.Width, scene.Height)
				}
			})
		}
	}
}

// TestSamplesTextsStayClear fails when a text of a sample (a label, a note, a flow label, the
// legend) is drawn over another text, a marker or a box of another statement: things a reader
// would have to untangle. Lines crossing text are allowed; a dense map cannot avoid them all.
func TestSamplesTextsStayClear(t *testing.T) {
	for _, s := range loadSamples(t) {
		t.Run(s.name, func(t *testing.T) {
			scene := render.Layout(s.m, render.Options{})
			var texts []render.Item
			for _, it := range scene.Items {
				if it.Shape == render.ShapeText && it.Rotate == 0 && it.Ref.Line > 0 && it.Ref.Kind != render.ElemArea {
					texts = append(texts, it)
				}
			}
			for i, a := range texts {
				ba := textBox(a)
				for _, b := range texts[i+1:] {
					if a.Ref.Line != b.Ref.Line && ba.overlaps(textBox(b)) {
						t.Errorf("text %q (line %d) is drawn over text %q (line %d)", a.Text, a.Ref.Line, b.Text, b.Ref.Line)
					}
				}
				for _, it := range scene.Items {
					if it.Ref.Line == a.Ref.Line || it.Ref.Line == 0 || it.Ref.Kind == render.ElemArea {
						continue
					}
					var ob box
					switch it.Shape {
					case render.ShapeCircle:
						ob = box{it.X - it.R, it.Y - it.R, it.X + it.R, it.Y + it.R}
					case render.ShapeRect:
						ob = box{it.X, it.Y, it.X + it.W, it.Y + it.H}
					default:
						continue
					}
					if ba.overlaps(ob) {
						t.Errorf("text %q (line %d) is drawn over the %s of line %d", a.Text, a.Ref.Line, it.Ref.Kind, it.Ref.Line)
					}
				}
			}
		})
	}
}

type box struct{ x0, y0, x1, y1 float64 }

// overlaps reports whether two boxes share more than a one-unit sliver.
func (a box) overlaps(b box) bool {
	return a.x0 < b.x1-1 && b.x0 < a.x1-1 && a.y0 < b.y1-1 && b.y0 < a.y1-1
}

// textBox approximates the ink of a line of text: its advance width, from the ascent to the
// descent of the font.
func textBox(it render.Item) box {
	w := render.MeasureText(it.Font, it.Text)
	x := it.X
	switch it.Anchor {
	case render.AnchorMiddle:
		x -= w / 2
	case render.AnchorEnd:
		x -= w
	}
	return box{x, it.Y - it.Font.Size*0.75, x + w, it.Y + it.Font.Size*0.2}
}

func wellFormed(b []byte) error {
	d := xml.NewDecoder(bytes.NewReader(b))
	for {
		_, err := d.Token()
		if errors.Is(err, io.EOF) {
			return nil
		}
		if err != nil {
			return err
		}
	}
}

func xmlEscape(s string) string {
	var b strings.Builder
	_ = xml.EscapeText(&b, []byte(s))
	return b.String()
}
