package planload

import (
	"fmt"
	"strconv"
	"strings"

	tfjson "github.com/hashicorp/terraform-json"
	"github.com/tfcomply/tfcomply/internal/model"
)

// The plan's configuration section says, for each argument, which objects
// its expression refers to ("aws_api_gateway_rest_api.r.id",
// "var.stage_name", "each.value.stage_name"). A resolver follows those
// through module inputs and outputs and for_each to the resource instances
// the value comes from, so an unknown value in a plan can be traced like
// one in source. Local values are not in plan JSON: a reference to one is
// reported as such (scanning with the configuration beside the plan follows
// it).

// scope is where a reference is resolved: a module instance and, inside a
// repeated resource or module, the current instance key.
type scope struct {
	path    string // module instance path, "" for the root
	module  *tfjson.ConfigModule
	parent  *scope
	call    *tfjson.ModuleCall // the call that made this module instance
	callKey interface{}        // that call's instance key (each.key / count.index), nil if single
	key     interface{}        // the key of the resource instance being resolved
	forEach []string           // for_each references of that resource (for each.value)
}

type resolver struct {
	// byResource lists instance addresses by resource address
	// (module path + TYPE.NAME, no key).
	byResource map[string][]string
}

const maxDepth = 24

// resolve returns the origins of a value whose expression has refs.
func (r *resolver) resolve(refs []string, sc *scope, depth int) []model.Origin {
	if depth > maxDepth || sc == nil {
		return nil
	}
	var out []model.Origin
	for _, ref := range specific(refs) {
		out = append(out, r.resolveOne(parseRef(ref), sc, depth)...)
	}
	return out
}

func (r *resolver) resolveOne(steps []refStep, sc *scope, depth int) []model.Origin {
	if len(steps) == 0 {
		return nil
	}
	name := func(i int) string {
		if i < len(steps) {
			return steps[i].name
		}
		return ""
	}
	key := func(i int) interface{} {
		if i < len(steps) {
			return steps[i].key
		}
		return nil
	}
	switch steps[0].name {
	case "var":
		if sc.parent == nil || sc.call == nil {
			return nil // root variables have values in a plan
		}
		expr := sc.call.Expressions[name(1)]
		if expr == nil {
			return nil
		}
		parent := *sc.parent
		parent.key = sc.callKey
		parent.forEach = refsOf(sc.call.ForEachExpression)
		return r.resolve(expr.References, &parent, depth+1)
	case "local":
		where := "local." + name(1)
		if sc.path != "" {
			where = sc.path + "." + where
		}
		return []model.Origin{{Reason: where + " is a local value, which plan JSON does not describe: scan with --config-dir to follow it"}}
	case "module":
		call := sc.module.ModuleCalls[name(1)]
		if call == nil || call.Module == nil {
			return nil
		}
		callKey := key(1)
		if callKey == nil {
			callKey = sameKey(call, sc.key)
		}
		out := call.Module.Outputs[name(2)]
		if out == nil || out.Expression == nil {
			return nil
		}
		child := &scope{path: join(sc.path, "module."+name(1)+keyText(callKey)), module: call.Module, parent: sc, call: call, callKey: callKey}
		return r.resolve(out.Expression.References, child, depth+1)
	case "each":
		if name(1) != "value" {
			return nil
		}
		var out []model.Origin
		for _, fe := range specific(sc.forEach) {
			fsteps := parseRef(fe)
			if len(fsteps) == 2 && !isReserved(fsteps[0].name) {
				addr := join(sc.path, fsteps[0].name+"."+fsteps[1].name) + keyText(sc.key)
				out = append(out, model.Origin{Addr: addr, Attr: attrOr(name(2))})
				continue
			}
			out = append(out, r.resolveOne(fsteps, &scope{path: sc.path, module: sc.module, parent: sc.parent, call: sc.call, callKey: sc.callKey}, depth+1)...)
		}
		return out
	case "count", "path", "terraform", "self":
		return nil
	case "data":
		base := join(sc.path, "data."+name(1)+"."+name(2))
		return r.instances(base, key(2), sc.key, name(3))
	}
	base := join(sc.path, steps[0].name+"."+name(1))
	return r.instances(base, key(1), sc.key, name(2))
}

