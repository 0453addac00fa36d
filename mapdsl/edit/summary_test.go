package edit

import (
	"fmt"
	"sort"
	"strings"

	"mapwright/mapdsl"
)

// summary describes what a map means, one line per element, without source positions. Two
// parses mean the same when their summaries are equal; comparing the summaries before and after
// an edit shows exactly which elements the edit changed.
func summary(m *mapdsl.Map) []string {
	var out []string
	add := func(format string, args ...any) { out = append(out, fmt.Sprintf(format, args...)) }
	pos := func(c mapdsl.Coords) string {
		return fmt.Sprintf("[%g %g]", c.Visibility.Value, c.Maturity.Value)
	}
	lbl := func(o mapdsl.Offset) string {
		if !o.Present {
			return ""
		}
		return fmt.Sprintf(" label[%g %g]", o.DX.Value, o.DY.Value)
	}
	dec := func(d mapdsl.Decorators) string {
		s := ""
		if d.Method != mapdsl.MethodNone {
			s += " " + d.Method.String()
		}
		if d.Market {
			s += " market"
		}
		if d.Ecosystem {
			s += " ecosystem"
		}
		return s
	}
	add("title %q", m.Title)
	for _, c := range m.Components {
		inertia := ""
		if c.Inertia {
			inertia = " inertia"
		}
		parent := ""
		if c.Parent != nil {
			parent = " in " + c.Parent.Name
		}
		add("component(%d) %q %s%s%s%s url=%q%s", c.Kind, c.Name, pos(c.Coords), lbl(c.Label), inertia, dec(c.Decorators), c.URLRef, parent)
	}
	for _, a := range m.Anchors {
		add("anchor %q %s", a.Name, pos(a.Coords))
	}
	for _, l := range m.Links {
		add("link %q %s %q past=%v future=%v flow=%q context=%q", l.From, l.Operator, l.To, l.Past, l.Future, l.FlowLabel, l.Context)
	}
	for _, e := range m.Evolves {
		add("evolve %q->%q %g%s%s", e.Name, e.NewName, e.Maturity.Value, lbl(e.Label), dec(e.Decorators))
	}
	for _, p := range m.Pipelines {
		var children []string
		for _, c := range p.Children {
			children = append(children, c.Name)
		}
		add("pipeline %q [%g %g] bracketed=%v hidden=%v children=%q", p.Name, p.Start.Value, p.End.Value, p.Bracketed, p.Hidden, children)
	}
	for _, n := range m.Notes {
		add("note %q %s", n.Text, pos(n.Coords))
	}
	for _, a := range m.Annotations {
		var ps []string
		for _, c := range a.Positions {
			ps = append(ps, pos(c))
		}
		add("annotation %d %s %q", a.Number, strings.Join(ps, ""), a.Text)
	}
	add("annotations %s", pos(m.AnnotationsAt))
	for _, a := range m.Areas {
		add("area %s [%g %g %g %g]", a.Kind, a.Nums[0].Value, a.Nums[1].Value, a.Nums[2].Value, a.Nums[3].Value)
	}
	for _, a := range m.Accelerators {
		add("accelerator %q %s deaccelerator=%v", a.Name, pos(a.Coords), a.Deaccelerator)
	}
	for _, u := range m.URLs {
		add("url %q %q", u.Ref, u.Address)
	}
	add("style %q size %g %g", m.Style, m.Width, m.Height)
	return out
}

// changes returns the summary lines only in before (removed) and only in after (added).
func changes(before, after []string) (removed, added []string) {
	count := map[string]int{}
	for _, s := range before {
		count[s]++
	}
	for _, s := range after {
		count[s]--
	}
	for s, n := range count {
		for ; n > 0; n-- {
			removed = append(removed, s)
		}
		for ; n < 0; n++ {
			added = append(added, s)
		}
	}
	sort.Strings(removed)
	sort.Strings(added)
	return removed, added
}
