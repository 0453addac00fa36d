package mapdsl

import (
	"fmt"
	"math"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"unsafe"
)

// editBase is a map with the constructs whose reading depends on other lines: a pipeline block,
// a block comment, Mermaid's one-line pipeline form and a link to a later component.
const editBase = `title Edits
style wardley
anchor User [0.95, 0.60]
component Kettle [0.45, 0.35] label [10, -5]
component Power [0.10, 0.70] (buy)
User->Kettle
Kettle->Power; needs
pipeline Kettle
{
  component Electric [0.6]
  component Gas [0.3]
}
/* a block
comment */ note after [0.2, 0.2]
pipeline Tea {
  component Green [0.4]
}
component Tea [0.30, 0.50]
component R1 [0.11, 0.11]
component R2 [0.22, 0.22]
component R3 [0.33, 0.33]
evolve Kettle 0.62
// the end
`

// TestWarmParseAfterEdits parses a text, then an edited copy of it, with one statement cache,
// and requires the same statements, diagnostics and model, every position included, as a parse
// without cache, which reads every line in place: a line must never get the statement of a line
// that reads differently, and every position the cache moves must land where the line is.
func TestWarmParseAfterEdits(t *testing.T) {
	tests := []struct {
		name string
		edit func(string) string
	}{
		{"same text", func(s string) string { return s }},
		{"number changed in the middle", func(s string) string { return strings.Replace(s, "0.45, 0.35", "0.46, 0.35", 1) }},
		{"line inserted at the start", func(s string) string { return "component New [0.5, 0.5]\n" + s }},
		{"first line removed", func(s string) string { return s[strings.IndexByte(s, '\n')+1:] }},
		{"line appended", func(s string) string { return s + "Power->Tea\n" }},
		{"final line break removed", func(s string) string { return strings.TrimSuffix(s, "\n") }},
		{"line of the same length inserted", func(s string) string {
			return strings.Replace(s, "component R1", "component R0 [0.01, 0.01]\ncomponent R1", 1)
		}},
		{"line of the same length removed", func(s string) string { return strings.Replace(s, "component R2 [0.22, 0.22]\n", "", 1) }},
		{"line duplicated", func(s string) string { return strings.Replace(s, "User->Kettle\n", "User->Kettle\nUser->Kettle\n", 1) }},
		{"block comment opened earlier", func(s string) string { return strings.Replace(s, "User->Kettle", "User->Kettle /* open", 1) }},
		{"block comment never closed", func(s string) string { return strings.Replace(s, "comment */", "comment", 1) }},
		{"block brace removed", func(s string) string { return strings.Replace(s, "{\n", "\n", 1) }},
		{"closing brace removed", func(s string) string { return strings.Replace(s, "}\n/*", "\n/*", 1) }},
		{"line breaks made CRLF", func(s string) string { return strings.ReplaceAll(s, "\n", "\r\n") }},
		{"text emptied", func(string) string { return "" }},
		{"only an edit at the very end", func(s string) string { return s + "x" }},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			edited := []byte(tt.edit(editBase))
			cache := newStatementCache()
			parseFileWith("x", []byte(editBase), cache) // the text before the edit
			if d := coldWarmDiff("x", edited, cache); d != "" {
				t.Fatalf("after the edit: %s", d)
			}
		})
	}
}

