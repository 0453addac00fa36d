package edit

import (
	"testing"
)

func TestApply(t *testing.T) {
	src := []byte("abcdef")
	tests := []struct {
		name    string
		splices []Splice
		want    string
	}{
		{"none", nil, "abcdef"},
		{"noop", []Splice{{}}, "abcdef"},
		{"replace", []Splice{{Start: 1, End: 3, Text: "XY"}}, "aXYdef"},
		{"delete", []Splice{{Start: 0, End: 6}}, ""},
		{"insert at end", []Splice{{Start: 6, End: 6, Text: "!"}}, "abcdef!"},
		{"out of order", []Splice{{Start: 4, End: 5, Text: "E"}, {Start: 0, End: 1, Text: "A"}}, "AbcdEf"},
		{"insertions at one offset keep their order", []Splice{{Start: 2, End: 2, Text: "1"}, {Start: 2, End: 2, Text: "2"}}, "ab12cdef"},
		{"adjacent", []Splice{{Start: 0, End: 2, Text: "x"}, {Start: 2, End: 4, Text: "y"}}, "xyef"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if got := string(Apply(src, tc.splices...)); got != tc.want {
				t.Errorf("Apply = %q, want %q", got, tc.want)
			}
			if string(src) != "abcdef" {
				t.Fatalf("Apply changed its input to %q", src)
			}
		})
	}
}

func TestApplyPanicsOnOverlap(t *testing.T) {
	defer func() {
		if recover() == nil {
			t.Error("overlapping splices did not panic")
		}
	}()
	Apply([]byte("abcdef"), Splice{Start: 0, End: 3}, Splice{Start: 2, End: 4})
}

func TestJoin(t *testing.T) {
	src := []byte("component Kettle [0.45, 0.57]")
	tests := []struct {
		name  string
		parts []Splice
		want  Splice
	}{
		{"two numbers become one splice", []Splice{{Start: 18, End: 22, Text: "0.50"}, {Start: 24, End: 28, Text: "0.60"}},
			Splice{Start: 20, End: 28, Text: "50, 0.60"}},
		{"rewriting to the same text is a no-op", []Splice{{Start: 18, End: 22, Text: "0.45"}}, Splice{}},
		{"no-ops vanish", []Splice{{}, {Start: 29, End: 29, Text: " inertia"}}, Splice{Start: 29, End: 29, Text: " inertia"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if got := join(src, tc.parts); got != tc.want {
				t.Errorf("join = %+v, want %+v", got, tc.want)
			}
		})
	}
}

func TestMinimizeKeepsWholeRunes(t *testing.T) {
	// "é" is C3 A9 and "è" is C3 A8: they share a first byte, which must not be split off.
	src := []byte("Café")
	got := minimize(src, Splice{Start: 0, End: len(src), Text: "Cafè"})
	if want := (Splice{Start: 3, End: 5, Text: "è"}); got != want {
		t.Errorf("minimize = %+v, want %+v", got, want)
	}
}

func TestFormatNumbers(t *testing.T) {
	coords := map[float64]string{0.7: "0.70", 0.734: "0.73", 0.735001: "0.74", 1: "1.00", -0.001: "0.00", 0: "0.00", -0.25: "-0.25"}
	for v, want := range coords {
		if got := formatCoord(v); got != want {
			t.Errorf("formatCoord(%v) = %q, want %q", v, got, want)
		}
	}
	offsets := map[float64]string{12: "12", -9.5: "-9.5", 3.254: "3.25", -0.001: "0", 0: "0", 100.126: "100.13"}
	for v, want := range offsets {
		if got := formatOffset(v); got != want {
			t.Errorf("formatOffset(%v) = %q, want %q", v, got, want)
		}
	}
}

func TestWriteName(t *testing.T) {
	tests := []struct {
		name string
		ctx  nameContext
		want string
	}{
		{"Kettle", inDeclaration, "Kettle"},
		{"Cup of Tea", inLinkStart, "Cup of Tea"},
		{"Line one\nLine two", inDeclaration, `"Line one\nLine two"`},
		{`Say "hi"`, inDeclaration, `"Say \"hi\""`},
		{`back\slash`, inLinkEnd, `"back\\slash"`},
		{" padded", inDeclaration, `" padded"`},
		{"buyer", inLinkStart, `"buyer"`},
		{"buyer", inLinkEnd, "buyer"},
		{"Web 2.0", inDeclaration, "Web 2.0"},
		{"Thé ☕ 🫖", inDeclaration, "Thé ☕ 🫖"},
	}
	for _, tc := range tests {
		if got := writeName(tc.name, tc.ctx); got != tc.want {
			t.Errorf("writeName(%q, %d) = %s, want %s", tc.name, tc.ctx, got, tc.want)
		}
	}
}

func TestLineEnding(t *testing.T) {
	tests := []struct {
		src, line, want string
	}{
		{"a\nb\n", "c", "a\nb\nc\n"},
		{"a\nb", "c", "a\nb\nc\n"},
		{"a\r\nb\r\n", "c", "a\r\nb\r\nc\r\n"},
		{"a\r\nb", "c", "a\r\nb\r\nc\r\n"},
		{"", "c", "c\n"},
	}
	for _, tc := range tests {
		if got := string(Apply([]byte(tc.src), appendLine([]byte(tc.src), tc.line))); got != tc.want {
			t.Errorf("appending %q to %q = %q, want %q", tc.line, tc.src, got, tc.want)
		}
	}
}
