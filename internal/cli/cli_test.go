package cli

import (
	"bytes"
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"

	"mapwright/internal/mapdiff"
	"mapwright/internal/modeljson"
	"mapwright/internal/testenv"
	"mapwright/mapdsl"
)

// syncBuffer is a bytes.Buffer safe for the watcher's goroutines and the test to share.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

// waitFor polls cond until it holds or the deadline passes.
func waitFor(t *testing.T, what string, cond func() bool) {
	t.Helper()
	deadline := time.Now().Add(10 * time.Second)
	for !cond() {
		if time.Now().After(deadline) {
			t.Fatalf("timed out waiting for %s", what)
		}
		time.Sleep(10 * time.Millisecond)
	}
}

// TestWatch runs watch in a goroutine, saves the map twice (and once broken), and checks that
// the output follows each good save, keeps the last good drawing after the broken one, and that
// cancelling the context stops the command with status 0. It runs with file notifications and
// with polling.
func TestWatch(t *testing.T) {
	for _, mode := range []struct {
		name  string
		flags []string
	}{
		{"notifications", nil},
		{"polling", []string{"--poll", "20ms"}},
	} {
		t.Run(mode.name, func(t *testing.T) {
			dir := t.TempDir()
			src := filepath.Join(dir, "map.owm")
			out := filepath.Join(dir, "out", "map.svg")
			write := func(text string) {
				t.Helper()
				// Saved whole, as the editor saves (a temporary file renamed over the map): a
				// plain os.WriteFile truncates first, and a watcher reading in between exports
				// an empty map, a good drawing that the broken save's check then missed (this
				// test failed that way under load).
				tmp := src + ".saving"
				if err := os.WriteFile(tmp, []byte(text), 0o644); err != nil {
					t.Fatal(err)
				}
				if err := os.Rename(tmp, src); err != nil {
					t.Fatal(err)
				}
			}
			read := func() string {
				b, _ := os.ReadFile(out)
				return string(b)
			}
			write("title First\nanchor User [0.9, 0.5]\ncomponent Alpha [0.5, 0.5]\nUser->Alpha\n")

			ctx, cancel := context.WithCancel(context.Background())
			defer cancel()
			var stdout, stderr syncBuffer
			done := make(chan int)
			args := append([]string{"watch", "--debounce", "20ms", src, "-o", out}, mode.flags...)
			go func() { done <- Run(ctx, args, strings.NewReader(""), &stdout, &stderr) }()

			waitFor(t, "the first export", func() bool { return strings.Contains(read(), "Alpha") })
			time.Sleep(50 * time.Millisecond) // let the watcher settle before the next save

			write("title Second\nanchor User [0.9, 0.5]\ncomponent Beta [0.5, 0.5]\nUser->Beta\n")
			waitFor(t, "the export after the first save", func() bool { return strings.Contains(read(), "Beta") })

			write("title Third\nanchor User [0.9, 0.5]\ncomponent Gamma [0.5, 0.5]\nnonsense here\n")
			waitFor(t, "the diagnostics of the broken save", func() bool { return strings.Contains(stderr.String(), "map.owm:4:1: error") })
			if !strings.Contains(read(), "Beta") || strings.Contains(read(), "Gamma") {
				t.Errorf("a broken save replaced the last good output")
			}
			if !strings.Contains(stderr.String(), "keeps the last good drawing") {
				t.Errorf("stderr does not say the output was kept: %s", stderr.String())
			}

			write("title Fourth\nanchor User [0.9, 0.5]\ncomponent Delta [0.5, 0.5]\nUser->Delta\n")
			waitFor(t, "the export after the fix", func() bool { return strings.Contains(read(), "Delta") })

			// An editor that saves by truncating and then writing, seen in between: the
			// empty file must not replace the drawing (it did: an empty map is no error).
			if err := os.Truncate(src, 0); err != nil {
				t.Fatal(err)
			}
			waitFor(t, "the notice of the empty file", func() bool { return strings.Contains(stderr.String(), "is empty") })
			if !strings.Contains(read(), "Delta") {
				t.Errorf("an empty map file replaced the last drawing")
			}
			write("title Fifth\nanchor User [0.9, 0.5]\ncomponent Epsilon [0.5, 0.5]\nUser->Epsilon\n")
			waitFor(t, "the export after the save completes", func() bool { return strings.Contains(read(), "Epsilon") })

			cancel()
			select {
			case code := <-done:
				// Stopped like every command: the status of Ctrl-C.
				if code != 130 {
					t.Errorf("watch returned %d after cancel, want 130; stderr:\n%s", code, stderr.String())
				}
			case <-time.After(5 * time.Second):
				t.Fatal("watch did not stop when its context was cancelled")
			}
			if n := strings.Count(stdout.String(), "wrote "); n < 3 {
				t.Errorf("stdout reports %d writes, want at least 3:\n%s", n, stdout.String())
			}
		})
	}
}

