package mapdsl

import "testing"

// TestNumberTail checks what an edit keeps after a number it rewrites: the text after the
// decimal number OWM reads, blanks inside the number dropped as OWM drops them.
func TestNumberTail(t *testing.T) {
	tests := []struct{ raw, tail string }{
		{"0.5", ""},
		{" 0.5", ""},
		{"0.5inertia", "inertia"},
		{"0.5 inertia", " inertia"},
		{"0. 5x", "x"},   // OWM reads "0.5", then x
		{"0 .5 x", " x"}, // the blank after the number stays as written
		{"5e-1e", "e"},   // the exponent belongs to the number
		{"0.6.5", ".5"},  // a second point ends the number
		{"0x10", "x10"},  // read as 0
		{"abc", ""},      // no number: nothing to keep apart
		{"", ""},
		{"-", ""},
	}
	for _, tc := range tests {
		t.Run(tc.raw, func(t *testing.T) {
			if got := NumberTail(tc.raw); got != tc.tail {
				t.Errorf("NumberTail(%q) = %q, want %q", tc.raw, got, tc.tail)
			}
		})
	}
}
