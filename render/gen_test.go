package render_test

import (
	"bytes"
	"fmt"
	"io"
	"math/rand/v2"
	"os"
	"path/filepath"
	"testing"

	"mapwright/internal/mapgen"
	"mapwright/mapdsl"
	"mapwright/render"
	"mapwright/render/svg"
)

// generate builds a map of n components with a realistic mix of elements: anchors, links mostly
// between neighbours in the value chain, a few flows, evolutions, pipelines, inertia, decorators
// and notes. The drawing area grows with the map so the density stays that of a real map, and
// evolve arrows and pipelines keep the page length they have on a real map.
func generate(n int, seed uint64) *mapdsl.Map {
	r := rand.New(rand.NewPCG(seed, seed^0x5eed))
	b := newBuilder(fmt.Sprintf("Generated %d", n))
	scale := 1.0
	for scale*scale*40 < float64(n) {
		scale *= 1.25
	}
	b.m.Width, b.m.Height = 1000*scale, 700*scale
	// Positions jittered inside the cells of a k x k grid visited row by row, snaking, so
	// components close in the list are close on the map and links between list neighbours are
	// short, as in a real value chain.
	type pos struct{ v, m float64 }
	ps := make([]pos, n)
	k := 1
	for k*k < n {
		k++
	}
	for i := range ps {
		row, col := i/k, i%k
		if row%2 == 1 {
			col = k - 1 - col
		}
		ps[i] = pos{
			v: 0.05 + 0.9*(1-(float64(row)+r.Float64())/float64(k)),
			m: 0.02 + 0.96*(float64(col)+r.Float64())/float64(k),
		}
	}
	for i := 0; i < n; i++ {
		c := b.comp(fmt.Sprintf("Component %d", i), ps[i].v, ps[i].m)
		switch r.IntN(12) {
		case 0:
			c.Decorators.Method = mapdsl.MethodBuild
		case 1:
			c.Decorators.Method = mapdsl.MethodBuy
		case 2:
			c.Inertia = true
		case 3:
			c.Label = offset(-40, 15)
		}
	}
	for i := 0; i < n; i++ {
		from := b.m.Components[i].Name
		for k := 0; k < 1+r.IntN(2); k++ {
			j := min(n-1, i+1+r.IntN(8))
			if j == i {
				continue
			}
			if r.IntN(10) == 0 {
				b.flow(from, b.m.Components[j].Name, "")
			} else {
				b.link(from, b.m.Components[j].Name)
			}
		}
	}
	// Users just above one of the components, linked to it.
	for i := 0; i < max(1, n/20); i++ {
		c := b.m.Components[r.IntN(n)]
		b.anchor(fmt.Sprintf("User %d", i), min(0.99, c.Coords.Visibility.Value+0.06/scale), c.Coords.Maturity.Value)
		b.link(fmt.Sprintf("User %d", i), c.Name)
	}
	for i := 0; i < n/10; i++ {
		c := b.m.Components[r.IntN(n)]
		b.evolve(c.Name, "", min(0.99, c.Coords.Maturity.Value+0.2/scale))
	}
	for i := 0; i < n/40; i++ {
		c := b.m.Components[r.IntN(n)]
		if c.Pipeline != nil {
			continue
		}
		m0 := c.Coords.Maturity.Value
		p := &mapdsl.Pipeline{Name: c.Name, Start: num(m0 - 0.1/scale), End: num(m0 + 0.15/scale), Bracketed: true, Component: c, Range: b.next()}
		c.Pipeline = p
		b.m.Pipelines = append(b.m.Pipelines, p)
	}
	for i := 0; i < n/25; i++ {
		b.m.Notes = append(b.m.Notes, &mapdsl.Note{Text: fmt.Sprintf("note %d", i), Coords: at(r.Float64(), r.Float64()), Range: b.next()})
	}
	return b.m
}

// labelBox is the box of one text item, from the same font metrics Layout uses.
func labelBox(it render.Item) (x0, y0, x1, y1 float64) {
	w := render.MeasureText(it.Font, it.Text)
	x0 = it.X
	switch it.Anchor {
	case render.AnchorMiddle:
		x0 -= w / 2
	case render.AnchorEnd:
		x0 -= w
	}
	return x0, it.Y - render.AscentRatio*it.Font.Size, x0 + w, it.Y + render.DescentRatio*it.Font.Size
}

