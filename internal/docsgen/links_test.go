package docsgen

import (
	"os"
	"path"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"unicode"
)

// markdownLink finds [text](target) links and ![alt](target) images.
var markdownLink = regexp.MustCompile(`\]\(([^)\s]+)(?:\s+"[^"]*")?\)`)

// TestRelativeLinksResolve checks every relative link of the README and the docs: the file it
// names exists, and an #anchor names a heading of that page (GitHub's heading slugs).
func TestRelativeLinksResolve(t *testing.T) {
	pages, err := filepath.Glob(filepath.Join(root, "docs", "*.md"))
	if err != nil {
		t.Fatal(err)
	}
	pages = append(pages, filepath.Join(root, "README.md"))
	for _, p := range pages {
		rel, _ := filepath.Rel(root, p)
		page := filepath.ToSlash(rel)
		text, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		for _, m := range markdownLink.FindAllStringSubmatch(stripCode(string(text)), -1) {
			target := m[1]
			if strings.Contains(target, "://") || strings.HasPrefix(target, "mailto:") {
				continue
			}
			file, anchor, _ := strings.Cut(target, "#")
			dest := page
			if file != "" {
				dest = path.Join(path.Dir(page), file)
				if _, err := os.Stat(filepath.Join(root, filepath.FromSlash(dest))); err != nil {
					t.Errorf("%s: link to %s: no such file", page, target)
					continue
				}
			}
			if anchor != "" && strings.HasSuffix(dest, ".md") && !hasHeading(t, dest, anchor) {
				t.Errorf("%s: link to %s: no heading with that anchor", page, target)
			}
		}
	}
}

// stripCode removes fenced blocks, whose text is not markdown.
func stripCode(text string) string {
	var out []string
	inside := false
	for _, line := range strings.Split(text, "\n") {
		if strings.HasPrefix(strings.TrimSpace(line), "```") {
			inside = !inside
			continue
		}
		if !inside {
			out = append(out, line)
		}
	}
	return strings.Join(out, "\n")
}

func hasHeading(t *testing.T, page, anchor string) bool {
	t.Helper()
	text, err := os.ReadFile(filepath.Join(root, filepath.FromSlash(page)))
	if err != nil {
		return false
	}
	for _, line := range strings.Split(stripCode(string(text)), "\n") {
		if h, ok := strings.CutPrefix(line, "#"); ok && slug(strings.TrimLeft(h, "# ")) == anchor {
			return true
		}
	}
	return false
}

// slug is GitHub's anchor for a heading: lower case, spaces to hyphens, other punctuation
// dropped.
func slug(heading string) string {
	var b strings.Builder
	for _, r := range strings.ToLower(strings.TrimSpace(heading)) {
		switch {
		case r == ' ':
			b.WriteRune('-')
		case r == '-' || r == '_' || unicode.IsLetter(r) || unicode.IsDigit(r):
			b.WriteRune(r)
		}
	}
	return b.String()
}

func TestSlug(t *testing.T) {
	tests := map[string]string{
		"Build, buy and outsource":             "build-buy-and-outsource",
		"Pioneers, settlers and town planners": "pioneers-settlers-and-town-planners",
		"`mapwright check`":                    "mapwright-check",
		"1. Install the command line":          "1-install-the-command-line",
	}
	for heading, want := range tests {
		t.Run(heading, func(t *testing.T) {
			if got := slug(heading); got != want {
				t.Errorf("slug(%q) = %q, want %q", heading, got, want)
			}
		})
	}
}
