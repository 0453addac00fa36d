package raster

import (
	"bufio"
	"bytes"
	"compress/flate"
	"encoding/binary"
	"errors"
	"hash/adler32"
	"hash/crc32"
	"image"
	"io"
	"sync"

	"mapwright/internal/cancel"
)

// writePNG writes img as a PNG whose compressed pixels are exactly image/png's at its default
// level (the same filter on every row, the same zlib stream), in one IDAT chunk where image/png
// writes one per 32 KiB: so the file is never larger than image/png's, and it is written in
// about half to two thirds of image/png's time (docs/performance.md has both measured).
//
// image/png spends most of its time choosing the filters: it computes all five on every row.
// adaptiveFilter makes the same choice without computing what it can see is zero. The rest is
// compress/zlib's. The picture is written as 8-bit RGB when opaque is set (every pixel must then
// be opaque) and as RGBA otherwise, as image/png does.
func writePNG(w io.Writer, img *image.RGBA, opaque bool) error {
	return writePNGStop(nil, w, img, opaque)
}

// errStopped ends writePNGStop when its stop is done.
var errStopped = errors.New("raster: cancelled")

// writePNGStop is writePNG that stops once stop is done; it then returns errStopped and writes
// nothing to w.
func writePNGStop(stop *cancel.Check, w io.Writer, img *image.RGBA, opaque bool) error {
	b := img.Bounds()
	return encodePNG(stop, w, b.Dx(), b.Dy(), opaque, drawnImage{img})
}

// rowSource gives encodePNG the rows of a picture, drawing them as they are needed.
type rowSource interface {
	// draw makes the rows from y0 down to the y1 it returns ready; it is called with y0 = 0
	// and then each y1 it returned, until the bottom.
	draw(y0 int) (y1 int)
	// row is row y of the picture (RGBA, premultiplied colour), for y from y0-1 to y1 of the
	// last draw.
	row(y int) []byte
	// help draws rows ahead of draw, on another goroutine than draw's, and reports whether
	// there were any to draw.
	help() bool
}

// drawnImage is a picture drawn already.
type drawnImage struct{ img *image.RGBA }

func (d drawnImage) draw(int) int     { return d.img.Bounds().Dy() }
func (d drawnImage) row(y int) []byte { return pixelRow(d.img, y) }
func (d drawnImage) help() bool       { return false }

// encodePNG writes a picture of width x height pixels from src as writePNG does, drawing its
// rows as they are needed, so that the top of the picture is compressed while the rest is being
// drawn. A stop done before the whole picture is drawn ends encodePNG with errStopped, nothing
// written.
func encodePNG(stop *cancel.Check, w io.Writer, width, height int, opaque bool, src rowSource) error {
	bpp, colorType := 4, byte(6) // RGBA
	if opaque {
		bpp, colorType = 3, 2 // RGB
	}
	e := encoders.Get().(*pngEncoder)
	defer encoders.Put(e)
	// The rows are drawn and filtered on a second goroutine, pipeRows at a time, while this one
	// compresses those filtered before: compression takes longer than the drawing and the
	// filtering together, so they cost no time when two processors are free, and nothing but
	// compression runs on this goroutine (the zlib checksum of the filtered rows is added up
	// with them).
	//
	// The batches go round by their index: the filtering goroutine takes one from free, fills
	// it (allocating it on first use) and sends it on full; this one compresses it and gives it
	// back.
	free := make(chan int, len(e.batches))
	for i := range e.batches {
		free <- i
	}
	full := make(chan int, len(e.batches))
	quit := make(chan struct{})
	var whole bool // every row was filtered, read once full is closed
	var sum uint32 // the Adler-32 checksum of the filtered rows, as whole
	go func() {
		whole, sum = e.filterRows(stop, width, height, opaque, bpp, src, free, full, quit)
		close(full)
	}()
	// The compressor is made ready while the first rows are drawn.
	e.idat.Reset()
	e.idat.WriteString(zlibHeader)
	if e.zw == nil {
		e.zw, _ = flate.NewWriter(&e.idat, flate.DefaultCompression) // the level is valid
	} else {
		e.zw.Reset(&e.idat)
	}
	// When no rows are ready to compress (after the first: the drawing has fallen behind, as on
	// a dense map), this goroutine draws the next band itself rather than wait.
	var err error
	started := false
	for {
		i, ok := 0, true
		select {
		case i, ok = <-full:
		default:
			if started && err == nil && !stop.Done() && src.help() {
				continue
			}
			i, ok = <-full
		}
		if !ok {
			break
		}
		started = true
		if err == nil && stop.Done() {
			err = errStopped
			close(quit)
		}
		if err == nil {
			_, err = e.zw.Write(e.batches[i])
		}
		free <- i
	}
	if err == nil && !whole {
		err = errStopped
	}
	if err == nil {
		err = e.zw.Close()
	}
	if err != nil {
		return err
	}
	e.idat.Write(binary.BigEndian.AppendUint32(nil, sum))

	cw := &chunkWriter{w: bufio.NewWriterSize(w, 64<<10)}
	cw.raw([]byte("\x89PNG\r\n\x1a\n"))
	var ihdr [13]byte
	binary.BigEndian.PutUint32(ihdr[0:], uint32(width))
	binary.BigEndian.PutUint32(ihdr[4:], uint32(height))
	ihdr[8], ihdr[9] = 8, colorType // bit depth, colour type; compression, filter, interlace 0
	cw.chunk("IHDR", ihdr[:])
	cw.chunk("IDAT", e.idat.Bytes())
	cw.chunk("IEND", nil)
	if cw.err != nil {
		return cw.err
	}
	return cw.w.Flush()
}

