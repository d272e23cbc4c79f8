package planload

import (
	"github.com/tfcomply/tfcomply/internal/model"
	"github.com/zclconf/go-cty/cty"
)

// AttachSource enriches plan or state instances with what the configuration
// beside them says, matched by address: the file and line of the resource
// block, and the origins the source evaluator traced (through locals too,
// which plan JSON does not describe). Values stay the plan's: it knows more.
func AttachSource(root, src *model.Root) {
	for _, inst := range root.Instances {
		s := src.Lookup(inst.Address)
		if s == nil {
			continue
		}
		inst.Range = s.Range
		inst.Value = mergeMarks(inst.Value, s.Value)
		if len(inst.DependsOn) == 0 {
			inst.DependsOn = s.DependsOn
		}
	}
}

// mergeMarks adds the marks of src to dst, walking both where they have the
// same shape and collapsing src's marks onto dst's value where they do not.
// Where the plan only says "unknown" and the configuration, evaluated with
// the plan's variables, knows the value (a dynamic block gated on a new log
// group's arn != null: Terraform does not refine unknowns, tfcomply knows
// an arn is never null), the configuration's value is taken.
func mergeMarks(dst, src cty.Value) cty.Value {
	dp, dm := dst.Unmark()
	sp, sm := src.Unmark()
	if !dp.IsKnown() && sp.IsKnown() && !sp.IsNull() {
		return src.WithMarks(dm)
	}
	if !dp.IsKnown() || dp.IsNull() || !sp.IsKnown() || sp.IsNull() {
		_, deep := src.UnmarkDeep()
		return dst.WithMarks(deep)
	}
	dt, st := dp.Type(), sp.Type()
	switch {
	case dt.IsObjectType() && st.IsObjectType():
		attrs := make(map[string]cty.Value, len(dt.AttributeTypes()))
		for name := range dt.AttributeTypes() {
			a := dp.GetAttr(name)
			if st.HasAttribute(name) {
				a = mergeMarks(a, sp.GetAttr(name))
			}
			attrs[name] = a
		}
		return cty.ObjectVal(attrs).WithMarks(dm, sm)
	case dt.IsTupleType() && st.IsTupleType() && dp.LengthInt() == sp.LengthInt():
		de, se := dp.AsValueSlice(), sp.AsValueSlice()
		out := make([]cty.Value, len(de))
		for i := range de {
			out[i] = mergeMarks(de[i], se[i])
		}
		return cty.TupleVal(out).WithMarks(dm, sm)
	}
	_, deep := src.UnmarkDeep()
	return dst.WithMarks(deep)
}
