package mapdiff

import (
	"encoding/json"
	"fmt"
	"io"
	"strings"
	"unicode"
	"unicode/utf8"
)

// sectionTitles name the report's sections, in order.
var sectionTitles = []struct {
	el    Element
	title string
}{
	{ElemMap, "Map"},
	{ElemAnchor, "Anchors"},
	{ElemComponent, "Components"},
	{ElemLink, "Links"},
	{ElemPipeline, "Pipelines"},
	{ElemNote, "Notes"},
	{ElemAnnotation, "Annotations"},
	{ElemAccelerator, "Accelerators"},
	{ElemArea, "Areas"},
}

// Symbol is the one-character mark of a change kind in the text report. The marks are those of
// a unified diff, so a report pasted into a ```diff block is coloured by code hosts.
func (k ChangeKind) Symbol() string {
	switch k {
	case Added:
		return "+"
	case Removed:
		return "-"
	}
	return "~"
}

// Counts tallies the changes by kind.
func (r *Result) Counts() map[ChangeKind]int {
	out := map[ChangeKind]int{}
	for _, c := range r.Changes {
		out[c.Kind]++
	}
	return out
}

// Summary is one line such as "3 added, 1 removed, 1 renamed, 2 moved, 4 changed", after
// "new file" or "deleted file" when one side did not exist.
func (r *Result) Summary() string {
	var parts []string
	switch r.File {
	case FileCreated:
		parts = append(parts, "new file")
	case FileDeleted:
		parts = append(parts, "deleted file")
	}
	if r.Empty() {
		return strings.Join(append(parts, "no changes in meaning"), ", ")
	}
	counts := r.Counts()
	for _, k := range []ChangeKind{Added, Removed, Renamed, Moved, Changed} {
		if counts[k] > 0 {
			parts = append(parts, fmt.Sprintf("%d %s", counts[k], k))
		}
	}
	return strings.Join(parts, ", ")
}

// maxNameColumn caps the width of the name column; longer names push their detail along.
const maxNameColumn = 28

// ANSI colours of the marks in a terminal.
var markColours = map[ChangeKind]string{Added: "\x1b[32m", Removed: "\x1b[31m", Renamed: "\x1b[33m", Moved: "\x1b[34m", Changed: "\x1b[33m"}

const colourReset = "\x1b[0m"

// section writes the lines of one element kind: mark, name padded to a column, detail; with
// colour, the mark and name are coloured by the kind of change.
func (r *Result) section(w io.Writer, el Element, colour bool) {
	var cs []Change
	width := 0
	for _, c := range r.Changes {
		if c.Element == el {
			cs = append(cs, c)
			width = max(width, min(maxNameColumn, utf8.RuneCountInString(displayName(c))))
		}
	}
	for _, c := range cs {
		name := displayName(c)
		on, off := "", ""
		if colour {
			on, off = markColours[c.Kind], colourReset
		}
		if name == "" {
			fmt.Fprintf(w, "%s%s%s %s\n", on, c.Kind.Symbol(), off, printable(c.Detail))
			continue
		}
		pad := max(0, width-utf8.RuneCountInString(name))
		fmt.Fprintf(w, "%s%s %s%s%s  %s\n", on, c.Kind.Symbol(), name, off, strings.Repeat(" ", pad), printable(c.Detail))
	}
}

// displayName is the name as the report shows it: on one line, printable, and for the map
// itself blank.
func displayName(c Change) string {
	if c.Element == ElemMap {
		return ""
	}
	name := printable(strings.Join(strings.Fields(c.Name), " "))
	if c.Element == ElemAnnotation {
		name = "#" + name
	}
	return name
}

func (r *Result) has(el Element) bool {
	for _, c := range r.Changes {
		if c.Element == el {
			return true
		}
	}
	return false
}

// WriteText writes the plain report: a summary line, then a section per kind of element with
// one line per change.
func (r *Result) WriteText(w io.Writer) error { return r.writeText(w, false) }

// WriteColour writes the same report with ANSI colours, for a terminal.
func (r *Result) WriteColour(w io.Writer) error { return r.writeText(w, true) }

func (r *Result) writeText(w io.Writer, colour bool) error {
	bold, off := "", ""
	if colour {
		bold, off = "\x1b[1m", colourReset
	}
	fmt.Fprintf(w, "%s%s -> %s%s: %s\n", bold, printable(r.Old), printable(r.New), off, r.Summary())
	for _, s := range sectionTitles {
		if !r.has(s.el) {
			continue
		}
		fmt.Fprintf(w, "\n%s%s%s\n", bold, s.title, off)
		r.section(w, s.el, colour)
	}
	return nil
}

// WriteMarkdown writes the report for a pull-request comment: a heading, the summary, and each
// section as a ```diff block so additions and removals are coloured.
func (r *Result) WriteMarkdown(w io.Writer) error {
	fmt.Fprintf(w, "### Map changes: `%s` → `%s`\n\n%s\n", mdCode(r.Old), mdCode(r.New), r.Summary())
	for _, s := range sectionTitles {
		if !r.has(s.el) {
			continue
		}
		fmt.Fprintf(w, "\n#### %s\n\n```diff\n", s.title)
		var b strings.Builder
		r.section(&b, s.el, false)
		// A line starting with ``` would close the fence early.
		w.Write([]byte(strings.ReplaceAll(b.String(), "```", "`\u200b``")))
		fmt.Fprintf(w, "```\n")
	}
	return nil
}

func mdCode(s string) string { return strings.ReplaceAll(printable(s), "`", "'") }

// printable escapes what a map author could use to disturb a terminal or a reader: control
// characters (terminal escape sequences) and the bidirectional overrides that make text display
// in another order than it reads.
func printable(s string) string {
	if strings.IndexFunc(s, unsafeRune) < 0 {
		return s
	}
	var b strings.Builder
	for _, r := range s {
		if unsafeRune(r) {
			fmt.Fprintf(&b, "\\u%04x", r)
			continue
		}
		b.WriteRune(r)
	}
	return b.String()
}

func unsafeRune(r rune) bool {
	return unicode.IsControl(r) || r >= 0x202a && r <= 0x202e || r >= 0x2066 && r <= 0x2069 || r == 0x200e || r == 0x200f
}

// jsonReport is the --format json document: the changes plus their counts.
type jsonReport struct {
	Version int                `json:"version"`
	Old     string             `json:"old"`
	New     string             `json:"new"`
	File    string             `json:"file,omitempty"`
	Summary map[ChangeKind]int `json:"summary"`
	Changes []Change           `json:"changes"`
}

// WriteJSON writes the result as indented JSON (version 1 of the diff document).
func (r *Result) WriteJSON(w io.Writer) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	return enc.Encode(jsonReport{Version: 1, Old: r.Old, New: r.New, File: r.File, Summary: r.Counts(), Changes: r.Changes})
}
