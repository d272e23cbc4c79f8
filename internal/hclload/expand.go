package hclload

import (
	"fmt"
	"math/big"
	"strconv"
	"strings"

	"github.com/hashicorp/hcl/v2"
	"github.com/tfcomply/tfcomply/internal/model"
	"github.com/zclconf/go-cty/cty"
	"github.com/zclconf/go-cty/cty/convert"
	"github.com/zclconf/go-cty/cty/gocty"
)

type expansionKind int

const (
	expandSingle expansionKind = iota
	expandCount
	expandForEach
	// expandUnknown: count or for_each cannot be known from the source.
	// One placeholder instance with an unknown key stands for all of them,
	// so the subject is reported (as UNKNOWN, usually) rather than lost.
	expandUnknown
	// expandInvalid: count or for_each is an error (count = -1, for_each
	// over a list), where `terraform plan` stops. The error is reported and
	// there are no instances: a placeholder would be a result for a
	// resource that can never exist. References to it are unknown, with a
	// reason that says the count or for_each is invalid.
	expandInvalid
)

// maxInstances bounds one count or for_each. Terraform has no such limit,
// but no real configuration comes near it, and a typo (count = 10000000)
// must give an error, not a scan that never ends.
const maxInstances = 100000

func tooMany(n int64, marks cty.ValueMarks, rng hcl.Range, what string) (expansion, hcl.Diagnostics) {
	return unknownExpansion(marks, what), hcl.Diagnostics{{Severity: hcl.DiagError, Summary: "too many instances",
		Detail: fmt.Sprintf("%d instances is more than tfcomply expands for one resource or module (%d)", n, maxInstances), Subject: rng.Ptr()}}
}

// expansion is the set of instances a count or for_each produces.
type expansion struct {
	kind   expansionKind
	keys   []cty.Value // int (count) or string (for_each) keys; one unknown key for expandUnknown
	values []cty.Value // each.value, for for_each
	// marks of the count/for_each value, kept on the placeholder's key so
	// that UNKNOWN results can say what blocked the expansion.
	marks cty.ValueMarks
}

// repetition is what count.index / each.key / each.value mean inside one instance.
type repetition struct {
	kind  expansionKind
	key   cty.Value
	value cty.Value
}

func (x *expansion) rep(i int) *repetition {
	r := &repetition{kind: x.kind}
	if x.kind == expandSingle {
		return r
	}
	r.key = x.keys[i]
	if x.values != nil {
		r.value = x.values[i]
	}
	return r
}

func (r *repetition) variables() map[string]cty.Value {
	if r == nil {
		return nil
	}
	switch r.kind {
	case expandCount:
		return map[string]cty.Value{"count": cty.ObjectVal(map[string]cty.Value{"index": r.key})}
	case expandForEach:
		return map[string]cty.Value{"each": cty.ObjectVal(map[string]cty.Value{"key": r.key, "value": r.value})}
	case expandUnknown:
		return map[string]cty.Value{
			"count": cty.ObjectVal(map[string]cty.Value{"index": r.key}),
			"each":  cty.ObjectVal(map[string]cty.Value{"key": r.key, "value": r.value}),
		}
	}
	return nil
}

func unknownExpansion(marks cty.ValueMarks, what string) expansion {
	reason := model.Origin{Reason: what + " cannot be known before apply, so the number of instances is unknown"}
	marks = unionMarks(cty.NewValueMarks(reason), marks)
	return expansion{
		kind:   expandUnknown,
		keys:   []cty.Value{cty.UnknownVal(cty.String).WithMarks(marks)},
		values: []cty.Value{cty.DynamicVal.WithMarks(marks)},
		marks:  marks,
	}
}

func invalidExpansion(marks cty.ValueMarks, what string) expansion {
	reason := model.Origin{Reason: what + " is invalid (see errors), so there are no instances"}
	return expansion{kind: expandInvalid, marks: unionMarks(cty.NewValueMarks(reason), marks)}
}

// failedHere reports whether val is the value of an expression at rng that
// could not be evaluated, or that reads something undeclared (its error is
// reported already). Such a count or for_each is invalid, not merely
// unknown: Terraform stops there.
//
// Both kinds are unknown values marked at the top, so only top-level marks
// are read: a count or for_each over 100,000 elements stays cheap.
func failedHere(val cty.Value, rng hcl.Range) bool {
	if val.IsKnown() {
		return false
	}
	_, marks := val.Unmark()
	if readsUndeclared(marks) {
		return true
	}
	_, failed := failedValue(hcl.StaticExpr(cty.DynamicVal, rng)).Unmark()
	for m := range failed {
		if _, ok := marks[m]; !ok {
			return false
		}
	}
	return len(failed) > 0
}

