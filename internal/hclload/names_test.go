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

// A splat or an index by expression that reads an attribute of the instances
// reads it as TYPE.NAME[0].ATTR would: the instances go nowhere else, so they
// need not offer the names other expressions read through each.value or
// variables. Used whole, they do.
func TestElementReadsAreDirect(t *testing.T) {
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
	e := collectedNames(t, dir)
	if e.flowTypes["foo_group"] || e.flowTypes["foo_legacy"] || e.flowTypes["foo_keyed"] {
		t.Errorf("types read only by attribute flow on: %v", e.flowTypes)
	}
	if !e.flowTypes["foo_passed"] || !e.flowTypes["foo_indexed"] {
		t.Errorf("foo_passed[*] and foo_indexed.i[each.key] pass instances on, but flowing types are %v", e.flowTypes)
	}
	if got := e.extraNames("foo_group"); !slices.Equal(got, []string{"id", "ingress", "port"}) {
		t.Errorf("foo_group offers %v, want id, ingress and port", got)
	}
	if got := e.extraNames("foo_legacy"); !slices.Equal(got, []string{"arn", "id"}) {
		t.Errorf("foo_legacy offers %v, want arn and id", got)
	}
	if got := e.extraNames("foo_keyed"); !slices.Equal(got, []string{"id", "role"}) {
		t.Errorf("foo_keyed offers %v, want id and role", got)
	}
	if got := e.extraNames("foo_passed"); !slices.Contains(got, "label") {
		t.Errorf("foo_passed offers %v, which lacks label, read through each.value", got)
	}
}
