// Package hclload is tfcomply's Terraform evaluator: it reads a root module
// from source (.tf and .tf.json, tfvars, local and installed modules) and
// produces the resource instances `terraform plan` would, as model values.
// It is written on hcl/v2 and go-cty; see DESIGN.md for why.
package hclload

import (
	"fmt"
	"path/filepath"
	"slices"
	"sort"
	"strings"

	"github.com/hashicorp/hcl/v2"
	"github.com/tfcomply/tfcomply/internal/model"
	"github.com/tfcomply/tfcomply/internal/paths"
	"github.com/tfcomply/tfcomply/internal/tffuncs"
	"github.com/zclconf/go-cty/cty"
)

// Options are the inputs a root is evaluated with.
type Options struct {
	Vars    []VarFlag // -var and -var-file, in command-line order
	Environ []string  // for TF_VAR_*; os.Environ() in the CLI
	// Values are root variable values that win over every other source
	// (a plan's variables, when its configuration is evaluated beside it).
	Values map[string]cty.Value
	// Inputs are root variable values with the lowest precedence: every
	// other source (TF_VAR_ variables in Environ, tfvars files, -var-file,
	// -var) wins over them. They are what Terragrunt passes from its
	// inputs, as TF_VAR_ variables of JSON text, and are read as Terraform
	// reads those (see asEnvironmentValue).
	Inputs map[string]Input
	// Modules finds modules whose source is not a local path (installed,
	// cached or fetched); nil reads only those installed by terraform init.
	Modules ModuleFetcher
	// RootPackage, when the root module itself was fetched (a Terragrunt
	// unit's remote terraform.source), is the package it is in: its files
	// are named PACKAGE//PATH and its local sources resolve within it, as
	// for any fetched module.
	RootPackage *FetchedModule
	// Overlay replaces the bytes of files on disk, by absolute path: the
	// configuration is evaluated as if they held these bytes (tfcomply fix
	// checks its edits before it writes them). It never adds a file.
	Overlay map[string][]byte
	// Files is the scan's cache of parsed files, shared by its roots; nil
	// reads and parses for this root alone. Overlaid files never go
	// through it.
	Files *Files
	// ExplainTypes are the resource types whose values the caller's
	// controls read and explain (the types that give results). Values say
	// where they come from (each attribute's origin, the variable that
	// sets it) for those to read; a tree that declares none of these
	// types gets no result, and its values are built without them, in a
	// sixth less time and memory. nil explains every tree.
	ExplainTypes []string
}

// LoadRoot evaluates the Terraform root module in rootDir. File names in the
// model and problems are relative to baseDir (the path the user scanned).
func LoadRoot(rootDir, baseDir string, opts Options) (*model.Root, []model.Problem) {
	absRoot, _ := filepath.Abs(rootDir)
	absBase, _ := filepath.Abs(baseDir)
	parser := newRootFiles(opts.Files, opts.Overlay)
	var diags hcl.Diagnostics

	installed, err := readInstalledModules(absRoot)
	if err != nil {
		diags = append(diags, &hcl.Diagnostic{Severity: hcl.DiagWarning, Summary: "cannot read installed modules", Detail: err.Error()})
	}
	var rootPkg *modulePackage
	if fm := opts.RootPackage; fm != nil && fm.PackageDir != "" {
		dir, _ := filepath.Abs(fm.PackageDir)
		rootPkg = &modulePackage{dir: dir, display: fm.Display}
	}
	root, d := loadTree(parser, absRoot, nil, installed, absRoot, opts.Modules, rootPkg)
	diags = append(diags, d...)
	inputs, d := rootInputs(parser, root, opts.Vars, opts.Environ)
	diags = append(diags, d...)
	applyInputs(root, opts.Inputs, inputs)
	for name, v := range opts.Values {
		if root.Variables[name] != nil {
			inputs[name] = rawValue{val: v, source: "the plan"}
		}
	}

	notes := &fileNotes{}
	e := &evaluator{
		rootDir:   absRoot,
		files:     parser,
		funcs:     tffuncs.Table(fileAccess(absRoot, absBase, root, notes, parser.cache)),
		fileNotes: notes,
		inputs:    inputs,
		instances: map[*Module][]*modInst{},
		parts:     &partsCache{m: map[partsKey]parts{}},
	}
	e.names = collectNames(root)
	e.explain = opts.ExplainTypes == nil || slices.ContainsFunc(opts.ExplainTypes, func(typ string) bool { return e.names.types[typ] })
	e.warnUnloaded(root, nil)
	e.checkReferences(root)
	g := buildGraph(root)
	e.run(root, g)
	diags = append(diags, e.diags...)

	pkgs := packages(root)
	rel := func(abs string) string {
		if abs == "" {
			return ""
		}
		for _, p := range pkgs {
			if paths.Within(p.dir, abs) {
				r, _ := filepath.Rel(p.dir, abs)
				return p.display + "//" + filepath.ToSlash(r)
			}
		}
		r, err := filepath.Rel(absBase, abs)
		if err != nil {
			return abs
		}
		return filepath.ToSlash(r)
	}
	for _, inst := range e.out {
		inst.Range.File = rel(inst.Range.AbsFile)
	}
	relDir := rel(absRoot)
	if relDir == "" {
		relDir = "."
	}
	root2 := model.NewRoot(relDir, e.out)
	root2.Outputs = e.rootInst.outputs
	root2.Files = make(map[string]string, len(parser.read))
	for name, digest := range parser.digests() {
		if r := rel(name); model.PackagePath(r) {
			name = r
		}
		root2.Files[name] = digest
	}
	for _, n := range e.notEvaluated {
		n.File = rel(n.File)
		root2.ModulesNotEvaluated = append(root2.ModulesNotEvaluated, n)
	}
	// Messages that quote a place (try's "at main.tf:63") name it as
	// reports do, not by the absolute path of this machine. Diagnostics of
	// parsing and decoding are shared by the roots of a scan: each gets
	// its own copy to change.
	for i, d := range diags {
		c := *d
		d = &c
		diags[i] = d
		for _, p := range pkgs {
			d.Detail = strings.ReplaceAll(d.Detail, p.dir+string(filepath.Separator), p.display+"//")
		}
		d.Detail = strings.ReplaceAll(d.Detail, absBase+string(filepath.Separator), "")
	}
	return root2, problems(diags, rel)
}

