package hclload

import (
	"cmp"
	"slices"
	"strings"

	"github.com/hashicorp/hcl/v2"
)

// The evaluator works over a graph of the static configuration: one node per
// variable, local, output, resource and module call of every module in the
// tree. Evaluating a node evaluates it in every instance of its module, so
// expansion (count/for_each on modules) never multiplies the graph.
type nodeKind int

const (
	nodeVar nodeKind = iota
	nodeLocal
	nodeOutput
	nodeResource
	nodeCall
)

type node struct {
	kind   nodeKind
	mod    *Module
	name   string // variable, local, output or call name; resource key
	prefix string // the module's call path joined with "/", and a "/" after it
	deps   []*node
	users  []*node
	indeg  int  // dependencies not yet ordered; order counts them down
	done   bool // ordered
}

// kindParts are the kinds as the middle of a node's sort key.
var kindParts = [...]string{nodeVar: "0/", nodeLocal: "1/", nodeOutput: "2/", nodeResource: "3/", nodeCall: "4/"}

// compareNodes orders nodes by PREFIX + KIND + "/" + NAME, compared as one
// string without joining it for every node of every root.
func compareNodes(a, b *node) int {
	x := [3]string{a.prefix, kindParts[a.kind], a.name}
	y := [3]string{b.prefix, kindParts[b.kind], b.name}
	xi, yi := 0, 0
	xs, ys := x[0], y[0]
	for {
		for xs == "" && xi < 2 {
			xi++
			xs = x[xi]
		}
		for ys == "" && yi < 2 {
			yi++
			ys = y[yi]
		}
		if xs == "" || ys == "" {
			return cmp.Compare(len(xs), len(ys))
		}
		n := min(len(xs), len(ys))
		if c := strings.Compare(xs[:n], ys[:n]); c != 0 {
			return c
		}
		xs, ys = xs[n:], ys[n:]
	}
}

func (n *node) label() string {
	prefix := ""
	if len(n.mod.CallPath) > 0 {
		prefix = "module." + strings.Join(n.mod.CallPath, ".module.") + "."
	}
	switch n.kind {
	case nodeVar:
		return prefix + "var." + n.name
	case nodeLocal:
		return prefix + "local." + n.name
	case nodeOutput:
		return prefix + "output." + n.name
	case nodeCall:
		return prefix + "module." + n.name
	}
	return prefix + n.name
}

// where is the node's declaration, for a cycle's problem: a range is 64
// bytes, kept for every node of every root only for this.
func (n *node) where() hcl.Range {
	m := n.mod
	switch n.kind {
	case nodeVar:
		return m.Variables[n.name].Range
	case nodeLocal:
		return m.Locals[n.name].Expr.Range()
	case nodeOutput:
		return m.Outputs[n.name].Expr.Range()
	case nodeCall:
		return m.Calls[n.name].DefRange
	}
	return m.Resources[n.name].DefRange
}

type nodeKey struct {
	mod  *Module
	kind nodeKind
	name string
}

type graph struct {
	nodes []*node
	index map[nodeKey]*node
	// selfRefs are nodes whose own expressions refer to themselves.
	selfRefs []*node
}

func buildGraph(root *Module) *graph {
	g := &graph{index: map[nodeKey]*node{}}
	var add func(m *Module)
	add = func(m *Module) {
		prefix := strings.Join(m.CallPath, "/") + "/"
		for name := range m.Variables {
			g.add(m, prefix, nodeVar, name)
		}
		for name := range m.Locals {
			g.add(m, prefix, nodeLocal, name)
		}
		for name := range m.Outputs {
			g.add(m, prefix, nodeOutput, name)
		}
		for key := range m.Resources {
			g.add(m, prefix, nodeResource, key)
		}
		for name, c := range m.Calls {
			g.add(m, prefix, nodeCall, name)
			if c.Child != nil {
				add(c.Child)
			}
		}
	}
	add(root)
	var link func(m *Module)
	link = func(m *Module) {
		for name, l := range m.Locals {
			g.dependOn(g.index[nodeKey{m, nodeLocal, name}], m, l.vars)
		}
		for name, o := range m.Outputs {
			g.dependOn(g.index[nodeKey{m, nodeOutput, name}], m, o.vars)
		}
		for key, r := range m.Resources {
			n := g.index[nodeKey{m, nodeResource, key}]
			g.dependOn(n, m, r.countVars)
			g.dependOn(n, m, r.forEachVars)
			g.dependOn(n, m, r.traversals())
		}
		for name, c := range m.Calls {
			n := g.index[nodeKey{m, nodeCall, name}]
			g.dependOn(n, m, c.countVars)
			g.dependOn(n, m, c.forEachVars)
			if c.Child == nil {
				continue
			}
			for vname := range c.Child.Variables {
				vn := g.index[nodeKey{c.Child, nodeVar, vname}]
				g.edge(vn, n)
				if c.Args[vname] != nil {
					g.dependOn(vn, m, c.argVars[vname])
				}
			}
			// Every node of the module comes after its call, which makes
			// the module's instances: a resource or data source that reads
			// no input would otherwise be evaluated before any instance
			// exists, and vanish.
			for name := range c.Child.Locals {
				g.edge(g.index[nodeKey{c.Child, nodeLocal, name}], n)
			}
			for name := range c.Child.Outputs {
				g.edge(g.index[nodeKey{c.Child, nodeOutput, name}], n)
			}
			for key := range c.Child.Resources {
				g.edge(g.index[nodeKey{c.Child, nodeResource, key}], n)
			}
			for name := range c.Child.Calls {
				g.edge(g.index[nodeKey{c.Child, nodeCall, name}], n)
			}
			link(c.Child)
		}
	}
	link(root)
	slices.SortFunc(g.nodes, compareNodes)
	g.index = nil // only building needs it: evaluation holds the graph
	return g
}

