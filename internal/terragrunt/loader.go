package terragrunt

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"unicode/utf8"

	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/hclparse"
	"github.com/hashicorp/hcl/v2/hclsyntax"
	"github.com/tfcomply/tfcomply/internal/model"
	"github.com/tfcomply/tfcomply/internal/paths"
)

// maxConfigBytes bounds a Terragrunt configuration file read.
const maxConfigBytes = 10 << 20

// maxFileProblems is how many problems one file reports; the rest are
// summed up in one more, so a file that is not Terragrunt configuration
// does not flood the report.
const maxFileProblems = 20

// maxReadDepth bounds read_terragrunt_config calls within each other.
const maxReadDepth = 16

// loader reads the Terragrunt configuration of one unit: the unit's file,
// the files it includes and those it reads.
type loader struct {
	unitDir string // absolute
	baseDir string // absolute; file names are relative to it
	tree    string // real path of the directory files may be read from
	environ map[string]string
	parser  *hclparse.Parser
	diags   hcl.Diagnostics
	// quiet drops diagnostics (root discovery only wants the source).
	quiet bool
	// reading is the stack of files read_terragrunt_config is reading.
	reading []string
}

func newLoader(unitDir, baseDir string, environ []string) *loader {
	absUnit, _ := filepath.Abs(unitDir)
	absBase, _ := filepath.Abs(baseDir)
	l := &loader{unitDir: absUnit, baseDir: absBase, environ: map[string]string{}, parser: hclparse.NewParser()}
	l.tree = realPath(configTree(absBase))
	for _, kv := range environ {
		if k, v, ok := strings.Cut(kv, "="); ok {
			l.environ[k] = v
		}
	}
	return l
}

func (l *loader) add(d ...*hcl.Diagnostic) {
	if !l.quiet {
		l.diags = append(l.diags, d...)
	}
}

// configTree is the directory Terragrunt configuration may be read from
// when the scanned path is base: its git work tree (see paths.ScannedTree); with
// none, the current directory when base lies inside it, so that scanning
// live/dev/api from the top of a repository that is not a git checkout
// still finds live/root.hcl; else base itself.
func configTree(base string) string {
	tree := paths.ScannedTree(base)
	if tree != base {
		return tree
	}
	if wd, err := os.Getwd(); err == nil && paths.Within(wd, base) {
		if home, _ := os.UserHomeDir(); home == "" || filepath.Clean(home) != filepath.Clean(wd) {
			return wd
		}
	}
	return base
}

func realPath(p string) string {
	if r, err := filepath.EvalSymlinks(p); err == nil {
		return r
	}
	return filepath.Clean(p)
}

// samePath reports whether a and b name the same file or directory.
func samePath(a, b string) bool { return realPath(a) == realPath(b) }

// inTree reports whether path lies inside the tree files may be read from.
func (l *loader) inTree(path string) bool {
	return paths.Within(l.tree, realPath(path))
}

// readable says why a configuration file at path cannot be read ("" when
// it can): outside the scanned tree, missing, not a regular file, too big.
func (l *loader) readable(path string) string {
	if !l.inTree(path) {
		return "it is outside the scanned tree"
	}
	st, err := os.Stat(path)
	switch {
	case os.IsNotExist(err):
		return "it does not exist"
	case err != nil:
		return err.Error()
	case !st.Mode().IsRegular():
		return "it is not a regular file"
	case st.Size() > maxConfigBytes:
		return fmt.Sprintf("it is larger than %d MB", maxConfigBytes>>20)
	}
	return ""
}

