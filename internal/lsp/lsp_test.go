package lsp

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	protocol "github.com/tliron/glsp/protocol_3_16"

	"mapwright/internal/lint"
	"mapwright/internal/mapgen"
	"mapwright/mapdsl"
)

const teaShop = `title Tea Shop
anchor Business [0.95, 0.63]
anchor Public [0.95, 0.78]
component Cup of Tea [0.79, 0.61]
component Tea [0.63, 0.81]
component Hot Water [0.52, 0.80]
component Kettle [0.43, 0.35]
evolve Kettle 0.62
Business->Cup of Tea
Public->Cup of Tea
Cup of Tea->Tea
Cup of Tea->Hot Water
Hot Water->Ketle
`

func fileURI(path string) protocol.DocumentUri {
	return protocol.DocumentUri("file://" + filepath.ToSlash(path))
}

func TestDiagnosticsAsYouType(t *testing.T) {
	c := startClient(t)
	uri := fileURI(filepath.Join(t.TempDir(), "tea.owm"))
	diags := c.open(uri, teaShop)
	// Kettle is reached by no anchor (the link names "Ketle"), and the link's end is unknown.
	if len(diags) != 2 || diags[0].Code != "unreachable-component" {
		t.Fatalf("want 2 diagnostics, got %+v", diags)
	}
	d := diags[1]
	if d.Code != "unknown-component" || d.Severity != int(protocol.DiagnosticSeverityWarning) ||
		!strings.Contains(d.Message, `did you mean "Kettle"?`) || d.Source != "mapwright" {
		t.Errorf("diagnostic = %+v", d)
	}
	// "Hot Water->Ketle" is line 12 (0-based); Ketle spans characters 11..16.
	if d.Range != (protocol.Range{Start: pos(12, 11), End: pos(12, 16)}) {
		t.Errorf("range = %+v", d.Range)
	}

	// An incremental change that fixes the name clears the finding.
	diags = c.change(uri, 2, protocol.TextDocumentContentChangeEvent{Range: &protocol.Range{Start: pos(12, 13), End: pos(12, 13)}, Text: "t"})
	if len(diags) != 0 {
		t.Errorf("after fixing the name: %+v", diags)
	}
	// Another that breaks a line reports an error at the right place.
	diags = c.change(uri, 3, protocol.TextDocumentContentChangeEvent{Range: &protocol.Range{Start: pos(4, 0), End: pos(4, 9)}, Text: "componen"})
	if len(diags) == 0 || diags[0].Range.Start.Line != 4 {
		t.Errorf("after breaking line 5: %+v", diags)
	}
	// A whole-text change replaces everything.
	diags = c.change(uri, 4, protocol.TextDocumentContentChangeEventWhole{Text: "component A [0.5, 0.5]\nA->B\n"})
	if len(diags) != 2 || diags[1].Code != "unknown-component" || diags[1].Range.Start.Line != 1 {
		t.Errorf("after replacing the text: %+v", diags)
	}
}

// TestDiagnosticsMatchCheck: the server reports exactly what `mapwright check` reports, in code,
// message and position, including lint rules.
func TestDiagnosticsMatchCheck(t *testing.T) {
	maps := map[string]string{
		"tea":       teaShop,
		"lint":      "component A [0.5, 0.5]\ncomponent A [0.4, 0.4]\ncomponent B [0.40, 0.40]\nA->B\n",
		"broken":    "title x\ncomponent A [0.5, 0.5\nnonsense here\nA->\n",
		"multibyte": "component 茶 [0.5, 0.5]\ncomponent 🫖 Pot [0.4, 0.3]\n茶->🫖 Po\n",
	}
	c := startClient(t)
	dir := t.TempDir()
	for name, text := range maps {
		t.Run(name, func(t *testing.T) {
			path := filepath.Join(dir, name+".owm")
			got := c.open(fileURI(path), text)
			d := newDocument(fileURI(path), 1, text)
			d.m, d.diags = d.check(text, lint.Config{})
			if len(d.diags) == 0 {
				t.Fatal("the test map has no findings")
			}
			if len(got) != len(d.diags) {
				t.Fatalf("got %d diagnostics, check has %d: %+v", len(got), len(d.diags), got)
			}
			for i, want := range d.diags {
				g := got[i]
				if g.Code != want.Code || g.Message != want.Message ||
					int(g.Range.Start.Line)+1 != want.Range.Start.Line {
					t.Errorf("diagnostic %d: got %v %q at line %d, check says %s %q at %d", i, g.Code, g.Message,
						g.Range.Start.Line+1, want.Code, want.Message, want.Range.Start.Line)
				}
			}
		})
	}
}

