// Package pdf writes Scenes as vector PDF documents through github.com/jung-kurt/gofpdf.
//
// Every item of the display list becomes PDF drawing operators: nothing is rasterised. Text is
// real text in the Go fonts (embedded as subsets), so it prints, searches and copies. Several
// scenes make several pages of one document, which is how a deck of maps is exported.
//
// The output is byte-identical for the same scenes and options: the creation and modification
// dates are fixed and gofpdf's catalog is sorted.
package pdf

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"math"
	"strconv"
	"strings"
	"time"

	"github.com/jung-kurt/gofpdf"

	"mapwright/internal/cancel"
	"mapwright/render"
)

// Options choose the page.
type Options struct {
	// Paper is "" for a page the size of the map, or "a4" or "letter" (case does not matter) for a
	// named paper size, or "16:9" or "4:3" for a slide (10 inches wide, as presentation programs
	// make them), with the map scaled to fit and centred.
	Paper string
	// Landscape and Portrait force the orientation of named paper. With neither, each page is
	// landscape when its map is wider than tall and portrait otherwise; slides are landscape
	// unless Portrait is set. Landscape wins if both are set. They do not apply to fitted pages,
	// which always follow the map.
	Landscape bool
	Portrait  bool
	// Margin is the white border around the map in points (1/72 inch). Zero means the default:
	// 10 mm on named paper, none on a fitted page. A negative value means no margin at all.
	Margin float64
	// PageNumbers writes "n / N" at the bottom right of every page of a document of more than
	// one page: in the bottom margin of named paper and slides, and in a band added below the
	// map on a fitted page.
	PageNumbers bool
}

// Page numbers: their size, how far their baseline sits above the page's bottom edge, and the
// band a fitted page gains to hold them (all in points).
const (
	pageNumberSize     = 9
	pageNumberBaseline = 9
	pageNumberBand     = 20
)

// pageNumberKind tags the page numbers the encoder adds to its pages.
const pageNumberKind render.ElementKind = "pagenumber"

// pointsPerUnit converts scene units (CSS pixels) to PDF points.
const pointsPerUnit = 0.75

// defaultPaperMargin is the margin on named paper: 10 mm in points.
const defaultPaperMargin = 10 / 25.4 * 72

// documentDate is the fixed creation and modification date that keeps output byte-identical.
var documentDate = time.Date(2000, time.January, 1, 0, 0, 0, 0, time.UTC)

// paperSizes are the named paper sizes in portrait orientation, in points.
var paperSizes = map[string]gofpdf.SizeType{
	"a4":     {Wd: 595.28, Ht: 841.89},
	"letter": {Wd: 612, Ht: 792},
	"16:9":   {Wd: 405, Ht: 720}, // a 10 x 5.625 inch slide
	"4:3":    {Wd: 540, Ht: 720}, // a 10 x 7.5 inch slide
}

// slides are the paper sizes that are landscape unless told otherwise.
var slides = map[string]bool{"16:9": true, "4:3": true}

// pageGeometry places one scene on its page: page size in points, then the map's scale
// (points per scene unit) and offset.
type pageGeometry struct {
	size   gofpdf.SizeType
	scale  float64
	ox, oy float64
}

// geometry computes where a scene goes on its page.
func (o Options) geometry(s *render.Scene) (pageGeometry, error) {
	w, h := s.Width, s.Height
	if !(w > 0) || !(h > 0) || math.IsInf(w, 0) || math.IsInf(h, 0) {
		return pageGeometry{}, fmt.Errorf("pdf: scene size %gx%g is not a positive size", w, h)
	}
	paper := strings.ToLower(strings.TrimSpace(o.Paper))
	margin := o.Margin
	switch {
	case margin < 0:
		margin = 0
	case margin == 0 && paper != "":
		margin = defaultPaperMargin
	}
	if paper == "" {
		g := pageGeometry{scale: pointsPerUnit, ox: margin, oy: margin}
		g.size = gofpdf.SizeType{Wd: float64(w*pointsPerUnit) + 2*margin, Ht: float64(h*pointsPerUnit) + 2*margin}
		if o.PageNumbers {
			g.size.Ht += pageNumberBand
		}
		return g, nil
	}
	size, ok := paperSizes[paper]
	if !ok {
		return pageGeometry{}, fmt.Errorf("pdf: unknown paper %q (want a4, letter, 16:9 or 4:3, or empty for a page fitted to the map)", o.Paper)
	}
	landscape := o.Landscape || (!o.Portrait && (w > h || slides[paper]))
	if landscape {
		size.Wd, size.Ht = size.Ht, size.Wd
	}
	availW, availH := size.Wd-2*margin, size.Ht-2*margin
	if availW <= 0 || availH <= 0 {
		return pageGeometry{}, fmt.Errorf("pdf: margin %g pt leaves no room on %s paper", o.Margin, paper)
	}
	scale := math.Min(availW/w, availH/h)
	return pageGeometry{
		size:  size,
		scale: scale,
		ox:    (size.Wd - float64(w*scale)) / 2,
		oy:    (size.Ht - float64(h*scale)) / 2,
	}, nil
}

