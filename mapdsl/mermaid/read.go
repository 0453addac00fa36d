// Package mermaid reads and writes Wardley maps in Mermaid's `wardley-beta` dialect, the form
// GitHub draws inside Markdown.
//
// Mermaid's dialect is a cousin of OWM's: the same [visibility, maturity] positions, the same
// statements, a few spelled differently (quoted notes, `annotation 1,[v, m] "text"`,
// `(inertia)`, `%%` comments, a `wardley-beta` first line), several missing (ecosystems,
// submaps, areas, urls, styles). Reading is a translation, line for line, into OWM text that
// mapdsl.Parse then reads: every line keeps its number, so every diagnostic points at the
// Mermaid line it is about, and lines that are the same in both dialects (components, anchors,
// links, evolve lines, pipelines) keep their columns too. Writing (Write) prints a parsed map
// in Mermaid's syntax and reports what Mermaid cannot say.
package mermaid

import (
	"context"
	"path/filepath"
	"regexp"
	"strings"

	"mapwright/mapdsl"
)

// Header is the first line of every wardley-beta diagram.
const Header = "wardley-beta"

// Extensions are the file name extensions read as Mermaid.
var Extensions = []string{".mmd", ".mermaid"}

// IsMermaid reports whether a map text is in Mermaid's dialect: its file name ends in .mmd or
// .mermaid, or its first line that is neither blank nor a %% comment is "wardley-beta" (a
// Markdown fence ```mermaid around the diagram is allowed).
func IsMermaid(name string, src []byte) bool {
	ext := strings.ToLower(filepath.Ext(name))
	for _, e := range Extensions {
		if ext == e {
			return true
		}
	}
	return hasHeader(string(src))
}

func hasHeader(text string) bool {
	for len(text) > 0 {
		line, rest, _ := strings.Cut(text, "\n")
		text = rest
		t := strings.TrimSpace(strings.TrimPrefix(line, "\ufeff"))
		switch {
		case t == "" || strings.HasPrefix(t, "%%") || isFence(t, true):
			continue
		case t == Header:
			return true
		}
		return false
	}
	return false
}

var (
	noteRe        = regexp.MustCompile(`^(\s*note\s+)("[^"]*"|'[^']*')(\s*\[.*)$`)
	annotationRe  = regexp.MustCompile(`^(\s*annotation\s+\d+\s*)(,)(\s*\[[^\]]*\]\s*)("[^"]*"|'[^']*')?\s*$`)
	inertiaRe     = regexp.MustCompile(`\(\s*inertia\s*\)`)
	dashedArrowRe = regexp.MustCompile(`-\.->|-->`)
	trendRe       = regexp.MustCompile(`-\.-\s*\(`)
	accessRe      = regexp.MustCompile(`^\s*acc(Title|Descr)\b`)
)

// ToOWM translates a wardley-beta text into OWM text with the same lines, each of the same
// length: the `wardley-beta` line becomes blank, `%%` comments become `//` comments (as do
// accessibility lines and trend lines, `A -.- (x, y)`, which OWM cannot say), quoted notes and
// Mermaid's annotation form lose their quotes and comma, `(inertia)` becomes `inertia`, and the
// dashed arrows Mermaid draws (`-->`, `-.->`) become plain links. Only ASCII punctuation is
// replaced, by blanks where OWM needs less, so every byte offset, line and column of the
// translation is that of the diagram: mapdsl's diagnostics and the editors' positions point at
// the diagram itself.
func ToOWM(src []byte) []byte {
	lines := strings.SplitAfter(string(src), "\n")
	var b strings.Builder
	b.Grow(len(src))
	header, headerSeen := headerLine(src), false
	for n, raw := range lines {
		line, eol := splitEOL(raw)
		t := strings.TrimSpace(strings.TrimPrefix(line, "\ufeff"))
		switch {
		case !headerSeen && isFence(t, true), headerSeen && isFence(t, false):
			// a diagram pasted with its Markdown fence: the fence lines are blank to OWM
			line = strings.Repeat(" ", len(line))
		case n+1 == header:
			headerSeen = true
			i := strings.Index(line, Header)
			line = line[:i] + strings.Repeat(" ", len(line)-i)
		case strings.HasPrefix(t, "%%"):
			i := strings.Index(line, "%%")
			line = line[:i] + "//" + line[i+2:]
		case accessRe.MatchString(line), trendRe.MatchString(line):
			i := len(line) - len(strings.TrimLeft(line, " \t"))
			if len(line)-i >= 2 {
				line = line[:i] + "//" + line[i+2:]
			}
		default:
			line = translateLine(line)
		}
		b.WriteString(line)
		b.WriteString(eol)
	}
	return []byte(b.String())
}

// headerLine is the number of the line that ToOWM reads as the wardley-beta header, or 0.
func headerLine(src []byte) int {
	text := string(src)
	for n := 1; len(text) > 0; n++ {
		line, rest, _ := strings.Cut(text, "\n")
		if strings.TrimSpace(strings.TrimPrefix(line, "\ufeff")) == Header {
			return n
		}
		text = rest
	}
	return 0
}

func splitEOL(raw string) (line, eol string) {
	switch {
	case strings.HasSuffix(raw, "\r\n"):
		return raw[:len(raw)-2], "\r\n"
	case strings.HasSuffix(raw, "\n"):
		return raw[:len(raw)-1], "\n"
	}
	return raw, ""
}

