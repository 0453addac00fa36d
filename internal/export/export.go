// Package export turns drawn maps (render.Scene) into picture files: the one export dispatcher
// of the command line (mapwright export, diff -o, watch) and the editor (File > Export). It
// knows the picture formats, tells a file's format from its name, encodes scenes with the SVG,
// PDF and PNG encoders, and writes files through the product's one atomic writer.
package export

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"path/filepath"
	"strings"

	"mapwright/internal/atomicfile"
	"mapwright/render"
	"mapwright/render/pdf"
	"mapwright/render/raster"
	"mapwright/render/svg"
)

// Format is a picture format; its value is the usual file extension without the dot.
type Format string

const (
	SVG Format = "svg"
	PDF Format = "pdf"
	PNG Format = "png"
)

// Formats are the picture formats, in the order they are offered.
var Formats = []Format{SVG, PDF, PNG}

// ParseFormat reads a format name: "svg", "pdf" or "png".
func ParseFormat(name string) (Format, bool) {
	for _, f := range Formats {
		if Format(name) == f {
			return f, true
		}
	}
	return "", false
}

// FormatOf tells a file's format from its extension ("map.PNG" is PNG).
func FormatOf(path string) (Format, bool) {
	ext := filepath.Ext(path)
	if ext == "" {
		return "", false
	}
	return ParseFormat(strings.ToLower(ext[1:]))
}

// Options are the choices that apply to one format or another.
type Options struct {
	PDF pdf.Options // paper, orientation and margin of PDF pages
	// Scale is PNG pixels per scene unit (0: raster.DefaultScale).
	Scale float64
	// Transparent leaves a PNG's background transparent.
	Transparent bool
}

// Encode writes scenes to w in format f: one scene for SVG and PNG, any number (one page each)
// for PDF.
func Encode(w io.Writer, f Format, scenes []*render.Scene, o Options) error {
	return EncodeContext(context.Background(), w, f, scenes, o)
}

// EncodeContext is Encode that stops when ctx is done and returns ctx's error.
func EncodeContext(ctx context.Context, w io.Writer, f Format, scenes []*render.Scene, o Options) error {
	if len(scenes) == 0 {
		return fmt.Errorf("no map to draw as %s", strings.ToUpper(string(f)))
	}
	if len(scenes) > 1 && f != PDF {
		return fmt.Errorf("%d maps cannot go into one %s; only PDF holds several", len(scenes), strings.ToUpper(string(f)))
	}
	switch f {
	case SVG:
		return svg.EncodeContext(ctx, w, scenes[0])
	case PNG:
		return raster.EncodeContext(ctx, w, scenes[0], raster.Options{Scale: o.Scale, Transparent: o.Transparent})
	case PDF:
		return pdf.EncodeContext(ctx, w, scenes, o.PDF)
	}
	return fmt.Errorf("%s is not a picture format: use svg, pdf or png", f)
}

// Bytes is Encode into memory.
func Bytes(f Format, scenes []*render.Scene, o Options) ([]byte, error) {
	return BytesContext(context.Background(), f, scenes, o)
}

// BytesContext is EncodeContext into memory.
func BytesContext(ctx context.Context, f Format, scenes []*render.Scene, o Options) ([]byte, error) {
	var buf bytes.Buffer
	if err := EncodeContext(ctx, &buf, f, scenes, o); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

// WriteFile encodes scenes and writes them to path atomically: on any failure, of the encoder
// or of the disk, or when ctx is done before the file is written, the file at path is left as
// it was.
func WriteFile(ctx context.Context, path string, f Format, scenes []*render.Scene, o Options, w atomicfile.Options) error {
	data, err := BytesContext(ctx, f, scenes, o)
	if err == nil {
		err = ctx.Err() // an encoder may finish a small picture before it looks
	}
	if err != nil {
		return fmt.Errorf("cannot export %s: %w", filepath.Base(path), err)
	}
	return atomicfile.Write(path, data, w)
}
