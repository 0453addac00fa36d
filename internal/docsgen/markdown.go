package docsgen

import (
	"fmt"
	"regexp"
	"strings"
)

// A documentation page ties an example to its pictures by position: an ```owm fenced block,
// followed (blank lines aside) by a ```diagnostics block and/or image lines. Each image is
// rendered from the example; a diagnostics block is filled with what `mapwright check` would say
// about it. Keeping the example text only in the page means the picture can never show a map the
// reader cannot see.
//
//	```owm
//	component Kettle [0.43, 0.35]
//	```
//
//	![kettle](images/language/kettle.svg "style dark")
//
// An image's optional title chooses options: "style NAME" renders in that style; "owm RULE"
// redraws the example as OWM draws it (see owmRules). Images may also stand in the cells of a
// table, one row of images under a header row, to show pictures side by side.

// Example is one ```owm block of a page and what the page derives from it.
type Example struct {
	Doc      string // the page, relative to the repository root (slash-separated)
	Line     int    // 1-based line of the opening fence
	Source   string // the map text
	Pictures []PictureRef
	// Diagnostics is the ```diagnostics block after the example, if there is one: the 0-based
	// indexes of its first body line and of its closing fence.
	Diagnostics *lineSpan
}

// PictureRef is an image line after an example.
type PictureRef struct {
	Path  string // relative to the page's directory, as written
	Style string // from the title "style NAME"; "" keeps the map's own style
	// OWM is the rule of owmRules that redraws the example as OnlineWardleyMaps draws it, from
	// the title "owm RULE"; "" draws it as Mapwright does.
	OWM string
}

type lineSpan struct{ start, end int }

var imageLine = regexp.MustCompile(`^!\[[^\]]*\]\(([^)\s]+)(?:\s+"([^"]*)")?\)\s*$`)

// imagesOf returns the images of a line that is an image, or a table row (| a | b |) of image
// cells, as imageLine's submatches; ok is false for any other line. A header or separator row
// of such a table is a row without images.
func imagesOf(line string) (images [][]string, ok bool) {
	line = strings.TrimSpace(line)
	if m := imageLine.FindStringSubmatch(line); m != nil {
		return [][]string{m}, true
	}
	if !strings.HasPrefix(line, "|") || !strings.HasSuffix(line, "|") || len(line) < 2 {
		return nil, false
	}
	for _, cell := range strings.Split(line[1:len(line)-1], "|") {
		if m := imageLine.FindStringSubmatch(strings.TrimSpace(cell)); m != nil {
			images = append(images, m)
		}
	}
	return images, true
}

// scanPage finds the examples of a page. It reports fences left open and image titles it does
// not understand, so a typo in the docs fails the build rather than silently dropping a picture.
func scanPage(doc string, text string) ([]Example, error) {
	lines := strings.Split(text, "\n")
	var out []Example
	for i := 0; i < len(lines); i++ {
		info, ok := fence(lines[i])
		if !ok {
			continue
		}
		end := closingFence(lines, i)
		if end < 0 {
			return nil, fmt.Errorf("%s:%d: fenced block is never closed", doc, i+1)
		}
		if info != "owm" {
			i = end
			continue
		}
		ex := Example{Doc: doc, Line: i + 1, Source: strings.Join(lines[i+1:end], "\n") + "\n"}
		j := end + 1
		for ; j < len(lines); j++ {
			line := strings.TrimSpace(lines[j])
			if line == "" {
				continue
			}
			if info, ok := fence(line); ok && info == "diagnostics" && ex.Diagnostics == nil {
				close := closingFence(lines, j)
				if close < 0 {
					return nil, fmt.Errorf("%s:%d: fenced block is never closed", doc, j+1)
				}
				ex.Diagnostics = &lineSpan{start: j + 1, end: close}
				j = close
				continue
			}
			images, ok := imagesOf(line)
			if !ok {
				break
			}
			for _, m := range images {
				ref := PictureRef{Path: m[1]}
				title := m[2]
				if rule, ok := strings.CutPrefix(title, "owm "); ok {
					ref.OWM = rule
				} else if style, ok := strings.CutPrefix(title, "style "); ok {
					ref.Style = style
				} else if title != "" {
					return nil, fmt.Errorf("%s:%d: image title %q: want \"style NAME\" or \"owm RULE\"", doc, j+1, title)
				}
				ex.Pictures = append(ex.Pictures, ref)
			}
		}
		out = append(out, ex)
		i = j - 1
	}
	return out, nil
}

