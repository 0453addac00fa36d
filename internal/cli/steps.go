package cli

import (
	"context"
	"errors"
	"fmt"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"
	"sync"

	"mapwright/internal/atomicfile"
	"mapwright/mapdsl"
	"mapwright/mapdsl/steps"
	"mapwright/render"
)

// checkSteps refuses the combinations of --steps, --title-page and --deck-title that cannot
// be drawn, saying what would work.
func (o *exportOptions) checkSteps(j job) error {
	if o.deckTitle != "" {
		o.titlePage = true
	}
	picture := j.format == "svg" || j.format == "png" || j.format == "pdf"
	switch {
	case o.steps && !picture:
		return fmt.Errorf("--steps draws pictures, and %s is %s; use -f pdf for one document, or -f svg or -f png for a file per step", outName(j.out), strings.ToUpper(j.format))
	case o.steps && j.format != "pdf" && j.out == "-":
		return fmt.Errorf("--steps writes a %s file per step, which standard output cannot hold; give -o NAME.%s (files NAME-01.%s, NAME-02.%s, ...) or use -f pdf", strings.ToUpper(j.format), j.format, j.format, j.format)
	case o.titlePage && j.format != "pdf":
		flag := "--title-page"
		if o.deckTitle != "" {
			flag = "--deck-title"
		}
		return fmt.Errorf("%s adds a first page, which only a PDF has, and %s is %s; use -o NAME.pdf or leave out %s", flag, outName(j.out), strings.ToUpper(j.format), flag)
	}
	return nil
}

// outName names an output in messages.
func outName(out string) string {
	if out == "-" {
		return "standard output"
	}
	return out
}

// scenes draws the pictures of a job: a scene per map, or with --steps a scene per step of
// each map, after a title page when asked for.
func (o *exportOptions) scenes(ctx context.Context, format string, maps []parsed) ([]*render.Scene, error) {
	var scenes []*render.Scene
	for _, p := range maps {
		if !o.steps {
			s, err := o.layout(ctx, p.m, format)
			if err != nil {
				return nil, err
			}
			scenes = append(scenes, s)
			continue
		}
		ss, err := o.stepScenes(ctx, format, p)
		if err != nil {
			return nil, err
		}
		scenes = append(scenes, ss...)
	}
	if o.titlePage && len(scenes) > 0 {
		scenes = append([]*render.Scene{o.titleScene(maps, scenes[0])}, scenes...)
	}
	return scenes, nil
}

// stepScenes draws a map's build-up steps, each as a step of the whole map (its labels and page,
// so that nothing moves from one step to the next), with what the step adds emphasised and its
// title after the map's.
func (o *exportOptions) stepScenes(ctx context.Context, format string, p parsed) ([]*render.Scene, error) {
	whole, opts, err := o.layoutWith(ctx, p.m, format)
	if err != nil {
		return nil, err
	}
	var out []*render.Scene
	for _, st := range steps.Split(p.in.src, p.m) {
		so := opts
		so.Emphasis, so.Caption, so.Whole = st.Emphasis, st.Title, whole
		s, err := render.LayoutContext(ctx, st.Map, so)
		if err != nil {
			return nil, err
		}
		out = append(out, s)
	}
	return out, nil
}

// titleScene is the title page of a deck, the size of its first page: --deck-title or the first
// map's title, and beneath it the titles of the maps when there are several. A map without a
// title, or with a title another map of the deck has too, is named by its file as well, so that
// each line names one map.
func (o *exportOptions) titleScene(maps []parsed, first *render.Scene) *render.Scene {
	title := o.deckTitle
	if title == "" {
		title = maps[0].m.Title
	}
	var sub []string
	if len(maps) > 1 {
		titleOf := func(m *mapdsl.Map) string {
			if !m.TitleRange.Valid() {
				return "" // not written: Title holds OWM's "Untitled Map"
			}
			return strings.TrimSpace(m.Title)
		}
		count := map[string]int{}
		for _, p := range maps {
			count[titleOf(p.m)]++
		}
		for _, p := range maps {
			t := titleOf(p.m)
			switch file := filepath.Base(p.in.name); {
			case t == "":
				t = file
			case count[t] > 1:
				t += " (" + file + ")"
			}
			sub = append(sub, t)
		}
	}
	style := render.MapStyle(maps[0].m)
	if o.style != "" {
		style = render.ParseStyle(o.style)
	}
	return render.TitlePage(title, sub, style, first.Width, first.Height)
}

// writeStepFiles writes the steps of a job's maps as numbered SVG or PNG files (see stepPath).
func (o *exportOptions) writeStepFiles(ctx context.Context, j job, maps []parsed) error {
	scenes, err := o.scenes(ctx, j.format, maps)
	if err != nil {
		return err
	}
	// The files are encoded side by side, one per processor: a PNG's compression runs on one.
	errs := make([]error, len(scenes))
	next := make(chan int)
	var wg sync.WaitGroup
	for range min(len(scenes), runtime.GOMAXPROCS(0)) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range next {
				data, err := o.encodeScenes(ctx, j.format, []*render.Scene{scenes[i]})
				if err == nil {
					err = atomicfile.Write(stepPath(j.out, i+1, len(scenes)), data, atomicfile.Options{MakeDirs: true})
				}
				errs[i] = err
			}
		}()
	}
	for i := range scenes {
		if ctx.Err() != nil {
			break
		}
		next <- i
	}
	close(next)
	wg.Wait()
	if err := ctx.Err(); err != nil {
		return err // stopped: the steps not yet sent were never written
	}
	return errors.Join(errs...)
}

// stepPath is the file of step n of count: "talk.png" becomes "talk-01.png", with as many
// digits as the last number needs (two at least), so that the files sort in order.
func stepPath(out string, n, count int) string {
	ext := filepath.Ext(out)
	width := max(2, len(strconv.Itoa(count)))
	return fmt.Sprintf("%s-%0*d%s", strings.TrimSuffix(out, ext), width, n, ext)
}
