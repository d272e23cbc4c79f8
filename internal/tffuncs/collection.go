package tffuncs

import (
	"errors"
	"fmt"
	"sort"

	"github.com/zclconf/go-cty/cty"
	"github.com/zclconf/go-cty/cty/convert"
	"github.com/zclconf/go-cty/cty/function"
	"github.com/zclconf/go-cty/cty/function/stdlib"
)

// LengthFunc is Terraform's length: of a collection, or of a string in characters.
//
// Its result carries the marks of its argument, not those of the values
// inside it, as Terraform's does (go-cty's Value.Length): the length of
// 10,000 resource objects does not come from any one of their attributes,
// and collecting their marks cost more than the rest of such a root's
// expansion. The result is refined as not null before it is marked, which
// gives the value go-cty's RefineResult would.
var LengthFunc = function.New(&function.Spec{
	Params: []function.Parameter{{Name: "value", Type: cty.DynamicPseudoType, AllowDynamicType: true, AllowUnknown: true, AllowMarked: true}},
	Type:   function.StaticReturnType(cty.Number),
	Impl: func(args []cty.Value, _ cty.Type) (cty.Value, error) {
		v, marks := args[0].Unmark()
		n, err := length(v)
		if err != nil {
			return n, err
		}
		n = n.RefineNotNull()
		if len(marks) == 0 {
			return n, nil
		}
		return n.WithMarks(marks), nil
	},
})

func length(v cty.Value) (cty.Value, error) {
	ty := v.Type()
	switch {
	case ty == cty.DynamicPseudoType:
		return cty.UnknownVal(cty.Number), nil
	case ty == cty.String:
		if !v.IsKnown() {
			return cty.UnknownVal(cty.Number), nil
		}
		return stdlib.Strlen(v)
	case ty.IsListType() || ty.IsSetType() || ty.IsMapType() || ty.IsTupleType() || ty.IsObjectType():
		if ty.IsTupleType() {
			return cty.NumberIntVal(int64(ty.Length())), nil
		}
		if ty.IsObjectType() {
			return cty.NumberIntVal(int64(len(ty.AttributeTypes()))), nil
		}
		return v.Length(), nil
	}
	return cty.UnknownVal(cty.Number), errors.New("argument must be a string, a collection type, or a structural type")
}

func boolListFunc(name string, want bool) function.Function {
	return function.New(&function.Spec{
		Params: []function.Parameter{{Name: "list", Type: cty.List(cty.Bool)}},
		Type:   function.StaticReturnType(cty.Bool),
		Impl: func(args []cty.Value, _ cty.Type) (cty.Value, error) {
			result := cty.BoolVal(!want)
			for it := args[0].ElementIterator(); it.Next(); {
				_, v := it.Element()
				if !v.IsKnown() {
					result = cty.UnknownVal(cty.Bool)
					continue
				}
				if v.IsNull() {
					continue
				}
				if v.True() == want {
					return cty.BoolVal(want), nil
				}
			}
			return result, nil
		},
	})
}

// AllTrueFunc is Terraform's alltrue.
var AllTrueFunc = boolListFunc("alltrue", false)

// AnyTrueFunc is Terraform's anytrue.
var AnyTrueFunc = boolListFunc("anytrue", true)

// SumFunc is Terraform's sum of a list or set of numbers.
var SumFunc = function.New(&function.Spec{
	Params: []function.Parameter{{Name: "list", Type: cty.DynamicPseudoType}},
	Type:   function.StaticReturnType(cty.Number),
	Impl: func(args []cty.Value, _ cty.Type) (cty.Value, error) {
		list, err := convert.Convert(args[0], cty.List(cty.Number))
		if err != nil {
			return cty.NilVal, fmt.Errorf("sum needs a list or set of numbers: %s", err)
		}
		if list.LengthInt() == 0 {
			return cty.NilVal, errors.New("cannot sum an empty list")
		}
		total := cty.Zero
		for it := list.ElementIterator(); it.Next(); {
			_, v := it.Element()
			if v.IsNull() {
				return cty.NilVal, errors.New("sum cannot add null")
			}
			if !v.IsKnown() {
				return cty.UnknownVal(cty.Number), nil
			}
			total = total.Add(v)
		}
		return total, nil
	},
})

