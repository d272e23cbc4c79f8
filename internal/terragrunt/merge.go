package terragrunt

import (
	"github.com/hashicorp/hcl/v2"
	"github.com/zclconf/go-cty/cty"
)

// mergeConfigs overlays child on parent, as Terragrunt merges an included
// configuration (parent) with the one including it (child):
//
//   - shallow (the default): each attribute the child sets replaces the
//     parent's; inputs merge key by key, the child's winning; the
//     terraform block's source and its extra_arguments (by name) likewise;
//     dependency and feature blocks by name;
//   - deep: as shallow, except that inputs merge recursively (maps by key,
//     lists concatenated parent first, anything else the child's), and so do
//     extra_arguments of the same name.
//
// Locals are never merged: each file's locals are its own.
func mergeConfigs(parent, child *config, deep bool) *config {
	out := *child
	out.attrs = overlay(parent.attrs, child.attrs)
	out.blocks = overlay(parent.blocks, child.blocks)
	out.features = overlay(parent.features, child.features)
	if child.source == cty.NilVal {
		out.source, out.sourceRng = parent.source, parent.sourceRng
	}
	if child.terraform == cty.NilVal {
		out.terraform = parent.terraform
	}
	switch {
	case parent.inputs == cty.NilVal:
	case child.inputs == cty.NilVal:
		out.inputs, out.inputsRng, out.inputAt = parent.inputs, parent.inputsRng, parent.inputAt
	default:
		out.inputs = mergeValues(parent.inputs, child.inputs, deep, 0)
		out.inputAt = map[string]hcl.Range{}
		for k, r := range parent.inputAt {
			out.inputAt[k] = r
		}
		for k, r := range child.inputAt {
			out.inputAt[k] = r
		}
	}
	out.extra = mergeExtra(parent.extra, child.extra, deep)
	byName := map[string]bool{}
	out.deps = nil
	for _, d := range child.deps {
		byName[d.name] = true
		out.deps = append(out.deps, d)
	}
	for _, d := range parent.deps {
		if !byName[d.name] {
			out.deps = append(out.deps, d)
		}
	}
	return &out
}

func overlay(parent, child map[string]cty.Value) map[string]cty.Value {
	out := make(map[string]cty.Value, len(parent)+len(child))
	for k, v := range parent {
		out[k] = v
	}
	for k, v := range child {
		out[k] = v
	}
	return out
}

// mergeExtra merges extra_arguments blocks by name: the child's replace the
// parent's of the same name (deep: their lists are concatenated), and the
// others are kept, parent's first.
func mergeExtra(parent, child []*extraArgs, deep bool) []*extraArgs {
	childByName := map[string]*extraArgs{}
	for _, e := range child {
		childByName[e.name] = e
	}
	var out []*extraArgs
	used := map[string]bool{}
	for _, p := range parent {
		c := childByName[p.name]
		switch {
		case c == nil:
			out = append(out, p)
		case deep:
			m := *c
			m.commands = concatLists(p.commands, c.commands)
			m.arguments = concatLists(p.arguments, c.arguments)
			m.required = concatLists(p.required, c.required)
			m.optional = concatLists(p.optional, c.optional)
			out = append(out, &m)
			used[c.name] = true
		default:
			out = append(out, c)
			used[c.name] = true
		}
	}
	for _, c := range child {
		if !used[c.name] {
			out = append(out, c)
		}
	}
	return out
}

func concatLists(a, b cty.Value) cty.Value {
	switch {
	case a == cty.NilVal:
		return b
	case b == cty.NilVal:
		return a
	}
	return mergeValues(a, b, true, 0)
}

// maxMergeDepth bounds deep merges of nested values.
const maxMergeDepth = 64

// mergeValues merges child into parent: maps and objects key by key (the
// child's value for a key both have, merged again when deep), lists and
// tuples concatenated when deep, anything else the child's. A value not
// known stays as it is: what it holds cannot be merged.
func mergeValues(parent, child cty.Value, deep bool, depth int) cty.Value {
	p, pm := parent.Unmark()
	c, cm := child.Unmark()
	if !p.IsKnown() || !c.IsKnown() || p.IsNull() || c.IsNull() || depth > maxMergeDepth {
		return child
	}
	pt, ct := p.Type(), c.Type()
	switch {
	case isMapLike(pt) && isMapLike(ct):
		m := map[string]cty.Value{}
		for k, v := range elements(p) {
			m[k] = v
		}
		for k, v := range elements(c) {
			if old, ok := m[k]; ok && deep {
				m[k] = mergeValues(old, v, deep, depth+1)
				continue
			}
			m[k] = v
		}
		return cty.ObjectVal(m).WithMarks(pm, cm)
	case deep && isListLike(pt) && isListLike(ct):
		var vals []cty.Value
		for it := p.ElementIterator(); it.Next(); {
			_, v := it.Element()
			vals = append(vals, v)
		}
		for it := c.ElementIterator(); it.Next(); {
			_, v := it.Element()
			vals = append(vals, v)
		}
		if len(vals) == 0 {
			return cty.EmptyTupleVal.WithMarks(pm, cm)
		}
		return cty.TupleVal(vals).WithMarks(pm, cm)
	}
	return child
}

func isMapLike(t cty.Type) bool  { return t.IsObjectType() || t.IsMapType() }
func isListLike(t cty.Type) bool { return t.IsListType() || t.IsTupleType() || t.IsSetType() }

// elements are a known map's or object's elements by key.
func elements(v cty.Value) map[string]cty.Value {
	out := map[string]cty.Value{}
	for it := v.ElementIterator(); it.Next(); {
		k, e := it.Element()
		out[k.AsString()] = e
	}
	return out
}
