package hclload

import (
	"errors"
	"path/filepath"
	"strings"
	"sync"
	"testing"
)

// stubFetcher serves packages from directories, by source, and records
// the requests it gets.
type stubFetcher struct {
	mu       sync.Mutex
	packages map[string]FetchedModule // source -> module
	fail     map[string]string        // source -> reason
	requests []ModuleRequest
}

func (s *stubFetcher) FetchModule(req ModuleRequest) (FetchedModule, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.requests = append(s.requests, req)
	if why, ok := s.fail[req.Source]; ok {
		return FetchedModule{}, errors.New(why)
	}
	if m, ok := s.packages[req.Source]; ok {
		return m, nil
	}
	return FetchedModule{}, errors.New("its source " + req.Source + " is unknown to the stub")
}

func TestFetchedModulesAreEvaluated(t *testing.T) {
	cache := writeTree(t, map[string]string{
		"api/main.tf": `
variable "name" {}
module "logs" {
  source = "./modules/logs"
}
module "label" {
  source  = "acme/label/null"
  version = "~> 1.0"
}
module "escape" {
  source = "../../outside"
}
resource "aws_api_gateway_stage" "this" {
  stage_name  = "${var.name}-${module.logs.suffix}-${module.label.id}"
  description = file("${path.module}/templates/description.txt")
}
output "stage" { value = aws_api_gateway_stage.this.stage_name }
`,
		"api/templates/description.txt": "from the package",
		"api/modules/logs/main.tf":      `output "suffix" { value = trimspace(file("${path.module}/../../templates/description.txt")) }`,
		"label/main.tf":                 `output "id" { value = "label" }`,
		"outside/main.tf":               `output "x" { value = 1 }`,
	})
	stub := &stubFetcher{packages: map[string]FetchedModule{
		"acme/api/aws":    {Dir: filepath.Join(cache, "api"), PackageDir: filepath.Join(cache, "api"), Display: "acme/api/aws@1.2.0"},
		"acme/label/null": {Dir: filepath.Join(cache, "label"), PackageDir: filepath.Join(cache, "label"), Display: "acme/label/null@1.0.3"},
	}}
	dir := writeTree(t, map[string]string{"main.tf": `
module "api" {
  source  = "acme/api/aws"
  version = ">= 1.0"
  name    = "prod"
}
resource "aws_thing" "t" { stage = module.api.stage }
`})
	root, probs := LoadRoot(dir, dir, Options{Modules: stub})
	text := problemsText(probs)
	if got := attr(t, root, "aws_thing.t", "stage"); got != "prod-from the package-label" {
		t.Errorf("stage = %q\n%s", got, text)
	}
	in := root.Lookup("module.api.aws_api_gateway_stage.this")
	if in == nil {
		t.Fatalf("the fetched module's stage is not evaluated: %v", addresses(root))
	}
	if in.Range.File != "acme/api/aws@1.2.0//main.tf" || in.Range.Line != 13 {
		t.Errorf("file %s:%d", in.Range.File, in.Range.Line)
	}
	if got := attr(t, root, "module.api.aws_api_gateway_stage.this", "description"); got != "from the package" {
		t.Errorf("file() in a fetched package: %q\n%s", got, text)
	}
	if len(stub.requests) != 2 || stub.requests[0].Version != ">= 1.0" || stub.requests[1].Version != "~> 1.0" {
		t.Errorf("requests %+v", stub.requests)
	}
	// A local source may not leave the package it came in.
	if !strings.Contains(text, `module.api.module.escape is not evaluated: its source "../../outside" leaves the package it is in (acme/api/aws@1.2.0)`) ||
		!strings.Contains(text, "warning acme/api/aws@1.2.0//main.tf:10") {
		t.Errorf("escape:\n%s", text)
	}
	if len(root.ModulesNotEvaluated) != 1 || root.ModulesNotEvaluated[0].Module != "module.api.module.escape" ||
		root.ModulesNotEvaluated[0].File != "acme/api/aws@1.2.0//main.tf" {
		t.Errorf("not evaluated: %+v", root.ModulesNotEvaluated)
	}
	if _, ok := root.Files["acme/api/aws@1.2.0//main.tf"]; !ok {
		t.Errorf("files: %v", root.Files)
	}
}

