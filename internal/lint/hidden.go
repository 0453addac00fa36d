package lint

import (
	"fmt"

	"mapwright/mapdsl"
)

// hiddenNames are the invisible characters that can make a name look like another or make a
// line read in a different order than it runs ("Trojan Source"): the bidirectional controls and
// the zero-width characters that are never needed in a name. U+200D (zero-width joiner) is left
// alone because emoji sequences use it, and U+200C because Persian and Indic scripts do.
var hiddenNames = map[rune]string{
	0x061C: "ARABIC LETTER MARK",
	0x180E: "MONGOLIAN VOWEL SEPARATOR",
	0x200B: "ZERO WIDTH SPACE",
	0x200E: "LEFT-TO-RIGHT MARK",
	0x200F: "RIGHT-TO-LEFT MARK",
	0x202A: "LEFT-TO-RIGHT EMBEDDING",
	0x202B: "RIGHT-TO-LEFT EMBEDDING",
	0x202C: "POP DIRECTIONAL FORMATTING",
	0x202D: "LEFT-TO-RIGHT OVERRIDE",
	0x202E: "RIGHT-TO-LEFT OVERRIDE",
	0x2060: "WORD JOINER",
	0x2066: "LEFT-TO-RIGHT ISOLATE",
	0x2067: "RIGHT-TO-LEFT ISOLATE",
	0x2068: "FIRST STRONG ISOLATE",
	0x2069: "POP DIRECTIONAL ISOLATE",
	0xFEFF: "ZERO WIDTH NO-BREAK SPACE",
}

// hiddenCharacter returns the first invisible or control character of s and its name.
func hiddenCharacter(s string) (rune, string, bool) {
	for _, r := range s {
		if r >= 0x20 && r < 0x7F {
			continue // printable ASCII, most of every name
		}
		if name, ok := hiddenNames[r]; ok {
			return r, name, true
		}
		if r < 0x20 && r != '\t' && r != '\n' || r >= 0x7F && r < 0xA0 {
			return r, "a control character", true
		}
	}
	return 0, "", false
}

// checkHiddenCharacters reports names (anchors, components, evolved copies' new names) and
// note texts holding an invisible character.
func checkHiddenCharacters(p *pass) {
	check := func(kind, text string, rng mapdsl.Range) {
		if c, name, ok := hiddenCharacter(text); ok {
			p.add("hidden-characters", rng, "", "%s %s contains U+%04X (%s), an invisible character that can make text look like other text or read in another order; remove it",
				kind, fmt.Sprintf("%+q", clip(text)), c, name)
		}
	}
	for _, a := range p.in.Map.Anchors {
		check("anchor", a.Name, nameRange(a.NameRange, a.Range))
	}
	for _, c := range p.in.Map.Components {
		check("component", c.Name, nameRange(c.NameRange, c.Range))
	}
	for _, e := range p.in.Map.Evolves {
		check("evolved component", e.NewName, e.Range)
	}
	for _, n := range p.in.Map.Notes {
		check("note", n.Text, n.Range)
	}
}
