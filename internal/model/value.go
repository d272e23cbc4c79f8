package model

import (
	"github.com/zclconf/go-cty/cty"
)

// Attr returns attribute name of an object value, or a null value when the
// object is null, unknown or has no such attribute. The result keeps its marks.
func Attr(obj cty.Value, name string) cty.Value {
	if !obj.IsMarked() && obj.IsKnown() && !obj.IsNull() && obj.Type().IsObjectType() {
		// The common case, instance values: no marks to carry over.
		if obj.Type().HasAttribute(name) {
			return obj.GetAttr(name)
		}
		return cty.NullVal(cty.DynamicPseudoType)
	}
	plain, marks := obj.Unmark()
	if plain.IsNull() || !plain.IsKnown() {
		if !plain.IsKnown() {
			return cty.DynamicVal.WithMarks(marks)
		}
		return cty.NullVal(cty.DynamicPseudoType)
	}
	ty := plain.Type()
	if !(ty.IsObjectType() && ty.HasAttribute(name)) && !ty.IsMapType() {
		return cty.NullVal(cty.DynamicPseudoType)
	}
	if ty.IsMapType() {
		if !plain.HasIndex(cty.StringVal(name)).True() {
			return cty.NullVal(cty.DynamicPseudoType)
		}
		return plain.Index(cty.StringVal(name)).WithMarks(marks)
	}
	return plain.GetAttr(name).WithMarks(marks)
}

// Blocks returns the nested blocks called name: a block list or set, a
// single object (Terraform 0.11 code sometimes writes blocks as attributes),
// or nothing. Known is false when the block collection itself is unknown (a
// dynamic block whose for_each is unknown).
func Blocks(obj cty.Value, name string) (blocks []cty.Value, known bool) {
	v := Attr(obj, name)
	plain, marks := v.Unmark()
	if plain.IsNull() {
		return nil, true
	}
	if !plain.IsKnown() {
		return nil, false
	}
	ty := plain.Type()
	if ty.IsObjectType() || ty.IsMapType() {
		return []cty.Value{plain.WithMarks(marks)}, true
	}
	if !ty.IsListType() && !ty.IsTupleType() && !ty.IsSetType() {
		return nil, true
	}
	known = true
	for it := plain.ElementIterator(); it.Next(); {
		_, e := it.Element()
		ep, _ := e.Unmark()
		if !ep.IsKnown() {
			known = false
			continue
		}
		if ep.IsNull() {
			continue
		}
		blocks = append(blocks, e.WithMarks(marks))
	}
	return blocks, known
}

// String reads a value as a string. ok is false when it is null; known is
// false when it is unknown. Numbers and bools convert, as Terraform would.
func String(v cty.Value) (s string, known, ok bool) {
	plain := unmarkAll(v)
	if !plain.IsKnown() {
		return "", false, true
	}
	if plain.IsNull() {
		return "", true, false
	}
	switch plain.Type() {
	case cty.String:
		return plain.AsString(), true, true
	case cty.Number:
		return plain.AsBigFloat().Text('f', -1), true, true
	case cty.Bool:
		if plain.True() {
			return "true", true, true
		}
		return "false", true, true
	}
	return "", true, false
}

// Bool reads a value as a bool, accepting the strings "true"/"false" as
// Terraform's type conversion does.
func Bool(v cty.Value) (b, known, ok bool) {
	s, known, ok := String(v)
	if !known || !ok {
		return false, known, ok
	}
	switch s {
	case "true":
		return true, true, true
	case "false":
		return false, true, true
	}
	return false, true, false
}

// unmarkAll removes marks; a primitive value can only be marked on itself,
// so the (allocating) deep walk is needed for collections only.
func unmarkAll(v cty.Value) cty.Value {
	plain, _ := v.Unmark()
	if plain.Type().IsPrimitiveType() || !plain.IsKnown() {
		return plain
	}
	plain, _ = v.UnmarkDeep()
	return plain
}
