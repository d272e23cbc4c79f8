package engine

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/tfcomply/tfcomply/internal/controls"
)

// TestSpecFixtures runs every case of testdata/spec (one per rule and example
// of the control's spec) under both profiles and compares the results with
// the `expected` file beside it.
func TestSpecFixtures(t *testing.T) {
	runFixtureDir(t, filepath.Join("..", "..", "testdata", "spec"))
}

func runFixtureDir(t *testing.T, dir string) {
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	n := 0
	for _, e := range entries {
		if !e.IsDir() {
			continue
		}
		caseDir := filepath.Join(dir, e.Name())
		exp, err := readExpectation(filepath.Join(caseDir, "expected"))
		if err != nil {
			t.Fatalf("%s: %v", e.Name(), err)
		}
		n++
		t.Run(e.Name(), func(t *testing.T) {
			rep := scanIn(t, caseDir, Options{Profile: controls.ProfileDefault})
			strict := scanIn(t, caseDir, Options{Profile: controls.ProfileStrict})
			exp.check(t, rep, strict)
		})
	}
	if n == 0 {
		t.Fatalf("no fixtures in %s", dir)
	}
}