func TestConfigFileIsHonoured(t *testing.T) {
	dir := t.TempDir()
	text := "component A [0.5, 0.5]\ncomponent B [0.40, 0.40]\nA->B\n"
	c := startClient(t)
	before := c.open(fileURI(filepath.Join(dir, "a.owm")), text)
	if !slices.ContainsFunc(before, func(d wireDiagnostic) bool { return d.Code == "stage-boundary" }) {
		t.Fatalf("want a stage-boundary finding without configuration: %+v", before)
	}
	if err := os.WriteFile(filepath.Join(dir, ".mapwright.json"), []byte(`{"disable": ["stage-boundary"]}`), 0o644); err != nil {
		t.Fatal(err)
	}
	after := c.open(fileURI(filepath.Join(dir, "b.owm")), text)
	if slices.ContainsFunc(after, func(d wireDiagnostic) bool { return d.Code == "stage-boundary" }) {
		t.Errorf(".mapwright.json disables stage-boundary, still reported: %+v", after)
	}
	// A broken configuration is reported once, and the default rules apply.
	os.WriteFile(filepath.Join(dir, ".mapwright.json"), []byte(`{"disable": "stage-boundary"}`), 0o644)
	c.open(fileURI(filepath.Join(dir, "c.owm")), text)
	c.open(fileURI(filepath.Join(dir, "d.owm")), text)
	c.mu.Lock()
	msgs := c.messages
	c.mu.Unlock()
	if len(msgs) != 1 || !strings.Contains(msgs[0], ".mapwright.json") {
		t.Errorf("messages = %q, want one about .mapwright.json", msgs)
	}
}

func TestFormatting(t *testing.T) {
	messy := "title   Tea\n\n\n\ncomponent  Tea [0.63,0.81]   label [ -10 , 5]\ncomponent Cup [0.79, 0.61]\nCup  ->  Tea\ncomponent  Pot [0.5, 0.5]\n"
	c := startClient(t)
	uri := fileURI(filepath.Join(t.TempDir(), "m.owm"))
	c.open(uri, messy)
	want, _ := mapdsl.Format([]byte(messy))

	var edits []protocol.TextEdit
	c.call(protocol.MethodTextDocumentFormatting, protocol.DocumentFormattingParams{TextDocument: docID(uri)}, &edits)
	if got := applyEdits(t, messy, edits); got != string(want) {
		t.Errorf("formatting gives\n%s\nwant\n%s", got, want)
	}
	if len(edits) < 2 {
		t.Errorf("want one edit per changed run of lines, got %d: %+v", len(edits), edits)
	}

	// Formatting lines 5-6 (1-based) changes those lines only.
	c.call(protocol.MethodTextDocumentRangeFormatting, protocol.DocumentRangeFormattingParams{TextDocument: docID(uri),
		Range: protocol.Range{Start: pos(4, 0), End: pos(5, 3)}}, &edits)
	got := applyEdits(t, messy, edits)
	wantRange := "title   Tea\n\n\n\ncomponent Tea [0.63, 0.81] label [-10, 5]\ncomponent Cup [0.79, 0.61]\nCup  ->  Tea\ncomponent  Pot [0.5, 0.5]\n"
	if got != wantRange {
		t.Errorf("range formatting gives\n%q\nwant\n%q", got, wantRange)
	}

	// A map with errors is refused with a reason.
	c.change(uri, 2, protocol.TextDocumentContentChangeEventWhole{Text: "component A [0.5, 0.5]\nnonsense here\n"})
	err := c.callErr(protocol.MethodTextDocumentFormatting, protocol.DocumentFormattingParams{TextDocument: docID(uri)}, &edits)
	if err == nil || !strings.Contains(err.Error(), "errors") {
		t.Errorf("formatting a broken map: err = %v", err)
	}
}

