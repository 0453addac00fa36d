package lint

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"mapwright/mapdsl"
)

// normaliseReference is OWM's lenient spelling stated plainly.
func normaliseReference(s string) string {
	return strings.Join(strings.Fields(strings.ToLower(s)), " ")
}

// commentsReference finds the comments of a source text line by line, as first written; see
// commentIndex for the rules.
func commentsReference(src []byte) []comment {
	var out []comment
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

// comment is the text of one comment on one source line.
type comment struct {
	line int
	text string
}

// definesReference returns the line of the first comment that mentions name as a whole word or
// phrase, preferring comments that look like a commented-out definition, as first written.
func definesReference(cs []comment, name string) (int, bool) {
	want := normaliseReference(name)
	if want == "" {
		return 0, false
	}
	found := 0
	for _, c := range cs {
		text := normaliseReference(c.text)
		if !containsPhraseReference(text, want) {
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

// containsPhraseReference reports whether s contains p with no letter or digit glued to either
// side.
func containsPhraseReference(s, p string) bool {
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

// mergeReference is Merge as first written: a map of the findings' places, then a stable sort.
func mergeReference(parser, findings mapdsl.Diagnostics, cfg Config) mapdsl.Diagnostics {
	type key struct {
		code   string
		offset int
		line   int
	}
	at := map[key]bool{}
	for _, f := range findings {
		at[key{f.Code, f.Range.Start.Offset, f.Range.Start.Line}] = true
		if old, ok := supersedes[f.Code]; ok {
			at[key{old, f.Range.Start.Offset, f.Range.Start.Line}] = true
		}
	}
	var out mapdsl.Diagnostics
	for _, d := range parser {
		if d.Severity != mapdsl.SeverityError && (!cfg.Enabled(d.Code) || at[key{d.Code, d.Range.Start.Offset, d.Range.Start.Line}]) {
			continue
		}
		out = append(out, d)
	}
	out = append(out, findings...)
	out.Sort()
	return out
}

// foldReference is the folded spelling of the near-duplicate rule stated plainly: the letters
// and digits of s lower-cased, rune by rune, other ASCII and the spaces and punctuation of
// isSpaceOrPunct dropped (an invalid byte is U+FFFD, which is kept).
func foldReference(s string) string {
	var b strings.Builder
	for _, r := range s {
		if r = unicode.ToLower(r); r >= 'a' && r <= 'z' || r >= '0' && r <= '9' || r > 127 && !isSpaceOrPunct(r) {
			b.WriteRune(r)
		}
	}
	return b.String()
}
