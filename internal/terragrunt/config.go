package terragrunt

import (
	"fmt"
	"path/filepath"
	"sort"

	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/hclsyntax"
	"github.com/tfcomply/tfcomply/internal/model"
	"github.com/zclconf/go-cty/cty"
)

// Merge strategies of an include block.
const (
	mergeShallow = "shallow"
	mergeDeep    = "deep"
	mergeNone    = "no_merge"
)

// include is an include block.
type include struct {
	label    string // "" for a bare include
	path     string // absolute
	expose   bool
	strategy string
	rng      hcl.Range
	cfg      *config // the included configuration, evaluated for the including unit
}

// dependency is a dependency block: its outputs come from another unit's
// state, which tfcomply does not read.
type dependency struct {
	name       string
	pathExpr   hcl.Expression // its config_path; nil when it has none
	configPath string         // as written once evaluated; "" when unknown
	mocks      bool           // it has mock_outputs (never used)
}

// extraArgs is an extra_arguments block of the terraform block.
type extraArgs struct {
	name                                    string
	commands, arguments, required, optional cty.Value
	file                                    string // the file it is in
	rng                                     hcl.Range
}

// config is one evaluated Terragrunt configuration file, or the result of
// merging included configurations into it.
type config struct {
	file      string
	locals    map[string]cty.Value
	inputs    cty.Value // cty.NilVal when no configuration sets inputs
	inputsRng hcl.Range
	// inputAt is where each input is set, when written as a key of an
	// object in inputs (not computed by a function).
	inputAt   map[string]hcl.Range
	source    cty.Value // terraform.source; cty.NilVal when not set
	sourceRng hcl.Range
	extra     []*extraArgs
	deps      []*dependency
	features  map[string]cty.Value
	terraform cty.Value            // the terraform block as a value; cty.NilVal when none
	attrs     map[string]cty.Value // other attributes, for exposed includes and read_terragrunt_config
	blocks    map[string]cty.Value // other blocks (remote_state, generate...), likewise
	includes  []*include
}

func newConfig(file string) *config {
	return &config{file: file, locals: map[string]cty.Value{}, inputs: cty.NilVal, source: cty.NilVal, inputAt: map[string]hcl.Range{},
		features: map[string]cty.Value{}, terraform: cty.NilVal, attrs: map[string]cty.Value{}, blocks: map[string]cty.Value{}}
}

// evalConfig evaluates the configuration file at path in scope s, in
// Terragrunt's order: include blocks (and the configurations they name),
// locals, feature and dependency blocks, then everything else; then it
// merges the included configurations into it. childDeps are the dependency
// names of the including configuration, which an included one may refer to.
func (l *loader) evalConfig(path string, s *scope, childDeps []*dependency, at *hcl.Range) *config {
	c := newConfig(path)
	body := l.parse(path, at)
	if body == nil {
		return c
	}
	byType := map[string][]*hclsyntax.Block{}
	for _, b := range body.Blocks {
		byType[b.Type] = append(byType[b.Type], b)
	}
	own := staticDeps(byType["dependency"])

	// Includes, and the configurations they name, come first.
	if incs := byType["include"]; len(incs) > 0 {
		if s.original != nil {
			l.add(&hcl.Diagnostic{Severity: hcl.DiagError, Summary: "nested include",
				Detail: fmt.Sprintf("%s is included by %s and has include blocks of its own; Terragrunt allows only one level of includes, so they are not read",
					l.display(path), l.display(s.cfgPath)), Subject: incs[0].DefRange().Ptr()})
		} else {
			c.includes = s.readIncludes(incs, append(append([]*dependency{}, own...), childDeps...))
			s.includes = c.includes
		}
	}
	exposed := map[string]cty.Value{}
	for _, inc := range c.includes {
		if inc.expose && inc.cfg != nil {
			exposed[inc.label] = inc.cfg.value()
		}
	}
	s.vars["include"] = cty.ObjectVal(exposed)
	allDeps := append(append([]*dependency{}, own...), childDeps...)
	for _, inc := range c.includes {
		if inc.cfg != nil {
			allDeps = append(allDeps, inc.cfg.deps...)
		}
	}
	s.vars["dependency"] = dependenciesValue(allDeps)

	// Then locals, features and dependencies.
	c.locals = s.evalLocals(byType["locals"])
	for _, b := range byType["feature"] {
		if len(b.Labels) == 0 {
			continue
		}
		v := cty.NullVal(cty.DynamicPseudoType)
		if a := b.Body.Attributes["default"]; a != nil {
			v = s.eval(a.Expr, false)
		}
		c.features[b.Labels[0]] = v
	}
	s.vars["feature"] = featuresValue(c.features)
	for _, d := range own {
		if d.pathExpr == nil {
			continue
		}
		if v, _ := s.eval(d.pathExpr, true).Unmark(); v.IsKnown() && !v.IsNull() && v.Type() == cty.String {
			d.configPath = v.AsString()
		}
	}
	c.deps = own
	s.vars["dependency"] = dependenciesValue(allDeps) // now with their config_path

	// Everything else.
	for _, b := range byType["terraform"] {
		s.readTerraform(c, b)
	}
	names := make([]string, 0, len(body.Attributes))
	for name := range body.Attributes {
		names = append(names, name)
	}
	sort.Strings(names)
	for _, name := range names {
		a := body.Attributes[name]
		if name == "inputs" {
			c.inputs, c.inputsRng = s.eval(a.Expr, false), a.Expr.Range()
			c.inputAt = keyRanges(a.Expr)
			continue
		}
		c.attrs[name] = s.eval(a.Expr, true)
	}
	var types []string
	for typ := range byType {
		types = append(types, typ)
	}
	sort.Strings(types)
	for _, typ := range types {
		switch typ {
		case "include", "locals", "feature", "dependency", "terraform":
			continue
		}
		c.blocks[typ] = s.blocksValue(byType[typ], true)
	}

	// Then the included configurations merge into it: each include's
	// configuration is overlaid with what the ones before it and this file
	// give, so this file wins, then the first include, and so on.
	merged := c
	for _, inc := range c.includes {
		if inc.cfg == nil || inc.strategy == mergeNone {
			continue
		}
		merged = mergeConfigs(inc.cfg, merged, inc.strategy == mergeDeep)
	}
	return merged
}