// zlibHeader starts a zlib stream of deflate data with a 32 KiB window at the default level,
// as compress/zlib writes it: the stream is compress/flate's data between it and the Adler-32
// checksum of the uncompressed bytes. The encoder writes the two itself so that the checksum is
// added up on the filtering goroutine, not on the compressing one.
const zlibHeader = "\x78\x9c"

// pipeRows is how many rows writePNG's filtering hands its compression at a time.
const pipeRows = 16

// pngEncoder holds writePNG's buffers and compressor between pictures.
type pngEncoder struct {
	idat    bytes.Buffer // the zlib stream
	zw      *flate.Writer
	batches [16][]byte // filtered rows on their way to compression
	rows    [2][]byte  // the row being filtered and the one above, as PNG stores them
	same    []bool     // adaptiveFilter's words of a row that repeat the row above
}

// filterRows filters the rows of the picture in order into batches of up to pipeRows rows (the
// batch of e whose index it takes from free) and sends the index of each on full, drawing the
// rows first (see encodePNG). It returns when done, or early when quit is closed or stop is
// done, and reports whether every row was sent, and the Adler-32 checksum of the rows when they
// were.
func (e *pngEncoder) filterRows(stop *cancel.Check, width, height int, opaque bool, bpp int, src rowSource, free <-chan int, full chan<- int, quit <-chan struct{}) (whole bool, sum uint32) {
	rowLen := width * bpp
	cur, prev := grow(e.rows[0], rowLen), grow(e.rows[1], rowLen)
	defer func() { e.rows = [2][]byte{cur, prev} }()
	clear(prev) // the row above the first is zeros
	drawn := 0
	adler := adler32.New()
	for y0 := 0; y0 < height; y0 += pipeRows {
		var i int
		select {
		case i = <-free:
		case <-quit:
			return false, 0
		}
		rows := min(pipeRows, height-y0)
		e.batches[i] = grow(e.batches[i], rows*(1+rowLen))
		batch := e.batches[i]
		for r := range rows {
			y := y0 + r
			for drawn <= y {
				if stop.Done() {
					return false, 0
				}
				drawn = src.draw(drawn)
			}
			line := batch[r*(1+rowLen) : (r+1)*(1+rowLen)]
			if y > 0 && bytes.Equal(src.row(y), src.row(y-1)) {
				// A row that repeats the one above: Up makes it zeros, and image/png keeps
				// Up, the first filter it tries, as no sum is less than zero.
				line[0] = filterUp
				clear(line[1:])
				continue // prev already holds this row
			}
			packRow(cur, src.row(y), opaque)
			e.adaptiveFilter(line, cur, prev, bpp)
			cur, prev = prev, cur
		}
		adler.Write(batch)
		full <- i
	}
	return true, adler.Sum32()
}

var encoders = sync.Pool{New: func() any { return new(pngEncoder) }}

// grow returns p resized to n bytes, reallocated only when too small.
func grow(p []byte, n int) []byte {
	if cap(p) < n {
		return make([]byte, n)
	}
	return p[:n]
}

