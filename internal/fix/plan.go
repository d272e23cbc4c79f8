package fix

import (
	"fmt"
	"path/filepath"
	"sort"
	"strings"

	"github.com/hashicorp/hcl/v2/hclsyntax"
	"github.com/tfcomply/tfcomply/internal/model"
	"github.com/tfcomply/tfcomply/internal/paths"
)

// blockKey names a resource block: the file and line of its declaration,
// which every instance it makes, in every root, carries.
type blockKey struct {
	file string // absolute
	line int
}

func (b blockKey) String() string { return fmt.Sprintf("%s:%d", b.file, b.line) }

// change is one thing fix changed, described with the place it is at in
// the edited file (resolved once the edits are made: {at} in text).
type change struct {
	text      string
	file      string // absolute
	typ, name string // the resource whose line {at} names
}

// group is the failing instances of one stage block: they are changed
// together (one edit changes them all) or not at all.
type group struct {
	key      blockKey
	members  []stageKey
	need     need
	changes  []change
	why      []string
	roots    []string        // every root the block's change reaches
	execRoot bool            // the change turns on execution or route logging
	files    map[string]bool // the files its change edits
	// memberWhy says why a member does not pass with the change (a level
	// a person has to change); memberChanges are the changes made for one
	// member only (a method settings level).
	memberWhy     map[stageKey][]string
	memberChanges map[stageKey][]change
}

// planner works out the edits for every failing stage.
type planner struct {
	opts    *Options
	strict  bool
	before  *scanned
	tree    tree
	files   files
	names   *names
	edits   map[string]*fileEdits // by absolute file
	targets map[stageKey]bool     // failing stages fix may change
	byBlock map[blockKey][]stageKey
	// msStages are the stages each method settings instance is associated with, by root.
	msStages map[string]map[string][]string
	levels   map[blockKey]*levelPlan
	excluded map[blockKey]string // blocks whose change did not verify, and why
	// fileRoots are the roots whose evaluation reads each edited file.
	fileRoots map[string]map[string]bool
	accounts  []accountPlan
	notes     []string
	current   *group // the group whose edits are being made
}

func newPlanner(opts *Options, before *scanned, excluded map[blockKey]string, fs files) *planner {
	p := &planner{opts: opts, strict: opts.strict(), before: before, tree: newTree(opts.Paths), files: fs, names: newNames(),
		edits: map[string]*fileEdits{}, targets: map[stageKey]bool{}, byBlock: map[blockKey][]stageKey{},
		msStages: map[string]map[string][]string{}, levels: map[blockKey]*levelPlan{}, excluded: excluded,
		fileRoots: map[string]map[string]bool{}}
	for k, r := range before.results {
		if failing(r, opts.Engine.Frameworks) && r.Counts() {
			p.targets[k] = true
		}
	}
	for name, ev := range before.roots {
		for _, in := range ev.model.Instances {
			if in.Range.AbsFile == "" {
				continue
			}
			bk := blockKey{in.Range.AbsFile, in.Range.Line}
			p.byBlock[bk] = append(p.byBlock[bk], stageKey{name, in.Address})
		}
		ms := map[string][]string{}
		for stage, links := range ev.links {
			for _, l := range links {
				ms[l.Address] = append(ms[l.Address], stage)
			}
		}
		p.msStages[name] = ms
	}
	for _, list := range p.byBlock {
		sortKeys(list)
	}
	return p
}

func sortKeys(ks []stageKey) {
	sort.Slice(ks, func(i, j int) bool {
		if ks[i].root != ks[j].root {
			return ks[i].root < ks[j].root
		}
		return ks[i].addr < ks[j].addr
	})
}

func (p *planner) instance(k stageKey) *model.Instance {
	if ev := p.before.roots[k.root]; ev != nil {
		return ev.model.Lookup(k.addr)
	}
	return nil
}

func (p *planner) blockOf(root, addr string) blockKey {
	if in := p.instance(stageKey{root, addr}); in != nil {
		return blockKey{in.Range.AbsFile, in.Range.Line}
	}
	return blockKey{}
}

// display names an instance's file as reports do.
func display(in *model.Instance) string {
	if model.PackagePath(in.Range.File) {
		return in.Range.File
	}
	return paths.Display(in.Range.AbsFile)
}

func (p *planner) fileEdits(f *sourceFile) *fileEdits {
	fe := p.edits[f.path]
	if fe == nil {
		fe = newFileEdits(f)
		p.edits[f.path] = fe
	}
	return fe
}