// fence reports whether line opens or closes a ``` block, and its info string.
func fence(line string) (string, bool) {
	rest, ok := strings.CutPrefix(strings.TrimSpace(line), "```")
	if !ok {
		return "", false
	}
	return strings.TrimSpace(rest), true
}

// closingFence returns the index of the line closing the block opened at open, or -1.
func closingFence(lines []string, open int) int {
	for k := open + 1; k < len(lines); k++ {
		if info, ok := fence(lines[k]); ok && info == "" {
			return k
		}
	}
	return -1
}

// replacement is new text for the body of a fenced block.
type replacement struct {
	span  lineSpan
	lines []string
}

// replaceBodies returns the page with the body of each block replaced; reps must be in page order
// and must not overlap.
func replaceBodies(text string, reps []replacement) string {
	lines := strings.Split(text, "\n")
	var out []string
	next := 0
	for _, r := range reps {
		out = append(out, lines[next:r.span.start]...)
		out = append(out, r.lines...)
		next = r.span.end
	}
	out = append(out, lines[next:]...)
	return strings.Join(out, "\n")
}

// A ```console block whose first line is "$ mapwright ARGS" shows a real run of the command
// line: its body after that line is the output of `mapwright ARGS` run from the repository root.
// Arguments are separated by spaces; quotes are not interpreted, so a page cannot ask for a
// command it does not show.
//
// A picture drawn by the command line (the diff overlay) is asked for with a comment; {} stands
// for the output file:
//
//	<!-- picture images/cli/overlay.png: mapwright diff -o {} old.owm new.owm -->

// Command is a run of the command line that a page shows.
type Command struct {
	Doc  string
	Line int      // 1-based line of the opening fence (or of the picture comment)
	Args []string // after "mapwright"
	// Output is the body to fill (console blocks), or nil for a picture comment.
	Output *lineSpan
	// Picture is the path, relative to the page's directory, of the picture a comment asks for.
	Picture string
}

var pictureComment = regexp.MustCompile(`^<!-- picture (\S+): mapwright (.*) -->$`)

// scanCommands finds the console blocks and picture comments of a page.
func scanCommands(doc, text string) ([]Command, error) {
	lines := strings.Split(text, "\n")
	var out []Command
	for i := 0; i < len(lines); i++ {
		if m := pictureComment.FindStringSubmatch(strings.TrimSpace(lines[i])); m != nil {
			args, err := splitArgs(m[2])
			if err != nil {
				return nil, fmt.Errorf("%s:%d: %w", doc, i+1, err)
			}
			out = append(out, Command{Doc: doc, Line: i + 1, Args: args, Picture: m[1]})
			continue
		}
		info, ok := fence(lines[i])
		if !ok {
			continue
		}
		end := closingFence(lines, i)
		if end < 0 {
			return nil, fmt.Errorf("%s:%d: fenced block is never closed", doc, i+1)
		}
		if info == "console" && i+1 < end {
			if rest, ok := strings.CutPrefix(lines[i+1], "$ mapwright"); ok {
				args, err := splitArgs(rest)
				if err != nil {
					return nil, fmt.Errorf("%s:%d: %w", doc, i+2, err)
				}
				out = append(out, Command{Doc: doc, Line: i + 1, Args: args, Output: &lineSpan{i + 2, end}})
			}
		}
		i = end
	}
	return out, nil
}

func splitArgs(s string) ([]string, error) {
	if strings.ContainsAny(s, `"'\|;&<>$`+"`") {
		return nil, fmt.Errorf("command %q: quotes and shell syntax are not supported", strings.TrimSpace(s))
	}
	return strings.Fields(s), nil
}
