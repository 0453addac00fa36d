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
//
// Encode writes a picture whose every paint is grey in a grey format instead (8-bit grey, or
// grey and alpha): the same filter rule and compression on a third (half) of the bytes, so
// the file is smaller than image/png's by far and written sooner (writePNGStop and pngFormat).
func writePNG(w io.Writer, img *image.RGBA, opaque bool) error {
	return writePNGStop(nil, w, img, colourFormat(opaque))
}

// errStopped ends writePNGStop when its stop is done.
var errStopped = errors.New("raster: cancelled")

// writePNGStop is writePNG that stops once stop is done; it then returns errStopped and writes
// nothing to w.
func writePNGStop(stop *cancel.Check, w io.Writer, img *image.RGBA, f pngFormat) error {
	b := img.Bounds()
	return encodePNG(stop, w, b.Dx(), b.Dy(), f, drawnImage{img})
}

// pngFormat is how a PNG stores its pixels: its colour type and the bytes of a pixel.
type pngFormat struct {
	colorType byte
	bpp       int
}

// The formats: colour for any picture, as image/png writes it, and grey for pictures whose every
// pixel is grey (red, green and blue equal), in a third of the bytes for opaque ones and half
// for translucent ones. All are 8 bits a channel.
var (
	formatRGB       = pngFormat{colorType: 2, bpp: 3}
	formatRGBA      = pngFormat{colorType: 6, bpp: 4}
	formatGrey      = pngFormat{colorType: 0, bpp: 1}
	formatGreyAlpha = pngFormat{colorType: 4, bpp: 2}
)

// colourFormat is RGB for an opaque picture and RGBA for one with translucent pixels.
func colourFormat(opaque bool) pngFormat {
	if opaque {
		return formatRGB
	}
	return formatRGBA
}

// greyFormat is the grey format for an opaque picture or a translucent one.
func greyFormat(opaque bool) pngFormat {
	if opaque {
		return formatGrey
	}
	return formatGreyAlpha
}

// errNotGrey ends encodePNG in a grey format when the picture has a pixel that is not grey.
var errNotGrey = errors.New("raster: a pixel is not grey")

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

// encodePNG writes a picture of width x height pixels from src as writePNG does, in format f,
// drawing its rows as they are needed, so that the top of the picture is compressed while the
// rest is being drawn. A stop done before the whole picture is drawn ends encodePNG with
// errStopped, and a pixel that is not grey in a grey format with errNotGrey; either way nothing
// is written.
func encodePNG(stop *cancel.Check, w io.Writer, width, height int, f pngFormat, src rowSource) error {
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
		whole, sum = e.filterRows(stop, width, height, f, src, free, full, quit)
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
		if e.notGrey {
			err = errNotGrey
		}
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
	ihdr[8], ihdr[9] = 8, f.colorType // bit depth, colour type; compression, filter, interlace 0
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
	notGrey bool       // filterRows met a pixel that is not grey, in a grey format
}

