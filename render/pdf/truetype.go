package pdf

import (
	"bytes"
	"compress/flate"
	"encoding/binary"
	"errors"
	"fmt"
	"hash/adler32"
	"math"
	"slices"
	"sort"
	"sync"

	"mapwright/render"
)

// A face is one of the Go fonts read once per process: where each table lies, where each glyph's
// outline lies, how far each glyph advances, which glyph draws each character, and the numbers a
// PDF font descriptor needs. Documents subset it to the characters they draw (compressedSubset), so the
// work per document follows what the document uses, not the size of the font.
//
// A face is never written after it is built, and its tables are slices of the shared font bytes
// that nothing writes to (gofpdf only ever sees the subsets, which are new slices), so concurrent
// encodes share it safely.
type face struct {
	tables     map[string][]byte // every table of the font by tag
	glyf       []byte
	loca       []uint32 // numGlyphs+1 offsets into glyf
	advance    []uint16 // per glyph, in font units
	lsb        []int16  // per glyph, in font units
	cmap       map[rune]uint16
	asciiWidth [128]int // width of each ASCII character in 1/1000 em (MissingWidth when absent)
	scale      float64  // 1/1000 em per font unit

	desc         fontDescriptor
	underlinePos int // underline position and thickness in 1/1000 em
	underlineTh  int

	fixed *fixedTables // the tables every subset copies unchanged
}

// copiedTables are the tables a subset takes from its face unchanged: the hinting program and
// its data (glyph instructions call it), OS/2 metrics and the names (copyright and licence).
var copiedTables = []string{"OS/2", "cvt ", "fpgm", "gasp", "name", "prep"}

// fixedTables are the tables a face's subsets copy unchanged, laid out and compressed once per
// process. They make up two thirds of a typical subset, so a subset compresses only what is its
// own and ends with these bytes (see compressedSubset).
type fixedTables struct {
	tags     []string // in tag order
	offsets  []int    // of each table in data
	lengths  []int
	sums     []uint32 // table checksums
	data     []byte   // the tables, each padded to four bytes
	deflated []byte   // data as raw deflate blocks, the last one final
}

// fontDescriptor holds the values of a PDF font descriptor, in 1/1000 em; gofpdf reads it from
// the font definition (its FontDescType, whose bounding box type is not exported).
type fontDescriptor struct {
	Ascent       int
	Descent      int
	CapHeight    int
	Flags        int
	FontBBox     struct{ Xmin, Ymin, Xmax, Ymax int }
	ItalicAngle  int
	StemV        int
	MissingWidth int
}

// PDF font descriptor flags (PDF 32000-1, 9.8.2).
const (
	flagFixedPitch  = 1
	flagNonsymbolic = 32
	flagItalic      = 64
	flagForceBold   = 262144
)

var (
	facesMu sync.Mutex
	faces   = map[string]*face{}
)

// faceFor returns the parsed face that draws f, reading it on first use.
func faceFor(f render.Font) (*face, error) {
	key := render.FontKey(f)
	facesMu.Lock()
	defer facesMu.Unlock()
	if fc := faces[key]; fc != nil {
		return fc, nil
	}
	fc, err := parseFace(render.FontBytes(f))
	if err != nil {
		return nil, fmt.Errorf("pdf: font %s: %w", key, err)
	}
	faces[key] = fc
	return fc, nil
}

var errTruncated = errors.New("truncated TrueType data")

// readMetrics reads every glyph's advance and left side bearing; glyphs past numberOfHMetrics
// advance as far as the last one.
func (fc *face) readMetrics(numGlyphs, numHMetrics int) error {
	be := binary.BigEndian
	hmtx := fc.tables["hmtx"]
	if len(hmtx) < 4*numHMetrics+2*(numGlyphs-numHMetrics) {
		return errTruncated
	}
	fc.advance = make([]uint16, numGlyphs)
	fc.lsb = make([]int16, numGlyphs)
	for g := range numGlyphs {
		if g < numHMetrics {
			fc.advance[g] = be.Uint16(hmtx[4*g:])
			fc.lsb[g] = int16(be.Uint16(hmtx[4*g+2:]))
		} else {
			fc.advance[g] = fc.advance[numHMetrics-1]
			fc.lsb[g] = int16(be.Uint16(hmtx[4*numHMetrics+2*(g-numHMetrics):]))
		}
	}
	return nil
}

