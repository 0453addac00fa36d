package sourcepane

import (
	"fmt"
	"math/rand/v2"
	"strings"
	"testing"
	"unicode/utf8"
)

func TestBufferReplace(t *testing.T) {
	tests := []struct {
		name       string
		text       string
		start, end pos
		insert     string
		want       string
		after      pos
	}{
		{"insert in line", "abc", pos{0, 1}, pos{0, 1}, "XY", "aXYbc", pos{0, 3}},
		{"insert newline", "abc", pos{0, 1}, pos{0, 1}, "\n", "a\nbc", pos{1, 0}},
		{"insert lines", "ab\ncd", pos{0, 1}, pos{0, 1}, "1\n2\n3", "a1\n2\n3b\ncd", pos{2, 1}},
		{"delete across lines", "ab\ncd\nef", pos{0, 1}, pos{2, 1}, "", "af", pos{0, 1}},
		{"replace across lines", "ab\ncd\nef", pos{0, 1}, pos{1, 1}, "Z", "aZd\nef", pos{0, 2}},
		{"multi-byte columns", "é😀中x", pos{0, 1}, pos{0, 3}, "ab", "éabx", pos{0, 3}},
		{"CRLF normalised", "a", pos{0, 1}, pos{0, 1}, "\r\nb", "a\nb", pos{1, 1}},
		{"clamped past end of line", "ab", pos{0, 2}, pos{0, 2}, "!", "ab!", pos{0, 3}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			b := newBuffer(tc.text)
			after := b.replace(tc.start, tc.end, tc.insert)
			if got := b.text(); got != tc.want {
				t.Errorf("text = %q, want %q", got, tc.want)
			}
			if after != tc.after {
				t.Errorf("after = %v, want %v", after, tc.after)
			}
			if b.lineCount() != strings.Count(tc.want, "\n")+1 {
				t.Errorf("lineCount = %d for %q", b.lineCount(), tc.want)
			}
		})
	}
}

// TestBufferOffsets checks that positions and byte offsets convert both ways on multi-byte text,
// the contract the parser's byte ranges rely on.
func TestBufferOffsets(t *testing.T) {
	text := "é1\n😀 x\n中文字\n\nlast"
	b := newBuffer(text)
	off := 0
	for li, line := range strings.Split(text, "\n") {
		col := 0
		for bi := range line + "\x00" { // every rune start plus the end of the line
			if bi > len(line) {
				break
			}
			p := pos{li, col}
			if got := b.offset(p); got != off+bi {
				t.Errorf("offset(%v) = %d, want %d", p, got, off+bi)
			}
			if got := b.posAt(off + bi); got != p {
				t.Errorf("posAt(%d) = %v, want %v", off+bi, got, p)
			}
			col++
		}
		off += len(line) + 1
	}
	// an offset inside a multi-byte rune maps to that rune
	if got := b.posAt(1); got != (pos{0, 0}) {
		t.Errorf("posAt inside é = %v, want {0 0}", got)
	}
	if got := b.posAt(10_000); got != (pos{4, 4}) {
		t.Errorf("posAt past the end = %v, want {4 4}", got)
	}
}

// TestBufferBlocks edits a document large enough to split blocks and compares with a plain
// slice of lines after every edit.
func TestBufferBlocks(t *testing.T) {
	var lines []string
	for i := 0; i < 3*blockSize; i++ {
		lines = append(lines, fmt.Sprintf("line %d", i))
	}
	b := newBuffer(strings.Join(lines, "\n"))
	model := append([]string(nil), lines...)
	check := func(step string) {
		t.Helper()
		if got, want := b.text(), strings.Join(model, "\n"); got != want {
			t.Fatalf("%s: buffer and model differ (%d vs %d lines)", step, b.lineCount(), len(model))
		}
		total := 0
		for i, l := range model {
			if b.offset(pos{i, 0}) != total {
				t.Fatalf("%s: offset of line %d = %d, want %d", step, i, b.offset(pos{i, 0}), total)
			}
			if got := b.posAt(total); got != (pos{i, 0}) {
				t.Fatalf("%s: posAt(%d) = %v, want line %d", step, total, got, i)
			}
			total += len(l) + 1
		}
	}
	// insert 2*blockSize lines in the middle: forces a split
	var ins []string
	for i := 0; i < 2*blockSize; i++ {
		ins = append(ins, fmt.Sprintf("new %d", i))
	}
	b.replace(pos{700, 0}, pos{700, 0}, strings.Join(ins, "\n")+"\n")
	model = append(model[:700], append(ins, model[700:]...)...)
	check("insert")
	if len(b.blocks) < 5 {
		t.Errorf("expected the big block to split, have %d blocks", len(b.blocks))
	}
	// delete a range crossing several blocks
	b.replace(pos{100, 2}, pos{2000, 3}, "")
	joined := model[100][:2] + model[2000][3:]
	model = append(append(model[:100:100], joined), model[2001:]...)
	check("delete")
	// delete everything
	last := b.lineCount() - 1
	b.replace(pos{0, 0}, pos{last, utf8.RuneCountInString(b.line(last))}, "")
	if b.text() != "" || b.lineCount() != 1 {
		t.Fatalf("after deleting all: %q, %d lines", b.text(), b.lineCount())
	}
}

// TestBufferRandomEdits applies random edits and checks after each one that the spliced text
// cache, the lines and the offsets agree.
func TestBufferRandomEdits(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	pieces := []string{"", "a", "é", "😀", "中文", "\n", "x\ny", "\n\n", "component Tea [0.5]\n"}
	b := newBuffer(strings.Repeat("line é 😀\n", 1500))
	for i := 0; i < 2000; i++ {
		pick := func() pos {
			l := rng.IntN(b.lineCount())
			return pos{l, rng.IntN(b.lineRunes(l) + 1)}
		}
		s, e := orderPos(pick(), pick())
		if rng.IntN(4) > 0 { // mostly small edits
			e = s
		}
		_ = b.text() // make the cache valid so the edit splices it
		b.replace(s, e, pieces[rng.IntN(len(pieces))])
		if got, want := b.text(), b.buildText(); got != want {
			t.Fatalf("edit %d: cached text differs from the lines", i)
		}
		p := pick()
		if got := b.posAt(b.offset(p)); got != p {
			t.Fatalf("edit %d: posAt(offset(%v)) = %v", i, p, got)
		}
	}
}
