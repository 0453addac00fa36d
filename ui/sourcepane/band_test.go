package sourcepane

import (
	"testing"

	"fyne.io/fyne/v2"
)

// TestBandTintsItsLines: SetBand tints exactly the lines asked for, from the top of the first to
// the bottom of the last, with a bar in the gutter; (0, 0) and a reversed range remove it, and
// a band running past the view is clipped to the visible lines.
func TestBandTintsItsLines(t *testing.T) {
	e, _ := newTestEditor(t, "title T\n// step: One\ncomponent A [0.5, 0.5]\n// step: Two\ncomponent B [0.4, 0.4]\nA->B\n")
	r := renderer(e)
	m := e.m()
	for _, c := range []struct {
		name        string
		first, last int
		want        bool
	}{
		{"step two", 4, 6, true},
		{"one line", 2, 2, true},
		{"none", 0, 0, false},
		{"reversed", 5, 3, false},
	} {
		t.Run(c.name, func(t *testing.T) {
			e.SetBand(c.first, c.last)
			first, last, ok := e.Band()
			if ok != c.want || r.band.Visible() != c.want || r.bandBar.Visible() != c.want {
				t.Fatalf("Band() = %d, %d, %v; tint shown %v, bar shown %v; want shown %v",
					first, last, ok, r.band.Visible(), r.bandBar.Visible(), c.want)
			}
			if !c.want {
				return
			}
			if first != c.first || last != c.last {
				t.Errorf("Band() = %d..%d, want %d..%d", first, last, c.first, c.last)
			}
			top, bottom := e.lineY(c.first-1), e.lineY(c.last-1)+m.lineH
			if p, s := r.band.Position(), r.band.Size(); p.Y != top || p.Y+s.Height != bottom {
				t.Errorf("tint spans y %v..%v, want %v..%v (lines %d..%d)", p.Y, p.Y+s.Height, top, bottom, c.first, c.last)
			}
			if p := r.bandBar.Position(); p.X >= e.gutterWidth() || p.Y != top {
				t.Errorf("gutter bar at %v, want inside the gutter (width %v) at y %v", p, e.gutterWidth(), top)
			}
		})
	}
	t.Run("past the end of the view", func(t *testing.T) {
		e.SetBand(5, 4000)
		if p, s := r.band.Position(), r.band.Size(); !r.band.Visible() || p.Y+s.Height > e.Size().Height+m.lineH {
			t.Errorf("tint at %v size %v, want clipped to the view (height %v)", p, s, e.Size().Height)
		}
	})
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