// expandCountValue turns an evaluated count into instance keys, with
// Terraform's checks and its words for what fails them.
func expandCountValue(val cty.Value, rng hcl.Range, what string) (expansion, hcl.Diagnostics) {
	plain, marks := val.UnmarkDeep()
	if failedHere(val, rng) {
		return invalidExpansion(marks, what), nil
	}
	invalid := func(summary, detail string) (expansion, hcl.Diagnostics) {
		return invalidExpansion(marks, what), hcl.Diagnostics{{Severity: hcl.DiagError, Summary: summary, Detail: detail, Subject: rng.Ptr()}}
	}
	num, err := convert.Convert(plain, cty.Number)
	if err != nil {
		return invalid("Incorrect value type", fmt.Sprintf("Invalid expression value: %s.", err))
	}
	if num.IsNull() {
		return invalid("Invalid count argument", `The given "count" argument value is null. An integer is required.`)
	}
	if !num.IsKnown() {
		return unknownExpansion(marks, what), nil
	}
	var n int
	if err := gocty.FromCtyValue(num, &n); err != nil {
		return invalid("Invalid count argument", fmt.Sprintf(`The given "count" argument value is unsuitable: %s.`, err))
	}
	if n < 0 {
		return invalid("Invalid count argument", `The given "count" argument value is unsuitable: must be greater than or equal to zero.`)
	}
	if n > maxInstances {
		return tooMany(int64(n), marks, rng, what)
	}
	x := expansion{kind: expandCount, keys: make([]cty.Value, n)}
	for i := range x.keys {
		x.keys[i] = cty.NumberIntVal(int64(i))
	}
	return x, nil
}

// expandForEachValue turns an evaluated for_each (a map, an object or a set
// of strings) into instance keys and each.value values, with Terraform's
// checks, in its order, and its words for what fails them.
func expandForEachValue(val cty.Value, rng hcl.Range, what string) (expansion, hcl.Diagnostics) {
	plain, marks := val.Unmark()
	// Every mark inside the value, for what an unknown or invalid
	// expansion says; computed only then, as it walks the whole value.
	deep := func() cty.ValueMarks {
		_, d := val.UnmarkDeep()
		return d
	}
	if failedHere(val, rng) {
		return invalidExpansion(deep(), what), nil
	}
	invalid := func(summary, detail string) (expansion, hcl.Diagnostics) {
		return invalidExpansion(deep(), what), hcl.Diagnostics{{Severity: hcl.DiagError, Summary: summary,
			Detail: `The given "for_each" argument value is unsuitable: ` + detail, Subject: rng.Ptr()}}
	}
	ty := plain.Type()
	switch {
	case plain.IsNull():
		return invalid("Invalid for_each argument", `the given "for_each" argument value is null. A map, or set of strings is allowed.`)
	case ty == cty.DynamicPseudoType:
		return unknownExpansion(deep(), what), nil
	case !ty.IsMapType() && !ty.IsSetType() && !ty.IsObjectType():
		return invalid("Invalid for_each argument", fmt.Sprintf(`the "for_each" argument must be a map, or set of strings, and you have provided a value of type %s.`, ty.FriendlyName()))
	case !plain.IsKnown():
		return unknownExpansion(deep(), what), nil
	}
	if plain.LengthInt() > maxInstances {
		return tooMany(int64(plain.LengthInt()), marks, rng, what)
	}
	x := expansion{kind: expandForEach}
	if ty.IsSetType() && plain.LengthInt() > 0 {
		// One pass over the elements: go-cty sorts a set's elements each
		// time it iterates them (IsWhollyKnown would be a second time).
		elems := plain.AsValueSlice()
		for _, v := range elems {
			if !v.IsWhollyKnown() {
				return unknownExpansion(deep(), what), nil
			}
		}
		if !ty.ElementType().Equals(cty.String) {
			return invalid("Invalid for_each set argument", fmt.Sprintf(`"for_each" supports maps and sets of strings, but you have provided a set containing type %s.`, ty.ElementType().FriendlyName()))
		}
		x.keys, x.values = make([]cty.Value, 0, len(elems)), make([]cty.Value, 0, len(elems))
		for _, v := range elems {
			v, _ = v.UnmarkDeep()
			if v.IsNull() {
				return invalid("Invalid for_each set argument", `"for_each" sets must not contain null values.`)
			}
			x.keys = append(x.keys, v)
			x.values = append(x.values, v)
		}
		return x, nil
	}
	for it := plain.ElementIterator(); it.Next(); {
		k, v := it.Element()
		k, _ = k.UnmarkDeep()
		x.keys = append(x.keys, k)
		x.values = append(x.values, v.WithMarks(marks))
	}
	return x, nil
}

// keySuffix writes an instance key as Terraform does in addresses.
func keySuffix(k cty.Value) string {
	if k == cty.NilVal {
		return ""
	}
	k, _ = k.UnmarkDeep()
	if !k.IsKnown() {
		return "[*]"
	}
	if k.Type() == cty.Number {
		bf := k.AsBigFloat()
		if i, acc := bf.Int64(); acc == big.Exact && !(i == 0 && bf.Signbit()) {
			return "[" + strconv.FormatInt(i, 10) + "]" // what Text gives, without its cost
		}
		return "[" + bf.Text('f', -1) + "]"
	}
	return "[" + quoteKey(k.AsString()) + "]"
}

func quoteKey(s string) string {
	var b strings.Builder
	b.WriteByte('"')
	for _, r := range s {
		switch r {
		case '"', '\\':
			b.WriteByte('\\')
			b.WriteRune(r)
		case '\n':
			b.WriteString(`\n`)
		case '\t':
			b.WriteString(`\t`)
		default:
			if r < 0x20 {
				b.WriteString(`\u` + fmt.Sprintf("%04x", r))
				continue
			}
			b.WriteRune(r)
		}
	}
	b.WriteByte('"')
	return b.String()
}

// unionMarks merges mark sets.
func unionMarks(sets ...cty.ValueMarks) cty.ValueMarks {
	out := cty.ValueMarks{}
	for _, s := range sets {
		for m := range s {
			out[m] = struct{}{}
		}
	}
	return out
}
