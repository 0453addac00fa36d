package docsgen

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// TestMakeTargetsExist checks that every `make TARGET` the README and the docs tell a newcomer
// to run is a target of the Makefile.
func TestMakeTargetsExist(t *testing.T) {
	makefile, err := os.ReadFile(filepath.Join(root, "Makefile"))
	if err != nil {
		t.Fatal(err)
	}
	targets := map[string]bool{}
	for _, m := range regexp.MustCompile(`(?m)^([a-z][a-z0-9-]*):`).FindAllStringSubmatch(string(makefile), -1) {
		targets[m[1]] = true
	}
	pages, err := filepath.Glob(filepath.Join(root, "docs", "*.md"))
	if err != nil {
		t.Fatal(err)
	}
	pages = append(pages, filepath.Join(root, "README.md"))
	// In code: `make run` in a sentence, or a shell line that is only a make command.
	inline := regexp.MustCompile("`make ([a-z][a-z0-9-]*)")
	command := regexp.MustCompile(`^\s*make ([a-z][a-z0-9-]*)\s*(?:#.*)?$`)
	for _, p := range pages {
		text, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		for _, line := range strings.Split(string(text), "\n") {
			for _, m := range append(inline.FindAllStringSubmatch(line, -1), command.FindAllStringSubmatch(line, -1)...) {
				if !targets[m[1]] {
					t.Errorf("%s mentions `make %s`, which the Makefile does not define", filepath.Base(p), m[1])
				}
			}
		}
	}
}
