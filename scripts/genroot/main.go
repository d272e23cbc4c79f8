// Command genroot writes one of the synthetic roots the scale benchmarks
// scan (see internal/benchgen), for timing the tfcomply binary on it:
//
//	go run ./scripts/genroot -shape foreach -n 10000 /tmp/root
package main

import (
	"flag"
	"fmt"
	"os"

	"github.com/tfcomply/tfcomply/internal/benchgen"
)

func main() {
	shape := flag.String("shape", "separate", "separate, count or foreach")
	n := flag.Int("n", 1000, "number of stages")
	flag.Usage = func() {
		fmt.Fprintln(os.Stderr, "usage: genroot [-shape separate|count|foreach] [-n N] DIR")
		flag.PrintDefaults()
	}
	flag.Parse()
	if flag.NArg() != 1 {
		flag.Usage()
		os.Exit(2)
	}
	if err := benchgen.WriteDir(flag.Arg(0), benchgen.Shape(*shape), *n); err != nil {
		fmt.Fprintln(os.Stderr, "genroot:", err)
		os.Exit(1)
	}
}
