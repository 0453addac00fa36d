package benchsuite

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"sync"

	"mapwright/internal/mapgen"
)

// Sizes are the numbers of components of the generated maps: each ten times the one before, so
// the ratio of neighbouring times shows whether a stage grows linearly (a ratio of about 10).
var Sizes = []int{50, 500, 5000, 50000}

// HugeSize is the size that the drawing stages skip unless HugeEnv is "1".
const HugeSize = 50000

// HugeEnv names the environment variable that turns on the largest maps for every stage.
const HugeEnv = "MAPWRIGHT_BENCH_50K"

// Seed is the mapgen seed of every generated map, so runs compare like with like.
const Seed = 1

// CorpusDir is where the real maps live, relative to this package's folder (the repository's
// sibling folder shared/owm-corpus).
const CorpusDir = "../../../shared/owm-corpus"

// TypicalMap is the corpus map the budgets for "a typical map" are measured on: 40 components,
// 71 links, labels, pipelines and evolutions, in the wardley style.
const TypicalMap = "34_swardley_agriculture-food-traceability_and_security.owm"

// CorpusMap is one real map.
type CorpusMap struct {
	Name string
	Src  []byte
}

// Corpus reads every .owm file of dir, sorted by name; an absent folder gives none and no error.
func Corpus(dir string) ([]CorpusMap, error) {
	paths, err := filepath.Glob(filepath.Join(dir, "*.owm"))
	if err != nil {
		return nil, err
	}
	sort.Strings(paths)
	var out []CorpusMap
	for _, p := range paths {
		src, err := os.ReadFile(p)
		if err != nil {
			return nil, err
		}
		out = append(out, CorpusMap{Name: filepath.Base(p), Src: src})
	}
	return out, nil
}

var (
	generatedMu sync.Mutex
	generated   = map[int][]byte{}
)

// Generated returns the generated map of n components (made once, then shared).
func Generated(n int) []byte {
	generatedMu.Lock()
	defer generatedMu.Unlock()
	src, ok := generated[n]
	if !ok {
		src = mapgen.Generate(n, Seed)
		generated[n] = src
	}
	return src
}

// Revise returns the text of a plausible next version of src, for the diff: every tenth
// component moves, every fiftieth line of links is dropped, and a few components are added and
// linked. Everything else is unchanged, as in a real revision.
func Revise(src []byte) []byte {
	lines := strings.Split(string(src), "\n")
	var b bytes.Buffer
	b.Grow(len(src) + 256)
	components, links, added := 0, 0, 0
	for _, line := range lines {
		switch {
		case strings.HasPrefix(line, "component "):
			components++
			if components%10 == 0 {
				// [0.91, 0.44] -> [0.91, 0.49]: a move to the right that keeps the text valid.
				if i := strings.Index(line, ", 0."); i > 0 && i+6 <= len(line) && line[i+4] < '9' {
					line = line[:i+4] + string(line[i+4]+1) + line[i+5:]
				}
			}
		case strings.Contains(line, "->") && !strings.HasPrefix(line, "evolve"):
			links++
			if links%50 == 0 {
				continue
			}
		}
		b.WriteString(line)
		b.WriteByte('\n')
	}
	for added = 0; added < 1+components/100; added++ {
		fmt.Fprintf(&b, "component Added in revision %d [0.50, 0.50]\nUser 1->Added in revision %d\n", added, added)
	}
	return b.Bytes()
}