func TestCompletion(t *testing.T) {
	c := startClient(t)
	uri := fileURI(filepath.Join(t.TempDir(), "tea.owm"))
	text := teaShop + "Cup of Tea->Ke\nevolve \ncomponent X [0.5, 0.5] (bu\nstyle \ncom\nHot Water->Tea\n"
	c.open(uri, text)
	lines := strings.Split(text, "\n")
	line := func(prefix string) int {
		for i, l := range lines {
			if strings.HasPrefix(l, prefix) && i > 12 {
				return i
			}
		}
		t.Fatalf("no line %q", prefix)
		return 0
	}
	cases := []struct {
		name       string
		line, char int
		want       []string
		notWant    []string
		replace    protocol.Range
	}{
		{"name after a link operator", line("Cup of Tea->Ke"), len("Cup of Tea->Ke"), []string{"Kettle", "Hot Water", "Business"}, []string{"component"},
			protocol.Range{Start: pos(line("Cup of Tea->Ke"), 12), End: pos(line("Cup of Tea->Ke"), 14)}},
		{"evolve names components", line("evolve "), len("evolve "), []string{"Kettle", "Tea"}, []string{"Business", "component"}, protocol.Range{}},
		{"decorators", line("component X"), len("component X [0.5, 0.5] (bu"), []string{"build", "buy", "outsource", "market"}, []string{"Kettle"}, protocol.Range{}},
		{"styles", line("style "), len("style "), []string{"wardley", "handwritten", "dark"}, nil, protocol.Range{}},
		{"keywords at the start of a line", line("com"), 3, []string{"component", "anchor", "pipeline", "evolve", "Cup of Tea"}, nil,
			protocol.Range{Start: pos(line("com"), 0), End: pos(line("com"), 3)}},
		{"modifiers after a position", 6, len("component Kettle [0.43, 0.35]"), []string{"label", "inertia", "(build)"}, []string{"Kettle"}, protocol.Range{}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			var items []protocol.CompletionItem
			c.call(protocol.MethodTextDocumentCompletion, protocol.CompletionParams{TextDocumentPositionParams: at(uri, tc.line, tc.char)}, &items)
			labels := map[string]protocol.CompletionItem{}
			for _, it := range items {
				labels[it.Label] = it
			}
			for _, w := range tc.want {
				if _, ok := labels[w]; !ok {
					t.Errorf("missing %q in %v", w, keys(labels))
				}
			}
			for _, w := range tc.notWant {
				if _, ok := labels[w]; ok {
					t.Errorf("unexpected %q", w)
				}
			}
			if tc.replace != (protocol.Range{}) {
				raw, _ := json.Marshal(labels[tc.want[0]].TextEdit)
				var te protocol.TextEdit
				json.Unmarshal(raw, &te)
				if te.Range != tc.replace {
					t.Errorf("%q replaces %+v, want %+v", tc.want[0], te.Range, tc.replace)
				}
			}
		})
	}
}

func keys[V any](m map[string]V) []string {
	var out []string
	for k := range m {
		out = append(out, k)
	}
	slices.Sort(out)
	return out
}

func TestHoverDefinitionReferences(t *testing.T) {
	c := startClient(t)
	uri := fileURI(filepath.Join(t.TempDir(), "tea.owm"))
	c.open(uri, teaShop)

	var h protocol.Hover
	c.call(protocol.MethodTextDocumentHover, protocol.HoverParams{TextDocumentPositionParams: at(uri, 6, 12)}, &h)
	raw, _ := json.Marshal(h.Contents)
	for _, want := range []string{"**Kettle**", "[0.43, 0.35]", "Custom-Built", "evolves to maturity 0.62", "Product"} {
		if !strings.Contains(string(raw), want) {
			t.Errorf("hover on Kettle lacks %q: %s", want, raw)
		}
	}
	c.call(protocol.MethodTextDocumentHover, protocol.HoverParams{TextDocumentPositionParams: at(uri, 10, 2)}, &h)
	raw, _ = json.Marshal(h.Contents)
	for _, want := range []string{"**Cup of Tea**", "links to: Tea, Hot Water", "linked from: Business, Public", "Product"} {
		if !strings.Contains(string(raw), want) {
			t.Errorf("hover on Cup of Tea lacks %q: %s", want, raw)
		}
	}

	// Definition from the link end "Hot Water" on line 11 to its component line (5).
	var locs []protocol.Location
	c.call(protocol.MethodTextDocumentDefinition, protocol.DefinitionParams{TextDocumentPositionParams: at(uri, 11, 15)}, &locs)
	if len(locs) != 1 || locs[0].Range != (protocol.Range{Start: pos(5, 10), End: pos(5, 19)}) {
		t.Errorf("definition of Hot Water = %+v", locs)
	}
	// Definition from an evolve line.
	c.call(protocol.MethodTextDocumentDefinition, protocol.DefinitionParams{TextDocumentPositionParams: at(uri, 7, 8)}, &locs)
	if len(locs) != 1 || locs[0].Range.Start.Line != 6 {
		t.Errorf("definition of evolve Kettle = %+v", locs)
	}
	// References of Cup of Tea: its line and four links.
	c.call(protocol.MethodTextDocumentReferences, protocol.ReferenceParams{TextDocumentPositionParams: at(uri, 3, 12),
		Context: protocol.ReferenceContext{IncludeDeclaration: true}}, &locs)
	var lines []int
	for _, l := range locs {
		lines = append(lines, int(l.Range.Start.Line))
	}
	if !slices.Equal(lines, []int{3, 8, 9, 10, 11}) {
		t.Errorf("references of Cup of Tea on lines %v", lines)
	}
	c.call(protocol.MethodTextDocumentReferences, protocol.ReferenceParams{TextDocumentPositionParams: at(uri, 3, 12),
		Context: protocol.ReferenceContext{IncludeDeclaration: false}}, &locs)
	if len(locs) != 4 {
		t.Errorf("references without the declaration: %d", len(locs))
	}
}