func exprVars(exprs ...hcl.Expression) []hcl.Traversal {
	var out []hcl.Traversal
	for _, e := range exprs {
		if e != nil {
			out = append(out, e.Variables()...)
		}
	}
	return out
}

// add adds a node; prefix is the module's call path joined with "/", and
// a "/" after it.
func (g *graph) add(m *Module, prefix string, kind nodeKind, name string) {
	n := &node{kind: kind, mod: m, name: name, prefix: prefix}
	g.nodes = append(g.nodes, n)
	g.index[nodeKey{m, kind, name}] = n
}

func (g *graph) edge(from, to *node) {
	if from == nil || to == nil {
		return
	}
	if from == to {
		if len(g.selfRefs) == 0 || g.selfRefs[len(g.selfRefs)-1] != from {
			g.selfRefs = append(g.selfRefs, from)
		}
		return
	}
	from.deps = append(from.deps, to)
	to.users = append(to.users, from)
	from.indeg++
}

// dependOn links n to every node that the traversals refer to in module m.
// References to things that do not exist are left to evaluation, which
// reports them with their source location.
func (g *graph) dependOn(n *node, m *Module, travs []hcl.Traversal) {
	for _, t := range travs {
		for _, d := range g.referenced(m, t) {
			g.edge(n, d)
		}
	}
}

func (g *graph) referenced(m *Module, t hcl.Traversal) []*node {
	root := t.RootName()
	step := func(i int) string {
		if i < len(t) {
			if a, ok := t[i].(hcl.TraverseAttr); ok {
				return a.Name
			}
		}
		return ""
	}
	switch root {
	case "var":
		return g.one(m, nodeVar, step(1))
	case "local":
		return g.one(m, nodeLocal, step(1))
	case "each", "count", "self", "path", "terraform":
		return nil
	case "data":
		return g.one(m, nodeResource, "data."+step(1)+"."+step(2))
	case "resource": // resource.TYPE.NAME, Terraform's escape for type names it reserves
		return g.one(m, nodeResource, step(1)+"."+step(2))
	case "module":
		name := step(1)
		call := m.Calls[name]
		out := g.one(m, nodeCall, name)
		if call == nil || call.Child == nil {
			return out
		}
		if attr := moduleOutputStep(t); attr != "" {
			return append(out, g.one(call.Child, nodeOutput, attr)...)
		}
		for oname := range call.Child.Outputs {
			out = append(out, g.one(call.Child, nodeOutput, oname)...)
		}
		return out
	}
	return g.one(m, nodeResource, root+"."+step(1))
}

// moduleOutputStep finds the output name in module.NAME.OUT or module.NAME[KEY].OUT.
func moduleOutputStep(t hcl.Traversal) string {
	for i := 2; i < len(t) && i <= 3; i++ {
		switch s := t[i].(type) {
		case hcl.TraverseAttr:
			return s.Name
		case hcl.TraverseIndex:
			continue
		default:
			return ""
		}
	}
	return ""
}

func (g *graph) one(m *Module, kind nodeKind, name string) []*node {
	if n := g.index[nodeKey{m, kind, name}]; n != nil {
		return []*node{n}
	}
	return nil
}

// cycle is a dependency cycle, said in words, and where its first node is.
type cycle struct {
	what string
	at   hcl.Range
}

// order returns the nodes in dependency order. Nodes caught in a cycle come
// last, and the cycle is described so it can be reported. It counts the
// nodes' in-degrees down: a graph is ordered once.
func (g *graph) order() (ordered []*node, cycles []cycle) {
	ordered = make([]*node, 0, len(g.nodes))
	for _, n := range g.nodes {
		if n.indeg == 0 {
			ordered = append(ordered, n)
		}
	}
	// ordered is also the queue: the nodes after next are ready.
	for next := 0; next < len(ordered); next++ {
		n := ordered[next]
		n.done = true
		for _, u := range n.users {
			u.indeg--
			if u.indeg == 0 {
				ordered = append(ordered, u)
			}
		}
	}
	for _, n := range g.selfRefs {
		cycles = append(cycles, cycle{n.label() + " refers to itself", n.where()})
	}
	if len(ordered) == len(g.nodes) {
		return ordered, cycles
	}
	var rest []*node
	for _, n := range g.nodes {
		if !n.done {
			rest = append(rest, n)
		}
	}
	reported := map[*node]bool{}
	for _, n := range rest {
		if reported[n] {
			continue
		}
		if c := findCycle(n); len(c) > 0 {
			labels := make([]string, len(c))
			for i, cn := range c {
				labels[i] = cn.label()
				reported[cn] = true
			}
			cycles = append(cycles, cycle{strings.Join(labels, " -> ") + " -> " + labels[0], c[0].where()})
		}
	}
	return append(ordered, rest...), cycles
}

// findCycle walks dependencies from start among unfinished nodes until a
// node repeats, and returns that loop.
func findCycle(start *node) []*node {
	pos := map[*node]int{}
	var path []*node
	n := start
	for n != nil {
		if i, seen := pos[n]; seen {
			return path[i:]
		}
		pos[n] = len(path)
		path = append(path, n)
		var next *node
		for _, d := range n.deps {
			if !d.done {
				next = d
				break
			}
		}
		n = next
	}
	return nil
}