func TestWatchMisuse(t *testing.T) {
	tests := []struct {
		name string
		args []string
		want int
	}{
		{"no files", []string{"watch"}, exitUsage},
		{"stdin", []string{"watch", "-"}, exitUsage},
		{"missing file", []string{"watch", filepath.Join(t.TempDir(), "none.owm")}, exitFailure},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if code, _, _ := run(context.Background(), "", tc.args...); code != tc.want {
				t.Errorf("status %d, want %d", code, tc.want)
			}
		})
	}
}

// normalisedModel is a map's JSON model with source lines zeroed, for comparing meaning across
// reformatting (which may move statements to other lines by removing blank ones).
func normalisedModel(t *testing.T, m *mapdsl.Map) string {
	t.Helper()
	d := modeljson.FromMap(m, "")
	for i := range d.Anchors {
		d.Anchors[i].Line = 0
	}
	for i := range d.Components {
		d.Components[i].Line = 0
	}
	for i := range d.Links {
		d.Links[i].Line = 0
	}
	for i := range d.Evolutions {
		d.Evolutions[i].Line = 0
	}
	for i := range d.Pipelines {
		d.Pipelines[i].Line = 0
	}
	for i := range d.Notes {
		d.Notes[i].Line = 0
	}
	for i := range d.Annotations {
		d.Annotations[i].Line = 0
	}
	for i := range d.Areas {
		d.Areas[i].Line = 0
	}
	for i := range d.Accelerators {
		d.Accelerators[i].Line = 0
	}
	for i := range d.URLs {
		d.URLs[i].Line = 0
	}
	var b bytes.Buffer
	if err := modeljson.Encode(&b, d); err != nil {
		t.Fatal(err)
	}
	return b.String()
}

