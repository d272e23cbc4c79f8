package terragrunt

import (
	"fmt"
	"sort"

	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/hclsyntax"
	"github.com/tfcomply/tfcomply/internal/model"
	"github.com/zclconf/go-cty/cty"
	"github.com/zclconf/go-cty/cty/function"
)

// scope is where the expressions of one configuration file are evaluated:
// the directories Terragrunt's functions answer with, the includes they
// choose from, and the variables (local, include, dependency, feature).
type scope struct {
	l    *loader
	file string // the configuration file being evaluated
	// tgDir is get_terragrunt_dir(): the unit's directory, also while its
	// included configuration is evaluated; the file's own directory for a
	// file read by read_terragrunt_config. Relative paths of Terraform's
	// file functions resolve against it.
	tgDir string
	// cfgPath is the configuration find_in_parent_folders() searches
	// above: the unit's terragrunt.hcl, or the file read.
	cfgPath string
	origDir string // get_original_terragrunt_dir(): the unit's directory
	// includes are the include blocks of the configuration that
	// path_relative_to_include() and the like choose from by name;
	// original is the include being evaluated, when this scope evaluates
	// an included configuration (then those functions answer for it).
	includes []*include
	original *include
	vars     map[string]cty.Value
	funcs    map[string]function.Function
	// notes are what functions could not do (a command not run, a file not
	// read), reported as warnings at the expression being evaluated.
	notes []string
}

func newScope(l *loader, file, tgDir, cfgPath, origDir string) *scope {
	s := &scope{l: l, file: file, tgDir: tgDir, cfgPath: cfgPath, origDir: origDir, vars: map[string]cty.Value{}}
	s.funcs = s.functions()
	return s
}

func (s *scope) note(msg string) { s.notes = append(s.notes, msg) }

// eval evaluates expr. quiet drops its diagnostics: the blocks tfcomply
// ignores (remote_state, generate, hooks) are evaluated only so that an
// exposed include or read_terragrunt_config can offer them, and a problem
// there is not one for the scan.
func (s *scope) eval(expr hcl.Expression, quiet bool) cty.Value {
	ctx := &hcl.EvalContext{Variables: s.vars, Functions: s.funcs}
	val, diags := expr.Value(ctx)
	notes := s.notes
	s.notes = nil
	if !quiet {
		for _, n := range notes {
			s.l.add(&hcl.Diagnostic{Severity: hcl.DiagWarning, Summary: "value not known", Detail: n, Subject: expr.Range().Ptr()})
		}
		s.l.add(diags...)
	}
	if diags.HasErrors() {
		rng := expr.Range()
		return cty.DynamicVal.Mark(model.Origin{Reason: fmt.Sprintf("the expression at %s:%d could not be evaluated (see errors)", s.l.rel(rng.Filename), rng.Start.Line)})
	}
	return val
}

// evalLocals evaluates the locals blocks of a file, each local after the
// locals it refers to.
func (s *scope) evalLocals(blocks []*hclsyntax.Block) map[string]cty.Value {
	exprs := map[string]*hclsyntax.Attribute{}
	for _, b := range blocks {
		for name, a := range b.Body.Attributes {
			if exprs[name] != nil {
				s.l.add(&hcl.Diagnostic{Severity: hcl.DiagError, Summary: "duplicate local value",
					Detail: fmt.Sprintf("local %q is defined more than once", name), Subject: a.NameRange.Ptr()})
				continue
			}
			exprs[name] = a
		}
	}
	pending := make([]string, 0, len(exprs))
	for name := range exprs {
		pending = append(pending, name)
	}
	sort.Strings(pending)
	done := map[string]cty.Value{}
	for len(pending) > 0 {
		var later []string
		for _, name := range pending {
			if !s.ready(exprs[name].Expr, exprs, done) {
				later = append(later, name)
				continue
			}
			s.vars["local"] = cty.ObjectVal(done)
			done[name] = s.eval(exprs[name].Expr, false)
		}
		if len(later) == len(pending) {
			for _, name := range later {
				a := exprs[name]
				s.l.add(&hcl.Diagnostic{Severity: hcl.DiagError, Summary: "local values refer to each other",
					Detail: fmt.Sprintf("local.%s is part of a cycle of locals that refer to each other", name), Subject: a.NameRange.Ptr()})
				done[name] = cty.DynamicVal.Mark(model.Origin{Reason: "local." + name + " is part of a cycle of locals"})
			}
			break
		}
		pending = later
	}
	s.vars["local"] = cty.ObjectVal(done)
	return done
}

// ready reports whether every local that expr refers to is evaluated.
func (s *scope) ready(expr hcl.Expression, all map[string]*hclsyntax.Attribute, done map[string]cty.Value) bool {
	for _, t := range expr.Variables() {
		if t.RootName() != "local" || len(t) < 2 {
			continue
		}
		a, ok := t[1].(hcl.TraverseAttr)
		if !ok {
			continue
		}
		if _, declared := all[a.Name]; declared {
			if _, ok := done[a.Name]; !ok {
				return false
			}
		}
	}
	return true
}

// bodyValue is a block body as a value, as Terragrunt exposes blocks it
// has no special meaning for here: attributes by name, nested blocks by
// type (and by label when labelled).
func (s *scope) bodyValue(body *hclsyntax.Body, quiet bool) cty.Value {
	m := map[string]cty.Value{}
	for name, a := range body.Attributes {
		m[name] = s.eval(a.Expr, quiet)
	}
	byType := map[string][]*hclsyntax.Block{}
	var types []string
	for _, b := range body.Blocks {
		if byType[b.Type] == nil {
			types = append(types, b.Type)
		}
		byType[b.Type] = append(byType[b.Type], b)
	}
	for _, typ := range types {
		m[typ] = s.blocksValue(byType[typ], quiet)
	}
	return cty.ObjectVal(m)
}

// blocksValue is the value of the blocks of one type: an object by label,
// the one block's body, or a tuple of unlabelled blocks.
func (s *scope) blocksValue(bs []*hclsyntax.Block, quiet bool) cty.Value {
	if len(bs[0].Labels) > 0 {
		byLabel := map[string]cty.Value{}
		for _, b := range bs {
			if len(b.Labels) > 0 {
				byLabel[b.Labels[0]] = s.bodyValue(b.Body, quiet)
			}
		}
		return cty.ObjectVal(byLabel)
	}
	if len(bs) == 1 {
		return s.bodyValue(bs[0].Body, quiet)
	}
	vals := make([]cty.Value, len(bs))
	for i, b := range bs {
		vals[i] = s.bodyValue(b.Body, quiet)
	}
	return cty.TupleVal(vals)
}
