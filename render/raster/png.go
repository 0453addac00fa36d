package raster

import (
	"bufio"
	"bytes"
	"compress/flate"
	"encoding/binary"
	"hash/crc32"
	"image"
	"io"
	"runtime"
	"sync"
)

// writePNG writes img as a PNG. It exists because image/png spends most of its time choosing a
// row filter (it tries all five on every row), several times longer than rasterising a map.
// Maps are mostly flat colour, for which the "Up" filter alone compresses about as well: rows
// repeat their predecessor and become zeros.
//
// The image is cut into bands of bandRows rows that are filtered and compressed in parallel,
// each as a run of deflate blocks ending on a byte boundary, then joined into one zlib stream
// (the bands' Adler-32 checksums are combined). The bands depend only on the image size, never
// on the number of processors, so the bytes are the same on every machine. The picture is
// written as 8-bit RGB when opaque is set (every pixel must then be opaque) and as RGBA
// otherwise.
func writePNG(w io.Writer, img *image.RGBA, opaque bool) error {
	b := img.Bounds()
	width, height := b.Dx(), b.Dy()
	colorType := byte(6) // RGBA
	if opaque {
		colorType = 2 // RGB
	}
	cw := &chunkWriter{w: bufio.NewWriterSize(w, 64<<10)}
	cw.raw([]byte("\x89PNG\r\n\x1a\n"))
	var ihdr [13]byte
	binary.BigEndian.PutUint32(ihdr[0:], uint32(width))
	binary.BigEndian.PutUint32(ihdr[4:], uint32(height))
	ihdr[8], ihdr[9] = 8, colorType // bit depth, colour type; compression, filter, interlace 0
	cw.chunk("IHDR", ihdr[:])

	nb := (height + bandRows - 1) / bandRows
	results := make([]band, nb)
	next := make(chan int)
	var wg sync.WaitGroup
	for range min(nb, runtime.GOMAXPROCS(0)) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			enc := encoders.Get().(*bandEncoder)
			defer encoders.Put(enc)
			for i := range next {
				results[i] = enc.encode(img, opaque, i*bandRows, min(height, (i+1)*bandRows), i == nb-1)
			}
		}()
	}
	for i := range nb {
		next <- i
	}
	close(next)
	wg.Wait()

	// One IDAT chunk per band: the zlib header, the bands' deflate data, then the checksum.
	cw.chunk("IDAT", []byte{0x78, 0x01}) // deflate, 32 KiB window, fastest compression
	sum := uint32(1)
	for _, r := range results {
		if r.err != nil {
			return r.err
		}
		cw.chunk("IDAT", r.data)
		sum = adler32Combine(sum, r.adler, r.n)
	}
	var tail [4]byte
	binary.BigEndian.PutUint32(tail[:], sum)
	cw.chunk("IDAT", tail[:])
	cw.chunk("IEND", nil)
	if cw.err != nil {
		return cw.err
	}
	return cw.w.Flush()
}

// bandRows is the height of the bands compressed independently.
const bandRows = 128

// band is one compressed band: its deflate bytes, the Adler-32 of its uncompressed bytes and
// their count.
type band struct {
	data  []byte
	adler uint32
	n     int
	err   error
}

// bandEncoder filters and compresses bands, reusing its buffers and compressor (a flate
// writer allocates about a megabyte, so encoders are pooled between images).
type bandEncoder struct {
	zw       *flate.Writer
	line     []byte
	straight [2][]byte
}

var encoders = sync.Pool{New: func() any { return new(bandEncoder) }}

// encode filters rows y0..y1 with the Up filter and deflates them; every band but the last ends
// with a sync flush (a byte-aligned, non-final block) so that the bands can be concatenated.
func (e *bandEncoder) encode(img *image.RGBA, opaque bool, y0, y1 int, last bool) band {
	b := img.Bounds()
	width := b.Dx()
	bpp := 4
	if opaque {
		bpp = 3
	}
	out := bytes.NewBuffer(make([]byte, 0, (y1-y0)*width/4+1024))
	if e.zw == nil {
		e.zw, _ = flate.NewWriter(out, flate.BestSpeed)
	} else {
		e.zw.Reset(out)
	}
	if len(e.line) != 1+width*bpp {
		e.line = make([]byte, 1+width*bpp)
	}
	if !opaque && len(e.straight[0]) != 4*width {
		e.straight = [2][]byte{make([]byte, 4*width), make([]byte, 4*width)}
	}
	line := e.line
	line[0] = 2 // the Up filter: each byte minus the byte above it
	sum := newAdler()
	rowAt := func(y int) []byte {
		off := img.PixOffset(b.Min.X, b.Min.Y+y)
		return img.Pix[off : off+4*width]
	}
	var above []byte
	if y0 > 0 {
		above = rowAt(y0 - 1)
		if !opaque {
			unpremultiplyRow(e.straight[1], above)
		}
	}
	for y := y0; y < y1; y++ {
		row := rowAt(y)
		dst := line[1:]
		switch {
		case above != nil && bytes.Equal(row, above):
			clear(dst) // a row like the one above is all zeros after filtering
			if !opaque {
				copy(e.straight[0], e.straight[1])
			}
		case opaque:
			upRGB(dst, row, above)
		default:
			// PNG stores straight alpha; the image holds premultiplied colour.
			cur, prev := e.straight[0], e.straight[1]
			unpremultiplyRow(cur, row)
			if above == nil {
				copy(dst, cur)
			} else {
				for i := range dst {
					dst[i] = cur[i] - prev[i]
				}
			}
		}
		if !opaque {
			e.straight[0], e.straight[1] = e.straight[1], e.straight[0]
		}
		sum.write(line)
		if _, err := e.zw.Write(line); err != nil {
			return band{err: err}
		}
		above = row
	}
	var err error
	if last {
		err = e.zw.Close()
	} else {
		err = e.zw.Flush()
	}
	return band{data: out.Bytes(), adler: sum.sum(), n: (y1 - y0) * len(line), err: err}
}

