package hclload

import (
	"slices"
	"sort"

	"github.com/hashicorp/hcl/v2"
)

// readNames are the attribute names the expressions of a tree read from
// resource values, so that those values can offer, as unknown, what the
// configuration leaves to the provider (see refBuilder.object). Offering more
// than is read costs a marked unknown per name per instance and nested
// block; offering less would make a read Terraform allows an error.
type readNames struct {
	// direct are the names read through TYPE.NAME[...].ATTR, per type, at
	// any depth (ATTR[0].NESTED reads a nested block).
	direct map[string]map[string]bool
	// indirect are the names read through anything that may hold a
	// resource object: each.value, variables, locals, for-expression
	// symbols, dynamic block iterators, splats, module outputs.
	indirect map[string]bool
	// passed are the types that a declaration other than an output uses
	// whole (for_each = TYPE.NAME, a local holding them): their objects
	// may reach any name, so they offer every indirect name.
	passed map[string]bool
	// output are the types that outputs use whole. Such objects are read
	// by the output's own expression (a for-expression over them) and,
	// in the calling module, through module.NAME.OUTPUT.ATTR: outputRead
	// are those names. A declaration other than an output that refers to
	// such an output passes the types it carries on (see carried).
	output     map[string]bool
	outputRead map[string]bool
	carriers   map[outputKey]map[string]bool // see carried
	// ends are, per type, the names a direct read ends at
	// (TYPE.NAME[k].rule): nested blocks there may be passed on whole,
	// though the instances are not (see passedBlocks).
	ends map[string]map[string]bool
	// extras and blockExtras are extra and blockExtra per type, worked
	// out once: every resource of the type, in every module call, asks.
	extras      map[string][]string
	blockExtras map[string][]string
	// types are the managed resource types the tree declares.
	types map[string]bool
}

type outputKey struct {
	m   *Module
	out string
}

// collectNames works out the names the tree at root reads.
func collectNames(root *Module) *readNames {
	types := map[string]bool{}
	declaredTypes(root, types)
	n := &readNames{direct: map[string]map[string]bool{}, indirect: map[string]bool{}, passed: map[string]bool{},
		output: map[string]bool{}, outputRead: map[string]bool{}, carriers: map[outputKey]map[string]bool{},
		ends: map[string]map[string]bool{}, extras: map[string][]string{}, blockExtras: map[string][]string{},
		types: types}
	n.collect(root, types)
	return n
}

// extra are the names that objects of typ offer beyond what they are
// configured with: id, which every resource has, the names read directly,
// and those read indirectly when the objects flow on. For types with a
// schema they only matter for names the schema lacks: an attribute of
// another provider version (a v5 deployment's invoke_url) is unknown
// rather than an error, since which version the user runs is not known
// from the source.
func (n *readNames) extra(typ string) []string {
	if names, ok := n.extras[typ]; ok {
		return names
	}
	set := map[string]bool{"id": true}
	for name := range n.direct[typ] {
		set[name] = true
	}
	var more map[string]bool
	switch {
	case n.passed[typ]:
		more = n.indirect
	case n.output[typ]:
		more = n.outputRead
	}
	for name := range more {
		set[name] = true
	}
	names := sortedNames(set)
	n.extras[typ] = names
	return names
}

func sortedNames(set map[string]bool) []string {
	names := make([]string, 0, len(set))
	for name := range set {
		names = append(names, name)
	}
	sort.Strings(names)
	return names
}

// passedBlocks are the attribute names under which nested blocks of typ
// may be passed on whole though the objects are not: the names a direct
// read ends at (TYPE.NAME[k].rule). Nil when there are none, or when the
// objects are passed on whole, and extra(typ) has every indirect name.
func (n *readNames) passedBlocks(typ string) map[string]bool {
	if n.passed[typ] {
		return nil
	}
	return n.ends[typ]
}

// blockExtra are the names nested blocks under passedBlocks(typ) offer:
// extra(typ) and every indirect name. Worked out when a resource first
// has such a block.
func (n *readNames) blockExtra(typ string) []string {
	if names, ok := n.blockExtras[typ]; ok {
		return names
	}
	set := map[string]bool{}
	for _, name := range n.extra(typ) {
		set[name] = true
	}
	for name := range n.indirect {
		set[name] = true
	}
	names := sortedNames(set)
	n.blockExtras[typ] = names
	return names
}

// collect adds the names module m and the modules it calls read. The
// references and attribute reads of each declaration were worked out when
// it was decoded; which steps are names depends on the tree's types.
func (n *readNames) collect(m *Module, types map[string]bool) {
	// TYPE.NAME[*].id and TYPE.NAME[KEY].id read id directly: TYPE.NAME
	// there passes no object on (see splatRead, indexRead).
	var sources map[hcl.Range]bool
	inOutput := false
	declaration := func(refs []attrRef, output bool) {
		inOutput = output
		sources = elementSources(refs)
		for _, r := range refs {
			if r.elementsOf != (hcl.Range{}) {
				n.addDirect(m, r.t, nil, output)
			}
		}
		addAttrRefs(refs, types, n.indirect)
		if output {
			addAttrRefs(refs, types, n.outputRead)
		} else {
			addModuleReads(refs, types, n.outputRead)
		}
	}
	addVars := func(vars []hcl.Traversal) {
		for _, t := range vars {
			n.addDirect(m, t, sources, inOutput)
		}
	}
	for _, l := range m.Locals {
		declaration(l.refs, false)
		addVars(l.vars)
	}
	for _, o := range m.Outputs {
		declaration(o.refs, true)
		addVars(o.vars)
	}
	for _, c := range m.Calls {
		declaration(c.refs, false)
		addVars(c.countVars)
		addVars(c.forEachVars)
		for name := range c.Args {
			addVars(c.argVars[name])
		}
		if c.Child != nil {
			n.collect(c.Child, types)
		}
	}
	for _, r := range m.Resources {
		declaration(r.refs, false)
		addVars(r.countVars)
		addVars(r.forEachVars)
		addVars(r.traversals())
	}
}

