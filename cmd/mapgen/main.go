// Command mapgen writes a generated Wardley map in the OWM dialect to standard output, so that
// anyone can try Mapwright on maps far bigger than people usually draw:
//
//	go run ./cmd/mapgen -n 5000 -seed 1 > big.owm
//	mapwright export -o big.svg big.owm
//
// The map comes from internal/mapgen (the generator the benchmark suite uses): anchors, layers of
// components linked mostly one layer down, evolutions, pipelines with children, labels,
// decorators, notes, annotations and PST areas. The same -n and -seed always give the same bytes.
package main

import (
	"flag"
	"fmt"
	"os"

	"mapwright/internal/mapgen"
)

func main() {
	flag.Usage = func() {
		fmt.Fprintln(os.Stderr, "usage: mapgen [-n COMPONENTS] [-seed N] > map.owm")
		flag.PrintDefaults()
	}
	n := flag.Int("n", 50, "number of components, pipeline children included (at least 1)")
	seed := flag.Int64("seed", 1, "random `seed`; the same seed and -n give the same map")
	flag.Parse()
	if flag.NArg() > 0 || *n < 1 {
		flag.Usage()
		os.Exit(2)
	}
	if _, err := os.Stdout.Write(mapgen.Generate(*n, *seed)); err != nil {
		fmt.Fprintln(os.Stderr, "mapgen:", err)
		os.Exit(1)
	}
}
