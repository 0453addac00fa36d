package pdf

import (
	"bytes"
	"compress/zlib"
	"fmt"
	"io"
	"regexp"
	"strconv"
	"strings"
	"unicode/utf16"
)

// A small pure-Go reader for the PDFs this package writes, so tests can check page counts and
// text without external tools. It understands exactly what gofpdf emits: Flate-compressed
// content streams, one per page in page order, and text shown as "(UTF-16BE) Tj" strings whose
// only escapes are \\, \(, \) and \r.

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
	pages := make([]string, len(contents))
	for i, c := range contents {
		pages[i] = showText(c)
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

// showText decodes every "(...) Tj" string of a content stream, one per line.
func showText(content []byte) string {
	var out strings.Builder
	for i := 0; i < len(content); i++ {
		if content[i] != '(' {
			continue
		}
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
		if !bytes.HasPrefix(content[j:], []byte(") Tj")) {
			i = j
			continue
		}
		units := make([]uint16, len(raw)/2)
		for k := range units {
			units[k] = uint16(raw[2*k])<<8 | uint16(raw[2*k+1])
		}
		out.WriteString(string(utf16.Decode(units)))
		out.WriteByte('\n')
		i = j
	}
	return out.String()
}
