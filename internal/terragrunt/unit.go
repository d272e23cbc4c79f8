package terragrunt

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"github.com/hashicorp/hcl/v2"
	"github.com/tfcomply/tfcomply/internal/hclload"
	"github.com/tfcomply/tfcomply/internal/model"
	"github.com/zclconf/go-cty/cty"
)

// unit is a Terragrunt unit: its directory and its merged configuration.
type unit struct {
	l   *loader
	dir string
	cfg *config
	// unloaded lists the unit's module when it is not evaluated.
	unloaded []model.ModuleNotEvaluated
}

// unit reads the unit's terragrunt.hcl, its includes merged.
func (l *loader) unit() *unit {
	path := filepath.Join(l.unitDir, ConfigFile)
	s := newScope(l, path, l.unitDir, path, l.unitDir)
	return &unit{l: l, dir: l.unitDir, cfg: l.evalConfig(path, s, nil, nil)}
}

func (u *unit) configRange() *hcl.Range {
	return &hcl.Range{Filename: filepath.Join(u.dir, ConfigFile), Start: hcl.Pos{Line: 1, Column: 1}, End: hcl.Pos{Line: 1, Column: 1}}
}

// moduleDir finds the directory of the module the unit runs: its
// terraform.source (a local path, with "//" naming a subdirectory of what
// Terragrunt copies; or a remote address, through fetcher), or the unit's
// own directory when it sets no source. pkg is the fetched package a
// remote module is in. ok is false, with a problem said (and the source
// listed as not evaluated), when there is no module to evaluate.
func (u *unit) moduleDir(fetcher hclload.ModuleFetcher) (dir string, pkg *hclload.FetchedModule, ok bool) {
	l, c := u.l, u.cfg
	if c.source == cty.NilVal {
		if hasConfigFiles(u.dir) {
			return u.dir, nil, true
		}
		l.add(&hcl.Diagnostic{Severity: hcl.DiagWarning, Summary: "nothing to evaluate",
			Detail: fmt.Sprintf("%s sets no terraform source and its directory holds no Terraform files, so no module is evaluated for it. "+
				"If it is the configuration other units include, Terragrunt recommends naming it root.hcl: a terragrunt.hcl is a unit", l.display(filepath.Join(u.dir, ConfigFile))),
			Subject: u.configRange()})
		return "", nil, false
	}
	v, _ := c.source.Unmark()
	if !v.IsKnown() || v.IsNull() || v.Type() != cty.String {
		why := "terraform.source is not a known string, so the module this unit runs is not evaluated" + reasonSuffix(c.source)
		l.add(&hcl.Diagnostic{Severity: hcl.DiagWarning, Summary: "module not evaluated", Detail: why, Subject: c.sourceRng.Ptr()})
		u.notEvaluated("", why)
		return "", nil, false
	}
	source := v.AsString()
	local, path, sub := parseSource(source)
	if !local {
		why := "this tfcomply fetches no remote modules"
		if fetcher != nil {
			req, err := moduleRequest(source)
			if err == nil {
				var fm hclload.FetchedModule
				fm, err = fetcher.FetchModule(req)
				for _, w := range fm.Warnings {
					l.add(&hcl.Diagnostic{Severity: hcl.DiagWarning, Summary: "terraform.source", Detail: w, Subject: c.sourceRng.Ptr()})
				}
				if err == nil {
					return fm.Dir, &fm, true
				}
			}
			why = err.Error()
		}
		l.add(&hcl.Diagnostic{Severity: hcl.DiagWarning, Summary: "module not evaluated",
			Detail:  fmt.Sprintf("terraform.source %q is not evaluated: %s; the resources of the module this unit runs are not checked", source, why),
			Subject: c.sourceRng.Ptr()})
		u.notEvaluated(source, why)
		return "", nil, false
	}
	if !filepath.IsAbs(path) {
		path = filepath.Join(u.dir, path)
	}
	dir = filepath.Clean(filepath.Join(path, sub))
	if !hasConfigFiles(dir) {
		why := "holds no Terraform files"
		if st, err := os.Stat(dir); err != nil || !st.IsDir() {
			why = "does not exist"
		}
		l.add(&hcl.Diagnostic{Severity: hcl.DiagError, Summary: "module source not found",
			Detail: fmt.Sprintf("terraform.source %q names %s, which %s", source, l.display(dir), why), Subject: c.sourceRng.Ptr()})
		u.notEvaluated(source, fmt.Sprintf("%s %s", l.display(dir), why))
		return "", nil, false
	}
	return dir, nil, true
}

// notEvaluated lists the unit's module as not evaluated (as
// terraform.source, at the line that sets it), so that reports count it
// and --fail-on-unknown fails on it.
func (u *unit) notEvaluated(source, why string) {
	c := u.cfg
	u.unloaded = append(u.unloaded, model.ModuleNotEvaluated{Module: "terraform.source", Source: source, Reason: why,
		File: u.l.rel(c.sourceRng.Filename), Line: c.sourceRng.Start.Line})
}

