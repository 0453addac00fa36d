package export

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"mapwright/internal/atomicfile"
	"mapwright/mapdsl"
	"mapwright/render"
	"mapwright/render/pdf"
	"mapwright/render/raster"
	"mapwright/render/svg"
)

func TestFormatOf(t *testing.T) {
	tests := []struct {
		path string
		want Format
		ok   bool
	}{
		{"map.svg", SVG, true},
		{"deck.PDF", PDF, true},
		{"dir.v2/map.Png", PNG, true},
		{"map.json", "", false}, // the model, not a picture
		{"map.bmp", "", false},
		{"map", "", false},
		{"svg", "", false},
	}
	for _, tc := range tests {
		t.Run(tc.path, func(t *testing.T) {
			if got, ok := FormatOf(tc.path); got != tc.want || ok != tc.ok {
				t.Errorf("FormatOf(%q) = %q, %v; want %q, %v", tc.path, got, ok, tc.want, tc.ok)
			}
		})
	}
	if _, ok := ParseFormat("SVG"); ok {
		t.Error("ParseFormat takes format names as written on a command line: lower case")
	}
}

func scene(t *testing.T) *render.Scene {
	t.Helper()
	m, diags := mapdsl.Parse("tea.owm", []byte("title Tea\ncomponent Kettle [0.4, 0.3]\n"))
	if diags.HasErrors() {
		t.Fatal(diags)
	}
	return render.Layout(m, render.Options{})
}

// Encode gives exactly what each format's encoder gives.
func TestEncodeIsTheEncoders(t *testing.T) {
	sc := scene(t)
	two := []*render.Scene{sc, sc}
	var svgWant, pdfWant, pngWant bytes.Buffer
	if err := svg.Encode(&svgWant, sc); err != nil {
		t.Fatal(err)
	}
	if err := pdf.Encode(&pdfWant, two, pdf.Options{Paper: "a4"}); err != nil {
		t.Fatal(err)
	}
	if err := raster.Encode(&pngWant, sc, raster.Options{Scale: 1, Transparent: true}); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		f      Format
		scenes []*render.Scene
		o      Options
		want   []byte
	}{
		{SVG, []*render.Scene{sc}, Options{}, svgWant.Bytes()},
		{PDF, two, Options{PDF: pdf.Options{Paper: "a4"}}, pdfWant.Bytes()},
		{PNG, []*render.Scene{sc}, Options{Scale: 1, Transparent: true}, pngWant.Bytes()},
	}
	for _, tc := range tests {
		t.Run(string(tc.f), func(t *testing.T) {
			got, err := Bytes(tc.f, tc.scenes, tc.o)
			if err != nil {
				t.Fatal(err)
			}
			if !bytes.Equal(got, tc.want) {
				t.Errorf("%d bytes, want the encoder's %d", len(got), len(tc.want))
			}
		})
	}
}

func TestEncodeRefusesWhatAFormatCannotHold(t *testing.T) {
	sc := scene(t)
	tests := []struct {
		name   string
		f      Format
		scenes []*render.Scene
		want   string
	}{
		{"no map", SVG, nil, "no map to draw as SVG"},
		{"two maps in one SVG", SVG, []*render.Scene{sc, sc}, "2 maps cannot go into one SVG; only PDF holds several"},
		{"two maps in one PNG", PNG, []*render.Scene{sc, sc}, "2 maps cannot go into one PNG"},
		{"not a picture", Format("json"), []*render.Scene{sc}, "json is not a picture format: use svg, pdf or png"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			err := Encode(&bytes.Buffer{}, tc.f, tc.scenes, Options{})
			if err == nil || !strings.HasPrefix(err.Error(), tc.want) {
				t.Errorf("error %v, want %q", err, tc.want)
			}
		})
	}
}

// A failed or stopped encoding writes nothing: the picture that was there stays.
func TestWriteFileLeavesTheOldPictureOnFailure(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "tea.png")
	os.WriteFile(path, []byte("old picture"), 0o644)
	stopped, stop := context.WithCancel(context.Background())
	stop()
	for _, tc := range []struct {
		name string
		ctx  context.Context
		f    Format
		o    Options
	}{
		{"encoder fails", context.Background(), PNG, Options{Scale: -1}},
		{"stopped", stopped, SVG, Options{}}, // SVG: small pictures are done before the encoder looks
		{"stopped PNG", stopped, PNG, Options{}},
	} {
		err := WriteFile(tc.ctx, path, tc.f, []*render.Scene{scene(t)}, tc.o, atomicfile.Options{})
		if err == nil || !strings.HasPrefix(err.Error(), "cannot export tea.png: ") {
			t.Fatalf("%s: error %v", tc.name, err)
		}
		if data, _ := os.ReadFile(path); string(data) != "old picture" {
			t.Errorf("%s: the picture became %q", tc.name, data)
		}
		if entries, _ := os.ReadDir(dir); len(entries) != 1 {
			t.Errorf("%s: %d files in the folder, want 1", tc.name, len(entries))
		}
	}
	if err := WriteFile(context.Background(), path, SVG, []*render.Scene{scene(t)}, Options{}, atomicfile.Options{}); err != nil {
		t.Fatal(err)
	}
	if data, _ := os.ReadFile(path); !bytes.Contains(data, []byte("<svg")) {
		t.Error("the new picture was not written")
	}
}
