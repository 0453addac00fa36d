package pdf

import (
	"bytes"
	"mapwright/render/internal/scenetest"
	"testing"

	"mapwright/render"
)

// FuzzEncode puts arbitrary text (titles, labels, rotated and underlined captions) and link
// addresses into a scene: encoding must always succeed, never panic, and never write an unsafe
// link. go test runs the seeds; go test -fuzz=FuzzEncode explores further.
func FuzzEncode(f *testing.F) {
	for _, s := range hostileStrings {
		f.Add(s, "https://example.com/"+s, 30.0, 14.0)
	}
	f.Add("plain", "javascript:alert(1)", -90.0, 0.5)
	f.Add("\xff", "data:text/html,x", 1e300, -3.0)
	f.Fuzz(func(t *testing.T, text, link string, rotate, size float64) {
		// One small page in one face, so the fuzzer's time goes to the text: arbitrary characters
		// exercise the font subsets, the codes beyond ASCII and labels split into runs.
		font := render.Font{Family: render.FontSans, Size: size}
		s := &render.Scene{Width: 200, Height: 100, Title: text, Desc: text, Items: []render.Item{
			{Shape: render.ShapeText, X: 100, Y: 50, Text: text, Rotate: rotate, Underline: true, Font: font, Anchor: render.AnchorEnd, Fill: scenetest.Black},
			{Shape: render.ShapeText, X: 10, Y: 20, Text: text + " label", Font: render.Font{Family: render.FontSans, Size: 12}, Fill: scenetest.Black},
			{Shape: render.ShapeCircle, X: 50, Y: 50, R: 5, Fill: scenetest.Black, Link: link},
			{Shape: render.ShapeRect, X: 50, Y: 50, W: 5, H: 5, Fill: scenetest.Black, Link: link},
		}}
		var buf bytes.Buffer
		if err := Encode(&buf, []*render.Scene{s, s}, Options{}); err != nil {
			t.Fatalf("Encode: %v", err)
		}
		want := 0
		if render.SafeURL(link) {
			want = 4 // two items on each of two pages
		}
		if got := bytes.Count(buf.Bytes(), []byte("/URI (")); got != want {
			t.Errorf("link %q: %d links written, want %d", link, got, want)
		}
	})
}
