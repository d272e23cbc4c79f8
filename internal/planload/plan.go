package planload

import (
	"encoding/json"

	tfjson "github.com/hashicorp/terraform-json"
	"github.com/tfcomply/tfcomply/internal/model"
	"github.com/zclconf/go-cty/cty"
)

// Input is a decoded plan or state.
type Input struct {
	Kind      Kind
	Plan      *tfjson.Plan
	State     *tfjson.State
	Variables map[string]cty.Value // the plan's root variable values
}

// Read decodes plan or state JSON, with a clear error for anything else.
func Read(data []byte) (*Input, error) {
	kind, err := Detect(data)
	if err != nil {
		return nil, err
	}
	var head struct {
		FormatVersion string `json:"format_version"`
	}
	_ = json.Unmarshal(data, &head)
	in := &Input{Kind: kind}
	switch kind {
	case KindPlan:
		if err := checkFormat("plan", head.FormatVersion); err != nil {
			return nil, err
		}
		in.Plan = &tfjson.Plan{}
		if err := json.Unmarshal(data, in.Plan); err != nil {
			return nil, readError("plan", data, err)
		}
		in.Variables = map[string]cty.Value{}
		for name, v := range in.Plan.Variables {
			if v != nil {
				in.Variables[name] = objectValue(v.Value, nil, noMarks, nil)
			}
		}
	case KindState:
		if err := checkFormat("state", head.FormatVersion); err != nil {
			return nil, err
		}
		in.State = &tfjson.State{}
		if err := json.Unmarshal(data, in.State); err != nil {
			return nil, readError("state", data, err)
		}
	}
	return in, nil
}

func readError(what string, data []byte, err error) error {
	return positioned(data, err, "cannot read the "+what+": ")
}

func noMarks([]interface{}) cty.ValueMarks { return nil }

// Model builds the resource instances the input describes: for a plan, what
// will exist after apply; for a state, what exists.
func (in *Input) Model() *model.Root {
	if in.Kind == KindPlan {
		return planModel(in.Plan)
	}
	return stateModel(in.State)
}

// planModel takes the resource changes that leave an object behind: not
// deletions, not deposed objects; a replacement counts once, as its new value.
func planModel(p *tfjson.Plan) *model.Root {
	var changes []*tfjson.ResourceChange
	r := &resolver{byResource: map[string][]string{}}
	for _, rc := range p.ResourceChanges {
		if rc == nil || rc.Change == nil || rc.DeposedKey != "" || rc.Change.After == nil || rc.Change.Actions.Delete() || rc.Change.Actions.Forget() {
			continue
		}
		changes = append(changes, rc)
		base := join(rc.ModuleAddress, resourceKey(rc.Mode, rc.Type, rc.Name))
		r.byResource[base] = append(r.byResource[base], rc.Address)
	}
	var instances []*model.Instance
	for _, rc := range changes {
		sc, cfg := configFor(p.Config, rc)
		var exprs map[string]*tfjson.Expression
		if cfg != nil {
			exprs = cfg.Expressions
			sc.key = rc.Index
			sc.forEach = refsOf(cfg.ForEachExpression)
		}
		mark := func(path []interface{}) cty.ValueMarks {
			expr, described := lookupExpr(exprs, path)
			if expr == nil {
				if cfg != nil && !described && len(path) > 1 {
					return cty.NewValueMarks(model.Origin{Addr: rc.Address, Attr: path[0].(string),
						Reason: rc.Address + "." + path[0].(string) + " comes from a dynamic block, which plan JSON does not describe: scan with --config-dir to follow it"})
				}
				return nil
			}
			if len(expr.References) == 0 {
				return nil
			}
			marks := cty.ValueMarks{}
			for _, o := range r.resolve(expr.References, sc, 0) {
				marks[o] = struct{}{}
			}
			return marks
		}
		// Inside a block the configuration describes, an argument it does
		// not set is left to the provider's default (an unset
		// logging_level is OFF), not a value to wait for.
		unset := func(path []interface{}) bool {
			if cfg == nil || len(path) < 2 {
				return false
			}
			expr, described := lookupExpr(exprs, path)
			return expr == nil && described
		}
		self := func(path []interface{}) cty.ValueMarks {
			marks := mark(path)
			if len(path) > 0 {
				if marks == nil {
					marks = cty.ValueMarks{}
				}
				marks[model.Origin{Addr: rc.Address, Attr: path[0].(string)}] = struct{}{}
			}
			return marks
		}
		value := objectValue(rc.Change.After, rc.Change.AfterUnknown, mark, unset)
		value = markUnknowns(value, self)
		inst := &model.Instance{
			Address: rc.Address, Module: rc.ModuleAddress, Mode: string(rc.Mode), Type: rc.Type, Name: rc.Name,
			Key: keyValue(rc.Index), Value: value,
		}
		if cfg != nil {
			for _, d := range cfg.DependsOn {
				inst.DependsOn = append(inst.DependsOn, join(rc.ModuleAddress, d))
			}
		}
		instances = append(instances, inst)
	}
	return model.NewRoot(".", instances)
}

