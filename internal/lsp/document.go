package lsp

import (
	"net/url"
	"path/filepath"
	"runtime"
	"sort"
	"strings"
	"unicode/utf8"

	protocol "github.com/tliron/glsp/protocol_3_16"

	"mapwright/internal/lint"
	"mapwright/mapdsl"
)

// document is one open map: its text as the client last sent it, and what Mapwright reads in it.
// Positions cross the protocol as (line, UTF-16 unit) pairs; inside, everything is a byte offset
// into text, as the parser's ranges are.
type document struct {
	uri     protocol.DocumentUri
	path    string // the file the URI names, "" for an unsaved buffer
	version protocol.Integer
	text    string

	// lineStarts holds the byte offset at which each line begins.
	lineStarts []int

	// changes counts the edits of the text; analysed is the count the map and findings below
	// were made from. They differ while a check is due.
	changes, analysed int
	m                 *mapdsl.Map
	diags             mapdsl.Diagnostics
	// slowDiags are the label-overlap findings of slowText, the last text fully checked: on a
	// big map they stand in for the new ones until those are ready (Server.analyseOne).
	slowText  string
	slowDiags mapdsl.Diagnostics
}

func newDocument(uri protocol.DocumentUri, version protocol.Integer, text string) *document {
	d := &document{uri: uri, path: uriPath(uri), version: version}
	d.setText(text)
	return d
}

// setText replaces the text and recomputes the line table; the text then needs a check.
func (d *document) setText(text string) {
	d.text = text
	d.changes++
	d.lineStarts = d.lineStarts[:0]
	d.lineStarts = append(d.lineStarts, 0)
	for i := 0; i < len(text); i++ {
		if text[i] == '\n' {
			d.lineStarts = append(d.lineStarts, i+1)
		}
	}
}

// applyChange applies one content change of textDocument/didChange: a range replacement, or the
// whole text.
func (d *document) applyChange(change any) {
	switch c := change.(type) {
	case protocol.TextDocumentContentChangeEvent:
		if c.Range == nil {
			d.setText(c.Text)
			return
		}
		start, end := d.offset(c.Range.Start), d.offset(c.Range.End)
		if end < start {
			start, end = end, start
		}
		d.setText(d.text[:start] + c.Text + d.text[end:])
	case protocol.TextDocumentContentChangeEventWhole:
		d.setText(c.Text)
	}
}

// check parses and checks text (the document's, now or a moment ago) under cfg, as `mapwright
// check` would.
func (d *document) check(text string, cfg lint.Config) (*mapdsl.Map, mapdsl.Diagnostics) {
	name := d.path
	if name == "" {
		name = string(d.uri)
	}
	return lint.Check(name, []byte(text), cfg)
}

// lineEnd is the offset of the end of line i (before its "\r\n" or "\n").
func (d *document) lineEnd(i int) int {
	end := len(d.text)
	if i+1 < len(d.lineStarts) {
		end = d.lineStarts[i+1] - 1
	}
	if end > d.lineStarts[i] && d.text[end-1] == '\r' {
		end--
	}
	return end
}

// offset turns a protocol position into a byte offset. A position past the end of its line
// means the line's end, and one past the last line the end of the text, as the protocol asks.
func (d *document) offset(p protocol.Position) int {
	line := int(p.Line)
	if line >= len(d.lineStarts) {
		return len(d.text)
	}
	off, end := d.lineStarts[line], d.lineEnd(line)
	for units := 0; off < end; {
		r, size := utf8.DecodeRuneInString(d.text[off:end])
		w := utf16Len(r)
		if units+w > int(p.Character) {
			break
		}
		units += w
		off += size
	}
	return off
}

// position turns a byte offset into a protocol position.
func (d *document) position(off int) protocol.Position {
	off = max(0, min(off, len(d.text)))
	line := sort.Search(len(d.lineStarts), func(i int) bool { return d.lineStarts[i] > off }) - 1
	units := 0
	for _, r := range d.text[d.lineStarts[line]:off] {
		units += utf16Len(r)
	}
	return protocol.Position{Line: protocol.UInteger(line), Character: protocol.UInteger(units)}
}

// rangeOf turns a parser range into a protocol range. A range the parser did not record (a
// finding about the whole map) points at the start of the text.
func (d *document) rangeOf(r mapdsl.Range) protocol.Range {
	if !r.Valid() {
		return protocol.Range{}
	}
	return d.span(r.Start.Offset, r.End.Offset)
}

func (d *document) span(start, end int) protocol.Range {
	return protocol.Range{Start: d.position(start), End: d.position(end)}
}

// utf16Len is the number of UTF-16 code units that encode r.
func utf16Len(r rune) int {
	if r >= 0x10000 {
		return 2
	}
	return 1
}

// uriPath turns a file: URI into a path; other schemes (an unsaved buffer) give "".
func uriPath(uri protocol.DocumentUri) string {
	u, err := url.Parse(string(uri))
	if err != nil || u.Scheme != "file" {
		return ""
	}
	p := u.Path
	if runtime.GOOS == "windows" {
		p = strings.TrimPrefix(p, "/") // file:///C:/maps/tea.owm
	}
	return filepath.FromSlash(p)
}