func (p *planner) readBy(file string, roots ...string) {
	m := p.fileRoots[file]
	if m == nil {
		m = map[string]bool{}
		p.fileRoots[file] = m
	}
	for _, r := range roots {
		m[r] = true
	}
	if p.current != nil {
		p.current.files[file] = true
	}
}

// plan groups the failing stages by block and plans each group.
func (p *planner) plan() []*group {
	var keys []stageKey
	for k := range p.targets {
		keys = append(keys, k)
	}
	sortKeys(keys)
	byKey := map[blockKey]*group{}
	var groups []*group
	for _, k := range keys {
		bk := p.blockOf(k.root, k.addr)
		g := byKey[bk]
		if g == nil {
			g = &group{key: bk}
			byKey[bk] = g
			groups = append(groups, g)
		}
		g.members = append(g.members, k)
	}
	sort.Slice(groups, func(i, j int) bool {
		if groups[i].key.file != groups[j].key.file {
			return groups[i].key.file < groups[j].key.file
		}
		return groups[i].key.line < groups[j].key.line
	})
	for _, g := range groups {
		p.planGroup(g)
	}
	p.planAccounts(groups)
	return groups
}

// planGroup decides the change of one stage block, or why there is none.
// What is changed in the block itself (access logging, a new method
// settings beside it, route logging) is one edit for every instance, so
// they must all need it; a method settings level is changed per instance,
// and an instance whose level a person has to change still gets the
// block's edit when another instance passes with it.
func (p *planner) planGroup(g *group) {
	seen := map[string]bool{}
	for _, k := range p.byBlock[g.key] {
		if !seen[k.root] {
			seen[k.root] = true
			g.roots = append(g.roots, k.root)
		}
	}
	if why, ok := p.excluded[g.key]; ok {
		g.why = []string{why}
		return
	}
	var ops []func()
	why := p.groupNeeds(g)
	if len(why) == 0 {
		ops, why = p.groupEdits(g)
		if len(why) > 0 {
			// Say everything a person has to change, levels too.
			for _, m := range g.members {
				n, _ := p.needOf(m)
				for _, mb := range p.levelBlocks(m, n) {
					why = append(why, p.levelPlanFor(mb).why...)
				}
			}
		}
	}
	why = append(why, p.othersWhy(g)...)
	if len(why) > 0 {
		g.why, g.changes = dedupe(why), nil
		return
	}
	g.memberWhy, g.memberChanges = map[stageKey][]string{}, map[stageKey][]change{}
	done := map[blockKey]bool{}
	fixable := false
	for _, m := range g.members {
		n, _ := p.needOf(m)
		var mOps []func()
		for _, mb := range p.levelBlocks(m, n) {
			lp := p.levelPlanFor(mb)
			g.memberWhy[m] = append(g.memberWhy[m], lp.why...)
			g.memberChanges[m] = append(g.memberChanges[m], lp.changes...)
			if !done[mb] {
				mOps = append(mOps, lp.ops...)
			}
		}
		if len(g.memberWhy[m]) > 0 {
			g.memberChanges[m] = nil
			continue
		}
		for _, mb := range p.levelBlocks(m, n) {
			done[mb] = true
		}
		fixable = true
		ops = append(ops, mOps...)
		g.execRoot = g.execRoot || n.exec || n.route || len(n.offPaths) > 0
	}
	if !fixable {
		for _, m := range g.members {
			g.why = append(g.why, g.memberWhy[m]...)
		}
		g.why, g.changes = dedupe(g.why), nil
		return
	}
	g.files = map[string]bool{}
	p.current = g
	for _, op := range ops {
		op()
	}
	p.current = nil
}

// groupNeeds works out each instance's need; they must all need the same
// of the block itself.
func (p *planner) groupNeeds(g *group) []string {
	var why, described []string
	sigs := map[string]bool{}
	for i, m := range g.members {
		n, w := p.needOf(m)
		for _, s := range w {
			if len(g.members) > 1 {
				s = m.addr + ": " + s
			}
			why = append(why, s)
		}
		if i == 0 {
			g.need = n
		}
		sigs[n.signature()] = true
		described = append(described, fmt.Sprintf("%s needs %s", m.addr, n.describe()))
	}
	if len(why) == 0 && len(sigs) > 1 {
		why = append(why, "the instances of this block need different changes to it ("+strings.Join(described, "; ")+"): one edit to the block cannot fix them all, so change it by hand")
	}
	return dedupe(why)
}