// adler32Combine returns the Adler-32 of the concatenation of two byte strings from the
// checksum of the first, the checksum of the second and the second's length.
func adler32Combine(a1, a2 uint32, n2 int) uint32 {
	const mod = 65521
	rem := uint64(n2 % mod)
	s1a, s2a := uint64(a1&0xffff), uint64(a1>>16)
	s1b, s2b := uint64(a2&0xffff), uint64(a2>>16)
	s1 := (s1a + s1b + mod - 1) % mod
	s2 := (s2a + s2b + rem*s1a + mod - rem) % mod
	return uint32(s2<<16 | s1)
}

// upRGB writes the Up-filtered RGB bytes of an RGBA row; above is the previous RGBA row or nil.
// Runs of pixels equal to those above (most of a map) are found sixteen at a time with a memory
// compare and written as zeros.
func upRGB(dst, row, above []byte) {
	width := len(row) / 4
	dst = dst[:3*width]
	if above == nil {
		for x := 0; x < width; x++ {
			s, d := row[4*x:4*x+3:4*x+3], dst[3*x:3*x+3:3*x+3]
			d[0], d[1], d[2] = s[0], s[1], s[2]
		}
		return
	}
	above = above[:len(row)]
	const run = 16
	for x0 := 0; x0 < width; x0 += run {
		x1 := min(width, x0+run)
		if bytes.Equal(row[4*x0:4*x1], above[4*x0:4*x1]) {
			clear(dst[3*x0 : 3*x1])
			continue
		}
		for x := x0; x < x1; x++ {
			s, a, d := row[4*x:4*x+3:4*x+3], above[4*x:4*x+3:4*x+3], dst[3*x:3*x+3:3*x+3]
			d[0], d[1], d[2] = s[0]-a[0], s[1]-a[1], s[2]-a[2]
		}
	}
}

// adler is a running Adler-32 checksum that skips over runs of zero bytes in constant time
// (a zero adds nothing to the first sum and the first sum again to the second), which is what
// most of a filtered map image is.
type adler struct{ s1, s2 uint32 }

const adlerMod = 65521

func newAdler() adler { return adler{s1: 1} }

func (a *adler) write(p []byte) {
	s1, s2 := uint64(a.s1), uint64(a.s2)
	for len(p) > 0 {
		z := 0
		for z+8 <= len(p) && binary.LittleEndian.Uint64(p[z:]) == 0 {
			z += 8
		}
		if z > 0 {
			s2 = (s2 + uint64(z)%adlerMod*s1) % adlerMod
			p = p[z:]
			continue
		}
		n := min(len(p), 8)
		for _, c := range p[:n] {
			s1 += uint64(c)
			s2 += s1
		}
		s1 %= adlerMod
		s2 %= adlerMod
		p = p[n:]
	}
	a.s1, a.s2 = uint32(s1), uint32(s2)
}

func (a adler) sum() uint32 { return a.s2<<16 | a.s1 }

// unpremultiplyRow converts a premultiplied RGBA row to straight RGBA.
func unpremultiplyRow(dst, row []byte) {
	copy(dst, row)
	for i := 0; i+3 < len(dst); i += 4 {
		if a := dst[i+3]; a != 0 && a != 255 {
			dst[i], dst[i+1], dst[i+2] = unpremultiply(dst[i], a), unpremultiply(dst[i+1], a), unpremultiply(dst[i+2], a)
		}
	}
}

func unpremultiply(c, a uint8) uint8 {
	v := (uint32(c)*255 + uint32(a)/2) / uint32(a)
	return uint8(min(v, 255))
}

// chunkWriter writes PNG chunks and remembers the first error.
type chunkWriter struct {
	w   *bufio.Writer
	err error
}

func (c *chunkWriter) raw(p []byte) {
	if c.err == nil {
		_, c.err = c.w.Write(p)
	}
}

func (c *chunkWriter) chunk(name string, data []byte) {
	var head [8]byte
	binary.BigEndian.PutUint32(head[:4], uint32(len(data)))
	copy(head[4:], name)
	crc := crc32.NewIEEE()
	crc.Write(head[4:])
	crc.Write(data)
	var tail [4]byte
	binary.BigEndian.PutUint32(tail[:], crc.Sum32())
	c.raw(head[:])
	c.raw(data)
	c.raw(tail[:])
}
