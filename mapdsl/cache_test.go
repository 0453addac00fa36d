package mapdsl

import (
	"fmt"
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

// TestWarmParseAfterEdits parses a text, then an edited copy of it, and requires the same
// statements, diagnostics and model as a parse without any cache: the edited text reuses the
// unchanged lines of the first one by position (see recentTexts), which must never hand a line
// the statement of a line that reads differently.
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
			coldFile, coldDiags := parseFileWith("x", edited, noCaches)

			ParseFile("x", []byte(editBase)) // the text before the edit
			warmFile, warmDiags := ParseFile("x", edited)
			if !sameStatements(coldFile.Statements, warmFile.Statements) {
				for i := range coldFile.Statements {
					if i < len(warmFile.Statements) && !sameStatements(coldFile.Statements[i:i+1], warmFile.Statements[i:i+1]) {
						t.Errorf("line %d differs:\ncold %+v\nwarm %+v", i+1, *coldFile.Statements[i], *warmFile.Statements[i])
						break
					}
				}
				t.Fatal("statements differ after the edit")
			}
			if !reflect.DeepEqual(coldDiags, warmDiags) {
				t.Errorf("diagnostics differ after the edit:\ncold %v\nwarm %v", coldDiags, warmDiags)
			}
			if !reflect.DeepEqual(coldFile.Map, warmFile.Map) {
				t.Errorf("models differ after the edit (ranges included):\ncold %s\nwarm %s", modelJSON(t, coldFile.Map), modelJSON(t, warmFile.Map))
			}
			m, diags := Parse("x", edited) // Parse reads the same lines without making Statements
			if !reflect.DeepEqual(coldFile.Map, m) || !reflect.DeepEqual(coldDiags, diags) {
				t.Errorf("Parse differs from ParseFile after the edit")
			}
		})
	}
}

// TestCacheEntriesKeepOnlyTheirLine checks that a cached line does not keep the whole text it
// was read from alive: its key and its statement's strings are cut from a copy of the line.
func TestCacheEntriesKeepOnlyTheirLine(t *testing.T) {
	text := strings.Repeat("// padding\n", 100) + "component Unique Cache Line [0.5, 0.5] label [1, 2]\n"
	_, _, p := parseText("x", []byte(text), nil)
	r := p.lines[100]
	if r.entry == nil {
		t.Fatal("the component line was not cached")
	}
	inside := func(s string) bool {
		if s == "" {
			return false
		}
		start := uintptr(unsafe.Pointer(unsafe.StringData(p.text)))
		at := uintptr(unsafe.Pointer(unsafe.StringData(s)))
		return at >= start && at < start+uintptr(len(p.text))
	}
	for what, s := range map[string]string{"key": r.entry.key.text, "name": r.st.Name, "keyword": r.st.Keyword} {
		if inside(s) {
			t.Errorf("the cache entry's %s points into the parsed text", what)
		}
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

		coldFile, coldDiags := parseFileWith("x", edited, noCaches)
		ParseFile("x", before)
		warmFile, warmDiags := ParseFile("x", edited)
		if !sameStatements(coldFile.Statements, warmFile.Statements) {
			t.Fatalf("statements differ after the edit of %q into %q", before, edited)
		}
		if !reflect.DeepEqual(coldDiags, warmDiags) {
			t.Fatalf("diagnostics differ after the edit of %q into %q:\ncold %v\nwarm %v", before, edited, coldDiags, warmDiags)
		}
		if !reflect.DeepEqual(coldFile.Map, warmFile.Map) {
			t.Fatalf("models differ after the edit of %q into %q", before, edited)
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

// TestEveryPositionFollowsTheText parses texts with and without blank lines before them, in
// every cache mode, and requires the same model, statements and diagnostics with every position
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
		for _, mode := range []cacheMode{noCaches, shapesOnly, allCaches} {
			t.Run(fmt.Sprintf("%s/mode%d", name, mode), func(t *testing.T) {
				want, wantDiags := parseFileWith("x", []byte(text), mode)
				shiftEveryPos(reflect.ValueOf(want), len(pad), len(pad), map[uintptr]bool{})
				shiftEveryPos(reflect.ValueOf(&wantDiags), len(pad), len(pad), map[uintptr]bool{})
				got, gotDiags := parseFileWith("x", []byte(pad+text), mode)
				if !reflect.DeepEqual(want.Map, got.Map) {
					t.Errorf("the model's positions do not follow the text:\nwant %+v\n got %+v", want.Map, got.Map)
				}
				if !sameStatements(want.Statements, got.Statements[len(pad):]) {
					t.Error("the statements' positions do not follow the text")
				}
				if !reflect.DeepEqual(wantDiags, gotDiags) {
					t.Errorf("the diagnostics' positions do not follow the text:\nwant %v\n got %v", wantDiags, gotDiags)
				}
			})
		}
	}
}
