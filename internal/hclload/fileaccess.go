package hclload

import (
	"fmt"

	"github.com/hashicorp/hcl/v2"
	"github.com/tfcomply/tfcomply/internal/paths"
	"github.com/tfcomply/tfcomply/internal/tffuncs"
)

// fileAccess is what the file functions of a scan may read: the scanned
// tree (the git work tree holding baseDir, or baseDir itself) and the
// directory of every module in the loaded tree, which may lie elsewhere
// (../shared, a module installed by terraform init). Relative paths resolve
// against the root, Terraform's working directory. Files not read are
// passed to notes, for evalIn to report.
func fileAccess(rootDir, baseDir string, root *Module, notes *fileNotes, files *Files) tffuncs.FileAccess {
	allowed := []string{paths.ScannedTree(baseDir)}
	seen := map[string]bool{}
	var walk func(m *Module)
	walk = func(m *Module) {
		// Only a directory that holds Terraform files counts as a module:
		// source = "../../../.." must not open the whole file system.
		if !seen[m.Dir] {
			seen[m.Dir] = true
			if primary, overrides, _, err := files.configFiles(m.Dir); err == nil && len(primary)+len(overrides) > 0 {
				allowed = append(allowed, m.Dir)
			}
		}
		// A fetched module may read anywhere in its package
		// ("${path.module}/../templates"): fetching checked that the
		// package has no link leading out of it.
		if m.pkg != nil && !seen[m.pkg.dir] {
			seen[m.pkg.dir] = true
			allowed = append(allowed, m.pkg.dir)
		}
		for _, c := range m.Calls {
			if c.Child != nil {
				walk(c.Child)
			}
		}
	}
	walk(root)
	return tffuncs.FileAccess{BaseDir: rootDir, Allowed: allowed, Warn: notes.add}
}

// fileNotes collects the files the file functions did not read, each file
// and reason once, until evalIn reports them at the expression evaluated.
type fileNotes struct {
	seen    map[string]bool
	pending []string
}

func (n *fileNotes) add(path, why string) {
	key := path + "\x00" + why
	if n.seen[key] {
		return
	}
	if n.seen == nil {
		n.seen = map[string]bool{}
	}
	n.seen[key] = true
	n.pending = append(n.pending, fmt.Sprintf("%q was not read: %s; what is computed from it is unknown", path, why))
}

// reportFileNotes turns the files not read while evaluating expr into
// warnings at expr.
func (e *evaluator) reportFileNotes(expr hcl.Expression) {
	if e.fileNotes == nil || len(e.fileNotes.pending) == 0 {
		return
	}
	for _, detail := range e.fileNotes.pending {
		e.diags = append(e.diags, &hcl.Diagnostic{Severity: hcl.DiagWarning, Summary: "file not read",
			Detail: detail, Subject: expr.Range().Ptr()})
	}
	e.fileNotes.pending = nil
}
