// Package engine runs a scan: it finds the Terraform roots under each path,
// evaluates them, runs the controls under the chosen profile and returns
// sorted results and problems.
package engine

import (
	"cmp"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"sort"
	"strings"
	"sync"

	"github.com/tfcomply/tfcomply/internal/controls/apigateway"
	"github.com/tfcomply/tfcomply/internal/hclload"
	"github.com/tfcomply/tfcomply/internal/model"
	"github.com/tfcomply/tfcomply/internal/paths"
	"github.com/tfcomply/tfcomply/internal/result"
	"github.com/tfcomply/tfcomply/internal/suppress"
	"github.com/tfcomply/tfcomply/internal/terragrunt"
)

// Options configure a scan.
type Options struct {
	Profile  string
	Vars     []hclload.VarFlag
	Environ  []string
	SkipDirs []string
	// AllDirs also evaluates directories that other scanned directories
	// call as modules, each alone with its variables' defaults.
	AllDirs bool
	// ConfigDir is the configuration beside a plan or state, for file:line
	// and for following references plan JSON does not describe. Empty: the
	// JSON file's directory, when it holds Terraform files.
	ConfigDir string
	// Stdin is read for the path "-".
	Stdin io.Reader
	// RootsOf reads the paths as changed files (as pre-commit passes them)
	// and scans the roots they belong to, each once and whole, among the
	// roots under the current directory: see affectedRoots.
	RootsOf bool
	// Frameworks restricts results to these framework ids (all when empty).
	Frameworks []string
	// Suppress says where ignore comments, waivers and the baseline come from.
	Suppress suppress.Options
	// RootLoaded, when set, sees every root the scan evaluates, with the
	// root's name as its results carry it and the directory of its
	// Terraform configuration ("" for a plan or state without one). Roots
	// are evaluated concurrently: it must be safe to call so.
	RootLoaded func(r *model.Root, root, configDir string)
	// Modules finds the modules of calls whose source is not local
	// (internal/modfetch: installed, cached or fetched); nil reads only
	// modules installed by terraform init.
	Modules hclload.ModuleFetcher
	// Overlay evaluates files as if they held these bytes, by absolute
	// path (see hclload.Options.Overlay).
	Overlay map[string][]byte
}

// Report is everything a scan found.
type Report struct {
	Results  []result.Result
	Problems []Problem
	Files    []ScannedFile // every file read, for the evidence report
	// ModulesNotEvaluated are the module calls whose module could not be
	// loaded, in every root: whatever they hold was not checked.
	ModulesNotEvaluated []ModuleNotEvaluated
}

// ModuleNotEvaluated is a module call whose module could not be loaded.
type ModuleNotEvaluated struct {
	Root   string `json:"root"`   // the root, named as results name it
	Module string `json:"module"` // module.a.module.b
	Source string `json:"source"`
	Reason string `json:"reason"`
	File   string `json:"file,omitempty"` // the module block, named as results name files
	Line   int    `json:"line,omitempty"`
}

// ScannedFile is a file the scan read, with its digest.
type ScannedFile struct {
	Path   string `json:"path"`
	SHA256 string `json:"sha256"`
}

// Problem is an input problem; its File is named as reports name files
// (see package paths).
type Problem struct {
	model.Problem
}

// HasErrors reports whether any input could not be read, parsed or evaluated.
func (r *Report) HasErrors() bool {
	for _, p := range r.Problems {
		if p.Severity == "error" {
			return true
		}
	}
	return false
}

type job struct {
	path     string // the PATH argument
	base     string // directory results are relative to
	root     string // root directory to evaluate
	onlyFile string // for a PATH that is one file: keep only its results
	// callers are the directories that call this one as a module, when it
	// is evaluated alone (--all-dirs).
	callers []string
	json    bool // PATH is plan or state JSON ("-": standard input)
	// terragrunt: root is a Terragrunt unit, evaluated as terragrunt runs it.
	terragrunt bool
}

