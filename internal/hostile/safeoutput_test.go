package hostile

import (
	"bytes"
	"encoding/xml"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"testing"

	"mapwright/mapdsl"
	"mapwright/render"
	"mapwright/render/pdf"
	"mapwright/render/svg"
)

// markup are names that try to break out of the text they are written into: XML and HTML
// markup, CDATA ends, entities, both quotes, PDF string delimiters and control characters.
var markup = []string{
	"<script>alert(1)</script>",
	"]]><svg onload=alert(1)>",
	"&amp; &lt; &#x3c; &unknown;",
	`say "hi" it's`,
	`Tea (hot) \ 100% ) /JS (app.alert(1))`,
	"bell\x07 escape\x1b[31m tab\there del\x7f next\u0085line",
	"<foreignObject><a href='javascript:alert(1)'>x</a></foreignObject>",
}

// markupMap uses every markup string in every place a map shows text: title, anchor,
// component, evolved name, note, annotation, link context, flow label, pipeline, submap,
// accelerator.
func markupMap() []byte {
	var b strings.Builder
	b.WriteString("title " + markup[0] + "\n")
	b.WriteString("anchor " + markup[1] + " [0.95, 0.5]\n")
	for i, s := range markup {
		y := 0.1 + float64(i)*0.1
		b.WriteString("component " + s + " [" + ftoa(y) + ", 0.3] label [5, -5]\n")
	}
	b.WriteString("evolve " + markup[2] + "->" + markup[3] + " 0.8\n")
	b.WriteString(markup[1] + "->" + markup[2] + "; " + markup[4] + "\n")
	b.WriteString(markup[2] + "+'" + markup[5] + "'>" + markup[3] + "\n")
	b.WriteString("pipeline " + markup[3] + " [0.2, 0.6]\n")
	b.WriteString("note " + markup[6] + " [0.2, 0.8]\n")
	b.WriteString("annotation 1 [0.5, 0.5] " + markup[0] + "\nannotations [0.9, 0.1]\n")
	b.WriteString("submap " + markup[4] + " [0.3, 0.7] url(u)\nurl u [https://example.com/" + "a?b=1&c=2]\n")
	b.WriteString("accelerator " + markup[5] + " [0.4, 0.4]\n")
	return []byte(b.String())
}

func ftoa(v float64) string { return strconv.FormatFloat(v, 'f', 2, 64) }

// inertSVG parses an SVG strictly and fails the test on active content: a script or
// foreignObject element, an event handler attribute, a link that render.SafeURL refuses. It
// returns the links and the character data.
func inertSVG(t *testing.T, data []byte) (links []string, text string) {
	t.Helper()
	dec := xml.NewDecoder(bytes.NewReader(data))
	dec.Strict = true
	var chars strings.Builder
	for {
		tok, err := dec.Token()
		if err == io.EOF {
			break
		}
		if err != nil {
			t.Fatalf("the SVG is not well-formed XML: %v", err)
		}
		switch tok := tok.(type) {
		case xml.StartElement:
			switch strings.ToLower(tok.Name.Local) {
			case "script", "foreignobject", "iframe", "embed", "object", "handler", "listener", "animate", "set":
				t.Errorf("active element <%s>", tok.Name.Local)
			}
			for _, a := range tok.Attr {
				name := strings.ToLower(a.Name.Local)
				if strings.HasPrefix(name, "on") {
					t.Errorf("event handler attribute %s=%q on <%s>", a.Name.Local, a.Value, tok.Name.Local)
				}
				if name == "href" || name == "src" || name == "action" {
					links = append(links, a.Value)
					if !render.SafeURL(a.Value) {
						t.Errorf("unsafe link %q", a.Value)
					}
				}
				if strings.Contains(strings.ToLower(a.Value), "javascript:") {
					t.Errorf("attribute %s carries %q", a.Name.Local, a.Value)
				}
			}
		case xml.CharData:
			chars.Write(tok)
		case xml.Directive, xml.ProcInst:
			if p, ok := tok.(xml.ProcInst); ok && p.Target == "xml" {
				continue
			}
			t.Errorf("unexpected XML directive or processing instruction %v", tok)
		}
	}
	return links, chars.String()
}

