package hclload

import (
	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/hclsyntax"
	"github.com/tfcomply/tfcomply/internal/awsschema"
)

// block is a nested block found in a body without a provider schema.
type block struct {
	Type     string
	Labels   []string
	Body     hcl.Body
	DefRange hcl.Range
}

// resourceMeta are the meta-arguments of resource blocks: they configure
// Terraform, not the resource, so they are not part of its value.
var resourceMeta = map[string]bool{
	"count": true, "for_each": true, "depends_on": true, "provider": true,
	"lifecycle": true, "provisioner": true, "connection": true,
}

// bodyParts splits a body into attributes and nested blocks. Native syntax
// says which is which; JSON does not, so there the known block names of the
// resource type decide (see schema.go), and the rest are attributes.
func bodyParts(body hcl.Body, typ string, top bool) (map[string]*hcl.Attribute, []block, hcl.Diagnostics) {
	if mb, ok := body.(*mergedBody); ok {
		baseAttrs, baseBlocks, diags := bodyParts(mb.base, typ, top)
		overAttrs, overBlocks, d := bodyParts(mb.over, typ, top)
		attrs, blocks := mergeParts(baseAttrs, overAttrs, baseBlocks, overBlocks)
		return attrs, blocks, append(diags, d...)
	}
	attrs := map[string]*hcl.Attribute{}
	var blocks []block
	if sb, ok := body.(*hclsyntax.Body); ok {
		for name, a := range sb.Attributes {
			if top && resourceMeta[name] {
				continue
			}
			attrs[name] = a.AsHCLAttribute()
		}
		for _, b := range sb.Blocks {
			if top && resourceMeta[b.Type] {
				continue
			}
			blocks = append(blocks, block{Type: b.Type, Labels: b.Labels, Body: b.Body, DefRange: b.DefRange()})
		}
		return attrs, blocks, nil
	}
	schema := jsonSchema(typ, top)
	content, remain, diags := body.PartialContent(schema)
	for _, b := range content.Blocks {
		if top && resourceMeta[b.Type] {
			continue
		}
		blocks = append(blocks, block{Type: b.Type, Labels: b.Labels, Body: b.Body, DefRange: b.DefRange})
	}
	rest, d := remain.JustAttributes()
	diags = append(diags, d...)
	for name, a := range rest {
		attrs[name] = a
	}
	return attrs, blocks, diags
}

func jsonSchema(typ string, top bool) *hcl.BodySchema {
	s := &hcl.BodySchema{Blocks: []hcl.BlockHeaderSchema{{Type: "dynamic", LabelNames: []string{"type"}}}}
	for name := range awsschema.BlockNames(typ) {
		s.Blocks = append(s.Blocks, hcl.BlockHeaderSchema{Type: name})
	}
	if top {
		s.Attributes = []hcl.AttributeSchema{{Name: "count"}, {Name: "for_each"}, {Name: "depends_on"}, {Name: "provider"}}
		s.Blocks = append(s.Blocks,
			hcl.BlockHeaderSchema{Type: "lifecycle"},
			hcl.BlockHeaderSchema{Type: "connection"},
			hcl.BlockHeaderSchema{Type: "provisioner", LabelNames: []string{"type"}})
	}
	return s
}

// blockEndLine is the last line of a block, for reports that show the whole
// resource.
func blockEndLine(b *hcl.Block) int {
	if sb, ok := b.Body.(*hclsyntax.Body); ok {
		return sb.SrcRange.End.Line
	}
	return b.DefRange.End.Line
}

// bodyTraversals returns every variable reference in a resource body,
// including nested and dynamic blocks, for the dependency graph.
func bodyTraversals(body hcl.Body, typ string, top bool) []hcl.Traversal {
	attrs, blocks, _ := bodyParts(body, typ, top)
	var out []hcl.Traversal
	for _, a := range attrs {
		out = append(out, a.Expr.Variables()...)
	}
	for _, b := range blocks {
		out = append(out, bodyTraversals(b.Body, typ, false)...)
	}
	return out
}

// Attribute names: an expression reads attribute names through traversals
// that do not start at a resource (each.value.arn, s.arn in a for
// expression, x[*].arn), so that resource values offer those attributes.
// The steps that name a variable, local, module output or resource are not
// attribute names and are skipped (see firstAttrStep; resourceTypes are the
// types declared in the configuration, roots of resource references).

// attrRef is a traversal names are read from: relative ones (x[*].arn)
// from their first step, the others from firstAttrStep.
type attrRef struct {
	t        hcl.Traversal
	relative bool
	// elementsOf, when not zero, is the range of a reference whose
	// elements t reads attributes of, TYPE.NAME[*].id or TYPE.NAME[KEY].id
	// as TYPE.NAME.id (see splatRead, indexRead): that reference passes
	// no object on.
	elementsOf hcl.Range
}

