package edit

import (
	"bytes"
	"fmt"
	"slices"
	"sort"

	"mapwright/mapdsl"
)

// Delete deletes the lines of the elements the refs point to, as one splice, together with
// every line that only makes sense with them:
//
//   - a component, submap or pipeline child: its links, its evolve lines, legacy "build Name"
//     lines, and its pipeline line with the whole { } block (and the children's links). When
//     another component has the same name, only its own line goes: the links, evolve and
//     pipeline lines then belong to the other.
//   - an anchor: its links.
//   - an evolve line: every evolve line of its component (the evolved copy goes).
//   - a link, note, annotation (all its markers), accelerator or area: its line.
//
// A deletion that would take another component or anchor along (one sharing a line with what
// goes) is refused.
func Delete(src []byte, m *mapdsl.Map, refs ...Ref) (Splice, error) {
	m = mapOf(src, m)
	var d deletion
	for _, r := range refs {
		if err := d.add(src, m, r); err != nil {
			return Splice{}, err
		}
	}
	what := "the selected elements"
	if len(refs) == 1 {
		what = d.what
	}
	s, err := deleteLines(src, what, d.doomed)
	if len(d.components) == 0 && len(d.anchors) == 0 {
		return s, err
	}
	return keepsOthers(src, m, s, err, d.components, d.anchors)
}

// deletion collects what a Delete removes.
type deletion struct {
	doomed     []mapdsl.Range
	components []*mapdsl.Component
	anchors    []*mapdsl.Anchor
	what       string // the last element added, for errors
}

func (d *deletion) add(src []byte, m *mapdsl.Map, r Ref) error {
	var err error
	line := func(what string, rng mapdsl.Range) {
		d.what = what
		d.doomed = append(d.doomed, rng)
	}
	switch r.List {
	case Components:
		var c *mapdsl.Component
		if c, err = at(r, Components, m.Components); err == nil {
			d.addComponent(src, m, c)
		}
	case Anchors:
		var a *mapdsl.Anchor
		if a, err = at(r, Anchors, m.Anchors); err == nil {
			line("anchor "+a.Name, a.Range)
			d.doomed = append(d.doomed, linksOf(m, a.Name)...)
			d.anchors = append(d.anchors, a)
		}
	case Evolves:
		var e *mapdsl.Evolve
		if e, err = at(r, Evolves, m.Evolves); err == nil {
			for _, other := range m.Evolves {
				if other.Name == e.Name {
					line("evolve of "+e.Name, other.Range)
				}
			}
		}
	case Links:
		var l *mapdsl.Link
		if l, err = at(r, Links, m.Links); err == nil {
			line("link", l.Range)
		}
	case Notes:
		var n *mapdsl.Note
		if n, err = at(r, Notes, m.Notes); err == nil {
			line("note", n.Range)
		}
	case Annotations:
		var a *mapdsl.Annotation
		if a, err = at(r, Annotations, m.Annotations); err == nil {
			line("annotation", a.Range)
		}
	case Accelerators:
		var a *mapdsl.Accelerator
		if a, err = at(r, Accelerators, m.Accelerators); err == nil {
			line("accelerator", a.Range)
		}
	case Areas:
		var a *mapdsl.Area
		if a, err = at(r, Areas, m.Areas); err == nil {
			line("area", a.Range)
		}
	default:
		err = unsupported(r, "deleted from the map; edit the text")
	}
	return err
}

func (d *deletion) addComponent(src []byte, m *mapdsl.Map, c *mapdsl.Component) {
	name := c.Name
	d.what = "component " + name
	d.doomed = append(d.doomed, c.Range)
	d.components = append(d.components, c)
	for _, other := range m.Components {
		if other != c && other.Name == name {
			return
		}
	}
	names := []string{name}
	for _, p := range m.Pipelines {
		if p.Name != name {
			continue
		}
		d.doomed = append(d.doomed, p.Range)
		if r := p.BlockRange; r.Valid() && checkRange(src, "pipeline block", r) == nil {
			// OWM ends a block at the first line holding "}".
			if k := bytes.IndexByte(src[r.Start.Offset+1:r.End.Offset], '}'); k >= 0 {
				r.End.Offset = r.Start.Offset + 1 + k + 1
			}
			d.doomed = append(d.doomed, r)
		}
		for _, child := range p.Children {
			d.doomed = append(d.doomed, child.Range)
			names = append(names, child.Name)
			d.components = append(d.components, child)
		}
	}
	for _, e := range m.Evolves {
		for _, n := range names {
			if e.Name == n {
				d.doomed = append(d.doomed, e.Range)
			}
		}
	}
	for _, n := range names {
		for _, st := range legacyMethods(src, n) {
			d.doomed = append(d.doomed, st.Range)
		}
	}
	d.doomed = append(d.doomed, linksOf(m, names...)...)
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
