// Command docsgen regenerates the pictures of Mapwright's documentation: `make docs` runs it from
// the repository root. It rewrites only the files whose content changed and lists them.
package main

import (
	"flag"
	"fmt"
	"os"

	"mapwright/internal/docsgen"
)

func main() {
	root := flag.String("root", ".", "the repository root")
	flag.Parse()
	files, err := docsgen.Generate(*root)
	if err != nil {
		fmt.Fprintln(os.Stderr, "docsgen:", err)
		os.Exit(1)
	}
	written, err := docsgen.Write(*root, files)
	if err != nil {
		fmt.Fprintln(os.Stderr, "docsgen:", err)
		os.Exit(1)
	}
	for _, p := range written {
		fmt.Println("wrote", p)
	}
	fmt.Printf("docsgen: %d files, %d rewritten\n", len(files), len(written))
}