// TestSharedTreesReadEachLine parses texts whose lines share a grammar tree within the parse, or
// nearly do (the same token types, other modifier or punctuation values), with and without a
// statement cache, and requires the same results: a line must never be read with the tree of a
// line the grammars read differently ("inertia" and "evolve" alone, an arrow and a flow, "{" and
// "}"), and a line read in parts (a named or evolve line) or from a flattened group (nested
// positions, a url address) must give what its own tokens give.
func TestSharedTreesReadEachLine(t *testing.T) {
	for _, tc := range []struct{ name, text string }{
		{"modifier values", "component A [0.1, 0.2] inertia\ncomponent B [0.3, 0.4] evolve\ncomponent C [0.5, 0.6] label\ncomponent D [0.5, 0.6] url\ncomponent E [0.5, 0.6] inertia"},
		{"modifier values, other order", "component B [0.3, 0.4] evolve\ncomponent A [0.1, 0.2] inertia\ncomponent C [0.5, 0.6] label [1, 2]\ncomponent D [0.5, 0.6] url(x)\ncomponent E [0.5, 0.6] evolve 0.4"},
		{"punctuation values", "component A [0.1, 0.2] ,\ncomponent B [0.1, 0.2] ;\ncomponent C [0.1, 0.2] ]\ncomponent D [0.1, 0.2] )\ncomponent E [0.1, 0.2] [0.3\ncomponent F [0.1, 0.2] (0.3\ncomponent G [0.1, 0.2] ,0.3\ncomponent H [0.1, 0.2] [\ncomponent I [0.1, 0.2] (\ncomponent J [0.1, 0.2] ["},
		{"arrows and flows", "A->B\nB+>C\nC+'x'<>D\nD->E; why\nE+<F; why not\nF+'y'>G\nG->H"},
		{"braces", "pipeline P\n{\ncomponent X [0.5]\n}\n{ junk\n} junk\npipeline Q\n{\n}\n}"},
		{"annotation positions", "annotation 1 [[0.1,0.2],[0.3,0.4]] a\nannotation 2 [0.5, 0.6] b\nannotation 3 [[0.1,0.2],[0.3,0.4],[0.5,0.6]] c\nannotation 4 [0.1, [0.2, 0.3]] d\nannotation 5 [[0.1,0.2],[0.3,0.4] e\nannotation 6 [[[0.1, 0.2]]] f"},
		{"nested positions elsewhere", "component A [[0.1,0.2],[0.3,0.4]] label [[1, 2]]\ncomponent B [0.1, 0.2] label [1, 2]\npioneers [[0.1, 0.2], 0.3, 0.4, 0.5]"},
		{"evolve lines", "component K [0.1, 0.2] label [1, 2]\nevolve K 0.5 label [3, 4]\nevolve K->L 0.6 inertia\nevolve K 0.7\nevolve K x 0.8 (build) label [5, 6]\nevolve K\nevolve K->\nevolve K 0.5 0.6\nevolve K 0.5 label [3, 4"},
		{"url definitions", "url a [http://x]\nurl b []\nurl c [http://y\nurl d [http://z] junk\nurl e\nurl [http://w]\nurl f [http://v]"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if d := coldWarmDiff("x", []byte(tc.text), newStatementCache()); d != "" {
				t.Error(d)
			}
		})
	}
}

// coldWarmDiff parses src without cache and with cache, both as ParseFile and as Parse, and
// describes the first difference between the results (every field of the statements, the model
// and the diagnostics, unexported ones and positions included), or returns "".
func coldWarmDiff(filename string, src []byte, cache *statementCache) string {
	coldFile, coldDiags := parseFileWith(filename, src, nil)
	warmFile, warmDiags := parseFileWith(filename, src, cache)
	if d := firstDiff("File", reflect.ValueOf(coldFile), reflect.ValueOf(warmFile)); d != "" {
		return "ParseFile: " + d
	}
	if d := firstDiff("Diagnostics", reflect.ValueOf(coldDiags), reflect.ValueOf(warmDiags)); d != "" {
		return "ParseFile: " + d
	}
	// Parse reads the same lines without making Statements.
	f, diags, _ := parseTextWith(filename, src, nil, cache)
	if d := firstDiff("Map", reflect.ValueOf(coldFile.Map), reflect.ValueOf(f.Map)); d != "" {
		return "Parse: " + d
	}
	if d := firstDiff("Diagnostics", reflect.ValueOf(coldDiags), reflect.ValueOf(diags)); d != "" {
		return "Parse: " + d
	}
	return ""
}

// firstDiff compares two values field by field, exported or not, through pointers, slices and
// arrays (a pointer compared once), and describes the first difference by its path, or returns "".
func firstDiff(path string, a, b reflect.Value) string {
	return diffValues(path, a, b, map[[2]uintptr]bool{})
}