// OneFunc is Terraform's one: the single element of a list or set, or null.
var OneFunc = function.New(&function.Spec{
	Params: []function.Parameter{{Name: "list", Type: cty.DynamicPseudoType}},
	Type: func(args []cty.Value) (cty.Type, error) {
		ty := args[0].Type()
		switch {
		case ty.IsListType() || ty.IsSetType():
			return ty.ElementType(), nil
		case ty.IsTupleType():
			switch ty.Length() {
			case 0:
				return cty.DynamicPseudoType, nil
			case 1:
				return ty.TupleElementType(0), nil
			}
			return cty.NilType, errors.New("must be a list, set or tuple of zero or one element")
		}
		return cty.NilType, errors.New("must be a list, set or tuple")
	},
	Impl: func(args []cty.Value, retType cty.Type) (cty.Value, error) {
		v := args[0]
		switch n := v.LengthInt(); n {
		case 0:
			return cty.NullVal(retType), nil
		case 1:
			it := v.ElementIterator()
			it.Next()
			_, e := it.Element()
			return e, nil
		default:
			return cty.NilVal, fmt.Errorf("must have zero or one element; has %d", n)
		}
	},
})

// IndexFunc is Terraform's index: the position of a value in a list.
var IndexFunc = function.New(&function.Spec{
	Params: []function.Parameter{{Name: "list", Type: cty.DynamicPseudoType}, {Name: "value", Type: cty.DynamicPseudoType}},
	Type:   function.StaticReturnType(cty.Number),
	Impl: func(args []cty.Value, _ cty.Type) (cty.Value, error) {
		ty := args[0].Type()
		if !(ty.IsListType() || ty.IsTupleType()) {
			return cty.NilVal, errors.New("argument must be a list or tuple")
		}
		if !args[0].IsWhollyKnown() {
			return cty.UnknownVal(cty.Number), nil
		}
		for it := args[0].ElementIterator(); it.Next(); {
			i, v := it.Element()
			eq, err := stdlib.Equal(v, args[1])
			if err != nil {
				return cty.NilVal, err
			}
			if !eq.IsKnown() {
				return cty.UnknownVal(cty.Number), nil
			}
			if eq.True() {
				return i, nil
			}
		}
		return cty.NilVal, errors.New("item not found")
	},
})

// MatchKeysFunc is Terraform's matchkeys.
var MatchKeysFunc = function.New(&function.Spec{
	Params: []function.Parameter{
		{Name: "values", Type: cty.List(cty.DynamicPseudoType)},
		{Name: "keys", Type: cty.List(cty.DynamicPseudoType)},
		{Name: "searchset", Type: cty.List(cty.DynamicPseudoType)},
	},
	Type: func(args []cty.Value) (cty.Type, error) { return args[0].Type(), nil },
	Impl: func(args []cty.Value, retType cty.Type) (cty.Value, error) {
		if args[0].LengthInt() != args[1].LengthInt() {
			return cty.NilVal, errors.New("length of keys and values should be equal")
		}
		if !args[1].IsWhollyKnown() || !args[2].IsWhollyKnown() {
			return cty.UnknownVal(retType), nil
		}
		vals := args[0].AsValueSlice()
		var out []cty.Value
		i := 0
		for it := args[1].ElementIterator(); it.Next(); i++ {
			_, k := it.Element()
			for st := args[2].ElementIterator(); st.Next(); {
				_, s := st.Element()
				if eq, err := stdlib.Equal(k, s); err == nil && eq.True() {
					out = append(out, vals[i])
					break
				}
			}
		}
		if len(out) == 0 {
			return cty.ListValEmpty(retType.ElementType()), nil
		}
		return cty.ListVal(out), nil
	},
})