// instances resolves TYPE.NAME[key].attr to origins: the given key, else
// the instance with the current instance's key (aws_x.y[count.index]), else
// every instance.
func (r *resolver) instances(base string, key, current interface{}, attr string) []model.Origin {
	attr = attrOr(attr)
	if key != nil {
		return []model.Origin{{Addr: base + keyText(key), Attr: attr}}
	}
	addrs := r.byResource[base]
	if len(addrs) == 1 && addrs[0] == base {
		return []model.Origin{{Addr: base, Attr: attr}}
	}
	if current != nil {
		want := base + keyText(current)
		for _, a := range addrs {
			if a == want {
				return []model.Origin{{Addr: a, Attr: attr}}
			}
		}
	}
	var out []model.Origin
	for _, a := range addrs {
		out = append(out, model.Origin{Addr: a, Attr: attr})
	}
	if len(out) == 0 {
		out = append(out, model.Origin{Addr: base, Attr: attr})
	}
	return out
}

func attrOr(a string) string {
	if a == "" {
		return "*"
	}
	return a
}

// sameKey picks the instance of a repeated module call with the current key.
func sameKey(call *tfjson.ModuleCall, current interface{}) interface{} {
	if call.CountExpression == nil && call.ForEachExpression == nil {
		return nil
	}
	return current
}

func isReserved(name string) bool {
	switch name {
	case "var", "local", "module", "each", "count", "path", "terraform", "self", "data":
		return true
	}
	return false
}

func refsOf(e *tfjson.Expression) []string {
	if e == nil {
		return nil
	}
	return e.References
}

// specific drops references that a longer one in the list refines:
// Terraform lists both "aws_x.y.id" and "aws_x.y".
func specific(refs []string) []string {
	var out []string
	for _, r := range refs {
		refined := false
		for _, o := range refs {
			if o != r && (strings.HasPrefix(o, r+".") || strings.HasPrefix(o, r+"[")) {
				refined = true
				break
			}
		}
		if !refined {
			out = append(out, r)
		}
	}
	return out
}

// refStep is one step of a reference: a name with an optional index key.
type refStep struct {
	name string
	key  interface{} // string or int; nil without an index
}

// parseRef splits "module.a[\"x\"].out" into steps. An index attaches to the
// step before it.
func parseRef(ref string) []refStep {
	var steps []refStep
	for i := 0; i < len(ref); {
		switch ref[i] {
		case '.':
			i++
		case '[':
			end := strings.IndexByte(ref[i:], ']')
			if end < 0 {
				return steps
			}
			inner := ref[i+1 : i+end]
			var key interface{} = inner
			if s, err := strconv.Unquote(inner); err == nil {
				key = s
			} else if n, err := strconv.Atoi(inner); err == nil {
				key = n
			}
			if len(steps) > 0 {
				steps[len(steps)-1].key = key
			}
			i += end + 1
		default:
			j := i
			for j < len(ref) && ref[j] != '.' && ref[j] != '[' {
				j++
			}
			steps = append(steps, refStep{name: ref[i:j]})
			i = j
		}
	}
	return steps
}

// keyText writes an instance key as in addresses: [0] or ["dev"].
func keyText(k interface{}) string {
	switch v := k.(type) {
	case nil:
		return ""
	case string:
		return "[" + strconv.Quote(v) + "]"
	case int:
		return "[" + strconv.Itoa(v) + "]"
	case float64:
		return "[" + strconv.FormatFloat(v, 'f', -1, 64) + "]"
	}
	return fmt.Sprintf("[%v]", k)
}

func join(prefix, step string) string {
	if prefix == "" {
		return step
	}
	return prefix + "." + step
}
