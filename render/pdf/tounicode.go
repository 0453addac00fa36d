package pdf

import (
	"bytes"
	"fmt"
	"regexp"
	"slices"
	"strconv"
)

// gofpdf writes no ToUnicode map for the simple TrueType fonts it embeds, and always gives them
// an /Encoding. addToUnicode adds the maps as an incremental update of the finished document
// (PDF 32000-1, 7.5.6), which every reader applies: a ToUnicode stream per font, and a new
// version of each font's dictionary that refers to it (without /Encoding for glyph fonts, whose
// codes select glyphs through the font's own symbol cmap). The body gofpdf wrote is untouched.

var (
	trailerRoot = regexp.MustCompile(`(?m)^trailer\n<<\n/Size (\d+)\n/Root (\d+) 0 R\n/Info (\d+) 0 R\n`)
	startXref   = regexp.MustCompile(`startxref\n(\d+)\n%%EOF\n?$`)
)

// addToUnicode returns doc with the ToUnicode maps of the fonts named in maps (by BaseFont).
// A document that does not look as gofpdf writes it is returned as it is.
func addToUnicode(doc []byte, maps map[string]*unicodeMap) []byte {
	if len(maps) == 0 {
		return doc
	}
	tail := doc[max(0, len(doc)-512):] // the trailer is at the end: search no further
	tr := trailerRoot.FindSubmatch(tail)
	sx := startXref.FindSubmatch(tail)
	if tr == nil || sx == nil {
		return doc
	}
	size, _ := strconv.Atoi(string(tr[1]))
	names := make([]string, 0, len(maps))
	for n := range maps {
		names = append(names, n)
	}
	slices.Sort(names)

	out := bytes.NewBuffer(make([]byte, 0, len(doc)+len(maps)*2048))
	out.Write(doc)
	if doc[len(doc)-1] != '\n' {
		out.WriteByte('\n')
	}
	type xref struct{ num, off int }
	var refs []xref
	next := size
	for _, name := range names {
		num, dict, ok := fontDict(doc, name)
		if !ok {
			continue
		}
		cmap := maps[name].cmap()
		cm := next
		next++
		refs = append(refs, xref{cm, out.Len()})
		fmt.Fprintf(out, "%d 0 obj\n<</Length %d>>\nstream\n", cm, len(cmap))
		out.Write(cmap)
		out.WriteString("\nendstream\nendobj\n")

		refs = append(refs, xref{num, out.Len()})
		fmt.Fprintf(out, "%d 0 obj\n<<", num)
		for _, line := range bytes.Split(dict, []byte("\n")) {
			if len(line) == 0 || maps[name].symbolic && bytes.HasPrefix(line, []byte("/Encoding ")) {
				continue
			}
			out.Write(line)
			out.WriteByte('\n')
		}
		fmt.Fprintf(out, "/ToUnicode %d 0 R>>\nendobj\n", cm)
	}
	if len(refs) == 0 {
		return doc
	}
	slices.SortFunc(refs, func(a, b xref) int { return a.num - b.num })
	xrefAt := out.Len()
	out.WriteString("xref\n0 1\n0000000000 65535 f \n")
	for _, r := range refs {
		fmt.Fprintf(out, "%d 1\n%010d 00000 n \n", r.num, r.off)
	}
	fmt.Fprintf(out, "trailer\n<<\n/Size %d\n/Root %s 0 R\n/Info %s 0 R\n/Prev %s\n>>\nstartxref\n%d\n%%%%EOF\n",
		next, tr[2], tr[3], sx[1], xrefAt)
	return out.Bytes()
}

// fontDict finds the dictionary gofpdf wrote for the font named name: its object number and its
// lines between << and >>.
func fontDict(doc []byte, name string) (num int, dict []byte, ok bool) {
	at := bytes.Index(doc, []byte("\n/BaseFont /"+name+"\n"))
	if at < 0 {
		return 0, nil, false
	}
	start := bytes.LastIndex(doc[:at], []byte(" 0 obj\n<<"))
	if start < 0 {
		return 0, nil, false
	}
	lineStart := bytes.LastIndexByte(doc[:start], '\n') + 1
	num, err := strconv.Atoi(string(doc[lineStart:start]))
	if err != nil {
		return 0, nil, false
	}
	body := start + len(" 0 obj\n<<")
	end := bytes.Index(doc[body:], []byte(">>\nendobj"))
	if end < 0 {
		return 0, nil, false
	}
	return num, doc[body : body+end], true
}