// TransposeFunc is Terraform's transpose of a map of lists of strings.
var TransposeFunc = function.New(&function.Spec{
	Params: []function.Parameter{{Name: "values", Type: cty.Map(cty.List(cty.String))}},
	Type:   function.StaticReturnType(cty.Map(cty.List(cty.String))),
	Impl: func(args []cty.Value, _ cty.Type) (cty.Value, error) {
		tmp := map[string][]string{}
		for it := args[0].ElementIterator(); it.Next(); {
			k, list := it.Element()
			if list.IsNull() {
				return cty.NilVal, errors.New("lists must not be null")
			}
			for li := list.ElementIterator(); li.Next(); {
				_, v := li.Element()
				if v.IsNull() {
					return cty.NilVal, errors.New("list elements must not be null")
				}
				tmp[v.AsString()] = append(tmp[v.AsString()], k.AsString())
			}
		}
		out := map[string]cty.Value{}
		for k, list := range tmp {
			sort.Strings(list)
			vals := make([]cty.Value, len(list))
			for i, s := range list {
				vals[i] = cty.StringVal(s)
			}
			out[k] = cty.ListVal(vals)
		}
		if len(out) == 0 {
			return cty.MapValEmpty(cty.List(cty.String)), nil
		}
		return cty.MapVal(out), nil
	},
})

// ListFunc is Terraform 0.11's list(a, b, ...), removed in 0.12 but common in
// old configurations: a tuple of its arguments.
var ListFunc = function.New(&function.Spec{
	VarParam: &function.Parameter{Name: "items", Type: cty.DynamicPseudoType, AllowNull: true, AllowUnknown: true},
	Type: func(args []cty.Value) (cty.Type, error) {
		types := make([]cty.Type, len(args))
		for i, a := range args {
			types[i] = a.Type()
		}
		return cty.Tuple(types), nil
	},
	Impl: func(args []cty.Value, _ cty.Type) (cty.Value, error) { return cty.TupleVal(args), nil },
})

// MapFunc is Terraform 0.11's map(k1, v1, k2, v2, ...): an object.
var MapFunc = function.New(&function.Spec{
	VarParam: &function.Parameter{Name: "pairs", Type: cty.DynamicPseudoType, AllowNull: true, AllowUnknown: true},
	Type: func(args []cty.Value) (cty.Type, error) {
		if len(args)%2 != 0 {
			return cty.NilType, errors.New("map() needs an even number of arguments (key, value pairs)")
		}
		attrs := map[string]cty.Type{}
		for i := 0; i < len(args); i += 2 {
			k, err := convert.Convert(args[i], cty.String)
			if err != nil || !k.IsKnown() || k.IsNull() {
				return cty.DynamicPseudoType, nil
			}
			attrs[k.AsString()] = args[i+1].Type()
		}
		return cty.Object(attrs), nil
	},
	Impl: func(args []cty.Value, retType cty.Type) (cty.Value, error) {
		if retType == cty.DynamicPseudoType {
			return cty.DynamicVal, nil
		}
		attrs := map[string]cty.Value{}
		for i := 0; i < len(args); i += 2 {
			k, _ := convert.Convert(args[i], cty.String)
			attrs[k.AsString()] = args[i+1]
		}
		return cty.ObjectVal(attrs), nil
	},
})

