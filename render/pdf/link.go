package pdf

import (
	"fmt"
	"strings"

	"mapwright/render"
)

// linkTarget returns the URL to write for a submap link and whether it may be written at all.
// Only addresses render.SafeURL accepts become links (http, https, mailto and relative
// references; never javascript:, data:, file: or other schemes), as in the SVG. Bytes that are
// not printable ASCII, and the characters PDF strings and viewers treat specially, are
// percent-encoded so the PDF string carries nothing but the address.
func linkTarget(raw string) (string, bool) {
	if !render.SafeURL(raw) {
		return "", false
	}
	var b strings.Builder
	for i := 0; i < len(raw); i++ {
		c := raw[i]
		if c <= ' ' || c >= 0x7F || c == '(' || c == ')' || c == '<' || c == '>' || c == '"' {
			fmt.Fprintf(&b, "%%%02X", c)
			continue
		}
		b.WriteByte(c)
	}
	return b.String(), true
}
