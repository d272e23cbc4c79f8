package fix

import (
	"cmp"
	"fmt"
	"slices"
	"sort"

	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/hclsyntax"
	"github.com/tfcomply/tfcomply/internal/paths"
	"github.com/tfcomply/tfcomply/internal/result"
)

// maxAttempts bounds how often a plan is made again without the changes
// a verification showed wrong (each attempt drops at least one).
const maxAttempts = 4

// Run works out what fix changes and checks it: it scans the paths as
// scan does, plans the change of every failing stage, splices the edits
// into the files' bytes, and evaluates the changed roots again as if the
// files held them. A change that verification shows wrong (a stage it
// does not make pass, one that stops passing, an error) is dropped and
// the rest planned again. Nothing is written: see Write.
func Run(opts Options) *Outcome {
	before := scan(opts.Paths, opts.Engine)
	out := &Outcome{Strict: opts.strict(), Problems: before.report.Problems}
	for _, r := range before.results {
		if failing(r, opts.Engine.Frameworks) && !r.Counts() {
			out.Suppressed++
		}
	}
	fs := files{}
	excluded := map[blockKey]string{}
	var (
		p      *planner
		groups []*group
		b      *built
		after  *scanned
	)
	for attempt := 0; ; attempt++ {
		p = newPlanner(&opts, before, excluded, fs)
		groups = p.plan()
		var bad map[string]error
		b, bad = p.build()
		dropped := 0
		for _, g := range groups {
			for path := range g.files {
				if err, ok := bad[path]; ok && excluded[g.key] == "" {
					excluded[g.key] = fmt.Sprintf("tfcomply could not make its change in %s (%v), so it was not made: please report this", paths.Display(path), err)
					dropped++
				}
			}
		}
		after = nil
		if dropped == 0 && len(b.files) > 0 {
			after = p.verify(b)
			for k, why := range p.regressions(groups, after) {
				if excluded[k] == "" {
					excluded[k] = why
					dropped++
				}
			}
		}
		if dropped == 0 {
			break
		}
		if attempt == maxAttempts {
			for _, g := range groups {
				if excluded[g.key] == "" {
					excluded[g.key] = "tfcomply could not check its change, so it was not made: please report this"
				}
			}
		}
	}
	out.Notes = append(out.Notes, p.notes...)
	if after != nil {
		for _, pr := range after.report.Problems {
			if pr.Severity == "error" {
				out.Problems = append(out.Problems, pr)
			}
		}
	}
	newBytes := func(path string) []byte {
		if nb, ok := b.files[path]; ok {
			return nb
		}
		if f, err := fs.get(path); err == nil {
			return f.src
		}
		return nil
	}
	loc := locator{newBytes: newBytes, parsed: map[string]*hclsyntax.Body{}}
	for _, g := range groups {
		out.Stages = append(out.Stages, p.stages(g, after, loc)...)
	}
	slices.SortStableFunc(out.Stages, func(a, c Stage) int {
		return cmp.Or(cmp.Compare(a.Root, c.Root), cmp.Compare(a.File, c.File), cmp.Compare(a.Line, c.Line), cmp.Compare(a.Address, c.Address))
	})
	var changed []string
	for path := range b.files {
		changed = append(changed, path)
	}
	sort.Strings(changed)
	for _, path := range changed {
		f, _ := fs.get(path)
		var roots []string
		for r := range p.fileRoots[path] {
			roots = append(roots, r)
		}
		sort.Strings(roots)
		out.Files = append(out.Files, File{Path: paths.Display(path), Abs: path, Old: f.src, New: b.files[path], Mode: modeOf(path), Roots: roots})
	}
	for _, a := range p.accounts {
		if _, ok := b.files[a.file]; ok {
			out.Accounts = append(out.Accounts, Account{Root: a.root, File: loc.at(a.file, typeAccount, a.account)})
		}
	}
	addCosts(out, &opts, before, after)
	return out
}

// stages reports a group's members.
func (p *planner) stages(g *group, after *scanned, loc locator) []Stage {
	var out []Stage
	frameworks := p.opts.Engine.Frameworks
	for _, m := range g.members {
		r := p.before.results[m]
		s := Stage{Root: m.root, Address: m.addr, File: r.File, Line: r.Line, Before: r.VerdictUnder(frameworks)}
		s.After = s.Before
		for _, root := range g.roots {
			if root != m.root {
				s.Shared = append(s.Shared, root)
			}
		}
		switch {
		case len(g.why) > 0:
			s.Status, s.Why = StatusPerson, g.why
		default:
			for _, c := range append(append([]change(nil), g.changes...), g.memberChanges[m]...) {
				s.Changes = append(s.Changes, loc.describe(c))
			}
			ar := (*result.Result)(nil)
			if after != nil {
				ar = after.results[m]
			}
			if ar != nil {
				s.After = ar.VerdictUnder(frameworks)
			}
			s.Status = StatusFixed
			if why := g.memberWhy[m]; len(why) > 0 {
				s.Status, s.Why = StatusPerson, why
			} else if s.After != result.Pass {
				s.Status = StatusPartial
				if ar != nil {
					s.Why = []string{unknownWhy(ar)}
				}
			}
		}
		out = append(out, s)
	}
	return out
}

// locator finds where a change ended up in its edited file.
type locator struct {
	newBytes func(path string) []byte
	parsed   map[string]*hclsyntax.Body
}

// at is file:line of a resource in the edited file.
func (l locator) at(path, typ, name string) string {
	body, ok := l.parsed[path]
	if !ok {
		if f, diags := hclsyntax.ParseConfig(l.newBytes(path), path, hcl.InitialPos); !diags.HasErrors() {
			body, _ = f.Body.(*hclsyntax.Body)
		}
		l.parsed[path] = body
	}
	if body != nil {
		for _, b := range body.Blocks {
			if b.Type == "resource" && len(b.Labels) == 2 && b.Labels[0] == typ && b.Labels[1] == name {
				return fmt.Sprintf("%s:%d", paths.Display(path), b.DefRange().Start.Line)
			}
		}
	}
	return paths.Display(path)
}

func (l locator) describe(c change) string {
	return replaceAt(c.text, l.at(c.file, c.typ, c.name))
}

func replaceAt(text, at string) string {
	for i := 0; i+4 <= len(text); i++ {
		if text[i:i+4] == "{at}" {
			return text[:i] + at + text[i+4:]
		}
	}
	return text
}