// TestSVGOfMarkupNamesIsInert draws names made of markup in every style and checks that the
// SVG parses, carries them as text, and holds nothing active.
func TestSVGOfMarkupNamesIsInert(t *testing.T) {
	src := markupMap()
	m, diags := mapdsl.Parse("markup.owm", src)
	if diags.HasErrors() {
		t.Fatalf("the markup map has errors:%s", summary(diags.Errors()))
	}
	for _, style := range render.Styles {
		t.Run(string(style), func(t *testing.T) {
			var out bytes.Buffer
			if err := svg.Encode(&out, render.Layout(m, render.Options{Style: style})); err != nil {
				t.Fatal(err)
			}
			links, text := inertSVG(t, out.Bytes())
			for _, want := range []string{"<script>alert(1)</script>", "]]><svg onload=alert(1)>", "&amp; &lt;", `say "hi" it's`} {
				if !strings.Contains(text, want) {
					t.Errorf("the text %q is not in the SVG's character data", want)
				}
			}
			if strings.ContainsAny(text, "\x07\x1b\x7f") {
				t.Error("control characters reached the SVG")
			}
			if len(links) == 0 {
				t.Error("the submap's https address is not linked")
			}
			for _, l := range links {
				if l != "https://example.com/a?b=1&c=2" {
					t.Errorf("link %q, want only the submap's https address", l)
				}
			}
		})
	}
}

// unsafeURLs are submap addresses that must never become links. (Relative references such as
// "javascript&colon;x" or "//host/x" are allowed: the SVG escapes "&", so a browser reads the
// first as a path, and the second is an ordinary link to another host.)
var unsafeURLs = []string{
	"javascript:alert(1)",
	"JaVaScRiPt:alert(1)",
	"java\tscript:alert(1)",
	" javascript:alert(1)",
	"data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==",
	"vbscript:msgbox(1)",
	"file:///etc/passwd",
	"ftp://example.com/x",
	"about:blank",
	"blob:https://example.com/uuid",
	"https:",
	"mailto:",
	"https://example.com/\"onmouseover=\"alert(1)",
}

// TestUnsafeSubmapURLsAreNeverLinks puts each unsafe address on a submap and checks that
// neither the SVG (href) nor the PDF (/URI action) links to it, while a safe address does.
func TestUnsafeSubmapURLsAreNeverLinks(t *testing.T) {
	cases := append([]string{"https://example.com/safe"}, unsafeURLs...)
	for _, u := range cases {
		safe := u == "https://example.com/safe"
		t.Run(strings.ReplaceAll(u, "/", "_"), func(t *testing.T) {
			src := "submap Other map [0.5, 0.5] url(ref)\nurl ref [" + u + "]\nsubmap Direct [0.4, 0.4] url " + u + "\n"
			m, _ := mapdsl.Parse("urls.owm", []byte(src))
			scene := render.Layout(m, render.Options{})
			var svgOut, pdfOut bytes.Buffer
			if err := svg.Encode(&svgOut, scene); err != nil {
				t.Fatal(err)
			}
			links, _ := inertSVG(t, svgOut.Bytes())
			if err := pdf.Encode(&pdfOut, []*render.Scene{scene}, pdf.Options{}); err != nil {
				t.Fatal(err)
			}
			uris := bytes.Count(pdfOut.Bytes(), []byte("/URI"))
			switch {
			case safe && (len(links) == 0 || uris == 0):
				t.Errorf("a safe https address was not linked: svg %q, %d PDF /URI", links, uris)
			case !safe && (len(links) != 0 || uris != 0):
				t.Errorf("unsafe address linked: svg %q, %d PDF /URI", links, uris)
			}
			for _, bad := range []string{"/JavaScript", "/JS ", "/Launch", "/OpenAction"} {
				if bytes.Contains(pdfOut.Bytes(), []byte(bad)) {
					t.Errorf("the PDF contains %s", bad)
				}
			}
		})
	}
}