// TestCorpusFmt formats a copy of the whole corpus with fmt -w, then checks that fmt -l finds
// nothing left to do (idempotent) and that every map means exactly what it meant before.
func TestCorpusFmt(t *testing.T) {
	corpus := corpusDir(t)
	dir := t.TempDir()
	files, _ := filepath.Glob(filepath.Join(corpus, "*.owm"))
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		if strings.HasPrefix(filepath.Base(f), "26_") {
			continue // its bare "component" line is an error, and fmt leaves a map with errors alone
		}
		if err := os.WriteFile(filepath.Join(dir, filepath.Base(f)), data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	if code, _, stderr := run(context.Background(), "", "fmt", "-w", dir); code != exitOK {
		t.Fatalf("fmt -w: status %d\n%s", code, stderr)
	}
	if code, stdout, stderr := run(context.Background(), "", "fmt", "-l", dir); code != exitOK || stdout != "" {
		t.Fatalf("fmt -l after fmt -w: status %d, not idempotent for:\n%s%s", code, stdout, stderr)
	}
	for _, f := range files {
		if strings.HasPrefix(filepath.Base(f), "26_") {
			continue
		}
		t.Run(filepath.Base(f), func(t *testing.T) {
			before, _ := os.ReadFile(f)
			after, _ := os.ReadFile(filepath.Join(dir, filepath.Base(f)))
			m1, _ := mapdsl.Parse(f, before)
			m2, _ := mapdsl.Parse(f, after)
			if r := mapdiff.Compare(m1, m2, "before", "after"); !r.Empty() {
				var b strings.Builder
				r.WriteText(&b)
				t.Errorf("formatting changed the map:\n%s", b.String())
			}
			if a, b := normalisedModel(t, m1), normalisedModel(t, m2); a != b {
				t.Errorf("formatting changed the model")
			}
		})
	}
}

// TestCorpusCheck checks the whole corpus: real maps carry warnings but no errors.
func TestCorpusCheck(t *testing.T) {
	corpus := corpusDir(t)
	code, stdout, stderr := run(context.Background(), "", "check", corpus)
	// The one error of the corpus: a bare "component" line, which OWM reads nothing from.
	if code != exitFailure || strings.Count(stdout, ": error: ") != 1 || !strings.Contains(stdout, "26_swardley_finance-crypto.owm:32:1: error: ") || stderr != "" {
		t.Fatalf("check on the corpus: status %d\n%s%s", code, stdout, stderr)
	}
	if !strings.Contains(stdout, "warning") {
		t.Errorf("no warnings at all on 40 real maps; are the lint rules running?")
	}
}

// TestCorpusDeck exports every corpus map into one PDF, a page per map, and as JSON models.
func TestCorpusDeck(t *testing.T) {
	corpus := corpusDir(t)
	files, _ := filepath.Glob(filepath.Join(corpus, "*.owm"))
	dir := t.TempDir()
	deck := filepath.Join(dir, "deck.pdf")
	args := append([]string{"export", "--paper", "a4", "-o", deck}, files...)
	// Map 26 has one error (a bare "component" line): the deck is written, the status says so.
	if code, _, stderr := run(context.Background(), "", args...); code != exitFailure || strings.Count(stderr, ": error: ") != 1 {
		t.Fatalf("export deck: status %d\n%s", code, stderr)
	}
	data, _ := os.ReadFile(deck)
	if n := len(pdfPage.FindAll(data, -1)); n != len(files) {
		t.Errorf("deck has %d pages, want %d", n, len(files))
	}
	args = append([]string{"export", "-o", filepath.Join(dir, "all.json")}, files...)
	if code, _, stderr := run(context.Background(), "", args...); code != exitFailure {
		t.Fatalf("export json: status %d\n%s", code, stderr)
	}
}

func TestGitRevisionSyntax(t *testing.T) {
	tests := []struct {
		arg       string
		rev, path string
		ok        bool
	}{
		{"HEAD:map.owm", "HEAD", "map.owm", true},
		{"main~2:./maps/x.owm", "main~2", "./maps/x.owm", true},
		{"map.owm", "", "", false},
		{`C:\maps\x.owm`, "", "", false},
		{"C:/maps/x.owm", "", "", false},
		{":map.owm", "", "", false},
		{"HEAD:", "", "", false},
	}
	for _, tc := range tests {
		t.Run(tc.arg, func(t *testing.T) {
			rev, path, ok := gitRevision(tc.arg)
			if rev != tc.rev || path != tc.path || ok != tc.ok {
				t.Errorf("gitRevision(%q) = %q, %q, %v", tc.arg, rev, path, ok)
			}
		})
	}
}

func TestDiagnosticsAreCapped(t *testing.T) {
	dir := t.TempDir()
	p := filepath.Join(dir, "junk.owm")
	os.WriteFile(p, []byte(strings.Repeat("not a statement\n", 30)), 0o644)
	code, _, stderr := run(context.Background(), "", "export", p)
	if code != exitFailure {
		t.Fatalf("status %d", code)
	}
	if n := strings.Count(stderr, ": error: "); n != maxReported {
		t.Errorf("%d errors printed, want %d", n, maxReported)
	}
	if !strings.Contains(stderr, "20 more, not shown") {
		t.Errorf("no count of the rest:\n%s", stderr)
	}
}

// TestPureGo checks that the command line's dependencies need no cgo and no GUI toolkit, so
// `CGO_ENABLED=0 go install ./cmd/mapwright` works on a bare machine with only Go.
func TestPureGo(t *testing.T) {
	goTool, err := exec.LookPath("go")
	if err != nil {
		t.Skip("go tool not found")
	}
	cmd := exec.Command(goTool, "list", "-deps", "-f", "{{.ImportPath}} {{len .CgoFiles}}", "mapwright/cmd/mapwright")
	cmd.Env = append(os.Environ(), "CGO_ENABLED=0")
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("go list: %v\n%s", err, out)
	}
	for _, line := range strings.Split(strings.TrimSpace(string(out)), "\n") {
		pkg, n, _ := strings.Cut(line, " ")
		if strings.Contains(pkg, "fyne") || strings.Contains(pkg, "go-gl") {
			t.Errorf("mapwright depends on %s", pkg)
		}
		if n != "0" {
			t.Errorf("%s needs cgo", pkg)
		}
	}
}