// exprAttrRefs appends the traversals of expr that names are read from. They
// depend on the expression alone, so declarations work them out once
// (see decodeFile); which steps are names depends on the tree's types.
func exprAttrRefs(expr hcl.Expression, into []attrRef) []attrRef {
	if expr == nil {
		return into
	}
	se, ok := expr.(hclsyntax.Expression)
	if !ok {
		for _, t := range expr.Variables() {
			into = append(into, attrRef{t: t})
		}
		return into
	}
	_ = hclsyntax.VisitAll(se, func(n hclsyntax.Node) hcl.Diagnostics {
		switch e := n.(type) {
		case *hclsyntax.ScopeTraversalExpr:
			into = append(into, attrRef{t: e.Traversal})
		case *hclsyntax.RelativeTraversalExpr:
			into = append(into, attrRef{t: e.Traversal, relative: true})
			if t, src := indexRead(e); t != nil {
				into = append(into, attrRef{t: t, elementsOf: src})
			}
		case *hclsyntax.SplatExpr:
			if t, src := splatRead(e); t != nil {
				into = append(into, attrRef{t: t, elementsOf: src})
			}
		}
		return nil
	})
	return into
}

// indexRead is SOURCE[KEY].ATTR... as one traversal, SOURCE.ATTR..., with
// the range of SOURCE, when SOURCE is a reference and the key an
// expression (a constant key leaves one traversal, which addDirect reads
// as it is): aws_iam_role.this[each.key].arn reads arn from an instance
// and passes none on, as a splat reading attributes does (see splatRead).
func indexRead(e *hclsyntax.RelativeTraversalExpr) (hcl.Traversal, hcl.Range) {
	idx, ok := e.Source.(*hclsyntax.IndexExpr)
	if !ok || len(e.Traversal) == 0 {
		return nil, hcl.Range{}
	}
	src, ok := idx.Collection.(*hclsyntax.ScopeTraversalExpr)
	if !ok {
		return nil, hcl.Range{}
	}
	return elementRead(src.Traversal, e.Traversal)
}

// splatRead is SOURCE[*].ATTR... as one traversal, SOURCE.ATTR..., with the
// range of SOURCE, when the splat's source is a reference and each element
// is read by an attribute first. Such a splat reads attributes of the
// elements and passes none of them on: aws_security_group.this[*].id reads
// id from each instance, as aws_security_group.this[0].id does. Any other
// splat (TYPE.NAME[*], a nested splat) may pass its elements on.
func splatRead(e *hclsyntax.SplatExpr) (hcl.Traversal, hcl.Range) {
	src, ok := e.Source.(*hclsyntax.ScopeTraversalExpr)
	if !ok {
		return nil, hcl.Range{}
	}
	each, ok := e.Each.(*hclsyntax.RelativeTraversalExpr)
	if !ok || len(each.Traversal) == 0 {
		return nil, hcl.Range{}
	}
	if _, anon := each.Source.(*hclsyntax.AnonSymbolExpr); !anon {
		return nil, hcl.Range{}
	}
	return elementRead(src.Traversal, each.Traversal)
}

// elementRead is src followed by steps, with the range of src, when the
// first step reads an attribute (an element read by index may be anything).
func elementRead(src, steps hcl.Traversal) (hcl.Traversal, hcl.Range) {
	if _, attr := steps[0].(hcl.TraverseAttr); !attr {
		return nil, hcl.Range{}
	}
	t := make(hcl.Traversal, 0, len(src)+len(steps))
	t = append(append(t, src...), steps...)
	return t, src.SourceRange()
}

// addAttrRefs adds the attribute names the traversals read.
func addAttrRefs(refs []attrRef, resourceTypes, into map[string]bool) {
	for _, r := range refs {
		if r.elementsOf != (hcl.Range{}) {
			// Its steps are those of its source and of the relative
			// traversal each element is read through, both refs too.
			continue
		}
		from := 0
		if !r.relative {
			from = firstAttrStep(r.t, resourceTypes)
		}
		addTraversalNames(r.t, from, into)
	}
}

// firstAttrStep is the index of the first traversal step that may read an
// attribute of a resource value.
func firstAttrStep(t hcl.Traversal, resourceTypes map[string]bool) int {
	switch root := t.RootName(); {
	case root == "data":
		return 3 // data.TYPE.NAME: direct reads are counted per type
	case root == "resource":
		return len(t) // resource.TYPE.NAME.ATTR: counted per type by addDirect
	case root == "module":
		if moduleOutputStep(t) != "" {
			for i := 2; i < len(t); i++ {
				if _, ok := t[i].(hcl.TraverseAttr); ok {
					return i + 1
				}
			}
		}
		return len(t)
	case resourceTypes[root]:
		return len(t) // TYPE.NAME.ATTR: counted per type by addDirect
	case root == "var" || root == "local" || root == "each":
		return 2 // var.NAME, local.NAME, each.value: the second step is a name, not an attribute
	}
	return 1 // a for-expression symbol, a dynamic block iterator, self: every step may be an attribute
}

func addTraversalNames(t hcl.Traversal, from int, into map[string]bool) {
	for i := from; i < len(t); i++ {
		if a, ok := t[i].(hcl.TraverseAttr); ok {
			into[a.Name] = true
		}
	}
}

// bodyAttrRefs is exprAttrRefs for every expression of a body.
func bodyAttrRefs(body hcl.Body, typ string, top bool, into []attrRef) []attrRef {
	attrs, blocks, _ := bodyParts(body, typ, top)
	for _, a := range attrs {
		into = exprAttrRefs(a.Expr, into)
	}
	for _, b := range blocks {
		into = bodyAttrRefs(b.Body, typ, false, into)
	}
	return into
}
