package hclload

import (
	"fmt"
	"strings"
	"sync"

	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/hclsyntax"
	"github.com/tfcomply/tfcomply/internal/model"
	"github.com/tfcomply/tfcomply/internal/parallel"
	"github.com/zclconf/go-cty/cty"
)

// evalResource expands a resource in one module instance and decodes the
// body of each instance into a cty object.
func (e *evaluator) evalResource(mi *modInst, r *Resource) {
	ri := &resourceInstances{cfg: r}
	// Published when complete: a reference to the resource from its own
	// body (reported as a cycle) sees a pending value, not half of it.
	defer func() { mi.res[r.Key()] = ri }()
	what := "the count or for_each of " + joinPath(mi.path, r.Key())
	ri.exp = e.expand(mi, r.Count, r.ForEach, r.countVars, r.forEachVars, what)
	n := len(ri.exp.keys)
	if ri.exp.kind == expandSingle {
		n = 1
	}
	if n == 0 {
		return
	}
	// One scope for every instance; each/count are added per instance.
	base := e.context(mi, r.traversals(), nil)
	// The parts of the body are kept for the next instance only when
	// there is one: 10,000 resources of one instance each would keep
	// 20 MB of parts nobody reads again.
	e.keepParts = n > 1
	defer func() { e.keepParts = false }()
	dependsOn := e.dependsOn(mi, r.DependsOn)
	rng := model.Range{AbsFile: r.DefRange.Filename, Line: r.DefRange.Start.Line, EndLine: r.EndLine}
	reps := make([]*repetition, n)
	vals := make([]cty.Value, n)
	value := func(e *evaluator, i int) {
		reps[i] = ri.exp.rep(i)
		ctx := base
		if vars := reps[i].variables(); vars != nil {
			ctx = base.NewChild()
			ctx.Variables = vars
		}
		vals[i] = e.decodeBody(ctx, r.Body, r.Type, true)
	}
	if n >= parallelInstances && !callsFileFunction(r.Body) {
		// Each instance on its own, on every core; their problems are
		// then added in instance order, so the report is the one the
		// instances give one after another.
		diags := make([]hcl.Diagnostics, n)
		parallel.For(n, func(i int) {
			w := e.forInstance()
			value(w, i)
			diags[i] = w.diags
		})
		for _, d := range diags {
			e.addOnce(d)
		}
	} else {
		for i := 0; i < n; i++ {
			value(e, i)
		}
	}
	for i := 0; i < n; i++ {
		inst := &model.Instance{
			Module: mi.path, Mode: r.Mode, Type: r.Type, Name: r.Name, Key: reps[i].key,
			DependsOn: dependsOn, Range: rng, Value: vals[i],
		}
		inst.Address = joinPath(mi.path, r.Key()+keySuffix(reps[i].key))
		ri.insts = append(ri.insts, inst)
		e.out = append(e.out, inst)
	}
}

// parallelInstances is the number of instances from which a resource's
// instances are evaluated concurrently.
const parallelInstances = 256

// forInstance is an evaluator for one instance's body, evaluated beside
// others: it shares what is read only, and keeps its own problems.
func (e *evaluator) forInstance() *evaluator {
	return &evaluator{rootDir: e.rootDir, files: e.files, funcs: e.funcs, parts: e.parts, keepParts: e.keepParts}
}

// callsFileFunction reports whether an expression of body calls a function
// that reads files: those note what they could not read for the expression
// being evaluated (see fileNotes), one expression at a time.
func callsFileFunction(body hcl.Body) bool {
	sb, ok := body.(*hclsyntax.Body)
	if !ok {
		return true
	}
	found := false
	_ = hclsyntax.VisitAll(sb, func(n hclsyntax.Node) hcl.Diagnostics {
		if call, ok := n.(*hclsyntax.FunctionCallExpr); ok {
			name := strings.TrimPrefix(call.Name, "core::")
			if strings.HasPrefix(name, "file") || name == "templatefile" {
				found = true
			}
		}
		return nil
	})
	return found
}