// Scan scans each path (a directory, or one .tf/.tf.json/.tofu/.tofu.json file).
func Scan(inputs []string, opts Options) *Report {
	rep := &Report{}
	var jobs []job
	type found struct{ path, dir string }
	var dirs []found
	var changed []string
	if opts.RootsOf {
		changed, inputs = inputs, []string{"."}
	}
	for _, p := range inputs {
		if p == "-" {
			jobs = append(jobs, job{path: p, json: true})
			continue
		}
		st, err := os.Stat(p)
		if err != nil {
			rep.Problems = append(rep.Problems, Problem{Problem: model.Problem{Severity: "error", File: paths.Display(p), Message: "cannot read path: " + err.Error()}})
			continue
		}
		if !st.IsDir() {
			if filepath.Base(p) == terragrunt.ConfigFile {
				// A unit's terragrunt.hcl: the unit, whose results are
				// in its module's files.
				dir := filepath.Dir(p)
				jobs = append(jobs, job{path: p, base: dir, root: dir, terragrunt: true})
				continue
			}
			if !hclload.IsConfigFileName(filepath.Base(p)) {
				jobs = append(jobs, job{path: p, json: true})
				continue
			}
			dir := filepath.Dir(p)
			jobs = append(jobs, job{path: p, base: dir, root: dir, onlyFile: filepath.ToSlash(filepath.Base(p))})
			continue
		}
		roots, probs := findRoots(p, opts.SkipDirs)
		for _, pr := range probs {
			pr.File = paths.Display(pr.File)
			rep.Problems = append(rep.Problems, Problem{Problem: pr})
		}
		if len(roots) == 0 && !opts.RootsOf {
			// CI pointed at the wrong directory must not pass.
			rep.Problems = append(rep.Problems, Problem{Problem: model.Problem{Severity: "error", File: paths.Display(p),
				Message: "no Terraform files (.tf, .tf.json, .tofu, .tofu.json) under this path, and it is not a plan or state: nothing was checked"}})
		}
		for _, r := range roots {
			dirs = append(dirs, found{path: p, dir: r})
		}
	}
	// Roots are chosen across every PATH: a directory that any scanned
	// directory calls as a local module is reported through its callers.
	all := make([]string, len(dirs))
	for i, d := range dirs {
		all[i] = d.dir
	}
	// Each file is read and parsed once for the whole scan: roots share
	// the modules they call, and root selection's parse is reused.
	parsed := hclload.NewFiles()
	absDirs := paths.AbsAll(all)
	parsed.PrepareLocalCalls(absDirs)
	scannedFrom := map[string]string{} // absolute dir -> the PATH it was found under
	for i, d := range dirs {
		scannedFrom[absDirs[i]] = d.path
	}
	set := splitRootsBy(all, func(dir string) []string { return localCallsIn(parsed, dir, scannedFrom[dir]) })
	var keep map[string]bool
	if opts.RootsOf {
		keep = affectedRoots(changed, set)
	}
	for i, d := range dirs {
		abs := absDirs[i]
		if keep != nil && !keep[abs] {
			continue
		}
		callers, isModule := set.modules[abs]
		switch {
		case !isModule:
			jobs = append(jobs, job{path: d.path, base: d.path, root: d.dir, terragrunt: terragrunt.IsUnit(d.dir)})
		case opts.AllDirs:
			jobs = append(jobs, job{path: d.path, base: d.path, root: d.dir, callers: callers})
		}
	}
	type out struct {
		results  []result.Result
		problems []Problem
		files    map[string]string
		unloaded []ModuleNotEvaluated
	}
	outs := make([]out, len(jobs))
	var wg sync.WaitGroup
	sem := make(chan struct{}, runtime.GOMAXPROCS(0))
	for i, j := range jobs {
		wg.Add(1)
		sem <- struct{}{}
		go func(i int, j job) {
			defer wg.Done()
			defer func() { <-sem }()
			outs[i].results, outs[i].problems, outs[i].files, outs[i].unloaded = runJob(j, opts, parsed)
		}(i, j)
	}
	wg.Wait()
	files := map[string]string{}
	for _, o := range outs {
		rep.Results = append(rep.Results, o.results...)
		rep.Problems = append(rep.Problems, o.problems...)
		for f, sum := range o.files {
			files[f] = sum
		}
		rep.ModulesNotEvaluated = append(rep.ModulesNotEvaluated, o.unloaded...)
	}
	rep.ModulesNotEvaluated = sortUnloaded(rep.ModulesNotEvaluated)
	rep.Files = scannedFiles(files)
	sortResults(rep.Results)
	supp := opts.Suppress
	for _, f := range rep.Files {
		supp.Files = append(supp.Files, f.Path)
	}
	outcome := suppress.Apply(rep.Results, supp)
	for _, p := range outcome.Problems {
		rep.Problems = append(rep.Problems, Problem{Problem: p})
	}
	// The evidence lists the exceptions' files among the inputs it hashes.
	for _, in := range outcome.Inputs {
		if data, err := os.ReadFile(in); err == nil {
			files[in] = model.Digest(data)
		}
	}
	rep.Files = scannedFiles(files)
	rep.Problems = dedupeProblems(rep.Problems)
	return rep
}

