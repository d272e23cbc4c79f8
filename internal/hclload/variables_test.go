package hclload

import (
	"path/filepath"
	"strings"
	"testing"
)

const varsMain = `
variable "a" { type = string }
variable "b" { type = string }
variable "c" { type = string }
variable "d" { type = string }
variable "e" { type = string }
variable "f" { type = string }
resource "aws_thing" "t" {
  a = var.a
  b = var.b
  c = var.c
  d = var.d
  e = var.e
  f = var.f
}
`

// Terraform's precedence, lowest first: TF_VAR_, terraform.tfvars,
// terraform.tfvars.json, *.auto.tfvars in lexical order, then -var and
// -var-file in command-line order.
func TestVariablePrecedence(t *testing.T) {
	dir := writeTree(t, map[string]string{
		"main.tf":               varsMain,
		"terraform.tfvars":      `b = "tfvars"` + "\n" + `c = "tfvars"` + "\n" + `d = "tfvars"` + "\n" + `e = "tfvars"` + "\n" + `f = "tfvars"`,
		"terraform.tfvars.json": `{"c": "tfvars.json", "d": "tfvars.json", "e": "tfvars.json", "f": "tfvars.json"}`,
		"a.auto.tfvars":         `d = "a.auto"` + "\n" + `e = "a.auto"` + "\n" + `f = "a.auto"`,
		"b.auto.tfvars.json":    `{"e": "b.auto", "f": "b.auto"}`,
		"extra.tfvars":          `f = "var-file"`,
	})
	opts := Options{
		Environ: []string{"TF_VAR_a=env", "TF_VAR_b=env", "TF_VAR_unused=x", "PATH=/bin"},
		Vars:    []VarFlag{{Name: "f", Value: "first"}, {File: filepath.Join(dir, "extra.tfvars")}},
	}
	root := load(t, dir, opts)
	want := map[string]string{"a": "env", "b": "tfvars", "c": "tfvars.json", "d": "a.auto", "e": "b.auto", "f": "var-file"}
	for name, w := range want {
		if got := attr(t, root, "aws_thing.t", name); got != w {
			t.Errorf("var.%s = %q, want %q", name, got, w)
		}
	}
	// The later flag wins: -var after -var-file.
	opts.Vars = []VarFlag{{File: filepath.Join(dir, "extra.tfvars")}, {Name: "f", Value: "last"}}
	if got := attr(t, load(t, dir, opts), "aws_thing.t", "f"); got != "last" {
		t.Errorf("var.f = %q, want the last flag's value", got)
	}
}

func TestVariableUnsetIsUnknownWithReason(t *testing.T) {
	dir := writeTree(t, map[string]string{"main.tf": `
variable "arn" { type = string }
resource "aws_thing" "t" { arn = var.arn }
`})
	root := load(t, dir, Options{})
	if got := attr(t, root, "aws_thing.t", "arn"); got != "<unknown>" {
		t.Fatalf("arn = %q, want unknown", got)
	}
	reasons := strings.Join(modelReasons(root, "aws_thing.t", "arn"), "; ")
	if !strings.Contains(reasons, "var.arn has no value") {
		t.Errorf("reason %q does not name the variable", reasons)
	}
}

func TestOptionalDefaultsAndNullable(t *testing.T) {
	dir := writeTree(t, map[string]string{"main.tf": `
variable "stages" {
  type = map(object({
    level  = optional(string, "INFO")
    tracing = optional(bool)
  }))
  default = { dev = {}, prod = { level = "ERROR" } }
}
variable "strict" {
  type     = string
  default  = "fallback"
  nullable = false
}
resource "aws_thing" "t" {
  for_each = var.stages
  level    = each.value.level
  strict   = var.strict
}
`})
	root := load(t, dir, Options{Vars: []VarFlag{{Name: "strict", Value: "given"}}})
	if got := attr(t, root, `aws_thing.t["dev"]`, "level"); got != "INFO" {
		t.Errorf("optional() default: level = %q, want INFO", got)
	}
	if got := attr(t, root, `aws_thing.t["prod"]`, "level"); got != "ERROR" {
		t.Errorf("level = %q, want ERROR", got)
	}
	// nullable = false: an explicit null falls back to the default.
	dir2 := writeTree(t, map[string]string{
		"main.tf":          `variable "strict" {` + "\n" + `default = "fallback"` + "\n" + `nullable = false` + "\n}\n" + `resource "aws_thing" "t" { strict = var.strict }`,
		"terraform.tfvars": `strict = null`,
	})
	if got := attr(t, load(t, dir2, Options{}), "aws_thing.t", "strict"); got != "fallback" {
		t.Errorf("nullable = false with null: %q, want the default", got)
	}
}

func TestVariableWrongType(t *testing.T) {
	dir := writeTree(t, map[string]string{"main.tf": `
variable "n" {
  type    = number
  default = "not a number"
}
variable "m" { type = number }
resource "aws_thing" "t" { n = var.m }
`})
	_, probs := LoadRoot(dir, dir, Options{Vars: []VarFlag{{Name: "m", Value: "abc"}}})
	text := problemsText(probs)
	for _, want := range []string{"main.tf:4 invalid default value for variable", "invalid value for variable: variable \"m\" (from -var)"} {
		if !strings.Contains(text, want) {
			t.Errorf("problems do not contain %q:\n%s", want, text)
		}
	}
}

func TestComplexVarFromCommandLine(t *testing.T) {
	dir := writeTree(t, map[string]string{"main.tf": `
variable "envs" { type = list(string) }
resource "aws_thing" "t" {
  for_each = toset(var.envs)
  name     = each.key
}
`})
	root := load(t, dir, Options{Vars: []VarFlag{{Name: "envs", Value: `["dev", "prod"]`}}})
	if got := strings.Join(addresses(root), ","); got != `aws_thing.t["dev"],aws_thing.t["prod"]` {
		t.Errorf("instances %s", got)
	}
}

// Terraform rejects a null default on a variable that may not be null.
func TestNullDefaultOnNonNullableVariable(t *testing.T) {
	dir := writeTree(t, map[string]string{"main.tf": `
variable "x" {
  type     = string
  nullable = false
  default  = null
}
`})
	_, probs := LoadRoot(dir, dir, Options{})
	if text := problemsText(probs); !strings.Contains(text, "error main.tf:5 Invalid default value for variable: A null default value is not valid when nullable=false.") {
		t.Errorf("problems:\n%s", text)
	}
}
