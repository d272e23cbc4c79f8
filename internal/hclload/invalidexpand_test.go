package hclload

import (
	"sort"
	"strings"
	"testing"

	"github.com/tfcomply/tfcomply/internal/model"
)

// An invalid count or for_each is Terraform's error, in its words, and no
// instance: a placeholder would be a result for a resource that can never
// exist. What refers to the resource is unknown and says why.
func TestInvalidCountAndForEachGiveNoInstances(t *testing.T) {
	cases := []struct {
		name, meta, want string
	}{
		{"negative count", `count = -1`,
			`Invalid count argument: The given "count" argument value is unsuitable: must be greater than or equal to zero.`},
		{"string count", `count = "abc"`,
			`Incorrect value type: Invalid expression value: a number is required.`},
		{"bool count", `count = true`,
			`Incorrect value type: Invalid expression value: number required`},
		{"fractional count", `count = 1.5`,
			`Invalid count argument: The given "count" argument value is unsuitable: value must be a whole number`},
		{"null count", `count = null`,
			`Invalid count argument: The given "count" argument value is null. An integer is required.`},
		{"count of a failed expression", `count = var.undeclared`,
			`Reference to undeclared input variable: An input variable with the name "undeclared" has not been declared.`},
		{"count of a failed function call", `count = length(1)`,
			`Call to function "length" failed`},
		{"list for_each", `for_each = ["a", "b"]`,
			`Invalid for_each argument: The given "for_each" argument value is unsuitable: the "for_each" argument must be a map, or set of strings, and you have provided a value of type tuple.`},
		{"typed list for_each", `for_each = tolist(["a"])`,
			`you have provided a value of type list of string.`},
		{"unknown list for_each", `for_each = var.names_list`,
			`you have provided a value of type list of string.`},
		{"string for_each", `for_each = "a"`,
			`you have provided a value of type string.`},
		{"null for_each", `for_each = null`,
			`Invalid for_each argument: The given "for_each" argument value is unsuitable: the given "for_each" argument value is null. A map, or set of strings is allowed.`},
		{"set with null", `for_each = toset(["a", null])`,
			`Invalid for_each set argument: The given "for_each" argument value is unsuitable: "for_each" sets must not contain null values.`},
		{"set of numbers", `for_each = toset([1, 2])`,
			`Invalid for_each set argument: The given "for_each" argument value is unsuitable: "for_each" supports maps and sets of strings, but you have provided a set containing type number.`},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			dir := writeTree(t, map[string]string{"main.tf": `
variable "names_list" { type = list(string) }
resource "aws_api_gateway_stage" "s" {
  ` + c.meta + `
  stage_name = "prod"
}
resource "aws_thing" "user" {
  stage = aws_api_gateway_stage.s[0].stage_name
  all   = aws_api_gateway_stage.s
}
`})
			root, probs := LoadRoot(dir, dir, Options{})
			text := problemsText(probs)
			if !strings.HasPrefix(text, "error main.tf:4 ") || !strings.Contains(text, c.want) {
				t.Errorf("want the error at the count or for_each:\n%s", text)
			}
			if n := strings.Count(text, "error "); n != 1 {
				t.Errorf("want one error, got %d:\n%s", n, text)
			}
			if got := strings.Join(addresses(root), ","); got != "aws_thing.user" {
				t.Fatalf("instances: %s", got)
			}
			for _, name := range []string{"stage", "all"} {
				if got := attr(t, root, "aws_thing.user", name); got != "<unknown>" {
					t.Errorf("%s = %q, want unknown", name, got)
				}
				r := strings.Join(modelReasons(root, "aws_thing.user", name), "; ")
				if !strings.Contains(r, "the count or for_each of aws_api_gateway_stage.s is invalid") {
					t.Errorf("%s: reason %q", name, r)
				}
			}
		})
	}
}

// A valid but empty count or for_each is no instance and no error; an
// unknown one still gives the placeholder.
func TestValidEdgeCountsAndForEach(t *testing.T) {
	dir := writeTree(t, map[string]string{"main.tf": `
variable "n" { type = number }
variable "s" { type = string }
variable "untyped" {}
resource "aws_api_gateway_stage" "zero"    { count = 0 }
resource "aws_api_gateway_stage" "strnum"  { count = "2" }
resource "aws_api_gateway_stage" "emptyset" { for_each = toset([]) }
resource "aws_api_gateway_stage" "emptymap" { for_each = {} }
resource "aws_api_gateway_stage" "obj"     { for_each = { a = 1 } }
resource "aws_api_gateway_stage" "unknown" { count = var.n }
resource "aws_api_gateway_stage" "dyn"     { count = var.untyped }
resource "aws_api_gateway_stage" "dynfe"   { for_each = var.untyped }
resource "aws_api_gateway_stage" "partly"  { for_each = toset(["a", var.s]) }
`})
	root := load(t, dir, Options{})
	want := `aws_api_gateway_stage.dyn[*],aws_api_gateway_stage.dynfe[*],aws_api_gateway_stage.obj["a"],aws_api_gateway_stage.partly[*],aws_api_gateway_stage.strnum[0],aws_api_gateway_stage.strnum[1],aws_api_gateway_stage.unknown[*]`
	if got := strings.Join(sortedAddresses(root), ","); got != want {
		t.Errorf("instances:\n%s\nwant:\n%s", got, want)
	}
}

func TestInvalidModuleCountGivesNoModuleInstances(t *testing.T) {
	dir := writeTree(t, map[string]string{
		"main.tf": `
module "api" {
  source   = "./api"
  for_each = ["a"]
}
resource "aws_thing" "t" { arn = module.api["a"].arn }
`,
		"api/main.tf": `
resource "aws_api_gateway_stage" "s" { stage_name = "x" }
output "arn" { value = aws_api_gateway_stage.s.arn }
`,
	})
	root, probs := LoadRoot(dir, dir, Options{})
	text := problemsText(probs)
	if !strings.Contains(text, "error main.tf:4 Invalid for_each argument") || strings.Count(text, "error ") != 1 {
		t.Errorf("problems:\n%s", text)
	}
	if got := strings.Join(addresses(root), ","); got != "aws_thing.t" {
		t.Fatalf("instances: %s", got)
	}
	if r := strings.Join(modelReasons(root, "aws_thing.t", "arn"), "; "); !strings.Contains(r, "module.api is invalid") {
		t.Errorf("reason %q", r)
	}
}

func sortedAddresses(root *model.Root) []string {
	out := addresses(root)
	sort.Strings(out)
	return out
}
