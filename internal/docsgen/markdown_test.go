package docsgen

import (
	"reflect"
	"strings"
	"testing"
)

func TestScanPage(t *testing.T) {
	tests := []struct {
		name    string
		page    string
		want    []Example
		wantErr string
	}{
		{
			name: "example with a picture",
			page: "# T\n\n```owm\ncomponent A [0.5, 0.5]\n```\n\n![a](images/a.svg)\n",
			want: []Example{{Doc: "d.md", Line: 3, Source: "component A [0.5, 0.5]\n",
				Pictures: []PictureRef{{Path: "images/a.svg"}}}},
		},
		{
			name: "styles from image titles",
			page: "```owm\nx\n```\n![p](p.png \"style plain\")\n![d](d.png \"style dark\")\n",
			want: []Example{{Doc: "d.md", Line: 1, Source: "x\n",
				Pictures: []PictureRef{{Path: "p.png", Style: "plain"}, {Path: "d.png", Style: "dark"}}}},
		},
		{
			name: "pictures side by side in a table, one redrawn as OWM draws it",
			page: "```owm\nx\n```\n\n| OWM | Mapwright |\n| --- | --- |\n| ![o](o.svg \"owm flows\") | ![m](m.svg) |\n\nText.\n",
			want: []Example{{Doc: "d.md", Line: 1, Source: "x\n",
				Pictures: []PictureRef{{Path: "o.svg", OWM: "flows"}, {Path: "m.svg"}}}},
		},
		{
			name: "diagnostics block then picture",
			page: "```owm\nx\n```\n\n```diagnostics\nold\n```\n\n![l](l.svg)\n",
			want: []Example{{Doc: "d.md", Line: 1, Source: "x\n", Diagnostics: &lineSpan{5, 6},
				Pictures: []PictureRef{{Path: "l.svg"}}}},
		},
		{
			name: "prose ends the pictures of an example",
			page: "```owm\nx\n```\nText.\n![later](later.svg)\n",
			want: []Example{{Doc: "d.md", Line: 1, Source: "x\n"}},
		},
		{
			name: "other languages are not examples",
			page: "```sh\nmapwright fmt -w map.owm\n```\n![x](x.svg)\n",
		},
		{
			name:    "unknown image title",
			page:    "```owm\nx\n```\n![x](x.svg \"dark\")\n",
			wantErr: `d.md:4: image title "dark"`,
		},
		{
			name:    "unclosed fence",
			page:    "```owm\nx\n",
			wantErr: "d.md:1: fenced block is never closed",
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got, err := scanPage("d.md", tc.page)
			if tc.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), tc.wantErr) {
					t.Fatalf("err = %v, want it to contain %q", err, tc.wantErr)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if !reflect.DeepEqual(got, tc.want) {
				t.Errorf("got  %+v\nwant %+v", got, tc.want)
			}
		})
	}
}

func TestReplaceBodies(t *testing.T) {
	page := "```owm\nmarket M [0.5, 0.5]\n```\n\n```diagnostics\nstale line\n```\n\nEnd.\n"
	examples, err := scanPage("d.md", page)
	if err != nil {
		t.Fatal(err)
	}
	fill := func(text string) string {
		return replaceBodies(text, []replacement{{*examples[0].Diagnostics, []string{"fresh one", "fresh two"}}})
	}
	got := fill(page)
	want := "```owm\nmarket M [0.5, 0.5]\n```\n\n```diagnostics\nfresh one\nfresh two\n```\n\nEnd.\n"
	if got != want {
		t.Errorf("got\n%s\nwant\n%s", got, want)
	}
	rescanned, err := scanPage("d.md", got)
	if err != nil {
		t.Fatal(err)
	}
	if again := replaceBodies(got, []replacement{{*rescanned[0].Diagnostics, []string{"fresh one", "fresh two"}}}); again != got {
		t.Errorf("filling twice changed the page:\n%s", again)
	}
}

func TestScanCommands(t *testing.T) {
	page := strings.Join([]string{
		"```console",
		"$ mapwright check docs/examples/x.owm",
		"stale output",
		"```",
		"<!-- picture images/d.png: mapwright diff -o {} a.owm b.owm -->",
		"![d](images/d.png)",
		"```console",
		"$ go install ./cmd/mapwright",
		"```",
	}, "\n")
	got, err := scanCommands("d.md", page)
	if err != nil {
		t.Fatal(err)
	}
	want := []Command{
		{Doc: "d.md", Line: 1, Args: []string{"check", "docs/examples/x.owm"}, Output: &lineSpan{2, 3}},
		{Doc: "d.md", Line: 5, Args: []string{"diff", "-o", "{}", "a.owm", "b.owm"}, Picture: "images/d.png"},
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("got  %+v\nwant %+v", got, want)
	}
	if _, err := scanCommands("d.md", "```console\n$ mapwright check \"a b.owm\"\n```\n"); err == nil {
		t.Errorf("quoted arguments were accepted")
	}
}
