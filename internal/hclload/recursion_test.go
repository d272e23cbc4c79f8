package hclload

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// A module that calls itself is one error at the call that repeats, with the
// chain of directories; that call is not loaded, so there are no phantom
// instances from levels of expansion Terraform would never reach.
func TestModuleRecursionIsOneError(t *testing.T) {
	cases := []struct {
		name  string
		files map[string]string
		at    string // file:line of the error
		chain string
		addrs string
	}{
		{
			name: "root calls itself",
			files: map[string]string{"main.tf": `
module "self" {
  source = "./"
}
resource "aws_api_gateway_stage" "s" { stage_name = "x" }
`},
			at: "main.tf:2", chain: "the root module calls itself: path . -> .",
			addrs: "aws_api_gateway_stage.s",
		},
		{
			name: "a calls b calls a",
			files: map[string]string{
				"main.tf": `module "a" { source = "./modules/a" }`,
				"modules/a/main.tf": `
module "b" { source = "../b" }
resource "aws_api_gateway_stage" "a" { stage_name = "a" }
`,
				"modules/b/main.tf": `
resource "aws_api_gateway_stage" "b" { stage_name = "b" }
module "back" {
  source = "./../a/"
}
`,
			},
			at: "modules/b/main.tf:3", chain: "the module in modules/a calls itself: path modules/a -> modules/b -> modules/a (module.a.module.b.module.back",
			addrs: "module.a.aws_api_gateway_stage.a,module.a.module.b.aws_api_gateway_stage.b",
		},
		{
			name: "module calls itself with count",
			files: map[string]string{
				"main.tf": `module "tree" {
  source = "./tree"
  depth  = 3
}`,
				"tree/main.tf": `
variable "depth" {}
module "child" {
  source = "./"
  count  = var.depth > 0 ? 1 : 0
  depth  = var.depth - 1
}
resource "aws_api_gateway_stage" "s" { stage_name = "x" }
`,
			},
			at: "tree/main.tf:3", chain: "the module in tree calls itself: path tree -> tree",
			addrs: "module.tree.aws_api_gateway_stage.s",
		},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			dir := writeTree(t, c.files)
			root, probs := LoadRoot(dir, dir, Options{})
			text := problemsText(probs)
			if len(probs) != 1 || !strings.HasPrefix(text, "error "+c.at+" module recursion: "+c.chain) {
				t.Errorf("want one error at %s, got:\n%s", c.at, text)
			}
			if got := strings.Join(sortedAddresses(root), ","); got != c.addrs {
				t.Errorf("instances:\n%s\nwant:\n%s", got, c.addrs)
			}
		})
	}
}

// The same directory reached through a symbolic link is the same module.
func TestModuleRecursionThroughALink(t *testing.T) {
	dir := writeTree(t, map[string]string{
		"main.tf":     `module "m" { source = "./real" }`,
		"real/m.tf":   `module "again" { source = "../alias" }`,
		"placeholder": "",
	})
	symlink(t, "real", filepath.Join(dir, "alias"))
	_, probs := LoadRoot(dir, dir, Options{})
	text := problemsText(probs)
	if len(probs) != 1 || !strings.Contains(text, "error real/m.tf:1 module recursion: the module in real calls itself: path real -> real") {
		t.Errorf("problems:\n%s", text)
	}
}

// A module called twice, side by side, is not recursion.
func TestModuleCalledTwiceIsNotRecursion(t *testing.T) {
	dir := writeTree(t, map[string]string{
		"main.tf": `
module "one" { source = "./m" }
module "two" { source = "./m" }
`,
		"m/main.tf": `
module "leaf" { source = "../leaf" }
`,
		"leaf/main.tf": `resource "aws_api_gateway_stage" "s" { stage_name = "x" }`,
	})
	root := load(t, dir, Options{})
	want := "module.one.module.leaf.aws_api_gateway_stage.s,module.two.module.leaf.aws_api_gateway_stage.s"
	if got := strings.Join(sortedAddresses(root), ","); got != want {
		t.Errorf("instances: %s", got)
	}
}

// A local source written on macOS or Windows with other letter case than
// the directory has is evaluated, with a warning that it breaks on Linux.
func TestModuleSourceWithOtherLetterCase(t *testing.T) {
	dir := writeTree(t, map[string]string{
		"main.tf": `
module "api" {
  source = "./Modules/ApiGateWay"
}
module "missing" {
  source = "./modules/nothere"
}
`,
		"modules/ApiGateway/main.tf": `resource "aws_api_gateway_stage" "s" { stage_name = "x" }`,
	})
	if _, err := os.Stat(filepath.Join(dir, "Modules", "ApiGateWay")); err == nil {
		t.Skip("this file system ignores letter case")
	}
	root, probs := LoadRoot(dir, dir, Options{})
	text := problemsText(probs)
	want := `warning main.tf:2 module source differs in letter case: module "api": source "./Modules/ApiGateWay" names Modules/ApiGateWay, which exists only as modules/ApiGateway; it is evaluated from there. This works on macOS and Windows, whose file systems ignore letter case, but breaks on Linux`
	if !strings.Contains(text, want) {
		t.Errorf("want %q in:\n%s", want, text)
	}
	if !strings.Contains(text, "error main.tf:5 module source not found: module \"missing\": its source directory modules/nothere does not exist") {
		t.Errorf("a directory that does not exist in any case is still an error:\n%s", text)
	}
	if strings.Count(text, "\n") != 2 { // the warning and the error, not also a "not loaded" warning
		t.Errorf("problems:\n%s", text)
	}
	if root.Lookup("module.api.aws_api_gateway_stage.s") == nil {
		t.Errorf("instances: %v", addresses(root))
	}
}

// Two directories that differ only in case leave the match ambiguous: the
// source is not found, as on Linux.
func TestModuleSourceAmbiguousLetterCase(t *testing.T) {
	dir := writeTree(t, map[string]string{
		"main.tf":       `module "api" { source = "./API" }`,
		"api/main.tf":   `resource "aws_api_gateway_stage" "lower" { stage_name = "x" }`,
		"Api/main.tf":   `resource "aws_api_gateway_stage" "title" { stage_name = "x" }`,
		"other/main.tf": ``,
	})
	if _, err := os.Stat(filepath.Join(dir, "API")); err == nil {
		t.Skip("this file system ignores letter case")
	}
	root, probs := LoadRoot(dir, dir, Options{})
	if !strings.Contains(problemsText(probs), "module source not found") || len(root.Instances) != 0 {
		t.Errorf("problems:\n%s\ninstances: %v", problemsText(probs), addresses(root))
	}
}
