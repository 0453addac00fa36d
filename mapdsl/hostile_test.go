package mapdsl

import (
	"bytes"
	"fmt"
	"strings"
	"testing"
)

// TestHostileInput feeds the parser input a map file should never hold and checks that each case
// is read without a panic, with the expected diagnostic, and with a cost that grows linearly
// (allocations per input byte stay bounded; no wall-clock assertions).
func TestHostileInput(t *testing.T) {
	many := func(n int, line string) string { return strings.Repeat(line, n) }
	var big bytes.Buffer
	for i := 0; i < 100000; i++ {
		fmt.Fprintf(&big, "component C%d [0.5, 0.5]\n", i)
	}
	cases := []struct {
		name     string
		src      string
		wantCode string // a diagnostic with this code must be present ("" for none)
		wantSev  Severity
		noErrors bool
	}{
		{"binary garbage", "\x00\x01\x02\xff\xfe\x7f component", "binary-data", SeverityError, false},
		{"NUL in a name", "component A\x00B [0.5, 0.5]", "binary-data", SeverityError, false},
		{"invalid UTF-8", "component Caf\xe9 [0.5, 0.5]", "invalid-utf8", SeverityError, false},
		{"byte-order mark", "\ufefftitle T\ncomponent A [0.5, 0.5]", "", 0, true},
		{"1 MB single line", "component " + strings.Repeat("x", 1<<20) + " [0.5, 0.5]", "", 0, true},
		{"1 MB link line", strings.Repeat("a->", 1<<18), "unknown-component", SeverityWarning, true},
		{"1 MB of brackets", "component A " + strings.Repeat("[", 1<<20), "", 0, true},
		{"100,000 components", big.String(), "", 0, true},
		{"thousands of pipeline blocks", many(5000, "component P [0.5, 0.5]\npipeline P\n{\ncomponent C [0.3]\n}\n"), "duplicate-name", SeverityWarning, true},
		{"unclosed block comment", "component A [0.5, 0.5]\n/* never closed\ncomponent B [0.1, 0.1]", "unclosed-comment", SeverityWarning, true},
		{"unclosed quote", "component \"A [0.5, 0.5]\nnote \"open [0.1, 0.1]", "unclosed-quote", SeverityWarning, true},
		{"hexadecimal number", "component B [0.5, 0x10]", "number-prefix", SeverityWarning, true},
		{"number with trailing junk", "component B [0.5abc, 0.5]", "number-prefix", SeverityWarning, true},
		{"huge numbers", "component A [1e309, NaN]\ncomponent B [-0, 0x10]\ncomponent C [" + strings.Repeat("9", 500) + ", 0.5]", "bad-number", SeverityWarning, true},
		{"name of spaces", "component      [0.5, 0.5]", "missing-name", SeverityWarning, true},
		{"name of punctuation", "component !@#$%^&*() [0.5, 0.5]\n!@#$%^&*()->x", "unknown-component", SeverityWarning, true},
		{"right-to-left and zero-width", "component \u202eevil\u200b [0.5, 0.5]\n\u202eevil\u200b->x", "unknown-component", SeverityWarning, true},
		{"emoji", "component 🫖 Tea 🍵 [0.5, 0.5]\n🫖 Tea 🍵->🫖 Tea 🍵", "", 0, true},
		{"too large", strings.Repeat("x", MaxInputSize+1), "too-large", SeverityError, false},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			src := []byte(tc.src)
			f, ds := ParseFile("hostile.owm", src)
			if f == nil || f.Map == nil {
				t.Fatal("nil result")
			}
			for _, d := range ds {
				if d.Code == "internal-error" {
					t.Fatalf("panic: %s", d.Message)
				}
			}
			checkRanges(t, src, f, ds)
			for _, d := range ds {
				// Messages quote at most a clipped piece of the source, however long the line.
				if len(d.Message) > 400 {
					t.Errorf("a %d-byte message: %.100s...", len(d.Message), d.Message)
				}
			}
			if tc.wantCode != "" && !hasDiag(ds, tc.wantCode, tc.wantSev) {
				t.Errorf("want a %v %q diagnostic; got %d diagnostics, first %v", tc.wantSev, tc.wantCode, len(ds), firstDiags(ds))
			}
			if tc.noErrors && ds.HasErrors() {
				t.Errorf("unexpected errors: %v", firstDiags(ds.Errors()))
			}
		})
	}
}

// TestHostileInputScalesLinearly doubles each kind of large input and checks that the number of
// allocations at most about doubles too (allocation counts are stable where timings are not).
func TestHostileInputScalesLinearly(t *testing.T) {
	gen := map[string]func(n int) string{
		"components": func(n int) string {
			var b strings.Builder
			for i := 0; i < n; i++ {
				fmt.Fprintf(&b, "component C%d [0.5, 0.5] label [1, 2]\nC%d->C%d\n", i, i, i/2)
			}
			return b.String()
		},
		"pipeline blocks": func(n int) string {
			var b strings.Builder
			for i := 0; i < n; i++ {
				fmt.Fprintf(&b, "component P%d [0.5, 0.5]\npipeline P%d\n{\ncomponent C%d [0.3]\n}\n", i, i, i)
			}
			return b.String()
		},
		"one long line":      func(n int) string { return "component " + strings.Repeat("x ", n*10) + "[0.5, 0.5]" },
		"unknown link names": func(n int) string { return strings.Repeat("a b c->d e f\n", n) },
		"comment lines":      func(n int) string { return "/*\n" + strings.Repeat("component A [0.5, 0.5]\n", n) },
	}
	for name, g := range gen {
		t.Run(name, func(t *testing.T) {
			small, large := []byte(g(4000)), []byte(g(8000))
			// Without the statement cache: measure the parser, not how much of the input fits it.
			a := testing.AllocsPerRun(1, func() { parseFileWith("", small, nil) })
			b := testing.AllocsPerRun(1, func() { parseFileWith("", large, nil) })
			if b > 2.3*a+50 {
				t.Errorf("allocations grow faster than the input: %.0f for n, %.0f for 2n", a, b)
			}
		})
	}
}

func firstDiags(ds Diagnostics) Diagnostics {
	if len(ds) > 3 {
		return ds[:3]
	}
	return ds
}

// TestHostileNumbersNeverReachTheModel checks that NaN and infinities become defaults.
func TestHostileNumbersNeverReachTheModel(t *testing.T) {
	m, _ := Parse("", []byte("component A [1e309, NaN]\nevolve A 1e999\nsize [Infinity, -Infinity]\nannotation 1 [NaN, 1e400] x"))
	for _, v := range []float64{m.Components[0].Coords.Visibility.Value, m.Components[0].Coords.Maturity.Value, m.Width, m.Height} {
		if v != v || v > 1e300 || v < -1e300 {
			t.Errorf("non-finite value %v in the model", v)
		}
	}
}
