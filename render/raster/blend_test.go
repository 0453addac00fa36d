package raster

import (
	"image/color"
	"math/rand/v2"
	"testing"
)

// blendReference is blendPixel written channel by channel: the definition it must match.
func blendReference(px []uint8, s color.RGBA, m uint32) {
	if m == 255 && s.A == 255 {
		px[0], px[1], px[2], px[3] = s.R, s.G, s.B, s.A
		return
	}
	inv := 255 - div255(uint32(s.A)*m)
	px[0] = uint8(div255(uint32(s.R)*m + uint32(px[0])*inv))
	px[1] = uint8(div255(uint32(s.G)*m + uint32(px[1])*inv))
	px[2] = uint8(div255(uint32(s.B)*m + uint32(px[2])*inv))
	px[3] = uint8(div255(uint32(s.A)*m + uint32(px[3])*inv))
}

// TestBlendPixelMatchesReference checks the lane arithmetic of blendPixel against the channel
// by channel definition: every source alpha, coverage and destination byte, with colour
// channels at the extremes a premultiplied colour allows (0 and the alpha itself) and between.
func TestBlendPixelMatchesReference(t *testing.T) {
	check := func(s color.RGBA, m uint32, d [4]uint8) {
		t.Helper()
		want, got := d, d
		blendReference(want[:], s, m)
		src := newSource(s)
		blendPixel(got[:], &src, m)
		if got != want {
			t.Fatalf("blend %v with coverage %d over %v = %v, want %v", s, m, d, got, want)
		}
	}
	for a := 0; a < 256; a++ {
		s := color.RGBA{R: uint8(a), G: uint8(a / 2), B: 0, A: uint8(a)}
		for m := uint32(0); m < 256; m++ {
			for d := 0; d < 256; d++ {
				check(s, m, [4]uint8{uint8(d), uint8(255 - d), 255, uint8(d)})
			}
		}
	}
	rng := rand.New(rand.NewPCG(1, 2))
	for range 1 << 20 {
		a := uint8(rng.IntN(256))
		s := color.RGBA{R: uint8(rng.IntN(int(a) + 1)), G: uint8(rng.IntN(int(a) + 1)), B: uint8(rng.IntN(int(a) + 1)), A: a}
		check(s, uint32(rng.IntN(256)), [4]uint8{uint8(rng.IntN(256)), uint8(rng.IntN(256)), uint8(rng.IntN(256)), uint8(rng.IntN(256))})
	}
}