func diffValues(path string, a, b reflect.Value, seen map[[2]uintptr]bool) string {
	if a.Kind() != b.Kind() {
		return fmt.Sprintf("%s: kind %s vs %s", path, a.Kind(), b.Kind())
	}
	switch a.Kind() {
	case reflect.Pointer:
		if a.IsNil() || b.IsNil() {
			if a.IsNil() != b.IsNil() {
				return fmt.Sprintf("%s: nil %v vs %v", path, a.IsNil(), b.IsNil())
			}
			return ""
		}
		k := [2]uintptr{a.Pointer(), b.Pointer()}
		if seen[k] {
			return ""
		}
		seen[k] = true
		return diffValues(path, a.Elem(), b.Elem(), seen)
	case reflect.Slice, reflect.Array:
		if a.Len() != b.Len() {
			return fmt.Sprintf("%s: length %d vs %d", path, a.Len(), b.Len())
		}
		for i := 0; i < a.Len(); i++ {
			if d := diffValues(fmt.Sprintf("%s[%d]", path, i), a.Index(i), b.Index(i), seen); d != "" {
				return d
			}
		}
	case reflect.Struct:
		for i := 0; i < a.NumField(); i++ {
			if d := diffValues(path+"."+a.Type().Field(i).Name, a.Field(i), b.Field(i), seen); d != "" {
				return d
			}
		}
	case reflect.String:
		if a.String() != b.String() {
			return fmt.Sprintf("%s: %q vs %q", path, a.String(), b.String())
		}
	case reflect.Bool:
		if a.Bool() != b.Bool() {
			return fmt.Sprintf("%s: %v vs %v", path, a.Bool(), b.Bool())
		}
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		if a.Int() != b.Int() {
			return fmt.Sprintf("%s: %d vs %d", path, a.Int(), b.Int())
		}
	case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64:
		if a.Uint() != b.Uint() {
			return fmt.Sprintf("%s: %d vs %d", path, a.Uint(), b.Uint())
		}
	case reflect.Float32, reflect.Float64:
		if x, y := a.Float(), b.Float(); x != y && !(math.IsNaN(x) && math.IsNaN(y)) {
			return fmt.Sprintf("%s: %v vs %v", path, x, y)
		}
	default:
		return fmt.Sprintf("%s: cannot compare a %s", path, a.Kind())
	}
	return ""
}

// TestCacheEntriesKeepOnlyTheirLine checks that a cached line does not keep the whole text it
// was read from alive: its key and its statement's strings are cut from a copy of the line.
func TestCacheEntriesKeepOnlyTheirLine(t *testing.T) {
	text := strings.Repeat("// padding\n", 100) + "component Unique Cache Line [0.5, 0.5] label [1, 2]\n"
	cache := newStatementCache()
	_, _, p := parseTextWith("x", []byte(text), nil, cache)
	inside := func(s string) bool {
		if s == "" {
			return false
		}
		start := uintptr(unsafe.Pointer(unsafe.StringData(p.text)))
		at := uintptr(unsafe.Pointer(unsafe.StringData(s)))
		return at >= start && at < start+uintptr(len(p.text))
	}
	found := false
	for k, e := range cache.cur {
		if e.st.Name == "Unique Cache Line" {
			found = true
		}
		for what, s := range map[string]string{"key": k.text, "name": e.st.Name, "keyword": e.st.Keyword} {
			if inside(s) {
				t.Errorf("the cache entry of %q: its %s points into the parsed text", k.text, what)
			}
		}
	}
	if !found {
		t.Fatal("the component line was not cached")
	}
}

