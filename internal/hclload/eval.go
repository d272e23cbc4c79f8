package hclload

import (
	"fmt"
	"path/filepath"
	"sort"
	"strings"

	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/hclsyntax"
	"github.com/tfcomply/tfcomply/internal/model"
	"github.com/zclconf/go-cty/cty"
	"github.com/zclconf/go-cty/cty/function"
)

// modInst is one instance of a module (the root, or one key of a module
// call's count/for_each) with the values evaluated in it so far.
type modInst struct {
	path    string // module.a["x"].module.b; "" for the root
	cfg     *Module
	parent  *modInst
	rep     *repetition // count/each of the call that made this instance
	vars    map[string]cty.Value
	locals  map[string]cty.Value
	outputs map[string]cty.Value
	res     map[string]*resourceInstances
	calls   map[string]*callInstances
}

type resourceInstances struct {
	cfg   *Resource
	exp   expansion
	insts []*model.Instance
	ref   cty.Value // the value other expressions see; built on first use
}

type callInstances struct {
	call  *ModuleCall
	exp   expansion
	insts []*modInst
	cache map[string]cty.Value // by the set of outputs referenced
}

type evaluator struct {
	rootDir   string
	files     *rootFiles
	funcs     map[string]function.Function
	inputs    map[string]rawValue
	instances map[*Module][]*modInst
	diags     hcl.Diagnostics
	// reportedAt holds the source ranges that have a diagnostic already.
	reportedAt map[hcl.Range]bool
	out        []*model.Instance
	rootInst   *modInst   // the root module's instance, for its outputs
	names      *readNames // what expressions read from resource values
	// explain is whether values say where they come from: origins and
	// settings (see Options.ExplainTypes).
	explain bool
	// defaults are the settings of variables left at their default, but
	// for their names (see withSetting).
	defaults  map[*Variable]model.Setting
	parts     *partsCache // see evaluator.bodyParts
	keepParts bool        // whether bodyParts keeps what it works out
	fileNotes *fileNotes  // files the file functions did not read, to report
	// notEvaluated are the module calls whose module could not be loaded.
	notEvaluated []model.ModuleNotEvaluated
}

func (e *evaluator) addDiags(d hcl.Diagnostics) { e.diags = append(e.diags, d...) }

// run evaluates every node in dependency order.
func (e *evaluator) run(root *Module, g *graph) {
	rootInst := &modInst{cfg: root}
	e.rootInst = rootInst
	e.initInst(rootInst)
	e.instances[root] = []*modInst{rootInst}
	ordered, cycles := g.order()
	for _, c := range cycles {
		e.addDiags(hcl.Diagnostics{{Severity: hcl.DiagError, Summary: "dependency cycle",
			Detail: "these refer to each other, so none can be evaluated: " + c.what, Subject: c.at.Ptr()}})
	}
	// Nodes in or behind a cycle come last; what they read from the cycle
	// is an unknown that says so.
	for _, n := range ordered {
		for _, mi := range e.instances[n.mod] {
			e.evalNode(n, mi)
		}
	}
}

func (e *evaluator) initInst(mi *modInst) {
	mi.vars = map[string]cty.Value{}
	mi.locals = map[string]cty.Value{}
	mi.outputs = map[string]cty.Value{}
	mi.res = map[string]*resourceInstances{}
	mi.calls = map[string]*callInstances{}
}

func (e *evaluator) evalNode(n *node, mi *modInst) {
	cfg := mi.cfg
	switch n.kind {
	case nodeVar:
		e.evalVar(mi, cfg.Variables[n.name])
	case nodeLocal:
		l := cfg.Locals[n.name]
		mi.locals[n.name] = e.evalExprVars(mi, l.Expr, l.vars, nil)
	case nodeOutput:
		o := cfg.Outputs[n.name]
		mi.outputs[n.name] = e.evalExprVars(mi, o.Expr, o.vars, nil)
	case nodeResource:
		e.evalResource(mi, cfg.Resources[n.name])
	case nodeCall:
		e.evalCall(mi, cfg.Calls[n.name])
	}
}

func (e *evaluator) evalVar(mi *modInst, v *Variable) {
	if mi.parent == nil {
		var given *rawValue
		if rv, ok := e.inputs[v.Name]; ok {
			given = &rv
		}
		val, d := finalValue(v, given, "", true)
		e.addDiags(d)
		mi.vars[v.Name] = e.withSetting(val, v, "var."+v.Name, given)
		return
	}
	call := mi.parent.cfg.Calls[mi.cfg.CallPath[len(mi.cfg.CallPath)-1]]
	var given *rawValue
	if a := call.Args[v.Name]; a != nil {
		val := e.evalExprVars(mi.parent, a.Expr, call.argVars[v.Name], mi.rep)
		given = &rawValue{val: val, source: "the module call's argument", rng: a.Expr.Range().Ptr()}
	}
	val, d := finalValue(v, given, mi.path, false)
	if given == nil && len(d) > 0 {
		// Point at the module call, where the argument is missing.
		d[0].Subject = call.DefRange.Ptr()
	}
	e.addDiags(d)
	mi.vars[v.Name] = e.withSetting(val, v, joinPath(mi.path, "var."+v.Name), given)
}

