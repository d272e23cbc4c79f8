package estimate

import (
	"os"
	"strings"

	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/hclparse"
	"github.com/tfcomply/tfcomply/internal/hclload"
	"github.com/zclconf/go-cty/cty"
)

// maxConfigFile bounds the files read for the provider's region, as the
// evaluator bounds what file functions read.
const maxConfigFile = 10 << 20

var providerSchema = &hcl.BodySchema{Blocks: []hcl.BlockHeaderSchema{
	{Type: "provider", LabelNames: []string{"name"}},
	{Type: "variable", LabelNames: []string{"name"}},
}}

var providerAttrs = &hcl.BodySchema{Attributes: []hcl.AttributeSchema{{Name: "region"}, {Name: "alias"}}}

var variableAttrs = &hcl.BodySchema{Attributes: []hcl.AttributeSchema{{Name: "default"}}}

// ProviderRegion reads the region of a root's default aws provider block
// (the one without an alias): a literal, or a root variable with its
// value as Terraform would set it (its default, TF_VAR_*, terraform.tfvars,
// *.auto.tfvars, then -var and -var-file in order). "" when the root
// names no region this way. Only regular files in dir are read.
func ProviderRegion(dir string, vars []hclload.VarFlag, environ []string) string {
	if dir == "" {
		return ""
	}
	// The files the evaluator reads, as it reads them (a .tofu file hides
	// the .tf file of its name), override files last.
	primary, overrides, _, err := hclload.ConfigFiles(dir)
	if err != nil {
		return ""
	}
	p := hclparse.NewParser()
	var regionExpr hcl.Expression
	defaults := map[string]cty.Value{}
	for _, path := range append(primary, overrides...) {
		f := parse(p, path)
		if f == nil {
			continue
		}
		content, _, _ := f.Body.PartialContent(providerSchema)
		for _, b := range content.Blocks {
			attrs, _, _ := b.Body.PartialContent(providerAttrs)
			switch {
			case b.Type == "provider" && b.Labels[0] == "aws" && attrs.Attributes["alias"] == nil && attrs.Attributes["region"] != nil:
				regionExpr = attrs.Attributes["region"].Expr
			case b.Type == "variable":
				if d := variableDefault(b); d != cty.NilVal {
					defaults[b.Labels[0]] = d
				}
			}
		}
	}
	if regionExpr == nil {
		return ""
	}
	if v, diags := regionExpr.Value(nil); !diags.HasErrors() {
		return knownString(v)
	}
	// var.NAME: its value, in Terraform's order of precedence.
	trav := regionExpr.Variables()
	if len(trav) != 1 || trav[0].RootName() != "var" || len(trav[0]) != 2 {
		return ""
	}
	attr, ok := trav[0][1].(hcl.TraverseAttr)
	if !ok {
		return ""
	}
	name := attr.Name
	value := defaults[name]
	for _, kv := range environ {
		if k, v, ok := strings.Cut(kv, "="); ok && k == "TF_VAR_"+name {
			value = cty.StringVal(v)
		}
	}
	files, _ := hclload.DefaultVarFiles(dir)
	for _, file := range files {
		if v := tfvarsValue(p, file, name); v != cty.NilVal {
			value = v
		}
	}
	for _, fl := range vars {
		switch {
		case fl.File != "":
			if v := tfvarsValue(p, fl.File, name); v != cty.NilVal {
				value = v
			}
		case fl.Name == name:
			value = cty.StringVal(fl.Value)
		}
	}
	if value == cty.NilVal {
		return ""
	}
	return knownString(value)
}

func parse(p *hclparse.Parser, path string) *hcl.File {
	st, err := os.Lstat(path)
	if err != nil || !st.Mode().IsRegular() || st.Size() > maxConfigFile {
		return nil
	}
	var f *hcl.File
	if strings.HasSuffix(path, ".json") {
		f, _ = p.ParseJSONFile(path)
	} else {
		f, _ = p.ParseHCLFile(path)
	}
	if f == nil || f.Body == nil {
		return nil
	}
	return f
}

func variableDefault(b *hcl.Block) cty.Value {
	attrs, _, _ := b.Body.PartialContent(variableAttrs)
	if a := attrs.Attributes["default"]; a != nil {
		if v, diags := a.Expr.Value(nil); !diags.HasErrors() {
			return v
		}
	}
	return cty.NilVal
}

func tfvarsValue(p *hclparse.Parser, path, name string) cty.Value {
	f := parse(p, path)
	if f == nil {
		return cty.NilVal
	}
	attrs, diags := f.Body.JustAttributes()
	if diags.HasErrors() {
		return cty.NilVal
	}
	if a := attrs[name]; a != nil {
		if v, diags := a.Expr.Value(nil); !diags.HasErrors() {
			return v
		}
	}
	return cty.NilVal
}

func knownString(v cty.Value) string {
	if !v.IsKnown() || v.IsNull() || v.Type() != cty.String {
		return ""
	}
	return v.AsString()
}