// readLoca reads where each glyph's outline lies in the glyf table.
func (fc *face) readLoca(numGlyphs int, longOffsets bool) error {
	be := binary.BigEndian
	fc.glyf = fc.tables["glyf"]
	loca := fc.tables["loca"]
	fc.loca = make([]uint32, numGlyphs+1)
	if (longOffsets && len(loca) < 4*(numGlyphs+1)) || (!longOffsets && len(loca) < 2*(numGlyphs+1)) {
		return errTruncated
	}
	for g := range fc.loca {
		if longOffsets {
			fc.loca[g] = be.Uint32(loca[4*g:])
		} else {
			fc.loca[g] = 2 * uint32(be.Uint16(loca[2*g:]))
		}
		if fc.loca[g] > uint32(len(fc.glyf)) || (g > 0 && fc.loca[g] < fc.loca[g-1]) {
			return fmt.Errorf("glyph %d lies outside the glyf table", g)
		}
	}
	return nil
}

// parseFace reads a TrueType font (glyf outlines, a Unicode format 4 cmap). It keeps slices of
// ttf, which must not change afterwards.
func parseFace(ttf []byte) (*face, error) {
	be := binary.BigEndian
	if len(ttf) < 12 {
		return nil, errTruncated
	}
	if v := be.Uint32(ttf); v != 0x00010000 && v != 0x74727565 { // 1.0 or 'true'
		return nil, fmt.Errorf("not a TrueType font (version %#x)", v)
	}
	n := int(be.Uint16(ttf[4:]))
	if len(ttf) < 12+16*n {
		return nil, errTruncated
	}
	fc := &face{tables: make(map[string][]byte, n)}
	for i := range n {
		rec := ttf[12+16*i:]
		off, length := int(be.Uint32(rec[8:])), int(be.Uint32(rec[12:]))
		if off < 0 || length < 0 || off > len(ttf) || length > len(ttf)-off {
			return nil, errTruncated
		}
		fc.tables[string(rec[:4])] = ttf[off : off+length : off+length]
	}
	for _, tag := range []string{"head", "hhea", "maxp", "hmtx", "loca", "glyf", "cmap", "post"} {
		if fc.tables[tag] == nil {
			return nil, fmt.Errorf("no %q table", tag)
		}
	}
	head, hhea, maxp, post := fc.tables["head"], fc.tables["hhea"], fc.tables["maxp"], fc.tables["post"]
	if len(head) < 54 || len(hhea) < 36 || len(maxp) < 6 || len(post) < 32 {
		return nil, errTruncated
	}
	unitsPerEm := int(be.Uint16(head[18:]))
	if unitsPerEm == 0 {
		return nil, errors.New("unitsPerEm is zero")
	}
	fc.scale = 1000 / float64(unitsPerEm)
	numGlyphs := int(be.Uint16(maxp[4:]))
	numHMetrics := int(be.Uint16(hhea[34:]))
	if numHMetrics == 0 || numHMetrics > numGlyphs {
		return nil, fmt.Errorf("%d horizontal metrics for %d glyphs", numHMetrics, numGlyphs)
	}

	if err := fc.readMetrics(numGlyphs, numHMetrics); err != nil {
		return nil, err
	}
	if err := fc.readLoca(numGlyphs, be.Uint16(head[50:]) == 1); err != nil {
		return nil, err
	}
	var err error
	if fc.cmap, err = parseUnicodeCmap(fc.tables["cmap"], numGlyphs); err != nil {
		return nil, err
	}
	fc.describe(head, hhea, post)
	fc.fixed = newFixedTables(fc.tables)
	for r := range fc.asciiWidth {
		fc.asciiWidth[r] = fc.runeWidth(rune(r))
	}
	return fc, nil
}

