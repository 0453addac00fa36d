// Package unidiff writes line diffs in the unified format that `diff -u`, `git diff` and
// `gofmt -d` print, for `mapwright fmt -d`.
//
// The edit script comes from a longest-common-subsequence table over the lines that remain after
// the common prefix and suffix are stripped. Formatting changes are local, so that middle part is
// small in practice; when it is so big that the table would be unreasonable (more than
// MaxTableCells cells) the middle is reported as one replaced block, which is still a correct
// diff, only not a minimal one.
package unidiff

import (
	"bytes"
	"fmt"
	"strings"
)

// MaxTableCells bounds the LCS table (rows times columns) before falling back to a block
// replacement.
const MaxTableCells = 16 << 20

// op is one line of an edit script.
type op struct {
	kind byte // ' ', '-', '+'
	text string
}

// Unified returns the unified diff from old to new with the given number of context lines, or
// nil when the texts are equal. oldName and newName label the --- and +++ lines.
func Unified(oldName, newName string, old, new []byte, context int) []byte {
	if bytes.Equal(old, new) {
		return nil
	}
	a, b := splitLines(old), splitLines(new)
	ops := script(a, b)
	var out bytes.Buffer
	fmt.Fprintf(&out, "--- %s\n+++ %s\n", oldName, newName)
	writeHunks(&out, ops, context)
	return out.Bytes()
}

// splitLines splits text into lines that keep their "\n"; a last line without one is marked
// the way diff does.
func splitLines(b []byte) []string {
	if len(b) == 0 {
		return nil
	}
	lines := strings.SplitAfter(string(b), "\n")
	if lines[len(lines)-1] == "" {
		lines = lines[:len(lines)-1]
	} else {
		lines[len(lines)-1] += "\n\\ No newline at end of file\n"
	}
	return lines
}

// script computes an edit script turning a into b.
func script(a, b []string) []op {
	pre := 0
	for pre < len(a) && pre < len(b) && a[pre] == b[pre] {
		pre++
	}
	suf := 0
	for suf < len(a)-pre && suf < len(b)-pre && a[len(a)-1-suf] == b[len(b)-1-suf] {
		suf++
	}
	var ops []op
	for _, l := range a[:pre] {
		ops = append(ops, op{' ', l})
	}
	ops = append(ops, middle(a[pre:len(a)-suf], b[pre:len(b)-suf])...)
	for _, l := range a[len(a)-suf:] {
		ops = append(ops, op{' ', l})
	}
	return ops
}

// middle diffs the part between the common prefix and suffix with an LCS table.
func middle(a, b []string) []op {
	var ops []op
	if len(a)*len(b) > MaxTableCells {
		for _, l := range a {
			ops = append(ops, op{'-', l})
		}
		for _, l := range b {
			ops = append(ops, op{'+', l})
		}
		return ops
	}
	// lcs[i][j] is the LCS length of a[i:] and b[j:], stored row-major.
	w := len(b) + 1
	lcs := make([]int32, (len(a)+1)*w)
	for i := len(a) - 1; i >= 0; i-- {
		for j := len(b) - 1; j >= 0; j-- {
			if a[i] == b[j] {
				lcs[i*w+j] = lcs[(i+1)*w+j+1] + 1
			} else {
				lcs[i*w+j] = max(lcs[(i+1)*w+j], lcs[i*w+j+1])
			}
		}
	}
	i, j := 0, 0
	for i < len(a) && j < len(b) {
		switch {
		case a[i] == b[j]:
			ops = append(ops, op{' ', a[i]})
			i++
			j++
		case lcs[(i+1)*w+j] >= lcs[i*w+j+1]:
			ops = append(ops, op{'-', a[i]})
			i++
		default:
			ops = append(ops, op{'+', b[j]})
			j++
		}
	}
	for ; i < len(a); i++ {
		ops = append(ops, op{'-', a[i]})
	}
	for ; j < len(b); j++ {
		ops = append(ops, op{'+', b[j]})
	}
	return ops
}

// writeHunks groups changes with their context into @@ hunks.
func writeHunks(out *bytes.Buffer, ops []op, context int) {
	// oldLine[k] and newLine[k] are the 1-based line numbers at ops[k].
	oldLine := make([]int, len(ops)+1)
	newLine := make([]int, len(ops)+1)
	o, n := 1, 1
	for k, e := range ops {
		oldLine[k], newLine[k] = o, n
		if e.kind != '+' {
			o++
		}
		if e.kind != '-' {
			n++
		}
	}
	oldLine[len(ops)], newLine[len(ops)] = o, n

	for k := 0; k < len(ops); {
		if ops[k].kind == ' ' {
			k++
			continue
		}
		start := max(0, k-context)
		end := k // exclusive end of the hunk
		for end < len(ops) {
			if ops[end].kind != ' ' {
				end++
				continue
			}
			// a run of unchanged lines: does another change follow within 2*context?
			run := end
			for run < len(ops) && ops[run].kind == ' ' {
				run++
			}
			if run < len(ops) && run-end <= 2*context {
				end = run
				continue
			}
			end = min(run, end+context)
			break
		}
		var oldN, newN int
		for _, e := range ops[start:end] {
			if e.kind != '+' {
				oldN++
			}
			if e.kind != '-' {
				newN++
			}
		}
		fmt.Fprintf(out, "@@ -%s +%s @@\n", hunkRange(oldLine[start], oldN), hunkRange(newLine[start], newN))
		for _, e := range ops[start:end] {
			out.WriteByte(e.kind)
			out.WriteString(e.text)
		}
		k = end
	}
}

// hunkRange spells a hunk's start and length as diff does: an empty range names the line
// before it.
func hunkRange(start, n int) string {
	switch n {
	case 0:
		return fmt.Sprintf("%d,0", start-1)
	case 1:
		return fmt.Sprintf("%d", start)
	}
	return fmt.Sprintf("%d,%d", start, n)
}