// filterRows filters the rows of the picture in order into batches of up to pipeRows rows (the
// batch of e whose index it takes from free) and sends the index of each on full, drawing the
// rows first (see encodePNG). It returns when done, or early when quit is closed, stop is done
// or (setting e.notGrey) a pixel is not grey in a grey format, and reports whether every row was
// sent, and the Adler-32 checksum of the rows when they were.
func (e *pngEncoder) filterRows(stop *cancel.Check, width, height int, f pngFormat, src rowSource, free <-chan int, full chan<- int, quit <-chan struct{}) (whole bool, sum uint32) {
	e.notGrey = false
	bpp := f.bpp
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
			if !packRow(cur, src.row(y), f) {
				e.notGrey = true
				return false, 0
			}
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

// packRow writes an RGBA row of the image as PNG stores it in format f: RGB, RGBA with straight
// alpha (the image holds premultiplied colour), grey, or grey with straight alpha. In a grey
// format it reports false, at the first pixel that is not grey.
func packRow(dst, row []byte, f pngFormat) bool {
	switch f {
	case formatRGBA:
		unpremultiplyRow(dst, row)
		return true
	case formatGrey:
		// Two pixels at a time: a pixel is grey when its red and green, and its green and
		// blue, have no bit that differs.
		n, x := len(row)/4, 0
		for ; x+2 <= n; x += 2 {
			v := binary.LittleEndian.Uint64(row[4*x:])
			if (v^v>>8)&0x0000ffff0000ffff != 0 {
				return false
			}
			dst[x], dst[x+1] = byte(v), byte(v>>32)
		}
		for ; x < n; x++ {
			r, g, b := row[4*x], row[4*x+1], row[4*x+2]
			if r != g || g != b {
				return false
			}
			dst[x] = r
		}
		return true
	case formatGreyAlpha:
		for x := range len(row) / 4 {
			r, g, b, a := row[4*x], row[4*x+1], row[4*x+2], row[4*x+3]
			if r != g || g != b {
				return false
			}
			switch a {
			case 0:
				r = 0
			case 255:
			default:
				r = unpremultiply(r, a)
			}
			dst[2*x], dst[2*x+1] = r, a
		}
		return true
	}
	n := len(row) / 4
	// Four pixels at a time, from two words to twelve bytes: R0 G0 B0 R1 G1 B1 R2 G2, then
	// B2 R3 G3 B3. The rest pixel by pixel.
	x := 0
	for ; x+4 <= n; x += 4 {
		src, out := row[4*x:4*x+16], dst[3*x:3*x+12]
		a, b := binary.LittleEndian.Uint64(src), binary.LittleEndian.Uint64(src[8:])
		binary.LittleEndian.PutUint64(out, a&0xffffff|a>>8&0xffffff000000|b<<48)
		binary.LittleEndian.PutUint32(out[8:], uint32(b>>16&0xff|b>>24&0xffffff00))
	}
	for ; x < n; x++ {
		copy(dst[3*x:3*x+3], row[4*x:])
	}
	return true
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
// order, Up, Paeth, None, Sub, Average, so ties go the same way and the choice is image/png's
// on every row).
//
// Most of a map repeats the row above or the pixel to the left, and the filters make such
// bytes zero. So the Up sum skips stretches that repeat the row above (found by the runtime's
// vector comparison, 64 bytes at a time); Paeth, which makes the same words zero, skips them
// too and, like None, Sub and Average after it, stops adding once it cannot win, as in
// image/png. Up, None, Sub and Average are computed eight bytes at a time in a 64-bit word
// (sumBytes); Paeth byte by byte, where a word does not repeat the row above.
func (e *pngEncoder) adaptiveFilter(line, cur, prev []byte, bpp int) {
	n := len(cur)
	if cap(e.same) < n/8 {
		e.same = make([]bool, n/8)
	}
	same := e.same[:n/8] // word w and the bpp bytes before it repeat the row above
	best, least := filterUp, upSum(cur, prev, bpp, same)
	if least > 0 {
		if sum := paethSum(cur, prev, bpp, same, least); sum < least {
			best, least = filterPaeth, sum
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
	}

	line[0] = byte(best)
	out := line[1:]
	w := 8 * len(same) // the bytes done eight at a time
	switch best {
	case filterNone:
		copy(out, cur)
	case filterSub:
		copy(out[:bpp], cur)
		i := bpp
		for ; i+8 <= n; i += 8 {
			putWord(out, i, subWords(word(cur, i), word(cur, i-bpp)))
		}
		for ; i < n; i++ {
			out[i] = cur[i] - cur[i-bpp]
		}
	case filterAverage:
		for i := range bpp {
			out[i] = cur[i] - prev[i]/2
		}
		i := bpp
		for ; i+8 <= n; i += 8 {
			putWord(out, i, subWords(word(cur, i), averageWords(word(cur, i-bpp), word(prev, i))))
		}
		for ; i < n; i++ {
			out[i] = cur[i] - byte((int(cur[i-bpp])+int(prev[i]))/2)
		}
	case filterUp:
		for i := 0; i < w; i += 8 {
			putWord(out, i, subWords(word(cur, i), word(prev, i)))
		}
		for i := w; i < n; i++ {
			out[i] = cur[i] - prev[i]
		}
	default:
		for k, repeats := range same {
			if repeats {
				putWord(out, 8*k, 0)
			} else {
				paethBytes(out, cur, prev, bpp, 8*k, 8*k+8)
			}
		}
		paethBytes(out, cur, prev, bpp, w, n)
	}
}

// upSum adds up the magnitudes of the Up filter of cur, marking in same the words that (with
// the bpp bytes before them) repeat prev: Up and Paeth make those zero.
func upSum(cur, prev []byte, bpp int, same []bool) int {
	sum := 0
	// A word repeats the row above with the bpp bytes before it when it and the word before it
	// do (the first word has no bytes before it). Stretches of 64 equal bytes are found by the
	// runtime's vector comparison first.
	eqBefore := true
	for w := 0; w < len(same); {
		i := 8 * w
		if w+8 <= len(same) && bytes.Equal(cur[i:i+64], prev[i:i+64]) {
			same[w] = eqBefore
			for k := w + 1; k < w+8; k++ {
				same[k] = true
			}
			w, eqBefore = w+8, true
			continue
		}
		c, p := word(cur, i), word(prev, i)
		same[w] = c == p && eqBefore
		sum += sumBytes(subWords(c, p))
		w, eqBefore = w+1, c == p
	}
	for i := 8 * len(same); i < len(cur); i++ {
		sum += abs8(cur[i] - prev[i])
	}
	return sum
}

// paethSum adds up the magnitudes of the Paeth filter of cur until they reach least, skipping
// the words same marks.
func paethSum(cur, prev []byte, bpp int, same []bool, least int) int {
	sum := 0
	for i := range min(bpp, len(cur)) { // no pixel to the left: the predictor is the one above
		sum += abs8(cur[i] - prev[i])
	}
	for w, repeats := range same {
		if sum >= least {
			return sum
		}
		if !repeats {
			for i := max(8*w, bpp); i < 8*w+8; i++ {
				sum += abs8(cur[i] - paeth(cur[i-bpp], prev[i], prev[i-bpp]))
			}
		}
	}
	for i := max(8*len(same), bpp); i < len(cur); i++ {
		sum += abs8(cur[i] - paeth(cur[i-bpp], prev[i], prev[i-bpp]))
	}
	return sum
}

// paethBytes writes the Paeth filter of cur[i0:i1] into out.
func paethBytes(out, cur, prev []byte, bpp, i0, i1 int) {
	for i := i0; i < min(bpp, i1); i++ {
		out[i] = cur[i] - prev[i]
	}
	for i := max(i0, bpp); i < i1; i++ {
		out[i] = cur[i] - paeth(cur[i-bpp], prev[i], prev[i-bpp])
	}
}

// noneSum adds up the magnitudes of cur's bytes until they reach least.
func noneSum(cur []byte, least int) int {
	sum, i := 0, 0
	for ; i+8 <= len(cur) && sum < least; i += 8 {
		if v := word(cur, i); v != 0 {
			sum += sumBytes(v)
		}
	}
	for ; i < len(cur) && sum < least; i++ {
		sum += abs8(cur[i])
	}
	return sum
}

// subSum adds up the magnitudes of the Sub filter of cur until they reach least.
func subSum(cur []byte, bpp, least int) int {
	sum := 0
	for i := range min(bpp, len(cur)) {
		sum += abs8(cur[i])
	}
	i := bpp
	for ; i+8 <= len(cur) && sum < least; i += 8 {
		if c, a := word(cur, i), word(cur, i-bpp); c != a { // else the pixels repeat: zeros
			sum += sumBytes(subWords(c, a))
		}
	}
	for ; i < len(cur) && sum < least; i++ {
		sum += abs8(cur[i] - cur[i-bpp])
	}
	return sum
}

// averageSum adds up the magnitudes of the Average filter of cur until they reach least.
func averageSum(cur, prev []byte, bpp, least int) int {
	sum := 0
	for i := range min(bpp, len(cur)) {
		sum += abs8(cur[i] - prev[i]/2)
	}
	i := bpp
	for ; i+8 <= len(cur) && sum < least; i += 8 {
		if c, a, b := word(cur, i), word(cur, i-bpp), word(prev, i); c != a || c != b { // else zeros
			sum += sumBytes(subWords(c, averageWords(a, b)))
		}
	}
	for ; i < len(cur) && sum < least; i++ {
		sum += abs8(cur[i] - byte((int(cur[i-bpp])+int(prev[i]))/2))
	}
	return sum
}

// Eight bytes are worked on at once in a 64-bit word (SWAR): each byte's arithmetic is kept
// from carrying into the next by setting or clearing its top bit first.
const (
	lowBits  = 0x0101010101010101 // the lowest bit of each byte
	highBits = 0x8080808080808080 // the top bit of each byte
)

// subWords is the difference of two words byte by byte, modulo 256.
func subWords(a, b uint64) uint64 {
	// The low seven bits of each byte subtract with the top bit of a set, so no byte borrows
	// from the next; the top bit is then a's minus b's minus that borrow, an exclusive or.
	return ((a | highBits) - (b &^ highBits)) ^ ((a ^ ^b) & highBits)
}

// averageWords is the mean of two words byte by byte, rounded down: the bits they share,
// plus half the bits they do not.
func averageWords(a, b uint64) uint64 {
	return (a & b) + ((a ^ b) >> 1 &^ highBits)
}

// sumBytes adds up the magnitudes of a word's bytes read as signed numbers, as abs8 does.
func sumBytes(v uint64) int {
	neg := v >> 7 & lowBits                            // 1 in each negative byte
	m := (v ^ (neg * 0xff)) + neg                      // its magnitude, two's complement: at most 128, no carry
	m = m&0x00ff00ff00ff00ff + m>>8&0x00ff00ff00ff00ff // four sums of two, in 16 bits each
	return int(m * 0x0001000100010001 >> 48)           // the four added in the top 16 bits
}

// putWord stores the eight bytes of v in p from i.
func putWord(p []byte, i int, v uint64) { binary.LittleEndian.PutUint64(p[i:], v) }

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