// moduleRequest is a remote terraform.source as a Terraform module
// source: Terragrunt's tfr://HOST/NS/NAME/PROVIDER//SUB?version=V is the
// registry module HOST/NS/NAME/PROVIDER//SUB (the public registry when
// HOST is empty: tfr:///) at version V; git::, https:// and the other
// addresses are the same in both.
func moduleRequest(source string) (hclload.ModuleRequest, error) {
	rest, ok := strings.CutPrefix(source, "tfr://")
	if !ok {
		return hclload.ModuleRequest{Source: source}, nil
	}
	addr, query, _ := strings.Cut(rest, "?")
	addr = strings.TrimPrefix(addr, "/")
	if addr == "" {
		return hclload.ModuleRequest{}, fmt.Errorf("%q names no registry module", source)
	}
	version := ""
	for _, kv := range strings.Split(query, "&") {
		if v, ok := strings.CutPrefix(kv, "version="); ok {
			version = v
		}
	}
	if version != "" {
		version = "= " + version // Terragrunt fetches exactly that version
	}
	return hclload.ModuleRequest{Source: addr, Version: version}, nil
}

// parseSource tells a local terraform.source from a remote one, as
// Terragrunt's downloader does: a forced getter (git::, s3::) or a URL
// scheme other than file, or one of the hosts it knows by name, is remote;
// anything else is a path. For a path, sub is what follows "//" (the
// subdirectory to run, within what Terragrunt copies) and any ?query is
// dropped.
func parseSource(src string) (local bool, path, sub string) {
	s := src
	if i := strings.Index(s, "::"); i > 0 && !strings.ContainsAny(s[:i], "/.") {
		if s[:i] != "file" {
			return false, "", ""
		}
		s = s[i+2:]
	}
	if i := strings.Index(s, "://"); i > 0 && !strings.Contains(s[:i], "/") {
		if s[:i] != "file" {
			return false, "", ""
		}
		s = s[i+len("://"):]
	}
	for _, host := range []string{"github.com/", "gitlab.com/", "bitbucket.org/", "git@"} {
		if strings.HasPrefix(s, host) {
			return false, "", ""
		}
	}
	if first, _, _ := strings.Cut(s, "/"); strings.HasSuffix(first, ".amazonaws.com") || first == "www.googleapis.com" || first == "storage.googleapis.com" {
		return false, "", ""
	}
	if i := strings.Index(s, "?"); i >= 0 {
		s = s[:i]
	}
	// "//" after the first character: a leading "//" is part of the path.
	if i := strings.Index(s[min(1, len(s)):], "//"); i >= 0 {
		i += min(1, len(s))
		return true, s[:i], strings.TrimPrefix(s[i+2:], "/")
	}
	return true, s, ""
}

func hasConfigFiles(dir string) bool {
	entries, err := os.ReadDir(dir)
	if err != nil {
		return false
	}
	for _, e := range entries {
		if !e.IsDir() && !strings.HasPrefix(e.Name(), ".") && hclload.IsConfigFileName(e.Name()) {
			return true
		}
	}
	return false
}

// evaluate evaluates the module the unit runs, with its inputs, as its
// root module, and returns it with the module's problems. The root is
// named by the unit's directory.
func (u *unit) evaluate(opts Options) (root *model.Root, moduleProblems []model.Problem) {
	l := u.l
	dir, pkg, ok := u.moduleDir(opts.Modules)
	if ok {
		vars := append(u.copiedVarFiles(dir), u.extraVarFlags(dir)...)
		vars = append(vars, opts.Vars...)
		root, moduleProblems = hclload.LoadRoot(dir, l.baseDir, hclload.Options{Vars: vars, Environ: opts.Environ, Inputs: u.inputs(),
			Modules: opts.Modules, RootPackage: pkg, Files: opts.Files, ExplainTypes: opts.ExplainTypes})
	} else {
		root = model.NewRoot(".", nil)
		root.Files = map[string]string{}
	}
	root.ModulesNotEvaluated = append(root.ModulesNotEvaluated, u.unloaded...)
	root.Dir = l.rel(u.dir)
	if root.Dir == "" {
		root.Dir = "."
	}
	for f, sum := range l.files() {
		root.Files[f] = sum
	}
	return root, moduleProblems
}

