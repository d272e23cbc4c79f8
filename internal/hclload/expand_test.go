package hclload

import (
	"strings"
	"testing"

	"github.com/tfcomply/tfcomply/internal/model"
)

func TestModuleExpansionAndAddresses(t *testing.T) {
	dir := writeTree(t, map[string]string{
		"main.tf": `
module "env" {
  source   = "./env"
  for_each = { dev = 1, prod = 2 }
  name     = each.key
  replicas = each.value
}
module "single" {
  source   = "./env"
  name     = "one"
  replicas = 1
}
resource "aws_thing" "from_modules" {
  for_each = module.env
  stage    = each.value.first_stage
}
output "all" { value = module.env }
`,
		"env/main.tf": `
variable "name" {}
variable "replicas" { type = number }
module "inner" {
  source = "../inner"
  prefix = var.name
  n      = var.replicas
}
output "first_stage" { value = module.inner.names[0] }
`,
		"inner/main.tf": `
variable "prefix" {}
variable "n" {}
resource "aws_api_gateway_stage" "s" {
  count      = var.n
  stage_name = "${var.prefix}-${count.index}"
}
output "names" { value = aws_api_gateway_stage.s[*].stage_name }
`,
	})
	root := load(t, dir, Options{})
	got := strings.Join(addresses(root), "\n")
	for _, want := range []string{
		`module.env["dev"].module.inner.aws_api_gateway_stage.s[0]`,
		`module.env["prod"].module.inner.aws_api_gateway_stage.s[1]`,
		`module.single.module.inner.aws_api_gateway_stage.s[0]`,
		`aws_thing.from_modules["prod"]`,
	} {
		if !strings.Contains(got, want) {
			t.Errorf("missing %s in\n%s", want, got)
		}
	}
	if strings.Contains(got, `module.env["dev"].module.inner.aws_api_gateway_stage.s[1]`) {
		t.Errorf("dev has one replica only")
	}
	if s := attr(t, root, `aws_thing.from_modules["prod"]`, "stage"); s != "prod-0" {
		t.Errorf("stage through two module outputs = %q", s)
	}
	in := root.Lookup(`module.env["dev"].module.inner.aws_api_gateway_stage.s[0]`)
	if in.Range.File != "inner/main.tf" || in.Range.Line != 4 || in.Module != `module.env["dev"].module.inner` {
		t.Errorf("range/module = %+v %q", in.Range, in.Module)
	}
}

func TestForEachOverResourceKeepsEveryInstance(t *testing.T) {
	// Another resource of the same type expanding must not lose instances.
	dir := writeTree(t, map[string]string{"main.tf": `
resource "aws_api_gateway_stage" "a" {
  for_each   = toset(["x", "y", "z"])
  stage_name = each.key
}
resource "aws_api_gateway_stage" "b" {
  for_each   = toset(["p", "q"])
  stage_name = each.key
}
resource "aws_api_gateway_method_settings" "a" {
  for_each   = aws_api_gateway_stage.a
  stage_name = each.value.stage_name
}
`})
	root := load(t, dir, Options{})
	if n := len(root.OfType("aws_api_gateway_method_settings")); n != 3 {
		t.Fatalf("%d method settings, want 3", n)
	}
	ms := root.Lookup(`aws_api_gateway_method_settings.a["y"]`)
	if !model.HasOrigin(model.Attr(ms.Value, "stage_name"), `aws_api_gateway_stage.a["y"]`, "stage_name") {
		t.Errorf("stage_name does not remember the stage instance it came from: %v", model.Origins(ms.Value))
	}
}

func TestComputedAttributesAreUnknownWithOrigin(t *testing.T) {
	dir := writeTree(t, map[string]string{"main.tf": `
resource "aws_cloudwatch_log_group" "g" { name = "x" }
resource "something_else" "o" {}
locals { arn = aws_cloudwatch_log_group.g.arn }
resource "aws_thing" "t" {
  arn     = local.arn
  other   = something_else.o.whatever
  name    = aws_cloudwatch_log_group.g.name
  retain  = aws_cloudwatch_log_group.g.retention_in_days
  kms     = aws_cloudwatch_log_group.g.kms_key_id
}
`})
	root := load(t, dir, Options{})
	v := model.Attr(root.Lookup("aws_thing.t").Value, "arn")
	if attr(t, root, "aws_thing.t", "arn") != "<unknown>" || !model.HasOrigin(v, "aws_cloudwatch_log_group.g", "arn") {
		t.Errorf("arn should be unknown and traced to the log group: %v", model.Origins(v))
	}
	if got := attr(t, root, "aws_thing.t", "other"); got != "<unknown>" {
		t.Errorf("attribute of an unknown type = %q, want unknown", got)
	}
	if got := attr(t, root, "aws_thing.t", "name"); got != "x" {
		t.Errorf("configured attribute = %q", got)
	}
	if got := attr(t, root, "aws_thing.t", "retain"); got != "0" {
		t.Errorf("unset attribute with a provider default = %q, want the default 0", got)
	}
	if got := attr(t, root, "aws_thing.t", "kms"); got != "<null>" {
		t.Errorf("unset, non-computed attribute of a known type = %q, want null", got)
	}
}

