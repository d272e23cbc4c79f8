package hclload

import (
	"path/filepath"
	"reflect"
	"testing"
)

// Two roots that call one module share its parse: every file of the scan
// is parsed once, root selection's included, and each root still lists
// every file it read.
func TestFilesParseOnce(t *testing.T) {
	// Files are keyed by the path as given: the scan names them absolute.
	examples, _ := filepath.Abs(filepath.Join("..", "..", "examples"))
	prod, dev := filepath.Join(examples, "envs", "prod"), filepath.Join(examples, "envs", "dev")
	files := NewFiles()
	for _, dir := range []string{prod, dev} {
		if calls := files.LocalCalls(dir); len(calls) != 1 {
			t.Fatalf("%s: local calls %v, want the api module", dir, calls)
		}
	}
	var roots [][]string
	for _, dir := range []string{prod, dev} {
		r, _ := LoadRoot(dir, examples, Options{Files: files})
		var names []string
		for f := range r.Files {
			names = append(names, f)
		}
		roots = append(roots, names)
	}
	// prod/main.tf, dev/main.tf, dev/terraform.tfvars, modules/api/main.tf
	if n := files.Parses(); n != 4 {
		t.Errorf("%d parses, want 4 (each file once)", n)
	}
	for i, want := range []int{2, 3} {
		if len(roots[i]) != want {
			t.Errorf("root %d read %v, want %d files", i, roots[i], want)
		}
	}
}

// A cache too small to keep anything gives the same roots as one that
// keeps everything: eviction only costs parses.
func TestFilesEvictionSameResult(t *testing.T) {
	examples := filepath.Join("..", "..", "examples")
	for _, dir := range []string{filepath.Join(examples, "envs", "prod"), filepath.Join(examples, "envs", "dev")} {
		big, bp := LoadRoot(dir, examples, Options{Files: NewFiles()})
		small := NewFilesBudget(1)
		got, gp := LoadRoot(dir, examples, Options{Files: small})
		if !reflect.DeepEqual(big.Files, got.Files) || !reflect.DeepEqual(bp, gp) || len(big.Instances) != len(got.Instances) {
			t.Errorf("%s: a one-byte cache changes the root", dir)
		}
	}
}