func TestRename(t *testing.T) {
	c := startClient(t)
	uri := fileURI(filepath.Join(t.TempDir(), "tea.owm"))
	c.open(uri, teaShop)

	var prep protocol.RangeWithPlaceholder
	c.call(protocol.MethodTextDocumentPrepareRename, protocol.PrepareRenameParams{TextDocumentPositionParams: at(uri, 10, 3)}, &prep)
	if prep.Placeholder != "Cup of Tea" || prep.Range != (protocol.Range{Start: pos(10, 0), End: pos(10, 10)}) {
		t.Errorf("prepareRename = %+v", prep)
	}
	var we protocol.WorkspaceEdit
	c.call(protocol.MethodTextDocumentRename, protocol.RenameParams{TextDocumentPositionParams: at(uri, 10, 3), NewName: "Mug of Tea"}, &we)
	got := applyEdits(t, teaShop, we.Changes[uri])
	if want := strings.ReplaceAll(teaShop, "Cup of Tea", "Mug of Tea"); got != want {
		t.Errorf("rename gives\n%s", got)
	}
	// A name another element has is refused with a message.
	err := c.callErr(protocol.MethodTextDocumentRename, protocol.RenameParams{TextDocumentPositionParams: at(uri, 10, 3), NewName: "Kettle"}, &we)
	if err == nil || !strings.Contains(err.Error(), "Kettle") {
		t.Errorf("rename onto an existing name: err = %v", err)
	}
	// Only names can be renamed.
	if err := c.callErr(protocol.MethodTextDocumentPrepareRename, protocol.PrepareRenameParams{TextDocumentPositionParams: at(uri, 0, 2)}, &prep); err == nil {
		t.Error("prepareRename on the title keyword should be refused")
	}
}

func TestDocumentSymbols(t *testing.T) {
	c := startClient(t)
	uri := fileURI(filepath.Join(t.TempDir(), "p.owm"))
	text := "title Kitchen\nanchor Chef [0.9, 0.5]\ncomponent Stove [0.5, 0.5]\npipeline Stove\n{\n  component Gas [0.3]\n  component Induction [0.7]\n}\nnote cheap [0.2, 0.2]\nannotation 1 [[0.4, 0.4]] watch this\npioneers [0.9, 0.1, 0.7, 0.3]\n"
	c.open(uri, text)
	var syms []protocol.DocumentSymbol
	c.call(protocol.MethodTextDocumentDocumentSymbol, protocol.DocumentSymbolParams{TextDocument: docID(uri)}, &syms)
	var names []string
	for _, s := range syms {
		names = append(names, s.Name)
	}
	want := []string{"Kitchen", "Chef", "Stove", "cheap", "1. watch this", "pioneers"}
	if !slices.Equal(names, want) {
		t.Errorf("symbols %q, want %q", names, want)
	}
	for _, s := range syms {
		if s.Name == "Stove" {
			if len(s.Children) != 2 || s.Children[0].Name != "Gas" || s.Children[1].Name != "Induction" {
				t.Errorf("Stove's children = %+v", s.Children)
			}
			if s.Range.End.Line != 7 {
				t.Errorf("Stove's symbol ends on line %d, want the block's end 7", s.Range.End.Line)
			}
		}
	}
}

