package history

import (
	"bytes"
	"encoding/json"
	"flag"
	"path/filepath"
	"testing"
	"time"

	"mapwright/internal/testenv"
	"mapwright/mapdsl"
	"mapwright/render"
)

var update = flag.Bool("update", false, "rewrite testdata/trails.golden")

// TestDrawGolden draws the trails of four versions of a map, in which components move, one is
// renamed and one appears, and compares the items Draw adds, as JSON (every number to the last
// bit), with testdata/trails.golden: a change of where a dot goes shows, and so does a last-bit
// difference between machines (make test-arm64 runs it under arm64 emulation, where a product
// left unrounded would be fused). go test ./internal/history -update rewrites it.
func TestDrawGolden(t *testing.T) {
	// Visibilities 0.68, 0.69, 0.85 and 0.94 are among those whose page y, PlotY + (1-v)*PlotH,
	// comes out a bit different when the multiply-add is fused.
	texts := []string{
		"title Tea\ncomponent Cup [0.94, 0.61]\ncomponent Kettle [0.43, 0.35]\ncomponent Power [0.1, 0.7]\nCup->Kettle\nKettle->Power\n",
		"title Tea\ncomponent Cup [0.94, 0.63]\ncomponent Kettle [0.68, 0.47]\ncomponent Power [0.1, 0.83]\nCup->Kettle\nKettle->Power\n",
		"title Tea\ncomponent Cup [0.85, 0.67]\ncomponent Kettles [0.68, 0.59]\ncomponent Power [0.13, 0.91]\ncomponent Gas [0.23, 0.29]\nCup->Kettles\nKettles->Power\n",
		"title Tea\ncomponent Cup [0.85, 0.71]\ncomponent Kettles [0.69, 0.66]\ncomponent Power [0.13, 0.91]\ncomponent Gas [0.21, 0.37]\nCup->Kettles\nKettles->Power\n",
	}
	var versions []Version
	for i, text := range texts {
		m, diags := mapdsl.Parse("tea.owm", []byte(text))
		if diags.HasErrors() {
			t.Fatalf("version %d: %v", i, diags.Errors())
		}
		v := Version{Date: time.Date(2026, 1, 10+7*i, 12, 0, 0, 0, time.UTC), Subject: "step", Path: "tea.owm", Map: m}
		if i < len(texts)-1 { // the last one is the working copy
			v.Commit = string(bytes.Repeat([]byte{byte('a' + i)}, 40))
		}
		versions = append(versions, v)
	}
	scene := render.Layout(versions[len(versions)-1].Map, render.Options{})
	Draw(scene, Trails(versions), versions)
	var drawn []render.Item
	for _, it := range scene.Items {
		if it.Ref.Kind == ElemTrail {
			drawn = append(drawn, it)
		}
	}
	if len(drawn) == 0 {
		t.Fatal("Draw added no trail")
	}
	got, err := json.MarshalIndent(struct {
		Height float64       `json:"height"`
		Items  []render.Item `json:"items"`
	}{scene.Height, drawn}, "", " ")
	if err != nil {
		t.Fatal(err)
	}
	got = append(got, '\n')
	testenv.CompareGolden(t, filepath.Join("testdata", "trails.golden"), got, *update)
}
