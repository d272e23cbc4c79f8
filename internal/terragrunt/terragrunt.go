// Package terragrunt evaluates Terragrunt units the way `terragrunt plan`
// runs them: it reads a unit's terragrunt.hcl (with its includes, locals,
// Terragrunt's functions and Terraform's), finds the module its
// terraform.source names, and evaluates that module as the root it becomes,
// with the unit's inputs as its variables' values. Nothing is executed and
// no state or cloud API is read: run_cmd, dependency outputs and the AWS
// functions are unknown values that say why.
//
// What is read, and what is not, is described in docs/terragrunt.md.
package terragrunt

import (
	"os"
	"path/filepath"

	"github.com/tfcomply/tfcomply/internal/hclload"
	"github.com/tfcomply/tfcomply/internal/model"
)

// ConfigFile is the name of a Terragrunt unit's configuration: a directory
// holding one is a unit, and a root for tfcomply.
const ConfigFile = "terragrunt.hcl"

// IsUnit reports whether dir holds a terragrunt.hcl.
func IsUnit(dir string) bool {
	st, err := os.Stat(filepath.Join(dir, ConfigFile))
	return err == nil && !st.IsDir()
}

// Options are what a unit is evaluated with.
type Options struct {
	// Vars are -var and -var-file flags, given after the unit's own
	// extra_arguments (so they win, as on Terragrunt's command line).
	Vars []hclload.VarFlag
	// Environ is the environment: get_env() reads it, and TF_VAR_
	// variables in it win over the unit's inputs, as Terragrunt leaves
	// them set.
	Environ []string
	// Modules fetches a terraform.source that is not a local path
	// (git::..., tfr:///..., https://...), and the remote modules the
	// unit's module calls, as for Terraform roots (internal/modfetch
	// provides one). Without it, a unit with a remote source is reported
	// as not evaluated.
	Modules hclload.ModuleFetcher
	// Files is the scan's cache of parsed files: units that run the same
	// module share its parse. Nil parses for this unit alone.
	Files *hclload.Files
	// ExplainTypes are passed to the module's evaluation (see
	// hclload.Options.ExplainTypes).
	ExplainTypes []string
}

// Load evaluates the unit in unitDir. File names in the model and problems
// are relative to baseDir (the path the user scanned); the root is named
// by the unit's directory, its resources by their files in the module. The
// root is never nil: a unit whose module cannot be evaluated has no
// instances, and the problems say why.
func Load(unitDir, baseDir string, opts Options) (*model.Root, []model.Problem) {
	l := newLoader(unitDir, baseDir, opts.Environ)
	u := l.unit()
	root, moduleProblems := u.evaluate(opts)
	// The unit's own problems, which evaluating it may add to, come first.
	return root, append(l.problems(), moduleProblems...)
}

// ModuleDirs lists the local directories the unit in unitDir runs as its
// root module (its terraform.source), as absolute paths, without reading
// the environment or anything outside the scanned tree (that of baseDir).
// Root discovery uses it: the module a unit runs is reported through the
// unit, not as a root of its own. Empty when the unit runs the Terraform
// files beside it, or its source is remote or cannot be known.
func ModuleDirs(unitDir, baseDir string) []string {
	l := newLoader(unitDir, baseDir, nil)
	l.quiet = true
	u := l.unit()
	dir, _, ok := u.moduleDir(nil)
	if !ok || dir == "" || samePath(dir, u.dir) {
		return nil
	}
	return []string{dir}
}
