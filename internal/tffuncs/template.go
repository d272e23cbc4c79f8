package tffuncs

import (
	"fmt"

	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/hclsyntax"
	"github.com/zclconf/go-cty/cty"
	"github.com/zclconf/go-cty/cty/function"
)

// renderTemplate evaluates template text with the given variables and the
// function table (minus the template functions, which Terraform forbids
// inside templates to prevent recursion).
func renderTemplate(src, name string, vars cty.Value, funcs map[string]function.Function) (cty.Value, error) {
	expr, diags := hclsyntax.ParseTemplate([]byte(src), name, hcl.Pos{Line: 1, Column: 1})
	if diags.HasErrors() {
		return cty.NilVal, diags
	}
	if !vars.IsWhollyKnown() {
		return cty.DynamicVal, nil
	}
	ctxVars := map[string]cty.Value{}
	if !vars.IsNull() {
		if !vars.Type().IsObjectType() && !vars.Type().IsMapType() {
			return cty.NilVal, fmt.Errorf("template variables must be a map or object")
		}
		for it := vars.ElementIterator(); it.Next(); {
			k, v := it.Element()
			ctxVars[k.AsString()] = v
		}
	}
	inner := make(map[string]function.Function, len(funcs))
	for n, f := range funcs {
		if n != "templatefile" && n != "templatestring" {
			inner[n] = f
		}
	}
	val, diags := expr.Value(&hcl.EvalContext{Variables: ctxVars, Functions: inner})
	if diags.HasErrors() {
		return cty.NilVal, diags
	}
	return val, nil
}

func makeTemplateStringFunc(funcs map[string]function.Function) function.Function {
	return function.New(&function.Spec{
		Params: []function.Parameter{{Name: "template", Type: cty.String}, {Name: "vars", Type: cty.DynamicPseudoType}},
		Type:   function.StaticReturnType(cty.DynamicPseudoType),
		Impl: func(args []cty.Value, _ cty.Type) (cty.Value, error) {
			return renderTemplate(args[0].AsString(), "templatestring", args[1], funcs)
		},
	})
}
