package hclload

import (
	"fmt"
	"math/big"
	"strings"

	"github.com/hashicorp/hcl/v2"
	"github.com/tfcomply/tfcomply/internal/model"
	"github.com/zclconf/go-cty/cty"
	"github.com/zclconf/go-cty/cty/convert"
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

// expandCountValue turns an evaluated count into instance keys.
func expandCountValue(val cty.Value, rng hcl.Range, what string) (expansion, hcl.Diagnostics) {
	plain, marks := val.UnmarkDeep()
	if !plain.IsKnown() {
		return unknownExpansion(marks, what), nil
	}
	num, err := convert.Convert(plain, cty.Number)
	if err != nil || num.IsNull() {
		return unknownExpansion(marks, what), hcl.Diagnostics{{Severity: hcl.DiagError, Summary: "invalid count",
			Detail: "count must be a whole number, 0 or more", Subject: rng.Ptr()}}
	}
	bf := num.AsBigFloat()
	n, acc := bf.Int64()
	if acc != big.Exact || n < 0 {
		return unknownExpansion(marks, what), hcl.Diagnostics{{Severity: hcl.DiagError, Summary: "invalid count",
			Detail: fmt.Sprintf("count must be a whole number, 0 or more; got %s", bf.Text('f', -1)), Subject: rng.Ptr()}}
	}
	if n > maxInstances {
		return tooMany(n, marks, rng, what)
	}
	x := expansion{kind: expandCount, keys: make([]cty.Value, n)}
	for i := range x.keys {
		x.keys[i] = cty.NumberIntVal(int64(i))
	}
	return x, nil
}

// expandForEachValue turns an evaluated for_each (a map, an object or a set
// of strings) into instance keys and each.value values.
func expandForEachValue(val cty.Value, rng hcl.Range, what string) (expansion, hcl.Diagnostics) {
	plain, marks := val.Unmark()
	if !plain.IsKnown() {
		_, deep := val.UnmarkDeep()
		return unknownExpansion(deep, what), nil
	}
	bad := func(detail string) (expansion, hcl.Diagnostics) {
		return unknownExpansion(marks, what), hcl.Diagnostics{{Severity: hcl.DiagError, Summary: "invalid for_each argument",
			Detail: detail, Subject: rng.Ptr()}}
	}
	if plain.IsNull() {
		return bad("for_each must not be null")
	}
	ty := plain.Type()
	if plain.CanIterateElements() && plain.LengthInt() > maxInstances {
		return tooMany(int64(plain.LengthInt()), marks, rng, what)
	}
	x := expansion{kind: expandForEach}
	switch {
	case ty.IsMapType() || ty.IsObjectType():
		for it := plain.ElementIterator(); it.Next(); {
			k, v := it.Element()
			x.keys = append(x.keys, k)
			x.values = append(x.values, v.WithMarks(marks))
		}
	case ty.IsSetType():
		if !ty.ElementType().Equals(cty.String) && ty.ElementType() != cty.DynamicPseudoType {
			if conv, err := convert.Convert(plain, cty.Set(cty.String)); err == nil {
				plain = conv
			} else {
				return bad("for_each over a set needs a set of strings")
			}
		}
		if !plain.IsWhollyKnown() {
			_, deep := val.UnmarkDeep()
			return unknownExpansion(deep, what), nil
		}
		for it := plain.ElementIterator(); it.Next(); {
			_, v := it.Element()
			v, _ = v.UnmarkDeep()
			if v.IsNull() {
				return bad("for_each set must not contain null")
			}
			x.keys = append(x.keys, v)
			x.values = append(x.values, v)
		}
	default:
		return bad(fmt.Sprintf("for_each must be a map, or a set of strings; got %s (wrap a list in toset())", ty.FriendlyName()))
	}
	for i, k := range x.keys {
		k, _ = k.UnmarkDeep()
		if !k.IsKnown() {
			return unknownExpansion(marks, what), nil
		}
		x.keys[i] = k
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
		return "[" + k.AsBigFloat().Text('f', -1) + "]"
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
