// Package paths names files and directories the one way every report shows
// them: relative to the working directory, or absolute when outside it. It
// also finds the git work tree a path belongs to, which keys that must not
// depend on the working directory (baselines, fingerprints) are relative to.
package paths

import (
	"os"
	"path/filepath"
	"strings"
)

func cwd() string {
	d, err := os.Getwd()
	if err != nil {
		return ""
	}
	return d
}

// AbsAll is filepath.Abs of each path, reading the working directory once
// (filepath.Abs reads it for each relative path: two stat calls each). A
// path that cannot be made absolute stays as it is.
func AbsAll(ps []string) []string {
	out := make([]string, len(ps))
	wd := cwd()
	for i, p := range ps {
		switch {
		case filepath.IsAbs(p):
			out[i] = filepath.Clean(p)
		case wd != "":
			out[i] = filepath.Join(wd, p)
		default:
			out[i] = p
		}
	}
	return out
}

// Display names p for reports: relative to the working directory, with
// forward slashes, or absolute when p lies outside it ("-" stays "-").
func Display(p string) string {
	if p == "" || p == "-" {
		return p
	}
	// The working directory is read once: filepath.Abs would read it
	// again, and each read is two stat calls (thousands in a scan).
	wd := cwd()
	if wd == "" {
		abs, err := filepath.Abs(p)
		if err != nil {
			return filepath.ToSlash(p)
		}
		return filepath.ToSlash(abs)
	}
	abs := p
	if !filepath.IsAbs(p) {
		abs = filepath.Join(wd, p)
	} else {
		abs = filepath.Clean(p)
	}
	if rel, err := filepath.Rel(wd, abs); err == nil && !outside(rel) {
		return filepath.ToSlash(rel)
	}
	return filepath.ToSlash(abs)
}

// Join names file (relative to base, or absolute) for reports. A file of
// a fetched module package is named "PACKAGE//PATH" the same everywhere,
// and is kept as it is.
func Join(base, file string) string {
	if file == "" || strings.Contains(file, "//") {
		return file
	}
	if base == "" || base == "-" || filepath.IsAbs(file) {
		return Display(file)
	}
	return Display(filepath.Join(base, file))
}

func outside(rel string) bool {
	return rel == ".." || strings.HasPrefix(rel, ".."+string(filepath.Separator))
}

// Within reports whether path is dir or lies below it. Both are compared
// as written: pass both absolute (and both real paths, where symbolic
// links matter).
func Within(dir, path string) bool {
	rel, err := filepath.Rel(dir, path)
	return err == nil && !outside(rel) && !filepath.IsAbs(rel)
}

// ScannedTree is the tree that scanning the absolute directory dir may
// read files from: the git work tree that holds it (the nearest parent
// with a .git entry), or dir itself. A .git in the home directory or at
// the file system root (a dotfiles repository, a container image) does not
// count: it would open every file of the user's, or of the machine.
func ScannedTree(dir string) string {
	home, _ := os.UserHomeDir()
	if home != "" {
		home = filepath.Clean(home)
	}
	for d := dir; d != home && d != filepath.Dir(d); d = filepath.Dir(d) {
		if _, err := os.Lstat(filepath.Join(d, ".git")); err == nil {
			return d
		}
	}
	return dir
}

// GitRoot is the git work tree that holds dir (a directory with a .git
// entry, itself or an ancestor), or "" when there is none.
func GitRoot(dir string) string {
	abs, err := filepath.Abs(dir)
	if err != nil {
		return ""
	}
	for d := abs; ; {
		if _, err := os.Lstat(filepath.Join(d, ".git")); err == nil {
			return d
		}
		parent := filepath.Dir(d)
		if parent == d {
			return ""
		}
		d = parent
	}
}

// Key names p the same whatever the working directory: relative to its git
// work tree when it has one, as Display otherwise. Baseline entries and
// fingerprints use it, so a baseline written in one directory still
// matches when CI scans the same roots from the repository root.
func Key(p string) string {
	if p == "" || p == "-" {
		return p
	}
	abs, err := filepath.Abs(p)
	if err != nil {
		return Display(p)
	}
	if root := GitRoot(abs); root != "" {
		if rel, err := filepath.Rel(root, abs); err == nil && !outside(rel) {
			return filepath.ToSlash(rel)
		}
	}
	return Display(p)
}