func runJob(j job, opts Options, parsed *hclload.Files) (results []result.Result, problems []Problem, files map[string]string, unloaded []ModuleNotEvaluated) {
	defer func() {
		if p := recover(); p != nil {
			problems = append(problems, Problem{Problem: model.Problem{Severity: "error", File: j.root,
				Message: fmt.Sprintf("internal error while scanning this root (please report it): %v", p)}})
		}
	}()
	var r *model.Root
	var probs []model.Problem
	if j.json {
		r, probs = loadJSON(j.path, opts)
	} else if j.terragrunt {
		r, probs = terragrunt.Load(j.root, j.base, terragrunt.Options{Vars: opts.Vars, Environ: opts.Environ, Modules: opts.Modules, Files: parsed,
			ExplainTypes: apigateway.ResultTypes})
	} else {
		// Only trees that can give a result carry what explains one.
		r, probs = hclload.LoadRoot(j.root, j.base, hclload.Options{Vars: opts.Vars, Environ: opts.Environ, Modules: opts.Modules, Overlay: opts.Overlay, Files: parsed,
			ExplainTypes: apigateway.ResultTypes})
	}
	if r == nil {
		for _, p := range probs {
			p.File = paths.Display(p.File)
			problems = append(problems, Problem{Problem: p})
		}
		return nil, problems, nil, nil
	}
	// The loaders name files relative to the directory they read (the
	// scanned path, or a plan's configuration); reports name them, and
	// roots, relative to the working directory, the same in every format.
	base := j.base
	if r.BaseDir != "" {
		base = r.BaseDir
	}
	root := paths.Join(j.base, r.Dir)
	if j.json {
		root = paths.Display(j.path)
	}
	for _, p := range probs {
		p.File = paths.Join(base, p.File)
		problems = append(problems, Problem{Problem: p})
	}
	if opts.RootLoaded != nil {
		configDir := j.root
		if j.json {
			configDir = r.BaseDir
		}
		opts.RootLoaded(r, root, configDir)
	}
	// Results name few files: each is named once (paths.Join reads the
	// working directory every time).
	joined := map[string]string{}
	join := func(f string) string {
		p, ok := joined[f]
		if !ok {
			p = paths.Join(base, f)
			joined[f] = p
		}
		return p
	}
	// Kept in place: 100,000 results grown into a new slice cost a second.
	evaluated := evaluate(r, opts)
	results = evaluated[:0]
	for i := range evaluated {
		res := &evaluated[i]
		if j.onlyFile != "" && res.File != j.onlyFile {
			continue
		}
		res.Root, res.File = root, join(res.File)
		if j.callers != nil {
			markAlone(res, j)
		}
		results = append(results, *res)
	}
	for _, m := range r.ModulesNotEvaluated {
		if j.onlyFile != "" && m.File != j.onlyFile {
			continue
		}
		unloaded = append(unloaded, ModuleNotEvaluated{Root: root, Module: m.Module, Source: m.Source, Reason: m.Reason,
			File: paths.Join(base, m.File), Line: m.Line})
	}
	return results, problems, r.Files, unloaded
}