// Encode writes scenes as one PDF document with a page per scene. It never panics on hostile
// text: every string is made printable first.
func Encode(w io.Writer, scenes []*render.Scene, opts Options) (err error) {
	return encodeStop(nil, w, scenes, opts)
}

// EncodeContext is Encode that stops when ctx is done: it then returns ctx's error and writes
// nothing to w.
func EncodeContext(ctx context.Context, w io.Writer, scenes []*render.Scene, opts Options) (err error) {
	stop := cancel.New(ctx)
	defer stop.Recover(&err)
	return encodeStop(stop, w, scenes, opts)
}

// newDocument starts a document whose first page has the given size, with its metadata: a
// fixed date (so that one map always gives the same file), producer, title and subject.
func newDocument(scenes []*render.Scene, size gofpdf.SizeType) *gofpdf.Fpdf {
	doc := gofpdf.NewCustom(&gofpdf.InitType{
		OrientationStr: gofpdf.OrientationPortrait,
		UnitStr:        gofpdf.UnitPoint,
		Size:           size,
	})
	doc.SetCreationDate(documentDate)
	doc.SetModificationDate(documentDate)
	doc.SetCatalogSort(true)
	doc.SetProducer("Mapwright", false)
	doc.SetCreator("Mapwright", false)
	doc.SetMargins(0, 0, 0)
	doc.SetAutoPageBreak(false, 0)
	doc.SetCellMargin(0)
	if title := documentTitle(scenes); title != "" {
		doc.SetTitle(title, true)
	}
	if desc := strings.TrimSpace(render.PrintableText(scenes[0].Desc)); desc != "" {
		doc.SetSubject(desc, true)
	}
	return doc
}

func encodeStop(stop *cancel.Check, w io.Writer, scenes []*render.Scene, opts Options) (err error) {
	if len(scenes) == 0 {
		return errors.New("pdf: no scenes to encode")
	}
	pages := make([]pageGeometry, len(scenes))
	for i, s := range scenes {
		if s == nil {
			return fmt.Errorf("pdf: scene %d is nil", i+1)
		}
		if pages[i], err = opts.geometry(s); err != nil {
			return err
		}
	}
	if opts.PageNumbers && len(scenes) > 1 {
		scenes = numberPages(scenes, pages)
	}
	// gofpdf panics on some inputs it was not written for; our own sanitising should prevent them,
	// but a broken document must be an error, never a crash of the editor.
	defer func() {
		if r := recover(); r != nil {
			if cancel.IsStop(r) {
				panic(r) // cancelled: EncodeContext returns the context's error
			}
			err = fmt.Errorf("pdf: internal error while writing the document: %v", r)
		}
	}()

	doc := newDocument(scenes, pages[0].size)
	fonts, shaped, err := collectFonts(scenes)
	if err != nil {
		return err
	}
	maps := map[string]*unicodeMap{}
	if err := fonts.register(doc, maps); err != nil {
		return err
	}
	if err := shaped.register(doc, maps); err != nil {
		return err
	}

	for i, s := range scenes {
		g := pages[i]
		doc.AddPageFormat(gofpdf.OrientationPortrait, g.size)
		p := &painter{stop: stop, doc: doc, g: g, fonts: fonts, shaped: shaped}
		if len(scenes) > 1 {
			p.bookmark(s.Title, i+1)
		}
		p.drawScene(s)
		if doc.Err() {
			return fmt.Errorf("pdf: page %d: %w", i+1, doc.Error())
		}
	}
	// Close finishes the document in gofpdf's buffer; only a complete one is written to w, which
	// Output does straight from that buffer.
	if err := stop.Err(); err != nil {
		return err
	}
	doc.Close()
	if doc.Err() {
		return fmt.Errorf("pdf: %w", doc.Error())
	}
	var out bytes.Buffer
	if err := doc.Output(&out); err != nil {
		return err
	}
	_, err = w.Write(addToUnicode(out.Bytes(), maps))
	return err
}

// numberPages returns copies of scenes that end with their page number, placed in scene units
// where it falls at the bottom right of the page.
func numberPages(scenes []*render.Scene, pages []pageGeometry) []*render.Scene {
	out := make([]*render.Scene, len(scenes))
	for i, s := range scenes {
		g := pages[i]
		right := max(g.ox, pageNumberBaseline) // the map's left margin, mirrored
		c := *s
		c.Items = append(s.Items[:len(s.Items):len(s.Items)], render.Item{
			Shape: render.ShapeText, Ref: render.Ref{Kind: pageNumberKind, Index: i},
			X: (g.size.Wd - right - g.ox) / g.scale, Y: (g.size.Ht - pageNumberBaseline - g.oy) / g.scale,
			Text: strconv.Itoa(i+1) + " / " + strconv.Itoa(len(scenes)), Anchor: render.AnchorEnd,
			Font: render.Font{Family: render.FontSans, Size: pageNumberSize / g.scale},
			Fill: render.RGB(0x70, 0x70, 0x70),
		})
		out[i] = &c
	}
	return out
}

// documentTitle is the title of the first scene that has one.
func documentTitle(scenes []*render.Scene) string {
	for _, s := range scenes {
		if t := strings.TrimSpace(render.PrintableText(s.Title)); t != "" {
			return t
		}
	}
	return ""
}