func TestCodeActions(t *testing.T) {
	c := startClient(t)
	uri := fileURI(filepath.Join(t.TempDir(), "tea.owm"))
	// Kettle was renamed to Kettles on its own line; two links still say Kettle.
	text := "component Kettles [0.43, 0.35]\ncomponent Power [0.1, 0.7]\nKettle->Power\nPower->Kettle\nKettles->Gas\n"
	c.open(uri, text)
	var actions []protocol.CodeAction
	c.call(protocol.MethodTextDocumentCodeAction, protocol.CodeActionParams{TextDocument: docID(uri),
		Range: protocol.Range{Start: pos(2, 0), End: pos(2, 3)}}, &actions)
	byTitle := map[string]protocol.CodeAction{}
	for _, a := range actions {
		byTitle[a.Title] = a
	}
	fix, ok := byTitle[`Change to "Kettles"`]
	if !ok {
		t.Fatalf("no did-you-mean fix in %v", keys(byTitle))
	}
	if got := applyEdits(t, text, fix.Edit.Changes[uri]); !strings.Contains(got, "Kettles->Power\nPower->Kettle\n") {
		t.Errorf("the fix gives\n%s", got)
	}
	all, ok := byTitle[`Change all 2 "Kettle" to "Kettles"`]
	if !ok {
		t.Fatalf("no rename-everywhere fix in %v", keys(byTitle))
	}
	if got := applyEdits(t, text, all.Edit.Changes[uri]); !strings.Contains(got, "Kettles->Power\nPower->Kettles\n") {
		t.Errorf("the rename-everywhere fix gives\n%s", got)
	}
	if _, ok := byTitle[`Rename "Kettle" everywhere…`]; ok {
		t.Errorf("an unknown name offered a rename")
	}

	// The unknown "Gas" has no close name: creating it is offered.
	c.call(protocol.MethodTextDocumentCodeAction, protocol.CodeActionParams{TextDocument: docID(uri),
		Range: protocol.Range{Start: pos(4, 10), End: pos(4, 10)}}, &actions)
	var create *protocol.CodeAction
	for i, a := range actions {
		if a.Title == `Create component "Gas"` {
			create = &actions[i]
		}
	}
	if create == nil {
		t.Fatalf("no create action in %+v", actions)
	}
	created := applyEdits(t, text, create.Edit.Changes[uri])
	if m, diags := mapdsl.Parse("x", []byte(created)); m == nil || slices.ContainsFunc(diags, func(d mapdsl.Diagnostic) bool {
		return strings.Contains(d.Message, `"Gas"`)
	}) {
		t.Errorf("after creating Gas: %v\n%s", diags, created)
	}

	// On a name: rename everywhere; on a messy map: the formatter.
	c.change(uri, 2, protocol.TextDocumentContentChangeEventWhole{Text: "component  A [0.5,0.5]\ncomponent B [0.4, 0.4]\nA->B\n"})
	c.call(protocol.MethodTextDocumentCodeAction, protocol.CodeActionParams{TextDocument: docID(uri),
		Range: protocol.Range{Start: pos(2, 0), End: pos(2, 0)}}, &actions)
	titles := []string{}
	for _, a := range actions {
		titles = append(titles, a.Title)
	}
	if !slices.Contains(titles, `Rename "A" everywhere…`) || !slices.Contains(titles, "Format the map (mapwright fmt)") {
		t.Errorf("actions on a name of a messy map: %q", titles)
	}
}