// warnUnloaded reports each module call that cannot be loaded, once.
func (e *evaluator) warnUnloaded(m *Module, path []string) {
	names := make([]string, 0, len(m.Calls))
	for n := range m.Calls {
		names = append(names, n)
	}
	sort.Strings(names)
	for _, n := range names {
		c := m.Calls[n]
		p := append(append([]string{}, path...), "module."+n)
		if c.Child == nil {
			e.notEvaluated = append(e.notEvaluated, model.ModuleNotEvaluated{Module: strings.Join(p, "."), Source: c.Source,
				Reason: c.NotLoaded, File: c.DefRange.Filename, Line: c.DefRange.Start.Line})
		}
		if c.Child == nil && c.reported {
			continue
		}
		if c.Child == nil {
			e.diags = append(e.diags, &hcl.Diagnostic{Severity: hcl.DiagWarning, Summary: "module not loaded",
				Detail:  fmt.Sprintf("%s is not evaluated: %s; its outputs are unknown", strings.Join(p, "."), c.NotLoaded),
				Subject: c.DefRange.Ptr()})
			continue
		}
		e.warnUnloaded(c.Child, p)
	}
}

// packages lists the fetched packages modules of the tree were loaded
// from, each once.
func packages(root *Module) []*modulePackage {
	var out []*modulePackage
	seen := map[string]bool{}
	var walk func(m *Module)
	walk = func(m *Module) {
		if m.pkg != nil && !seen[m.pkg.dir] {
			seen[m.pkg.dir] = true
			out = append(out, m.pkg)
		}
		for _, c := range m.Calls {
			if c.Child != nil {
				walk(c.Child)
			}
		}
	}
	walk(root)
	sort.Slice(out, func(i, j int) bool { return out[i].dir < out[j].dir })
	return out
}

// maxFileProblems is how many problems one file reports before the rest
// are summed up in one more: a file that is not Terraform at all (minified
// JavaScript named *.tf) would otherwise give thousands, and a report no one
// can read.
const maxFileProblems = 20

func problems(diags hcl.Diagnostics, rel func(string) string) []model.Problem {
	var out []model.Problem
	seen := map[string]bool{}
	type overflow struct {
		first  model.Problem // the first problem left out
		n      int
		errors bool
	}
	perFile := map[string]int{}
	var over []*overflow
	overIn := map[string]*overflow{}
	for _, d := range diags {
		p := model.Problem{Severity: "error", Message: d.Summary}
		if d.Severity == hcl.DiagWarning {
			p.Severity = "warning"
		}
		if d.Detail != "" {
			p.Message += ": " + d.Detail
		}
		if d.Subject != nil {
			p.File = rel(d.Subject.Filename)
			p.Line = d.Subject.Start.Line
			p.Column = d.Subject.Start.Column
		}
		key := fmt.Sprintf("%s:%d:%d:%s", p.File, p.Line, p.Column, p.Message)
		if seen[key] {
			continue
		}
		seen[key] = true
		if p.File != "" {
			perFile[p.File]++
			if perFile[p.File] > maxFileProblems {
				o := overIn[p.File]
				if o == nil {
					o = &overflow{first: p}
					overIn[p.File] = o
					over = append(over, o)
				}
				o.n++
				o.errors = o.errors || p.Severity == "error"
				continue
			}
		}
		out = append(out, p)
	}
	for _, o := range over {
		p := o.first
		p.Severity = "warning"
		if o.errors {
			p.Severity = "error"
		}
		what := "problems"
		if o.n == 1 {
			what = "problem"
		}
		p.Message = fmt.Sprintf("… and %s more %s in this file (the first %d are shown)", thousands(o.n), what, maxFileProblems)
		out = append(out, p)
	}
	return out
}

// thousands writes n with thousands separators: 1234 -> "1,234".
func thousands(n int) string {
	s := fmt.Sprint(n)
	for i := len(s) - 3; i > 0; i -= 3 {
		s = s[:i] + "," + s[i:]
	}
	return s
}
