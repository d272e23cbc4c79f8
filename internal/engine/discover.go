package engine

import (
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"
)

// findRoots returns every directory under dir that holds Terraform files,
// as `terraform plan` could be run there, skipping .terraform, hidden
// directories and those matching a --skip-dir glob.
func findRoots(dir string, skip []string) ([]string, error) {
	var roots []string
	err := filepath.WalkDir(dir, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			if path == dir {
				return err
			}
			return nil // an unreadable subdirectory is reported by the loader if it matters
		}
		if !d.IsDir() {
			return nil
		}
		if path != dir {
			name := d.Name()
			if strings.HasPrefix(name, ".") || skipped(dir, path, skip) {
				return filepath.SkipDir
			}
		}
		if hasTerraform(path) {
			roots = append(roots, path)
		}
		return nil
	})
	sort.Strings(roots)
	return roots, err
}

// skipped matches a directory against --skip-dir globs, by its name and by
// its path relative to the scanned directory.
func skipped(base, path string, globs []string) bool {
	rel, _ := filepath.Rel(base, path)
	rel = filepath.ToSlash(rel)
	name := filepath.Base(path)
	for _, g := range globs {
		g = strings.TrimSuffix(filepath.ToSlash(g), "/")
		if ok, _ := filepath.Match(g, name); ok {
			return true
		}
		if ok, _ := filepath.Match(g, rel); ok {
			return true
		}
		if strings.HasPrefix(g, "**/") {
			if ok, _ := filepath.Match(strings.TrimPrefix(g, "**/"), name); ok {
				return true
			}
		}
	}
	return false
}

func hasTerraform(dir string) bool {
	entries, err := os.ReadDir(dir)
	if err != nil {
		return false
	}
	for _, e := range entries {
		n := e.Name()
		if !e.IsDir() && !strings.HasPrefix(n, ".") && (strings.HasSuffix(n, ".tf") || strings.HasSuffix(n, ".tf.json")) {
			return true
		}
	}
	return false
}