func TestFoldingAndSemanticTokens(t *testing.T) {
	c := startClient(t)
	uri := fileURI(filepath.Join(t.TempDir(), "f.owm"))
	text := "// the kitchen\n// as of 2026\ncomponent Stove [0.5, 0.5] (build)\npipeline Stove\n{\n  component Gas [0.3]\n}\n/* a\nblock */\nStove->Gas; 🔥 heat\n"
	c.open(uri, text)
	var folds []protocol.FoldingRange
	c.call(protocol.MethodTextDocumentFoldingRange, protocol.FoldingRangeParams{TextDocument: docID(uri)}, &folds)
	var got []string
	for _, f := range folds {
		got = append(got, *f.Kind+":"+strconv.Itoa(int(f.StartLine))+"-"+strconv.Itoa(int(f.EndLine)))
	}
	slices.Sort(got)
	if want := []string{"comment:0-1", "comment:7-8", "region:3-6"}; !slices.Equal(got, want) {
		t.Errorf("folding ranges %q, want %q", got, want)
	}

	var toks protocol.SemanticTokens
	c.call(protocol.MethodTextDocumentSemanticTokensFull, protocol.SemanticTokensParams{TextDocument: docID(uri)}, &toks)
	// Decode the tokens and compare each line with the lexer that colours the desktop editor.
	type tok struct{ line, char, length, kind int }
	var decoded []tok
	line, char := 0, 0
	for i := 0; i+4 < len(toks.Data); i += 5 {
		if toks.Data[i] > 0 {
			char = 0
		}
		line += int(toks.Data[i])
		char += int(toks.Data[i+1])
		decoded = append(decoded, tok{line, char, int(toks.Data[i+2]), int(toks.Data[i+3])})
	}
	find := func(l, ch int) (tok, bool) {
		for _, d := range decoded {
			if d.line == l && d.char == ch {
				return d, true
			}
		}
		return tok{}, false
	}
	checks := []struct {
		line, char, length int
		kind               string
	}{
		{0, 0, 14, "comment"},
		{2, 0, 9, "keyword"},
		{2, 10, 5, "variable"},
		{2, 17, 3, "number"},
		{2, 28, 5, "decorator"},
		{9, 5, 2, "operator"},
		{9, 12, 7, "parameter"}, // the context text, after the emoji (2 UTF-16 units)
	}
	for _, ck := range checks {
		d, ok := find(ck.line, ck.char)
		if !ok || d.length != ck.length || tokenTypes[d.kind] != ck.kind {
			t.Errorf("token at %d:%d = %+v (ok %v), want %s of length %d", ck.line, ck.char, d, ok, ck.kind, ck.length)
		}
	}
	var rangeToks protocol.SemanticTokens
	c.call(protocol.MethodTextDocumentSemanticTokensRange, protocol.SemanticTokensRangeParams{TextDocument: docID(uri),
		Range: protocol.Range{Start: pos(8, 0), End: pos(9, 30)}}, &rangeToks)
	if len(rangeToks.Data) == 0 || rangeToks.Data[0] != 8 || rangeToks.Data[3] != 4 {
		t.Errorf("range tokens start %v, want line 8's comment first", rangeToks.Data[:min(5, len(rangeToks.Data))])
	}
}

func TestShutdownAndExit(t *testing.T) {
	c := startClient(t)
	c.call(protocol.MethodShutdown, nil, nil)
	c.notify(protocol.MethodExit, nil)
	if err := c.cmd.Wait(); err != nil {
		t.Errorf("after shutdown and exit the server exits with %v, want status 0", err)
	}
}

// TestNeovim runs a real editor's client: headless Neovim (Debian's neovim has an LSP client built
// in; scripts/install-deps.sh installs it) opens a map with a misspelt name, receives the
// diagnostic, is offered the fix, applies it and saves.
func TestNeovim(t *testing.T) {
	nvim, err := exec.LookPath("nvim")
	if err != nil {
		t.Skip("nvim is not installed (scripts/install-deps.sh installs Debian's neovim)")
	}
	dir := t.TempDir()
	mapPath := filepath.Join(dir, "tea.owm")
	if err := os.WriteFile(mapPath, []byte(teaShop), 0o644); err != nil {
		t.Fatal(err)
	}
	script, _ := filepath.Abs("testdata/nvim-check.lua")
	outPath := filepath.Join(dir, "out.txt")
	ctx, cancel := context.WithTimeout(context.Background(), 60*time.Second)
	defer cancel()
	cmd := exec.CommandContext(ctx, nvim, "--headless", "--clean", "-n", "-c", "luafile "+script)
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), "MW_BIN="+mapwrightBin, "MW_MAP="+mapPath, "MW_OUT="+outPath, "HOME="+dir, "XDG_STATE_HOME="+dir)
	if b, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("nvim: %v\n%s", err, b)
	}
	out, err := os.ReadFile(outPath)
	if err != nil {
		t.Fatalf("nvim wrote nothing: %v", err)
	}
	got := string(out)
	for _, want := range []string{
		`diagnostic 13:12 unknown-component link to "Ketle", which is not defined (did you mean "Kettle"?)`,
		`action Change to "Kettle"`,
		`applied Change to "Kettle"`,
	} {
		if !strings.Contains(got, want) {
			t.Errorf("Neovim's session lacks %q:\n%s", want, got)
		}
	}
	saved, _ := os.ReadFile(mapPath)
	if !strings.HasSuffix(string(saved), "Hot Water->Kettle\n") {
		t.Errorf("the saved map does not have the fix:\n%s", saved)
	}
}

