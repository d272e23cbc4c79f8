package engine

import (
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"github.com/tfcomply/tfcomply/internal/hclload"
	"github.com/tfcomply/tfcomply/internal/model"
	"github.com/tfcomply/tfcomply/internal/terragrunt"
)

// findRoots returns every directory under dir that holds Terraform files
// or a Terragrunt unit (terragrunt.hcl), as `terraform plan` (or
// `terragrunt plan`) could be run there, skipping .terraform, hidden
// directories and those matching a --skip-dir glob. Symbolic links to
// directories are followed, each real directory once (a link back up the
// tree is said once, not walked forever); a directory that cannot be read
// is an error naming it, never a silent skip.
func findRoots(dir string, skip []string) ([]string, []model.Problem) {
	w := &walker{base: dir, skip: skip, seen: map[string]string{}}
	w.walk(dir, "")
	// Links are followed after the tree itself is walked, so a directory
	// is named by its own path rather than by a link to it.
	for len(w.links) > 0 {
		link := w.links[0]
		w.links = w.links[1:]
		w.walk(link, "")
	}
	sort.Strings(w.roots)
	return w.roots, w.problems
}

type walker struct {
	base     string
	skip     []string
	seen     map[string]string // real path -> the path it was first walked as
	links    []string          // links to directories, to follow afterwards
	roots    []string
	problems []model.Problem
}

// walk walks the directory at path, whose real path (symbolic links
// resolved) is real, or "" to resolve it: a directory that is not a link,
// inside one whose real path is known, is found there by name, without
// reading every component of its path again.
func (w *walker) walk(path, real string) {
	if real == "" {
		var err error
		if real, err = filepath.EvalSymlinks(path); err != nil {
			w.problem("error", path, "cannot read directory: "+err.Error())
			return
		}
	}
	if first, ok := w.seen[real]; ok {
		if isLink(path) {
			w.problem("warning", path, fmt.Sprintf("symbolic link to %s, which is scanned already: not followed again", first))
		}
		return
	}
	w.seen[real] = path
	entries, err := os.ReadDir(path)
	if err != nil {
		w.problem("error", path, "cannot read directory: "+err.Error())
		return
	}
	hasTF := false
	var subdirs []string
	for _, e := range entries {
		name := e.Name()
		if strings.HasPrefix(name, ".") {
			continue
		}
		child := filepath.Join(path, name)
		isDir, link := e.IsDir(), e.Type()&os.ModeSymlink != 0
		if link {
			st, err := os.Stat(child)
			if err != nil {
				if hclload.IsConfigFileName(name) {
					w.problem("warning", child, "broken symbolic link, skipped: "+err.Error())
				}
				continue
			}
			isDir = st.IsDir()
		}
		switch {
		case isDir && skipped(w.base, child, w.skip):
		case isDir && link:
			w.links = append(w.links, child)
		case isDir:
			subdirs = append(subdirs, child)
		case hclload.IsConfigFileName(name), name == terragrunt.ConfigFile:
			hasTF = true // a Terragrunt unit is a root too
		}
	}
	if hasTF {
		w.roots = append(w.roots, path)
	}
	for _, d := range subdirs {
		w.walk(d, filepath.Join(real, filepath.Base(d)))
	}
}

func (w *walker) problem(severity, path, msg string) {
	w.problems = append(w.problems, model.Problem{Severity: severity, File: path, Message: msg})
}

func isLink(path string) bool {
	st, err := os.Lstat(path)
	return err == nil && st.Mode()&os.ModeSymlink != 0
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

// hasTerraform reports whether dir holds a Terraform file.
func hasTerraform(dir string) bool {
	entries, err := os.ReadDir(dir)
	if err != nil {
		return false
	}
	for _, e := range entries {
		if n := e.Name(); !e.IsDir() && !strings.HasPrefix(n, ".") && hclload.IsConfigFileName(n) {
			return true
		}
	}
	return false
}
