package pdf

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// printable returns s as text gofpdf can always write. gofpdf v1.16.2 panics on invalid UTF-8
// and on runes above U+FFFF (emoji) when it builds the font subset, so those become U+FFFD, the
// replacement character. Control characters and invisible format characters (zero-width spaces,
// joiners, bidi marks, variation selectors) are dropped: the Go fonts have no glyph for them and
// would print a box; tabs and line breaks become spaces.
func printable(s string) string {
	clean := true
	for _, r := range s {
		if r == utf8.RuneError || r > 0xFFFF || r < 0x20 || dropped(r) {
			clean = false
			break
		}
	}
	if clean {
		return s
	}
	var b strings.Builder
	b.Grow(len(s))
	for _, r := range s { // ranging over a string yields utf8.RuneError for each invalid byte
		switch {
		case r == '\t' || r == '\n' || r == '\r':
			b.WriteByte(' ')
		case r == utf8.RuneError || r > 0xFFFF:
			b.WriteRune(unicode.ReplacementChar)
		case r < 0x20 || dropped(r):
		default:
			b.WriteRune(r)
		}
	}
	return b.String()
}

// dropped reports runes that draw nothing visible: controls, format characters and variation
// selectors.
func dropped(r rune) bool {
	if r < 0x80 {
		return r < 0x20 || r == 0x7F
	}
	return unicode.IsControl(r) || unicode.Is(unicode.Cf, r) || unicode.Is(unicode.Variation_Selector, r)
}