// describe fills the font descriptor the way gofpdf computes it for its own UTF-8 fonts, so the
// metrics of the text do not change with the way the font is embedded; the flags say
// "nonsymbolic", as a font with a standard encoding must.
func (fc *face) describe(head, hhea, post []byte) {
	be := binary.BigEndian
	s := fc.scale
	d := &fc.desc
	d.FontBBox.Xmin = int(float64(int16(be.Uint16(head[36:]))) * s)
	d.FontBBox.Ymin = int(float64(int16(be.Uint16(head[38:]))) * s)
	d.FontBBox.Xmax = int(float64(int16(be.Uint16(head[40:]))) * s)
	d.FontBBox.Ymax = int(float64(int16(be.Uint16(head[42:]))) * s)
	d.Ascent = int(float64(int16(be.Uint16(hhea[4:]))) * s)
	d.Descent = int(float64(int16(be.Uint16(hhea[6:]))) * s)
	weight := 500
	d.CapHeight = d.Ascent
	if os2 := fc.tables["OS/2"]; len(os2) >= 72 {
		weight = int(be.Uint16(os2[4:]))
		if d.Ascent == 0 {
			d.Ascent = int(float64(int16(be.Uint16(os2[68:]))) * s)
		}
		if d.Descent == 0 {
			d.Descent = int(float64(int16(be.Uint16(os2[70:]))) * s)
		}
		d.CapHeight = d.Ascent
		if be.Uint16(os2) > 1 && len(os2) >= 90 {
			d.CapHeight = int(float64(int16(be.Uint16(os2[88:]))) * s)
		}
	}
	d.StemV = 50 + int(math.Pow(float64(weight)/65, 2))
	d.ItalicAngle = int(int16(be.Uint16(post[4:])))
	fc.underlinePos = int(math.Round(float64(int16(be.Uint16(post[8:]))) * s))
	fc.underlineTh = int(math.Round(float64(int16(be.Uint16(post[10:]))) * s))
	d.Flags = flagNonsymbolic
	if d.ItalicAngle != 0 {
		d.Flags |= flagItalic
	}
	if weight >= 600 {
		d.Flags |= flagForceBold
	}
	if be.Uint32(post[12:]) != 0 {
		d.Flags |= flagFixedPitch
	}
	d.MissingWidth = fc.glyphWidth(0)
}

// parseUnicodeCmap reads the Unicode BMP subtable (format 4, platform 3 encoding 1 or platform 0)
// of a cmap table into a map from character to glyph.
func parseUnicodeCmap(cmap []byte, numGlyphs int) (map[rune]uint16, error) {
	be := binary.BigEndian
	if len(cmap) < 4 {
		return nil, errTruncated
	}
	n := int(be.Uint16(cmap[2:]))
	if len(cmap) < 4+8*n {
		return nil, errTruncated
	}
	var sub []byte
	for i := range n {
		rec := cmap[4+8*i:]
		platform, encoding, off := be.Uint16(rec), be.Uint16(rec[2:]), int(be.Uint32(rec[4:]))
		if !(platform == 3 && encoding == 1 || platform == 0) || off+4 > len(cmap) || be.Uint16(cmap[off:]) != 4 {
			continue
		}
		length := int(be.Uint16(cmap[off+2:]))
		if off+length > len(cmap) {
			return nil, errTruncated
		}
		sub = cmap[off : off+length]
		break
	}
	if sub == nil {
		return nil, errors.New("no Unicode format 4 cmap")
	}
	if len(sub) < 14 {
		return nil, errTruncated
	}
	segs := int(be.Uint16(sub[6:])) / 2
	ends, starts, deltas, rangeOffs := 14, 16+2*segs, 16+4*segs, 16+6*segs
	if len(sub) < 16+8*segs {
		return nil, errTruncated
	}
	m := map[rune]uint16{}
	for i := range segs {
		end, start := int(be.Uint16(sub[ends+2*i:])), int(be.Uint16(sub[starts+2*i:]))
		delta, rangeOff := be.Uint16(sub[deltas+2*i:]), int(be.Uint16(sub[rangeOffs+2*i:]))
		for c := start; c <= end && c < 0xFFFF; c++ {
			var g uint16
			if rangeOff == 0 {
				g = uint16(c) + delta
			} else {
				at := rangeOffs + 2*i + rangeOff + 2*(c-start)
				if at+2 > len(sub) {
					return nil, errTruncated
				}
				if g = be.Uint16(sub[at:]); g != 0 {
					g += delta
				}
			}
			if g != 0 && int(g) < numGlyphs {
				m[rune(c)] = g
			}
		}
	}
	return m, nil
}

// glyphWidth is the advance of glyph g in 1/1000 em, rounded as gofpdf rounds it.
func (fc *face) glyphWidth(g uint16) int {
	return int(math.Round(fc.scale * float64(fc.advance[g])))
}

