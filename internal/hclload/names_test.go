package hclload

import (
	"slices"
	"testing"

	"github.com/tfcomply/tfcomply/internal/model"
	"github.com/zclconf/go-cty/cty"
)

// namesOf works out the names the tree at dir reads, as LoadRoot does.
func namesOf(t *testing.T, files map[string]string) *readNames {
	t.Helper()
	dir := writeTree(t, files)
	m, diags := loadTree(newRootFiles(nil, nil), dir, nil, nil, dir, nil, nil)
	if diags.HasErrors() {
		t.Fatal(diags)
	}
	return collectNames(m)
}

// A splat or an index by expression that reads an attribute of the instances
// reads it as TYPE.NAME[0].ATTR would: the instances go nowhere else, so they
// need not offer the names other expressions read through each.value or
// variables. Used whole, they do.
func TestElementReadsAreDirect(t *testing.T) {
	n := namesOf(t, map[string]string{"main.tf": `
variable "groups" {
  type = any
}
resource "foo_group" "g" {
  count = 2
  ingress {
    port = 1
  }
}
resource "foo_passed" "p" {
  count = 2
}
resource "foo_legacy" "l" {
  count = 2
}
resource "foo_keyed" "k" {
  for_each = var.groups
}
resource "foo_indexed" "i" {
  for_each = var.groups
}
resource "foo_other" "o" {
  for_each = var.groups
  name     = each.value.label
  ids      = foo_group.g[*].id
  ports    = foo_group.g[*].ingress[0].port
  legacy   = foo_legacy.l.*.arn
  all      = foo_passed.p[*]
  keyed    = foo_keyed.k[each.key].role
  whole    = foo_indexed.i[each.key]
}
`})
	if n.passed["foo_group"] || n.passed["foo_legacy"] || n.passed["foo_keyed"] {
		t.Errorf("types read only by attribute flow on: %v", n.passed)
	}
	if !n.passed["foo_passed"] || !n.passed["foo_indexed"] {
		t.Errorf("foo_passed[*] and foo_indexed.i[each.key] pass instances on, but passed types are %v", n.passed)
	}
	if got := n.extra("foo_group"); !slices.Equal(got, []string{"id", "ingress", "port"}) {
		t.Errorf("foo_group offers %v, want id, ingress and port", got)
	}
	if got := n.extra("foo_legacy"); !slices.Equal(got, []string{"arn", "id"}) {
		t.Errorf("foo_legacy offers %v, want arn and id", got)
	}
	if got := n.extra("foo_keyed"); !slices.Equal(got, []string{"id", "role"}) {
		t.Errorf("foo_keyed offers %v, want id and role", got)
	}
	if got := n.extra("foo_passed"); !slices.Contains(got, "label") {
		t.Errorf("foo_passed offers %v, which lacks label, read through each.value", got)
	}
}

// Objects an output returns whole are read by the output's own expression
// and, in the caller, after module.NAME.OUTPUT: they offer those names, not
// every name read through variables, until some declaration other than an
// output takes a module output whole.
func TestOutputValuesOfferWhatOutputsAreReadBy(t *testing.T) {
	child := map[string]string{
		"child/main.tf": `
resource "foo_rule" "r" {
  count = 2
}
resource "foo_listener" "l" {
  count = 2
}
output "rules" {
  value = foo_rule.r
}
output "listener_arns" {
  value = [for l in foo_listener.l : l.listener_arn]
}
`,
	}
	// The root reads label through each.value, and then what each case adds.
	withRoot := func(more string) map[string]string {
		files := map[string]string{"main.tf": `
variable "settings" {
  type = any
}
module "c" {
  source = "./child"
}
resource "foo_user" "u" {
  for_each = var.settings
  name     = each.value.label
}
` + more}
		for k, v := range child {
			files[k] = v
		}
		return files
	}
	n := namesOf(t, withRoot(`
output "rules" {
  value = module.c.rules
}
output "priority" {
  value = module.c.rules[0].priority
}
`))
	if got := n.extra("foo_rule"); !slices.Equal(got, []string{"id", "listener_arn", "priority"}) {
		t.Errorf("foo_rule offers %v, want id and what outputs are read by (listener_arn, priority)", got)
	}
	if got := n.extra("foo_listener"); !slices.Contains(got, "listener_arn") || slices.Contains(got, "label") {
		t.Errorf("foo_listener offers %v, want listener_arn and not label", got)
	}

	n = namesOf(t, withRoot(`
locals {
  rules = module.c.rules
}
`))
	if got := n.extra("foo_rule"); !slices.Contains(got, "label") {
		t.Errorf("foo_rule offers %v: a local holds the module's output whole, so each.value.label may read it", got)
	}
}

// An output that returns a module's output returns what that one carries:
// the caller's reference to it passes those types on. A reference to an
// output that carries no object (an ID) passes nothing on.
func TestModuleOutputsCarryTheirObjects(t *testing.T) {
	n := namesOf(t, map[string]string{
		"main.tf": `
variable "settings" {
  type = any
}
module "outer" {
  source = "./outer"
}
resource "foo_user" "u" {
  for_each = var.settings
  name     = each.value.label
  vpc      = module.outer.vpc_id
}
locals {
  rules = module.outer.rules
}
`,
		"outer/main.tf": `
module "inner" {
  source = "./inner"
  count  = 1
}
output "rules" {
  value = module.inner[*].rules
}
output "vpc_id" {
  value = module.inner[0].vpc_id
}
`,
		"outer/inner/main.tf": `
resource "foo_rule" "r" {
  count = 2
}
resource "foo_vpc" "v" {}
output "rules" {
  value = foo_rule.r
}
output "vpc_id" {
  value = foo_vpc.v.id
}
`,
	})
	if !n.passed["foo_rule"] {
		t.Errorf("local.rules holds module.outer.rules, which returns foo_rule objects, but passed types are %v", n.passed)
	}
	if n.passed["foo_vpc"] || n.output["foo_vpc"] {
		t.Error("foo_vpc is only read by attribute, but is marked as used whole")
	}
	if got := n.extra("foo_rule"); !slices.Contains(got, "label") {
		t.Errorf("foo_rule offers %v, which lacks label", got)
	}
}

// A nested block a reference ends at (foo_thing.t[k].rule) may be passed on
// whole: its blocks offer the names read through for-expression symbols,
// though the instances themselves go nowhere. Reading an attribute the
// configuration leaves unset is then unknown, as Terraform has it, not an
// error.
func TestBlocksAReferenceEndsAtOfferIndirectNames(t *testing.T) {
	for name, ref := range map[string]string{"by key": `foo_thing.t[k].rule`, "by constant": `foo_thing.t["a"].rule`} {
		t.Run(name, func(t *testing.T) {
			dir := writeTree(t, map[string]string{"main.tf": `
variable "m" {
  default = { a = 1 }
}
resource "foo_thing" "t" {
  for_each = var.m
  rule {
    name = "x"
  }
}
locals {
  rules = [for k, v in var.m : ` + ref + `]
}
resource "foo_user" "u" {
  ports = [for r in local.rules[0] : r.port]
}
`})
			root := load(t, dir, Options{})
			ports, _ := model.Attr(root.Lookup("foo_user.u").Value, "ports").UnmarkDeep()
			if !ports.IsKnown() || ports.LengthInt() != 1 || ports.Index(cty.NumberIntVal(0)).IsKnown() {
				t.Errorf("ports = %#v, want one unknown port", ports)
			}
		})
	}
}
