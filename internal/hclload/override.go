package hclload

import (
	"fmt"
	"strings"

	"github.com/hashicorp/hcl/v2"
)

// Override files (override.tf, *_override.tf) change what the other files
// declare, as Terraform merges them: an argument in the override replaces
// the original's, and a kind of nested block in the override replaces every
// block of that kind in the original. Locals are replaced one by one.

// mergedBody is an original block's body with an override's on top.
type mergedBody struct {
	base, over hcl.Body
}

func (m *mergedBody) Content(s *hcl.BodySchema) (*hcl.BodyContent, hcl.Diagnostics) {
	c, _, diags := m.PartialContent(s)
	return c, diags
}

func (m *mergedBody) PartialContent(s *hcl.BodySchema) (*hcl.BodyContent, hcl.Body, hcl.Diagnostics) {
	bc, br, diags := m.base.PartialContent(s)
	oc, or, d := m.over.PartialContent(s)
	diags = append(diags, d...)
	out := &hcl.BodyContent{Attributes: hcl.Attributes{}, MissingItemRange: bc.MissingItemRange}
	for k, a := range bc.Attributes {
		out.Attributes[k] = a
	}
	for k, a := range oc.Attributes {
		out.Attributes[k] = a
	}
	replaced := map[string]bool{}
	for _, b := range oc.Blocks {
		replaced[blockKind(b.Type, b.Labels)] = true
	}
	for _, b := range bc.Blocks {
		if !replaced[blockKind(b.Type, b.Labels)] {
			out.Blocks = append(out.Blocks, b)
		}
	}
	out.Blocks = append(out.Blocks, oc.Blocks...)
	return out, &mergedBody{base: br, over: or}, diags
}

func (m *mergedBody) JustAttributes() (hcl.Attributes, hcl.Diagnostics) {
	attrs, diags := m.base.JustAttributes()
	over, d := m.over.JustAttributes()
	diags = append(diags, d...)
	out := hcl.Attributes{}
	for k, a := range attrs {
		out[k] = a
	}
	for k, a := range over {
		out[k] = a
	}
	return out, diags
}

func (m *mergedBody) MissingItemRange() hcl.Range { return m.base.MissingItemRange() }

// blockKind is what an override replaces: a dynamic block counts as the
// kind of block it generates.
func blockKind(typ string, labels []string) string {
	if typ == "dynamic" && len(labels) == 1 {
		return labels[0]
	}
	return typ
}

// mergeParts merges the attributes and blocks of a body (see bodyParts) the
// way an override does.
func mergeParts(baseAttrs, overAttrs map[string]*hcl.Attribute, baseBlocks, overBlocks []block) (map[string]*hcl.Attribute, []block) {
	for k, a := range overAttrs {
		baseAttrs[k] = a
	}
	replaced := map[string]bool{}
	for _, b := range overBlocks {
		replaced[blockKind(b.Type, b.Labels)] = true
	}
	var blocks []block
	for _, b := range baseBlocks {
		if !replaced[blockKind(b.Type, b.Labels)] {
			blocks = append(blocks, b)
		}
	}
	return baseAttrs, append(blocks, overBlocks...)
}

// applyOverride merges one override file into the module.
func (m *Module) applyOverride(body hcl.Body) hcl.Diagnostics {
	content, diags := body.Content(fileSchema)
	for _, b := range content.Blocks {
		switch b.Type {
		case "locals":
			attrs, d := b.Body.JustAttributes()
			diags = append(diags, d...)
			for name, a := range attrs {
				if m.Locals[name] == nil {
					diags = append(diags, missingBase("local value", name, a.NameRange))
					continue
				}
				m.Locals[name] = newLocal(name, a.Expr)
			}
		case "variable", "output", "module", "resource", "data":
			key := b.Type + "." + strings.Join(b.Labels, ".")
			if b.Type == "data" {
				key = "resource.data." + strings.Join(b.Labels, ".")
			}
			orig := m.blocks[key]
			if orig == nil {
				diags = append(diags, missingBase(b.Type, strings.Join(b.Labels, "."), b.DefRange))
				continue
			}
			merged := &hcl.Block{Type: orig.Type, Labels: orig.Labels, Body: &mergedBody{base: orig.Body, over: b.Body},
				DefRange: orig.DefRange, TypeRange: orig.TypeRange, LabelRanges: orig.LabelRanges}
			m.blocks[key] = merged
			diags = append(diags, m.redecode(merged)...)
		}
	}
	return diags
}

// redecode replaces a declaration with its merged block's.
func (m *Module) redecode(merged *hcl.Block) hcl.Diagnostics {
	switch merged.Type {
	case "variable":
		v, d := decodeVariable(merged)
		m.Variables[v.Name] = v
		return d
	case "output":
		o, d := decodeOutput(merged)
		if o != nil {
			m.Outputs[o.Name] = o
		}
		return d
	case "module":
		c, d := decodeModuleCall(merged)
		m.Calls[c.Name] = c
		return d
	}
	r, d := decodeResource(merged)
	r.EndLine = m.Resources[r.Key()].EndLine // where the resource is declared
	m.Resources[r.Key()] = r
	return d
}

func missingBase(what, name string, rng hcl.Range) *hcl.Diagnostic {
	return &hcl.Diagnostic{Severity: hcl.DiagError, Summary: "nothing to override",
		Detail: fmt.Sprintf("an override file sets %s %q, which no other file of the module declares", what, name), Subject: rng.Ptr()}
}