// staticDeps lists the dependency blocks by name, before anything is
// evaluated (their config_path is filled in later).
func staticDeps(blocks []*hclsyntax.Block) []*dependency {
	var out []*dependency
	for _, b := range blocks {
		if len(b.Labels) == 0 {
			continue
		}
		_, mocks := b.Body.Attributes["mock_outputs"]
		d := &dependency{name: b.Labels[0], mocks: mocks}
		if a := b.Body.Attributes["config_path"]; a != nil {
			d.pathExpr = a.Expr
		}
		out = append(out, d)
	}
	return out
}

// readIncludes evaluates include blocks and the configurations they name,
// each in the including unit's context.
func (s *scope) readIncludes(blocks []*hclsyntax.Block, deps []*dependency) []*include {
	l := s.l
	var out []*include
	seen := map[string]bool{}
	for _, b := range blocks {
		inc := &include{strategy: mergeShallow, rng: b.DefRange()}
		if len(b.Labels) > 0 {
			inc.label = b.Labels[0]
		}
		if seen[inc.label] {
			l.add(&hcl.Diagnostic{Severity: hcl.DiagError, Summary: "duplicate include",
				Detail: fmt.Sprintf("include %q is declared more than once", inc.label), Subject: b.DefRange().Ptr()})
			continue
		}
		seen[inc.label] = true
		a := b.Body.Attributes["path"]
		if a == nil {
			l.add(&hcl.Diagnostic{Severity: hcl.DiagError, Summary: "include without path", Subject: b.DefRange().Ptr()})
			continue
		}
		v, _ := s.eval(a.Expr, false).Unmark()
		if !v.IsKnown() || v.IsNull() || v.Type() != cty.String {
			l.add(&hcl.Diagnostic{Severity: hcl.DiagError, Summary: "include path not known",
				Detail: "the path of this include is not a known string, so the configuration it names is not read" + reasonSuffix(v), Subject: a.Expr.Range().Ptr()})
			continue
		}
		inc.path = v.AsString()
		if !filepath.IsAbs(inc.path) {
			inc.path = filepath.Join(filepath.Dir(s.file), inc.path)
		}
		inc.path = filepath.Clean(inc.path)
		if a := b.Body.Attributes["expose"]; a != nil {
			if v, _ := s.eval(a.Expr, false).Unmark(); v.IsKnown() && v.Type() == cty.Bool && !v.IsNull() {
				inc.expose = v.True()
			}
		}
		if a := b.Body.Attributes["merge_strategy"]; a != nil {
			v, _ := s.eval(a.Expr, false).Unmark()
			str := ""
			if v.IsKnown() && !v.IsNull() && v.Type() == cty.String {
				str = v.AsString()
			}
			switch str {
			case mergeShallow, mergeDeep, mergeNone:
				inc.strategy = str
			default:
				l.add(&hcl.Diagnostic{Severity: hcl.DiagError, Summary: "invalid merge_strategy",
					Detail: `merge_strategy is one of "shallow", "deep" or "no_merge"; this include is merged shallowly`, Subject: a.Expr.Range().Ptr()})
			}
		}
		if samePath(inc.path, s.file) {
			l.add(&hcl.Diagnostic{Severity: hcl.DiagError, Summary: "include of itself",
				Detail: fmt.Sprintf("%s includes itself", l.display(s.file)), Subject: a.Expr.Range().Ptr()})
			continue
		}
		is := newScope(l, inc.path, s.tgDir, s.cfgPath, s.origDir)
		is.original = inc
		inc.cfg = l.evalConfig(inc.path, is, deps, a.Expr.Range().Ptr())
		out = append(out, inc)
	}
	return out
}

