package edit

import "testing"

func TestLooselyEqualMatchesNormalize(t *testing.T) {
	names := []string{"Cup of Tea", "cup  of tea", " Cup of\ttea ", "Cup of Teas", "Cupof Tea", "", " ", "ÉTÉ café", "été CAFÉ", "a\nb", "A B"}
	for _, a := range names {
		for _, b := range names {
			if got, want := looselyEqual(a, b), normalize(a) == normalize(b); got != want {
				t.Errorf("looselyEqual(%q, %q) = %v, want %v", a, b, got, want)
			}
		}
	}
}
