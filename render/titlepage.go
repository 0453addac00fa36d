package render

import "strings"

// Sizes of a title page, in page units.
const (
	titlePageSize    = 44 // the title
	titlePageSubSize = 20 // each line beneath it
)

// TitlePage draws the opening page of a deck: title, large and bold, centred on a page of
// width x height (in page units, like a Scene's), with the lines of sub (the maps of the deck,
// say) beneath it, in the background, fonts and text colour of style. A long title wraps. The
// page is a Scene like any map's, so every encoder draws it.
func TitlePage(title string, sub []string, style Style, width, height float64) *Scene {
	t := themeFor(ParseStyle(string(style)))
	width = max(finite(width, DefaultWidth), MinSize)
	height = max(finite(height, DefaultHeight), MinSize)
	title = strings.TrimSpace(title)
	s := &Scene{Width: width, Height: height, Background: t.background, Title: title, Desc: "Title page: " + title, Scale: 1}
	tf := Font{Family: t.axisFont, Size: titlePageSize, Bold: true}
	sf := Font{Family: t.textFont, Size: titlePageSubSize}
	ls := wrapLines(lines(title), tf)
	var subs []string
	for _, l := range sub {
		if l = strings.TrimSpace(l); l != "" {
			subs = append(subs, l)
		}
	}
	th, sh := float64(float64(len(ls))*(tf.Size+8)), float64(float64(len(subs))*(sf.Size+8)) // rounded: no fused multiply-add (scripts/fma-check.sh)
	gap := 0.0
	if len(subs) > 0 {
		gap = 24
	}
	y := float64((height-th-gap-sh)/2) + float64(AscentRatio*tf.Size)
	for _, l := range ls {
		s.Items = append(s.Items, text(Ref{Kind: ElemTitle}, zGrid, width/2, y, l, tf, t.text, AnchorMiddle))
		y += tf.Size + 8
	}
	y += -(tf.Size + 8) + float64(DescentRatio*tf.Size) + gap + float64(AscentRatio*sf.Size) // below the last title line
	for _, l := range subs {
		s.Items = append(s.Items, text(Ref{Kind: ElemTitle, Index: 1}, zGrid, width/2, y, l, sf, t.text, AnchorMiddle))
		y += sf.Size + 8
	}
	if t.hand {
		roughen(s.Items)
	}
	return s
}