// TestBurstOfChangesEndsOnTheNewestText: changes sent faster than the server checks them are
// merged, and the last findings published are those of the last text, with its version.
func TestBurstOfChangesEndsOnTheNewestText(t *testing.T) {
	c := startInProcess(t)
	uri := protocol.DocumentUri("untitled:burst.owm")
	c.open(uri, teaShop)
	// Type "Hot Water->Kettle" one character at a time at the end, then a misspelling.
	text := teaShop
	version := int32(1)
	typed := "Kettle->Hot Water\nKettle->Powr\n"
	for _, r := range typed {
		version++
		d := newDocument(uri, 0, text)
		end := d.position(len(text))
		c.notify(protocol.MethodTextDocumentDidChange, protocol.DidChangeTextDocumentParams{
			TextDocument:   protocol.VersionedTextDocumentIdentifier{TextDocumentIdentifier: protocol.TextDocumentIdentifier{URI: uri}, Version: version},
			ContentChanges: []any{protocol.TextDocumentContentChangeEvent{Range: &protocol.Range{Start: end, End: end}, Text: string(r)}}})
		text += string(r)
	}
	deadline := time.Now().Add(20 * time.Second)
	for {
		c.mu.Lock()
		v, diags := c.versions[uri], c.diags[uri]
		c.mu.Unlock()
		if v == int(version) {
			if len(diags) != 2 || !strings.Contains(diags[1].Message, `"Powr"`) || diags[1].Range.Start.Line != 14 ||
				!strings.Contains(diags[0].Message, `"Ketle"`) {
				t.Errorf("findings of the last text: %+v", diags)
			}
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("the last version published is %d, want %d", v, version)
		}
		time.Sleep(5 * time.Millisecond)
	}
	// A request right after a change answers from the new text.
	c.notify(protocol.MethodTextDocumentDidChange, protocol.DidChangeTextDocumentParams{
		TextDocument:   protocol.VersionedTextDocumentIdentifier{TextDocumentIdentifier: protocol.TextDocumentIdentifier{URI: uri}, Version: version + 1},
		ContentChanges: []any{protocol.TextDocumentContentChangeEventWhole{Text: "component Stove [0.5, 0.5]\n"}}})
	var locs []protocol.Location
	c.call(protocol.MethodTextDocumentReferences, protocol.ReferenceParams{TextDocumentPositionParams: at(uri, 0, 12),
		Context: protocol.ReferenceContext{IncludeDeclaration: true}}, &locs)
	if len(locs) != 1 || locs[0].Range != (protocol.Range{Start: pos(0, 10), End: pos(0, 15)}) {
		t.Errorf("references right after a change: %+v", locs)
	}
}