func (e *evaluator) evalCall(mi *modInst, call *ModuleCall) {
	ci := &callInstances{call: call, cache: map[string]cty.Value{}}
	mi.calls[call.Name] = ci
	ci.exp = e.expand(mi, call.Count, call.ForEach, call.countVars, call.forEachVars, "the count or for_each of module."+call.Name)
	if call.Child == nil {
		return
	}
	for name, a := range call.Args {
		if call.Child.Variables[name] == nil {
			e.addOnce(hcl.Diagnostics{{Severity: hcl.DiagError, Summary: "unsupported argument",
				Detail:  fmt.Sprintf("module %q has no input variable %q", call.Name, name),
				Subject: a.NameRange.Ptr()}})
		}
	}
	n := len(ci.exp.keys)
	if ci.exp.kind == expandSingle {
		n = 1
	}
	for i := 0; i < n; i++ {
		r := ci.exp.rep(i)
		child := &modInst{cfg: call.Child, parent: mi, rep: r}
		child.path = joinPath(mi.path, "module."+call.Name+keySuffix(r.key))
		e.initInst(child)
		ci.insts = append(ci.insts, child)
		e.instances[call.Child] = append(e.instances[call.Child], child)
	}
}

func joinPath(prefix, step string) string {
	if prefix == "" {
		return step
	}
	return prefix + "." + step
}

func (e *evaluator) expand(mi *modInst, count, forEach hcl.Expression, countVars, forEachVars []hcl.Traversal, what string) expansion {
	switch {
	case forEach != nil:
		val := e.evalExprVars(mi, forEach, forEachVars, nil)
		x, d := expandForEachValue(val, forEach.Range(), what)
		e.addOnce(d)
		return x
	case count != nil:
		val := e.evalExprVars(mi, count, countVars, nil)
		x, d := expandCountValue(val, count.Range(), what)
		e.addOnce(d)
		return x
	}
	return expansion{kind: expandSingle}
}

// addOnce adds diagnostics unless one was reported for the same source
// range already (a module instantiated many times would repeat them).
func (e *evaluator) addOnce(d hcl.Diagnostics) {
	for _, diag := range d {
		if diag.Subject != nil {
			if e.reportedAt == nil {
				e.reportedAt = map[hcl.Range]bool{}
			}
			if e.reportedAt[*diag.Subject] {
				continue
			}
			e.reportedAt[*diag.Subject] = true
		}
		e.diags = append(e.diags, diag)
	}
}

// evalExpr evaluates an expression in a module instance. Errors are reported
// and give an unknown value that says the expression could not be evaluated,
// so one bad expression never stops the scan.
func (e *evaluator) evalExpr(mi *modInst, expr hcl.Expression, r *repetition) cty.Value {
	return e.evalExprVars(mi, expr, expr.Variables(), r)
}

// evalExprVars is evalExpr for an expression whose references (its
// Variables()) were worked out when it was decoded.
func (e *evaluator) evalExprVars(mi *modInst, expr hcl.Expression, vars []hcl.Traversal, r *repetition) cty.Value {
	ctx := e.context(mi, vars, r)
	return e.evalIn(ctx, expr)
}

func (e *evaluator) evalIn(ctx *hcl.EvalContext, expr hcl.Expression) (val cty.Value) {
	defer e.reportFileNotes(expr)
	defer func() {
		if p := recover(); p != nil {
			e.addOnce(hcl.Diagnostics{{Severity: hcl.DiagError, Summary: "expression could not be evaluated",
				Detail: fmt.Sprintf("internal error: %v", p), Subject: expr.Range().Ptr()}})
			val = failedValue(expr)
		}
	}()
	v, d := expr.Value(ctx)
	if d.HasErrors() {
		if fn := providerFunction(d); fn != "" {
			// Provider-defined functions (provider::aws::arn_parse) run in
			// the provider, which a scan of source does not have.
			return cty.DynamicVal.Mark(model.Origin{Reason: fn + " is a provider function, evaluated only by Terraform: scan a plan"})
		}
		e.addOnce(d)
		return failedValue(expr)
	}
	return v
}

