package lint

import (
	"fmt"
	"math/rand"
	"slices"
	"strings"
	"sync"
	"testing"

	"mapwright/mapdsl"
)

// The rules work on folded and normalised bytes, hashes and reused memory instead of building
// strings; each test below holds one of those fast paths to the plain statement of what it
// computes (reference_test.go) on many random inputs, Unicode and broken UTF-8 included.

// textPieces are the bits random texts are made of: ASCII and other letters (some of which
// change length when lower-cased), digits, every kind of space, punctuation, invisible and
// invalid characters.
var textPieces = []string{
	"a", "b", "e", "s", "k", "A", "B", "E", "S", "K", "1", "2", " ", "  ", "\t", "\n", "\r", "\v",
	"-", "'", ".", "/", "*", "é", "É", "ß", "ẞ", "İ", "ı", "Σ", "ς", "σ", "ǅ", "Ⱥ", "ⱥ", "日", "本",
	"\u00a0", "\u2003", "\u0085", "\u3000", "\u2013", "\u2019", "\u2026", "\u200b", "\u212a",
	"\ufffd", "\xff", "\xc3", "\xe2\x82",
}

func randomText(r *rand.Rand, pieces []string, maxLen int) string {
	var b strings.Builder
	for range r.Intn(maxLen + 1) {
		b.WriteString(pieces[r.Intn(len(pieces))])
	}
	return b.String()
}

func TestNormaliseAgreesWithStrings(t *testing.T) {
	r := rand.New(rand.NewSource(1))
	for range 20000 {
		s := randomText(r, textPieces, 12)
		want := normaliseReference(s)
		if got := normalise(s); got != want {
			t.Fatalf("normalise(%q) = %q, want %q", s, got, want)
		}
		if isNormalised(s) && s != want {
			t.Fatalf("isNormalised(%q), but it normalises to %q", s, want)
		}
	}
}

// TestFoldAgreesWithReference: fold reads ASCII byte by byte and other text rune by rune.
func TestFoldAgreesWithReference(t *testing.T) {
	r := rand.New(rand.NewSource(11))
	pieces := append([]string{"Z", "z", "@", "[", "`", "{", "0", "9", "\x7f", "_"}, textPieces...)
	for range 20000 {
		s := randomText(r, pieces, 12)
		if got, want := string(fold(nil, s)), foldReference(s); got != want {
			t.Fatalf("fold(%q) = %q, want %q", s, got, want)
		}
	}
}

// TestCommentIndexAgreesWithReference looks names up in the comments of random sources.
func TestCommentIndexAgreesWithReference(t *testing.T) {
	r := rand.New(rand.NewSource(6))
	words := []string{"Power", "power", "POWER", "Hot Water", "hot  water", "hot\twater", "Powerful", "é", "É t", "日本", "x"}
	lines := []string{"// ", "//component ", "// component ", "/* ", "*/", " */ ", "url x //", "  url //", "anchor ",
		"component ", "/*/", "//*", "// anchor  ", "-", "1", " ", "\xff", "\u00a0"}
	pieces := append(append([]string{}, words...), lines...)
	var x commentIndex // one index for every text, as a pass keeps it from run to run
	for range 3000 {
		var src strings.Builder
		for range r.Intn(12) {
			src.WriteString(randomText(r, pieces, 5))
			src.WriteString("\n")
		}
		if r.Intn(2) == 0 {
			src.WriteString(randomText(r, pieces, 3)) // no newline at the end
		}
		text := []byte(src.String())
		x.build(text)
		cs := commentsReference(text)
		names := append(words, randomText(r, words, 2), randomText(r, pieces, 3), "", " ")
		for _, indexed := range []bool{false, true} {
			if indexed {
				x.indexWords() // what a map with thousands of unknown names comes to
			}
			for _, name := range names {
				gl, gok := x.defines(name)
				wl, wok := definesReference(cs, name)
				if gl != wl || gok != wok {
					t.Fatalf("source %q, name %q, word index %v: line %d, %v; want %d, %v", text, name, indexed, gl, gok, wl, wok)
				}
			}
		}
	}
}

// TestMergeFindingsInAnyOrder: Merge, which searches the findings by position, keeps and drops
// the same parser diagnostics when the findings come unsorted.
func TestMergeFindingsInAnyOrder(t *testing.T) {
	src := []byte("title M\nanchor Customer [0.95, 0.5]\ncomponent Kettle [0.5, 0.45]\ncomponent Kettle [0.4, 0.45]\n" +
		"// component Power [0.1, 0.7]\nevolve Kettle 0.3\nCustomer->Kettle\nKettle->Power\nCustomer->Ketle\nPower->Kettle\n")
	m, diags := mapdsl.Parse("m.owm", src)
	cfg := Config{}
	findings := Run(Input{Map: m, Source: src}, cfg)
	if len(findings) < 3 {
		t.Fatalf("want at least 3 findings to shuffle, got %v", findings)
	}
	key := func(ds mapdsl.Diagnostics) []string {
		var out []string
		for _, d := range ds {
			out = append(out, d.Format("")+" "+d.Code)
		}
		slices.Sort(out)
		return out
	}
	want := key(Merge(diags, findings, cfg))
	r := rand.New(rand.NewSource(7))
	for range 20 {
		shuffled := slices.Clone(findings)
		r.Shuffle(len(shuffled), func(i, j int) { shuffled[i], shuffled[j] = shuffled[j], shuffled[i] })
		if got := key(Merge(diags, shuffled, cfg)); !slices.Equal(got, want) {
			t.Fatalf("with findings %v:\ngot  %q\nwant %q", shuffled, got, want)
		}
	}
}

