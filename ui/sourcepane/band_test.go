package sourcepane

import (
	"slices"
	"testing"

	"fyne.io/fyne/v2"
)

// shownRects are the visible rectangles of a pool, top to bottom.
func shownRects(p *rectPool) [][2]float32 {
	var out [][2]float32
	for _, r := range p.items {
		if r.Visible() {
			out = append(out, [2]float32{r.Position().Y, r.Position().Y + r.Size().Height})
		}
	}
	slices.SortFunc(out, func(a, b [2]float32) int { return int(a[0] - b[0]) })
	return out
}

// TestBandTintsItsLines: SetBand tints exactly the lines asked for, one rectangle per run of
// consecutive lines from the top of its first line to the bottom of its last, with a bar in the
// gutter beside each; no lines remove it, and lines past the view are not drawn.
func TestBandTintsItsLines(t *testing.T) {
	e, _ := newTestEditor(t, "title T\n// step: One\ncomponent A [0.5, 0.5]\n// step: Two\ncomponent B [0.4, 0.4]\nA->B\n")
	r := renderer(e)
	m := e.m()
	span := func(a, b int) [2]float32 { return [2]float32{e.lineY(a - 1), e.lineY(b-1) + m.lineH} }
	for _, c := range []struct {
		name  string
		lines []int
		runs  [][2]float32
	}{
		{"a section", []int{4, 5, 6}, [][2]float32{span(4, 6)}},
		{"scattered lines, unsorted and repeated", []int{6, 3, 5, 3}, [][2]float32{span(3, 3), span(5, 6)}},
		{"one line", []int{2}, [][2]float32{span(2, 2)}},
		{"none", nil, nil},
		{"past the end", []int{7000, 7001}, nil},
	} {
		t.Run(c.name, func(t *testing.T) {
			e.SetBand(c.lines...)
			if got := shownRects(&r.band); !slices.Equal(got, c.runs) {
				t.Errorf("tints span %v, want %v", got, c.runs)
			}
			if got := shownRects(&r.bandBar); !slices.Equal(got, c.runs) {
				t.Errorf("gutter bars span %v, want %v", got, c.runs)
			}
			for _, b := range r.bandBar.items {
				if b.Visible() && b.Position().X >= e.gutterWidth() {
					t.Errorf("gutter bar at x %v, outside the gutter (width %v)", b.Position().X, e.gutterWidth())
				}
			}
			want := slices.Clone(c.lines)
			slices.Sort(want)
			want = slices.Compact(want)
			if got := e.Band(); !slices.Equal(got, want) {
				t.Errorf("Band() = %v, want %v", got, want)
			}
		})
	}
}

// TestUnusedKeysReachTheWindow: a key the pane has no use for (F5) goes to the window's key
// handler, as unhandled shortcuts do, and the text does not change; keys it uses stay with it.
func TestUnusedKeysReachTheWindow(t *testing.T) {
	e, w := newTestEditor(t, "title T\n")
	var got []fyne.KeyName
	w.Canvas().SetOnTypedKey(func(ev *fyne.KeyEvent) { got = append(got, ev.Name) })
	key(e, fyne.KeyF5)
	key(e, fyne.KeyLeft)
	key(e, fyne.KeyEscape)
	if len(got) != 1 || got[0] != fyne.KeyF5 {
		t.Errorf("the window got %v, want only F5", got)
	}
	wantText(t, e, "title T\n")
}
