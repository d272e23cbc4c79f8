package hclload

import (
	"strings"
	"testing"

	"github.com/tfcomply/tfcomply/internal/model"
)

func TestInstalledModuleFromManifest(t *testing.T) {
	dir := writeTree(t, map[string]string{
		"main.tf": `
module "api" {
  source  = "example/api/aws"
  version = "1.0.0"
  name    = "prod"
}
resource "aws_thing" "t" { stage = module.api.stage }
`,
		".terraform/modules/modules.json": `{"Modules":[
  {"Key":"","Source":"","Dir":"."},
  {"Key":"api","Source":"registry.terraform.io/example/api/aws","Version":"1.0.0","Dir":".terraform/modules/api"},
  {"Key":"api.logs","Source":"./modules/logs","Dir":".terraform/modules/api/modules/logs"}
]}`,
		".terraform/modules/api/main.tf": `
variable "name" {}
module "logs" {
  source = "./modules/logs"
}
resource "aws_api_gateway_stage" "this" { stage_name = var.name }
output "stage" { value = "${aws_api_gateway_stage.this.stage_name}-${module.logs.suffix}" }
`,
		".terraform/modules/api/modules/logs/main.tf": `output "suffix" { value = "logged" }`,
	})
	root := load(t, dir, Options{})
	if got := attr(t, root, "aws_thing.t", "stage"); got != "prod-logged" {
		t.Errorf("stage = %q", got)
	}
	if root.Lookup("module.api.aws_api_gateway_stage.this") == nil {
		t.Errorf("installed module not evaluated: %v", addresses(root))
	}
}

func TestUnloadedModuleIsUnknownAndReportedOnce(t *testing.T) {
	dir := writeTree(t, map[string]string{"main.tf": `
module "remote" {
  source = "git::https://example.com/mod.git"
  count  = 3
}
resource "aws_thing" "t" {
  count = 2
  dest  = module.remote[0].arn
}
`})
	root, probs := LoadRoot(dir, dir, Options{})
	text := problemsText(probs)
	if strings.Count(text, "module not loaded") != 1 || !strings.Contains(text, "warning main.tf:2") {
		t.Errorf("want exactly one warning at the module call:\n%s", text)
	}
	if strings.Contains(text, "error") {
		t.Errorf("an unloaded module is not an error:\n%s", text)
	}
	r := strings.Join(modelReasons(root, "aws_thing.t[1]", "dest"), "; ")
	if attr(t, root, "aws_thing.t[1]", "dest") != "<unknown>" || !strings.Contains(r, "module.remote is not loaded") {
		t.Errorf("dest reason %q", r)
	}
}

func TestModuleInputErrors(t *testing.T) {
	dir := writeTree(t, map[string]string{
		"main.tf": `
module "m" {
  source  = "./m"
  unknown = 1
}
module "gone" {
  source = "./does-not-exist"
}
`,
		"m/main.tf": `variable "required" {}`,
	})
	_, probs := LoadRoot(dir, dir, Options{})
	text := problemsText(probs)
	for _, want := range []string{
		`main.tf:4 unsupported argument: module "m" has no input variable "unknown"`,
		`main.tf:2 missing required module input: module.m: the module call does not set required input "required"`,
		`main.tf:6 module source not found`,
	} {
		if !strings.Contains(text, want) {
			t.Errorf("missing %q in\n%s", want, text)
		}
	}
}

func TestJSONSyntax(t *testing.T) {
	dir := writeTree(t, map[string]string{"main.tf.json": `{
  "variable": {"level": {"default": "ERROR"}},
  "locals": {"name": "prod"},
  "resource": {
    "aws_api_gateway_stage": {"s": {
      "stage_name": "${local.name}",
      "access_log_settings": {"destination_arn": "arn:aws:logs:us-east-1:123456789012:log-group:x", "format": "$context.requestId"}
    }},
    "aws_api_gateway_method_settings": {"m": {
      "for_each": "${toset([\"a\", \"b\"])}",
      "stage_name": "${aws_api_gateway_stage.s.stage_name}",
      "method_path": "*/*",
      "settings": [{"logging_level": "${var.level}"}],
      "dynamic": {"extra": {"for_each": "${[1, 2]}", "content": {"n": "${extra.value}"}}}
    }}
  }
}`})
	root := load(t, dir, Options{})
	if got := attr(t, root, "aws_api_gateway_stage.s", "stage_name"); got != "prod" {
		t.Errorf("stage_name = %q", got)
	}
	blocks, _ := blocksOf(root, "aws_api_gateway_stage.s", "access_log_settings")
	if blocks != 1 {
		t.Errorf("access_log_settings blocks: %d", blocks)
	}
	ms := root.Lookup(`aws_api_gateway_method_settings.m["b"]`)
	if ms == nil {
		t.Fatalf("for_each in JSON: %v", addresses(root))
	}
	if n, _ := blocksOf(root, `aws_api_gateway_method_settings.m["b"]`, "extra"); n != 2 {
		t.Errorf("dynamic in JSON: %d blocks", n)
	}
}

