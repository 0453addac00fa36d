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

// TestLongNotesAndAnnotationsStayOnThePage lays out a note and annotations of 132 characters,
// which ran off the page's right edge (the note was clipped, the legend's box was wider than
// the page): the note wraps where it would leave the page, the legend's rows wrap to the page's
// width, their further lines indented under the text, and every line leaves room for a viewer's
// wider font (BoxTextWidth) inside the page and inside the legend's box.
func TestLongNotesAndAnnotationsStayOnThePage(t *testing.T) {
	long := "This annotation explains at great length why the kettle matters so much to the whole tea business and what we should do about it now"
	src := "anchor Business [0.95, 0.63]\ncomponent Kettle [0.43, 0.35]\nBusiness->Kettle\n" +
		"note \"" + long + "\" [0.30, 0.50]\n" +
		"annotation 1 [0.43, 0.45] " + long + "\nannotation 2 [0.79, 0.70] Short\nannotations [0.60, 0.50]\n"
	m, _ := mapdsl.Parse("t.owm", []byte(src))
	for _, style := range Styles {
		t.Run(string(style), func(t *testing.T) {
			s := Layout(m, Options{Style: style})
			var note, legend []Item
			var box *Item
			for i, it := range s.Items {
				switch {
				case it.Ref.Kind == ElemNote && it.Shape == ShapeText:
					note = append(note, it)
				case it.Ref.Kind == ElemAnnotationList && it.Shape == ShapeText:
					legend = append(legend, it)
				case it.Ref.Kind == ElemAnnotationList && it.Shape == ShapeRect:
					box = &s.Items[i]
				}
			}
			if len(note) < 2 {
				t.Errorf("the note is drawn on %d line(s), want it wrapped", len(note))
			}
			if len(legend) != 4 { // the heading, the long row on two lines, the short row
				t.Errorf("the legend has %d lines, want 4", len(legend))
			}
			var noteText []string
			for _, it := range note {
				noteText = append(noteText, it.Text)
				if right := it.X + BoxTextWidth(it.Font, it.Text); it.X < 0 || right > s.Width {
					t.Errorf("note line %q spans %.0f..%.0f, off the page 0..%.0f", it.Text, it.X, right, s.Width)
				}
			}
			if got := strings.Join(noteText, " "); got != long {
				t.Errorf("the note's lines read %q", got)
			}
			for _, it := range legend {
				right := it.X + BoxTextWidth(it.Font, it.Text)
				if it.X < 0 || right > s.Width {
					t.Errorf("legend line %q spans %.0f..%.0f, off the page 0..%.0f", it.Text, it.X, right, s.Width)
				}
				if box != nil && (it.X < box.X || right > box.X+box.W) {
					t.Errorf("legend line %q spans %.0f..%.0f, outside its box %.0f..%.0f", it.Text, it.X, right, box.X, box.X+box.W)
				}
			}
			if len(legend) == 4 && (!strings.HasPrefix(legend[1].Text, "1. This") || legend[2].X <= legend[1].X ||
				legend[1].Text[3:]+" "+legend[2].Text != long) {
				t.Errorf("the long row reads %q / %q, want it wrapped with its second line indented", legend[1].Text, legend[2].Text)
			}
		})
	}
}
