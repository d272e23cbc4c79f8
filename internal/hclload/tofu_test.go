package hclload

import (
	"path/filepath"
	"reflect"
	"sort"
	"testing"
)

// Where x.tofu and x.tf sit in one directory, OpenTofu reads x.tofu only;
// the same holds for x.tofu.json and x.tf.json, and for override files.
func TestTofuFilesHideTheirTerraformTwins(t *testing.T) {
	dir := writeTree(t, map[string]string{
		"main.tf":   `resource "aws_api_gateway_stage" "s" { stage_name = "from-tf" }`,
		"main.tofu": `resource "aws_api_gateway_stage" "s" { stage_name = "from-tofu" }`,
		// Only in .tf: read.
		"vars.tf": `variable "x" { default = "tf-only" }`,
		// JSON pairs with JSON.
		"extra.tf.json":   `{"resource": {"aws_api_gateway_rest_api": {"r": {"name": "from-tf-json"}}}}`,
		"extra.tofu.json": `{"resource": {"aws_api_gateway_rest_api": {"r": {"name": "from-tofu-json"}}}}`,
		// x.tofu does not hide x.tf.json: both are read.
		"other.tofu":    `resource "aws_api_gateway_rest_api" "o" { name = var.x }`,
		"other.tf.json": `{"resource": {"aws_cloudwatch_log_group": {"l": {"name": "json"}}}}`,
		// Overrides follow the same rule.
		"s_override.tf":   `resource "aws_api_gateway_stage" "s" { description = "tf override" }`,
		"s_override.tofu": `resource "aws_api_gateway_stage" "s" { description = "tofu override" }`,
	})
	root := load(t, dir, Options{})
	for _, c := range []struct{ addr, name, want string }{
		{"aws_api_gateway_stage.s", "stage_name", "from-tofu"},
		{"aws_api_gateway_stage.s", "description", "tofu override"},
		{"aws_api_gateway_rest_api.r", "name", "from-tofu-json"},
		{"aws_api_gateway_rest_api.o", "name", "tf-only"},
		{"aws_cloudwatch_log_group.l", "name", "json"},
	} {
		if got := attr(t, root, c.addr, c.name); got != c.want {
			t.Errorf("%s.%s = %q, want %q", c.addr, c.name, got, c.want)
		}
	}
	var files []string
	for f := range root.Files {
		files = append(files, filepath.Base(f))
	}
	sort.Strings(files)
	want := []string{"extra.tofu.json", "main.tofu", "other.tf.json", "other.tofu", "s_override.tofu", "vars.tf"}
	if !reflect.DeepEqual(files, want) {
		t.Errorf("files read: %v, want %v", files, want)
	}
}

func TestConfigFileNames(t *testing.T) {
	for name, want := range map[string]bool{
		"main.tf": true, "main.tf.json": true, "main.tofu": true, "main.tofu.json": true,
		"main.tfvars": false, "main.json": false, ".tf": false, "terragrunt.hcl": false, "x.tofu.bak": false,
	} {
		if got := IsConfigFileName(name); got != want {
			t.Errorf("IsConfigFileName(%q) = %v", name, got)
		}
	}
	for name, want := range map[string]bool{
		"override.tofu": true, "a_override.tofu.json": true, "override.tf": true, "overrides.tf": false, "main.tofu": false,
	} {
		if got := isOverrideName(name); got != want {
			t.Errorf("isOverrideName(%q) = %v", name, got)
		}
	}
}