// othersWhy says which instances of the block fix must not change: a
// stage that passes, is suppressed or cannot be decided would change too.
func (p *planner) othersWhy(g *group) []string {
	var others []string
	for _, k := range p.byBlock[g.key] {
		if p.targets[k] {
			continue
		}
		r := p.before.results[k]
		state := "not a failing stage"
		switch {
		case r == nil:
		case r.Suppressed != nil && r.Suppressed.Active:
			state = "suppressed (" + r.Suppressed.By + ")"
		case failing(r, p.opts.Engine.Frameworks):
			state = "failing"
		default:
			state = string(r.VerdictUnder(p.opts.Engine.Frameworks))
		}
		others = append(others, fmt.Sprintf("%s in root %s, which is %s", k.addr, k.root, state))
	}
	if len(others) == 0 {
		return nil
	}
	if len(others) > 3 {
		others = append(others[:3], fmt.Sprintf("%d more", len(others)-3))
	}
	return []string{"the same block also makes " + strings.Join(others, "; ") + ": an edit to it would change those too, and tfcomply does not touch a stage that passes or is suppressed"}
}

// groupEdits plans the edits of a group whose instances need the same.
func (p *planner) groupEdits(g *group) ([]func(), []string) {
	in := p.instance(g.members[0])
	if w := p.tree.notEditable(in.Range.File, in.Range.AbsFile); w != "" {
		return nil, []string{w}
	}
	if o := overriddenBy(in.Range.AbsFile, in.Type, in.Name); o != "" {
		return nil, []string{fmt.Sprintf("%s is changed by the override file %s: edit the stage where Terraform takes it from", localAddr(in), o)}
	}
	f, err := p.files.get(in.Range.AbsFile)
	if err != nil {
		return nil, []string{err.Error()}
	}
	blk := f.resource(in.Type, in.Name)
	if blk == nil || blk.DefRange().Start.Line != in.Range.Line {
		return nil, []string{fmt.Sprintf("cannot find the block of %s at %s:%d", in.Address, display(in), in.Range.Line)}
	}
	sh := shapeOf(f, blk, in)
	var ops []func()
	var why []string
	n := g.need
	if n.access {
		o, w := p.planAccess(g, f, blk, sh)
		ops, why = append(ops, o...), append(why, w...)
	}
	if n.addSettings {
		dir := filepath.Dir(f.path)
		name := p.names.take(dir, typeMethodSettings, in.Name+"_all")
		snippet := methodSettings(sh, name, p.opts.ExecutionLevel)
		ops = append(ops, func() {
			p.fileEdits(f).addAfter(blk, snippet)
			p.readBy(f.path, g.roots...)
		})
		g.changes = append(g.changes, change{text: fmt.Sprintf("new %s.%s ({at}): every method (*/*) logs at %s, associated by reference", typeMethodSettings, name, p.opts.ExecutionLevel),
			file: f.path, typ: typeMethodSettings, name: name})
	}
	if n.route {
		o, w := p.planRoute(g, f, blk)
		ops, why = append(ops, o...), append(why, w...)
	}
	return ops, dedupe(why)
}

// levelBlocks are the method settings blocks whose level a member's
// change sets, in order.
func (p *planner) levelBlocks(m stageKey, n need) []blockKey {
	seen := map[blockKey]bool{}
	var out []blockKey
	for _, addr := range append(append([]string(nil), n.relevel...), n.offPaths...) {
		bk := p.blockOf(m.root, addr)
		if !seen[bk] {
			seen[bk] = true
			out = append(out, bk)
		}
	}
	sort.Slice(out, func(i, j int) bool { return out[i].String() < out[j].String() })
	return out
}

// shapeOf reads how a stage block is declared.
func shapeOf(f *sourceFile, blk *hclsyntax.Block, in *model.Instance) shape {
	sh := shape{typ: in.Type, name: in.Name, file: f}
	for _, it := range []string{"count", "for_each"} {
		if a := blk.Body.Attributes[it]; a != nil {
			sh.iter, sh.iterExpr = it, f.text(a.Expr.Range())
		}
	}
	api, name := "rest_api_id", "stage_name"
	if in.Type == typeV2Stage {
		api, name = "api_id", "name"
	}
	if a := blk.Body.Attributes[api]; a != nil {
		sh.apiExpr = a.Expr
	}
	if a := blk.Body.Attributes[name]; a != nil {
		sh.nameExpr = a.Expr
	}
	return sh
}

// localAddr is a resource's address as written in its own module.
func localAddr(in *model.Instance) string { return in.Type + "." + in.Name }

func dedupe(ss []string) []string {
	seen := map[string]bool{}
	var out []string
	for _, s := range ss {
		if !seen[s] {
			seen[s] = true
			out = append(out, s)
		}
	}
	return out
}