// FuzzParseAfterEdit parses a text, then the text with bytes inserted and removed at one place
// (a keystroke, a paste, a deletion), and requires the same result as a parse without cache.
func FuzzParseAfterEdit(f *testing.F) {
	f.Add([]byte(editBase), 40, 3, []byte("x\n"))
	f.Add([]byte(editBase), 200, 0, []byte("/*"))
	for _, s := range fuzzSeeds {
		f.Add([]byte(s), len(s)/2, 1, []byte("}\n{"))
	}
	f.Fuzz(func(t *testing.T, before []byte, at, cut int, insert []byte) {
		if len(before) > 1<<16 || len(insert) > 1<<10 {
			return
		}
		at = min(max(at, 0), len(before))
		cut = min(max(cut, 0), len(before)-at)
		edited := append(append(append([]byte{}, before[:at]...), insert...), before[at+cut:]...)

		cache := newStatementCache()
		parseFileWith("x", before, cache)
		if d := coldWarmDiff("x", edited, cache); d != "" {
			t.Fatalf("after the edit of %q into %q: %s", before, edited, d)
		}
	})
}

// shiftEveryPos moves every set Pos reachable from v (struct fields exported or not, pointers,
// slices, arrays) by a byte and a line delta, and every Statement's Line, by reflection: unlike
// the parser's hand-written shift functions, it cannot miss a field.
func shiftEveryPos(v reflect.Value, dOff, dLine int, seen map[uintptr]bool) {
	switch v.Kind() {
	case reflect.Pointer:
		if v.IsNil() || seen[v.Pointer()] {
			return
		}
		seen[v.Pointer()] = true
		shiftEveryPos(v.Elem(), dOff, dLine, seen)
	case reflect.Slice, reflect.Array:
		for i := 0; i < v.Len(); i++ {
			shiftEveryPos(v.Index(i), dOff, dLine, seen)
		}
	case reflect.Struct:
		if p, ok := v.Addr().Interface().(*Pos); ok {
			if p.Line != 0 {
				p.Offset += dOff
				p.Line += dLine
			}
			return
		}
		if st, ok := v.Addr().Interface().(*Statement); ok {
			st.Line += dLine
		}
		for i := 0; i < v.NumField(); i++ {
			f := v.Field(i)
			if !f.CanSet() {
				f = reflect.NewAt(f.Type(), unsafe.Pointer(f.UnsafeAddr())).Elem()
			}
			shiftEveryPos(f, dOff, dLine, seen)
		}
	}
}

// TestEveryPositionFollowsTheText parses texts with and without blank lines before them, with
// and without a cache, and requires the same model, statements and diagnostics with every position
// moved by the blank lines: a Range field that the parser forgets to move from its line to its
// place in the text fails here whatever the field.
func TestEveryPositionFollowsTheText(t *testing.T) {
	texts := map[string]string{"edit base": editBase}
	files, _ := filepath.Glob(filepath.Join("..", "samples", "*.owm"))
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		texts[filepath.Base(f)] = string(b)
	}
	const pad = "\n\n\n"
	for name, text := range texts {
		for _, cached := range []bool{false, true} {
			t.Run(fmt.Sprintf("%s/cached=%v", name, cached), func(t *testing.T) {
				var mode *statementCache
				if cached {
					mode = newStatementCache()
				}
				want, wantDiags := parseFileWith("x", []byte(text), mode)
				shiftEveryPos(reflect.ValueOf(want), len(pad), len(pad), map[uintptr]bool{})
				shiftEveryPos(reflect.ValueOf(&wantDiags), len(pad), len(pad), map[uintptr]bool{})
				got, gotDiags := parseFileWith("x", []byte(pad+text), mode)
				if d := firstDiff("Map", reflect.ValueOf(want.Map), reflect.ValueOf(got.Map)); d != "" {
					t.Errorf("the model's positions do not follow the text: %s", d)
				}
				if d := firstDiff("Statements", reflect.ValueOf(want.Statements), reflect.ValueOf(got.Statements[len(pad):])); d != "" {
					t.Errorf("the statements' positions do not follow the text: %s", d)
				}
				if d := firstDiff("Diagnostics", reflect.ValueOf(wantDiags), reflect.ValueOf(gotDiags)); d != "" {
					t.Errorf("the diagnostics' positions do not follow the text: %s", d)
				}
			})
		}
	}
}
