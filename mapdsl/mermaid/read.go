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
// .mermaid, or its first line that is neither blank nor a %% comment is "wardley-beta".
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
		case t == "" || strings.HasPrefix(t, "%%"):
			continue
		case t == Header:
			return true
		}
		return false
	}
	return false
}

var (
	noteRe        = regexp.MustCompile(`^(\s*note\s+)("([^"]*)"|'([^']*)')(\s*\[.*)$`)
	annotationRe  = regexp.MustCompile(`^(\s*annotation\s+\d+)\s*,\s*(\[[^\]]*\])\s*("([^"]*)"|'([^']*)')?\s*$`)
	inertiaRe     = regexp.MustCompile(`\(\s*inertia\s*\)`)
	dashedArrowRe = regexp.MustCompile(`\s*(-\.->|-->)\s*`)
	trendRe       = regexp.MustCompile(`-\.-\s*\(`)
	accessRe      = regexp.MustCompile(`^\s*acc(Title|Descr)\b`)
)

// ToOWM translates a wardley-beta text into OWM text with the same lines: the `wardley-beta`
// line and accessibility lines become blank, `%%` comments become `//` comments, quoted notes and
// Mermaid's annotation form are rewritten as OWM writes them, `(inertia)` becomes `inertia`, and
// the dashed arrows Mermaid draws (`-->`, `-.->`) become plain links. A trend line
// (`A -.- (x, y)`), which OWM cannot say, becomes a comment. The text is otherwise unchanged, so
// mapdsl reports what it cannot read at the line and, for unchanged lines, the column it is at.
func ToOWM(src []byte) []byte {
	lines := strings.SplitAfter(string(src), "\n")
	var b strings.Builder
	b.Grow(len(src) + 64)
	headerSeen := false
	for _, raw := range lines {
		line, eol := splitEOL(raw)
		t := strings.TrimSpace(strings.TrimPrefix(line, "\ufeff"))
		switch {
		case !headerSeen && t == Header:
			headerSeen = true
			line = ""
		case strings.HasPrefix(t, "%%"):
			i := strings.Index(line, "%%")
			line = line[:i] + "//" + line[i+2:]
		case accessRe.MatchString(line):
			line = "// " + strings.TrimSpace(line)
		case trendRe.MatchString(line):
			line = "// " + strings.TrimSpace(line) + " (a Mermaid trend: OWM has no such line)"
		default:
			line = translateLine(line)
		}
		b.WriteString(line)
		b.WriteString(eol)
	}
	return []byte(b.String())
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

// translateLine rewrites the statements Mermaid spells differently.
func translateLine(line string) string {
	if strings.HasPrefix(strings.TrimSpace(line), "evolution ") {
		return strings.NewReplacer(`"`, "", "'", "").Replace(line)
	}
	if m := noteRe.FindStringSubmatch(line); m != nil {
		text := m[3] + m[4]
		if strings.Contains(text, "[") {
			return line // OWM would end the note at the bracket: keep the quotes, which mapdsl reads
		}
		return m[1] + text + m[5]
	}
	if m := annotationRe.FindStringSubmatch(line); m != nil {
		text := m[4] + m[5]
		return strings.TrimRight(m[1]+" ["+m[2]+"] "+text, " ")
	}
	if inertiaRe.MatchString(line) {
		line = inertiaRe.ReplaceAllString(line, "inertia")
	}
	if dashedArrowRe.MatchString(line) && !strings.HasPrefix(strings.TrimSpace(line), "evolution") {
		line = dashedArrowRe.ReplaceAllString(line, "->")
	}
	return line
}

// owmOnly are the codes of diagnostics about OWM's own layout rules that Mermaid's syntax
// requires the other way (Mermaid's pipeline block opens on the pipeline line).
var owmOnly = map[string]bool{"brace-on-pipeline-line": true}

// Parse reads a wardley-beta text into a map: ToOWM, mapdsl.Parse, and the diagnostics less those
// about OWM's own rules that Mermaid's syntax requires the other way.
func Parse(name string, src []byte) (*mapdsl.Map, mapdsl.Diagnostics) {
	m, diags := mapdsl.Parse(name, ToOWM(src))
	return m, Filter(diags)
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