// TestAutoLabelsDoNotOverlap draws crowded maps and checks that no two automatically placed
// labels overlap each other.
func TestAutoLabelsDoNotOverlap(t *testing.T) {
	for _, n := range []int{40, 300} {
		t.Run(fmt.Sprint(n), func(t *testing.T) {
			m := generate(n, 7)
			s := render.Layout(m, render.Options{})
			type box struct{ x0, y0, x1, y1 float64 }
			var boxes []box
			var owners []int
			for _, it := range s.Items {
				if it.Ref.Kind != render.ElemLabel || m.Components[it.Ref.Index].Label.Present {
					continue
				}
				x0, y0, x1, y1 := labelBox(it)
				boxes = append(boxes, box{x0, y0, x1, y1})
				owners = append(owners, it.Ref.Index)
			}
			if len(boxes) < n/2 {
				t.Fatalf("only %d automatic labels", len(boxes))
			}
			overlaps := 0
			for i := range boxes {
				for j := i + 1; j < len(boxes); j++ {
					a, b := boxes[i], boxes[j]
					if a.x0 < b.x1-0.5 && b.x0 < a.x1-0.5 && a.y0 < b.y1-0.5 && b.y0 < a.y1-0.5 {
						overlaps++
						if overlaps < 5 {
							t.Errorf("labels of components %d and %d overlap", owners[i], owners[j])
						}
					}
				}
			}
			if overlaps > 0 {
				t.Errorf("%d overlapping pairs of %d labels", overlaps, len(boxes))
			}
		})
	}
}

// TestLabelPlacementAvoidsMarkers checks that a label whose default place holds another
// component moves, and an explicit offset stays even when it overlaps.
func TestLabelPlacementAvoidsMarkers(t *testing.T) {
	b := newBuilder("crowd")
	b.comp("Left", 0.5, 0.5)
	b.comp("Blocker", 0.5+12.0/700, 0.5+20.0/1000) // sits where Left's default label would go
	s := render.Layout(b.m, render.Options{})
	blocker := find(s, render.ElemComponent, 1)[0]
	x0, y0, x1, y1 := labelBox(find(s, render.ElemLabel, 0)[0])
	if blocker.X+5 > x0 && blocker.X-5 < x1 && blocker.Y+5 > y0 && blocker.Y-5 < y1 {
		t.Errorf("Left's label (%v,%v)-(%v,%v) covers Blocker at (%v,%v)", x0, y0, x1, y1, blocker.X, blocker.Y)
	}

	b.m.Components[0].Label = offset(5, -10)
	s = render.Layout(b.m, render.Options{})
	c := find(s, render.ElemComponent, 0)[0]
	l := find(s, render.ElemLabel, 0)[0]
	if !near(l.X, c.X+5) || !near(l.Y, c.Y-10) {
		t.Errorf("explicit offset moved to (%v, %v)", l.X-c.X, l.Y-c.Y)
	}
}

// benchMap is a map to benchmark, built only when its benchmark runs so that the big ones do
// not sit on the heap (and in every garbage collection) while the small ones are measured.
type benchMap struct {
	name string
	make func() *mapdsl.Map
}

func benchMaps() []benchMap {
	maps := []benchMap{
		{"teashop", teaShop},
		// Density kept constant: the drawing area grows with the map (linearity).
		{"gen40", func() *mapdsl.Map { return generate(40, 1) }},
		{"gen500", func() *mapdsl.Map { return generate(500, 1) }},
		{"gen5000", func() *mapdsl.Map { return generate(5000, 1) }},
	}
	// The team's generator, drawn at the default size as the editor does: ever more crowded.
	for _, n := range []int{40, 500, 5000} {
		maps = append(maps, benchMap{fmt.Sprintf("mapgen%d", n), func() *mapdsl.Map {
			m, _ := mapdsl.Parse("gen.owm", mapgen.Generate(n, 1))
			return m
		}})
	}
	// Real maps: a typical one (15) and the largest of the corpus (17).
	for _, name := range []string{"15_owulveryck_teashop", "17_swardley_energy-disruption"} {
		path := filepath.Join(corpusDir, name+".owm")
		if _, err := os.Stat(path); err != nil {
			continue // corpus absent
		}
		maps = append(maps, benchMap{"corpus-" + name[:2], func() *mapdsl.Map {
			src, _ := os.ReadFile(path)
			m, _ := mapdsl.Parse(name, src)
			return m
		}})
	}
	return maps
}

func BenchmarkLayout(b *testing.B) {
	for _, bm := range benchMaps() {
		b.Run(bm.name, func(b *testing.B) {
			m := bm.make()
			b.ReportAllocs()
			for b.Loop() {
				render.Layout(m, render.Options{})
			}
		})
	}
}

func BenchmarkSVG(b *testing.B) {
	for _, bm := range benchMaps() {
		b.Run(bm.name, func(b *testing.B) {
			s := render.Layout(bm.make(), render.Options{})
			b.ReportAllocs()
			for b.Loop() {
				if err := svg.Encode(io.Discard, s); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// BenchmarkLayoutSVG is the budget that matters to the editor and the CLI: map to SVG bytes.
func BenchmarkLayoutSVG(b *testing.B) {
	for _, bm := range benchMaps() {
		b.Run(bm.name, func(b *testing.B) {
			m := bm.make()
			b.ReportAllocs()
			var buf bytes.Buffer
			for b.Loop() {
				buf.Reset()
				if err := svg.Encode(&buf, render.Layout(m, render.Options{})); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