// providerFunction returns the name of the provider-defined function whose
// call is the only error in d, or "".
func providerFunction(d hcl.Diagnostics) string {
	name := ""
	for _, diag := range d.Errs() {
		hd, ok := diag.(*hcl.Diagnostic)
		if !ok || hd.Summary != "Call to unknown function" {
			return ""
		}
		call, ok := hd.Expression.(*hclsyntax.FunctionCallExpr)
		if !ok || !strings.HasPrefix(call.Name, "provider::") {
			return ""
		}
		name = call.Name
	}
	return name
}

func failedValue(expr hcl.Expression) cty.Value {
	rng := expr.Range()
	return cty.DynamicVal.Mark(model.Origin{Reason: fmt.Sprintf("the expression at %s:%d could not be evaluated (see errors)", filepath.Base(rng.Filename), rng.Start.Line)})
}

// context builds the variables an expression refers to, and nothing else,
// so the cost of a scope is proportional to what the expression reads.
func (e *evaluator) context(mi *modInst, travs []hcl.Traversal, r *repetition) *hcl.EvalContext {
	// Most expressions read a few names: the maps are made when needed.
	vars := make(map[string]cty.Value, 4)
	var group, dataGroup, resourceGroup map[string]map[string]cty.Value // resourceGroup: resource.TYPE.NAME
	var moduleAttrs map[string]map[string]bool
	var moduleAll map[string]bool
	add := func(groups *map[string]map[string]cty.Value, root, name string, v cty.Value) {
		if *groups == nil {
			*groups = map[string]map[string]cty.Value{}
		}
		if (*groups)[root] == nil {
			(*groups)[root] = map[string]cty.Value{}
		}
		(*groups)[root][name] = v
	}
	put := func(root, name string, v cty.Value) { add(&group, root, name, v) }
	for _, t := range travs {
		root := t.RootName()
		name := traverseAttr(t, 1)
		switch root {
		case "var":
			if v, ok := mi.vars[name]; ok {
				put(root, name, v)
			} else if mi.cfg.Variables[name] != nil {
				put(root, name, pendingValue("var."+name))
			} else {
				put(root, name, undeclaredValue("var."+name))
			}
		case "local":
			if v, ok := mi.locals[name]; ok {
				put(root, name, v)
			} else if mi.cfg.Locals[name] != nil {
				put(root, name, pendingValue("local."+name))
			} else {
				put(root, name, undeclaredValue("local."+name))
			}
		case "module":
			if out := moduleOutputStep(t); out != "" {
				if moduleAttrs == nil {
					moduleAttrs = map[string]map[string]bool{}
				}
				if moduleAttrs[name] == nil {
					moduleAttrs[name] = map[string]bool{}
				}
				moduleAttrs[name][out] = true
			} else {
				if moduleAll == nil {
					moduleAll = map[string]bool{}
				}
				moduleAll[name] = true
			}
		case "data":
			typ, rname := name, traverseAttr(t, 2)
			if rname == "" {
				continue
			}
			if mi.cfg.Resources["data."+typ+"."+rname] == nil {
				add(&dataGroup, typ, rname, undeclaredValue("data."+typ+"."+rname))
				continue
			}
			add(&dataGroup, typ, rname, e.resourceRef(mi, "data."+typ+"."+rname))
		case "resource":
			typ, rname := name, traverseAttr(t, 2)
			if rname == "" {
				continue
			}
			if mi.cfg.Resources[typ+"."+rname] == nil {
				add(&resourceGroup, typ, rname, undeclaredValue("resource."+typ+"."+rname))
				continue
			}
			add(&resourceGroup, typ, rname, e.resourceRef(mi, typ+"."+rname))
		case "ephemeral":
			// Ephemeral resources exist only while Terraform runs.
			vars["ephemeral"] = cty.DynamicVal.Mark(model.Origin{Reason: "ephemeral resources are opened only while Terraform plans or applies"})
		case "path":
			rel, _ := filepath.Rel(e.rootDir, mi.cfg.Dir)
			vars["path"] = cty.ObjectVal(map[string]cty.Value{
				"module": cty.StringVal(filepath.ToSlash(rel)), "root": cty.StringVal("."), "cwd": cty.StringVal(e.rootDir),
			})
		case "terraform":
			// A scan is a plan in the default workspace.
			vars["terraform"] = cty.ObjectVal(map[string]cty.Value{"workspace": cty.StringVal("default"), "applying": cty.False})
		case "each", "count", "self":
		default:
			if mi.cfg.Resources[root+"."+name] != nil {
				put(root, name, e.resourceRef(mi, root+"."+name))
			}
		}
	}
	for root, m := range group {
		vars[root] = cty.ObjectVal(m)
	}
	if len(resourceGroup) > 0 {
		rs := map[string]cty.Value{}
		for typ, m := range resourceGroup {
			rs[typ] = cty.ObjectVal(m)
		}
		vars["resource"] = cty.ObjectVal(rs)
	}
	if len(dataGroup) > 0 {
		d := map[string]cty.Value{}
		for typ, m := range dataGroup {
			d[typ] = cty.ObjectVal(m)
		}
		vars["data"] = cty.ObjectVal(d)
	}
	if len(moduleAttrs) > 0 || len(moduleAll) > 0 {
		mods := map[string]cty.Value{}
		for name := range moduleAll {
			mods[name] = e.callRef(mi, name, nil)
		}
		for name, attrs := range moduleAttrs {
			if moduleAll[name] {
				continue
			}
			mods[name] = e.callRef(mi, name, attrs)
		}
		vars["module"] = cty.ObjectVal(mods)
	}
	for k, v := range r.variables() {
		vars[k] = v
	}
	return &hcl.EvalContext{Variables: vars, Functions: e.funcs}
}

