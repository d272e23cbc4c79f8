package awsschema

import "github.com/zclconf/go-cty/cty"

// builtinResources are the schemas of Terraform's own resource types
// (provider terraform.io/builtin/terraform), which need no provider and
// which modules use for values that outlive a plan.
var builtinResources = map[string]*Block{
	"terraform_data": {Attributes: map[string]*Attribute{
		"id":               {Type: cty.String, Computed: true},
		"input":            {Type: cty.DynamicPseudoType, Optional: true},
		"output":           {Type: cty.DynamicPseudoType}, // computed at apply from input: see hclload.refBuilder.object
		"triggers_replace": {Type: cty.DynamicPseudoType, Optional: true},
	}},
}
