package lsp

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	protocol "github.com/tliron/glsp/protocol_3_16"

	"mapwright/mapdsl"
)

// corpusMaps returns the shared corpus maps and the samples, or skips when the corpus is absent.
func corpusMaps(t testing.TB) map[string]string {
	t.Helper()
	files, _ := filepath.Glob("../../../shared/owm-corpus/*.owm")
	if len(files) == 0 {
		t.Skip("../shared/owm-corpus is absent: the corpus maps live beside the repository, not in it")
	}
	samples, _ := filepath.Glob("../../samples/*.owm")
	out := map[string]string{}
	for _, f := range append(files, samples...) {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		out[filepath.Base(f)] = string(b)
	}
	return out
}

// TestFormatEditsEqualFormatter: on every corpus map and sample, the edits of document formatting
// give exactly what `mapwright fmt` writes, and formatting every line range in turn does too.
func TestFormatEditsEqualFormatter(t *testing.T) {
	for name, text := range corpusMaps(t) {
		t.Run(name, func(t *testing.T) {
			want, _ := mapdsl.Format([]byte(text))
			d := newDocument("file:///"+name, 1, text)
			edits, err := d.formatEdits(0, len(d.lineStarts))
			if want == nil {
				if err == nil {
					t.Fatal("a map the formatter refuses was formatted")
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if got := applyEdits(t, text, edits); got != string(want) {
				t.Fatalf("formatting edits differ from mapwright fmt")
			}
			// Range by range, ten lines at a time: each range's edits stay inside it, and the
			// edits of all ranges together (an edit on a boundary is offered to both) format the
			// whole map.
			seen := map[protocol.Range]bool{}
			var all []protocol.TextEdit
			for first := 0; first < len(d.lineStarts); first += 10 {
				edits, err := d.formatEdits(first, first+10)
				if err != nil {
					t.Fatal(err)
				}
				for _, e := range edits {
					if int(e.Range.Start.Line) > first+10 || int(e.Range.End.Line) < first {
						t.Fatalf("range %d-%d: edit %+v outside it", first, first+10, e.Range)
					}
					if !seen[e.Range] {
						seen[e.Range] = true
						all = append(all, e)
					}
				}
			}
			if got := applyEdits(t, text, all); got != string(want) {
				t.Errorf("formatting range by range differs from mapwright fmt")
			}
		})
	}
}

// TestPositionsRoundTrip: every byte offset at a character boundary survives the conversion to a
// protocol position and back, with multi-byte and astral characters and CRLF line ends.
func TestPositionsRoundTrip(t *testing.T) {
	text := "title Tea\r\ncomponent 茶 [0.5, 0.5]\r\ncomponent 🫖 Pot [0.4, 0.3]\n茶->🫖 Pot; ½ cup\n\nlast"
	d := newDocument("file:///x.owm", 1, text)
	for off := 0; off <= len(text); off++ {
		if off < len(text) && !isRuneStart(text[off]) {
			continue
		}
		p := d.position(off)
		back := d.offset(p)
		if back != off && !(off > 0 && text[off-1] == '\r' && back == off-1) && !(off < len(text) && text[off] == '\n' && off > 0 && text[off-1] == '\r') {
			t.Errorf("offset %d -> %+v -> %d", off, p, back)
		}
	}
	// "Pot" on line 3 starts after "茶->🫖 ": 1 + 2 + 2 + 1 UTF-16 units.
	i := strings.Index(text, "Pot;")
	if p := d.position(i); p.Line != 3 || p.Character != 6 {
		t.Errorf("position of Pot = %+v, want 3:6", p)
	}
}

func isRuneStart(b byte) bool { return b&0xC0 != 0x80 }