// unquote blanks the quotes around a quoted text, keeping its length.
func unquote(q string) string {
	if len(q) >= 2 {
		return " " + q[1:len(q)-1] + " "
	}
	return q
}

// translateLine rewrites, at the same length, the statements Mermaid spells differently.
func translateLine(line string) string {
	if strings.HasPrefix(strings.TrimSpace(line), "evolution ") {
		return strings.NewReplacer(`"`, " ", "'", " ").Replace(line)
	}
	if m := noteRe.FindStringSubmatch(line); m != nil {
		if strings.Contains(m[2], "[") {
			return line // OWM would end the note at the bracket: keep the quotes, which mapdsl reads
		}
		return m[1] + unquote(m[2]) + m[3]
	}
	if m := annotationRe.FindStringSubmatchIndex(line); m != nil {
		// annotation 1,[v, m] "text"  ->  annotation 1 [v, m]  text  (OWM's one-position form)
		out := line[:m[4]] + " " + line[m[5]:]
		if m[8] >= 0 {
			out = out[:m[8]] + unquote(line[m[8]:m[9]]) + out[m[9]:]
		}
		return out
	}
	first, _, _ := strings.Cut(strings.TrimSpace(line), " ")
	if first == "title" {
		return line // "title A --> B (inertia)" is a title
	}
	return outsideQuotes(line, func(code string) string {
		if first == "component" { // (inertia) decorates components only
			code = inertiaRe.ReplaceAllStringFunc(code, func(s string) string {
				return " " + strings.TrimSpace(s[1:len(s)-1]) + strings.Repeat(" ", len(s)-1-len(strings.TrimSpace(s[1:len(s)-1])))
			})
		}
		return dashedArrowRe.ReplaceAllStringFunc(code, func(s string) string {
			return strings.Repeat(" ", len(s)-2) + "->"
		})
	})
}

// outsideQuotes applies translate, which keeps lengths, to the parts of line outside double
// quotes: a quoted name such as "(inertia)" or "A --> B" is a name, not Mermaid's syntax.
func outsideQuotes(line string, translate func(string) string) string {
	var b strings.Builder
	for {
		open := strings.IndexByte(line, '"')
		if open < 0 {
			b.WriteString(translate(line))
			return b.String()
		}
		b.WriteString(translate(line[:open]))
		end := strings.IndexByte(line[open+1:], '"')
		if end < 0 {
			b.WriteString(line[open:]) // an unclosed quote runs to the end of the line
			return b.String()
		}
		b.WriteString(line[open : open+end+2])
		line = line[open+end+2:]
	}
}

// isFence reports whether a trimmed line is a Markdown fence around a Mermaid block: ```mermaid
// (or ~~~mermaid) when opening, a bare ``` or ~~~ otherwise.
func isFence(t string, opening bool) bool {
	for _, m := range []string{"```", "~~~"} {
		if strings.HasPrefix(t, m) {
			rest := strings.TrimSpace(strings.TrimLeft(t, m[:1]))
			return opening && rest == "mermaid" || !opening && rest == ""
		}
	}
	return false
}

// owmOnly are the codes of diagnostics about OWM's own layout rules that Mermaid's syntax
// requires the other way (Mermaid's pipeline block opens on the pipeline line).
var owmOnly = map[string]bool{"brace-on-pipeline-line": true}

// Parse reads a wardley-beta text into a map: ToOWM, mapdsl.Parse, and the diagnostics less those
// about OWM's own rules that Mermaid's syntax requires the other way.
func Parse(name string, src []byte) (*mapdsl.Map, mapdsl.Diagnostics) {
	m, diags, _ := ParseContext(context.Background(), name, src)
	return m, diags
}

// ParseContext is Parse that stops when ctx is done: it then returns ctx's error. The map says
// it was read from a diagram (Map.Mermaid), so that edits write Mermaid's syntax into it.
func ParseContext(ctx context.Context, name string, src []byte) (*mapdsl.Map, mapdsl.Diagnostics, error) {
	return ParseTranslation(ctx, name, ToOWM(src))
}

// ParseTranslation is ParseContext for a diagram already translated by ToOWM, for callers that
// keep the translation (lint reads its comments): the translation costs about as much as the
// parse (a 13,000-line diagram: 12 ms and 8 ms), so it is done once.
func ParseTranslation(ctx context.Context, name string, owm []byte) (*mapdsl.Map, mapdsl.Diagnostics, error) {
	m, diags, err := mapdsl.ParseContext(ctx, name, owm)
	if err != nil {
		return nil, nil, err
	}
	m.Mermaid = true
	return m, Filter(diags), nil
}

// Filter drops from diagnostics of a translated diagram those about OWM's layout rules that
// Mermaid's syntax requires the other way.
func Filter(diags mapdsl.Diagnostics) mapdsl.Diagnostics {
	out := diags[:0:0]
	for _, d := range diags {
		if !owmOnly[d.Code] {
			out = append(out, d)
		}
	}
	return out
}

// ParseAny reads a map in either dialect: Mermaid's when IsMermaid(name, src), OWM's otherwise.
// Positions are those of src in both cases, so edits (mapdsl/edit splices) apply to src as it is.
func ParseAny(name string, src []byte) (*mapdsl.Map, mapdsl.Diagnostics) {
	if IsMermaid(name, src) {
		return Parse(name, src)
	}
	return mapdsl.Parse(name, src)
}
