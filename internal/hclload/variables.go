package hclload

import (
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/hclsyntax"
	"github.com/tfcomply/tfcomply/internal/model"
	"github.com/zclconf/go-cty/cty"
	"github.com/zclconf/go-cty/cty/convert"
)

// VarFlag is one -var or -var-file flag; their order on the command line is
// their precedence, as in Terraform.
type VarFlag struct {
	File  string // -var-file path; empty for -var
	Name  string // -var name
	Value string // -var raw value
}

// convertVariable applies optional() defaults and the type constraint, as
// Terraform does for a value given to a variable.
func convertVariable(v *Variable, val cty.Value) (cty.Value, error) {
	if v.Defaults != nil && !val.IsNull() {
		val = v.Defaults.Apply(val)
	}
	return convert.Convert(val, v.Type)
}

// rawValue is a variable value before conversion, with where it came from.
type rawValue struct {
	val    cty.Value
	source string
	rng    *hcl.Range
}

// rootInputs gathers the root module's variable values from the places
// Terraform reads them, lowest precedence first: TF_VAR_ environment
// variables, terraform.tfvars, terraform.tfvars.json, *.auto.tfvars(.json)
// in lexical order, then -var and -var-file in command-line order.
func rootInputs(p *rootFiles, root *Module, flags []VarFlag, environ []string) (map[string]rawValue, hcl.Diagnostics) {
	var diags hcl.Diagnostics
	vals := map[string]rawValue{}
	for _, kv := range environ {
		name, value, ok := strings.Cut(kv, "=")
		if !ok || !strings.HasPrefix(name, "TF_VAR_") {
			continue
		}
		name = strings.TrimPrefix(name, "TF_VAR_")
		v := root.Variables[name]
		if v == nil {
			continue // Terraform ignores environment values for undeclared variables
		}
		val, d := parseRawVar(v, value, "environment variable TF_VAR_"+name)
		diags = append(diags, d...)
		vals[name] = rawValue{val: val, source: "TF_VAR_" + name}
	}
	files, d := DefaultVarFiles(root.Dir)
	diags = append(diags, d...)
	for _, f := range files {
		diags = append(diags, readVarFile(p, f, root, vals)...)
	}
	for _, fl := range flags {
		if fl.File != "" {
			if !fileExists(fl.File) {
				diags = append(diags, &hcl.Diagnostic{Severity: hcl.DiagError, Summary: "cannot read variables file", Detail: fmt.Sprintf("-var-file=%s: no such file", fl.File)})
				continue
			}
			diags = append(diags, readVarFile(p, fl.File, root, vals)...)
			continue
		}
		v := root.Variables[fl.Name]
		if v == nil {
			diags = append(diags, &hcl.Diagnostic{Severity: hcl.DiagWarning, Summary: "value for undeclared variable",
				Detail: fmt.Sprintf("-var %s: the root module in %s declares no variable %q", fl.Name, root.Dir, fl.Name)})
			continue
		}
		val, d := parseRawVar(v, fl.Value, "-var "+fl.Name)
		diags = append(diags, d...)
		vals[fl.Name] = rawValue{val: val, source: "-var"}
	}
	return vals, diags
}

// parseRawVar reads a value given as a string (-var, TF_VAR_): literally for
// primitive or unconstrained types, as an HCL expression otherwise.
func parseRawVar(v *Variable, raw, what string) (cty.Value, hcl.Diagnostics) {
	if !v.Typed || v.Type.IsPrimitiveType() || v.Type == cty.DynamicPseudoType {
		return cty.StringVal(raw), nil
	}
	expr, diags := hclsyntax.ParseExpression([]byte(raw), what, hcl.InitialPos)
	if diags.HasErrors() {
		return cty.DynamicVal, diags
	}
	val, d := expr.Value(nil)
	return val, append(diags, d...)
}

