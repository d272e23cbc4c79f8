package planload

import (
	"bytes"
	"encoding/json"

	tfjson "github.com/hashicorp/terraform-json"
	"github.com/tfcomply/tfcomply/internal/awsschema"
	"github.com/tfcomply/tfcomply/internal/model"
	"github.com/tfcomply/tfcomply/internal/parallel"
	"github.com/zclconf/go-cty/cty"
)

// Input is a decoded plan or state.
type Input struct {
	Kind      Kind
	Plan      *planDoc
	State     *tfjson.State
	Variables map[string]cty.Value // the plan's root variable values
}

// planDoc is the part of a plan tfcomply reads, in terraform-json's types.
// planned_values and prior_state repeat what resource_changes say; leaving
// them out of the struct lets the decoder skip them without allocating.
type planDoc struct {
	FormatVersion   string                          `json:"format_version"`
	Variables       map[string]*tfjson.PlanVariable `json:"variables"`
	ResourceChanges []*tfjson.ResourceChange        `json:"resource_changes"`
	Config          *tfjson.Config                  `json:"configuration"`
}

// Read decodes plan or state JSON, with a clear error for anything else.
func Read(data []byte) (*Input, error) {
	kind, formatVersion, err := detect(data)
	if err != nil {
		return nil, err
	}
	in := &Input{Kind: kind}
	switch kind {
	case KindPlan:
		if err := checkFormat("plan", formatVersion); err != nil {
			return nil, err
		}
		in.Plan = &planDoc{}
		if err := decodeOnce(data, in.Plan); err != nil {
			return nil, readError("plan", data, err)
		}
		in.Variables = map[string]cty.Value{}
		for name, v := range in.Plan.Variables {
			if v != nil {
				in.Variables[name] = objectValue(v.Value, nil, noMarks, nil)
			}
		}
	case KindState:
		if err := checkFormat("state", formatVersion); err != nil {
			return nil, err
		}
		// terraform-json's own decoder, called directly: json.Unmarshal
		// would first make one more validating pass over the document.
		in.State = &tfjson.State{}
		if err := in.State.UnmarshalJSON(data); err != nil {
			return nil, readError("state", data, err)
		}
	}
	return in, nil
}

// decodeOnce decodes with a single pass (json.Unmarshal validates the
// whole document first, then decodes it again).
func decodeOnce(data []byte, v interface{}) error {
	return json.NewDecoder(bytes.NewReader(data)).Decode(v)
}

func readError(what string, data []byte, err error) error {
	return positioned(data, err, "cannot read the "+what+": ")
}

func noMarks([]interface{}, bool) cty.ValueMarks { return nil }

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
func planModel(p *planDoc) *model.Root {
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
	// Configurations are found in order (the index fills as it goes); the
	// values, independent of each other, are converted on every core.
	configs := configIndex{}
	scopes := make([]*scope, len(changes))
	cfgs := make([]*tfjson.ConfigResource, len(changes))
	for i, rc := range changes {
		scopes[i], cfgs[i] = configs.find(p.Config, rc)
	}
	instances := make([]*model.Instance, len(changes))
	parallel.For(len(changes), func(i int) {
		instances[i] = planInstance(changes[i], scopes[i], cfgs[i], r)
	})
	return model.NewRoot(".", instances)
}

// planInstance converts one resource change, marking each value with the
// origins its configuration expression resolves to.
func planInstance(rc *tfjson.ResourceChange, sc *scope, cfg *tfjson.ConfigResource, r *resolver) *model.Instance {
	var exprs map[string]*tfjson.Expression
	if cfg != nil {
		exprs = cfg.Expressions
		local := *sc
		local.key = rc.Index
		local.forEach = refsOf(cfg.ForEachExpression)
		sc = &local
	}
	mark := func(path []interface{}, unknown bool) cty.ValueMarks {
		var marks cty.ValueMarks
		add := func(o model.Origin) {
			if marks == nil {
				marks = cty.ValueMarks{}
			}
			marks[o] = struct{}{}
		}
		if unknown && len(path) > 0 {
			// Like a computed attribute in source: it remembers the
			// instance it belongs to.
			add(model.Origin{Addr: rc.Address, Attr: path[0].(string)})
		}
		expr, described := lookupExpr(exprs, path)
		if expr == nil {
			// A block the configuration does not describe is a dynamic
			// block (or inside one).
			dynamic := !described && len(path) > 1 ||
				unknown && len(path) == 1 && awsschema.BlockNames(rc.Type)[path[0].(string)]
			if cfg != nil && dynamic {
				add(model.Origin{Addr: rc.Address, Attr: path[0].(string),
					Reason: rc.Address + "." + path[0].(string) + " comes from a dynamic block, which plan JSON does not describe: scan with --config-dir to follow it"})
			}
			return marks
		}
		for _, o := range r.resolve(expr.References, sc, 0) {
			add(o)
		}
		return marks
	}
	// Inside a block the configuration describes, an argument it does not
	// set is left to the provider's default (an unset logging_level is
	// OFF), not a value to wait for.
	unset := func(path []interface{}) bool {
		if cfg == nil || len(path) < 2 {
			return false
		}
		expr, described := lookupExpr(exprs, path)
		return expr == nil && described
	}
	inst := &model.Instance{
		Address: rc.Address, Module: rc.ModuleAddress, Mode: string(rc.Mode), Type: rc.Type, Name: rc.Name,
		Key: keyValue(rc.Index), Value: objectValue(rc.Change.After, rc.Change.AfterUnknown, mark, unset),
	}
	if cfg != nil {
		for _, d := range cfg.DependsOn {
			inst.DependsOn = append(inst.DependsOn, join(rc.ModuleAddress, d))
		}
	}
	return inst
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

// configIndex finds resource configurations by address, indexing each
// configuration module once.
type configIndex map[*tfjson.ConfigModule]map[string]*tfjson.ConfigResource

// find returns a resource's configuration and the scope of its module
// instance, walking module calls along the module address.
func (ix configIndex) find(cfg *tfjson.Config, rc *tfjson.ResourceChange) (*scope, *tfjson.ConfigResource) {
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
	byAddr := ix[sc.module]
	if byAddr == nil {
		byAddr = make(map[string]*tfjson.ConfigResource, len(sc.module.Resources))
		for _, res := range sc.module.Resources {
			byAddr[res.Address] = res
		}
		ix[sc.module] = byAddr
	}
	return sc, byAddr[resourceKey(rc.Mode, rc.Type, rc.Name)]
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
