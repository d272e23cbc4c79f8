package hclload

import (
	"github.com/hashicorp/hcl/v2"
	"github.com/tfcomply/tfcomply/internal/parallel"
)

// A root with thousands of resources evaluates them one node at a time,
// in dependency order. Resources that come one after another in that order
// and do not refer to each other are evaluated side by side instead: each
// reads only what it refers to (published before the run began), and its
// instances and problems are published afterwards in the order one after
// another gives, so the result is the same.

// concurrentResources is the number of resource instances (resources times
// the module instances they are in) from which a run of independent
// resources is evaluated on every core.
const concurrentResources = 64

// evalInOrder evaluates the nodes in order, each in every instance of its
// module; long runs of resources side by side where they allow it.
func (e *evaluator) evalInOrder(ordered []*node) {
	in := map[*node]bool{}
	for i := 0; i < len(ordered); {
		end, pairs := e.resourceRun(ordered, i)
		if pairs < concurrentResources {
			next := max(end, i+1)
			e.evalOneAfterAnother(ordered[i:next])
			i = next
			continue
		}
		for i < end {
			k, pairs := e.independentResources(ordered[i:end], in)
			if pairs >= concurrentResources {
				e.evalResourcesConcurrently(ordered[i : i+k])
				i += k
				continue
			}
			next := i + max(k, 1)
			e.evalOneAfterAnother(ordered[i:next])
			i = next
		}
	}
}

func (e *evaluator) evalOneAfterAnother(nodes []*node) {
	for _, n := range nodes {
		for _, mi := range e.instances[n.mod] {
			e.evalNode(n, mi)
		}
	}
}

// resourceRun finds the resource nodes that follow one another from
// ordered[i], and the (resource, module instance) pairs they make: a cheap
// look before anything is checked. Module instances are known by then:
// every module call comes before the nodes of its module.
func (e *evaluator) resourceRun(ordered []*node, i int) (end, pairs int) {
	for end = i; end < len(ordered) && ordered[end].kind == nodeResource; end++ {
		pairs += len(e.instances[ordered[end].mod])
	}
	return end, pairs
}

// independentResources counts the nodes at the start of nodes (resources)
// that can be evaluated side by side (see concurrentSafe), none referring
// to another of them, and the pairs they make. in is scratch space.
func (e *evaluator) independentResources(nodes []*node, in map[*node]bool) (k, pairs int) {
	clear(in)
	for ; k < len(nodes); k++ {
		n := nodes[k]
		if r := n.mod.Resources[n.name]; r == nil || !r.sideBySide() {
			return k, pairs
		}
		for _, d := range n.deps {
			if in[d] {
				return k, pairs
			}
		}
		in[n] = true
		pairs += len(e.instances[n.mod])
	}
	return k, pairs
}

// concurrentSafe reports whether a resource can be evaluated beside
// others: it calls no file function (those note unread files for the
// expression being evaluated) and reads no module output (a module call's
// outputs are cached as they are first read).
func concurrentSafe(r *Resource) bool {
	if callsFileFunction(r.Body) || exprCallsFileFunction(r.Count) || exprCallsFileFunction(r.ForEach) {
		return false
	}
	for _, travs := range [][]hcl.Traversal{r.traversals(), r.countVars, r.forEachVars} {
		for _, t := range travs {
			if t.RootName() == "module" {
				return false
			}
		}
	}
	return true
}

// evalResourcesConcurrently evaluates independent resources (see
// independentResources) on every core, then adds their problems and
// publishes their instances in order.
func (e *evaluator) evalResourcesConcurrently(nodes []*node) {
	type job struct {
		mi *modInst
		r  *Resource
	}
	var jobs []job
	for _, n := range nodes {
		for _, mi := range e.instances[n.mod] {
			jobs = append(jobs, job{mi, mi.cfg.Resources[n.name]})
		}
	}
	ris := make([]*resourceInstances, len(jobs))
	diags := make([]hcl.Diagnostics, len(jobs))
	parallel.For(len(jobs), func(i int) {
		w := e.worker()
		ris[i] = w.resourceInstancesOf(jobs[i].mi, jobs[i].r)
		diags[i] = w.diags
	})
	for i, j := range jobs {
		e.addOnce(diags[i])
		e.publishResource(j.mi, ris[i])
	}
}
