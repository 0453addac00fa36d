package cli

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// Several maps exported each beside itself are exported several at a time, and what each job
// says on standard error comes out in the order of the files, exactly as when each is
// exported alone; the exit status is that of the worst.
func TestExportJobsReportInFileOrder(t *testing.T) {
	dir := t.TempDir()
	var files []string
	for i := range 12 {
		text := fmt.Sprintf("title Map %d\ncomponent Kettle [0.4, 0.3]\n", i)
		switch i % 4 {
		case 1:
			text += fmt.Sprintf("compnent Broken%d [0.5, 0.5]\n", i) // an error: drawn without it, status 1
		case 2:
			for k := range 300 { // a bigger map, slower to draw
				text += fmt.Sprintf("component C%d [%.2f, %.2f]\n", k, float64(k%97)/100, float64(k%89)/100)
			}
		}
		f := filepath.Join(dir, fmt.Sprintf("map%02d.owm", i))
		if err := os.WriteFile(f, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
		files = append(files, f)
	}
	files = append(files, filepath.Join(dir, "missing.owm"))
	for _, format := range []string{"png", "svg", "pdf"} {
		t.Run(format, func(t *testing.T) {
			var want strings.Builder
			wantCode := exitOK
			for _, f := range files {
				code, _, stderr := run(context.Background(), "", "export", "-f", format, f)
				want.WriteString(stderr)
				wantCode = max(wantCode, code)
			}
			code, _, stderr := run(context.Background(), "", append([]string{"export", "-f", format}, files...)...)
			if code != wantCode || stderr != want.String() {
				t.Errorf("status %d, standard error:\n%s\nwant status %d and, as the files one by one:\n%s", code, stderr, wantCode, want.String())
			}
			if !strings.Contains(stderr, "map09.owm:3:1: error") || !strings.Contains(stderr, "missing.owm") {
				t.Errorf("the errors are not all reported:\n%s", stderr)
			}
			for _, f := range files[:len(files)-1] {
				out := strings.TrimSuffix(f, ".owm") + "." + format
				if info, err := os.Stat(out); err != nil || info.Size() == 0 {
					t.Errorf("%s: %v", out, err)
				}
			}
		})
	}
}

// Jobs that read standard input, or two that write one file, run one after the other.
func TestRunTogether(t *testing.T) {
	for _, tc := range []struct {
		name string
		jobs []job
		want bool
	}{
		{"files beside their maps", []job{{args: []string{"a.owm"}, out: "a.png"}, {args: []string{"b.owm"}, out: "b.png"}}, true},
		{"standard input", []job{{args: []string{"-"}, out: "-"}, {args: []string{"b.owm"}, out: "b.png"}}, false},
		{"one output twice", []job{{args: []string{"a.owm"}, out: "a.png"}, {args: []string{"a.mmd"}, out: "./a.png"}}, false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := runTogether(tc.jobs); got != tc.want {
				t.Errorf("runTogether = %v, want %v", got, tc.want)
			}
		})
	}
}
