package planload

import (
	"sort"

	"github.com/zclconf/go-cty/cty"
)

// marker returns the marks for the value at path (attribute names and
// indexes from the resource's top level); unknown says whether the value
// there is unknown.
type marker func(path []interface{}, unknown bool) cty.ValueMarks

// unsetter reports whether the configuration leaves the argument at path
// unset, so that an unknown there is only the provider's default.
type unsetter func(path []interface{}) bool

// objectValue converts a resource's JSON attributes (as encoding/json
// decodes them) into a cty object. unknown mirrors value the way
// after_unknown does: true where the value is not known until apply.
// Unknown parts, and parts whose configuration has references, carry the
// marks the marker gives.
func objectValue(value, unknown interface{}, mark marker, unset unsetter) cty.Value {
	return convert(value, unknown, nil, mark, unset)
}

func convert(v, unknown interface{}, path []interface{}, mark marker, unset unsetter) cty.Value {
	if u, ok := unknown.(bool); ok && u {
		if unset != nil && unset(path) {
			return cty.NullVal(cty.DynamicPseudoType)
		}
		return cty.DynamicVal.WithMarks(mark(path, true))
	}
	var out cty.Value
	switch tv := v.(type) {
	case nil:
		out = cty.NullVal(cty.DynamicPseudoType)
	case bool:
		out = cty.BoolVal(tv)
	case float64:
		out = cty.NumberFloatVal(tv)
	case string:
		out = cty.StringVal(tv)
	case []interface{}:
		us, _ := unknown.([]interface{})
		elems := make([]cty.Value, len(tv))
		for i, e := range tv {
			var u interface{}
			if i < len(us) {
				u = us[i]
			}
			elems[i] = convert(e, u, append(path, i), mark, unset)
		}
		out = cty.TupleVal(elems)
	case map[string]interface{}:
		us, _ := unknown.(map[string]interface{})
		attrs := make(map[string]cty.Value, len(tv))
		for k, e := range tv {
			attrs[k] = convert(e, us[k], append(path, k), mark, unset)
		}
		// Unknown attributes are left out of `after`; add them.
		keys := make([]string, 0, len(us))
		for k := range us {
			keys = append(keys, k)
		}
		sort.Strings(keys)
		for _, k := range keys {
			if _, present := attrs[k]; !present {
				attrs[k] = convert(nil, us[k], append(path, k), mark, unset)
			}
		}
		out = cty.ObjectVal(attrs)
	default:
		out = cty.DynamicVal
	}
	if len(path) > 0 {
		if m := mark(path, false); len(m) > 0 {
			out = out.WithMarks(m)
		}
	}
	return out
}