// TestMergeAgreesWithReference merges random parser diagnostics and findings, sorted or not,
// with places and codes from small sets so that duplicates, replacements and ties are common.
func TestMergeAgreesWithReference(t *testing.T) {
	r := rand.New(rand.NewSource(8))
	codes := []string{"unknown-component", "link-commented-out", "duplicate-name", "stage-boundary", "syntax", ""}
	random := func(n int) mapdsl.Diagnostics {
		var ds mapdsl.Diagnostics
		for range n {
			off := r.Intn(6)
			ds = append(ds, mapdsl.Diagnostic{Severity: mapdsl.Severity(r.Intn(3)), Code: codes[r.Intn(len(codes))],
				Range:   mapdsl.Range{Start: mapdsl.Pos{Offset: off, Line: off/2 + r.Intn(2)}},
				Message: fmt.Sprint(r.Intn(1000))})
		}
		if r.Intn(4) > 0 {
			ds.Sort()
		}
		return ds
	}
	configs := []Config{{}, {Disable: []string{"link-commented-out"}}, {Disable: []string{"unknown-component", "syntax"}}}
	for range 20000 {
		parser, findings, cfg := random(r.Intn(8)), random(r.Intn(8)), configs[r.Intn(len(configs))]
		want := mergeReference(slices.Clone(parser), slices.Clone(findings), cfg)
		if got := Merge(parser, findings, cfg); !slices.Equal(got, want) {
			t.Fatalf("Merge(%v, %v, %v)\n = %v\nwant %v", parser, findings, cfg, got, want)
		}
	}
}

// TestRunsShareNothing lints several maps over and over, in turn and at the same time, and
// expects every run of a map to find what its first run found: the passes Run keeps for the
// next runs carry nothing from one map to another.
func TestRunsShareNothing(t *testing.T) {
	srcs := [][]byte{
		[]byte("title A\nanchor User [0.9, 0.5]\ncomponent Kettle [0.5, 0.4]\ncomponent Kettel [0.5, 0.5]\n// component Power [0.1, 0.7]\nUser->Kettle\nKettle->Power\nKettle->Ketle\n"),
		[]byte("title B\ncomponent Tea [0.7, 0.5]\ncomponent Teas [0.6, 0.5]\nTea->Water\nevolve Tea 0.3\n"),
		[]byte("title C\nanchor Customer [0.95, 0.5]\ncomponent Cup of Tea [0.8, 0.4]\ncomponent cup-of-tea [0.7, 0.4]\nCustomer->cup of  tea\nIsland->Other\n"),
	}
	type result struct {
		m    *mapdsl.Map
		src  []byte
		want string
	}
	var results []result
	for _, src := range srcs {
		m, _ := mapdsl.Parse("m.owm", src)
		results = append(results, result{m, src, fmt.Sprint(Run(Input{Map: m, Source: src}, Config{Enable: []string{"all"}}))})
		if results[len(results)-1].want == "[]" {
			t.Fatalf("map %q has no findings to compare", src)
		}
	}
	var wg sync.WaitGroup
	errs := make(chan string, 100)
	for g := range 4 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range 300 {
				r := results[(g+i)%len(results)]
				if got := fmt.Sprint(Run(Input{Map: r.m, Source: r.src}, Config{Enable: []string{"all"}})); got != r.want {
					errs <- fmt.Sprintf("run %d of map %q found\n%s\nthe first run\n%s", i, r.src, got, r.want)
					return
				}
			}
		}()
	}
	wg.Wait()
	close(errs)
	for e := range errs {
		t.Error(e)
	}
}

// TestURLLinesAgreeWithReference: a url statement, whose address may hold "//", is recognised
// after any white space, as strings.TrimSpace sees it.
func TestURLLinesAgreeWithReference(t *testing.T) {
	r := rand.New(rand.NewSource(10))
	pieces := []string{" ", "\t", "\v", "\r", "\u00a0", "\u0085", "\u2003", "url", "ur", "l", "x", "/", "\xff"}
	for range 20000 {
		line := randomText(r, pieces, 5)
		if got, want := isURLLine(line), strings.HasPrefix(strings.TrimSpace(line), "url"); got != want {
			t.Fatalf("isURLLine(%q) = %v, want %v", line, got, want)
		}
	}
}

// TestReleaseForgetsTheMap: a pass kept for the next run holds nothing of the map it linted
// (names, link ends, comments), so that the caller's text can be collected.
func TestReleaseForgetsTheMap(t *testing.T) {
	src := []byte("title A\nanchor User [0.9, 0.5]\ncomponent kettle [0.5, 0.4]\ncomponent Kettel [0.5, 0.5]\n" +
		"// component Power [0.1, 0.7]\nUser->kettle\nkettle->Power\nkettle->Ketle\nIsland->Other\n")
	m, diags := mapdsl.Parse("m.owm", src)
	p := newPass(Input{Map: m, Diagnostics: diags, Source: src}, Config{Enable: []string{"all"}})
	for _, rule := range Rules {
		if rule.check != nil {
			rule.check(p)
		}
	}
	if len(p.out) == 0 || len(p.near.seen) == 0 || len(p.verdicts) == 0 {
		t.Fatalf("the rules found nothing to forget: %v", p.out)
	}
	p.release() // a small map: the pass is kept
	for what, n := range map[string]int{"findings": len(p.out), "near-duplicate names": len(p.near.seen),
		"names": len(p.index.id) + len(p.index.all), "link verdicts": len(p.verdicts), "unknown names": len(p.unknown),
		"comments": len(p.comments.definitions.text) + len(p.comments.others.text)} {
		if n != 0 {
			t.Errorf("after release the pass still holds %d %s", n, what)
		}
	}
	if p.in.Map != nil || p.in.Source != nil || p.in.Diagnostics != nil {
		t.Error("after release the pass still holds its input")
	}
}
