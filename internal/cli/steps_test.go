package cli

import (
	"context"
	"fmt"
	"math"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"mapwright/mapdsl"
	"mapwright/render"
)

// poppler runs a poppler tool (pdftotext, pdfinfo), or skips the test when it is not installed
// (scripts/install-deps.sh installs it).
func poppler(t *testing.T, tool string, args ...string) string {
	t.Helper()
	bin, err := exec.LookPath(tool)
	if err != nil {
		t.Skipf("%s (poppler-utils) is not installed", tool)
	}
	out, err := exec.Command(bin, args...).CombinedOutput()
	if err != nil {
		t.Fatalf("%s %v: %v\n%s", tool, args, err, out)
	}
	return string(out)
}

// pageLines are the texts of one PDF page, a line each, as pdftotext reads them.
func pageLines(t *testing.T, pdf string, page int) map[string]bool {
	t.Helper()
	n := strconv.Itoa(page)
	lines := map[string]bool{}
	for _, l := range strings.Split(poppler(t, "pdftotext", "-f", n, "-l", n, pdf, "-"), "\n") {
		lines[strings.TrimSpace(l)] = true
	}
	return lines
}

var pageSize = regexp.MustCompile(`Page +(\d+) size: +([\d.]+) x ([\d.]+) pts`)

// TestStepsDeck exports the tea shop talk (docs/examples/tea-shop-talk.owm, six "// step:"
// markers) as slides, with a title page and after it the tea shop sample, which has no markers
// and builds up in the default order. It checks the number of pages, that each has the slide's
// shape, and that each step's page names exactly the anchors and components declared so far.
func TestStepsDeck(t *testing.T) {
	talk, _ := filepath.Abs("../../docs/examples/tea-shop-talk.owm")
	sample, _ := filepath.Abs("../../samples/tea-shop.owm")
	all := []string{"Business", "Public", "Cup of Tea", "Cup", "Tea", "Hot Water", "Water", "Kettle", "Power"}
	// The names each step declares, in the talk's markers and then in the default order.
	talkSteps := [][]string{
		{"Business", "Public"}, {"Cup of Tea"}, {"Cup", "Tea", "Hot Water"}, {"Water", "Kettle", "Power"}, nil, nil,
	}
	defaultSteps := [][]string{
		{"Business", "Public"}, {"Cup of Tea"}, {"Cup", "Tea", "Hot Water"}, {"Water", "Kettle"}, {"Power"}, nil, nil, nil,
	}
	for _, paper := range []struct {
		name  string
		ratio float64
	}{{"16:9", 16.0 / 9}, {"4:3", 4.0 / 3}} {
		t.Run(paper.name, func(t *testing.T) {
			out := filepath.Join(t.TempDir(), "talk.pdf")
			code, _, stderr := run(context.Background(), "", "export", "--steps", "--paper", paper.name,
				"--deck-title", "Selling tea", "-o", out, talk, sample)
			if code != 0 {
				t.Fatalf("export: status %d: %s", code, stderr)
			}
			want := 1 + len(talkSteps) + len(defaultSteps)
			info := poppler(t, "pdfinfo", "-f", "1", "-l", strconv.Itoa(want+1), out)
			sizes := pageSize.FindAllStringSubmatch(info, -1)
			if len(sizes) != want {
				t.Fatalf("%d pages, want %d (a title page, then the steps of both maps)\n%s", len(sizes), want, info)
			}
			for _, m := range sizes {
				w, _ := strconv.ParseFloat(m[2], 64)
				h, _ := strconv.ParseFloat(m[3], 64)
				if math.Abs(w/h-paper.ratio) > 0.005 {
					t.Errorf("page %s is %sx%s pt, not %s", m[1], m[2], m[3], paper.name)
				}
			}
			if title := pageLines(t, out, 1); !title["Selling tea"] || title["Cup"] {
				t.Errorf("the title page reads %v, want the deck title and no map", title)
			}
			page := 2
			for _, deck := range []struct {
				name  string
				steps [][]string
			}{{"talk", talkSteps}, {"sample", defaultSteps}} {
				declared := map[string]bool{}
				for i, names := range deck.steps {
					for _, n := range names {
						declared[n] = true
					}
					text := pageLines(t, out, page)
					for _, n := range all {
						if text[n] != declared[n] {
							t.Errorf("%s step %d (page %d): %q shown %v, declared %v", deck.name, i+1, page, n, text[n], declared[n])
						}
					}
					if num := fmt.Sprintf("%d/%d", page, want); !text[num] && !text[fmt.Sprintf("%d / %d", page, want)] {
						t.Errorf("page %d has no page number %s", page, num)
					}
					page++
				}
			}
			// The steps' titles are on their pages.
			if text := pageLines(t, out, 3); !text["Tea Shop · What they need: a cup of tea"] {
				t.Errorf("page 3 lacks its step's title: %v", text)
			}
			if text := pageLines(t, out, 2+len(talkSteps)); !text["Tea Shop · Users and needs"] {
				t.Errorf("the sample's first step lacks the default order's title")
			}
		})
	}
}

// TestTitlePageNamesEachMap: the title page lists the deck's maps a line each, naming a map by
// its file too when its title is missing or shared with another map of the deck.
func TestTitlePageNamesEachMap(t *testing.T) {
	cases := []struct {
		name   string
		titles []string
		want   []string
	}{
		{"distinct titles", []string{"Tea Shop", "Kettles"}, []string{"Tea Shop", "Kettles"}},
		{"a shared title", []string{"Tea Shop", "Tea Shop", "Kettles"}, []string{"Tea Shop (m0.owm)", "Tea Shop (m1.owm)", "Kettles"}},
		{"no title", []string{"", "Kettles"}, []string{"m0.owm", "Kettles"}},
		{"one map", []string{"Tea Shop"}, nil},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			var maps []parsed
			for i, title := range c.titles {
				src := "component A [0.5, 0.5]\n"
				if title != "" {
					src = "title " + title + "\n" + src
				}
				in := &input{name: filepath.Join("talks", fmt.Sprintf("m%d.owm", i)), src: []byte(src)}
				m, diags := mapdsl.Parse(in.name, in.src)
				maps = append(maps, parsed{in: in, m: m, diags: diags})
			}
			o := &exportOptions{deckTitle: "Deck"}
			sc := o.titleScene(maps, &render.Scene{Width: 720, Height: 405})
			var got []string
			for _, it := range sc.Items {
				if it.Ref.Kind == render.ElemTitle && it.Ref.Index == 1 {
					got = append(got, it.Text)
				}
			}
			if strings.Join(got, "|") != strings.Join(c.want, "|") {
				t.Errorf("title page lists %q, want %q", got, c.want)
			}
		})
	}
}