// TestBigMapFindingsComeInTwoSteps: on a big map a change is answered first without the label
// overlaps that need a drawing, with the earlier overlap findings carried to their lines so they
// do not flicker, then with everything, as `mapwright check` reports it.
func TestBigMapFindingsComeInTwoSteps(t *testing.T) {
	c := startInProcess(t)
	uri := protocol.DocumentUri("untitled:big.owm")
	text := string(mapgen.Generate(stagedSize+100, 1))
	before := c.open(uri, text)
	overlaps := func(ds []wireDiagnostic) []string {
		var out []string
		for _, d := range ds {
			if d.Code == slowRule {
				out = append(out, fmt.Sprintf("%d:%d %s", d.Range.Start.Line, d.Range.Start.Character, d.Message))
			}
		}
		return out
	}
	if len(overlaps(before)) == 0 {
		t.Fatal("the generated map has no overlapping labels to carry")
	}
	// Insert a line with a misspelt link at the top: every later line moves down by one.
	c.notify(protocol.MethodTextDocumentDidChange, protocol.DidChangeTextDocumentParams{
		TextDocument:   protocol.VersionedTextDocumentIdentifier{TextDocumentIdentifier: protocol.TextDocumentIdentifier{URI: uri}, Version: 2},
		ContentChanges: []any{protocol.TextDocumentContentChangeEvent{Range: &protocol.Range{Start: pos(1, 0), End: pos(1, 0)}, Text: "Zzz->Qqq\n"}}})
	first := c.waitDiagnostics(uri)
	final := c.waitDiagnostics(uri)
	if !slices.ContainsFunc(first, func(d wireDiagnostic) bool { return strings.Contains(d.Message, `"Zzz"`) }) {
		t.Errorf("the first message lacks the new finding")
	}
	var moved []string
	for _, o := range overlaps(before) {
		var line, char int
		var msg string
		fmt.Sscanf(o, "%d:%d", &line, &char)
		_, msg, _ = strings.Cut(o, " ")
		moved = append(moved, fmt.Sprintf("%d:%d %s", line+1, char, msg))
	}
	if got := overlaps(first); !slices.Equal(got, moved) {
		t.Errorf("the first message's overlaps are not the earlier ones moved down a line:\n%q\nwant\n%q", got[:min(3, len(got))], moved[:min(3, len(moved))])
	}
	d := newDocument(uri, 0, text[:strings.Index(text, "\n")+1]+"Zzz->Qqq\n"+text[strings.Index(text, "\n")+1:])
	_, want := d.check(d.text, lint.Config{})
	if len(final) != len(want) {
		t.Fatalf("the final message has %d findings, check has %d", len(final), len(want))
	}
	for i := range want {
		if final[i].Code != want[i].Code || final[i].Message != want[i].Message {
			t.Errorf("final finding %d = %s %q, check says %s %q", i, final[i].Code, final[i].Message, want[i].Code, want[i].Message)
		}
	}
}

// TestMermaidDiagram: a wardley-beta diagram gets the same service: findings at its own lines,
// formatting in Mermaid's syntax, and navigation.
func TestMermaidDiagram(t *testing.T) {
	c := startClient(t)
	uri := fileURI(filepath.Join(t.TempDir(), "tea.mmd"))
	text := "%% the tea shop\nwardley-beta\nanchor Public [0.95, 0.78]\ncomponent   Kettle [0.43,0.35] (inertia)\nPublic -> Ketle\nPublic -> Kettle\n"
	diags := c.open(uri, text)
	if len(diags) != 1 || diags[0].Code != "unknown-component" || diags[0].Range.Start != pos(4, 10) {
		t.Errorf("findings of the diagram: %+v", diags)
	}
	var edits []protocol.TextEdit
	c.call(protocol.MethodTextDocumentFormatting, protocol.DocumentFormattingParams{TextDocument: docID(uri)}, &edits)
	want := "%% the tea shop\nwardley-beta\nanchor Public [0.95, 0.78]\ncomponent Kettle [0.43, 0.35] (inertia)\nPublic -> Ketle\nPublic -> Kettle\n"
	if got := applyEdits(t, text, edits); got != want {
		t.Errorf("formatting gives\n%s\nwant\n%s", got, want)
	}
	var locs []protocol.Location
	c.call(protocol.MethodTextDocumentDefinition, protocol.DefinitionParams{TextDocumentPositionParams: at(uri, 5, 12)}, &locs)
	if len(locs) != 1 || locs[0].Range != (protocol.Range{Start: pos(3, 12), End: pos(3, 18)}) {
		t.Errorf("definition of Kettle in the diagram: %+v", locs)
	}

	// An OWM statement Mapwright reads in a diagram but Mermaid cannot say is not turned into a
	// comment by formatting: the request is refused, saying why.
	c.change(uri, 2, protocol.TextDocumentContentChangeEventWhole{Text: text + "pioneers [0.9, 0.1, 0.7, 0.3]\n"})
	err := c.callErr(protocol.MethodTextDocumentFormatting, protocol.DocumentFormattingParams{TextDocument: docID(uri)}, &edits)
	if err == nil || !strings.Contains(err.Error(), "line 7: formatting would change what the diagram means (Mermaid has no pioneers areas") {
		t.Errorf("formatting a diagram with an area: err = %v, edits %+v", err, edits)
	}
}