// TestHugeInput checks that an oversized map is refused with a clear error, reading no more
// than the limit.
func TestHugeInput(t *testing.T) {
	p := filepath.Join(t.TempDir(), "huge.owm")
	f, err := os.Create(p)
	if err != nil {
		t.Fatal(err)
	}
	line := strings.Repeat("x", 1023) + "\n"
	for range mapdsl.MaxInputSize/len(line) + 2 {
		f.WriteString(line)
	}
	f.Close()
	code, _, stderr := run(context.Background(), "", "export", "-o", "-", p)
	if code != exitFailure || !strings.Contains(stderr, "more than the") {
		t.Errorf("status %d, stderr %q", code, stderr)
	}
}

func TestParseFlagsInterleaved(t *testing.T) {
	tests := []struct {
		args    []string
		pos     []string
		out     string
		verbose bool
	}{
		{[]string{"a", "-o", "x", "b"}, []string{"a", "b"}, "x", false},
		{[]string{"-v", "a", "--", "-o", "b"}, []string{"a", "-o", "b"}, "", true},
		{[]string{"-", "-o", "-"}, []string{"-"}, "-", false},
		{[]string{"a", "--o=y"}, []string{"a"}, "y", false},
	}
	for _, tc := range tests {
		t.Run(strings.Join(tc.args, " "), func(t *testing.T) {
			e := &env{ctx: context.Background(), stdout: &bytes.Buffer{}, stderr: &bytes.Buffer{}}
			fs := newFlags("test", "usage: test")
			out := fs.String("o", "", "")
			verbose := fs.Bool("v", false, "")
			pos, st := parseFlags(e, fs, tc.args)
			if st != -1 || strings.Join(pos, "|") != strings.Join(tc.pos, "|") || *out != tc.out || *verbose != tc.verbose {
				t.Errorf("got %q, -o %q, -v %v, status %d", pos, *out, *verbose, st)
			}
		})
	}
}