// parse reads a Terragrunt configuration file in HCL native syntax.
func (l *loader) parse(path string, at *hcl.Range) *hclsyntax.Body {
	if f := l.parser.Files()[path]; f != nil {
		body, _ := f.Body.(*hclsyntax.Body)
		return body
	}
	if why := l.readable(path); why != "" {
		l.add(&hcl.Diagnostic{Severity: hcl.DiagError, Summary: "Terragrunt configuration not read",
			Detail: fmt.Sprintf("%s is not read: %s", l.display(path), why), Subject: at})
		return nil
	}
	if strings.HasSuffix(path, ".json") {
		l.add(&hcl.Diagnostic{Severity: hcl.DiagError, Summary: "Terragrunt configuration not read",
			Detail: fmt.Sprintf("%s is JSON; tfcomply reads Terragrunt configuration in HCL syntax only", l.display(path)), Subject: at})
		return nil
	}
	src, err := os.ReadFile(path)
	if err != nil {
		l.add(&hcl.Diagnostic{Severity: hcl.DiagError, Summary: "cannot read file", Detail: err.Error(), Subject: at})
		return nil
	}
	if bytes.IndexByte(src, 0) >= 0 || !utf8.Valid(src) {
		start := hcl.Pos{Line: 1, Column: 1}
		l.add(&hcl.Diagnostic{Severity: hcl.DiagError, Summary: "not a text file",
			Detail: "it is binary or not UTF-8 (encrypted?), not Terragrunt configuration", Subject: &hcl.Range{Filename: path, Start: start, End: start}})
		return nil
	}
	f, diags := l.parser.ParseHCL(src, path)
	l.add(diags...)
	if f == nil {
		return nil
	}
	body, _ := f.Body.(*hclsyntax.Body)
	return body
}

// display names a path for messages: relative to the scanned path.
func (l *loader) display(path string) string {
	if rel, err := filepath.Rel(l.baseDir, path); err == nil && !strings.HasPrefix(rel, "..") {
		return filepath.ToSlash(rel)
	}
	return filepath.ToSlash(path)
}

// files is every Terragrunt configuration file read, by absolute path, with
// its digest.
func (l *loader) files() map[string]string {
	out := map[string]string{}
	for name, f := range l.parser.Files() {
		out[name] = model.Digest(f.Bytes)
	}
	return out
}

// problems converts the diagnostics to problems, with file names relative
// to the scanned path and no absolute path of this machine in messages.
func (l *loader) problems() []model.Problem {
	var out []model.Problem
	seen := map[string]bool{}
	perFile := map[string]int{}
	for _, d := range l.diags {
		p := model.Problem{Severity: "error", Message: d.Summary}
		if d.Severity == hcl.DiagWarning {
			p.Severity = "warning"
		}
		if d.Detail != "" {
			p.Message += ": " + d.Detail
		}
		p.Message = strings.ReplaceAll(p.Message, l.baseDir+string(filepath.Separator), "")
		if d.Subject != nil {
			p.File = l.rel(d.Subject.Filename)
			p.Line, p.Column = d.Subject.Start.Line, d.Subject.Start.Column
		}
		key := fmt.Sprintf("%s:%d:%d:%s:%s", p.File, p.Line, p.Column, p.Severity, p.Message)
		if seen[key] {
			continue
		}
		seen[key] = true
		if perFile[p.File]++; p.File != "" && perFile[p.File] > maxFileProblems {
			continue
		}
		out = append(out, p)
	}
	for file, n := range perFile {
		if file != "" && n > maxFileProblems {
			out = append(out, model.Problem{Severity: "error", File: file, Line: 1,
				Message: fmt.Sprintf("… and %d more problems in this file (the first %d are shown)", n-maxFileProblems, maxFileProblems)})
		}
	}
	sort.SliceStable(out, func(i, j int) bool {
		if out[i].File != out[j].File {
			return out[i].File < out[j].File
		}
		return out[i].Line < out[j].Line
	})
	return out
}

// rel names a file relative to the scanned path, as the evaluator does.
func (l *loader) rel(path string) string {
	if path == "" {
		return ""
	}
	r, err := filepath.Rel(l.baseDir, path)
	if err != nil {
		return path
	}
	return filepath.ToSlash(r)
}
