package edit

import (
	"bytes"
	"fmt"
	"slices"
	"sort"

	"mapwright/mapdsl"
)

// DeleteComponent deletes the line of the component, submap or pipeline child called name
// together with every line that only makes sense with it: links to and from it, its evolve
// lines, legacy "build Name" lines, and its pipeline line with the whole { } block (and the
// links of the children).
func DeleteComponent(src []byte, m *mapdsl.Map, name string) (Splice, error) {
	m, c, err := byName(src, m, name)
	if err != nil {
		return Splice{}, err
	}
	return deleteComponent(src, m, c)
}

// DeleteComponentAt is DeleteComponent for the component at index i of m.Components. When
// another component has the same name, only this one's line goes: the links, evolve and
// pipeline lines then belong to the other.
func DeleteComponentAt(src []byte, m *mapdsl.Map, i int) (Splice, error) {
	m, c, err := byIndex(src, m, i)
	if err != nil {
		return Splice{}, err
	}
	for _, other := range m.Components {
		if other != c && other.Name == c.Name {
			s, err := deleteLines(src, "component "+c.Name, []mapdsl.Range{c.Range})
			return keepsOthers(src, m, s, err, []*mapdsl.Component{c}, nil)
		}
	}
	return deleteComponent(src, m, c)
}

func deleteComponent(src []byte, m *mapdsl.Map, c *mapdsl.Component) (Splice, error) {
	name := c.Name
	doomed := []mapdsl.Range{c.Range}
	names := []string{name}
	removed := []*mapdsl.Component{c}
	for _, p := range m.Pipelines {
		if p.Name != name {
			continue
		}
		doomed = append(doomed, p.Range)
		if r := p.BlockRange; r.Valid() && checkRange(src, "pipeline block", r) == nil {
			// OWM ends a block at the first line holding "}".
			if k := bytes.IndexByte(src[r.Start.Offset+1:r.End.Offset], '}'); k >= 0 {
				r.End.Offset = r.Start.Offset + 1 + k + 1
			}
			doomed = append(doomed, r)
		}
		for _, child := range p.Children {
			doomed = append(doomed, child.Range)
			names = append(names, child.Name)
			removed = append(removed, child)
		}
	}
	for _, e := range m.Evolves {
		for _, n := range names {
			if e.Name == n {
				doomed = append(doomed, e.Range)
			}
		}
	}
	for _, n := range names {
		for _, st := range legacyMethods(src, n) {
			doomed = append(doomed, st.Range)
		}
	}
	doomed = append(doomed, linksOf(m, names...)...)
	s, err := deleteLines(src, "component "+name, doomed)
	return keepsOthers(src, m, s, err, removed, nil)
}

// keepsOthers reads the result of a deletion back and refuses it when it would take other
// components or anchors along: a statement that shares a line with a deleted one (OWM's
// one-line quirks, such as a "}" ending a block on a component line).
func keepsOthers(src []byte, m *mapdsl.Map, s Splice, err error, components []*mapdsl.Component, anchors []*mapdsl.Anchor) (Splice, error) {
	if err != nil {
		return s, err
	}
	type element struct{ kind, name string }
	count := map[element]int{}
	for _, c := range m.Components {
		if !slices.Contains(components, c) {
			count[element{"component", c.Name}]++
		}
	}
	for _, a := range m.Anchors {
		if !slices.Contains(anchors, a) {
			count[element{"anchor", a.Name}]++
		}
	}
	after, _ := mapdsl.Parse("", Apply(src, s))
	for _, c := range after.Components {
		count[element{"component", c.Name}]--
	}
	for _, a := range after.Anchors {
		count[element{"anchor", a.Name}]--
	}
	for e, n := range count {
		if n > 0 {
			return Splice{}, fmt.Errorf("deleting would also remove the %s %q, which shares a line with what is deleted; edit the text by hand", e.kind, e.name)
		}
	}
	return s, nil
}

// DeleteAnchor deletes the line of the anchor called name and the links to and from it.
func DeleteAnchor(src []byte, m *mapdsl.Map, name string) (Splice, error) {
	m, err := mapOf(src, m)
	if err != nil {
		return Splice{}, err
	}
	a, err := findAnchor(m, name)
	if err != nil {
		return Splice{}, err
	}
	s, err := deleteLines(src, "anchor "+name, append([]mapdsl.Range{a.Range}, linksOf(m, name)...))
	return keepsOthers(src, m, s, err, nil, []*mapdsl.Anchor{a})
}

// DeleteLink deletes the link at index i of m.Links.
func DeleteLink(src []byte, m *mapdsl.Map, i int) (Splice, error) {
	m, err := mapOf(src, m)
	if err != nil {
		return Splice{}, err
	}
	if err := indexed("link", i, len(m.Links)); err != nil {
		return Splice{}, err
	}
	return deleteLines(src, "link", []mapdsl.Range{m.Links[i].Range})
}

