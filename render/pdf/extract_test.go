package pdf

import (
	"bytes"
	"compress/zlib"
	"fmt"
	"io"
	"math"
	"regexp"
	"strconv"
	"strings"
)

// A small pure-Go reader for the PDFs this package writes, so tests can check page counts and
// text without external tools. It understands exactly what gofpdf emits: Flate-compressed
// content streams, one per page in page order; simple TrueType fonts whose encoding is
// WinAnsiEncoding for ASCII plus /Differences naming the other codes uniXXXX; text shown as
// "(codes) Tj" strings whose only escapes are \\, \(, \) and \r.

var (
	streamRE   = regexp.MustCompile(`(?s)<<([^>]*(?:>[^>][^>]*)*)>>\s*stream\r?\n`)
	pageRE     = regexp.MustCompile(`/Type /Page\b[^s]`)
	lengthRE   = regexp.MustCompile(`/Length (\d+)`)
	contentsRE = regexp.MustCompile(`(?s)/Type /Page\n.*?/Contents (\d+) 0 R`)
)

// pageCount counts the page objects of a PDF.
func pageCount(doc []byte) int { return len(pageRE.FindAllIndex(doc, -1)) }

// pageTexts returns, for each page content stream in document order, the text it shows.
func pageTexts(doc []byte) ([]string, error) {
	contents, err := pageContents(doc)
	if err != nil {
		return nil, err
	}
	fonts, err := readFonts(doc)
	if err != nil {
		return nil, err
	}
	pages := make([]string, len(contents))
	for i, c := range contents {
		labels, err := showText(c, fonts)
		if err != nil {
			return nil, fmt.Errorf("page %d: %w", i+1, err)
		}
		var text strings.Builder
		for _, l := range labels {
			text.WriteString(l.text)
			text.WriteByte('\n')
		}
		pages[i] = text.String()
	}
	return pages, nil
}

// pageContents returns the decompressed content stream of every page in document order,
// following each page object's /Contents reference.
func pageContents(doc []byte) ([][]byte, error) {
	var pages [][]byte
	for _, m := range contentsRE.FindAllSubmatch(doc, -1) {
		obj := regexp.MustCompile(`(?m)^` + string(m[1]) + ` 0 obj\s*`).FindIndex(doc)
		if obj == nil {
			return nil, fmt.Errorf("content object %s not found", m[1])
		}
		rest := doc[obj[1]:]
		sm := streamRE.FindSubmatchIndex(rest)
		if sm == nil || sm[0] != 0 {
			return nil, fmt.Errorf("object %s is not a stream", m[1])
		}
		dict := string(rest[sm[2]:sm[3]])
		lm := lengthRE.FindStringSubmatch(dict)
		if lm == nil {
			return nil, fmt.Errorf("object %s has no /Length", m[1])
		}
		n, _ := strconv.Atoi(lm[1])
		body := rest[sm[1]:]
		if n > len(body) {
			return nil, fmt.Errorf("stream of %d bytes runs past the end of the file", n)
		}
		body = body[:n]
		if strings.Contains(dict, "/FlateDecode") {
			r, err := zlib.NewReader(bytes.NewReader(body))
			if err != nil {
				return nil, err
			}
			if body, err = io.ReadAll(r); err != nil {
				return nil, err
			}
		}
		pages = append(pages, body)
	}
	return pages, nil
}

// readFont is what the reader knows of one font: the character and the width (1/1000 em) of
// each code.
type readFont struct {
	name   string    // its /BaseFont
	chars  [256]rune // 0 where the code is not defined
	widths [256]int
}

var (
	fontDictRE  = regexp.MustCompile(`/Font <<([^>]*)>>`)
	fontRefRE   = regexp.MustCompile(`/(\S+) (\d+) 0 R`)
	widthsRE    = regexp.MustCompile(`/Widths (\d+) 0 R`)
	firstCharRE = regexp.MustCompile(`/FirstChar (\d+)`)
	encodingRE  = regexp.MustCompile(`/Encoding (?:(\d+) 0 R|/WinAnsiEncoding)`)
	diffsRE     = regexp.MustCompile(`/Differences \[([^\]]*)\]`)
	baseFontRE  = regexp.MustCompile(`/BaseFont /(\S+)`)
)

// object returns the body of object n.
func object(doc []byte, n string) ([]byte, error) {
	loc := regexp.MustCompile(`(?m)^` + n + ` 0 obj\s*`).FindIndex(doc)
	if loc == nil {
		return nil, fmt.Errorf("object %s not found", n)
	}
	body := doc[loc[1]:]
	end := bytes.Index(body, []byte("endobj"))
	if end < 0 {
		return nil, fmt.Errorf("object %s has no end", n)
	}
	return body[:end], nil
}