// fmt -w and export write through the one atomic writer: a read-only map is reported, not
// replaced, and a map reached through a symbolic link is rewritten in the file the link names
// (the link stays).
func TestWritesFollowLinksAndRefuseReadOnlyFiles(t *testing.T) {
	dir := t.TempDir()
	locked := filepath.Join(dir, "locked.owm")
	os.WriteFile(locked, []byte("title   Locked\n"), 0o444)
	code, _, stderr := run(context.Background(), "", "fmt", "-w", locked)
	if want := "mapwright fmt: cannot write " + locked + ": the file is read-only; make it writable first\n"; code != exitFailure || stderr != want {
		t.Errorf("fmt -w on a read-only map: status %d, stderr %q, want %q", code, stderr, want)
	}
	if data, _ := os.ReadFile(locked); string(data) != "title   Locked\n" {
		t.Errorf("the read-only map was rewritten: %q", data)
	}

	real := filepath.Join(dir, "real", "map.owm")
	os.Mkdir(filepath.Dir(real), 0o755)
	os.WriteFile(real, []byte("title   Tea\ncomponent  Kettle [0.4,0.3]\n"), 0o640)
	link := filepath.Join(dir, "link.owm")
	testenv.SkipSymlinksUnderWine(t)
	if err := os.Symlink("real/map.owm", link); err != nil {
		t.Skip(err)
	}
	if code, _, stderr := run(context.Background(), "", "fmt", "-w", link); code != exitOK {
		t.Fatalf("fmt -w through a link: status %d, %s", code, stderr)
	}
	if info, _ := os.Lstat(link); info.Mode()&os.ModeSymlink == 0 {
		t.Error("fmt -w replaced the link with a file")
	}
	if data, _ := os.ReadFile(real); string(data) != "title Tea\ncomponent Kettle [0.4, 0.3]\n" {
		t.Errorf("the linked map holds %q", data)
	}
	if info, _ := os.Stat(real); info.Mode().Perm() != testenv.Perm(0o640) {
		t.Errorf("the map's mode became %v", info.Mode().Perm())
	}

	svgLink := filepath.Join(dir, "tea.svg")
	os.Symlink("real/tea.svg", svgLink) // dangling: export creates the file it names
	if code, _, stderr := run(context.Background(), "", "export", "-o", svgLink, real); code != exitOK {
		t.Fatalf("export through a link: status %d, %s", code, stderr)
	}
	if info, _ := os.Lstat(svgLink); info.Mode()&os.ModeSymlink == 0 {
		t.Error("export replaced the link with a file")
	}
	if data, _ := os.ReadFile(filepath.Join(dir, "real", "tea.svg")); !strings.Contains(string(data), "<svg") {
		t.Error("export did not write the file the link names")
	}
}

// TestHelpPointsToFiles checks that every file a help text names (docs/..., internal/...)
// exists in the sources, and that no help sends readers to pkg.go.dev, which has no pages for
// an internal package (the export help did, for the JSON schema).
func TestHelpPointsToFiles(t *testing.T) {
	path := regexp.MustCompile(`\b(?:docs|internal)/[A-Za-z0-9_./-]*[A-Za-z0-9_]`)
	for _, c := range commands() {
		t.Run(c.name, func(t *testing.T) {
			_, out, _ := run(context.Background(), "", c.name, "-h")
			if strings.Contains(out, "pkg.go.dev") {
				t.Errorf("%s -h points to pkg.go.dev", c.name)
			}
			for _, p := range path.FindAllString(out, -1) {
				if _, err := os.Stat(filepath.Join("..", "..", p)); err != nil {
					t.Errorf("%s -h names %s, which does not exist", c.name, p)
				}
			}
		})
	}
}

// TestRunsOnce checks which command lines run once (cmd/mapwright lets the collector wait
// longer for them) and which run until stopped.
func TestRunsOnce(t *testing.T) {
	for _, tc := range []struct {
		args []string
		want bool
	}{
		{[]string{"export", "-f", "png", "map.owm"}, true},
		{[]string{"check", "map.owm"}, true},
		{[]string{"fmt", "-w", "map.owm"}, true},
		{[]string{"watch", "map.owm"}, false},
		{[]string{"lsp"}, false},
		{[]string{"help", "watch"}, true},
		{[]string{"-h"}, true},
		{nil, true},
	} {
		t.Run(strings.Join(tc.args, " "), func(t *testing.T) {
			if got := RunsOnce(tc.args); got != tc.want {
				t.Errorf("RunsOnce(%q) = %v, want %v", tc.args, got, tc.want)
			}
		})
	}
}