// dependsOn turns depends_on entries (references, or 0.11-style strings)
// into module-qualified resource or module addresses.
func (e *evaluator) dependsOn(mi *modInst, exprs []hcl.Expression) []string {
	var out []string
	for _, expr := range exprs {
		var ref string
		if t, d := hcl.AbsTraversalForExpr(expr); !d.HasErrors() {
			ref = traversalString(t)
		} else if v, d := expr.Value(nil); !d.HasErrors() && v.Type() == cty.String && v.IsKnown() && !v.IsNull() {
			ref = v.AsString()
		} else {
			e.addOnce(hcl.Diagnostics{{Severity: hcl.DiagError, Summary: "invalid depends_on entry",
				Detail: "depends_on takes references to resources or modules", Subject: expr.Range().Ptr()}})
			continue
		}
		out = append(out, joinPath(mi.path, ref))
	}
	return out
}

func traversalString(t hcl.Traversal) string {
	var b strings.Builder
	for _, step := range t {
		switch s := step.(type) {
		case hcl.TraverseRoot:
			b.WriteString(s.Name)
		case hcl.TraverseAttr:
			b.WriteString("." + s.Name)
		case hcl.TraverseIndex:
			b.WriteString(keySuffix(s.Key))
		}
	}
	return b.String()
}

// decodeBody evaluates a body without a schema: each attribute to its value,
// each kind of nested block to a tuple of objects, dynamic blocks expanded.
func (e *evaluator) decodeBody(ctx *hcl.EvalContext, body hcl.Body, typ string, top bool) cty.Value {
	attrs, blocks, diags := e.bodyParts(body, typ, top)
	e.addOnce(diags)
	vals := make(map[string]cty.Value, len(attrs)+len(blocks))
	for name, a := range attrs {
		vals[name] = e.evalIn(ctx, a.Expr)
	}
	nested := map[string][]cty.Value{}
	unknownBlocks := map[string]cty.ValueMarks{}
	// decidedBy holds the marks of known for_each values of dynamic
	// blocks: when they make no block, the empty value keeps them, so a
	// result can say which setting turned the block off.
	decidedBy := map[string]cty.ValueMarks{}
	for _, b := range blocks {
		if b.Type == "dynamic" && len(b.Labels) == 1 {
			objs, marks, known := e.expandDynamic(ctx, b, typ)
			name := b.Labels[0]
			nested[name] = append(nested[name], objs...)
			if !known {
				unknownBlocks[name] = unionMarks(marks, unknownBlocks[name])
			} else if len(marks) > 0 {
				decidedBy[name] = unionMarks(marks, decidedBy[name])
			}
			continue
		}
		nested[b.Type] = append(nested[b.Type], e.decodeBody(ctx, b.Body, typ, false))
	}
	for name, objs := range nested {
		if _, clash := vals[name]; clash {
			e.addOnce(hcl.Diagnostics{{Severity: hcl.DiagError, Summary: "attribute and block of one name",
				Detail: fmt.Sprintf("%q is set both as an argument and as a block", name), Subject: body.MissingItemRange().Ptr()}})
		}
		if marks, unknown := unknownBlocks[name]; unknown {
			vals[name] = cty.DynamicVal.WithMarks(marks)
			continue
		}
		if len(objs) == 0 && len(decidedBy[name]) > 0 {
			vals[name] = cty.EmptyTupleVal.WithMarks(decidedBy[name])
			continue
		}
		vals[name] = cty.TupleVal(objs)
	}
	return cty.ObjectVal(vals)
}

var dynamicSchema = &hcl.BodySchema{
	Attributes: []hcl.AttributeSchema{{Name: "for_each"}, {Name: "iterator"}, {Name: "labels"}},
	Blocks:     []hcl.BlockHeaderSchema{{Type: "content"}},
}