// addModuleReads adds the names read after module.NAME.OUTPUT.
func addModuleReads(refs []attrRef, types, into map[string]bool) {
	for _, r := range refs {
		if !r.relative && r.elementsOf == (hcl.Range{}) && r.t.RootName() == "module" {
			addTraversalNames(r.t, firstAttrStep(r.t, types), into)
		}
	}
}

// elementSources are the ranges of the references whose elements refs
// read by attribute (see attrRef.elementsOf); nil when there are none.
func elementSources(refs []attrRef) map[hcl.Range]bool {
	var sources map[hcl.Range]bool
	for _, r := range refs {
		if r.elementsOf != (hcl.Range{}) {
			if sources == nil {
				sources = map[hcl.Range]bool{}
			}
			sources[r.elementsOf] = true
		}
	}
	return sources
}

// addDirect records, for traversal t in module m, the names read through
// TYPE.NAME[...].ATTR, and which types are used whole, in an output or
// elsewhere. elementSources are the ranges of references whose elements
// are read by attribute (see attrRef.elementsOf): those pass no object on.
func (n *readNames) addDirect(m *Module, t hcl.Traversal, elementSources map[hcl.Range]bool, inOutput bool) {
	if t.RootName() == "module" {
		if !inOutput && !elementSources[t.SourceRange()] {
			for typ := range n.moduleCarries(m, t) {
				n.passed[typ] = true
			}
		}
		return
	}
	typ, from, ok := resourceStep(t)
	if !ok {
		return
	}
	last := ""
	for i := from; i < len(t); i++ {
		if a, ok := t[i].(hcl.TraverseAttr); ok {
			if n.direct[typ] == nil {
				n.direct[typ] = map[string]bool{}
			}
			n.direct[typ][a.Name] = true
			last = a.Name
		}
	}
	if last != "" {
		if n.ends[typ] == nil {
			n.ends[typ] = map[string]bool{}
		}
		n.ends[typ][last] = true
		return
	}
	if from > len(t) || elementSources[t.SourceRange()] {
		return
	}
	if inOutput {
		n.output[typ] = true
	} else {
		n.passed[typ] = true
	}
}

// moduleCarries are the types that module reference t in m may return
// whole: those its output carries (any of its outputs, for module.NAME).
// What follows the output's name does not narrow them: an output may be a
// map of objects, and module.NAME.OUTPUT.KEY is one of them.
func (n *readNames) moduleCarries(m *Module, t hcl.Traversal) map[string]bool {
	call := m.Calls[traverseAttr(t, 1)]
	if call == nil || call.Child == nil {
		return nil
	}
	if out := moduleOutputStep(t); out != "" {
		return n.carried(call.Child, out)
	}
	all := map[string]bool{}
	for out := range call.Child.Outputs {
		for typ := range n.carried(call.Child, out) {
			all[typ] = true
		}
	}
	return all
}

// carried are the resource types that output out of module m returns
// whole (as for addDirect), itself or through the outputs of the modules
// m calls. A module tree has no cycles; the entry made before the walk
// ends one all the same.
func (n *readNames) carried(m *Module, out string) map[string]bool {
	k := outputKey{m, out}
	if c, ok := n.carriers[k]; ok {
		return c
	}
	n.carriers[k] = nil
	o := m.Outputs[out]
	if o == nil {
		return nil
	}
	c := map[string]bool{}
	sources := elementSources(o.refs)
	travs := make([]hcl.Traversal, 0, len(o.vars))
	for _, t := range o.vars {
		if !sources[t.SourceRange()] {
			travs = append(travs, t)
		}
	}
	for _, r := range o.refs {
		if r.elementsOf != (hcl.Range{}) {
			travs = append(travs, r.t) // module.NAME[*].OUTPUT returns what OUTPUT does
		}
	}
	for _, t := range travs {
		if t.RootName() == "module" {
			for typ := range n.moduleCarries(m, t) {
				c[typ] = true
			}
			continue
		}
		if typ, from, ok := resourceStep(t); ok && from <= len(t) && !slices.ContainsFunc(t[from:], isAttr) {
			c[typ] = true
		}
	}
	n.carriers[k] = c
	return c
}

// resourceStep is the resource type a traversal may refer to, and the
// index of its first step after TYPE.NAME (data.TYPE.NAME,
// resource.TYPE.NAME); ok is false for the other roots (var, local, each,
// count, self, path, terraform; module is the caller's to handle). A
// for-expression symbol reads as a type too: no resource has its name.
func resourceStep(t hcl.Traversal) (typ string, from int, ok bool) {
	switch root := t.RootName(); root {
	case "module", "var", "local", "each", "count", "self", "path", "terraform":
		return "", 0, false
	case "data", "resource":
		return traverseAttr(t, 1), 3, true
	default:
		return root, 2, true
	}
}

func isAttr(s hcl.Traverser) bool {
	_, ok := s.(hcl.TraverseAttr)
	return ok
}

// declaredTypes collects the managed resource types declared anywhere in the tree.
func declaredTypes(m *Module, into map[string]bool) {
	for _, r := range m.Resources {
		if r.Mode == "managed" {
			into[r.Type] = true
		}
	}
	for _, c := range m.Calls {
		if c.Child != nil {
			declaredTypes(c.Child, into)
		}
	}
}