func readVarFile(p *rootFiles, path string, root *Module, into map[string]rawValue) hcl.Diagnostics {
	f, diags := parseSource(p, path, strings.HasSuffix(path, ".json"))
	if f == nil {
		return diags
	}
	attrs, d := f.Body.JustAttributes()
	diags = append(diags, d...)
	for name, a := range attrs {
		val, d := a.Expr.Value(nil)
		diags = append(diags, d...)
		if d.HasErrors() {
			continue
		}
		if root.Variables[name] == nil {
			diags = append(diags, &hcl.Diagnostic{Severity: hcl.DiagWarning, Summary: "value for undeclared variable",
				Detail: fmt.Sprintf("%s sets %q, which the root module does not declare", filepath.Base(path), name), Subject: a.NameRange.Ptr()})
			continue
		}
		into[name] = rawValue{val: val, source: path, rng: a.Expr.Range().Ptr()}
	}
	return diags
}

// finalValue decides a variable's value: the given one (nil when none),
// else the default, else unknown with a reason that says how to supply it.
func finalValue(v *Variable, given *rawValue, modulePath string, isRoot bool) (cty.Value, hcl.Diagnostics) {
	if given != nil {
		val, err := convertVariable(v, given.val)
		if err != nil {
			where := given.source
			return unknownVar(v, modulePath, "has an invalid value"), hcl.Diagnostics{{
				Severity: hcl.DiagError, Summary: "invalid value for variable",
				Detail: fmt.Sprintf("variable %q (from %s): %s", v.Name, where, err), Subject: given.rng,
			}}
		}
		if val.IsNull() && !v.Nullable {
			if v.Default != cty.NilVal && !v.Default.IsNull() {
				return v.Default, nil
			}
			return val, hcl.Diagnostics{{Severity: hcl.DiagError, Summary: "null value for non-nullable variable",
				Detail: fmt.Sprintf("variable %q is declared nullable = false and has no default", v.Name), Subject: given.rng}}
		}
		return val, nil
	}
	if v.Default != cty.NilVal {
		return v.Default, nil
	}
	if !isRoot {
		return unknownVar(v, modulePath, "is a required module input that the module call does not set"), hcl.Diagnostics{{
			Severity: hcl.DiagError, Summary: "missing required module input",
			Detail:  fmt.Sprintf("%s: the module call does not set required input %q", modulePath, v.Name),
			Subject: v.Range.Ptr(),
		}}
	}
	return unknownVar(v, modulePath, "has no value: pass -var, a .tfvars file, or scan a plan"), nil
}

func unknownVar(v *Variable, modulePath, why string) cty.Value {
	name := "var." + v.Name
	if modulePath != "" {
		name = modulePath + "." + name
	}
	// Addr names the variable: two values read from the same unset
	// variable are the same value (see the control's association rules).
	return cty.UnknownVal(v.Type).Mark(model.Origin{Addr: name, Reason: name + " " + why})
}

func fileExists(p string) bool {
	st, err := os.Stat(p)
	return err == nil && !st.IsDir()
}

// DefaultVarFiles are the variables files Terraform reads by itself from
// dir, in its order: terraform.tfvars, terraform.tfvars.json, then
// *.auto.tfvars and *.auto.tfvars.json by name. They must be regular files
// (a FIFO would never finish reading): the others are skipped with a
// warning. A -var-file named on the command line may be a pipe, as with
// -var-file=<(...); these may not.
func DefaultVarFiles(dir string) ([]string, hcl.Diagnostics) {
	var files []string
	var diags hcl.Diagnostics
	for _, name := range []string{"terraform.tfvars", "terraform.tfvars.json"} {
		p := filepath.Join(dir, name)
		ok, warn := regularFile(p)
		if warn != nil {
			diags = append(diags, warn)
		}
		if ok {
			files = append(files, p)
		}
	}
	entries, err := os.ReadDir(dir)
	if err != nil {
		return files, diags
	}
	var auto []string
	for _, e := range entries {
		if !e.IsDir() && (strings.HasSuffix(e.Name(), ".auto.tfvars") || strings.HasSuffix(e.Name(), ".auto.tfvars.json")) {
			p := filepath.Join(dir, e.Name())
			ok, warn := readableEntry(p, e)
			if warn != nil {
				diags = append(diags, warn)
			}
			if ok {
				auto = append(auto, p)
			}
		}
	}
	sort.Strings(auto)
	return append(files, auto...), diags
}
