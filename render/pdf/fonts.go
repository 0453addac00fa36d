package pdf

import (
	"encoding/json"
	"fmt"
	"hash/fnv"
	"slices"
	"sort"
	"strconv"
	"strings"

	"github.com/jung-kurt/gofpdf"

	"mapwright/render"
)

// How text is embedded.
//
// gofpdf's own Unicode fonts (AddUTF8FontFromBytes) cost 2 to 3 ms per face in every document:
// gofpdf parses the whole TrueType file, then names the font by JSON-encoding and hashing its
// 65,536-entry width table, then parses the file again to subset it. So the encoder embeds the Go
// fonts itself, as simple TrueType fonts (gofpdf's AddFontFromBytes, which takes a font
// definition and a compressed font file as they are):
//
//   - each face the document draws text in is subset to the characters the document uses, from
//     a parse of the face made once per process (face, in truetype.go);
//   - printable ASCII keeps its own codes (WinAnsiEncoding); the other characters of the face get
//     codes 128 to 255 in order, named uniXXXX in the font's /Differences, which is how viewers
//     find their glyphs and how text extraction finds the characters;
//   - a face that draws more than 128 characters beyond ASCII gets one font per 128 of them (a
//     block), and a label that mixes blocks is drawn as consecutive runs.
//
// The work per document is proportional to the characters and glyphs the document uses.

// blockSize is the number of characters beyond ASCII one font of a face can draw: codes 128-255.
const (
	blockSize      = 128
	firstBlockCode = 128
)

// faceFonts are the fonts of one face in one document.
type faceFonts struct {
	face     *face
	families []string        // gofpdf family name of each block's font
	codes    map[rune]uint16 // block<<8 | code of each character beyond ASCII
	ascii    [128]bool       // which ASCII characters the document draws in this face
	others   []rune          // the characters beyond ASCII, sorted
}

// documentFonts are the fonts of one document by render.FontKey.
type documentFonts map[string]*faceFonts

// printableASCII reports whether r keeps its own code: ASCII from space to tilde.
func printableASCII(r rune) bool { return r >= ' ' && r < 0x7F }

// collectFonts finds the faces and characters the scenes draw.
func collectFonts(scenes []*render.Scene) (documentFonts, shapedFonts, error) {
	df, shaped := documentFonts{}, shapedFonts{}
	for _, s := range scenes {
		for i := range s.Items {
			it := &s.Items[i]
			if it.Shape != render.ShapeText {
				continue
			}
			key := render.FontKey(it.Font)
			ff := df[key]
			if ff == nil {
				fc, err := faceFor(it.Font)
				if err != nil {
					return nil, nil, err
				}
				ff = &faceFonts{face: fc, codes: map[rune]uint16{}}
				df[key] = ff
			}
			if l := render.Shaped(it.Font, it.Text); l != nil {
				shaped.collect(l, ff)
				continue
			}
			ff.add(render.PrintableText(it.Text))
		}
	}
	for _, ff := range df {
		slices.Sort(ff.others)
		for i, r := range ff.others {
			ff.codes[r] = uint16(i/blockSize)<<8 | uint16(firstBlockCode+i%blockSize)
		}
	}
	return df, shaped, nil
}

// add notes the characters of s (printable) as drawn in the face.
func (ff *faceFonts) add(s string) {
	for _, r := range s {
		if printableASCII(r) {
			ff.ascii[r] = true
		} else if _, ok := ff.codes[r]; !ok {
			ff.codes[r] = 0
			ff.others = append(ff.others, r)
		}
	}
}

