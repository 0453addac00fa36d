package mapdsl

import (
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"
)

// TestCodesListed checks that Codes lists every code the parser's sources report (a literal
// passed to diag or set as Code), so that check --disable accepts each of them, and nothing else.
func TestCodesListed(t *testing.T) {
	files, _ := filepath.Glob("*.go")
	re := regexp.MustCompile(`(?:diag[A-Za-z]*\([^"\n]*"|Code: *")([a-z][a-z0-9-]+)"`)
	found := map[string]bool{}
	for _, f := range files {
		if strings.HasSuffix(f, "_test.go") {
			continue
		}
		src, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		for _, m := range re.FindAllSubmatch(src, -1) {
			found[string(m[1])] = true
		}
	}
	for c := range found {
		if !slices.Contains(Codes(), c) {
			t.Errorf("code %q is reported but not in Codes", c)
		}
	}
	for _, c := range Codes() {
		if !found[c] {
			t.Errorf("Codes lists %q, which nothing reports", c)
		}
	}
	if !slices.IsSorted(Codes()) {
		t.Error("Codes is not sorted")
	}
}
