package raster

import (
	"bufio"
	"bytes"
	"compress/flate"
	"encoding/binary"
	"errors"
	"hash/crc32"
	"image"
	"io"
	"runtime"
	"sync"

	"mapwright/internal/cancel"
)

// writePNG writes img as a PNG, faster than image/png by an order of magnitude on maps.
//
// image/png spends most of its time choosing a row filter (it tries all five on every row) and
// compress/flate most of the rest hashing long runs of zeros. A map is mostly blank, with thin
// lines and text: with the "Up" filter (each byte minus the byte above it) nearly every byte
// becomes zero. So the rows are deflated here with a run-length scheme: runs of zeros become
// matches at distance 1 and other bytes literals, all with deflate's fixed Huffman code. That is
// what zlib calls the RLE strategy; on maps its files are about as small as flate's fastest
// level and it runs in a fraction of the time.
//
// The image is cut into bands of bandRows rows encoded in parallel, each a deflate block ending
// on a byte boundary, then joined into one zlib stream (the bands' Adler-32 checksums are
// combined). The bands depend only on the image size, never on the number of processors, so the
// bytes are the same on every machine. The picture is written as 8-bit RGB when opaque is set
// (every pixel must then be opaque) and as RGBA otherwise. With compact, the bands go through
// compress/flate's fastest level instead: about half the file size for about three times the
// time.
func writePNG(w io.Writer, img *image.RGBA, opaque, compact bool) error {
	return writePNGStop(nil, w, img, opaque, compact)
}

// errStopped ends writePNGStop when its stop is done.
var errStopped = errors.New("raster: cancelled")

// writePNGStop is writePNG that stops encoding bands once stop is done; it then returns
// errStopped and writes nothing to w.
func writePNGStop(stop *cancel.Check, w io.Writer, img *image.RGBA, opaque, compact bool) error {
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
				results[i] = enc.encode(img, opaque, compact, i*bandRows, min(height, (i+1)*bandRows), i == nb-1)
			}
		}()
	}
	for i := range nb {
		if stop.Done() {
			break
		}
		next <- i
	}
	close(next)
	wg.Wait()
	if stop.Done() {
		return errStopped
	}

	// One IDAT chunk per band: the zlib header, the bands' deflate data, then the checksum.
	cw.chunk("IDAT", []byte{0x78, 0x01}) // deflate, 32 KiB window, fastest compression
	sum := uint32(1)
	for _, r := range results {
		if r.err != nil {
			return r.err
		}
		cw.chunk("IDAT", r.data)
		sum = adler32Combine(sum, r.adler, r.n)
		if r.pooled {
			putBandBuf(r.data)
		}
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
	data   []byte
	adler  uint32
	n      int
	err    error
	pooled bool // data came from getBandBuf
}

// bandEncoder filters and compresses bands, reusing its buffers and its flate writer (which
// allocates about a megabyte, hence the pool).
type bandEncoder struct {
	line     []byte
	straight [2][]byte
	zw       *flate.Writer
}

var encoders = sync.Pool{New: func() any { return new(bandEncoder) }}

// encode filters rows y0..y1 with the Up filter and deflates them, as one fixed-Huffman block of
// runs or (compact) with compress/flate; either way the band ends byte-aligned with an empty
// stored block, final for the last band.
// pixelRow is row y of img, counted from the top of its bounds.
func pixelRow(img *image.RGBA, y int) []byte {
	b := img.Bounds()
	off := img.PixOffset(b.Min.X, b.Min.Y+y)
	return img.Pix[off : off+4*b.Dx()]
}

func (e *bandEncoder) encode(img *image.RGBA, opaque, compact bool, y0, y1 int, last bool) band {
	if opaque && !compact {
		return encodeRGBRuns(img, y0, y1, last)
	}
	return e.encodeLines(img, opaque, compact, y0, y1, last)
}

