package hclload

import (
	"fmt"

	"github.com/tfcomply/tfcomply/internal/awsschema"
	"github.com/tfcomply/tfcomply/internal/model"
	"github.com/zclconf/go-cty/cty"
)

// A resource's value, as other expressions see it, is built the way
// Terraform builds it during plan, by one rule at every level (top level,
// nested blocks, and so for-expression symbols, splats and each.value over
// resources too):
//
//   - a configured non-null value is used as it is;
//   - an attribute the configuration leaves unset or sets to null is unknown
//     when the provider computes it (Optional+Computed included), the
//     provider's default when it has one, and null otherwise;
//   - a nested block type the configuration does not write is an empty list
//     (a null object for single blocks).
//
// Types in the schema table (awsschema) get exactly their schema's
// attributes. For other types tfcomply cannot tell computed from optional,
// so every attribute an expression reads that is unset or null is unknown:
// the answer that is never wrong, where null could raise an error Terraform
// would not ("Unsupported attribute", a null in a string template).

// neverNull are the computed attributes every AWS resource has once it
// exists: `arn != null` is true even before apply (modules gate dynamic
// blocks on it).
var neverNull = map[string]bool{"id": true, "arn": true}

// refBuilder builds resource values as other expressions see them. With
// explain, every attribute carries its origin (model.Origin: instance and
// attribute), which controls read to say where a value came from and to
// tell one value from another; without, the values are the same, unmarked
// (see Options.ExplainTypes).
type refBuilder struct {
	explain bool
	// read is extra as a set: the attributes of a schema object built
	// besides those configured (see object).
	read map[string]bool
	// passedBlocks are the attribute names whose nested blocks offer
	// passedExtra rather than the object's own names (see
	// readNames.passedBlocks); types without a schema only.
	passedBlocks map[string]bool
	passedExtra  []string
}

// mark marks v with the origin of attribute path+name of instance addr,
// when values are explained.
func (b refBuilder) mark(v cty.Value, addr, path, name string) cty.Value {
	if !b.explain {
		return v
	}
	return v.Mark(origin(addr, path, name))
}

// object is the value of one resource instance.
func (b refBuilder) object(inst *model.Instance, extra []string) cty.Value {
	plain, _ := inst.Value.Unmark()
	schema := awsschema.Resource(inst.Type)
	if inst.Mode == "data" {
		schema = awsschema.DataSource(inst.Type)
	}
	if schema == nil {
		return b.looseObject(plain, extra, inst.Address, "")
	}
	// Only the attributes that are configured or that some expression
	// reads (directly, through each.value, a for-expression symbol or a
	// splat: see readNames.extra) are built. The others change no value the
	// scan computes, and building them for every instance of a root with
	// 10,000 stages doubled its cost. What this gives up: a resource used
	// whole (output "x" { value = aws_x.y }, jsonencode of it) lacks the
	// attributes nothing reads.
	obj := b.schemaObject(plain, schema, inst.Address, "", b.read)
	if inst.Type == "terraform_data" && obj.Type().HasAttribute("output") {
		// output is set to input at apply: null in the plan when input
		// is null, unknown otherwise.
		m := obj.AsValueMap()
		if !isNull(m["input"]) {
			m["output"] = b.mark(cty.DynamicVal, inst.Address, "", "output")
		}
		obj = cty.ObjectVal(m)
	}
	var more map[string]cty.Value
	for _, name := range extra {
		if !obj.Type().HasAttribute(name) {
			if more == nil {
				more = obj.AsValueMap()
				if more == nil {
					more = map[string]cty.Value{}
				}
			}
			more[name] = b.computed(cty.DynamicPseudoType, inst.Address, "", name)
		}
	}
	if more != nil {
		return cty.ObjectVal(more)
	}
	return obj
}

func origin(addr, path, name string) model.Origin {
	return model.Origin{Addr: addr, Attr: path + name}
}

// configured returns the attributes of a decoded body, or nil when it is
// not a known object.
func configured(v cty.Value) map[string]cty.Value {
	if !v.IsKnown() || v.IsNull() || !v.Type().IsObjectType() {
		return nil
	}
	out := make(map[string]cty.Value, len(v.Type().AttributeTypes()))
	for name := range v.Type().AttributeTypes() {
		out[name] = v.GetAttr(name)
	}
	return out
}

func isNull(v cty.Value) bool {
	plain, _ := v.Unmark()
	return plain.IsKnown() && plain.IsNull()
}

// computed is attribute path+name of instance addr, which the provider
// will fill in.
func (b refBuilder) computed(ty cty.Type, addr, path, name string) cty.Value {
	if neverNull[name] && (ty == cty.String || ty == cty.DynamicPseudoType) {
		return b.mark(cty.UnknownVal(cty.String).RefineNotNull(), addr, path, name)
	}
	return b.mark(cty.UnknownVal(ty), addr, path, name)
}

