package engine

import (
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"github.com/tfcomply/tfcomply/internal/controls"
	"github.com/tfcomply/tfcomply/internal/hclload"
)

// envsLayout is the common live layout: two environments calling one
// module, dev turning logging off through its tfvars.
var envsLayout = map[string]string{
	"modules/api/main.tf": `
variable "logging" { default = true }
resource "aws_api_gateway_rest_api" "r" { name = "api" }
resource "aws_api_gateway_deployment" "d" { rest_api_id = aws_api_gateway_rest_api.r.id }
resource "aws_cloudwatch_log_group" "l" { name = "api" }
resource "aws_api_gateway_stage" "s" {
  deployment_id = aws_api_gateway_deployment.d.id
  rest_api_id   = aws_api_gateway_rest_api.r.id
  stage_name    = "live"
  dynamic "access_log_settings" {
    for_each = var.logging ? [1] : []
    content {
      destination_arn = aws_cloudwatch_log_group.l.arn
      format          = "$context.requestId"
    }
  }
}
`,
	"envs/prod/main.tf":           `module "api" { source = "../../modules/api" }`,
	"envs/dev/main.tf":            "variable \"logging\" {}\nmodule \"api\" {\n  source  = \"../../modules/api\"\n  logging = var.logging\n}\n",
	"envs/dev/terraform.tfvars":   "logging = false\n",
	"examples/alone/main.tf":      `resource "aws_api_gateway_rest_api" "r" { name = "x" }`,
	"modules/unused/variables.tf": `variable "x" { default = 1 }`,
}

func verdicts(rep *Report) []string {
	var out []string
	for _, r := range rep.Results {
		if r.IsAdvisory() {
			continue
		}
		s := r.Root + " " + r.Address + " " + string(r.Verdict)
		if r.ModuleAlone {
			s += " (alone)"
		}
		out = append(out, s)
	}
	sort.Strings(out)
	return out
}

func TestCalledDirectoriesAreModulesNotRoots(t *testing.T) {
	dir := writeFiles(t, envsLayout)
	rep := scanIn(t, dir, Options{Profile: controls.ProfileDefault})
	got := strings.Join(verdicts(rep), "\n")
	want := "envs/dev module.api.aws_api_gateway_stage.s FAIL\nenvs/prod module.api.aws_api_gateway_stage.s PASS"
	if got != want {
		t.Errorf("results:\n%s\nwant:\n%s", got, want)
	}
	for _, r := range rep.Results {
		if r.File != "modules/api/main.tf" {
			t.Errorf("%s: file %q, want the module's file", r.Address, r.File)
		}
	}
}

// The scanned path given as ".", and paths relative to the working
// directory, name the same directories as absolute paths do.
func TestRootsFromRelativePaths(t *testing.T) {
	dir := writeFiles(t, envsLayout)
	wd, _ := os.Getwd()
	if err := os.Chdir(dir); err != nil {
		t.Fatal(err)
	}
	defer os.Chdir(wd)
	for _, paths := range [][]string{{"."}, {"envs", "modules"}, {"envs/prod", "envs/dev", "modules/api"}} {
		rep := Scan(paths, Options{Profile: controls.ProfileDefault})
		if got := len(verdicts(rep)); got != 2 {
			t.Errorf("scan %v: %d stage results, want 2 (through prod and dev only):\n%s", paths, got, strings.Join(verdicts(rep), "\n"))
		}
	}
}

func TestAllDirsEvaluatesModulesAloneMarked(t *testing.T) {
	dir := writeFiles(t, envsLayout)
	rep := scanIn(t, dir, Options{Profile: controls.ProfileDefault, AllDirs: true})
	got := strings.Join(verdicts(rep), "\n")
	want := "envs/dev module.api.aws_api_gateway_stage.s FAIL\nenvs/prod module.api.aws_api_gateway_stage.s PASS\nmodules/api aws_api_gateway_stage.s PASS (alone)"
	if got != want {
		t.Fatalf("results:\n%s\nwant:\n%s", got, want)
	}
	for _, r := range rep.Results {
		if r.ModuleAlone && (len(r.Notes) == 0 || !strings.Contains(strings.Join(r.Notes, " "), "envs/dev, envs/prod")) {
			t.Errorf("a module evaluated alone names its callers: %q", r.Notes)
		}
	}
}

func TestSplitRoots(t *testing.T) {
	dir := writeFiles(t, map[string]string{
		"main.tf":                 `module "a" { source = "./modules/a" }`,
		"modules/a/main.tf":       `module "b" { source = "../b" }`,
		"modules/b/main.tf":       `resource "aws_x" "y" {}`,
		"examples/e/main.tf":      `module "root" { source = "../../" }`,
		"loop/x/main.tf":          `module "y" { source = "../y" }`,
		"loop/y/main.tf":          `module "x" { source = "../x" }`,
		"self/main.tf":            `module "me" { source = "./" }`,
		"Upper/Mod/main.tf":       `resource "aws_x" "y" {}`,
		"case/main.tf":            `module "m" { source = "../upper/mod" }`,
		"broken/main.tf":          `module "m" { source = `,
		"remote/main.tf":          `module "m" { source = "terraform-aws-modules/vpc/aws" }`,
		"modules/lonely/main.tf":  `variable "x" {}`,
		"modules/lonely/README":   ``,
		"examples/e/versions.tf":  `terraform {}`,
		"examples/e/ignored.json": `{}`,
	})
	var dirs []string
	for _, d := range []string{".", "modules/a", "modules/b", "examples/e", "loop/x", "loop/y", "self", "Upper/Mod", "case", "broken", "remote", "modules/lonely"} {
		dirs = append(dirs, filepath.Join(dir, d))
	}
	set := splitRootsBy(dirs, hclload.NewFiles().LocalCalls)
	var roots []string
	for _, r := range set.roots {
		rel, _ := filepath.Rel(dir, r)
		roots = append(roots, filepath.ToSlash(rel))
	}
	got := strings.Join(roots, " ")
	// A loop of calls keeps its first directory as a root, so nothing in
	// it goes unreported; a module calling itself is still a root.
	want := "broken case examples/e loop/x modules/lonely remote self"
	if got != want {
		t.Errorf("roots %q, want %q", got, want)
	}
	if callers := set.modules[filepath.Join(dir, "modules/b")]; len(callers) != 1 || !strings.HasSuffix(callers[0], "modules/a") {
		t.Errorf("modules/b callers: %v", callers)
	}
}