// runeWidth is the advance of r in 1/1000 em; a character the font lacks is drawn as .notdef.
func (fc *face) runeWidth(r rune) int {
	if g, ok := fc.cmap[r]; ok {
		return fc.glyphWidth(g)
	}
	return fc.desc.MissingWidth
}

// Composite glyph flags (OpenType glyf table).
const (
	argsAreWords   = 0x0001
	haveScale      = 0x0008
	moreComponents = 0x0020
	haveXYScale    = 0x0040
	haveTwoByTwo   = 0x0080
)

// components calls fn with the byte offset, within the glyph's data, of every component glyph
// index of a composite glyph; it does nothing for a simple glyph.
func components(data []byte, fn func(at int)) error {
	if len(data) < 10 || int16(binary.BigEndian.Uint16(data)) >= 0 {
		return nil
	}
	for at := 10; ; {
		if at+4 > len(data) {
			return errTruncated
		}
		flags := binary.BigEndian.Uint16(data[at:])
		fn(at + 2)
		at += 4
		if flags&argsAreWords != 0 {
			at += 4
		} else {
			at += 2
		}
		switch {
		case flags&haveScale != 0:
			at += 2
		case flags&haveXYScale != 0:
			at += 4
		case flags&haveTwoByTwo != 0:
			at += 8
		}
		if flags&moreComponents == 0 {
			return nil
		}
	}
}

func (fc *face) glyphData(g uint16) []byte { return fc.glyf[fc.loca[g]:fc.loca[g+1]] }

// compressedSubset returns the subset of runes compressed for a FlateDecode stream (zlib), and
// its uncompressed size. Only the subset's own part is compressed here; the face's fixed tables
// follow as the blocks deflated once per process. A deflate stream may be continued this way:
// the own part ends with a sync flush (byte-aligned, not final), and the fixed blocks refer to
// nothing before them.
func (fc *face) compressedSubset(runes []rune) ([]byte, int, error) {
	own, err := fc.subsetOwn(runes)
	if err != nil {
		return nil, 0, err
	}
	var buf bytes.Buffer
	buf.Grow(2 + len(own)/2 + len(fc.fixed.deflated) + 4)
	buf.Write([]byte{0x78, 0x9C}) // zlib header: deflate, 32 KiB window, no dictionary
	w := flateWriters.Get().(*flate.Writer)
	w.Reset(&buf)
	w.Write(own) // writes to a bytes.Buffer do not fail
	if len(fc.fixed.data) > 0 {
		w.Flush()
		buf.Write(fc.fixed.deflated)
	} else {
		w.Close()
	}
	flateWriters.Put(w)
	sum := adler32.New()
	sum.Write(own)
	sum.Write(fc.fixed.data)
	buf.Write(sum.Sum(nil))
	return buf.Bytes(), len(own) + len(fc.fixed.data), nil
}

// flateWriters keeps compressors between documents: a new one allocates about a megabyte. The
// fastest level: on a subset's own 10 KB it takes half the time of the default level for 5% more
// bytes.
var flateWriters = sync.Pool{New: func() any {
	w, _ := flate.NewWriter(nil, flate.BestSpeed)
	return w
}}

