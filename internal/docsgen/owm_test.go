package docsgen

import (
	"testing"

	"mapwright/mapdsl"
	"mapwright/render"
)

// TestOWMRuleTexts checks the map text each rule of owmRules gives OWM's picture: what OWM
// ignores is gone, the rest is kept as written.
func TestOWMRuleTexts(t *testing.T) {
	tests := []struct{ rule, src, want string }{
		{"crowded", "component A [0.5, 0.5]\ncomponent B [0.4, 0.4] label [1, 2]\n",
			"component A [0.5, 0.5] label [5, -10]\ncomponent B [0.4, 0.4] label [1, 2]\n"},
		{"legacy", "component K [0.5, 0.4]\nmarket T [0.7, 0.7]\nbuild K\nT->K\n", "component K [0.5, 0.4]\nT->K\n"},
		{"pipeline-evolve", "component K [0.5, 0.3]\npipeline K\n{\n  component E [0.4]\n}\nevolve E 0.8\nevolve K 0.9\n",
			"component K [0.5, 0.3]\npipeline K\n{\n  component E [0.4]\n}\nevolve K 0.9\n"},
		{"evolve", "component P [0.3, 0.5]\nevolve P 1\nevolve P 0.9\ncomponent K [0.5, 0.3] evolve 0.6\n",
			"component P [0.3, 0.5]\nevolve P 0.9\ncomponent K [0.5, 0.3]\n"},
		{"stages", "evolution A@0.10 -> B@0.45 -> C@0.70 -> D\n", "evolution A -> B -> C -> D\n"},
	}
	for _, tc := range tests {
		t.Run(tc.rule, func(t *testing.T) {
			m, _ := mapdsl.Parse("t.owm", []byte(tc.src))
			if got := owmRules[tc.rule].text(tc.src, m); got != tc.want {
				t.Errorf("got\n%s\nwant\n%s", got, tc.want)
			}
		})
	}
}

// TestOWMEvolveHeads checks that the redrawn evolve arrowhead points right with its tip 6 px
// left of the copy's centre, whichever way the component evolves, as OWM's marker does.
func TestOWMEvolveHeads(t *testing.T) {
	for _, src := range []string{"component P [0.3, 0.7]\nevolve P 0.4\n", "component P [0.3, 0.4]\nevolve P 0.7\n"} {
		m, _ := mapdsl.Parse("t.owm", []byte(src))
		s := render.Layout(m, render.Options{})
		owmEvolveHeads(m, s)
		to, ok := markerCentre(s, render.ElemEvolved, 0)
		if !ok {
			t.Fatalf("%q: no evolved copy", src)
		}
		heads := 0
		for _, it := range s.Items {
			if it.Ref.Kind == render.ElemEvolveArrow && it.Shape == render.ShapePath {
				heads++
				tip := it.Points[0]
				if tip.X != to.X-6 || tip.Y != to.Y || it.Points[1].X >= tip.X {
					t.Errorf("%q: head %v, want its tip at (%v, %v) pointing right", src, it.Points, to.X-6, to.Y)
				}
			}
		}
		if heads != 1 {
			t.Errorf("%q: %d heads, want 1", src, heads)
		}
	}
}