// encodeLines is encode one filtered line at a time: each line is made, then checksummed, then
// compressed.
func (e *bandEncoder) encodeLines(img *image.RGBA, opaque, compact bool, y0, y1 int, last bool) band {
	b := img.Bounds()
	width := b.Dx()
	bpp := 4
	if opaque {
		bpp = 3
	}
	if len(e.line) != 1+width*bpp {
		e.line = make([]byte, 1+width*bpp)
	}
	if !opaque && len(e.straight[0]) != 4*width {
		e.straight = [2][]byte{make([]byte, 4*width), make([]byte, 4*width)}
	}
	line := e.line
	line[0] = 2 // the Up filter
	sum := newAdler()
	bw := bitWriter{out: make([]byte, 0, (y1-y0)*width/4+1024)}
	var out *bytes.Buffer
	if compact {
		out = bytes.NewBuffer(bw.out)
		if e.zw == nil {
			e.zw, _ = flate.NewWriter(out, flate.BestSpeed)
		} else {
			e.zw.Reset(out)
		}
	} else {
		bw.bits(0, 1) // not the final block
		bw.bits(1, 2) // fixed Huffman codes
	}
	var above []byte
	if y0 > 0 {
		above = pixelRow(img, y0-1)
		if !opaque {
			unpremultiplyRow(e.straight[1], above)
		}
	}
	for y := y0; y < y1; y++ {
		row := pixelRow(img, y)
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
		if compact {
			if _, err := e.zw.Write(line); err != nil {
				return band{err: err}
			}
		} else {
			bw.runs(line)
		}
		above = row
	}
	if compact {
		if err := e.zw.Flush(); err != nil { // ends with an empty stored block
			return band{err: err}
		}
		bw.out = out.Bytes()
	} else {
		bw.code(0, 7) // end of block (symbol 256)
		bw.bits(0, 1) // an empty stored block: not final,
		bw.bits(0, 2) // stored,
		bw.align()    // padded to a byte, then LEN 0 and NLEN 0xffff
		bw.out = append(bw.out, 0x00, 0x00, 0xff, 0xff)
	}
	if last {
		bw.out = append(bw.out, 0x01, 0x00, 0x00, 0xff, 0xff) // a final empty stored block
	}
	return band{data: bw.out, adler: sum.sum(), n: (y1 - y0) * len(line)}
}