// pixelRow is row y of img, counted from the top of its bounds.
func pixelRow(img *image.RGBA, y int) []byte {
	b := img.Bounds()
	off := img.PixOffset(b.Min.X, b.Min.Y+y)
	return img.Pix[off : off+4*b.Dx()]
}

// packRow writes an RGBA row of the image as PNG stores it: RGB when opaque, else RGBA with
// straight alpha (the image holds premultiplied colour).
func packRow(dst, row []byte, opaque bool) {
	if !opaque {
		unpremultiplyRow(dst, row)
		return
	}
	n := len(row) / 4
	// Four bytes at a time, the fourth overwritten by the next pixel; the last pixel by bytes.
	for x := range n - 1 {
		binary.LittleEndian.PutUint32(dst[3*x:], binary.LittleEndian.Uint32(row[4*x:]))
	}
	if n > 0 {
		copy(dst[3*(n-1):3*n], row[4*(n-1):])
	}
}

// PNG's filter types.
const (
	filterNone = iota
	filterSub
	filterUp
	filterAverage
	filterPaeth
)

// adaptiveFilter writes the filter byte and the filtered bytes of cur (prev is the row above,
// bpp the bytes per pixel) into line, choosing the filter as image/png and libpng do: the one
// whose bytes, read as signed numbers, add up to the least magnitude (tried in image/png's
// order, so ties go the same way and the choice is image/png's on every row).
//
// Most of a map repeats the row above or the pixel to the left, and the filters make such
// bytes zero. So each sum skips the eight-byte words its filter makes zero (found by comparing
// words, not bytes), None, Sub and Average stop adding once they cannot win, as in image/png,
// and Up and Paeth, the usual winners, write the words that repeat the row above as zeros
// without computing them.
func (e *pngEncoder) adaptiveFilter(line, cur, prev []byte, bpp int) {
	n := len(cur)
	if cap(e.same) < n/8 {
		e.same = make([]bool, n/8)
	}
	same := e.same[:n/8] // word w and the bpp bytes before it repeat the row above
	up, pa := upPaethSums(cur, prev, bpp, same)
	best, least := filterUp, up
	if pa < least {
		best, least = filterPaeth, pa
	}
	if sum := noneSum(cur, least); sum < least {
		best, least = filterNone, sum
	}
	if sum := subSum(cur, bpp, least); sum < least {
		best, least = filterSub, sum
	}
	if sum := averageSum(cur, prev, bpp, least); sum < least {
		best = filterAverage
	}

	line[0] = byte(best)
	out := line[1:]
	switch best {
	case filterNone:
		copy(out, cur)
	case filterSub:
		copy(out[:bpp], cur)
		for i := bpp; i < n; i++ {
			out[i] = cur[i] - cur[i-bpp]
		}
	case filterAverage:
		for i := range bpp {
			out[i] = cur[i] - prev[i]/2
		}
		for i := bpp; i < n; i++ {
			out[i] = cur[i] - byte((int(cur[i-bpp])+int(prev[i]))/2)
		}
	default:
		for w, repeats := range same {
			if repeats {
				binary.LittleEndian.PutUint64(out[8*w:], 0)
			} else {
				upPaethBytes(out, cur, prev, bpp, 8*w, 8*w+8, best)
			}
		}
		upPaethBytes(out, cur, prev, bpp, 8*len(same), n, best)
	}
}

// upPaethSums adds up the magnitudes of the Up and Paeth filters of cur, marking in same the
// words that (with the bpp bytes before them) repeat prev: both filters make those zero.
func upPaethSums(cur, prev []byte, bpp int, same []bool) (up, pa int) {
	add := func(i0, i1 int) {
		for i := i0; i < i1; i++ {
			c, b := cur[i], prev[i]
			var a, d byte
			if i >= bpp {
				a, d = cur[i-bpp], prev[i-bpp]
			}
			up += abs8(c - b)
			pa += abs8(c - paeth(a, b, d))
		}
	}
	// A word repeats the row above with the bpp bytes before it when it and the word before it
	// do. Stretches of 64 equal bytes are found by the runtime's vector comparison first.
	eqBefore := false
	for w := 0; w < len(same); {
		i := 8 * w
		if w+8 <= len(same) && bytes.Equal(cur[i:i+64], prev[i:i+64]) {
			same[w] = eqBefore
			for k := w + 1; k < w+8; k++ {
				same[k] = true
			}
			if !same[w] {
				add(i, i+8)
			}
			w, eqBefore = w+8, true
			continue
		}
		eq := word(cur, i) == word(prev, i)
		same[w] = eq && eqBefore
		if !same[w] {
			add(i, i+8)
		}
		w, eqBefore = w+1, eq
	}
	add(8*len(same), len(cur))
	return up, pa
}