func TestFetchFailuresAndWarnings(t *testing.T) {
	installed := writeTree(t, map[string]string{"main.tf": `output "id" { value = "installed" }`})
	stub := &stubFetcher{
		packages: map[string]FetchedModule{
			"acme/old/aws": {Dir: installed, Warnings: []string{"the copy terraform init installed is out of date"}},
		},
		fail: map[string]string{
			"acme/gone/aws": `its source "acme/gone/aws" could not be fetched: offline; drop --offline`,
		},
	}
	dir := writeTree(t, map[string]string{
		"main.tf": `
module "old" {
  source  = "acme/old/aws"
  version = "~> 2.0"
}
module "gone" {
  source = "acme/gone/aws"
}
resource "aws_thing" "t" {
  a = module.old.id
  b = module.gone.id
}
`,
		".terraform/modules/modules.json": `{"Modules":[{"Key":"old","Source":"registry.terraform.io/acme/old/aws","Version":"1.0.0","Dir":".terraform/modules/old"}]}`,
	})
	root, probs := LoadRoot(dir, dir, Options{Modules: stub})
	text := problemsText(probs)
	if got := attr(t, root, "aws_thing.t", "a"); got != "installed" {
		t.Errorf("a = %q", got)
	}
	if attr(t, root, "aws_thing.t", "b") != "<unknown>" {
		t.Error("b should be unknown")
	}
	if !strings.Contains(text, "warning main.tf:2 installed module not used: module.old: the copy terraform init installed is out of date") {
		t.Errorf("warning:\n%s", text)
	}
	if !strings.Contains(text, `warning main.tf:6 module not loaded: module.gone is not evaluated: its source "acme/gone/aws" could not be fetched: offline; drop --offline`) {
		t.Errorf("failure:\n%s", text)
	}
	if len(root.ModulesNotEvaluated) != 1 || root.ModulesNotEvaluated[0] != (struct {
		Module, Source, Reason, File string
		Line                         int
	}{"module.gone", "acme/gone/aws", `its source "acme/gone/aws" could not be fetched: offline; drop --offline`, "main.tf", 6}) {
		t.Errorf("not evaluated: %+v", root.ModulesNotEvaluated)
	}
	var old *ModuleRequest
	for i := range stub.requests {
		if stub.requests[i].Source == "acme/old/aws" {
			old = &stub.requests[i]
		}
	}
	if old == nil || old.Installed == nil || old.Installed.Version != "1.0.0" || old.Installed.Source != "registry.terraform.io/acme/old/aws" ||
		old.Installed.Dir != filepath.Join(dir, ".terraform", "modules", "old") {
		t.Errorf("the manifest's record is passed on: %+v", old)
	}
}

// A root module that was itself fetched (a Terragrunt unit's remote
// source) is named and confined as a fetched module is.
func TestRootInAFetchedPackage(t *testing.T) {
	dir := writeTree(t, map[string]string{
		"cache/pkg/modules/api/main.tf": `
module "logs" { source = "../logs" }
module "out" { source = "../../../../elsewhere" }
resource "aws_api_gateway_rest_api" "r" { name = module.logs.name }
`,
		"cache/pkg/modules/logs/main.tf": `output "name" { value = "api" }`,
		"elsewhere/main.tf":              `output "x" { value = 1 }`,
		"work/placeholder.txt":           "",
	})
	pkg := filepath.Join(dir, "cache", "pkg")
	root, probs := LoadRoot(filepath.Join(pkg, "modules", "api"), filepath.Join(dir, "work"), Options{
		RootPackage: &FetchedModule{Dir: filepath.Join(pkg, "modules", "api"), PackageDir: pkg, Display: "acme/api/aws@1.0.0"},
	})
	in := root.Lookup("aws_api_gateway_rest_api.r")
	if in == nil || in.Range.File != "acme/api/aws@1.0.0//modules/api/main.tf" {
		t.Fatalf("instance %+v", in)
	}
	if got := attr(t, root, "aws_api_gateway_rest_api.r", "name"); got != "api" {
		t.Errorf("name %q: the package's own module was not loaded", got)
	}
	if len(root.ModulesNotEvaluated) != 1 || root.ModulesNotEvaluated[0].Module != "module.out" || !strings.Contains(root.ModulesNotEvaluated[0].Reason, "leaves the package") {
		t.Errorf("not evaluated: %+v\n%s", root.ModulesNotEvaluated, problemsText(probs))
	}
}
