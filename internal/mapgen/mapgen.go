// Package mapgen writes realistic OWM map texts of any size, for benchmarks and stress tests.
//
// A generated map looks like the maps people draw, scaled up: a few anchors at the top, layers of
// components below them with links mostly pointing one layer down, some evolving components,
// pipelines (both forms) with children, labels, decorators, inertia, notes, annotations, an
// accelerator, PST areas and comments. The same n and seed always give the same bytes, and every
// generated map parses without errors.
package mapgen

import (
	"fmt"
	"math/rand"
	"strings"
)

// Generate returns a map with n components (pipeline children included) drawn from seed.
func Generate(n int, seed int64) []byte {
	if n < 1 {
		n = 1
	}
	r := rand.New(rand.NewSource(seed))
	var b strings.Builder
	b.Grow(n * 90)
	fmt.Fprintf(&b, "title Generated map of %d components\n", n)
	b.WriteString("style wardley\n\n")

	anchors := 1 + n/40
	for i := 0; i < anchors; i++ {
		fmt.Fprintf(&b, "anchor User %d [0.97, %.2f]\n", i+1, 0.1+0.8*r.Float64())
	}
	b.WriteString("\n// components, top of the value chain first\n")

	names := make([]string, 0, n)
	mat := make([]float64, 0, n)
	layers := 4 + n/25
	if layers > 40 {
		layers = 40
	}
	for len(names) < n {
		i := len(names)
		name := componentName(i)
		layer := i * layers / n
		v := 0.92 - 0.85*float64(layer)/float64(layers) - 0.02*r.Float64()
		m := 0.05 + 0.9*r.Float64()
		names, mat = append(names, name), append(mat, m)
		fmt.Fprintf(&b, "component %s [%.2f, %.2f]", name, v, m)
		switch r.Intn(10) {
		case 0:
			fmt.Fprintf(&b, " label [%d, %d]", r.Intn(60)-30, r.Intn(40)-20)
		case 1:
			b.WriteString(" (build)")
		case 2:
			b.WriteString(" (buy)")
		case 3:
			b.WriteString(" (outsource)")
		case 4:
			b.WriteString(" inertia")
		case 5:
			b.WriteString(" (market)")
		}
		b.WriteByte('\n')

		// Every 12th component heads a pipeline; half of them get a block with children.
		if i%12 == 11 && len(names)+3 <= n {
			if r.Intn(2) == 0 {
				lo := clamp(m - 0.2)
				fmt.Fprintf(&b, "pipeline %s [%.2f, %.2f]\n", name, lo, clamp(lo+0.4))
			} else {
				fmt.Fprintf(&b, "pipeline %s\n{\n", name)
				for k := 0; k < 3; k++ {
					child := fmt.Sprintf("%s variant %d", name, k+1)
					cm := clamp(0.1 + 0.3*float64(k) + 0.1*r.Float64())
					names, mat = append(names, child), append(mat, cm)
					fmt.Fprintf(&b, "  component %s [%.2f]\n", child, cm)
				}
				b.WriteString("}\n")
			}
		}
	}

	b.WriteString("\n// evolution\n")
	for i := 3; i < len(names); i += 9 {
		if mat[i] > 0.85 || strings.Contains(names[i], "variant") {
			continue
		}
		target := clamp(mat[i] + 0.05 + 0.2*r.Float64())
		if i%2 == 0 {
			fmt.Fprintf(&b, "evolve %s %.2f\n", names[i], target)
		} else {
			fmt.Fprintf(&b, "evolve %s->%s next %.2f label [8, -12]\n", names[i], names[i], target)
		}
	}

	b.WriteString("\n// value chain\n")
	for i := 0; i < anchors; i++ {
		fmt.Fprintf(&b, "User %d->%s\n", i+1, names[r.Intn(min(len(names), 5+n/20))])
	}
	for i := 1; i < len(names); i++ {
		// Link each component from one higher up (earlier in the list), sometimes twice.
		from := r.Intn(i)
		switch r.Intn(12) {
		case 0:
			fmt.Fprintf(&b, "%s+>%s\n", names[from], names[i])
		case 1:
			fmt.Fprintf(&b, "%s+'flow'>%s\n", names[from], names[i])
		case 2:
			fmt.Fprintf(&b, "%s->%s; context %d\n", names[from], names[i], i)
		default:
			fmt.Fprintf(&b, "%s->%s\n", names[from], names[i])
		}
		if r.Intn(4) == 0 && i > 2 {
			fmt.Fprintf(&b, "%s->%s\n", names[r.Intn(i)], names[i])
		}
	}

	b.WriteString("\n// notes and marks\n")
	for i := 0; i < 1+n/30; i++ {
		fmt.Fprintf(&b, "note Note number %d [%.2f, %.2f]\n", i+1, 0.1+0.8*r.Float64(), 0.1+0.8*r.Float64())
	}
	for i := 0; i < 1+n/60; i++ {
		fmt.Fprintf(&b, "annotation %d [[%.2f, %.2f], [%.2f, %.2f]] Annotation text %d\n", i+1,
			r.Float64(), r.Float64(), r.Float64(), r.Float64(), i+1)
	}
	b.WriteString("annotations [0.10, 0.80]\n")
	b.WriteString("accelerator Market pressure [0.30, 0.55]\n")
	b.WriteString("pioneers [0.95, 0.05, 0.70, 0.30]\n")
	b.WriteString("settlers [0.65, 0.35, 0.40, 0.65]\n")
	b.WriteString("townplanners [0.35, 0.70, 0.05, 0.95]\n")
	return []byte(b.String())
}

// componentName gives distinct, word-like names ("Service alpha 12").
func componentName(i int) string {
	words := [...]string{"Service", "Data", "Platform", "Compute", "Storage", "Network", "Billing",
		"Search", "Identity", "Analytics", "Messaging", "Payments"}
	greek := [...]string{"alpha", "beta", "gamma", "delta", "epsilon", "zeta", "eta", "theta"}
	return fmt.Sprintf("%s %s %d", words[i%len(words)], greek[(i/len(words))%len(greek)], i)
}

func clamp(x float64) float64 {
	switch {
	case x < 0.01:
		return 0.01
	case x > 0.99:
		return 0.99
	}
	return x
}
