package engine

import (
	"path/filepath"
	"sort"
	"strings"
	"sync"
	"testing"

	"github.com/tfcomply/tfcomply/internal/controls"
	"github.com/tfcomply/tfcomply/internal/model"
)

// scanRootsOf scans the roots of changed files in dir, and lists the roots
// evaluated, sorted.
func scanRootsOf(t *testing.T, dir string, changed ...string) (*Report, string) {
	var mu sync.Mutex
	var roots []string
	opts := Options{Profile: controls.ProfileDefault, RootsOf: true, RootLoaded: func(_ *model.Root, root, _ string) {
		mu.Lock()
		defer mu.Unlock()
		roots = append(roots, root)
	}}
	rep := scanIn(t, dir, opts, changed...)
	sort.Strings(roots)
	return rep, strings.Join(roots, " ")
}

// --roots-of: changed files map to the roots they can change, each scanned
// once and whole.
func TestRootsOfChangedFiles(t *testing.T) {
	plain := writeFiles(t, envsLayout)
	tg := filepath.Join("..", "..", "testdata", "terragrunt")
	tgTop := writeFiles(t, map[string]string{
		"terragrunt.hcl":          "inputs = { stage = \"prod\" }\n",
		"live/api/terragrunt.hcl": "include {\n  path = find_in_parent_folders()\n}\nterraform {\n  source = \"../../modules//api\"\n}\n",
		"modules/api/main.tf":     "variable \"stage\" {}\nresource \"aws_api_gateway_stage\" \"s\" {\n  deployment_id = \"d\"\n  rest_api_id   = \"r\"\n  stage_name    = var.stage\n}\n",
	})
	cases := []struct {
		dir     string
		changed []string
		want    string
	}{
		// A root's own file: that root, all of it.
		{plain, []string{"envs/dev/main.tf"}, "envs/dev"},
		{plain, []string{"envs/dev/terraform.tfvars"}, "envs/dev"},
		// Files of several roots: each once.
		{plain, []string{"envs/dev/main.tf", "envs/dev/terraform.tfvars", "envs/prod/main.tf"}, "envs/dev envs/prod"},
		// A module's file: every root that calls the module.
		{plain, []string{"modules/api/main.tf"}, "envs/dev envs/prod"},
		// A directory nobody calls is a root of its own.
		{plain, []string{"examples/alone/main.tf"}, "examples/alone"},
		// Not in any root or module: nothing, and no error.
		{plain, []string{"README.md"}, ""},
		// Terragrunt: a unit's file, the module it runs, shared configuration.
		{tg, []string{"live/dev/api/terragrunt.hcl"}, "live/dev/api"},
		{tg, []string{"modules/api/variables.tf"}, "live/dev/api live/prod/api"},
		{tg, []string{"live/prod/env.hcl"}, "live/prod/api"},
		{tg, []string{"live/root.hcl"}, "live/dev/api live/prod/api"},
		// A terragrunt.hcl that units below include is shared configuration.
		{tgTop, []string{"terragrunt.hcl"}, ". live/api"},
		{tgTop, []string{"live/api/terragrunt.hcl"}, "live/api"},
	}
	for _, c := range cases {
		rep, got := scanRootsOf(t, c.dir, c.changed...)
		if got != c.want || rep.HasErrors() {
			t.Errorf("%v: scanned %q, want %q; problems %+v", c.changed, got, c.want, rep.Problems)
		}
	}
	// The module's stage is reported through each root, whole: not only
	// the results in the changed file.
	rep, _ := scanRootsOf(t, plain, "envs/dev/terraform.tfvars")
	if got := strings.Join(verdicts(rep), "\n"); got != "envs/dev module.api.aws_api_gateway_stage.s FAIL" {
		t.Errorf("results: %s", got)
	}
}
