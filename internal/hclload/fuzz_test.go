package hclload

import (
	"os"
	"path/filepath"
	"testing"
)

// FuzzLoadRoot feeds arbitrary configuration text to the evaluator: it may
// report problems, but must never panic or hang.
func FuzzLoadRoot(f *testing.F) {
	seeds, _ := filepath.Glob(filepath.Join("..", "..", "testdata", "spec", "*", "*.tf"))
	for _, s := range seeds {
		if data, err := os.ReadFile(s); err == nil {
			f.Add(data)
		}
	}
	f.Add([]byte(`locals { a = local.b, b = local.a }`))
	f.Add([]byte(`resource "x" "y" { dynamic "d" { for_each = [1] content { v = d.value } } }`))
	f.Fuzz(func(t *testing.T, src []byte) {
		dir := t.TempDir()
		if err := os.WriteFile(filepath.Join(dir, "main.tf"), src, 0o644); err != nil {
			t.Fatal(err)
		}
		LoadRoot(dir, dir, Options{})
	})
}