func TestDynamicBlocks(t *testing.T) {
	dir := writeTree(t, map[string]string{"main.tf": `
variable "rules" {
  default = [
    { name = "a", ports = [80, 443] },
    { name = "b", ports = [] },
  ]
}
resource "aws_thing" "t" {
  dynamic "rule" {
    for_each = var.rules
    iterator = r
    content {
      name = r.value.name
      dynamic "port" {
        for_each = r.value.ports
        content {
          number = port.value
          index  = port.key
        }
      }
    }
  }
  dynamic "off" {
    for_each = []
    content { x = 1 }
  }
}
`})
	root := load(t, dir, Options{})
	rules, known := model.Blocks(root.Lookup("aws_thing.t").Value, "rule")
	if !known || len(rules) != 2 {
		t.Fatalf("rules: %d known=%v", len(rules), known)
	}
	ports, _ := model.Blocks(rules[0], "port")
	if len(ports) != 2 {
		t.Fatalf("nested dynamic: %d ports", len(ports))
	}
	if s, _, _ := model.String(model.Attr(ports[1], "number")); s != "443" {
		t.Errorf("port = %s", s)
	}
	if off, known := model.Blocks(root.Lookup("aws_thing.t").Value, "off"); !known || len(off) != 0 {
		t.Errorf("dynamic block over [] should produce no block, got %d", len(off))
	}
}

func TestUnknownForEachGivesPlaceholder(t *testing.T) {
	dir := writeTree(t, map[string]string{"main.tf": `
variable "names" { type = set(string) }
resource "aws_api_gateway_stage" "s" {
  for_each   = var.names
  stage_name = each.key
}
`})
	root := load(t, dir, Options{})
	if got := strings.Join(addresses(root), ","); got != "aws_api_gateway_stage.s[*]" {
		t.Fatalf("instances %s", got)
	}
	r := strings.Join(modelReasons(root, "aws_api_gateway_stage.s[*]", "stage_name"), "; ")
	if !strings.Contains(r, "var.names has no value") {
		t.Errorf("reason %q", r)
	}
}

func TestExpressions(t *testing.T) {
	dir := writeTree(t, map[string]string{"main.tf": `
locals {
  envs    = ["dev", "prod"]
  upper   = [for e in local.envs : upper(e) if e != "dev"]
  byname  = { for e in local.envs : e => length(e) }
  chosen  = length(local.envs) > 1 ? "many" : "one"
  splat   = aws_thing.n[*].name
  legacy  = aws_thing.n.*.name
  tmpl    = "%{ for e in local.envs }${e};%{ endfor }"
}
resource "aws_thing" "n" {
  count = 2
  name  = "n${count.index}"
}
resource "aws_thing" "t" {
  upper  = join(",", local.upper)
  byname = local.byname["prod"]
  chosen = local.chosen
  splat  = join(",", local.splat)
  legacy = join(",", local.legacy)
  tmpl   = local.tmpl
  module = path.module
  ws     = terraform.workspace
}
`})
	root := load(t, dir, Options{})
	for name, want := range map[string]string{
		"upper": "PROD", "byname": "4", "chosen": "many", "splat": "n0,n1", "legacy": "n0,n1",
		"tmpl": "dev;prod;", "module": ".", "ws": "default",
	} {
		if got := attr(t, root, "aws_thing.t", name); got != want {
			t.Errorf("%s = %q, want %q", name, got, want)
		}
	}
}

func TestHugeCountIsAnErrorNotAHang(t *testing.T) {
	dir := writeTree(t, map[string]string{"main.tf": `resource "aws_api_gateway_stage" "s" { count = 10000000 }`})
	root, probs := LoadRoot(dir, dir, Options{})
	if !strings.Contains(problemsText(probs), "error main.tf:1 too many instances") {
		t.Errorf("problems:\n%s", problemsText(probs))
	}
	if got := strings.Join(addresses(root), ","); got != "aws_api_gateway_stage.s[*]" {
		t.Errorf("instances: %s", got)
	}
}

func TestProviderFunctionsAreUnknown(t *testing.T) {
	dir := writeTree(t, map[string]string{"main.tf": `
resource "aws_thing" "t" {
  region = provider::aws::arn_parse("arn:aws:logs:us-east-1:123456789012:log-group:x").region
  other  = "fine"
}
`})
	root := load(t, dir, Options{})
	if attr(t, root, "aws_thing.t", "region") != "<unknown>" || attr(t, root, "aws_thing.t", "other") != "fine" {
		t.Fatalf("values: %v", root.Lookup("aws_thing.t").Value)
	}
	if r := strings.Join(modelReasons(root, "aws_thing.t", "region"), ";"); !strings.Contains(r, "provider::aws::arn_parse is a provider function") {
		t.Errorf("reason %q", r)
	}
}
