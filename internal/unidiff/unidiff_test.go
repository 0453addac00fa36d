package unidiff

import (
	"fmt"
	"math/rand"
	"strconv"
	"strings"
	"testing"
)

func TestUnified(t *testing.T) {
	tests := []struct {
		name     string
		old, new string
		want     string
	}{
		{"equal", "a\nb\n", "a\nb\n", ""},
		{"one line changed", "a\nb\nc\n", "a\nB\nc\n",
			"--- old\n+++ new\n@@ -1,3 +1,3 @@\n a\n-b\n+B\n c\n"},
		{"insert into empty", "", "x\n",
			"--- old\n+++ new\n@@ -0,0 +1 @@\n+x\n"},
		{"delete all", "x\ny\n", "",
			"--- old\n+++ new\n@@ -1,2 +0,0 @@\n-x\n-y\n"},
		{"missing final newline", "a\nb", "a\nb\n",
			"--- old\n+++ new\n@@ -1,2 +1,2 @@\n a\n-b\n\\ No newline at end of file\n+b\n"},
		{"two hunks far apart", "1\n2\n3\n4\n5\n6\n7\n8\n9\n10\n", "1\nX\n3\n4\n5\n6\n7\n8\nY\n10\n",
			"--- old\n+++ new\n@@ -1,3 +1,3 @@\n 1\n-2\n+X\n 3\n@@ -8,3 +8,3 @@\n 8\n-9\n+Y\n 10\n"},
		{"changes within twice the context merge", "1\n2\n3\n4\n", "X\n2\n3\nY\n",
			"--- old\n+++ new\n@@ -1,4 +1,4 @@\n-1\n+X\n 2\n 3\n-4\n+Y\n"},
		{"changes farther apart split", "1\n2\n3\n4\n5\n", "X\n2\n3\n4\nY\n",
			"--- old\n+++ new\n@@ -1,2 +1,2 @@\n-1\n+X\n 2\n@@ -4,2 +4,2 @@\n 4\n-5\n+Y\n"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got := string(Unified("old", "new", []byte(tc.old), []byte(tc.new), 1))
			if got != tc.want {
				t.Errorf("got\n%s\nwant\n%s", got, tc.want)
			}
		})
	}
}

// TestUnifiedApplies applies random diffs back to the old text and expects the new text.
func TestUnifiedApplies(t *testing.T) {
	r := rand.New(rand.NewSource(1))
	for i := range 300 {
		old := randomText(r)
		new := mutate(r, old)
		t.Run(strconv.Itoa(i), func(t *testing.T) {
			d := Unified("a", "b", []byte(old), []byte(new), r.Intn(4))
			got, err := apply(old, string(d))
			if err != nil {
				t.Fatalf("%v\n%s", err, d)
			}
			if got != new {
				t.Fatalf("applying\n%s\nto %q gave %q, want %q", d, old, got, new)
			}
		})
	}
}

func randomText(r *rand.Rand) string {
	var b strings.Builder
	for range r.Intn(15) {
		fmt.Fprintf(&b, "%c\n", 'a'+r.Intn(4))
	}
	return b.String()
}

func mutate(r *rand.Rand, s string) string {
	lines := strings.SplitAfter(s, "\n")
	lines = lines[:len(lines)-1]
	for range r.Intn(5) {
		k := r.Intn(len(lines) + 1)
		switch r.Intn(3) {
		case 0:
			lines = append(lines[:k], append([]string{"n\n"}, lines[k:]...)...)
		case 1:
			if k < len(lines) {
				lines = append(lines[:k], lines[k+1:]...)
			}
		default:
			if k < len(lines) {
				lines[k] = "c\n"
			}
		}
	}
	return strings.Join(lines, "")
}

// apply is a minimal patch(1) for the diffs Unified writes (texts that end with a newline).
func apply(old, diff string) (string, error) {
	if diff == "" {
		return old, nil
	}
	src := strings.SplitAfter(old, "\n")
	src = src[:len(src)-1]
	var out []string
	next := 0 // next unread line of src, 0-based
	lines := strings.SplitAfter(diff, "\n")
	for k := 2; k < len(lines) && lines[k] != ""; k++ {
		l := lines[k]
		if strings.HasPrefix(l, "@@") {
			var start int
			f := strings.Fields(l)[1]
			start, _ = strconv.Atoi(strings.Split(f[1:], ",")[0])
			if !strings.Contains(f, ",") || !strings.HasSuffix(f, ",0") {
				start--
			}
			for next < start {
				out = append(out, src[next])
				next++
			}
			continue
		}
		switch l[0] {
		case ' ', '-':
			if next >= len(src) || src[next] != l[1:] {
				return "", fmt.Errorf("context mismatch at %q", l)
			}
			if l[0] == ' ' {
				out = append(out, l[1:])
			}
			next++
		case '+':
			out = append(out, l[1:])
		}
	}
	out = append(out, src[next:]...)
	return strings.Join(out, ""), nil
}
