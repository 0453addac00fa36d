package mapdsl

import (
	"math"
	"strconv"
	"strings"
)

// parseFloatPrefix reads a number the way JavaScript's parseFloat does, which is how OWM reads
// every number: leading blanks are skipped, the longest prefix that forms a decimal number is
// used ("0.5abc" is 0.5, "0x10" is 0, "5e-1" is 0.5) and anything else is not a number. Unlike
// parseFloat, infinities ("1e309", "Infinity") are reported as not a number: they cannot be
// drawn, so the caller falls back to the default with a diagnostic.
func parseFloatPrefix(s string) (float64, bool) {
	v, _, ok := readFloatPrefix(s)
	return v, ok
}

// readFloatPrefix is parseFloatPrefix, which also tells whether s is exactly a decimal number
// ("0.5", ".5", "-1", "5e-1"), with nothing that parseFloat would silently ignore (blanks before
// it; "0x10" is read as 0, "0.5abc" as 0.5).
func readFloatPrefix(s string) (v float64, plain, ok bool) {
	n := len(s)
	for len(s) > 0 && (isBlank(s[0]) || s[0] == '\n') {
		s = s[1:]
	}
	i := decimalPrefix(s)
	if i == 0 {
		return 0, false, false
	}
	v, err := strconv.ParseFloat(s[:i], 64)
	if err != nil && !isRangeErr(err) {
		return 0, false, false
	}
	if math.IsInf(v, 0) || math.IsNaN(v) {
		return 0, false, false
	}
	if v == 0 {
		v = 0 // -0 draws as 0
	}
	return v, i == n, true
}

func isRangeErr(err error) bool {
	ne, ok := err.(*strconv.NumError)
	return ok && ne.Err == strconv.ErrRange
}

func isDigit(c byte) bool { return c >= '0' && c <= '9' }

// removeBlanks drops the blanks inside a coordinate piece, as OWM does before parsing.
func removeBlanks(s string) string {
	i := 0
	for i < len(s) && !isBlank(s[i]) {
		i++
	}
	if i == len(s) {
		return s
	}
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		if !isBlank(s[i]) {
			b.WriteByte(s[i])
		}
	}
	return b.String()
}

// NumberTail returns what is written after the decimal number OWM reads from a number's text
// (Number.Raw), as written: "inertia" for "0.5inertia", "" for a plain number or for text
// that does not start with a number. OWM ignores it as part of the number, but not as part of
// the line (the word inertia anywhere on a component's line gives it inertia), so an edit that
// rewrites the number keeps it.
func NumberTail(raw string) string {
	start := 0
	for start < len(raw) && (isBlank(raw[start]) || raw[start] == '\n') {
		start++
	}
	n := decimalPrefix(removeBlanks(raw[start:])) // OWM drops the blanks, then reads
	if n == 0 {
		return ""
	}
	end := start
	for k := 0; k < n; end++ {
		if !isBlank(raw[end]) {
			k++
		}
	}
	return raw[end:]
}

// decimalPrefix is the length of the longest prefix of s that is a decimal number (a sign,
// digits with an optional fraction, at least one digit, then an exponent only if it has
// digits), or 0 if s does not start with one.
func decimalPrefix(s string) int {
	i := 0
	if i < len(s) && (s[i] == '+' || s[i] == '-') {
		i++
	}
	digits := 0
	for i < len(s) && isDigit(s[i]) {
		i++
		digits++
	}
	if i < len(s) && s[i] == '.' {
		i++
		for i < len(s) && isDigit(s[i]) {
			i++
			digits++
		}
	}
	if digits == 0 {
		return 0
	}
	if i < len(s) && (s[i] == 'e' || s[i] == 'E') {
		j := i + 1
		if j < len(s) && (s[j] == '+' || s[j] == '-') {
			j++
		}
		k := j
		for k < len(s) && isDigit(s[k]) {
			k++
		}
		if k > j {
			i = k
		}
	}
	return i
}

// maxQuotedRunes bounds how much of the source a diagnostic message quotes, so that a
// megabyte-long line gives a readable message rather than a megabyte of text.
const maxQuotedRunes = 60

// clipQuoted shortens s to maxQuotedRunes runes, marking the cut with an ellipsis.
func clipQuoted(s string) string {
	if len(s) <= maxQuotedRunes {
		return s
	}
	n := 0
	for i := range s {
		if n == maxQuotedRunes {
			return s[:i] + "…"
		}
		n++
	}
	return s
}
