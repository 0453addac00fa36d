package lint

import (
	"fmt"
	"strings"
	"unicode/utf8"

	"mapwright/mapdsl"
	"mapwright/render"
)

// maxNameRunes is the longest name checked quietly: longer names wrap onto several lines in
// every output (render wraps past render.WrapEms), and at three lines or more crowd the map.
const maxNameRunes = 60

// eachText calls fn with every text of the map that is drawn: the title, names (anchors,
// components, evolved copies), notes and annotations.
func eachText(m *mapdsl.Map, fn func(kind, text string, rng mapdsl.Range)) {
	if m.Title != "" {
		fn("title", m.Title, m.TitleRange)
	}
	for _, a := range m.Anchors {
		fn("anchor", a.Name, nameRange(a.NameRange, a.Range))
	}
	for _, c := range m.Components {
		fn("component", c.Name, nameRange(c.NameRange, c.Range))
	}
	for _, e := range m.Evolves {
		if e.NewName != "" {
			fn("evolved component", e.NewName, e.Range)
		}
	}
	for _, n := range m.Notes {
		fn("note", n.Text, n.Range)
	}
	for _, a := range m.Annotations {
		fn("annotation", a.Text, a.Range)
	}
}

// checkMissingGlyphs reports texts holding a character that neither the Go fonts nor any
// installed font can draw: the map still draws, with a box in its place.
func checkMissingGlyphs(p *pass) {
	if !p.enabled("missing-glyph") {
		return
	}
	f := render.Font{Family: render.FontSans, Size: 12}
	eachText(p.in.Map, func(kind, text string, rng mapdsl.Range) {
		missing := render.MissingGlyphs(f, text)
		if len(missing) == 0 {
			return
		}
		var chars []string
		for _, r := range missing[:min(len(missing), 3)] {
			chars = append(chars, fmt.Sprintf("U+%04X (%c)", r, r))
		}
		p.add("missing-glyph", rng, "", "%s %+q holds %s, which no installed font can draw: it is drawn as a box; install a font that has it (for example from the Noto family)",
			kind, clip(text), strings.Join(chars, ", "))
	})
}

// checkLongNames reports names so long that they wrap onto several lines.
func checkLongNames(p *pass) {
	if !p.enabled("long-name") {
		return
	}
	eachText(p.in.Map, func(kind, text string, rng mapdsl.Range) {
		if kind == "note" || kind == "annotation" || kind == "title" {
			return // running text, not a name
		}
		if n := utf8.RuneCountInString(text); n > maxNameRunes {
			p.add("long-name", rng, "", "%s %+q is %d characters long (more than %d): it wraps onto several lines; shorten it, or put the detail in a note",
				kind, clip(text), n, maxNameRunes)
		}
	})
}
