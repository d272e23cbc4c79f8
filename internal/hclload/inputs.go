package hclload

import (
	"github.com/hashicorp/hcl/v2"
	"github.com/zclconf/go-cty/cty"
	ctyjson "github.com/zclconf/go-cty/cty/json"
)

// Input is a root variable value of Options.Inputs, with where it is set
// (nil when nowhere in particular), for reasons to name.
type Input struct {
	Value cty.Value
	Range *hcl.Range
}

// applyInputs gives the root variables that no other source set their
// value from inputs (see Options.Inputs). Inputs for variables the root
// does not declare are ignored, as Terraform ignores TF_VAR_ variables
// for them.
func applyInputs(root *Module, inputs map[string]Input, into map[string]rawValue) {
	for name, in := range inputs {
		v := root.Variables[name]
		if v == nil {
			continue
		}
		if _, set := into[name]; set {
			continue
		}
		into[name] = rawValue{val: asEnvironmentValue(v, in.Value), source: "the Terragrunt inputs", rng: in.Range}
	}
}

// asEnvironmentValue is what Terraform makes of val when it arrives as a
// TF_VAR_ environment variable holding val encoded as JSON, as Terragrunt
// passes inputs: a variable that is a string or has no type constraint
// takes the text literally (a map input becomes its JSON text); any other
// type reads the text as an expression, which gives val back. A value not
// wholly known stays unknown, with the reasons it carries.
func asEnvironmentValue(v *Variable, val cty.Value) cty.Value {
	if val.IsNull() {
		return val
	}
	literal := !v.Typed || v.Type == cty.String || v.Type == cty.DynamicPseudoType
	if !literal || val.Type() == cty.String {
		return val
	}
	plain, marks := val.UnmarkDeep()
	if !plain.IsWhollyKnown() {
		return cty.UnknownVal(cty.String).WithMarks(marks)
	}
	s, err := ctyjson.Marshal(plain, plain.Type())
	if err != nil {
		return val
	}
	return cty.StringVal(string(s)).WithMarks(marks)
}
