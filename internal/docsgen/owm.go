package docsgen

import (
	"math"
	"regexp"
	"strings"

	"mapwright/mapdsl"
	"mapwright/render"
)

// docs/owm-compat.md shows each deliberate difference from OnlineWardleyMaps (OWM) twice: as
// Mapwright draws it and as OWM draws it. OWM's own renders may not be copied into the
// repository, so the OWM picture is redrawn here by Mapwright from the same example, following
// OWM's rules (docs/owm-compat.md, the dialect reference, render's fidelity test). An image titled
// "owm NAME" is drawn by the rule NAME: where the map text can say what OWM does, the rule edits
// a copy of the text; only what the text cannot say is changed in the Scene. Nothing here
// changes how Mapwright itself draws a map.

// owmRule turns an example into OWM's picture of it.
type owmRule struct {
	// text is the map text as OWM reads it (nil keeps the example's).
	text func(src string, m *mapdsl.Map) string
	// options changes how the picture is laid out (nil keeps the example's options).
	options func(*render.Options)
	// scene changes what the text cannot say (nil changes nothing).
	scene func(m *mapdsl.Map, s *render.Scene)
}

var owmRules = map[string]owmRule{
	// OWM writes every name at its offset, [5, -10] for a plain component, and never moves one
	// away from another; Mapwright honours an explicit offset just as literally.
	"crowded": {text: func(src string, _ *mapdsl.Map) string {
		return editLines(src, func(line string) string {
			if strings.HasPrefix(line, "component ") && !strings.Contains(line, " label ") {
				return line + " label [5, -10]"
			}
			return line
		})
	}},
	// OWM writes a flow value on its end component's centre, over the marker and the name.
	"flows": {scene: owmFlowValues},
	// OWM (since June 2025) rejects `market X [..]` and `ecosystem X [..]` lines and ignores
	// `build X`, `buy X` and `outsource X` lines: they draw nothing.
	"legacy": {text: func(src string, _ *mapdsl.Map) string {
		return dropLines(src, regexp.MustCompile(`^\s*(market|ecosystem|build|buy|outsource) `))
	}},
	// OWM's evolve arrowhead is an SVG marker with a fixed orientation and offset.
	"evolve-arrows": {scene: owmEvolveHeads},
	// OWM 3.0.1 does not evolve a pipeline's children: such an `evolve` draws nothing.
	"pipeline-evolve": {text: func(src string, m *mapdsl.Map) string {
		var names []string
		for _, c := range m.Components {
			if c != nil && c.Kind == mapdsl.KindPipelineChild {
				names = append(names, regexp.QuoteMeta(c.Name))
			}
		}
		if len(names) == 0 {
			return src
		}
		return dropLines(src, regexp.MustCompile(`^\s*evolve (`+strings.Join(names, "|")+`)\s`))
	}},
	// OWM needs a decimal point in an evolve maturity (`evolve Power 1` draws nothing) and no
	// longer draws the inline form `component X [..] evolve 0.6`.
	"evolve": {text: func(src string, _ *mapdsl.Map) string {
		src = dropLines(src, regexp.MustCompile(`^\s*evolve .*\s\d+\s*$`))
		return regexp.MustCompile(`(?m)^(\s*component .*\])\s+evolve\s+[\d.]+`).ReplaceAllString(src, "$1")
	}},
	// OWM reads the stage names of an evolution line but not their positions: its dividers are
	// always at 17.5%, 40% and 70%.
	"stages": {text: func(src string, _ *mapdsl.Map) string {
		return regexp.MustCompile(`@[\d.]+`).ReplaceAllString(src, "")
	}},
	// OWM's exported picture is its frame, the map area with 35 px at the sides and 45 px above
	// and below: whatever runs past it is cut off.
	"edge": {
		options: func(o *render.Options) { o.Margins = &render.Margins{Top: 45, Right: 35, Bottom: 45, Left: 35} },
		scene: func(_ *mapdsl.Map, s *render.Scene) {
			s.Width, s.Height = s.PlotX+s.PlotW+35, s.PlotY+s.PlotH+45 // Mapwright widens its picture past this
		},
	},
}

// editLines applies f to each line of src.
func editLines(src string, f func(string) string) string {
	lines := strings.Split(src, "\n")
	for i, l := range lines {
		lines[i] = f(l)
	}
	return strings.Join(lines, "\n")
}

// dropLines leaves out the lines of src that match re.
func dropLines(src string, re *regexp.Regexp) string {
	var out []string
	for _, l := range strings.Split(src, "\n") {
		if !re.MatchString(l) {
			out = append(out, l)
		}
	}
	return strings.Join(out, "\n")
}

// markerCentre is the centre of the first circle drawn for the element kind/index.
func markerCentre(s *render.Scene, kind render.ElementKind, index int) (render.Point, bool) {
	for _, it := range s.Items {
		if it.Ref.Kind == kind && it.Ref.Index == index && it.Shape == render.ShapeCircle {
			return render.Point{X: it.X, Y: it.Y}, true
		}
	}
	return render.Point{}, false
}

// owmFlowValues moves each flow value to where OWM writes it: starting at the centre of the
// link's end component, its middle on the centre's height.
func owmFlowValues(m *mapdsl.Map, s *render.Scene) {
	for i := range s.Items {
		it := &s.Items[i]
		if it.Ref.Kind != render.ElemFlow || it.Shape != render.ShapeText || it.Ref.Index >= len(m.Links) {
			continue
		}
		to := m.Links[it.Ref.Index].To
		for ci, c := range m.Components {
			if c == nil || c.Name != to {
				continue
			}
			if p, ok := markerCentre(s, render.ElemComponent, ci); ok {
				it.X, it.Y, it.Anchor = p.X, p.Y+0.35*it.Font.Size, render.AnchorStart // digits centred on it
			}
			break
		}
	}
}

// owmEvolveHeads redraws each evolve arrow as OWM's SVG marker draws it: the line runs on to the
// copy's centre (beneath the copy's symbol), and the head, whatever the direction of the
// evolve, points right with its tip 6 px (times the line's width) left of the copy's centre, so
// a disc or a market symbol on the copy hides most of it, and an evolve to the left shows the
// head on the far side of the copy, pointing away from the line.
func owmEvolveHeads(_ *mapdsl.Map, s *render.Scene) {
	for i := range s.Items {
		it := &s.Items[i]
		if it.Ref.Kind != render.ElemEvolveArrow {
			continue
		}
		to, ok := markerCentre(s, render.ElemEvolved, it.Ref.Index)
		if !ok {
			continue
		}
		switch {
		case it.Shape == render.ShapeLine && len(it.Points) == 2:
			it.Points[1] = to
		case it.Shape == render.ShapePath && it.Closed && len(it.Points) == 3:
			length := math.Abs(it.Points[1].X - it.Points[0].X) // Mapwright's head is horizontal too
			half := math.Abs(it.Points[1].Y - it.Points[0].Y)
			tip := render.Point{X: to.X - length/2, Y: to.Y} // OWM's gap is half its head's length
			it.Points = []render.Point{tip, {X: tip.X - length, Y: tip.Y + half}, {X: tip.X - length, Y: tip.Y - half}}
		}
	}
}
