package fix

import (
	"fmt"
	"strings"

	"github.com/hashicorp/hcl/v2/hclsyntax"
	"github.com/tfcomply/tfcomply/internal/model"
	"github.com/zclconf/go-cty/cty"
)

// levelPlan is the change of one method settings block's logging level,
// shared by every stage it is associated with.
type levelPlan struct {
	ops     []func()
	changes []change
	why     []string
}

// levelPlanFor plans setting the execution level on an associated
// aws_api_gateway_method_settings block (its */* settings at OFF or
// unset, or a narrower path at OFF under the strict profile), instead of
// writing a second one. Only a literal level is replaced; a level that
// comes from a variable or an expression is named for a person to change.
func (p *planner) levelPlanFor(mb blockKey) *levelPlan {
	if lp := p.levels[mb]; lp != nil {
		return lp
	}
	lp := &levelPlan{}
	p.levels[mb] = lp
	insts := p.byBlock[mb]
	if len(insts) == 0 {
		lp.why = []string{"cannot find the method settings block at " + mb.String()}
		return lp
	}
	in := p.instance(insts[0])
	disp, addr := display(in), localAddr(in)
	var roots, others []string
	var levels []cty.Value
	seenRoot := map[string]bool{}
	for _, mi := range insts {
		if !seenRoot[mi.root] {
			seenRoot[mi.root] = true
			roots = append(roots, mi.root)
		}
		for _, stage := range p.msStages[mi.root][mi.addr] {
			sk := stageKey{mi.root, stage}
			for _, l := range p.before.roots[mi.root].links[stage] {
				if l.Address == mi.addr && !loggingOn(l.Level) {
					levels = append(levels, l.Level)
				}
			}
			if !p.targets[sk] {
				others = append(others, fmt.Sprintf("%s in root %s", stage, mi.root))
			}
		}
	}
	if len(others) > 0 {
		lp.why = []string{fmt.Sprintf("%s (%s:%d) also sets the logging of %s, which does not fail or is suppressed: changing its level would change that stage too", addr, disp, in.Range.Line, strings.Join(others, ", "))}
		return lp
	}
	if w := p.tree.notEditable(in.Range.File, in.Range.AbsFile); w != "" {
		lp.why = []string{w}
		return lp
	}
	if o := overriddenBy(in.Range.AbsFile, in.Type, in.Name); o != "" {
		lp.why = []string{fmt.Sprintf("%s is changed by the override file %s: set its logging level there", addr, o)}
		return lp
	}
	f, err := p.files.get(in.Range.AbsFile)
	if err != nil {
		lp.why = []string{err.Error()}
		return lp
	}
	blk := f.resource(in.Type, in.Name)
	if blk == nil || blk.DefRange().Start.Line != in.Range.Line {
		lp.why = []string{fmt.Sprintf("cannot find the block of %s at %s:%d", addr, disp, in.Range.Line)}
		return lp
	}
	level := p.opts.ExecutionLevel
	if a := blk.Body.Attributes["settings"]; a != nil {
		lp.why = []string{fmt.Sprintf("settings of %s is set as an argument (%s): set logging_level = %q in it by hand", addr, where(disp, a.SrcRange), level)}
		return lp
	}
	if ignoresChanges(blk, "settings") {
		lp.why = []string{fmt.Sprintf("the lifecycle ignore_changes of %s (%s) covers settings, so a new level would never be applied", addr, where(disp, blk.DefRange()))}
		return lp
	}
	static, dynamic := nested(blk.Body, "settings")
	if len(dynamic) > 0 {
		w := fmt.Sprintf("settings of %s comes from a dynamic block (%s)", addr, where(disp, dynamic[0].DefRange()))
		if ss := settingsOf(levels); len(ss) > 0 {
			w += "; its logging_level is decided by " + decidedBy(ss, quoted(level))
		} else {
			w += fmt.Sprintf(": make it set logging_level = %q", level)
		}
		lp.why = []string{w}
		return lp
	}
	readBy := func() { p.readBy(f.path, roots...) }
	if len(static) == 0 {
		snippet := settingsBlock(level)
		lp.ops = []func(){func() { p.fileEdits(f).addToBody(blk, snippet); readBy() }}
		lp.changes = []change{{text: fmt.Sprintf("settings { logging_level = %q } added to %s ({at})", level, addr), file: f.path, typ: in.Type, name: in.Name}}
		return lp
	}
	sb := static[0]
	a := sb.Body.Attributes["logging_level"]
	if a == nil {
		snippet := attribute("logging_level", quoted(level))
		lp.ops = []func(){func() { p.fileEdits(f).addToBody(sb, snippet); readBy() }}
		lp.changes = []change{{text: fmt.Sprintf("logging_level = %q added to the settings of %s ({at})", level, addr), file: f.path, typ: in.Type, name: in.Name}}
		return lp
	}
	lp.ops, lp.changes, lp.why = p.setLiteral(f, a, levels, level, fmt.Sprintf("logging_level of %s", addr), in, readBy)
	return lp
}

// setLiteral replaces a literal value with a logging level, or says what
// decides a value that is not a literal.
func (p *planner) setLiteral(f *sourceFile, a *hclsyntax.Attribute, vals []cty.Value, level, what string, in *model.Instance, readBy func()) ([]func(), []change, []string) {
	disp := display(in)
	if ss := settingsOf(vals); len(ss) > 0 {
		return nil, nil, []string{fmt.Sprintf("%s (%s) is decided by %s", what, where(disp, a.SrcRange), decidedBy(ss, quoted(level)))}
	}
	if !isLiteral(a.Expr) {
		return nil, nil, []string{fmt.Sprintf("%s (%s) is the expression %s, which leaves logging off here: make it %q (tfcomply replaces only literal values)", what, where(disp, a.SrcRange), oneLine(f.text(a.Expr.Range())), level)}
	}
	old := f.text(a.Expr.Range())
	rng := a.Expr.Range()
	op := func() { p.fileEdits(f).replace(rng, quoted(level)); readBy() }
	return []func(){op}, []change{{text: fmt.Sprintf("%s: %s → %q ({at})", what, old, level), file: f.path, typ: in.Type, name: in.Name}}, nil
}

// oneLine shortens an expression for a message.
func oneLine(s string) string {
	s = strings.Join(strings.Fields(s), " ")
	if len(s) > 60 {
		s = s[:57] + "..."
	}
	return s
}

// loggingOn reports whether a level is known to log (INFO or ERROR): the
// values that do not are the ones to name.
func loggingOn(v cty.Value) bool {
	s, known, ok := model.String(v)
	return known && ok && (s == "INFO" || s == "ERROR")
}