// TestPDFPrintsAnyText puts names of every kind of character into a PDF: markup, PDF string
// delimiters, control characters, right-to-left and zero-width characters, combining marks,
// CJK, emoji and characters outside the Basic Multilingual Plane. The PDF must be made, and
// when poppler's pdftotext is installed, the printable part of each name must be found in it.
func TestPDFPrintsAnyText(t *testing.T) {
	names := append([]string{}, markup...)
	names = append(names,
		"\u202eevil\u200b name", "مرحبا بالعالم", "Cafe\u0301 crème", "茶店 お茶", "🫖 Tea 🍵 👩‍💻",
		"𝄞 music", "\ufeffbom inside", "(((", ")))", `\\\`)
	var b strings.Builder
	b.WriteString("title " + names[4] + "\n")
	for i, n := range names {
		b.WriteString("component " + n + " [" + ftoa(0.05+float64(i%9)*0.1) + ", " + ftoa(0.05+float64(i/9)*0.3) + "]\n")
	}
	m, diags := mapdsl.Parse("text.owm", []byte(b.String()))
	if diags.HasErrors() {
		t.Fatalf("errors:%s", summary(diags.Errors()))
	}
	var out bytes.Buffer
	noPanic(t, "pdf.Encode", func() {
		if err := pdf.Encode(&out, []*render.Scene{render.Layout(m, render.Options{})}, pdf.Options{}); err != nil {
			t.Fatal(err)
		}
	})
	if !bytes.HasPrefix(out.Bytes(), []byte("%PDF-")) || !bytes.Contains(out.Bytes(), []byte("%%EOF")) {
		t.Fatal("not a complete PDF")
	}
	if _, err := exec.LookPath("pdftotext"); err != nil {
		t.Skip("pdftotext (poppler-utils) not installed: text extraction not checked")
	}
	dir := t.TempDir()
	file := filepath.Join(dir, "text.pdf")
	os.WriteFile(file, out.Bytes(), 0o644)
	txt, err := exec.Command("pdftotext", "-raw", file, "-").Output()
	if err != nil {
		t.Fatalf("pdftotext: %v", err)
	}
	got := strings.Join(strings.Fields(string(txt)), " ")
	for _, want := range []string{"<script>alert(1)</script>", "&amp;", `say "hi" it's`, "/JS (app.alert(1))", "茶店", "(((", ")))", `\\\`, "Tea"} {
		if !strings.Contains(got, want) {
			t.Errorf("pdftotext does not find %q in %.400q", want, got)
		}
	}
	if info, err := exec.Command("pdfinfo", file).Output(); err == nil {
		if !strings.Contains(string(info), `Tea (hot) \ 100% ) /JS (app.alert(1))`) {
			t.Errorf("the document title was not kept as text: %s", info)
		}
	}
}

// TestMapTextNeverChoosesWhereFilesGo exports maps whose title, names and urls look like paths
// and checks that only the requested output (or, without -o, the file beside the map) appears.
func TestMapTextNeverChoosesWhereFilesGo(t *testing.T) {
	const evil = "title ../../etc/passwd\ncomponent ../../../tmp/evil [0.5, 0.5]\nsubmap /etc/shadow [0.4, 0.4] url(u)\nurl u [../../../../root/.ssh/authorized_keys]\n"
	tests := []struct {
		name string
		args func(in, dir string) []string
		want []string // files that must exist afterwards, relative to the root
	}{
		{"svg with -o", func(in, dir string) []string { return []string{"export", "-o", filepath.Join(dir, "out.svg"), in} }, []string{"a/b/map.owm", "a/b/out.svg"}},
		{"png with -o", func(in, dir string) []string { return []string{"export", "-o", filepath.Join(dir, "out.png"), in} }, []string{"a/b/map.owm", "a/b/out.png"}},
		{"pdf deck", func(in, dir string) []string {
			return []string{"export", "-o", filepath.Join(dir, "deck.pdf"), in, in}
		}, []string{"a/b/deck.pdf", "a/b/map.owm"}},
		{"beside the map", func(in, dir string) []string { return []string{"export", "-f", "json", in} }, []string{"a/b/map.json", "a/b/map.owm"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			root := t.TempDir()
			dir := filepath.Join(root, "a", "b")
			os.MkdirAll(dir, 0o755)
			in := filepath.Join(dir, "map.owm")
			os.WriteFile(in, []byte(evil), 0o644)
			if status, msg := runCLI(t, tc.args(in, dir)...); status != 0 {
				t.Fatalf("export: status %d: %s", status, msg)
			}
			var files []string
			filepath.Walk(root, func(p string, info os.FileInfo, err error) error {
				if err == nil && !info.IsDir() {
					rel, _ := filepath.Rel(root, p)
					files = append(files, filepath.ToSlash(rel))
				}
				return nil
			})
			sort.Strings(files)
			if strings.Join(files, " ") != strings.Join(tc.want, " ") {
				t.Errorf("files after export: %q, want %q", files, tc.want)
			}
		})
	}
}