// sortUnloaded orders the modules not evaluated by root, file and line,
// and drops repeats (a root evaluated for two paths).
func sortUnloaded(ms []ModuleNotEvaluated) []ModuleNotEvaluated {
	slices.SortStableFunc(ms, func(a, b ModuleNotEvaluated) int {
		return cmp.Or(cmp.Compare(a.Root, b.Root), cmp.Compare(a.File, b.File), cmp.Compare(a.Line, b.Line), cmp.Compare(a.Module, b.Module))
	})
	return slices.Compact(ms)
}

// evaluate runs the controls under the chosen profile and gives each result
// its verdict under every framework's profile (PCI DSS is strict, so a
// stage can satisfy SOC 2 and fail PCI DSS).
//
// Results with the same frameworks and the same verdicts share one list
// and one map of verdicts (nothing changes them afterwards): at 10,000
// stages a map each was the largest part of a result.
func evaluate(r *model.Root, opts Options) []result.Result {
	results := apigateway.Evaluate(r, opts.Profile)
	keep := map[string]bool{}
	for _, id := range opts.Frameworks {
		keep[id] = true
	}
	type judged struct {
		frameworks []result.Framework
		verdicts   map[string]result.Verdict
	}
	seen := map[string]judged{}
	var key strings.Builder
	for i := range results {
		res := &results[i]
		if res.IsAdvisory() {
			// An advisory is a pitfall beside the control's verdict, not a
			// requirement of any framework: it has no verdicts there.
			res.Frameworks, res.FrameworkVerdicts = []result.Framework{}, nil
			continue
		}
		verdict := func(f result.Framework) result.Verdict {
			if v, ok := res.ProfileVerdicts[f.Profile]; ok {
				return v
			}
			return res.Verdict
		}
		key.Reset()
		key.WriteString(res.Control)
		for _, f := range res.Frameworks {
			if len(keep) == 0 || keep[f.ID] {
				key.WriteString("\x00" + f.ID + "\x00" + f.Profile + "\x00" + string(verdict(f)))
			}
		}
		j, ok := seen[key.String()]
		if !ok {
			j.verdicts = map[string]result.Verdict{}
			for _, f := range res.Frameworks {
				if len(keep) > 0 && !keep[f.ID] {
					continue
				}
				j.frameworks = append(j.frameworks, f)
				j.verdicts[f.ID] = verdict(f)
			}
			seen[key.String()] = j
		}
		res.Frameworks, res.FrameworkVerdicts = j.frameworks[:len(j.frameworks):len(j.frameworks)], j.verdicts
	}
	return results
}

// scannedFiles lists every file read with its digest; paths are as the
// user named them, relative to the working directory where possible.
func scannedFiles(files map[string]string) []ScannedFile {
	cwd, _ := os.Getwd()
	out := make([]ScannedFile, 0, len(files))
	for f, sum := range files {
		path := f
		if model.PackagePath(f) {
			out = append(out, ScannedFile{Path: f, SHA256: sum})
			continue
		}
		if abs, err := filepath.Abs(f); err == nil {
			if rel, err := filepath.Rel(cwd, abs); err == nil && !strings.HasPrefix(rel, "..") {
				path = rel
			}
		}
		out = append(out, ScannedFile{Path: filepath.ToSlash(path), SHA256: sum})
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Path < out[j].Path })
	return out
}

// sortResults orders results by root (named from the working directory),
// file, line, address and control.
func sortResults(rs []result.Result) {
	slices.SortStableFunc(rs, func(a, b result.Result) int {
		return cmp.Or(cmp.Compare(a.Root, b.Root), cmp.Compare(a.File, b.File), cmp.Compare(a.Line, b.Line),
			cmp.Compare(a.Address, b.Address), cmp.Compare(a.Control, b.Control))
	})
}

// dedupeProblems sorts problems and drops repeats: a module shared by
// several roots reports the same problem from each.
func dedupeProblems(ps []Problem) []Problem {
	sortProblems(ps)
	return slices.Compact(ps)
}

func sortProblems(ps []Problem) {
	slices.SortStableFunc(ps, func(a, b Problem) int {
		return cmp.Or(cmp.Compare(a.File, b.File), cmp.Compare(a.Line, b.Line), cmp.Compare(a.Column, b.Column), cmp.Compare(a.Message, b.Message))
	})
}