// inputs are the unit's merged inputs by variable name, each with where it
// is set.
func (u *unit) inputs() map[string]hclload.Input {
	l, c := u.l, u.cfg
	if c.inputs == cty.NilVal {
		return nil
	}
	v, marks := c.inputs.Unmark()
	switch {
	case v.IsNull():
		return nil
	case !v.IsKnown():
		l.add(&hcl.Diagnostic{Severity: hcl.DiagWarning, Summary: "inputs not known",
			Detail:  "the unit's inputs are not known, so its module's variables get no value from them" + reasonSuffix(c.inputs),
			Subject: c.inputsRng.Ptr()})
		return nil
	case !isMapLike(v.Type()):
		l.add(&hcl.Diagnostic{Severity: hcl.DiagError, Summary: "invalid inputs",
			Detail: "inputs must be a map of variable names to values", Subject: c.inputsRng.Ptr()})
		return nil
	}
	out := map[string]hclload.Input{}
	for k, e := range elements(v) {
		in := hclload.Input{Value: e.WithMarks(marks), Range: c.inputsRng.Ptr()}
		if r, ok := c.inputAt[k]; ok {
			in.Range = r.Ptr()
		}
		out[k] = in
	}
	return out
}

// copiedVarFiles are the variables files beside terragrunt.hcl that
// Terraform reads by itself (terraform.tfvars, *.auto.tfvars): Terragrunt
// copies them into the module's working copy when the module is elsewhere.
// They are passed as variables files, ahead of every -var-file flag.
func (u *unit) copiedVarFiles(moduleDir string) []hclload.VarFlag {
	if samePath(moduleDir, u.dir) {
		return nil // Terraform runs here and reads them itself
	}
	entries, err := os.ReadDir(u.dir)
	if err != nil {
		return nil
	}
	var tf []string
	for _, e := range entries {
		if n := e.Name(); !e.IsDir() && !strings.HasPrefix(n, ".") && hclload.IsConfigFileName(n) {
			tf = append(tf, n)
		}
	}
	if len(tf) > 0 {
		u.l.add(&hcl.Diagnostic{Severity: hcl.DiagWarning, Summary: "files beside terragrunt.hcl not evaluated",
			Detail: fmt.Sprintf("Terragrunt copies %s into the working copy of the module it runs; tfcomply does not evaluate them with the module yet",
				strings.Join(tf, ", ")), Subject: u.configRange()})
	}
	// Terraform's own search, with its refusal of what is not a regular
	// file; Terragrunt copies no hidden file.
	files, diags := hclload.DefaultVarFiles(u.dir)
	for _, d := range diags {
		u.l.add(d)
	}
	var out []hclload.VarFlag
	for _, f := range files {
		if !strings.HasPrefix(filepath.Base(f), ".") {
			out = append(out, hclload.VarFlag{File: f})
		}
	}
	return out
}

// extraVarFlags are the -var-file and -var flags of the extra_arguments
// blocks that apply to plan: their arguments, then required_var_files,
// then the optional_var_files that exist, block by block. Relative paths
// are resolved as Terraform would in the working copy: files copied from
// beside terragrunt.hcl, else the module's.
func (u *unit) extraVarFlags(moduleDir string) []hclload.VarFlag {
	var out []hclload.VarFlag
	resolve := func(p string) string {
		if filepath.IsAbs(p) {
			return p
		}
		if beside := filepath.Join(u.dir, p); fileExists(beside) {
			return beside
		}
		return filepath.Join(moduleDir, p)
	}
	for _, ea := range u.cfg.extra {
		if !containsString(ea.commands, "plan") {
			continue
		}
		args := stringList(ea.arguments)
		for i := 0; i < len(args); i++ {
			a := args[i]
			switch {
			case strings.HasPrefix(a, "-var-file="):
				out = append(out, hclload.VarFlag{File: resolve(strings.TrimPrefix(a, "-var-file="))})
			case a == "-var-file" && i+1 < len(args):
				i++
				out = append(out, hclload.VarFlag{File: resolve(args[i])})
			case strings.HasPrefix(a, "-var="), a == "-var" && i+1 < len(args):
				kv := strings.TrimPrefix(a, "-var=")
				if a == "-var" {
					i++
					kv = args[i]
				}
				if name, value, ok := strings.Cut(kv, "="); ok {
					out = append(out, hclload.VarFlag{Name: name, Value: value})
				}
			}
		}
		for _, f := range stringList(ea.required) {
			out = append(out, hclload.VarFlag{File: resolve(f)})
		}
		for _, f := range stringList(ea.optional) {
			if p := resolve(f); fileExists(p) {
				out = append(out, hclload.VarFlag{File: p})
			}
		}
	}
	return out
}

func fileExists(p string) bool {
	st, err := os.Stat(p)
	return err == nil && !st.IsDir()
}

// stringList is the known strings of a list value.
func stringList(v cty.Value) []string {
	if v == cty.NilVal {
		return nil
	}
	v, _ = v.UnmarkDeep()
	if !v.IsKnown() || v.IsNull() || !isListLike(v.Type()) {
		return nil
	}
	var out []string
	for it := v.ElementIterator(); it.Next(); {
		_, e := it.Element()
		if e.IsKnown() && !e.IsNull() && e.Type() == cty.String {
			out = append(out, e.AsString())
		}
	}
	return out
}

func containsString(list cty.Value, s string) bool {
	for _, e := range stringList(list) {
		if e == s {
			return true
		}
	}
	return false
}
