package lsp

import (
	"fmt"
	"strconv"
	"strings"

	glsp "github.com/tliron/glsp"
	protocol "github.com/tliron/glsp/protocol_3_16"

	"github.com/rogpeppe/go-internal/diff"

	"mapwright/mapdsl"
	"mapwright/mapdsl/mermaid"
)

func (s *Server) formatting(_ *glsp.Context, p *protocol.DocumentFormattingParams) ([]protocol.TextEdit, error) {
	return withDoc(s, p.TextDocument.URI, func(d *document) ([]protocol.TextEdit, error) {
		return d.formatEdits(0, len(d.lineStarts))
	})
}

// rangeFormatting formats the whole map but applies only the changes to the lines the range
// touches, so the rest of the text stays exactly as it is.
func (s *Server) rangeFormatting(_ *glsp.Context, p *protocol.DocumentRangeFormattingParams) ([]protocol.TextEdit, error) {
	return withDoc(s, p.TextDocument.URI, func(d *document) ([]protocol.TextEdit, error) {
		last := int(p.Range.End.Line)
		if p.Range.End.Character == 0 && last > int(p.Range.Start.Line) {
			last-- // a selection of whole lines ends at the start of the next one
		}
		return d.formatEdits(int(p.Range.Start.Line), last+1)
	})
}

// formatEdits runs the formatter (`mapwright fmt`) and returns the changes it makes to the lines
// [first, end), one edit per run of changed lines, so a client keeps its cursor and folds
// elsewhere. A map with errors is not formatted: the formatter never guesses.
func (d *document) formatEdits(first, end int) ([]protocol.TextEdit, error) {
	formatted, diags := d.format()
	if formatted == nil {
		if errs := diags.Errors(); len(errs) > 0 {
			e := errs[0]
			if e.Code == mermaid.CodeCannotSay {
				return nil, fmt.Errorf("line %d: %s", e.Range.Start.Line, e.Message)
			}
			return nil, fmt.Errorf("the map is not formatted while it has errors; line %d: %s", e.Range.Start.Line, e.Message)
		}
		return nil, fmt.Errorf("the map could not be formatted")
	}
	edits := []protocol.TextEdit{}
	for _, h := range d.lineChanges(formatted) {
		if h.oldEnd > first && h.oldStart < end || h.oldStart == h.oldEnd && h.oldStart >= first && h.oldStart <= end {
			edits = append(edits, protocol.TextEdit{Range: d.span(d.lineOffset(h.oldStart), d.lineOffset(h.oldEnd)), NewText: h.text})
		}
	}
	return edits, nil
}

// lineChange replaces the document's lines [oldStart, oldEnd) (with their line breaks) by text.
type lineChange struct {
	oldStart, oldEnd int
	text             string
}

// lineChanges lists the lines that differ between the document and want, as small as they come:
// a line whose spacing changed is one change of that line; lines added or removed (blank lines
// collapsed, a brace moved to its own line) are one change per run. The lines are paired by a
// diff (github.com/rogpeppe/go-internal/diff) of the two texts with blanks removed, so that
// only additions and removals show up in it and every other line pairs with its new form.
func (d *document) lineChanges(want []byte) []lineChange {
	oldLines, newLines := splitLines(d.text), splitLines(string(want))
	squash := func(lines []string) []byte {
		var b strings.Builder
		for _, l := range lines {
			b.WriteString(strings.Join(strings.Fields(l), ""))
			b.WriteByte('\n')
		}
		return []byte(b.String())
	}
	var changes []lineChange
	i, j := 0, 0 // the next old and new line
	// pairUpTo pairs old and new lines one to one until old line end.
	pairUpTo := func(end int) {
		for ; i < end && i < len(oldLines) && j < len(newLines); i, j = i+1, j+1 {
			if oldLines[i] != newLines[j] {
				changes = append(changes, lineChange{oldStart: i, oldEnd: i + 1, text: newLines[j]})
			}
		}
	}
	var run *lineChange
	flush := func() {
		if run != nil {
			changes = append(changes, *run)
			run = nil
		}
	}
	out := diff.Diff("old", squash(oldLines), "new", squash(newLines))
	inHunks := false // past the header ("diff", "---", "+++")
	for _, l := range strings.Split(string(out), "\n") {
		if l == "" || !inHunks && l[0] != '@' {
			continue
		}
		inHunks = true
		switch l[0] {
		case '@':
			flush()
			// "@@ -a,b +c,d @@": the hunk starts at old line a (1-based; 0 for no lines).
			if f := strings.Fields(l); len(f) >= 2 {
				a, _, _ := strings.Cut(strings.TrimPrefix(f[1], "-"), ",")
				if n, err := strconv.Atoi(a); err == nil {
					pairUpTo(max(n-1, 0))
				}
			}
		case ' ':
			flush()
			pairUpTo(i + 1)
		case '-':
			if run == nil {
				run = &lineChange{oldStart: i, oldEnd: i}
			}
			i++
			run.oldEnd = i
		case '+':
			if run == nil {
				run = &lineChange{oldStart: i, oldEnd: i}
			}
			if j < len(newLines) {
				run.text += newLines[j]
			}
			j++
		}
	}
	flush()
	pairUpTo(len(oldLines))
	return changes
}

// splitLines splits text after each line break (the last line may have none).
func splitLines(text string) []string {
	lines := strings.SplitAfter(text, "\n")
	if lines[len(lines)-1] == "" {
		lines = lines[:len(lines)-1]
	}
	return lines
}

// lineOffset is the offset at which line i starts (the end of the text past the last line).
func (d *document) lineOffset(i int) int {
	if i < len(d.lineStarts) {
		return d.lineStarts[i]
	}
	return len(d.text)
}

// format is the document in its canonical layout: `mapwright fmt`'s, in the document's dialect
// (a Mermaid diagram is written back in Mermaid's syntax, comments kept).
func (d *document) format() ([]byte, mapdsl.Diagnostics) {
	name := d.path
	if name == "" {
		name = string(d.uri)
	}
	if !mermaid.IsMermaid(name, []byte(d.text)) {
		return mapdsl.Format([]byte(d.text))
	}
	m, diags := mermaid.Parse(name, []byte(d.text))
	if diags.HasErrors() {
		return nil, diags
	}
	out, unsaid := mermaid.Format(m, []byte(d.text))
	return out, append(diags, unsaid...)
}