// expandDynamic produces the blocks of a `dynamic` block. known is false when
// its for_each cannot be known, and marks then say why; when it is known
// and makes no block, marks are those of the for_each value (what decided
// there is none).
func (e *evaluator) expandDynamic(ctx *hcl.EvalContext, b block, typ string) (objs []cty.Value, marks cty.ValueMarks, known bool) {
	content, diags := b.Body.Content(dynamicSchema)
	e.addOnce(diags)
	forEach := content.Attributes["for_each"]
	if forEach == nil || len(content.Blocks) != 1 {
		e.addOnce(hcl.Diagnostics{{Severity: hcl.DiagError, Summary: "incomplete dynamic block",
			Detail: "a dynamic block needs for_each and one content block", Subject: b.DefRange.Ptr()}})
		return nil, nil, true
	}
	body := content.Blocks[0].Body
	iterName := b.Labels[0]
	if it := content.Attributes["iterator"]; it != nil {
		if kw := hcl.ExprAsKeyword(it.Expr); kw != "" {
			iterName = kw
		}
	}
	coll := e.evalIn(ctx, forEach.Expr)
	plain, collMarks := coll.Unmark()
	if !plain.IsKnown() {
		_, deep := coll.UnmarkDeep()
		return nil, deep, false
	}
	if plain.IsNull() {
		return nil, collMarks, true
	}
	if !plain.CanIterateElements() {
		e.addOnce(hcl.Diagnostics{{Severity: hcl.DiagError, Summary: "invalid dynamic for_each",
			Detail: "for_each of a dynamic block must be a collection", Subject: forEach.Expr.Range().Ptr()}})
		return nil, nil, true
	}
	for it := plain.ElementIterator(); it.Next(); {
		k, v := it.Element()
		child := ctx.NewChild()
		child.Variables = map[string]cty.Value{iterName: cty.ObjectVal(map[string]cty.Value{
			"key": k.WithMarks(collMarks), "value": v.WithMarks(collMarks),
		})}
		objs = append(objs, e.decodeBody(child, body, typ, false))
	}
	if len(objs) == 0 {
		return nil, collMarks, true
	}
	return objs, nil, true
}

// parallelRefs is the number of instances from which resourceRef builds
// their values concurrently.
const parallelRefs = 256

// resourceRef is the value an expression sees for TYPE.NAME: each instance's
// value as Terraform builds it (see refBuilder.object), every attribute
// marked with its origin when the tree's values are explained.
func (e *evaluator) resourceRef(mi *modInst, key string) cty.Value {
	ri := mi.res[key]
	if ri == nil {
		return pendingValue(joinPath(mi.path, key))
	}
	if ri.ref != cty.NilVal {
		return ri.ref
	}
	extra := e.names.extra(ri.cfg.Type)
	objs := make([]cty.Value, len(ri.insts))
	// What every instance shares is worked out here, once: the instances
	// may be built side by side.
	b := refBuilder{explain: e.explain, read: make(map[string]bool, len(extra))}
	for _, n := range extra {
		b.read[n] = true
	}
	if blocks := e.names.passedBlocks(ri.cfg.Type); blocks != nil {
		b.passedBlocks, b.passedExtra = blocks, e.names.blockExtra(ri.cfg.Type)
	}
	build := func(i int) { objs[i] = b.object(ri.insts[i], extra) }
	if len(ri.insts) >= parallelRefs {
		// object reads the instance and the schema and builds new
		// values: the instances of a large resource use every core.
		parallel.For(len(ri.insts), build)
	} else {
		for i := range ri.insts {
			build(i)
		}
	}
	ri.ref = combine(ri.exp, objs)
	if ri.exp.kind == expandUnknown && len(objs) == 1 {
		// The placeholder's attributes are still worth following (an
		// unknown tuple would hide that they come from this resource).
		ri.ref = cty.DynamicVal.WithMarks(ri.exp.marks, cty.NewValueMarks(model.Origin{Addr: ri.insts[0].Address, Attr: "*"}))
	}
	return ri.ref
}

// bodyParts is bodyParts, worked out once for each native-syntax body of
// a resource with several instances and not again for each of its 100,000
// instances (see keepParts). The parts it returns are shared: callers
// read them only.
func (e *evaluator) bodyParts(body hcl.Body, typ string, top bool) (map[string]*hcl.Attribute, []block, hcl.Diagnostics) {
	sb, ok := body.(*hclsyntax.Body)
	if !ok {
		return bodyParts(body, typ, top)
	}
	k := partsKey{sb, top}
	if p, ok := e.parts.get(k); ok {
		return p.attrs, p.blocks, p.diags
	}
	var p parts
	p.attrs, p.blocks, p.diags = bodyParts(body, typ, top)
	if e.keepParts {
		e.parts.put(k, p)
	}
	return p.attrs, p.blocks, p.diags
}

type partsKey struct {
	body *hclsyntax.Body
	top  bool
}

type parts struct {
	attrs  map[string]*hcl.Attribute
	blocks []block
	diags  hcl.Diagnostics
}

// partsCache holds the parts of bodies, for the instances of a resource
// evaluated concurrently.
type partsCache struct {
	mu sync.Mutex
	m  map[partsKey]parts
}

func (c *partsCache) get(k partsKey) (parts, bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	p, ok := c.m[k]
	return p, ok
}

func (c *partsCache) put(k partsKey, p parts) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.m[k] = p
}
