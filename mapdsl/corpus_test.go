package mapdsl

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"sync"
	"testing"
)

// corpusDir holds the real OWM maps shared by the team (outside the repository).
const corpusDir = "../../shared/owm-corpus"

// corpusFiles returns the corpus maps, skipping the test when the corpus is absent.
func corpusFiles(t testing.TB) []string {
	t.Helper()
	files, _ := filepath.Glob(filepath.Join(corpusDir, "*.owm"))
	if len(files) == 0 {
		t.Skipf("OWM corpus not found at %s; skipping", corpusDir)
	}
	return files
}

// corpusErrors are the errors real maps are known to have, by file and "line:code": lines OWM
// reads nothing from, which Mapwright reports and leaves out (the rest of the map is drawn).
var corpusErrors = map[string][]string{
	"26_swardley_finance-crypto.owm": {"32:missing-name"}, // a bare "component" line
}

// TestCorpusLoadsWithoutErrors checks that every real map loads with no errors but its known
// ones, and that its diagnostics and statements point inside the text.
func TestCorpusLoadsWithoutErrors(t *testing.T) {
	for _, path := range corpusFiles(t) {
		t.Run(filepath.Base(path), func(t *testing.T) {
			src, err := os.ReadFile(path)
			if err != nil {
				t.Fatal(err)
			}
			f, diags := ParseFile(filepath.Base(path), src)
			var got []string
			for _, d := range diags.Errors() {
				got = append(got, fmt.Sprintf("%d:%s", d.Range.Start.Line, d.Code))
			}
			if want := corpusErrors[filepath.Base(path)]; !slices.Equal(got, want) {
				t.Errorf("errors %q, want %q: %v", got, want, diags.Errors())
			}
			if len(f.Map.Components)+len(f.Map.Anchors)+len(f.Map.Notes) == 0 && len(f.Statements) > 20 {
				t.Errorf("no elements read from a %d-byte map", len(src))
			}
			checkRanges(t, src, f, diags)
		})
	}
}

// checkRanges asserts that every diagnostic and statement range lies inside src.
func checkRanges(t testing.TB, src []byte, f *File, diags Diagnostics) {
	t.Helper()
	in := func(r Range) bool {
		return r.Start.Offset >= 0 && r.Start.Offset <= r.End.Offset && r.End.Offset <= len(src)
	}
	for _, d := range diags {
		if !in(d.Range) {
			t.Errorf("diagnostic range %+v outside the input (%d bytes): %s", d.Range, len(src), d.Message)
		}
	}
	for _, st := range f.Statements {
		if !in(st.Range) || !in(st.LineRange) {
			t.Errorf("line %d: statement range %+v / %+v outside the input", st.Line, st.Range, st.LineRange)
		}
	}
}

// TestStatementCacheGivesSameResult parses every corpus map without cache (every line read in
// place) and twice with one cache (the second time every line from the cache), and requires the
// same statements, model and diagnostics, every field and position included.
func TestStatementCacheGivesSameResult(t *testing.T) {
	for _, path := range corpusFiles(t) {
		src, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		cache := newStatementCache()
		for _, run := range []string{"first parse", "second parse"} {
			if d := coldWarmDiff("x", src, cache); d != "" {
				t.Errorf("%s, %s: cached and uncached parses differ: %s", filepath.Base(path), run, d)
			}
		}
	}
}

// TestConcurrentParses parses the corpus from several goroutines at once (the editor parses off
// the UI goroutine while the command line or tests may parse too): the shared statement cache
// must give every caller the same answer.
func TestConcurrentParses(t *testing.T) {
	files := corpusFiles(t)
	want := map[string]string{}
	srcs := map[string][]byte{}
	for _, path := range files {
		src, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		m, ds := Parse(path, src)
		srcs[path] = src
		want[path] = modelJSON(t, m) + fmt.Sprint(ds)
	}
	var wg sync.WaitGroup
	errs := make(chan string, len(files)*4)
	for g := 0; g < 4; g++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for _, path := range files {
				m, ds := Parse(path, srcs[path])
				b, _ := json.Marshal(m)
				if string(b)+fmt.Sprint(ds) != want[path] {
					errs <- path
				}
			}
		}()
	}
	wg.Wait()
	close(errs)
	for path := range errs {
		t.Errorf("%s: a concurrent parse gave a different result", filepath.Base(path))
	}
}
