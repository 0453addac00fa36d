package pdf

import (
	"fmt"
	"strings"
)

// linkTarget returns the URL to write for a submap link and whether it may be written at all.
// Only http, https, mailto and relative references are links; javascript:, data:, file: and
// every other scheme are dropped, as the SVG encoder drops them. Characters that are not
// printable ASCII are percent-encoded so the PDF string carries nothing but the address.
//
// TODO(encoders): switch to render.SafeURL once the layout package provides it.
func linkTarget(raw string) (string, bool) {
	u := strings.TrimSpace(raw)
	if u == "" {
		return "", false
	}
	for _, r := range u {
		if r < 0x20 || r == 0x7F || r == '\\' {
			return "", false // browsers strip or reinterpret these, hiding a scheme
		}
	}
	if i := strings.IndexAny(u, ":/?#"); i >= 0 && u[i] == ':' {
		switch strings.ToLower(u[:i]) {
		case "http", "https", "mailto":
		default:
			return "", false
		}
	}
	var b strings.Builder
	for i := 0; i < len(u); i++ {
		c := u[i]
		if c <= ' ' || c >= 0x7F || c == '(' || c == ')' || c == '<' || c == '>' || c == '"' {
			fmt.Fprintf(&b, "%%%02X", c)
			continue
		}
		b.WriteByte(c)
	}
	return b.String(), true
}
