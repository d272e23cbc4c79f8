package hclload

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"github.com/hashicorp/hcl/v2"
	"github.com/tfcomply/tfcomply/internal/paths"
)

// installedModules maps module keys ("api", "api.logs") to what
// `terraform init` recorded for them in .terraform/modules/modules.json.
type installedModules map[string]InstalledModule

func readInstalledModules(rootDir string) (installedModules, error) {
	path := filepath.Join(rootDir, ".terraform", "modules", "modules.json")
	if st, err := os.Stat(path); err == nil && !st.Mode().IsRegular() {
		return nil, fmt.Errorf("%s is %s, not a regular file; it is not read", path, modeName(st.Mode().Type()))
	}
	data, err := os.ReadFile(path)
	if os.IsNotExist(err) {
		return installedModules{}, nil
	}
	if err != nil {
		return nil, err
	}
	var manifest struct {
		Modules []struct {
			Key     string `json:"Key"`
			Source  string `json:"Source"`
			Version string `json:"Version"`
			Dir     string `json:"Dir"`
		} `json:"Modules"`
	}
	if err := json.Unmarshal(data, &manifest); err != nil {
		return nil, fmt.Errorf("%s: %v", path, err)
	}
	out := installedModules{}
	for _, m := range manifest.Modules {
		if m.Key == "" {
			continue
		}
		dir := m.Dir
		if !filepath.IsAbs(dir) {
			dir = filepath.Join(rootDir, dir)
		}
		out[m.Key] = InstalledModule{Dir: dir, Source: m.Source, Version: m.Version}
	}
	return out, nil
}

// isLocalSource reports whether a module source is a path on disk, which
// Terraform loads directly without `terraform init` installing it.
func isLocalSource(src string) bool {
	return strings.HasPrefix(src, "./") || strings.HasPrefix(src, "../") ||
		strings.HasPrefix(src, ".\\") || strings.HasPrefix(src, "..\\")
}

// maxModuleDepth bounds module nesting. Modules that call themselves are
// found by their directories (see loadTree); this is a backstop for what
// that cannot see, such as installed modules that nest without end.
const maxModuleDepth = 32

// loadTree loads a module and, recursively, every module it calls.
// fetcher, when not nil, finds the modules whose source is not local; pkg
// is the fetched package the module in dir is in (nil when none).
func loadTree(p *rootFiles, dir string, callPath []string, installed installedModules, rootDir string, fetcher ModuleFetcher, pkg *modulePackage) (*Module, hcl.Diagnostics) {
	l := &treeLoader{p: p, installed: installed, rootDir: rootDir, realRoot: p.cache.realDir(rootDir), fetcher: fetcher}
	return l.load(dir, callPath, []string{p.cache.realDir(dir)}, pkg)
}

type treeLoader struct {
	p         *rootFiles
	installed installedModules
	rootDir   string
	realRoot  string // rootDir with symbolic links resolved
	fetcher   ModuleFetcher
}

// load loads the module in dir and the modules it calls. stack holds the
// real directories of the modules being loaded, from the root to dir: a call
// back into one of them would load forever, and is one error instead.
func (l *treeLoader) load(dir string, callPath []string, stack []string, pkg *modulePackage) (*Module, hcl.Diagnostics) {
	m, diags := loadModuleDir(l.p, dir, callPath)
	m.pkg = pkg
	names := make([]string, 0, len(m.Calls))
	for name := range m.Calls {
		names = append(names, name)
	}
	sort.Strings(names)
	for _, name := range names {
		call := m.Calls[name]
		childPath := append(append([]string{}, callPath...), call.Name)
		childDir, childPkg, why, d := l.resolve(m, call, childPath)
		diags = append(diags, d...)
		if childDir == "" {
			call.NotLoaded = why
			continue
		}
		if len(childPath) > maxModuleDepth {
			diags = append(diags, &hcl.Diagnostic{
				Severity: hcl.DiagError, Summary: "module nesting too deep",
				Detail:  fmt.Sprintf("module.%s: more than %d nested module calls; does a module call itself?", strings.Join(childPath, ".module."), maxModuleDepth),
				Subject: call.DefRange.Ptr(),
			})
			call.NotLoaded = "module nesting too deep"
			continue
		}
		if !isDir(childDir) {
			folded := ""
			if isLocalSource(call.Source) {
				folded = findFolded(childDir)
			}
			if folded == "" || !isDir(folded) {
				call.NotLoaded = fmt.Sprintf("its source directory %s does not exist", relOr(l.rootDir, childDir))
				call.reported = true // the error says it; no "not loaded" warning too
				diags = append(diags, &hcl.Diagnostic{
					Severity: hcl.DiagError, Summary: "module source not found",
					Detail:  fmt.Sprintf("module %q: %s", call.Name, call.NotLoaded),
					Subject: call.DefRange.Ptr(),
				})
				continue
			}
			diags = append(diags, &hcl.Diagnostic{
				Severity: hcl.DiagWarning, Summary: "module source differs in letter case",
				Detail: fmt.Sprintf("module %q: source %q names %s, which exists only as %s; it is evaluated from there. "+
					"This works on macOS and Windows, whose file systems ignore letter case, but breaks on Linux (terraform init cannot find the module there)",
					call.Name, call.Source, relOr(l.rootDir, childDir), relOr(l.rootDir, folded)),
				Subject: call.DefRange.Ptr(),
			})
			childDir = folded
		}
		real := l.p.cache.realDir(childDir)
		if i := indexOf(stack, real); i >= 0 {
			chain := make([]string, 0, len(stack)-i+1)
			for _, d := range append(stack[i:], real) {
				chain = append(chain, l.display(d))
			}
			who := "the module in " + l.display(real)
			if real == l.realRoot {
				who = "the root module"
			}
			call.NotLoaded = fmt.Sprintf("it calls itself (path %s)", strings.Join(chain, " -> "))
			call.reported = true
			diags = append(diags, &hcl.Diagnostic{
				Severity: hcl.DiagError, Summary: "module recursion",
				Detail: fmt.Sprintf("%s calls itself: path %s (module.%s, source %q); loading it would never end, so Terraform cannot load this configuration, and this call is not evaluated",
					who, strings.Join(chain, " -> "), strings.Join(childPath, ".module."), call.Source),
				Subject: call.DefRange.Ptr(),
			})
			continue
		}
		child, d := l.load(childDir, childPath, append(stack[:len(stack):len(stack)], real), childPkg)
		diags = append(diags, d...)
		call.Child = child
	}
	return m, diags
}