// readFonts reads every font of the document's resources by its resource name. Codes 32 to 126
// are ASCII (WinAnsiEncoding); every other code must be named uniXXXX in /Differences.
func readFonts(doc []byte) (map[string]*readFont, error) {
	fonts := map[string]*readFont{}
	dict := fontDictRE.FindSubmatch(doc)
	if dict == nil {
		return fonts, nil // a document without text
	}
	for _, ref := range fontRefRE.FindAllSubmatch(dict[1], -1) {
		obj, err := object(doc, string(ref[2]))
		if err != nil {
			return nil, err
		}
		if !bytes.Contains(obj, []byte("/Subtype /TrueType")) {
			return nil, fmt.Errorf("font %s is not a simple TrueType font: %s", ref[1], obj)
		}
		f := &readFont{}
		if m := baseFontRE.FindSubmatch(obj); m != nil {
			f.name = string(m[1])
		}
		for c := ' '; c < 0x7F; c++ {
			f.chars[c] = c
		}
		enc := encodingRE.FindSubmatch(obj)
		if enc == nil {
			return nil, fmt.Errorf("font %s has no encoding", ref[1])
		}
		if len(enc[1]) > 0 {
			encObj, err := object(doc, string(enc[1]))
			if err != nil {
				return nil, err
			}
			diffs := diffsRE.FindSubmatch(encObj)
			if diffs == nil {
				return nil, fmt.Errorf("encoding of font %s has no /Differences", ref[1])
			}
			code := -1
			for _, tok := range strings.Fields(string(diffs[1])) {
				if n, err := strconv.Atoi(tok); err == nil {
					code = n
					continue
				}
				r, err := strconv.ParseUint(strings.TrimPrefix(tok, "/uni"), 16, 32)
				if !strings.HasPrefix(tok, "/uni") || err != nil || code < 0 || code > 255 {
					return nil, fmt.Errorf("font %s: unexpected difference %q", ref[1], tok)
				}
				f.chars[code] = rune(r)
				code++
			}
		}
		wm, fm := widthsRE.FindSubmatch(obj), firstCharRE.FindSubmatch(obj)
		if wm == nil || fm == nil {
			return nil, fmt.Errorf("font %s has no widths", ref[1])
		}
		wObj, err := object(doc, string(wm[1]))
		if err != nil {
			return nil, err
		}
		first, _ := strconv.Atoi(string(fm[1]))
		for i, tok := range strings.Fields(strings.Trim(strings.TrimSpace(string(wObj)), "[]")) {
			if w, err := strconv.Atoi(tok); err == nil && first+i < 256 {
				f.widths[first+i] = w
			}
		}
		fonts[string(ref[1])] = f
	}
	return fonts, nil
}

type savedFont struct {
	font *readFont
	size float64
}

// shownLabel is a label of a page: its text and the /BaseFont of each run it is drawn in.
type shownLabel struct {
	text  string
	fonts []string
}

// showText decodes the labels of a content stream, following the font through q/Q. A label the
// encoder drew as several runs (in fonts of one face) reads as one label when each run starts
// exactly where the previous one ended, which also checks that the runs are placed edge to edge.
func showText(content []byte, fonts map[string]*readFont) ([]shownLabel, error) {
	var (
		labels     []shownLabel
		operands   []string
		font       *readFont
		size       float64
		x, y       float64
		endX, endY = math.NaN(), math.NaN()
		saved      []savedFont
	)
	for i := 0; i < len(content); i++ {
		c := content[i]
		switch {
		case c == ' ' || c == '\n' || c == '\r' || c == '[' || c == ']':
			continue
		case c == '(':
			var raw []byte
			j := i + 1
			for ; j < len(content) && content[j] != ')'; j++ {
				c := content[j]
				if c == '\\' && j+1 < len(content) {
					j++
					switch content[j] {
					case 'r':
						c = '\r'
					case 'n':
						c = '\n'
					default:
						c = content[j]
					}
				}
				raw = append(raw, c)
			}
			operands = append(operands, string(raw))
			i = j
			continue
		}
		j := i
		for j < len(content) && !strings.ContainsRune(" \n\r[]()", rune(content[j])) {
			j++
		}
		tok := string(content[i:j])
		i = j - 1
		if tok[0] == '/' || tok[0] == '-' || tok[0] == '.' || (tok[0] >= '0' && tok[0] <= '9') {
			operands = append(operands, tok)
			continue
		}
		switch n := len(operands); tok {
		case "q": // the font is part of the graphics state that Q restores
			saved = append(saved, savedFont{font, size})
		case "Q":
			if len(saved) == 0 {
				return nil, fmt.Errorf("Q without q")
			}
			font, size = saved[len(saved)-1].font, saved[len(saved)-1].size
			saved = saved[:len(saved)-1]
		case "Tf":
			if n < 2 || fonts[strings.TrimPrefix(operands[n-2], "/")] == nil {
				return nil, fmt.Errorf("Tf with unknown font %q", operands)
			}
			font = fonts[strings.TrimPrefix(operands[n-2], "/")]
			size, _ = strconv.ParseFloat(operands[n-1], 64)
		case "Td":
			if n >= 2 {
				x, _ = strconv.ParseFloat(operands[n-2], 64)
				y, _ = strconv.ParseFloat(operands[n-1], 64)
			}
		case "Tj":
			if font == nil || n < 1 {
				return nil, fmt.Errorf("Tj without a font")
			}
			if !(math.Abs(x-endX) < 0.02 && math.Abs(y-endY) < 0.02) || len(labels) == 0 {
				labels = append(labels, shownLabel{})
			}
			l := &labels[len(labels)-1]
			l.fonts = append(l.fonts, font.name)
			units := 0
			for _, code := range []byte(operands[n-1]) {
				if font.chars[code] == 0 {
					return nil, fmt.Errorf("code %d is not defined by its font", code)
				}
				l.text += string(font.chars[code])
				units += font.widths[code]
			}
			endX, endY = x+float64(units)*size/1000, y
		}
		operands = operands[:0]
	}
	return labels, nil
}