// upPaethBytes writes the Up or Paeth filter of cur[i0:i1] into out.
func upPaethBytes(out, cur, prev []byte, bpp, i0, i1, filter int) {
	for i := i0; i < i1; i++ {
		if filter == filterUp {
			out[i] = cur[i] - prev[i]
			continue
		}
		var a, d byte
		if i >= bpp {
			a, d = cur[i-bpp], prev[i-bpp]
		}
		out[i] = cur[i] - paeth(a, prev[i], d)
	}
}

// noneSum adds up the magnitudes of cur's bytes until they reach least.
func noneSum(cur []byte, least int) int {
	sum := 0
	for i := 0; i < len(cur) && sum < least; {
		if i+8 <= len(cur) && word(cur, i) == 0 {
			i += 8
			continue
		}
		for end := min(i+8, len(cur)); i < end; i++ {
			sum += abs8(cur[i])
		}
	}
	return sum
}

// subSum adds up the magnitudes of the Sub filter of cur until they reach least.
func subSum(cur []byte, bpp, least int) int {
	sum := 0
	for i := range min(bpp, len(cur)) {
		sum += abs8(cur[i])
	}
	for i := bpp; i < len(cur) && sum < least; {
		if i+8 <= len(cur) && word(cur, i) == word(cur, i-bpp) {
			i += 8
			continue
		}
		for end := min(i+8, len(cur)); i < end; i++ {
			sum += abs8(cur[i] - cur[i-bpp])
		}
	}
	return sum
}

// averageSum adds up the magnitudes of the Average filter of cur until they reach least.
func averageSum(cur, prev []byte, bpp, least int) int {
	sum := 0
	for i := range min(bpp, len(cur)) {
		sum += abs8(cur[i] - prev[i]/2)
	}
	for i := bpp; i < len(cur) && sum < least; {
		if i+8 <= len(cur) && word(cur, i) == word(cur, i-bpp) && word(cur, i) == word(prev, i) {
			i += 8
			continue
		}
		for end := min(i+8, len(cur)); i < end; i++ {
			sum += abs8(cur[i] - byte((int(cur[i-bpp])+int(prev[i]))/2))
		}
	}
	return sum
}

// word is the eight bytes of p from i.
func word(p []byte, i int) uint64 { return binary.LittleEndian.Uint64(p[i:]) }

// abs8 is the magnitude of a byte read as a signed number.
func abs8(v byte) int {
	if int8(v) < 0 {
		return -int(int8(v))
	}
	return int(v)
}

// paeth is PNG's Paeth predictor from the left (a), upper (b) and upper-left (c) bytes.
func paeth(a, b, c byte) byte {
	p := int(a) + int(b) - int(c)
	pa, pb, pc := p-int(a), p-int(b), p-int(c)
	if pa < 0 {
		pa = -pa
	}
	if pb < 0 {
		pb = -pb
	}
	if pc < 0 {
		pc = -pc
	}
	if pa <= pb && pa <= pc {
		return a
	}
	if pb <= pc {
		return b
	}
	return c
}

// unpremultiplyRow converts a premultiplied RGBA row to straight RGBA, as image/png does.
func unpremultiplyRow(dst, row []byte) {
	copy(dst, row)
	for i := 0; i+3 < len(dst); i += 4 {
		switch a := dst[i+3]; a {
		case 0:
			dst[i], dst[i+1], dst[i+2] = 0, 0, 0
		case 255:
		default:
			dst[i], dst[i+1], dst[i+2] = unpremultiply(dst[i], a), unpremultiply(dst[i+1], a), unpremultiply(dst[i+2], a)
		}
	}
}

func unpremultiply(c, a uint8) uint8 {
	// color.NRGBAModel's rounding, on the 16-bit values it works in, as image/png converts.
	c16, a16 := uint32(c)*0x101, uint32(a)*0x101
	return uint8(c16 * 0xffff / a16 >> 8)
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
	c.raw(head[:])
	c.raw(data)
	c.raw(binary.BigEndian.AppendUint32(nil, crc.Sum32()))
}