func TestCycleIsReported(t *testing.T) {
	dir := writeTree(t, map[string]string{"main.tf": `
locals {
  a = local.b
  b = local.a
}
resource "aws_thing" "t" { x = local.a }
resource "aws_thing" "ok" { x = "fine" }
`})
	root, probs := LoadRoot(dir, dir, Options{})
	text := problemsText(probs)
	if !strings.Contains(text, "dependency cycle") || !strings.Contains(text, "local.a -> local.b -> local.a") && !strings.Contains(text, "local.b -> local.a -> local.b") {
		t.Errorf("cycle not described:\n%s", text)
	}
	// The problem is at the first local of the cycle it names.
	for _, p := range probs {
		first := map[bool]int{true: 3, false: 4}[strings.Contains(p.Message, "local.a -> local.b -> local.a")]
		if strings.Contains(p.Message, "dependency cycle") && p.Line != first {
			t.Errorf("cycle reported at line %d, want %d: %s", p.Line, first, p.Message)
		}
	}
	if attr(t, root, "aws_thing.ok", "x") != "fine" || root.Lookup("aws_thing.t") == nil {
		t.Errorf("the rest of the configuration must still be evaluated: %v", addresses(root))
	}
}

func TestSelfReferenceIsACycle(t *testing.T) {
	dir := writeTree(t, map[string]string{"main.tf": `
resource "aws_api_gateway_stage" "s" {
  for_each = { a = 1 }
  other    = aws_api_gateway_stage.s
}
`})
	root, probs := LoadRoot(dir, dir, Options{})
	if !strings.Contains(problemsText(probs), "aws_api_gateway_stage.s refers to itself") {
		t.Errorf("problems:\n%s", problemsText(probs))
	}
	for _, p := range probs {
		if strings.Contains(p.Message, "refers to itself") && p.Line != 2 {
			t.Errorf("self-reference reported at line %d, want the resource's, 2", p.Line)
		}
	}
	if root.Lookup(`aws_api_gateway_stage.s["a"]`) == nil {
		t.Errorf("the instance must still be reported")
	}
}

func TestParseErrorKeepsTheRest(t *testing.T) {
	dir := writeTree(t, map[string]string{
		"broken.tf": "resource \"aws_thing\" \"b\" {\n  x = \n}\n",
		"good.tf":   `resource "aws_thing" "g" { x = "ok" }`,
	})
	root, probs := LoadRoot(dir, dir, Options{})
	text := problemsText(probs)
	if !strings.Contains(text, "error broken.tf:2") && !strings.Contains(text, "error broken.tf:3") {
		t.Errorf("parse error without file:line:\n%s", text)
	}
	if attr(t, root, "aws_thing.g", "x") != "ok" {
		t.Errorf("good file not evaluated")
	}
}

func TestReferenceErrors(t *testing.T) {
	dir := writeTree(t, map[string]string{"main.tf": `
resource "aws_thing" "t" {
  a = var.missing
  b = aws_nothing.here.id
  c = nosuchfunction(1)
  d = "fine"
}
`})
	root, probs := LoadRoot(dir, dir, Options{})
	text := problemsText(probs)
	for _, want := range []string{"main.tf:3", "main.tf:4", "main.tf:5"} {
		if !strings.Contains(text, "error "+want) {
			t.Errorf("no error at %s:\n%s", want, text)
		}
	}
	if attr(t, root, "aws_thing.t", "d") != "fine" || attr(t, root, "aws_thing.t", "a") != "<unknown>" {
		t.Errorf("a bad expression must not stop the others")
	}
}

