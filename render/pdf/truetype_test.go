package pdf

import (
	"bytes"
	"compress/zlib"
	"encoding/binary"
	"io"
	"slices"
	"testing"

	"golang.org/x/image/font"
	"golang.org/x/image/font/sfnt"
	"golang.org/x/image/math/fixed"

	"mapwright/render"
)

// faceFonts lists a Font for every face the encoder embeds.
var testFaces = []render.Font{
	{Family: render.FontSans},
	{Family: render.FontSans, Bold: true},
	{Family: render.FontSans, Italic: true},
	{Family: render.FontSans, Bold: true, Italic: true},
	{Family: render.FontMono},
	{Family: render.FontMono, Bold: true},
}

// glyphOf returns the glyph index, advance and outline of r in f, read with x/image's sfnt
// parser (independent of the encoder's own TrueType code); ppem is the font's units per em, so
// every number is in font units.
func glyphOf(t *testing.T, f *sfnt.Font, r rune) (sfnt.GlyphIndex, fixed.Int26_6, sfnt.Segments) {
	t.Helper()
	var buf sfnt.Buffer
	g, err := f.GlyphIndex(&buf, r)
	if err != nil {
		t.Fatalf("GlyphIndex(%q): %v", r, err)
	}
	ppem := fixed.I(int(f.UnitsPerEm()))
	adv, err := f.GlyphAdvance(&buf, g, ppem, font.HintingNone)
	if err != nil {
		t.Fatalf("GlyphAdvance(%q): %v", r, err)
	}
	segs, err := f.LoadGlyph(&buf, g, ppem, nil)
	if err != nil {
		t.Fatalf("LoadGlyph(%q): %v", r, err)
	}
	return g, adv, slices.Clone(segs)
}

func TestSubsetKeepsTheGlyphsItIsAskedFor(t *testing.T) {
	wanted := []rune("Cup of Tea éñÅçŒ Ωαβ Жчай fi’–…€ ☕日\ufffd")
	left := []rune("ZQxk") // in every face, not asked for
	for _, rf := range testFaces {
		key := render.FontKey(rf)
		t.Run(key, func(t *testing.T) {
			fc, err := faceFor(rf)
			if err != nil {
				t.Fatal(err)
			}
			sub, err := fc.subset(wanted)
			if err != nil {
				t.Fatal(err)
			}
			if len(sub) >= len(render.FontBytes(rf))/4 {
				t.Errorf("subset of %d characters is %d bytes, the whole face %d", len(wanted), len(sub), len(render.FontBytes(rf)))
			}
			if sum := checksum(sub); sum != 0xB1B0AFBA {
				t.Errorf("whole-font checksum %#x, want 0xB1B0AFBA (head.checkSumAdjustment is wrong)", sum)
			}
			orig, err := sfnt.Parse(render.FontBytes(rf))
			if err != nil {
				t.Fatal(err)
			}
			got, err := sfnt.Parse(sub)
			if err != nil {
				t.Fatalf("the subset does not parse: %v", err)
			}
			for _, r := range wanted {
				og, oadv, osegs := glyphOf(t, orig, r)
				sg, sadv, ssegs := glyphOf(t, got, r)
				if og == 0 {
					if sg != 0 {
						t.Errorf("%q: the face has no glyph but the subset maps it to %d", r, sg)
					}
					continue
				}
				if sg == 0 {
					t.Errorf("%q: missing from the subset", r)
					continue
				}
				if oadv != sadv {
					t.Errorf("%q: advance %v in the subset, %v in the face", r, sadv, oadv)
				}
				if !slices.Equal(osegs, ssegs) {
					t.Errorf("%q: outline differs from the face's (%d vs %d segments)", r, len(ssegs), len(osegs))
				}
			}
			for _, r := range left {
				if g, _, _ := glyphOf(t, got, r); g != 0 {
					t.Errorf("%q was not asked for but is in the subset", r)
				}
			}
		})
	}
}

// compositeFont returns the Go regular face with 'é' rebuilt as a composite glyph of 'e' and
// '´' moved right by dx font units (the Go fonts have no composite glyphs of their own), and the
// glyphs of the three.
func compositeFont(t *testing.T, dx int16) (ttf []byte, e, acute, eAcute uint16) {
	t.Helper()
	be := binary.BigEndian
	fc, err := faceFor(render.Font{})
	if err != nil {
		t.Fatal(err)
	}
	e, acute, eAcute = fc.cmap['e'], fc.cmap['\u00b4'], fc.cmap['é']
	if e == 0 || acute == 0 || eAcute == 0 {
		t.Fatal("the face lacks e, ´ or é")
	}
	comp := slices.Clone(fc.glyphData(eAcute)[:10]) // the bounding box stays
	be.PutUint16(comp, 0xFFFF)                      // numberOfContours -1: a composite
	for i, g := range []uint16{e, acute} {
		flags := uint16(argsAreWords | 0x0002) // arguments are 16-bit x and y offsets
		if i == 0 {
			flags |= moreComponents
		}
		comp = be.AppendUint16(comp, flags)
		comp = be.AppendUint16(comp, g)
		comp = be.AppendUint16(comp, uint16(dx*int16(i)))
		comp = be.AppendUint16(comp, 0)
	}
	var glyf []byte
	loca := make([]byte, 0, 4*(len(fc.loca)))
	for g := range len(fc.advance) {
		loca = be.AppendUint32(loca, uint32(len(glyf)))
		if uint16(g) == eAcute {
			glyf = append(glyf, comp...)
		} else {
			glyf = append(glyf, fc.glyphData(uint16(g))...)
		}
		for len(glyf)%4 != 0 {
			glyf = append(glyf, 0)
		}
	}
	loca = be.AppendUint32(loca, uint32(len(glyf)))
	tables := map[string][]byte{}
	for tag, data := range fc.tables {
		tables[tag] = data
	}
	head := slices.Clone(fc.tables["head"])
	be.PutUint16(head[50:], 1)
	tables["head"], tables["glyf"], tables["loca"] = head, glyf, loca
	return assembleFont(tables, nil), e, acute, eAcute
}