// register subsets and embeds every font of the document, in the order of their names so that
// the output does not depend on map order.
func (df documentFonts) register(doc *gofpdf.Fpdf, maps map[string]*unicodeMap) error {
	keys := make([]string, 0, len(df))
	for k := range df {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, key := range keys {
		ff := df[key]
		blocks := (len(ff.others) + blockSize - 1) / blockSize
		for b := range max(blocks, 1) {
			family := key
			if b > 0 {
				family += "-" + strconv.Itoa(b+1)
			}
			ff.families = append(ff.families, family)
			block := ff.others[min(b*blockSize, len(ff.others)):min((b+1)*blockSize, len(ff.others))]
			def, file, name, err := ff.blockFont(key, family, block)
			if err != nil {
				return fmt.Errorf("pdf: font %s: %w", family, err)
			}
			um := &unicodeMap{}
			for r, used := range ff.ascii {
				if used {
					um.add(byte(r), string(rune(r)))
				}
			}
			for i, r := range block {
				um.add(byte(firstBlockCode+i), string(r))
			}
			maps[name] = um
			doc.AddFontFromBytes(family, "", def, file)
		}
	}
	return nil
}

// fontDefinition is gofpdf's font definition (its fontDefType) as JSON, for a simple TrueType font.
type fontDefinition struct {
	Tp           string
	Name         string
	Desc         fontDescriptor
	Up           int
	Ut           int
	Cw           []int
	Enc          string
	Diff         string
	File         string
	OriginalSize int
}

// blockFont returns the gofpdf definition and the compressed subset font file of one block of a
// face: the ASCII characters the document draws in the face and the block's other characters.
func (ff *faceFonts) blockFont(key, family string, block []rune) (def, file []byte, name string, err error) {
	fc := ff.face
	runes := make([]rune, 0, 96+len(block))
	for r, used := range ff.ascii {
		if used {
			runes = append(runes, rune(r))
		}
	}
	runes = append(runes, block...)
	file, size, err := fc.compressedSubset(runes)
	if err != nil {
		return nil, nil, "", err
	}

	widths := make([]int, 256)
	for r := ' '; r < 0x7F; r++ {
		widths[r] = fc.asciiWidth[r]
	}
	var diff strings.Builder
	if len(block) > 0 {
		diff.WriteString(strconv.Itoa(firstBlockCode))
	}
	for i, r := range block {
		widths[firstBlockCode+i] = fc.runeWidth(r)
		fmt.Fprintf(&diff, " /uni%04X", r)
	}

	// The subset's name carries a tag made from what it holds, as PDF names subsets (ABCDEF+Name).
	h := fnv.New64a()
	h.Write([]byte(family))
	for _, r := range runes {
		h.Write([]byte(strconv.Itoa(int(r))))
	}
	sum := h.Sum64()
	var tag [6]byte
	for i := range tag {
		tag[i] = byte('A' + sum%26)
		sum /= 26
	}
	name = string(tag[:]) + "+" + family
	def, err = json.Marshal(fontDefinition{
		Tp:           "TrueType",
		Name:         name,
		Desc:         fc.desc,
		Up:           fc.underlinePos,
		Ut:           fc.underlineTh,
		Cw:           widths,
		Enc:          "cp1252",
		Diff:         diff.String(),
		File:         family + ".z", // gofpdf marks the file as Flate-compressed by the .z
		OriginalSize: size,
	})
	if err != nil {
		return nil, nil, "", err
	}
	return def, file, name, nil
}

// textRun is a piece of a label drawn in one font of its face.
type textRun struct {
	family string
	text   string // the characters' codes in that font
	width  int    // advance in 1/1000 em
}

// encode splits s (already printable) into runs of consecutive characters that one font of the
// face draws, appending them to runs. Most labels are one run.
func (ff *faceFonts) encode(s string, runs []textRun) []textRun {
	buf := make([]byte, 0, len(s))
	block, width, start := -1, 0, 0
	flush := func() {
		if len(buf) > start {
			runs = append(runs, textRun{family: ff.families[max(block, 0)], text: string(buf[start:]), width: width})
		}
		start, width = len(buf), 0
	}
	for _, r := range s {
		if printableASCII(r) {
			buf = append(buf, byte(r))
			width += ff.face.asciiWidth[r]
			continue
		}
		v, ok := ff.codes[r]
		if !ok {
			continue // not collected: cannot happen for text that went through collectFonts
		}
		if b := int(v >> 8); b != block {
			if block >= 0 {
				flush()
			}
			block = b
		}
		buf = append(buf, byte(v))
		width += ff.face.runeWidth(r)
	}
	flush()
	return runs
}
