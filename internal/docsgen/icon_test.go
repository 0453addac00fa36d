package docsgen

import (
	"image/color"
	"testing"
)

func TestIconShape(t *testing.T) {
	img := Icon(128)
	if got := img.Bounds().Dx(); got != 128 {
		t.Fatalf("width = %d, want 128", got)
	}
	tests := []struct {
		name      string
		x, y      int
		wantAlpha func(a uint8) bool
	}{
		{"corner outside the rounded tile is transparent", 2, 2, func(a uint8) bool { return a == 0 }},
		{"centre of the tile is opaque", 64, 20, func(a uint8) bool { return a == 255 }},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if a := img.NRGBAAt(tc.x, tc.y).A; !tc.wantAlpha(a) {
				t.Errorf("alpha at (%d,%d) = %d", tc.x, tc.y, a)
			}
		})
	}
	t.Run("the evolution arrow is red", func(t *testing.T) {
		// The arrow runs along y = 340 in design units, between x = 212 and 325.
		c := img.NRGBAAt(64*250/256, 340*128/512)
		if c != (color.NRGBA{0xe6, 0x39, 0x46, 0xff}) {
			t.Errorf("arrow pixel = %v, want the evolution red", c)
		}
	})
}