func TestSubsetRenumbersComposites(t *testing.T) {
	const dx = 300
	ttf, _, _, _ := compositeFont(t, dx)
	fc, err := parseFace(ttf)
	if err != nil {
		t.Fatal(err)
	}
	sub, err := fc.subset([]rune("é"))
	if err != nil {
		t.Fatal(err)
	}
	full, err := sfnt.Parse(ttf)
	if err != nil {
		t.Fatal(err)
	}
	got, err := sfnt.Parse(sub)
	if err != nil {
		t.Fatalf("the subset does not parse: %v", err)
	}
	if n := got.NumGlyphs(); n != 4 {
		t.Errorf("the subset has %d glyphs, want 4: .notdef, é and the two it is built from", n)
	}
	_, wantAdv, want := glyphOf(t, full, 'é')
	_, gotAdv, segs := glyphOf(t, got, 'é')
	if len(want) == 0 || !slices.Equal(segs, want) || gotAdv != wantAdv {
		t.Errorf("composite é: %d segments (advance %v) in the subset, %d (advance %v) in the font", len(segs), gotAdv, len(want), wantAdv)
	}
	// The composite really is e plus the accent moved right: its outline is theirs.
	_, _, eSegs := glyphOf(t, full, 'e')
	_, _, aSegs := glyphOf(t, full, '\u00b4')
	if len(want) != len(eSegs)+len(aSegs) {
		t.Errorf("composite é has %d segments, e and ´ %d and %d", len(want), len(eSegs), len(aSegs))
	}
}

// TestCompressedSubset checks that the compressed subset (its own part deflated per document,
// the fixed tables deflated once per face) is a valid zlib stream of exactly the subset.
func TestCompressedSubset(t *testing.T) {
	regular, err := faceFor(render.Font{})
	if err != nil {
		t.Fatal(err)
	}
	bare := map[string][]byte{} // the face without the tables subsets copy unchanged
	for tag, data := range regular.tables {
		if !slices.Contains(copiedTables, tag) {
			bare[tag] = data
		}
	}
	bareFace, err := parseFace(assembleFont(bare, nil))
	if err != nil {
		t.Fatal(err)
	}
	faces := map[string]*face{"no fixed tables": bareFace}
	for _, rf := range testFaces {
		if faces[render.FontKey(rf)], err = faceFor(rf); err != nil {
			t.Fatal(err)
		}
	}
	for name, fc := range faces {
		t.Run(name, func(t *testing.T) {
			runes := []rune("Cup of Tea éΩЖ")
			want, err := fc.subset(runes)
			if err != nil {
				t.Fatal(err)
			}
			z, size, err := fc.compressedSubset(runes)
			if err != nil {
				t.Fatal(err)
			}
			r, err := zlib.NewReader(bytes.NewReader(z))
			if err != nil {
				t.Fatal(err)
			}
			got, err := io.ReadAll(r) // checks the Adler-32 of the whole stream too
			if err != nil {
				t.Fatalf("the compressed subset does not decompress: %v", err)
			}
			if !bytes.Equal(got, want) || size != len(want) {
				t.Errorf("decompresses to %d bytes (size given %d), want the %d bytes of the subset", len(got), size, len(want))
			}
			if _, err := sfnt.Parse(got); err != nil {
				t.Errorf("the subset does not parse: %v", err)
			}
		})
	}
}

// TestWidthsMatchTheLayout checks that the widths the PDF declares are those the layout measured
// labels with (render.MeasureText), to the 1/1000 em the PDF widths are rounded to.
func TestWidthsMatchTheLayout(t *testing.T) {
	for _, rf := range testFaces {
		rf.Size = 100
		fc, err := faceFor(rf)
		if err != nil {
			t.Fatal(err)
		}
		for _, r := range " !09AMWgjz~éŒΩЖ–€" {
			want := render.MeasureText(rf, string(r))
			if got := float64(fc.runeWidth(r)) * rf.Size / 1000; got-want > 0.05 || want-got > 0.05 {
				t.Errorf("%s %q: PDF width %.3f, layout width %.3f", render.FontKey(rf), r, got, want)
			}
		}
	}
}

func TestParseFaceRejectsBrokenFonts(t *testing.T) {
	good := render.FontBytes(render.Font{})
	tests := []struct {
		name string
		ttf  []byte
	}{
		{"empty", nil},
		{"not a font", []byte("%PDF-1.4 this is not a font at all")},
		{"truncated directory", good[:40]},
		{"truncated tables", good[:len(good)/2]},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if _, err := parseFace(tc.ttf); err == nil {
				t.Error("parseFace accepted it")
			}
		})
	}
}

// subset returns a TrueType font with .notdef and the glyphs of runes (and the glyphs those are
// built from), numbered in their original order, a Unicode cmap for runes, and the face's
// hinting and naming tables. Runes the face lacks are left out.
func (fc *face) subset(runes []rune) ([]byte, error) {
	own, err := fc.subsetOwn(runes)
	if err != nil {
		return nil, err
	}
	return append(own, fc.fixed.data...), nil
}