// subsetOwn returns the beginning of a subset font: the header, the directory of all its tables,
// and the tables made for this subset. The face's fixed tables complete it.
func (fc *face) subsetOwn(runes []rune) ([]byte, error) {
	be := binary.BigEndian
	// The glyphs: .notdef, those of the runes, and the components of composite glyphs.
	keep := make(map[uint16]bool, len(runes)+8)
	keep[0] = true
	work := make([]uint16, 0, len(runes)+8)
	work = append(work, 0)
	for _, r := range runes {
		if g, ok := fc.cmap[r]; ok && !keep[g] {
			keep[g] = true
			work = append(work, g)
		}
	}
	for i := 0; i < len(work); i++ {
		data := fc.glyphData(work[i])
		err := components(data, func(at int) {
			c := be.Uint16(data[at:])
			if int(c) < len(fc.advance) && !keep[c] {
				keep[c] = true
				work = append(work, c)
			}
		})
		if err != nil {
			return nil, fmt.Errorf("glyph %d: %w", work[i], err)
		}
	}
	gids := work
	slices.Sort(gids)
	newID := make(map[uint16]uint16, len(gids))
	for i, g := range gids {
		newID[g] = uint16(i)
	}

	// glyf and loca (long offsets), hmtx with a metric per glyph.
	var size int
	for _, g := range gids {
		size += (len(fc.glyphData(g)) + 3) &^ 3
	}
	glyf := make([]byte, 0, size)
	loca := make([]byte, 4*(len(gids)+1))
	hmtx := make([]byte, 4*len(gids))
	for i, g := range gids {
		be.PutUint32(loca[4*i:], uint32(len(glyf)))
		be.PutUint16(hmtx[4*i:], fc.advance[g])
		be.PutUint16(hmtx[4*i+2:], uint16(fc.lsb[g]))
		start := len(glyf)
		glyf = append(glyf, fc.glyphData(g)...)
		out := glyf[start:]
		_ = components(out, func(at int) { be.PutUint16(out[at:], newID[be.Uint16(out[at:])]) })
		for len(glyf)%4 != 0 {
			glyf = append(glyf, 0)
		}
	}
	be.PutUint32(loca[4*len(gids):], uint32(len(glyf)))

	head := slices.Clone(fc.tables["head"])
	be.PutUint32(head[8:], 0)  // checkSumAdjustment, set once the font is assembled
	be.PutUint16(head[50:], 1) // long loca offsets
	hhea := slices.Clone(fc.tables["hhea"])
	be.PutUint16(hhea[34:], uint16(len(gids)))
	maxp := slices.Clone(fc.tables["maxp"])
	be.PutUint16(maxp[4:], uint16(len(gids)))
	post := slices.Clone(fc.tables["post"][:32])
	be.PutUint32(post, 0x00030000) // version 3: no glyph names

	tables := map[string][]byte{
		"cmap": fc.subsetCmap(runes, newID),
		"glyf": glyf, "head": head, "hhea": hhea, "hmtx": hmtx, "loca": loca, "maxp": maxp, "post": post,
	}
	return assembleFont(tables, fc.fixed), nil
}

// subsetCmap builds a cmap with one format 4 subtable (Windows, Unicode BMP) mapping runes to
// their glyphs' new numbers; consecutive characters on consecutive glyphs share a segment.
func (fc *face) subsetCmap(runes []rune, newID map[uint16]uint16) []byte {
	type pair struct {
		r rune
		g uint16
	}
	pairs := make([]pair, 0, len(runes))
	for _, r := range runes {
		if g, ok := fc.cmap[r]; ok && r < 0xFFFF {
			pairs = append(pairs, pair{r, newID[g]})
		}
	}
	sort.Slice(pairs, func(i, j int) bool { return pairs[i].r < pairs[j].r })
	type segment struct {
		start, end rune
		delta      uint16
	}
	var segs []segment
	for i, p := range pairs {
		if i > 0 && p.r == pairs[i-1].r {
			continue
		}
		if n := len(segs); n > 0 && p.r == segs[n-1].end+1 && p.g == pairs[i-1].g+1 {
			segs[n-1].end = p.r
			continue
		}
		segs = append(segs, segment{p.r, p.r, p.g - uint16(p.r)})
	}
	segs = append(segs, segment{0xFFFF, 0xFFFF, 1})

	be := binary.BigEndian
	n := len(segs)
	sub := make([]byte, 16+8*n)
	be.PutUint16(sub, 4)
	be.PutUint16(sub[2:], uint16(len(sub)))
	be.PutUint16(sub[6:], uint16(2*n))
	searchRange, entrySelector := 2, 0
	for searchRange*2 <= 2*n {
		searchRange *= 2
		entrySelector++
	}
	be.PutUint16(sub[8:], uint16(searchRange))
	be.PutUint16(sub[10:], uint16(entrySelector))
	be.PutUint16(sub[12:], uint16(2*n-searchRange))
	for i, s := range segs {
		be.PutUint16(sub[14+2*i:], uint16(s.end))
		be.PutUint16(sub[16+2*n+2*i:], uint16(s.start))
		be.PutUint16(sub[16+4*n+2*i:], s.delta)
		// idRangeOffset stays 0: every segment maps by delta.
	}
	cmap := make([]byte, 12, 12+len(sub))
	be.PutUint16(cmap[2:], 1)  // one subtable
	be.PutUint16(cmap[4:], 3)  // Windows
	be.PutUint16(cmap[6:], 1)  // Unicode BMP
	be.PutUint32(cmap[8:], 12) // offset of the subtable
	return append(cmap, sub...)
}

