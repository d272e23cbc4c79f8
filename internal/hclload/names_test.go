package hclload

import (
	"slices"
	"testing"
)

// collectedNames runs collectNames over the module in dir, as LoadRoot does.
func collectedNames(t *testing.T, dir string) *evaluator {
	t.Helper()
	m, diags := loadTree(newRootFiles(nil, nil), dir, nil, nil, dir, nil, nil)
	if diags.HasErrors() {
		t.Fatal(diags)
	}
	e := &evaluator{indirect: map[string]bool{}, typeNames: map[string]map[string]bool{}, flowTypes: map[string]bool{}}
	types := map[string]bool{}
	declaredTypes(m, types)
	e.collectNames(m, types)
	return e
}

// A splat that reads an attribute of each instance reads it as TYPE.NAME[0].ATTR
// would: the instances go nowhere else, so they need not offer the names other
// expressions read through each.value or variables. Used whole, they do.
func TestSplatReadsAreDirect(t *testing.T) {
	dir := writeTree(t, map[string]string{"main.tf": `
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
resource "foo_other" "o" {
  for_each = var.groups
  name     = each.value.label
  ids      = foo_group.g[*].id
  ports    = foo_group.g[*].ingress[0].port
  legacy   = foo_legacy.l.*.arn
  all      = foo_passed.p[*]
}
`})
	e := collectedNames(t, dir)
	if e.flowTypes["foo_group"] || e.flowTypes["foo_legacy"] {
		t.Errorf("types read only through attribute splats flow on: %v", e.flowTypes)
	}
	if !e.flowTypes["foo_passed"] {
		t.Error("foo_passed[*] passes its instances on, but the type is not marked as flowing")
	}
	if got := e.extraNames("foo_group"); !slices.Equal(got, []string{"id", "ingress", "port"}) {
		t.Errorf("foo_group offers %v, want id, ingress and port", got)
	}
	if got := e.extraNames("foo_legacy"); !slices.Equal(got, []string{"arn", "id"}) {
		t.Errorf("foo_legacy offers %v, want arn and id", got)
	}
	if got := e.extraNames("foo_passed"); !slices.Contains(got, "label") {
		t.Errorf("foo_passed offers %v, which lacks label, read through each.value", got)
	}
}
