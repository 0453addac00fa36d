package edit

import (
	"fmt"
	"strings"

	"mapwright/mapdsl"
)

// Where new lines go. A person writes a map in groups: the title and settings, anchors,
// components, pipelines, evolve lines, links, notes, annotations, areas, accelerators. A new line
// joins its group after the group's last line; a group the map does not have yet starts after
// the last line of the groups that come before it; and a map with none of those gets it before
// the first line of a later group, or at the end.

// lineGroup ranks a statement kind in the order above; -1 for lines that belong to no group
// (blank lines, comments, unreadable lines).
func lineGroup(k mapdsl.StatementKind) int {
	switch k {
	case mapdsl.StmtTitle, mapdsl.StmtStyle, mapdsl.StmtSize, mapdsl.StmtEvolution, mapdsl.StmtValueChain, mapdsl.StmtAxis:
		return 0
	case mapdsl.StmtAnchor:
		return 1
	case mapdsl.StmtComponent, mapdsl.StmtSubmap, mapdsl.StmtMarket, mapdsl.StmtEcosystem, mapdsl.StmtMethod:
		return 2
	case mapdsl.StmtPipeline, mapdsl.StmtBlockOpen, mapdsl.StmtBlockClose, mapdsl.StmtPipelineChild:
		return 3
	case mapdsl.StmtEvolve:
		return 4
	case mapdsl.StmtLink:
		return 5
	case mapdsl.StmtNote:
		return 6
	case mapdsl.StmtAnnotation, mapdsl.StmtAnnotations:
		return 7
	case mapdsl.StmtArea:
		return 8
	case mapdsl.StmtAccelerator, mapdsl.StmtDeaccelerator:
		return 9
	case mapdsl.StmtURL:
		return 10
	}
	return -1
}

// insertStatement returns the splice that adds line (without a line break) as a new statement
// of the given kind where a person would write it (see above), checked by reading the result
// back. When that place would not read the line as meant, the line goes at the end of the text;
// when neither does (the text ends inside an unclosed /* comment or { block), it refuses.
func insertStatement(src []byte, line string, kind mapdsl.StatementKind) (Splice, error) {
	f, _ := mapdsl.ParseFile("", src)
	if at, ok := placeFor(src, f, kind); ok {
		s := insertLineAt(src, at, line)
		if readsAs(src, s, kind) {
			return s, nil
		}
	}
	s := appendLine(src, line)
	if readsAs(src, s, kind) {
		return s, nil
	}
	return Splice{}, fmt.Errorf("a new line at the end of the map would not be read as a %s: the text ends inside an unclosed /* comment or { block; close it first", kind)
}

// placeFor is the offset of the line start where a new statement of kind goes, or false when it
// goes at the end of the text.
func placeFor(src []byte, f *mapdsl.File, kind mapdsl.StatementKind) (int, bool) {
	g := lineGroup(kind)
	var same, before, after *mapdsl.Statement
	for k := range f.Statements {
		st := f.Statements[k]
		sg := lineGroup(st.Kind)
		if sg < 0 || (st.InBlock && sg != 3) {
			continue
		}
		switch {
		case sg == g:
			same = st
		case sg < g:
			before = st
		case after == nil:
			after = st
		}
	}
	switch {
	case same != nil:
		return lineEndAfter(src, same), true
	case before != nil:
		return lineEndAfter(src, before), true
	case after != nil:
		return after.LineRange.Start.Offset, true
	}
	return 0, false
}

// lineEndAfter is the offset just past the line break that ends st's line (len(src) when the
// line is the last and has none).
func lineEndAfter(src []byte, st *mapdsl.Statement) int {
	_, end := lineSpan(src, st.LineRange)
	return end
}

// insertLineAt returns the splice that inserts line as a whole line at offset at, which is the
// start of a line or the end of the text.
func insertLineAt(src []byte, at int, line string) Splice {
	if at >= len(src) {
		return appendLine(src, line)
	}
	return Splice{Start: at, End: at, Text: line + lineEnding(src)}
}

// readsAs reports whether the line added by s is read back as a top-level statement of kind.
func readsAs(src []byte, s Splice, kind mapdsl.StatementKind) bool {
	at := s.Start + len(s.Text) - len(strings.TrimLeft(s.Text, "\r\n"))
	f, _ := mapdsl.ParseFile("", Apply(src, s))
	for _, st := range f.Statements {
		if st.Range.Start.Offset == at && st.Kind == kind && !st.InBlock {
			return true
		}
	}
	return false
}