// encodeRGBRuns is encode for an opaque picture with the run-length deflate, in one pass over
// the pixels: it writes the bytes encodeLines writes, but finds the runs of zeros of the Up filter
// by comparing pixels with those above, eight at a time, instead of making the filtered line and
// then reading it twice more (once for the runs, once for the checksum).
func encodeRGBRuns(img *image.RGBA, y0, y1 int, last bool) band {
	b := img.Bounds()
	width := b.Dx()
	lineLen := 1 + 3*width
	// The bit writer's state is kept in local variables here, so that the compiler keeps it in
	// registers through the per-byte loop.
	out := getBandBuf((y1 - y0) * lineLen / 2)
	var acc uint64
	var nbits uint
	emit := func(v uint64, n uint) {
		acc |= v << nbits
		nbits += n
		if nbits >= 32 {
			out = append(out, byte(acc), byte(acc>>8), byte(acc>>16), byte(acc>>24))
			acc >>= 32
			nbits -= 32
		}
	}
	emit(0, 1) // not the final block
	emit(1, 2) // fixed Huffman codes
	// The Adler-32 sums are reduced modulo 65521 only every million bytes or so: the sums of
	// that many bytes cannot overflow.
	s1, s2 := uint64(1), uint64(0)
	pending := 0
	literal := func(c byte) {
		lit := &fixedLiteral[c]
		emit(lit.bits, lit.n)
		s1 += uint64(c)
		s2 += s1
	}
	// zeros writes a run of n zero bytes that follows a nonzero byte (a line starts with its
	// filter type, 2): a zero literal, then copies of it.
	zeros := func(n int) {
		s2 += uint64(n) * s1
		pending += n
		if pending >= 1<<20 {
			s1 %= adlerMod
			s2 %= adlerMod
			pending = 0
		}
		emit(fixedLiteral[0].bits, 8)
		run := n - 1
		for run >= 258 {
			emit(fixedMatch[258].bits, fixedMatch[258].n)
			run -= 258
		}
		if run >= 3 {
			emit(fixedMatch[run].bits, fixedMatch[run].n)
		} else {
			for range run {
				emit(fixedLiteral[0].bits, 8)
			}
		}
	}
	var above []byte
	if y0 > 0 {
		above = pixelRow(img, y0-1)
	}
	for y := y0; y < y1; y++ {
		row := pixelRow(img, y)
		literal(2) // the Up filter
		pending++
		if above == nil {
			above = make([]byte, len(row)) // the first line: Up filters against zeros
		}
		if bytes.Equal(row, above) {
			zeros(3 * width)
			above = row
			continue
		}
		run := 0
		for x := 0; x < width; {
			// Most of a row with some ink in it is still like the row above: blocks of 64
			// pixels are compared at once, then the chunks of 8 of a block that differs.
			if x%64 == 0 && x+64 <= width && bytes.Equal(row[4*x:4*x+256], above[4*x:4*x+256]) {
				run += 3 * 64
				x += 64
				continue
			}
			if x+8 <= width {
				r, a := row[4*x:4*x+32:4*x+32], above[4*x:4*x+32:4*x+32]
				if binary.LittleEndian.Uint64(r) == binary.LittleEndian.Uint64(a) &&
					binary.LittleEndian.Uint64(r[8:]) == binary.LittleEndian.Uint64(a[8:]) &&
					binary.LittleEndian.Uint64(r[16:]) == binary.LittleEndian.Uint64(a[16:]) &&
					binary.LittleEndian.Uint64(r[24:]) == binary.LittleEndian.Uint64(a[24:]) {
					run += 24
					x += 8
					continue
				}
			}
			if pending += 24; pending >= 1<<20 {
				s1 %= adlerMod
				s2 %= adlerMod
				pending = 0
			}
			end := min(width, x+8)
			for ; x < end; x++ {
				// A pixel like the one above (most of a chunk that differs) is three zeros.
				rv := binary.LittleEndian.Uint32(row[4*x:])
				av := binary.LittleEndian.Uint32(above[4*x:])
				if (rv^av)&0xffffff == 0 {
					run += 3
					continue
				}
				d0, d1, d2 := byte(rv)-byte(av), byte(rv>>8)-byte(av>>8), byte(rv>>16)-byte(av>>16)
				if d0 != 0 && d1 != 0 && d2 != 0 { // a pixel of another colour: three literals
					if run > 0 {
						zeros(run)
						run = 0
					}
					literal(d0)
					literal(d1)
					literal(d2)
					continue
				}
				for _, d := range [3]byte{d0, d1, d2} {
					if d == 0 {
						run++
						continue
					}
					if run > 0 {
						zeros(run)
						run = 0
					}
					literal(d)
				}
			}
		}
		if run > 0 {
			zeros(run)
		}
		above = row
	}
	s1 %= adlerMod
	s2 %= adlerMod
	bw := bitWriter{out: out, acc: acc, n: nbits}
	bw.code(0, 7) // end of block (symbol 256)
	bw.bits(0, 1) // an empty stored block: not final,
	bw.bits(0, 2) // stored,
	bw.align()    // padded to a byte, then LEN 0 and NLEN 0xffff
	bw.out = append(bw.out, 0x00, 0x00, 0xff, 0xff)
	if last {
		bw.out = append(bw.out, 0x01, 0x00, 0x00, 0xff, 0xff) // a final empty stored block
	}
	return band{data: bw.out, adler: uint32(s2<<16 | s1), n: (y1 - y0) * lineLen, pooled: true}
}

// bandBufs holds the buffers of compressed bands between Encodes.
var bandBufs sync.Pool

// getBandBuf returns an empty buffer for a compressed band, with room for about size bytes.
func getBandBuf(size int) []byte {
	if p, _ := bandBufs.Get().(*[]byte); p != nil && cap(*p) >= size {
		return (*p)[:0]
	}
	return make([]byte, 0, size+1024)
}

// putBandBuf gives a band's buffer back once it is written.
func putBandBuf(buf []byte) {
	buf = buf[:0]
	bandBufs.Put(&buf)
}

// bitWriter packs deflate bits, least significant bit first.
type bitWriter struct {
	out []byte
	acc uint64
	n   uint
}

func (w *bitWriter) bits(v uint64, n uint) {
	w.acc |= v << w.n
	w.n += n
	if w.n >= 32 {
		w.out = append(w.out, byte(w.acc), byte(w.acc>>8), byte(w.acc>>16), byte(w.acc>>24))
		w.acc >>= 32
		w.n -= 32
	}
}