// display names a real directory relative to the root, "." for the root.
func (l *treeLoader) display(real string) string {
	return filepath.ToSlash(relOr(l.realRoot, real))
}

func isDir(path string) bool {
	st, err := os.Stat(path)
	return err == nil && st.IsDir()
}

// realDir is dir cleaned, absolute and with symbolic links resolved, so that
// two ways of naming one directory compare equal.
func realDir(dir string) string {
	if abs, err := filepath.Abs(dir); err == nil {
		dir = abs
	}
	if r, err := filepath.EvalSymlinks(dir); err == nil {
		return r
	}
	return filepath.Clean(dir)
}

func indexOf(list []string, s string) int {
	for i, x := range list {
		if x == s {
			return i
		}
	}
	return -1
}

// findFolded finds the path that an absolute path names when letter case
// is ignored, as macOS and Windows do: each component that does not exist
// as written is matched against its directory's entries regardless of
// case, and only when exactly one entry matches. "" when there is none.
func findFolded(path string) string {
	path = filepath.Clean(path)
	vol := filepath.VolumeName(path)
	cur := vol + string(filepath.Separator)
	for _, part := range strings.Split(path[len(vol):], string(filepath.Separator)) {
		if part == "" {
			continue
		}
		next := filepath.Join(cur, part)
		if _, err := os.Lstat(next); err == nil {
			cur = next
			continue
		}
		entries, err := os.ReadDir(cur)
		if err != nil {
			return ""
		}
		match := ""
		for _, e := range entries {
			if strings.EqualFold(e.Name(), part) {
				if match != "" {
					return "" // ambiguous: Docs and docs both exist
				}
				match = e.Name()
			}
		}
		if match == "" {
			return ""
		}
		cur = filepath.Join(cur, match)
	}
	return cur
}

// resolve finds the directory of a call's module: a local path joined to
// the calling module's directory (within the package it came in, for a
// fetched one); otherwise through the fetcher (installed by terraform
// init, cached, or fetched), or, without one, as installed only. It
// returns the package a fetched module is in, or why it has no directory.
func (l *treeLoader) resolve(parent *Module, call *ModuleCall, childPath []string) (dir string, pkg *modulePackage, why string, diags hcl.Diagnostics) {
	if call.Source == "" {
		return "", nil, "it has no source", nil
	}
	if isLocalSource(call.Source) {
		dir := filepath.Join(parent.Dir, filepath.FromSlash(call.Source))
		if parent.pkg != nil && !paths.Within(parent.pkg.dir, dir) {
			return "", nil, fmt.Sprintf("its source %q leaves the package it is in (%s)", call.Source, parent.pkg.display), nil
		}
		return dir, parent.pkg, "", nil
	}
	// modules.json describes the modules of the root's tree; a fetched
	// package's own calls are not in it.
	var rec *InstalledModule
	if parent.pkg == nil {
		if r, ok := l.installed[strings.Join(childPath, ".")]; ok {
			rec = &r
		}
	}
	if l.fetcher == nil {
		if rec != nil {
			return rec.Dir, nil, "", nil
		}
		return "", nil, fmt.Sprintf("its source %q is not installed (run terraform init, or scan a plan)", call.Source), nil
	}
	fm, err := l.fetcher.FetchModule(ModuleRequest{Source: call.Source, Version: call.Version, Installed: rec})
	for _, w := range fm.Warnings {
		diags = append(diags, &hcl.Diagnostic{Severity: hcl.DiagWarning, Summary: "installed module not used",
			Detail: fmt.Sprintf("module.%s: %s", strings.Join(childPath, ".module."), w), Subject: call.DefRange.Ptr()})
	}
	if err != nil {
		return "", nil, err.Error(), diags
	}
	if fm.PackageDir == "" {
		return fm.Dir, nil, "", diags
	}
	return fm.Dir, &modulePackage{dir: fm.PackageDir, display: fm.Display}, "", diags
}

func relOr(base, path string) string {
	if r, err := filepath.Rel(base, path); err == nil {
		return r
	}
	return path
}
