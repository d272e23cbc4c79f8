package fix

import (
	"fmt"
	"os"
	"sort"

	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/hclsyntax"
	"github.com/tfcomply/tfcomply/internal/paths"
	"github.com/tfcomply/tfcomply/internal/result"
	"github.com/tfcomply/tfcomply/internal/suppress"
)

// built is the planned edits made: each changed file's new bytes.
type built struct {
	files map[string][]byte // absolute -> new bytes
}

// build splices every file's edits into its bytes and checks that the
// result parses; a file that would not is reported with the groups that
// edit it.
func (p *planner) build() (*built, map[string]error) {
	b := &built{files: map[string][]byte{}}
	bad := map[string]error{}
	for path, fe := range p.edits {
		if fe.empty() {
			continue
		}
		out, err := fe.apply()
		if err == nil {
			if _, diags := hclsyntax.ParseConfig(out, path, hcl.InitialPos); diags.HasErrors() {
				err = fmt.Errorf("the edited file would not parse: %s", diags.Error())
			}
		}
		if err != nil {
			bad[path] = err
			continue
		}
		b.files[path] = out
	}
	return b, bad
}

// verify evaluates the roots that read an edited file again, as they
// would be with the edits, and returns that scan. Suppressions are not
// applied: fix judges the verdicts of the stages it changed, which no
// suppression covered.
func (p *planner) verify(b *built) *scanned {
	roots := map[string]bool{}
	for path := range b.files {
		for r := range p.fileRoots[path] {
			roots[r] = true
		}
	}
	var dirs []string
	for r := range roots {
		if ev := p.before.roots[r]; ev != nil && ev.dir != "" {
			dirs = append(dirs, ev.dir)
		}
	}
	sort.Strings(dirs)
	opts := p.opts.Engine
	opts.Overlay = b.files
	opts.Suppress = suppress.Options{NoIgnores: true}
	opts.Stdin = nil
	after := scan(dedupe(dirs), opts)
	// Only the roots fix changed are judged: scanning a root's directory
	// finds the roots under it too.
	for k := range after.results {
		if !roots[k.root] {
			delete(after.results, k)
		}
	}
	return after
}

// regressions are the groups a verification shows wrong: a member that
// does not pass with the change, a stage of a changed root that passed
// and no longer does, or an error in a file the change edits.
func (p *planner) regressions(groups []*group, after *scanned) map[blockKey]string {
	out := map[blockKey]string{}
	fileErr := map[string]string{} // display -> first error
	for _, pr := range after.report.Problems {
		if pr.Severity == "error" {
			if _, seen := fileErr[pr.File]; !seen {
				fileErr[pr.File] = fmt.Sprintf("%s:%d: %s", pr.File, pr.Line, pr.Message)
			}
		}
	}
	frameworks := p.opts.Engine.Frameworks
	for _, g := range groups {
		if len(g.why) > 0 {
			continue
		}
		for path := range g.files {
			if e, ok := fileErr[paths.Display(path)]; ok {
				out[g.key] = "tfcomply's change would make the configuration invalid (" + e + "), so it was not made: please report this"
			}
		}
		for _, m := range g.members {
			r := after.results[m]
			switch {
			case out[g.key] != "" || len(g.memberWhy[m]) > 0:
			case r == nil:
				out[g.key] = "tfcomply's change would make the stage disappear from the evaluation, so it was not made: please report this"
			case r.VerdictUnder(frameworks) == result.Unknown:
				out[g.key] = "with tfcomply's change, whether the stage passes cannot be decided from this input (" + firstUnknown(r) +
					"), and tfcomply makes only changes it can show to pass: give the value (-var, a .tfvars file) and run fix again"
			case r.VerdictUnder(frameworks) != result.Pass:
				out[g.key] = "tfcomply's change would not make it pass (" + firstFailing(r) + "), so it was not made: please report this"
			}
		}
	}
	// A stage that passed must still pass.
	for k, r := range after.results {
		was := p.before.results[k]
		if was == nil || was.VerdictUnder(frameworks) != result.Pass || r.VerdictUnder(frameworks) == result.Pass {
			continue
		}
		for _, g := range groups {
			if len(g.why) == 0 && containsRoot(g.roots, k.root) {
				out[g.key] = fmt.Sprintf("tfcomply's changes in root %s would make %s stop passing, so they were not made: please report this", k.root, k.addr)
			}
		}
	}
	return out
}

func containsRoot(roots []string, r string) bool {
	for _, x := range roots {
		if x == r {
			return true
		}
	}
	return false
}

// firstFailing is the reason of the first aspect that does not pass.
func firstFailing(r *result.Result) string {
	for _, name := range []string{"execution", "access", "route"} {
		if a, ok := r.Aspects[name]; ok && (a.Status == result.StatusFail || a.Status == result.StatusUnknown) {
			return name + " " + string(a.Status) + ": " + a.Reason
		}
	}
	return r.Message
}

// firstUnknown is the reason of the first UNKNOWN aspect.
func firstUnknown(r *result.Result) string {
	for _, name := range []string{"execution", "access", "route"} {
		if a, ok := r.Aspects[name]; ok && a.Status == result.StatusUnknown {
			return name + ": " + a.Reason
		}
	}
	return r.Message
}

// unknownWhy says why a stage whose change was made does not pass.
func unknownWhy(r *result.Result) string {
	return "with the change it is " + string(r.Verdict) + ": " + firstFailing(r)
}

// modeOf is a file's permission bits (0644 when it cannot be read).
func modeOf(path string) os.FileMode {
	if st, err := os.Stat(path); err == nil {
		return st.Mode().Perm()
	}
	return 0o644
}