// newFixedTables lays out the face's copiedTables for its subsets.
func newFixedTables(tables map[string][]byte) *fixedTables {
	f := &fixedTables{}
	for _, tag := range copiedTables {
		t, ok := tables[tag]
		if !ok {
			continue
		}
		f.tags = append(f.tags, tag)
		f.offsets = append(f.offsets, len(f.data))
		f.lengths = append(f.lengths, len(t))
		f.sums = append(f.sums, checksum(t))
		f.data = append(f.data, t...)
		for len(f.data)%4 != 0 {
			f.data = append(f.data, 0)
		}
	}
	var buf bytes.Buffer
	w := fixedWriters.Get().(*flate.Writer)
	w.Reset(&buf)
	w.Write(f.data)
	w.Close()
	fixedWriters.Put(w)
	f.deflated = buf.Bytes()
	return f
}

// fixedWriters compress fixed tables, once per face and process, as small as flate can; faces
// read one after the other share the compressor rather than allocate one each (a megabyte,
// which is most of the cost of reading a face in a short-lived process).
var fixedWriters = sync.Pool{New: func() any {
	w, _ := flate.NewWriter(nil, flate.BestCompression)
	return w
}}

// assembleFont writes the beginning of an sfnt file: the header, the directory of tables and
// fixed's tables in tag order, and tables, each padded to four bytes. The file goes on with
// fixed.data (nil for none), whose tables the directory places there. head.checkSumAdjustment
// is computed for the whole file.
func assembleFont(tables map[string][]byte, fixed *fixedTables) []byte {
	be := binary.BigEndian
	if fixed == nil {
		fixed = &fixedTables{}
	}
	type entry struct {
		tag         string
		sum         uint32
		off, length int
	}
	n := len(tables) + len(fixed.tags)
	entries := make([]entry, 0, n)
	tags := make([]string, 0, len(tables))
	size := 12 + 16*n
	for tag, t := range tables {
		tags = append(tags, tag)
		size += (len(t) + 3) &^ 3
	}
	sort.Strings(tags)
	out := make([]byte, 12+16*n, size)
	headAt := -1
	for _, tag := range tags {
		t := tables[tag]
		if tag == "head" {
			headAt = len(out)
		}
		entries = append(entries, entry{tag, checksum(t), len(out), len(t)})
		out = append(out, t...)
		for len(out)%4 != 0 {
			out = append(out, 0)
		}
	}
	for i, tag := range fixed.tags {
		entries = append(entries, entry{tag, fixed.sums[i], len(out) + fixed.offsets[i], fixed.lengths[i]})
	}
	sort.Slice(entries, func(i, j int) bool { return entries[i].tag < entries[j].tag })

	be.PutUint32(out, 0x00010000)
	be.PutUint16(out[4:], uint16(n))
	searchRange, entrySelector := 16, 0
	for searchRange*2 <= 16*n {
		searchRange *= 2
		entrySelector++
	}
	be.PutUint16(out[6:], uint16(searchRange))
	be.PutUint16(out[8:], uint16(entrySelector))
	be.PutUint16(out[10:], uint16(16*n-searchRange))
	for i, e := range entries {
		rec := out[12+16*i:]
		copy(rec, e.tag)
		be.PutUint32(rec[4:], e.sum)
		be.PutUint32(rec[8:], uint32(e.off))
		be.PutUint32(rec[12:], uint32(e.length))
	}
	if headAt >= 0 {
		// Every table starts on a four-byte boundary and is zero-padded, so the sum over the
		// whole file is the sum over this part plus the fixed tables' checksums.
		sum := checksum(out)
		for _, s := range fixed.sums {
			sum += s
		}
		be.PutUint32(out[headAt+8:], 0xB1B0AFBA-sum)
	}
	return out
}

// checksum is the sfnt table checksum: the sum of big-endian 32-bit words, zero-padded.
func checksum(b []byte) uint32 {
	var sum uint32
	for len(b) >= 4 {
		sum += binary.BigEndian.Uint32(b)
		b = b[4:]
	}
	if len(b) > 0 {
		var last [4]byte
		copy(last[:], b)
		sum += binary.BigEndian.Uint32(last[:])
	}
	return sum
}
