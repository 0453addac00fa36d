package history

import (
	"fmt"
	"sort"

	"mapwright/render"
)

// zTrail draws trails over the grid and areas and under links and components (render's layers:
// grid 10, areas 20, links 31).
const zTrail = 25

// ElemTrail marks the items Draw adds, so the editor and tests can tell them from the map's own.
const ElemTrail render.ElementKind = "trail"

// Draw adds the trails to a scene of the newest version: for each component that moved, its
// past positions as dots joined by a line, the oldest faintest, each dot naming its version
// (a tooltip in SVG), and a legend under the map saying what the dots are. versions are those
// the trails were made from.
func Draw(s *render.Scene, trails []Trail, versions []Version) {
	colour := render.RGB(0x1f, 0x6f, 0xd0)
	at := func(p Point) render.Point { return s.At(p.Visibility, p.Maturity) }
	moved := 0
	for ti, t := range trails {
		if len(t.Points) < 2 {
			continue
		}
		moved++
		ref := render.Ref{Kind: ElemTrail, Index: ti}
		pts := make([]render.Point, len(t.Points))
		for i, p := range t.Points {
			pts[i] = at(p)
		}
		line := colour
		line.A = 110
		s.Items = append(s.Items, render.Item{Shape: render.ShapePath, Ref: ref, Z: zTrail, Points: pts,
			Stroke: line, StrokeWidth: 1.2, Dash: []float64{3, 2}})
		// Dots fade from the newest past position (strong) to the oldest (faint); the last point
		// is the component itself, already drawn.
		n := len(t.Points) - 1
		for i, p := range t.Points[:n] {
			fill := colour
			fill.A = uint8(60 + 150*(i+1)/n)
			v := versions[p.Version]
			s.Items = append(s.Items, render.Item{Shape: render.ShapeCircle, Ref: ref, Z: zTrail,
				X: pts[i].X, Y: pts[i].Y, R: 3, Fill: fill,
				Tooltip: fmt.Sprintf("%s at [%.2f, %.2f] in %s: %s", t.Name, p.Visibility, p.Maturity, v.Label(), v.Subject)})
		}
	}
	defer sort.SliceStable(s.Items, func(i, j int) bool { return s.Items[i].Z < s.Items[j].Z })
	if len(versions) == 0 {
		return
	}
	legend := fmt.Sprintf("Trails: where components stood in %d versions, %s to %s (faint: older)",
		len(versions), versions[0].Label(), versions[len(versions)-1].Label())
	if moved == 0 {
		legend = fmt.Sprintf("No component moved in %d versions, %s to %s", len(versions), versions[0].Label(), versions[len(versions)-1].Label())
	}
	// The legend goes in a strip added under the picture, clear of the axis captions.
	const strip = 22
	for i := range s.Items {
		if it := &s.Items[i]; it.Ref.Kind == render.ElemBackground && it.Shape == render.ShapeRect && it.Y+it.H >= s.Height-0.5 {
			it.H += strip
		}
	}
	s.Height += strip
	grey := render.RGB(0x55, 0x55, 0x55)
	s.Items = append(s.Items, render.Item{Shape: render.ShapeText, Ref: render.Ref{Kind: ElemTrail, Index: -1}, Z: zTrail,
		X: s.PlotX, Y: s.Height - 8, Text: legend, Fill: grey,
		Font: render.Font{Family: render.FontSans, Size: 11}, Anchor: render.AnchorStart})
}