// schemaObject builds a value with the attributes and blocks of the
// schema: all of them, or (read not nil) those configured or read. path is
// the nested block path inside the resource ("endpoint_configuration[0]."),
// so origins name the attribute.
func (b refBuilder) schemaObject(v cty.Value, sb *awsschema.Block, addr, path string, read map[string]bool) cty.Value {
	cfg := configured(v)
	// At most every attribute and block, or (read set) those configured
	// or read: a map made for all 30 of a stage's wastes most of itself.
	size := len(sb.Attributes) + len(sb.Blocks)
	if read != nil {
		size = min(size, len(cfg)+len(read))
	}
	attrs := make(map[string]cty.Value, size)
	for name, a := range sb.Attributes {
		if _, set := cfg[name]; read != nil && !set && !read[name] {
			continue
		}
		cv, set := cfg[name]
		switch {
		case set && !isNull(cv):
			attrs[name] = b.mark(cv, addr, path, name)
		case a.Computed:
			attrs[name] = b.computed(a.Type, addr, path, name)
		case a.Default != cty.NilVal:
			attrs[name] = b.mark(a.Default, addr, path, name)
		default:
			attrs[name] = b.mark(cty.NullVal(a.Type), addr, path, name)
		}
	}
	for name, nb := range sb.Blocks {
		if _, set := cfg[name]; read != nil && !set && !read[name] {
			continue
		}
		attrs[name] = b.mark(b.nestedBlocks(cfg[name], nb, addr, path+name), addr, path, name)
	}
	// Arguments the schema does not know are kept as written: validating
	// them is Terraform's job, and a control may still read them.
	for name, cv := range cfg {
		if _, ok := attrs[name]; !ok {
			attrs[name] = b.mark(cv, addr, path, name)
		}
	}
	return cty.ObjectVal(attrs)
}

// nestedBlocks is the value of a nested block type: the configured blocks
// (a tuple, as decoded; indexing works on it as on Terraform's list), each
// completed by its schema.
func (b refBuilder) nestedBlocks(cv cty.Value, nb *awsschema.NestedBlock, addr, path string) cty.Value {
	plain, marks := cv.Unmark()
	switch {
	case nb.Computed && (cv == cty.NilVal || (plain.IsKnown() && plain.IsNull())):
		return cty.DynamicVal
	case cv == cty.NilVal || (plain.IsKnown() && plain.IsNull()):
		if nb.Nesting == "single" || nb.Nesting == "group" {
			return cty.NullVal(cty.DynamicPseudoType)
		}
		return cty.EmptyTupleVal
	case !plain.IsKnown() || !plain.CanIterateElements():
		return cv // a dynamic block whose for_each is unknown: its marks say why
	}
	var elems []cty.Value
	i := 0
	for it := plain.ElementIterator(); it.Next(); i++ {
		_, ev := it.Element()
		elems = append(elems, b.schemaObject(ev, &nb.Block, addr, fmt.Sprintf("%s[%d].", path, i), nil))
	}
	if nb.Nesting == "single" || nb.Nesting == "group" {
		if len(elems) == 0 {
			return cty.NullVal(cty.DynamicPseudoType).WithMarks(marks)
		}
		return elems[0].WithMarks(marks)
	}
	return cty.TupleVal(elems).WithMarks(marks)
}

// looseObject completes a value of a type without a schema: configured
// non-null values as written, everything else that is read unknown, in
// nested blocks too.
func (b refBuilder) looseObject(v cty.Value, extra []string, addr, path string) cty.Value {
	cfg := configured(v)
	attrs := make(map[string]cty.Value, len(cfg)+len(extra))
	for name, cv := range cfg {
		plain, marks := cv.Unmark()
		switch {
		case plain.IsKnown() && plain.IsNull():
			attrs[name] = b.computed(cty.DynamicPseudoType, addr, path, name)
		case plain.IsKnown() && plain.Type().IsTupleType() && isBlockTuple(plain):
			elems := make([]cty.Value, 0, plain.LengthInt())
			i := 0
			inner := extra
			if b.passedBlocks[name] {
				inner = b.passedExtra
			}
			for it := plain.ElementIterator(); it.Next(); i++ {
				_, ev := it.Element()
				elems = append(elems, b.looseObject(ev, inner, addr, fmt.Sprintf("%s%s[%d].", path, name, i)))
			}
			attrs[name] = b.mark(cty.TupleVal(elems).WithMarks(marks), addr, path, name)
		default:
			attrs[name] = b.mark(cv, addr, path, name)
		}
	}
	for _, name := range extra {
		if _, set := attrs[name]; !set {
			attrs[name] = b.computed(cty.DynamicPseudoType, addr, path, name)
		}
	}
	return cty.ObjectVal(attrs)
}

// isBlockTuple reports whether a decoded value is a tuple of objects, the
// shape decodeBody gives nested blocks.
func isBlockTuple(v cty.Value) bool {
	if v.LengthInt() == 0 {
		return false
	}
	for _, et := range v.Type().TupleElementTypes() {
		if !et.IsObjectType() {
			return false
		}
	}
	return true
}
