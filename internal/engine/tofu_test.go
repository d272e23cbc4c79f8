package engine

import (
	"path/filepath"
	"strings"
	"testing"

	"github.com/tfcomply/tfcomply/internal/controls"
	"github.com/tfcomply/tfcomply/internal/result"
)

// An OpenTofu layout: roots with only .tofu files, and a module whose
// main.tofu replaces its main.tf (logging off in .tf, on in .tofu).
var tofuLayout = map[string]string{
	"modules/api/main.tf":   strings.Replace(envsLayout["modules/api/main.tf"], "default = true", "default = false", 1),
	"modules/api/main.tofu": envsLayout["modules/api/main.tf"],
	"envs/prod/main.tofu":   `module "api" { source = "../../modules/api" }`,
	"envs/dev/main.tofu":    "module \"api\" {\n  source  = \"../../modules/api\"\n  logging = false\n}\n",
}

func TestTofuOnlyDirectoriesAreRootsAndTofuFilesWin(t *testing.T) {
	dir := writeFiles(t, tofuLayout)
	rep := scanIn(t, dir, Options{Profile: controls.ProfileDefault})
	got := strings.Join(verdicts(rep), "\n")
	want := "envs/dev module.api.aws_api_gateway_stage.s FAIL\nenvs/prod module.api.aws_api_gateway_stage.s PASS"
	if got != want {
		t.Errorf("results:\n%s\nwant:\n%s", got, want)
	}
	for _, r := range rep.Results {
		if r.File != "modules/api/main.tofu" {
			t.Errorf("%s: file %q, want modules/api/main.tofu", r.Address, r.File)
		}
	}
	for _, f := range rep.Files {
		if f.Path == "modules/api/main.tf" {
			t.Errorf("main.tf was read beside main.tofu")
		}
	}
	// One .tofu file as PATH: its directory is evaluated, its resources reported.
	rep = scanIn(t, dir, Options{Profile: controls.ProfileDefault}, "modules/api/main.tofu")
	if got := strings.Join(verdicts(rep), "\n"); got != "modules/api aws_api_gateway_stage.s PASS" || rep.HasErrors() {
		t.Errorf("scanning modules/api/main.tofu: %s %+v", got, rep.Problems)
	}
}

// OpenTofu's `tofu show -json` plan and state (written by hand from its
// documented format: testdata/tofu/README.md) scan as Terraform's do, with
// file:line and references from the .tofu configuration beside them.
func TestTofuPlanAndState(t *testing.T) {
	dir := filepath.Join("..", "..", "testdata", "tofu")
	for _, name := range []string{"plan.json", "state.json"} {
		rep := Scan([]string{filepath.Join(dir, name)}, Options{Profile: controls.ProfileDefault})
		if rep.HasErrors() || len(rep.Problems) > 0 {
			t.Errorf("%s: problems %+v", name, rep.Problems)
		}
		var stage *result.Result
		for i, r := range rep.Results {
			if r.Address == "aws_api_gateway_stage.tofu" && !r.IsAdvisory() {
				stage = &rep.Results[i]
			}
		}
		if stage == nil {
			t.Fatalf("%s: no result for the stage: %+v", name, rep.Results)
		}
		if stage.Verdict != result.Pass || !strings.HasSuffix(stage.File, "testdata/tofu/main.tofu") || stage.Line != 13 {
			t.Errorf("%s: %s %s:%d, want PASS at main.tofu:13", name, stage.Verdict, stage.File, stage.Line)
		}
	}
}
