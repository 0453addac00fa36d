package render

import (
	"strings"
	"testing"

	"mapwright/mapdsl"
)

// TestLongNamesWrap lays out a 130-character name, which ran off the page and was clipped in
// every format: it now wraps onto lines no wider than WrapEms, aligned as one block (centred on
// the label point when the label has an offset, as OWM centres multi-line names), all inside
// the page. Short names stay on one line.
func TestLongNamesWrap(t *testing.T) {
	long := strings.TrimSpace(strings.Repeat("Customer relationship management ", 4)) // 130 characters
	for _, tc := range []struct {
		name, label string
		wantLines   int
	}{
		{long, "", 3},
		{long, " label [10, -20]", 3},
		{"Kettle", "", 1},
	} {
		t.Run(tc.name[:6]+tc.label, func(t *testing.T) {
			src := "anchor User [0.95, 0.5]\ncomponent " + tc.name + " [0.5, 0.8]" + tc.label + "\nUser->" + tc.name + "\n"
			m, _ := mapdsl.Parse("t.owm", []byte(src))
			s := Layout(m, Options{})
			var got []Item
			for _, it := range s.Items {
				if it.Shape == ShapeText && it.Ref.Kind == ElemLabel {
					got = append(got, it)
				}
			}
			if len(got) != tc.wantLines {
				t.Fatalf("the name is drawn on %d lines, want %d", len(got), tc.wantLines)
			}
			var joined []string
			for _, it := range got {
				b := ItemBox(&it)
				if w := b.Width(); w > WrapEms*it.Font.Size {
					t.Errorf("line %q is %.0f wide, more than %d ems", it.Text, w, WrapEms)
				}
				if b.Left < 0 || b.Right > s.Width {
					t.Errorf("line %q runs off the page: %.0f..%.0f of %.0f", it.Text, b.Left, b.Right, s.Width)
				}
				if it.Anchor != got[0].Anchor || it.X != got[0].X {
					t.Errorf("line %q is not aligned with the first line", it.Text)
				}
				if tc.label != "" && tc.wantLines > 1 && it.Anchor != AnchorMiddle {
					t.Errorf("line %q is not centred on the label point", it.Text)
				}
				joined = append(joined, it.Text)
			}
			if strings.Join(joined, " ") != tc.name {
				t.Errorf("the lines read %q, want %q", strings.Join(joined, " "), tc.name)
			}
		})
	}
}
