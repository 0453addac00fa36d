package lint

import (
	"fmt"
	"slices"
	"strings"
	"testing"

	"mapwright/mapdsl"
	"mapwright/render"
)

// TestMergeWithParser parses real text and checks that each problem is reported once, by the
// more specific of the parser and the lint rules, and that configuration reaches parser codes.
func TestMergeWithParser(t *testing.T) {
	src := []byte(`title Merge
anchor Customer [0.95, 0.5]
component Kettle [0.5, 0.45]
component Kettle [0.4, 0.45]
// component Power [0.1, 0.7]
evolve Kettle 0.3
Customer->Kettle
Kettle->Power
Customer->Ketle
`)
	type finding struct {
		Code string
		Line int
	}
	tests := []struct {
		name string
		cfg  Config
		want []finding
	}{
		{"defaults", Config{}, []finding{
			{"duplicate-name", 4},
			{"evolve-backwards", 6},
			{"link-commented-out", 8},
			{"unknown-component", 9},
		}},
		{"parser codes can be disabled", Config{Disable: []string{"duplicate-name", "evolve-backwards"}}, []finding{
			{"link-commented-out", 8},
			{"unknown-component", 9},
		}},
		{"without the specific rule the parser's finding shows", Config{Disable: []string{"link-commented-out"}}, []finding{
			{"duplicate-name", 4},
			{"evolve-backwards", 6},
			{"unknown-component", 8},
			{"unknown-component", 9},
		}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			m, diags := mapdsl.Parse("m.owm", src)
			merged := Merge(diags, Run(Input{Map: m, Diagnostics: diags, Source: src}, tc.cfg), tc.cfg)
			var got []finding
			for _, d := range merged {
				got = append(got, finding{d.Code, d.Range.Start.Line})
			}
			if !slices.Equal(got, tc.want) {
				t.Errorf("got %v\nwant %v", got, tc.want)
			}
		})
	}
}

func TestErrorsCannotBeDisabled(t *testing.T) {
	src := []byte("title E\nanchor A [0.9, 0.5]\nnonsense\n")
	m, diags := mapdsl.Parse("e.owm", src)
	cfg := Config{Disable: []string{"all"}}
	merged := Merge(diags, Run(Input{Map: m, Diagnostics: diags, Source: src}, cfg), cfg)
	if !merged.HasErrors() {
		t.Errorf("errors were hidden by --disable all: %v", merged)
	}
}

// TestLabelOverlapsInRealLayout draws two components whose explicit labels land on the same
// spot, and one far away, with render.Layout.
func TestLabelOverlapsInRealLayout(t *testing.T) {
	src := []byte(`title Overlap
anchor Customer [0.95, 0.5]
component Alpha [0.50, 0.30] label [10, -10]
component Beta [0.50, 0.31] label [0, -10]
component Gamma [0.10, 0.90]
Customer->Alpha
Customer->Beta
Customer->Gamma
`)
	m, _ := mapdsl.Parse("o.owm", src)
	in := Input{Map: m, Source: src, Scene: render.Layout(m, render.Options{})}
	var got []int
	for _, d := range Run(in, Config{}) {
		if d.Code == "overlapping-labels" {
			got = append(got, d.Range.Start.Line)
		}
	}
	if !slices.Equal(got, []int{4}) {
		t.Errorf("overlapping-labels on lines %v, want [4]", got)
	}
}

// BenchmarkRunLarge lints a generated map of 5,000 components (no scene).
func BenchmarkRunLarge(b *testing.B) {
	var sb strings.Builder
	sb.WriteString("title Large\nanchor User [0.98, 0.5]\n")
	for i := range 5000 {
		fmt.Fprintf(&sb, "component Component number %d [%.2f, %.2f]\n", i, 0.05+float64(i%90)/100, 0.05+float64(i%83)/100)
		if i > 0 {
			fmt.Fprintf(&sb, "Component number %d->Component number %d\n", i/2, i)
		} else {
			sb.WriteString("User->Component number 0\n")
		}
	}
	src := []byte(sb.String())
	m, _ := mapdsl.Parse("large", src)
	for b.Loop() {
		Run(Input{Map: m, Source: src}, Config{})
	}
}
