package pdf

import (
	"bytes"
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
		s := featureScene(text)
		s.Items = append(s.Items,
			render.Item{Shape: render.ShapeText, X: 100, Y: 100, Text: text, Rotate: rotate, Underline: true,
				Font: render.Font{Family: render.FontMono, Size: size}, Anchor: render.AnchorEnd, Fill: black},
			render.Item{Shape: render.ShapeCircle, X: 50, Y: 50, R: 5, Fill: black, Link: link},
			render.Item{Shape: render.ShapeRect, X: 50, Y: 50, W: 5, H: 5, Fill: black, Link: link})
		var buf bytes.Buffer
		if err := Encode(&buf, []*render.Scene{s}, Options{}); err != nil {
			t.Fatalf("Encode: %v", err)
		}
		// featureScene has two safe links of its own; the fuzzed one is on two more items.
		want := 2
		if render.SafeURL(link) {
			want += 2
		}
		if got := bytes.Count(buf.Bytes(), []byte("/URI (")); got != want {
			t.Errorf("link %q: %d links written, want %d", link, got, want)
		}
	})
}