func traverseAttr(t hcl.Traversal, i int) string {
	if i < len(t) {
		if a, ok := t[i].(hcl.TraverseAttr); ok {
			return a.Name
		}
	}
	return ""
}

// undeclaredValue stands for a reference to something the module does not
// declare; checkReferences reports it once, with Terraform's wording.
func undeclaredValue(what string) cty.Value {
	return cty.DynamicVal.Mark(model.Origin{Reason: what + undeclaredSuffix})
}

const undeclaredSuffix = " is not declared (see errors)"

// readsUndeclared reports whether a value's marks say it was computed from
// a reference to something not declared: Terraform rejects the expression.
func readsUndeclared(marks cty.ValueMarks) bool {
	for m := range marks {
		if o, ok := m.(model.Origin); ok && strings.HasSuffix(o.Reason, undeclaredSuffix) {
			return true
		}
	}
	return false
}

// pendingValue stands for a value that could not be evaluated because it is
// part of a dependency cycle (reported separately).
func pendingValue(what string) cty.Value {
	return cty.DynamicVal.Mark(model.Origin{Reason: what + " is part of a dependency cycle"})
}

// callRef is the value of module.NAME: an object of the outputs that are
// referenced (all when attrs is nil), a tuple under count, an object keyed
// by for_each key, or an unknown that says why the module is not known.
func (e *evaluator) callRef(mi *modInst, name string, attrs map[string]bool) cty.Value {
	ci := mi.calls[name]
	if ci == nil {
		if mi.cfg.Calls[name] != nil {
			return pendingValue("module." + name)
		}
		return cty.DynamicVal // undeclared: hcl reports the bad reference
	}
	modPath := joinPath(mi.path, "module."+name)
	if ci.call.Child == nil {
		return cty.DynamicVal.Mark(model.Origin{Addr: modPath, Reason: modPath + " is not loaded: " + ci.call.NotLoaded})
	}
	key := ""
	if attrs != nil {
		names := make([]string, 0, len(attrs))
		for a := range attrs {
			names = append(names, a)
		}
		sort.Strings(names)
		key = strings.Join(names, ",")
	}
	if v, ok := ci.cache[key]; ok {
		return v
	}
	objs := make([]cty.Value, len(ci.insts))
	for i, child := range ci.insts {
		m := map[string]cty.Value{}
		for oname := range child.cfg.Outputs {
			if attrs != nil && !attrs[oname] {
				continue
			}
			if v, ok := child.outputs[oname]; ok {
				m[oname] = v
			} else {
				m[oname] = pendingValue(child.path + ".output." + oname)
			}
		}
		objs[i] = cty.ObjectVal(m)
	}
	v := combine(ci.exp, objs)
	ci.cache[key] = v
	return v
}

// combine builds the value of a repeated object the way Terraform exposes
// it: one object, a tuple by count index, or an object by for_each key.
func combine(x expansion, objs []cty.Value) cty.Value {
	if x.kind != expandSingle && len(objs) != len(x.keys) {
		return cty.DynamicVal.WithMarks(x.marks) // not fully evaluated
	}
	switch x.kind {
	case expandSingle:
		if len(objs) == 0 {
			return cty.DynamicVal
		}
		return objs[0]
	case expandCount:
		return cty.TupleVal(objs)
	case expandForEach:
		m := make(map[string]cty.Value, len(objs))
		for i, k := range x.keys {
			m[k.AsString()] = objs[i]
		}
		return cty.ObjectVal(m)
	}
	return cty.DynamicVal.WithMarks(x.marks)
}