// LookupFunc is Terraform's lookup. Unlike go-cty's, its default may be
// left out (then a missing key is an error) and may be null, as
// `lookup(rule, "icmp_code", null)` in many modules: a missing key then
// gives null.
var LookupFunc = function.New(&function.Spec{
	Params: []function.Parameter{
		{Name: "inputMap", Type: cty.DynamicPseudoType, AllowMarked: true},
		{Name: "key", Type: cty.String, AllowMarked: true},
	},
	VarParam: &function.Parameter{Name: "default", Type: cty.DynamicPseudoType, AllowNull: true, AllowUnknown: true, AllowDynamicType: true, AllowMarked: true},
	Type: func(args []cty.Value) (cty.Type, error) {
		if len(args) > 3 {
			return cty.NilType, errors.New("lookup takes a map, a key and an optional default")
		}
		ty := args[0].Type()
		switch {
		case ty.IsObjectType():
			key, _ := args[1].Unmark()
			if !key.IsKnown() {
				return cty.DynamicPseudoType, nil
			}
			if ty.HasAttribute(key.AsString()) {
				return ty.AttributeType(key.AsString()), nil
			}
			if len(args) == 3 {
				return args[2].Type(), nil
			}
			return cty.NilType, function.NewArgErrorf(0, "the given object has no attribute %q", key.AsString())
		case ty.IsMapType():
			if len(args) == 3 {
				if _, err := convert.Convert(args[2], ty.ElementType()); err != nil {
					return cty.NilType, function.NewArgErrorf(2, "the default value must have the same type as the map elements")
				}
			}
			return ty.ElementType(), nil
		case ty == cty.DynamicPseudoType:
			return cty.DynamicPseudoType, nil
		}
		return cty.NilType, function.NewArgErrorf(0, "lookup() requires a map as the first argument")
	},
	Impl: func(args []cty.Value, retType cty.Type) (cty.Value, error) {
		m, mMarks := args[0].Unmark()
		key, kMarks := args[1].Unmark()
		if !m.IsWhollyKnown() || !key.IsKnown() {
			return cty.UnknownVal(retType).WithMarks(mMarks, kMarks), nil
		}
		name := key.AsString()
		switch {
		case m.IsNull():
			return cty.NilVal, function.NewArgErrorf(0, "lookup() requires a map as the first argument, not null")
		case m.Type().IsObjectType():
			if m.Type().HasAttribute(name) {
				return m.GetAttr(name).WithMarks(mMarks, kMarks), nil
			}
		case m.HasIndex(cty.StringVal(name)).True():
			return m.Index(cty.StringVal(name)).WithMarks(mMarks, kMarks), nil
		}
		if len(args) == 3 {
			def, dMarks := args[2].Unmark()
			conv, err := convert.Convert(def, retType)
			if err != nil {
				return cty.NilVal, err
			}
			return conv.WithMarks(mMarks, kMarks, dMarks), nil
		}
		return cty.NilVal, fmt.Errorf("lookup failed to find key %q", name)
	},
})

// CoalesceFunc is Terraform's coalesce: the first argument that is neither
// null nor an empty string. Its result is never null, which tells
// `coalesce(var.x, aws_y.z.arn) != null` even before apply.
var CoalesceFunc = function.New(&function.Spec{
	VarParam: &function.Parameter{Name: "vals", Type: cty.DynamicPseudoType, AllowUnknown: true, AllowDynamicType: true, AllowNull: true},
	RefineResult: func(b *cty.RefinementBuilder) *cty.RefinementBuilder {
		return b.NotNull()
	},
	Type: func(args []cty.Value) (cty.Type, error) {
		types := make([]cty.Type, len(args))
		for i, a := range args {
			types[i] = a.Type()
		}
		ty, _ := convert.UnifyUnsafe(types)
		if ty == cty.NilType {
			return cty.NilType, errors.New("all arguments must have the same type")
		}
		return ty, nil
	},
	Impl: func(args []cty.Value, retType cty.Type) (cty.Value, error) {
		for _, a := range args {
			if !a.IsKnown() {
				return cty.UnknownVal(retType), nil
			}
			if a.IsNull() {
				continue
			}
			v, err := convert.Convert(a, retType)
			if err != nil {
				return cty.NilVal, err
			}
			if retType == cty.String && v.RawEquals(cty.StringVal("")) {
				continue
			}
			return v, nil
		}
		return cty.NilVal, errors.New("no non-null, non-empty-string arguments")
	},
})