func TestTerraform011Syntax(t *testing.T) {
	dir := writeTree(t, map[string]string{"main.tf": `
variable "names" {
  type    = "list"
  default = ["a", "b"]
}
variable "tags" {
  type    = "map"
  default = { team = "x" }
}
variable "stage" {
  type    = "string"
  default = "prod"
}
resource "aws_thing" "n" {
  count = "${length(var.names)}"
  name  = "${element(var.names, count.index)}"
}
resource "aws_thing" "t" {
  stage      = "${var.stage}"
  all        = "${join(",", aws_thing.n.*.name)}"
  team       = "${lookup(var.tags, "team")}"
  old_list   = "${length(list("a", "b", "c"))}"
  old_map    = "${lookup(map("k", "v"), "k")}"
  depends_on = ["aws_thing.n"]
}
`})
	root := load(t, dir, Options{})
	for name, want := range map[string]string{"stage": "prod", "all": "a,b", "team": "x", "old_list": "3", "old_map": "v"} {
		if got := attr(t, root, "aws_thing.t", name); got != want {
			t.Errorf("%s = %q, want %q", name, got, want)
		}
	}
	if deps := root.Lookup("aws_thing.t").DependsOn; len(deps) != 1 || deps[0] != "aws_thing.n" {
		t.Errorf("depends_on = %v", deps)
	}
}

// Override files merge as Terraform merges them: arguments replace
// arguments, a kind of nested block replaces all blocks of that kind.
func TestOverrideFiles(t *testing.T) {
	dir := writeTree(t, map[string]string{
		"main.tf": `
variable "level" {
  type    = string
  default = "OFF"
}
locals {
  name = "base"
}
resource "aws_api_gateway_stage" "s" {
  stage_name    = local.name
  deployment_id = "d"
  rest_api_id   = "r"
  access_log_settings {
    destination_arn = "arn:aws:logs:us-east-1:123456789012:log-group:old"
  }
  canary_settings {
    percent_traffic = 10
  }
}
module "m" {
  source = "./nowhere"
}
output "o" {
  value = "base"
}
`,
		"override.tf": `
variable "level" {
  default = "INFO"
}
locals {
  name = "overridden"
}
resource "aws_api_gateway_stage" "s" {
  rest_api_id = "r2"
  access_log_settings {
    destination_arn = "arn:aws:logs:us-east-1:123456789012:log-group:new"
    format          = "$context.requestId"
  }
}
module "m" {
  source = "./mod"
}
output "o" {
  value = var.level
}
`,
		"z_override.tf": `resource "aws_api_gateway_stage" "s" {
  deployment_id = var.level
}`,
		"mod/main.tf": `output "x" { value = 1 }`,
	})
	root := load(t, dir, Options{})
	for name, want := range map[string]string{"stage_name": "overridden", "rest_api_id": "r2", "deployment_id": "INFO"} {
		if got := attr(t, root, "aws_api_gateway_stage.s", name); got != want {
			t.Errorf("%s = %q, want %q", name, got, want)
		}
	}
	v := root.Lookup("aws_api_gateway_stage.s").Value
	als, _ := model.Blocks(v, "access_log_settings")
	canary, _ := model.Blocks(v, "canary_settings")
	if len(als) != 1 || len(canary) != 1 {
		t.Fatalf("blocks: %d access_log_settings, %d canary_settings", len(als), len(canary))
	}
	if s, _, _ := model.String(model.Attr(als[0], "destination_arn")); !strings.HasSuffix(s, ":new") {
		t.Errorf("the override's block must replace the original's: %s", s)
	}
	if in := root.Lookup("aws_api_gateway_stage.s"); in.Range.Line != 9 || in.Range.EndLine != 19 {
		t.Errorf("the resource stays where it is declared: %+v", in.Range)
	}
}

func TestOverrideOfNothingIsAnError(t *testing.T) {
	dir := writeTree(t, map[string]string{
		"main.tf":        `locals { a = 1 }`,
		"my_override.tf": "resource \"aws_thing\" \"ghost\" {\n  x = 1\n}\n",
	})
	_, probs := LoadRoot(dir, dir, Options{})
	if !strings.Contains(problemsText(probs), "error my_override.tf:1 nothing to override") {
		t.Errorf("problems:\n%s", problemsText(probs))
	}
}
