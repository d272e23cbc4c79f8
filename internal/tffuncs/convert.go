package tffuncs

import (
	"github.com/zclconf/go-cty/cty"
	"github.com/zclconf/go-cty/cty/convert"
	"github.com/zclconf/go-cty/cty/function"
	"github.com/zclconf/go-cty/cty/function/stdlib"
)

// makeCollectionToFunc is stdlib.MakeToFunc for tolist, toset and tomap
// (kind is cty.List, cty.Set or cty.Map), in linear time.
//
// Converting a tuple or an object to a collection of any element type
// makes go-cty find the one type every element converts to by comparing
// every pair of element types: toset() of 100,000 names takes minutes.
// When every element has the same primitive type T, that type is T, so
// the value is converted to a collection of T directly: the same value,
// without the comparisons. Anything else goes to go-cty's function as
// before, errors and all.
func makeCollectionToFunc(kind func(cty.Type) cty.Type) function.Function {
	want := kind(cty.DynamicPseudoType)
	orig := stdlib.MakeToFunc(want)
	toMap := want.IsMapType() // from an object; lists and sets from a tuple
	return function.New(&function.Spec{
		Description: orig.Description(),
		Params:      orig.Params(),
		Type: func(args []cty.Value) (cty.Type, error) {
			if _, ok := sameElementType(args[0].Type(), toMap); ok {
				return want, nil // a tuple or object of T always converts
			}
			return orig.ReturnTypeForValues(args)
		},
		Impl: func(args []cty.Value, _ cty.Type) (cty.Value, error) {
			if ety, ok := sameElementType(args[0].Type(), toMap); ok {
				return convert.Convert(args[0], kind(ety))
			}
			return orig.Call(args)
		},
	})
}

// sameElementType is T when ty is a tuple type (an object type, for a
// map) of at least two elements that all have the same primitive type T.
func sameElementType(ty cty.Type, object bool) (cty.Type, bool) {
	var etys []cty.Type
	switch {
	case !object && ty.IsTupleType():
		etys = ty.TupleElementTypes()
	case object && ty.IsObjectType():
		for _, t := range ty.AttributeTypes() {
			etys = append(etys, t)
		}
	default:
		return cty.NilType, false
	}
	if len(etys) < 2 || !etys[0].IsPrimitiveType() {
		return cty.NilType, false
	}
	for _, t := range etys[1:] {
		if t != etys[0] {
			return cty.NilType, false
		}
	}
	return etys[0], true
}