// keyRanges are where the keys of an object expression ({ a = 1 }) are
// set, by key.
func keyRanges(expr hcl.Expression) map[string]hcl.Range {
	out := map[string]hcl.Range{}
	obj, ok := expr.(*hclsyntax.ObjectConsExpr)
	if !ok {
		return out
	}
	for _, item := range obj.Items {
		k, diags := item.KeyExpr.Value(nil)
		if diags.HasErrors() || !k.IsKnown() || k.IsNull() || k.Type() != cty.String {
			continue
		}
		out[k.AsString()] = item.ValueExpr.Range()
	}
	return out
}

// reasonSuffix says why v is unknown, when its marks say.
func reasonSuffix(v cty.Value) string {
	if rs := model.UnknownReasons(v); len(rs) > 0 {
		return ": " + rs[0]
	}
	return ""
}

// readTerraform reads a terraform block: its source and the extra
// arguments that may pass variables files; the rest only as a value.
func (s *scope) readTerraform(c *config, b *hclsyntax.Block) {
	if a := b.Body.Attributes["source"]; a != nil {
		c.source, c.sourceRng = s.eval(a.Expr, false), a.Expr.Range()
	}
	for _, eb := range b.Body.Blocks {
		if eb.Type != "extra_arguments" || len(eb.Labels) == 0 {
			continue
		}
		ea := &extraArgs{name: eb.Labels[0], file: s.file, rng: eb.DefRange(),
			commands: cty.NilVal, arguments: cty.NilVal, required: cty.NilVal, optional: cty.NilVal}
		for name, dst := range map[string]*cty.Value{"commands": &ea.commands, "arguments": &ea.arguments,
			"required_var_files": &ea.required, "optional_var_files": &ea.optional} {
			if a := eb.Body.Attributes[name]; a != nil {
				*dst = s.eval(a.Expr, false)
			}
		}
		c.extra = append(c.extra, ea)
	}
	c.terraform = s.bodyValue(b.Body, true)
}

// value is the configuration as Terragrunt exposes it (include.NAME, and
// what read_terragrunt_config returns): its attributes and blocks, locals,
// inputs, terraform (with the merged source), dependency and feature.
func (c *config) value() cty.Value {
	m := map[string]cty.Value{}
	for k, v := range c.attrs {
		m[k] = v
	}
	for k, v := range c.blocks {
		m[k] = v
	}
	m["locals"] = cty.ObjectVal(c.locals)
	m["inputs"] = cty.EmptyObjectVal
	if c.inputs != cty.NilVal {
		m["inputs"] = c.inputs
	}
	tf := map[string]cty.Value{}
	if c.terraform != cty.NilVal && c.terraform.Type().IsObjectType() && c.terraform.IsKnown() {
		for k, v := range c.terraform.AsValueMap() {
			tf[k] = v
		}
	}
	if c.source != cty.NilVal {
		tf["source"] = c.source
	}
	m["terraform"] = cty.ObjectVal(tf)
	m["dependency"] = dependenciesValue(c.deps)
	m["feature"] = featuresValue(c.features)
	return cty.ObjectVal(m)
}

// featuresValue is feature.NAME.value for each feature block: its default
// (a --feature flag or TG_FEATURE would override it when Terragrunt runs).
func featuresValue(features map[string]cty.Value) cty.Value {
	m := map[string]cty.Value{}
	for name, v := range features {
		m[name] = cty.ObjectVal(map[string]cty.Value{"value": v})
	}
	return cty.ObjectVal(m)
}

// dependenciesValue is the dependency variable: for each dependency, its
// outputs (and inputs) are unknown, with a reason that names it.
func dependenciesValue(deps []*dependency) cty.Value {
	m := map[string]cty.Value{}
	for _, d := range deps {
		if _, dup := m[d.name]; dup {
			continue
		}
		where := fmt.Sprintf("dependency %q", d.name)
		path := cty.UnknownVal(cty.String)
		if d.configPath != "" {
			where += fmt.Sprintf(" (config_path %q)", d.configPath)
			path = cty.StringVal(d.configPath)
		}
		why := "they are read from that unit's state when Terragrunt runs, and tfcomply reads no state"
		if d.mocks {
			why += "; its mock_outputs are placeholders for when there is no state, not real values, so tfcomply does not use them"
		}
		outputs := cty.DynamicVal.Mark(model.Origin{Reason: fmt.Sprintf("dependency.%s.outputs are the outputs of %s: %s", d.name, where, why)})
		inputs := cty.DynamicVal.Mark(model.Origin{Reason: fmt.Sprintf("dependency.%s.inputs are the inputs of %s, which tfcomply does not evaluate here", d.name, where)})
		m[d.name] = cty.ObjectVal(map[string]cty.Value{"outputs": outputs, "inputs": inputs, "config_path": path})
	}
	return cty.ObjectVal(m)
}
