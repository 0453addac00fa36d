package lint

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// comment is the text of one comment on one source line.
type comment struct {
	line int
	text string
}

// comments is every comment of a source text, found the way OWM strips them: `//` to the end
// of the line (except on url lines, whose addresses contain //), and `/*` up to the next line that
// contains `*/` (a block opened and closed on one line still runs on, as in OWM).
type comments []comment

func scanComments(src []byte) comments {
	var out comments
	inBlock := false
	for i, line := range strings.Split(string(src), "\n") {
		n := i + 1
		if inBlock {
			end := strings.Index(line, "*/")
			if end < 0 {
				out = append(out, comment{n, line})
				continue
			}
			out = append(out, comment{n, line[:end]})
			line = line[end+2:]
			inBlock = false
		}
		if strings.HasPrefix(strings.TrimSpace(line), "url") {
			continue
		}
		slash := strings.Index(line, "//")
		block := strings.Index(line, "/*")
		switch {
		case slash >= 0 && (block < 0 || slash < block):
			out = append(out, comment{n, line[slash+2:]})
		case block >= 0:
			out = append(out, comment{n, line[block+2:]})
			inBlock = true
		}
	}
	return out
}

// defines returns the line of a comment that mentions name as a whole word or phrase,
// preferring comments that look like a commented-out definition (component/anchor/submap).
func (cs comments) defines(name string) (int, bool) {
	want := normalise(name)
	if want == "" {
		return 0, false
	}
	found := 0
	for _, c := range cs {
		text := normalise(c.text)
		if !containsPhrase(text, want) {
			continue
		}
		for _, kw := range []string{"component ", "anchor ", "submap ", "market ", "ecosystem "} {
			if strings.HasPrefix(text, kw) {
				return c.line, true
			}
		}
		if found == 0 {
			found = c.line
		}
	}
	return found, found != 0
}

// containsPhrase reports whether s contains p with no letter or digit glued to either side.
func containsPhrase(s, p string) bool {
	for from := 0; from <= len(s); {
		i := strings.Index(s[from:], p)
		if i < 0 {
			return false
		}
		i += from
		before, _ := utf8.DecodeLastRuneInString(s[:i])
		after, _ := utf8.DecodeRuneInString(s[i+len(p):])
		if !isWordRune(before) && !isWordRune(after) {
			return true
		}
		from = i + 1
	}
	return false
}

func isWordRune(r rune) bool {
	return r != utf8.RuneError && (unicode.IsLetter(r) || unicode.IsDigit(r))
}
