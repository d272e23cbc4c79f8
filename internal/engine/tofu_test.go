package engine

import (
	"strings"
	"testing"

	"github.com/tfcomply/tfcomply/internal/controls"
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