// code writes a Huffman code, which deflate stores most significant bit first.
func (w *bitWriter) code(c uint64, n uint) {
	var r uint64
	for i := uint(0); i < n; i++ {
		r = r<<1 | (c>>i)&1
	}
	w.bits(r, n)
}

func (w *bitWriter) align() {
	for w.n > 0 {
		w.out = append(w.out, byte(w.acc))
		w.acc >>= 8
		w.n -= min(w.n, 8)
	}
	w.acc = 0
}

// fixedLiteral holds the bit-reversed fixed Huffman code of every byte value and its length:
// 8 bits for 0..143, 9 bits for 144..255.
var fixedLiteral = func() (t [256]struct {
	bits uint64
	n    uint
}) {
	for v := range t {
		c, n := uint64(0x30+v), uint(8)
		if v >= 144 {
			c, n = uint64(0x190+v-144), 9
		}
		var r uint64
		for i := uint(0); i < n; i++ {
			r = r<<1 | (c>>i)&1
		}
		t[v].bits, t[v].n = r, n
	}
	return t
}()

// runs writes p as literals, except that each run of zeros after a zero is a copy from distance
// 1. Zero runs are found eight bytes at a time.
func (w *bitWriter) runs(p []byte) {
	prevZero := false // whether the last byte written is a zero (the source of a copy)
	for i := 0; i < len(p); {
		if p[i] != 0 {
			lit := &fixedLiteral[p[i]]
			w.bits(lit.bits, lit.n)
			prevZero = false
			i++
			continue
		}
		j := i + 1
		for j+len(zeros64) <= len(p) && bytes.Equal(p[j:j+len(zeros64)], zeros64[:]) {
			j += len(zeros64)
		}
		for j+8 <= len(p) && binary.LittleEndian.Uint64(p[j:]) == 0 {
			j += 8
		}
		for j < len(p) && p[j] == 0 {
			j++
		}
		run := j - i
		if !prevZero {
			w.bits(fixedLiteral[0].bits, 8)
			run--
		}
		for run >= 258 {
			w.match(258)
			run -= 258
		}
		if run >= 3 {
			w.match(run)
		} else {
			for range run {
				w.bits(fixedLiteral[0].bits, 8)
			}
		}
		prevZero = true
		i = j
	}
}

// zeros64 is compared against to skip runs of zeros 64 bytes at a time.
var zeros64 [64]byte

// lengthCodes are deflate's length symbols 257..285: base length and extra bits.
var lengthCodes = [...]struct {
	base  int
	extra uint
}{{3, 0}, {4, 0}, {5, 0}, {6, 0}, {7, 0}, {8, 0}, {9, 0}, {10, 0}, {11, 1}, {13, 1}, {15, 1}, {17, 1},
	{19, 2}, {23, 2}, {27, 2}, {31, 2}, {35, 3}, {43, 3}, {51, 3}, {59, 3}, {67, 4}, {83, 4}, {99, 4},
	{115, 4}, {131, 5}, {163, 5}, {195, 5}, {227, 5}, {258, 0}}

// match writes a copy of length 3..258 from distance 1.
func (w *bitWriter) match(length int) {
	m := &fixedMatch[length]
	w.bits(m.bits, m.n)
}

// fixedMatch holds, for each length 3..258, the complete bits of a copy of that length from
// distance 1 with the fixed code: length symbol, its extra bits, distance symbol 0.
var fixedMatch = func() (t [259]struct {
	bits uint64
	n    uint
}) {
	for length := 3; length <= 258; length++ {
		i := len(lengthCodes) - 1
		if length < 258 {
			i--
			for lengthCodes[i].base > length {
				i--
			}
		}
		var w bitWriter
		sym := 257 + i
		if sym < 280 {
			w.code(uint64(sym-256), 7)
		} else {
			w.code(uint64(0xc0+sym-280), 8)
		}
		w.bits(uint64(length-lengthCodes[i].base), lengthCodes[i].extra)
		w.code(0, 5)                             // distance code 0: distance 1
		t[length].bits, t[length].n = w.acc, w.n // at most 8+5+5 bits: never flushed
	}
	return t
}()

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
		for z+len(zeros64) <= len(p) && bytes.Equal(p[z:z+len(zeros64)], zeros64[:]) {
			z += len(zeros64)
		}
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
