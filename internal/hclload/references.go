package hclload

import (
	"fmt"
	"strings"

	"github.com/hashicorp/hcl/v2"
)

// checkReferences reports references to variables, locals, module calls and
// resources that a module does not declare, with Terraform's wording.
// Terraform checks this on the configuration, before and regardless of
// evaluation: also in resources with count = 0 and in modules called with
// for_each = {}, whose bodies are never evaluated.
func (e *evaluator) checkReferences(m *Module) {
	where := "the root module"
	if len(m.CallPath) > 0 {
		where = "module." + strings.Join(m.CallPath, ".module.")
	}
	types := map[string]bool{}
	for _, r := range m.Resources {
		if r.Mode == "managed" {
			types[r.Type] = true
		}
	}
	check := func(travs []hcl.Traversal, iterators map[string]bool) {
		for _, t := range travs {
			if d := undeclared(m, types, t, where, iterators); d != nil {
				e.addOnce(hcl.Diagnostics{d})
			}
		}
	}
	for _, l := range m.Locals {
		check(l.vars, nil)
	}
	for _, o := range m.Outputs {
		check(o.vars, nil)
	}
	for _, c := range m.Calls {
		check(c.countVars, nil)
		check(c.forEachVars, nil)
		for name := range c.Args {
			check(c.argVars[name], nil)
		}
		if c.Child != nil {
			e.checkReferences(c.Child)
		}
	}
	for _, r := range m.Resources {
		check(r.countVars, nil)
		check(r.forEachVars, nil)
		check(r.traversals(), r.iterators)
	}
}

// undeclared returns Terraform's error for a reference to something m does
// not declare, or nil.
func undeclared(m *Module, types map[string]bool, t hcl.Traversal, where string, iterators map[string]bool) *hcl.Diagnostic {
	root := t.RootName()
	name := traverseAttr(t, 1)
	if name == "" || iterators[root] {
		return nil // a dynamic block's iterator may be named anything, data included
	}
	diag := func(summary, detail string) *hcl.Diagnostic {
		rng := t.SourceRange()
		return &hcl.Diagnostic{Severity: hcl.DiagError, Summary: summary, Detail: detail, Subject: &rng}
	}
	switch root {
	case "var":
		if m.Variables[name] == nil {
			return diag("Reference to undeclared input variable", fmt.Sprintf(
				"An input variable with the name %q has not been declared. This variable can be declared with a variable %q {} block.", name, name))
		}
	case "local":
		if m.Locals[name] == nil {
			return diag("Reference to undeclared local value", fmt.Sprintf("A local value with the name %q has not been declared.", name))
		}
	case "module":
		if m.Calls[name] == nil {
			return diag("Reference to undeclared module", fmt.Sprintf("No module call named %q is declared in %s.", name, where))
		}
	case "data":
		rname := traverseAttr(t, 2)
		if rname != "" && m.Resources["data."+name+"."+rname] == nil {
			return diag("Reference to undeclared resource", fmt.Sprintf("A data resource %q %q has not been declared in %s.", name, rname, where))
		}
	case "resource":
		rname := traverseAttr(t, 2)
		if rname != "" && m.Resources[name+"."+rname] == nil {
			return diag("Reference to undeclared resource", fmt.Sprintf("A managed resource %q %q has not been declared in %s.", name, rname, where))
		}
	case "each", "count", "self", "path", "terraform", "ephemeral":
	default:
		// TYPE.NAME: only where TYPE is a resource type this module
		// declares (anything else may be a dynamic block's iterator).
		if m.Resources[root+"."+name] != nil || !types[root] {
			return nil
		}
		return diag("Reference to undeclared resource", fmt.Sprintf("A managed resource %q %q has not been declared in %s.", root, name, where))
	}
	return nil
}

// dynamicIterators are the names dynamic blocks bind in a body (their
// label, or their iterator argument), at any depth.
func dynamicIterators(body hcl.Body, typ string) map[string]bool {
	out := map[string]bool{}
	var walk func(hcl.Body, bool)
	walk = func(b hcl.Body, top bool) {
		_, blocks, _ := bodyParts(b, typ, top)
		for _, blk := range blocks {
			if blk.Type == "dynamic" && len(blk.Labels) == 1 {
				out[blk.Labels[0]] = true
				if c, _, _ := blk.Body.PartialContent(dynamicSchema); c != nil {
					if it := c.Attributes["iterator"]; it != nil {
						if kw := hcl.ExprAsKeyword(it.Expr); kw != "" {
							out[kw] = true
						}
					}
				}
			}
			walk(blk.Body, false)
		}
	}
	walk(body, true)
	return out
}