// DeleteEvolve deletes the evolve lines of the component called name.
func DeleteEvolve(src []byte, m *mapdsl.Map, name string) (Splice, error) {
	m, err := mapOf(src, m)
	if err != nil {
		return Splice{}, err
	}
	var doomed []mapdsl.Range
	for _, e := range m.Evolves {
		if e.Name == name {
			doomed = append(doomed, e.Range)
		}
	}
	if len(doomed) == 0 {
		_, err := findEvolve(m, name)
		return Splice{}, err
	}
	return deleteLines(src, "evolve of "+name, doomed)
}

// DeleteNote deletes the note at index i of m.Notes.
func DeleteNote(src []byte, m *mapdsl.Map, i int) (Splice, error) {
	m, err := mapOf(src, m)
	if err != nil {
		return Splice{}, err
	}
	if err := indexed("note", i, len(m.Notes)); err != nil {
		return Splice{}, err
	}
	return deleteLines(src, "note", []mapdsl.Range{m.Notes[i].Range})
}

// DeleteAnnotation deletes the annotation at index i of m.Annotations (all its markers).
func DeleteAnnotation(src []byte, m *mapdsl.Map, i int) (Splice, error) {
	m, err := mapOf(src, m)
	if err != nil {
		return Splice{}, err
	}
	if err := indexed("annotation", i, len(m.Annotations)); err != nil {
		return Splice{}, err
	}
	return deleteLines(src, "annotation", []mapdsl.Range{m.Annotations[i].Range})
}

// DeleteAccelerator deletes the accelerator or deaccelerator at index i of m.Accelerators.
func DeleteAccelerator(src []byte, m *mapdsl.Map, i int) (Splice, error) {
	m, err := mapOf(src, m)
	if err != nil {
		return Splice{}, err
	}
	if err := indexed("accelerator", i, len(m.Accelerators)); err != nil {
		return Splice{}, err
	}
	return deleteLines(src, "accelerator", []mapdsl.Range{m.Accelerators[i].Range})
}

// DeleteArea deletes the pioneers/settlers/townplanners area at index i of m.Areas.
func DeleteArea(src []byte, m *mapdsl.Map, i int) (Splice, error) {
	m, err := mapOf(src, m)
	if err != nil {
		return Splice{}, err
	}
	if err := indexed("area", i, len(m.Areas)); err != nil {
		return Splice{}, err
	}
	return deleteLines(src, "area", []mapdsl.Range{m.Areas[i].Range})
}

// linksOf returns the ranges of the links that touch any of the named elements.
func linksOf(m *mapdsl.Map, names ...string) []mapdsl.Range {
	var out []mapdsl.Range
	for _, l := range m.Links {
		for _, n := range names {
			if refersTo(m, l.From, n) || refersTo(m, l.To, n) {
				out = append(out, l.Range)
				break
			}
		}
	}
	return out
}

// deleteLines removes every whole line that one of the ranges touches, as one splice.
func deleteLines(src []byte, what string, ranges []mapdsl.Range) (Splice, error) {
	type span struct{ start, end int }
	spans := make([]span, 0, len(ranges))
	for _, r := range ranges {
		if err := checkRange(src, what, r); err != nil {
			return Splice{}, fmt.Errorf("cannot delete: %w", err)
		}
		s, e := lineSpan(src, r)
		if !ownsLines(src, r, s, e) {
			// Other text shares the line (such as the "*/" closing a comment): remove only
			// the statement, so that the rest keeps its meaning.
			s, e = r.Start.Offset, r.End.Offset
			for s > 0 && (src[s-1] == ' ' || src[s-1] == '\t') {
				s--
			}
		}
		spans = append(spans, span{s, e})
	}
	sort.Slice(spans, func(i, j int) bool { return spans[i].start < spans[j].start })
	var parts []Splice
	for _, s := range spans {
		if n := len(parts); n > 0 && s.start <= parts[n-1].End {
			parts[n-1].End = max(parts[n-1].End, s.end)
			continue
		}
		parts = append(parts, Splice{Start: s.start, End: s.end})
	}
	return join(src, parts), nil
}

// ownsLines reports whether the whole lines [start, end) around the statement at r can go:
// what else is on them (blanks, a // comment, junk OWM ignores on a "{" or "}" line) goes with
// it, except a block comment's "/*" or "*/", which would change the meaning of other lines.
func ownsLines(src []byte, r mapdsl.Range, start, end int) bool {
	for _, rest := range [][]byte{src[start:r.Start.Offset], src[r.End.Offset:end]} {
		if bytes.Contains(rest, []byte("/*")) || bytes.Contains(rest, []byte("*/")) {
			return false
		}
	}
	return true
}
