package engine

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/tfcomply/tfcomply/internal/controls"
	"github.com/tfcomply/tfcomply/internal/hclload"
	"github.com/tfcomply/tfcomply/internal/suppress"
)

// packages serves fetched packages from directories by source; other
// sources fail with their name.
type packages map[string]hclload.FetchedModule

func (p packages) FetchModule(req hclload.ModuleRequest) (hclload.FetchedModule, error) {
	if m, ok := p[req.Source]; ok {
		return m, nil
	}
	return hclload.FetchedModule{}, errors.New("its source " + req.Source + " could not be fetched: offline")
}

func write(t *testing.T, files map[string]string) string {
	t.Helper()
	dir := t.TempDir()
	for name, body := range files {
		p := filepath.Join(dir, filepath.FromSlash(name))
		os.MkdirAll(filepath.Dir(p), 0o755)
		if err := os.WriteFile(p, []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

// TestModulesNotEvaluated: every call whose module could not be loaded is
// listed per root, with its source and why; fetched modules are evaluated,
// their files named by package, and their ignore comments honoured.
func TestModulesNotEvaluated(t *testing.T) {
	pkg := write(t, map[string]string{"main.tf": `
# tfcomply:ignore:apigateway_stage_logging_enabled reason="upstream module, logging set by the platform"
resource "aws_api_gateway_stage" "this" {
  deployment_id = "d"
  rest_api_id   = "r"
  stage_name    = "s"
}
`})
	scanned := write(t, map[string]string{
		"prod/main.tf": `
module "api" {
  source = "acme/api/aws"
}
module "vpc" {
  source = "terraform-aws-modules/vpc/aws"
}
`,
		"dev/main.tf": `
module "vpc" {
  source = "terraform-aws-modules/vpc/aws"
}
`,
	})
	fetcher := packages{"acme/api/aws": {Dir: pkg, PackageDir: pkg, Display: "acme/api/aws@1.0.0"}}
	rep := scanIn(t, scanned, Options{Profile: controls.ProfileDefault, Modules: fetcher,
		Suppress: suppress.Options{Now: time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)}})
	if rep.HasErrors() {
		t.Fatalf("%+v", rep.Problems)
	}
	if len(rep.ModulesNotEvaluated) != 2 {
		t.Fatalf("not evaluated: %+v", rep.ModulesNotEvaluated)
	}
	for i, root := range []string{"dev", "prod"} {
		m := rep.ModulesNotEvaluated[i]
		if m.Root != root || m.Module != "module.vpc" || m.Source != "terraform-aws-modules/vpc/aws" ||
			!strings.Contains(m.Reason, "offline") || m.File != root+"/main.tf" {
			t.Errorf("%d: %+v", i, m)
		}
	}
	var found bool
	for _, r := range rep.Results {
		if r.Address != "module.api.aws_api_gateway_stage.this" || r.IsAdvisory() {
			continue
		}
		found = true
		if r.File != "acme/api/aws@1.0.0//main.tf" || r.Line != 3 {
			t.Errorf("file %s:%d", r.File, r.Line)
		}
		if r.Suppressed == nil || !r.Suppressed.Active {
			t.Errorf("the ignore comment in the fetched module: %+v", r.Suppressed)
		}
	}
	if !found {
		t.Errorf("the fetched module's stage was not evaluated")
	}
	paths := map[string]bool{}
	for _, f := range rep.Files {
		paths[f.Path] = true
	}
	if !paths["acme/api/aws@1.0.0//main.tf"] {
		t.Errorf("scanned files %v", rep.Files)
	}
}