// markUnknowns adds the instance's own origin to every unknown top-level
// attribute (and inside it), as the source evaluator marks computed attributes.
func markUnknowns(v cty.Value, self func([]interface{}) cty.ValueMarks) cty.Value {
	plain, marks := v.Unmark()
	if !plain.IsKnown() || plain.IsNull() || !plain.Type().IsObjectType() {
		return v
	}
	attrs := map[string]cty.Value{}
	for name := range plain.Type().AttributeTypes() {
		a := plain.GetAttr(name)
		if !a.IsWhollyKnown() {
			a = a.WithMarks(self([]interface{}{name}))
		}
		attrs[name] = a
	}
	return cty.ObjectVal(attrs).WithMarks(marks)
}

// lookupExpr finds the configuration expression of the argument at path
// (nested blocks included). described is true when the block holding the
// argument is in the configuration: an argument missing from a described
// block is unset; one in a dynamic block (which plan JSON leaves out) is
// simply not described.
func lookupExpr(exprs map[string]*tfjson.Expression, path []interface{}) (expr *tfjson.Expression, described bool) {
	described = exprs != nil
	for i := 0; i < len(path) && exprs != nil; i++ {
		name, ok := path[i].(string)
		if !ok {
			return nil, false
		}
		e := exprs[name]
		if e == nil {
			return nil, described && i == len(path)-1
		}
		if len(e.NestedBlocks) == 0 {
			if i == len(path)-1 {
				return e, true
			}
			return nil, false
		}
		// path continues with a block index, then an argument name.
		if i+1 >= len(path) {
			return nil, false
		}
		idx, ok := path[i+1].(int)
		if !ok {
			return nil, false
		}
		if idx >= len(e.NestedBlocks) {
			return nil, false
		}
		exprs = e.NestedBlocks[idx]
		i++
	}
	return nil, false
}

// configFor finds a resource's configuration and the scope of its module
// instance, walking module calls along the module address.
func configFor(cfg *tfjson.Config, rc *tfjson.ResourceChange) (*scope, *tfjson.ConfigResource) {
	if cfg == nil || cfg.RootModule == nil {
		return &scope{}, nil
	}
	sc := &scope{module: cfg.RootModule}
	for _, step := range moduleSteps(rc.ModuleAddress) {
		call := sc.module.ModuleCalls[step.name]
		if call == nil || call.Module == nil {
			return &scope{}, nil
		}
		sc = &scope{path: join(sc.path, "module."+step.name+keyText(step.key)), module: call.Module, parent: sc, call: call, callKey: step.key}
	}
	local := resourceKey(rc.Mode, rc.Type, rc.Name)
	for _, res := range sc.module.Resources {
		if res.Address == local {
			return sc, res
		}
	}
	return sc, nil
}

// moduleSteps splits module.a["x"].module.b into its calls and keys.
func moduleSteps(addr string) []refStep {
	var out []refStep
	steps := parseRef(addr)
	for i := 0; i+1 < len(steps); i += 2 {
		if steps[i].name == "module" {
			out = append(out, refStep{name: steps[i+1].name, key: steps[i+1].key})
		}
	}
	return out
}

func resourceKey(mode tfjson.ResourceMode, typ, name string) string {
	if mode == tfjson.DataResourceMode {
		return "data." + typ + "." + name
	}
	return typ + "." + name
}

func keyValue(k interface{}) cty.Value {
	switch v := k.(type) {
	case string:
		return cty.StringVal(v)
	case float64:
		return cty.NumberFloatVal(v)
	case int:
		return cty.NumberIntVal(int64(v))
	}
	return cty.NilVal
}
