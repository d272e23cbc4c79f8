package tffuncs

import (
	"fmt"
	"testing"

	"github.com/zclconf/go-cty/cty"
	"github.com/zclconf/go-cty/cty/function"
	"github.com/zclconf/go-cty/cty/function/stdlib"
)

// tolist, toset and tomap give what go-cty's own functions give, values,
// marks and errors alike.
func TestCollectionToFuncsAgree(t *testing.T) {
	mark := cty.NewValueMarks("origin")
	vals := []cty.Value{
		cty.TupleVal([]cty.Value{cty.StringVal("b"), cty.StringVal("a"), cty.StringVal("b")}),
		cty.TupleVal([]cty.Value{cty.StringVal("a").WithMarks(mark), cty.StringVal("c")}),
		cty.TupleVal([]cty.Value{cty.StringVal("a"), cty.UnknownVal(cty.String)}),
		cty.TupleVal([]cty.Value{cty.StringVal("a"), cty.NullVal(cty.String)}),
		cty.TupleVal([]cty.Value{cty.NumberIntVal(2), cty.NumberFloatVal(1.5)}),
		cty.TupleVal([]cty.Value{cty.True, cty.False, cty.True}),
		cty.TupleVal([]cty.Value{cty.StringVal("a"), cty.NumberIntVal(1)}),
		cty.TupleVal([]cty.Value{cty.StringVal("a"), cty.True}),
		cty.TupleVal([]cty.Value{cty.StringVal("a"), cty.EmptyObjectVal}),
		cty.TupleVal([]cty.Value{cty.StringVal("a")}),
		cty.EmptyTupleVal,
		cty.TupleVal([]cty.Value{cty.StringVal("a"), cty.StringVal("b")}).WithMarks(mark),
		cty.ObjectVal(map[string]cty.Value{"x": cty.StringVal("1"), "y": cty.StringVal("2")}),
		cty.ObjectVal(map[string]cty.Value{"x": cty.StringVal("1"), "y": cty.NumberIntVal(2)}),
		cty.ObjectVal(map[string]cty.Value{"x": cty.NumberIntVal(1), "y": cty.UnknownVal(cty.Number)}),
		cty.ListVal([]cty.Value{cty.StringVal("a")}),
		cty.StringVal("a"),
		cty.NullVal(cty.Tuple([]cty.Type{cty.String, cty.String})),
		cty.UnknownVal(cty.Tuple([]cty.Type{cty.String, cty.String})),
		cty.DynamicVal,
	}
	for _, kind := range []func(cty.Type) cty.Type{cty.List, cty.Set, cty.Map} {
		want := stdlib.MakeToFunc(kind(cty.DynamicPseudoType))
		got := makeCollectionToFunc(kind)
		for _, v := range vals {
			wv, werr := want.Call([]cty.Value{v})
			gv, gerr := got.Call([]cty.Value{v})
			if fmt.Sprint(werr) != fmt.Sprint(gerr) {
				t.Errorf("%s of %#v: error %v, want %v", kind(cty.DynamicPseudoType).FriendlyName(), v, gerr, werr)
				continue
			}
			if werr == nil && !gv.RawEquals(wv) {
				t.Errorf("%s of %#v: %#v, want %#v", kind(cty.DynamicPseudoType).FriendlyName(), v, gv, wv)
			}
		}
	}
}

// length gives the number go-cty's unmarked call gives, refined the same
// way, with the marks of its argument as a whole and not those of the
// values inside it, as Terraform's length does.
func TestLengthNumberAndMarks(t *testing.T) {
	old := function.New(&function.Spec{
		Params:       []function.Parameter{{Name: "value", Type: cty.DynamicPseudoType, AllowDynamicType: true, AllowUnknown: true}},
		Type:         function.StaticReturnType(cty.Number),
		RefineResult: func(b *cty.RefinementBuilder) *cty.RefinementBuilder { return b.NotNull() },
		Impl:         func(args []cty.Value, _ cty.Type) (cty.Value, error) { return length(args[0]) },
	})
	a, b, c := cty.NewValueMarks("a"), cty.NewValueMarks("b"), cty.NewValueMarks("c")
	obj := cty.ObjectVal(map[string]cty.Value{"x": cty.StringVal("1").WithMarks(a), "y": cty.UnknownVal(cty.String).WithMarks(b)})
	vals := []cty.Value{
		cty.StringVal("héllo").WithMarks(a),
		cty.UnknownVal(cty.String).WithMarks(a),
		cty.DynamicVal.WithMarks(b),
		cty.TupleVal([]cty.Value{obj, obj.WithMarks(c)}),
		cty.ListVal([]cty.Value{obj, obj}).WithMarks(c),
		cty.MapVal(map[string]cty.Value{"k": cty.StringVal("v").WithMarks(b)}),
		cty.SetVal([]cty.Value{cty.StringVal("s").WithMarks(a), cty.StringVal("t")}),
		cty.UnknownVal(cty.List(cty.String)).WithMarks(c),
		obj,
		cty.ListValEmpty(cty.String),
		cty.NullVal(cty.List(cty.String)),
		cty.NumberIntVal(3).WithMarks(a),
		cty.TupleVal([]cty.Value{cty.ListVal([]cty.Value{cty.MapVal(map[string]cty.Value{"z": cty.True.WithMarks(c)})})}),
	}
	for _, v := range vals {
		wv, werr := old.Call([]cty.Value{v})
		gv, gerr := LengthFunc.Call([]cty.Value{v})
		if fmt.Sprint(werr) != fmt.Sprint(gerr) {
			t.Errorf("length(%#v): error %v, want %v", v, gerr, werr)
			continue
		}
		if werr != nil {
			continue
		}
		_, top := v.Unmark()
		plain, _ := wv.UnmarkDeep()
		if want := plain.WithMarks(top); !gv.RawEquals(want) {
			t.Errorf("length(%#v) = %#v, want %#v", v, gv, want)
		}
	}
}
