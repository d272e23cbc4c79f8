package hclload

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/hclparse"
)

// installedModules maps module keys ("api", "api.logs") to directories, as
// `terraform init` records them in .terraform/modules/modules.json.
type installedModules map[string]string

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
			Key string `json:"Key"`
			Dir string `json:"Dir"`
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
		out[m.Key] = dir
	}
	return out, nil
}

// isLocalSource reports whether a module source is a path on disk, which
// Terraform loads directly without `terraform init` installing it.
func isLocalSource(src string) bool {
	return strings.HasPrefix(src, "./") || strings.HasPrefix(src, "../") ||
		strings.HasPrefix(src, ".\\") || strings.HasPrefix(src, "..\\")
}

// maxModuleDepth stops a module that calls itself (directly or not) from
// recursing forever; Terraform reports such configurations as invalid.
const maxModuleDepth = 32

// loadTree loads a module and, recursively, every module it calls.
func loadTree(p *hclparse.Parser, dir string, callPath []string, installed installedModules, rootDir string) (*Module, hcl.Diagnostics) {
	m, diags := loadModuleDir(p, dir, callPath)
	for _, call := range m.Calls {
		childPath := append(append([]string{}, callPath...), call.Name)
		childDir, why := resolveSource(call, dir, childPath, installed)
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
		if st, err := os.Stat(childDir); err != nil || !st.IsDir() {
			call.NotLoaded = fmt.Sprintf("its source directory %s does not exist", relOr(rootDir, childDir))
			diags = append(diags, &hcl.Diagnostic{
				Severity: hcl.DiagError, Summary: "module source not found",
				Detail:  fmt.Sprintf("module %q: %s", call.Name, call.NotLoaded),
				Subject: call.DefRange.Ptr(),
			})
			continue
		}
		child, d := loadTree(p, childDir, childPath, installed, rootDir)
		diags = append(diags, d...)
		call.Child = child
	}
	return m, diags
}

func resolveSource(call *ModuleCall, parentDir string, childPath []string, installed installedModules) (dir, why string) {
	if call.Source == "" {
		return "", "it has no source"
	}
	if isLocalSource(call.Source) {
		return filepath.Join(parentDir, filepath.FromSlash(call.Source)), ""
	}
	if d, ok := installed[strings.Join(childPath, ".")]; ok {
		return d, ""
	}
	return "", fmt.Sprintf("its source %q is not installed (run terraform init, or scan a plan)", call.Source)
}

func relOr(base, path string) string {
	if r, err := filepath.Rel(base, path); err == nil {
		return r
	}
	return path
}
