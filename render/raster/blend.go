package raster

import (
	"encoding/binary"
	"image/color"
)

// source is a premultiplied colour prepared for blending. Its four channels lie in the four
// 16-bit lanes of a uint64, so that blending multiplies and rounds all of them at once: for
// premultiplied colours no lane ever carries into the next (see blendPixel), so the result is
// bit for bit what blending channel by channel gives.
type source struct {
	packed uint32 // R, G, B, A in memory order (little-endian)
	lanes  uint64 // spread(packed)
	a      uint32
}

func newSource(c color.RGBA) source {
	p := uint32(c.R) | uint32(c.G)<<8 | uint32(c.B)<<16 | uint32(c.A)<<24
	return source{packed: p, lanes: spread(p), a: uint32(c.A)}
}

// opaque reports whether the colour hides what is under it.
func (s *source) opaque() bool { return s.a == 255 }

// spread moves the four bytes of p (R, G, B, A in memory order) into the low bytes of four
// 16-bit lanes: R | B<<16 | G<<32 | A<<48. Any order of the lanes would do; this one takes the
// fewest operations.
func spread(p uint32) uint64 {
	return uint64(p&0x00ff00ff) | uint64(p>>8&0x00ff00ff)<<32
}

// gather is the inverse of spread: lanes holding at most 255 back to four bytes.
func gather(x uint64) uint32 {
	return uint32(x) | uint32(x>>32)<<8
}

// div255 divides by 255 with rounding, exactly, for x up to 255*255.
func div255(x uint32) uint32 { return (x + 128 + ((x + 128) >> 8)) >> 8 }

const (
	laneLow  = 0x00ff00ff00ff00ff // the low byte of every lane
	laneHalf = 0x0080008000800080 // 128 in every lane
)

// blendPixel composites s with coverage m (0..255) over the premultiplied pixel px[0:4]:
// each channel becomes div255(s*m + d*(255 - div255(sA*m))).
//
// In a lane, s <= sA (premultiplied) and d <= 255, so s*m + d*inv is at most
// 255*255 + (sA*m - 255*div255(sA*m)) <= 65025 + 127; with div255's rounding added it stays
// below 65536, so the lanes never overflow into each other.
func blendPixel(px []uint8, s *source, m uint32) {
	if m == 255 && s.a == 255 {
		binary.LittleEndian.PutUint32(px, s.packed)
		return
	}
	binary.LittleEndian.PutUint32(px, blendWith(binary.LittleEndian.Uint32(px), s.lanes, m, 255-div255(s.a*m)))
}

// blendWith is blendPixel's arithmetic on a pixel d (in memory order) with the source's lanes,
// the coverage m and the inverse coverage inv = 255 - div255(sA*m). It is small enough to be
// inlined into the loops that paint many pixels.
func blendWith(d uint32, lanes uint64, m, inv uint32) uint32 {
	x := lanes*uint64(m) + spread(d)*uint64(inv) + laneHalf
	return gather((x + (x>>8)&laneLow) >> 8 & laneLow)
}
