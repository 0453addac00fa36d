package raster

import (
	"bufio"
	"bytes"
	"compress/zlib"
	"encoding/binary"
	"hash/crc32"
	"image"
	"io"
)

// writePNG writes img as a PNG. It exists because image/png spends most of its time choosing a
// row filter (it tries all five on every row), several times longer than rasterising a map.
// Maps are mostly flat colour, for which the "Up" filter alone compresses about as well: rows
// repeat their predecessor and become zeros. The picture is written as 8-bit RGB when it is
// fully opaque and as RGBA otherwise; the bytes depend only on the pixels.
func writePNG(w io.Writer, img *image.RGBA) error {
	b := img.Bounds()
	width, height := b.Dx(), b.Dy()
	opaque := img.Opaque()
	bpp := 4
	colorType := byte(6) // RGBA
	if opaque {
		bpp, colorType = 3, 2 // RGB
	}
	cw := &chunkWriter{w: bufio.NewWriterSize(w, 64<<10)}
	cw.raw([]byte("\x89PNG\r\n\x1a\n"))
	var ihdr [13]byte
	binary.BigEndian.PutUint32(ihdr[0:], uint32(width))
	binary.BigEndian.PutUint32(ihdr[4:], uint32(height))
	ihdr[8], ihdr[9] = 8, colorType // bit depth, colour type; compression, filter, interlace 0
	cw.chunk("IHDR", ihdr[:])

	idat := &idatWriter{cw: cw, buf: make([]byte, 0, 256<<10)}
	zw, err := zlib.NewWriterLevel(idat, zlib.BestSpeed)
	if err != nil {
		return err
	}
	line := make([]byte, 1+width*bpp)
	line[0] = 2 // the Up filter: each byte minus the byte above it
	var straight, straightPrev []byte
	if !opaque {
		straight, straightPrev = make([]byte, 4*width), make([]byte, 4*width)
	}
	var prevRow []byte
	for y := 0; y < height; y++ {
		off := img.PixOffset(b.Min.X, b.Min.Y+y)
		row := img.Pix[off : off+4*width]
		dst := line[1:]
		switch {
		case prevRow != nil && bytes.Equal(row, prevRow):
			clear(dst) // a row like the one above is all zeros after filtering
		case opaque:
			upRGB(dst, row, prevRow)
		default:
			// PNG stores straight alpha; the image holds premultiplied colour.
			unpremultiplyRow(straight, row)
			if prevRow == nil {
				copy(dst, straight)
			} else {
				for i := range dst {
					dst[i] = straight[i] - straightPrev[i]
				}
			}
			straight, straightPrev = straightPrev, straight
		}
		if _, err := zw.Write(line); err != nil {
			return err
		}
		prevRow = row
	}
	if err := zw.Close(); err != nil {
		return err
	}
	idat.flush()
	cw.chunk("IEND", nil)
	if cw.err != nil {
		return cw.err
	}
	return cw.w.Flush()
}

// upRGB writes the Up-filtered RGB bytes of an RGBA row; above is the previous RGBA row or nil.
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
	for x := 0; x < width; x++ {
		s, a, d := row[4*x:4*x+3:4*x+3], above[4*x:4*x+3:4*x+3], dst[3*x:3*x+3:3*x+3]
		d[0], d[1], d[2] = s[0]-a[0], s[1]-a[1], s[2]-a[2]
	}
}

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

// idatWriter cuts the compressed stream into IDAT chunks of a fixed size.
type idatWriter struct {
	cw  *chunkWriter
	buf []byte
}

func (d *idatWriter) Write(p []byte) (int, error) {
	n := len(p)
	for len(p) > 0 {
		k := min(len(p), cap(d.buf)-len(d.buf))
		d.buf = append(d.buf, p[:k]...)
		p = p[k:]
		if len(d.buf) == cap(d.buf) {
			d.flush()
		}
	}
	return n, d.cw.err
}

func (d *idatWriter) flush() {
	if len(d.buf) > 0 {
		d.cw.chunk("IDAT", d.buf)
		d.buf = d.buf[:0]
	}
}
