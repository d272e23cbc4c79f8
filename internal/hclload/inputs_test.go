package hclload

import (
	"testing"

	"github.com/zclconf/go-cty/cty"
)

// Inputs (Terragrunt's) lose to every other source of a root variable's
// value, as the TF_VAR_ variables Terragrunt passes them as do.
func TestInputsHaveTheLowestPrecedence(t *testing.T) {
	dir := writeTree(t, map[string]string{
		"main.tf": `
variable "from_input" {}
variable "from_env" {}
variable "from_tfvars" {}
variable "from_flag" {}
variable "typed_map" { type = map(string) }
variable "untyped_map" {}
variable "number_as_string" { type = string }
resource "aws_api_gateway_rest_api" "r" {
  name        = join(",", [var.from_input, var.from_env, var.from_tfvars, var.from_flag, var.typed_map["k"], var.untyped_map, var.number_as_string])
}
`,
		"terraform.tfvars": `from_tfvars = "tfvars"`,
	})
	in := map[string]Input{}
	for _, n := range []string{"from_input", "from_env", "from_tfvars", "from_flag"} {
		in[n] = Input{Value: cty.StringVal("input")}
	}
	in["typed_map"] = Input{Value: cty.ObjectVal(map[string]cty.Value{"k": cty.StringVal("v")})}
	in["untyped_map"] = Input{Value: cty.ObjectVal(map[string]cty.Value{"k": cty.StringVal("v")})}
	in["number_as_string"] = Input{Value: cty.NumberIntVal(42)}
	in["undeclared"] = Input{Value: cty.True}
	root := load(t, dir, Options{
		Inputs:  in,
		Environ: []string{"TF_VAR_from_env=env"},
		Vars:    []VarFlag{{Name: "from_flag", Value: "flag"}},
	})
	want := `input,env,tfvars,flag,v,{"k":"v"},42`
	if got := attr(t, root, "aws_api_gateway_rest_api.r", "name"); got != want {
		t.Errorf("name = %q, want %q", got, want)
	}
}
