package terragrunt

import (
	"errors"
	"path/filepath"
	"strings"
	"testing"
)

type stubFetcher map[string]string

func (f stubFetcher) FetchSource(source string) (string, error) {
	if d, ok := f[source]; ok {
		return d, nil
	}
	return "", errors.New("not reachable from this test")
}

const stageModule = `
variable "stage" { type = string }
resource "aws_api_gateway_stage" "s" {
  deployment_id = "d"
  rest_api_id   = "r"
  stage_name    = var.stage
}
`

// The root is named by the unit's directory; resources by their file in
// the module; the Terragrunt files read are among the root's files.
func TestLoadNamesTheUnitAndTheModuleFiles(t *testing.T) {
	tree := writeTree(t, map[string]string{
		"root.hcl":                `inputs = { stage = "from-root" }`,
		"live/api/terragrunt.hcl": "include \"root\" {\n  path = find_in_parent_folders(\"root.hcl\")\n}\nterraform {\n  source = \"${get_repo_root()}/modules//api\"\n}\n",
		"modules/api/main.tf":     stageModule,
	})
	root, probs := Load(filepath.Join(tree, "live", "api"), tree, Options{})
	noErrors(t, probs)
	if root.Dir != "live/api" {
		t.Errorf("root %q, want live/api", root.Dir)
	}
	in := root.Lookup("aws_api_gateway_stage.s")
	if in == nil || in.Range.File != "modules/api/main.tf" || in.Range.Line != 3 {
		t.Fatalf("instance %+v", in)
	}
	for _, f := range []string{"root.hcl", "live/api/terragrunt.hcl", "modules/api/main.tf"} {
		if _, ok := root.Files[filepath.Join(tree, f)]; !ok {
			t.Errorf("%s not among the files read: %v", f, root.Files)
		}
	}
}

// A remote source is evaluated through a Fetcher when there is one; without
// one, or when it fails, the unit has no instances and a warning says why.
func TestRemoteSourcesGoThroughTheFetcher(t *testing.T) {
	src := "git::https://github.com/acme/modules.git//api?ref=v1.2.0"
	tree := writeTree(t, map[string]string{
		"live/api/terragrunt.hcl": "terraform {\n  source = \"" + src + "\"\n}\ninputs = { stage = \"prod\" }\n",
		"cache/api/main.tf":       stageModule,
	})
	unit := filepath.Join(tree, "live", "api")
	root, probs := Load(unit, tree, Options{Fetcher: stubFetcher{src: filepath.Join(tree, "cache", "api")}})
	noErrors(t, probs)
	if len(root.Instances) != 1 || root.Dir != "live/api" {
		t.Errorf("with a fetcher: %d instances, root %q", len(root.Instances), root.Dir)
	}
	for _, f := range []Fetcher{nil, stubFetcher{}} {
		root, probs = Load(unit, tree, Options{Fetcher: f})
		msgs := messages(probs)
		if len(root.Instances) != 0 || !strings.Contains(msgs, "warning live/api/terragrunt.hcl: module not evaluated") {
			t.Errorf("fetcher %v: %d instances, problems:\n%s", f, len(root.Instances), msgs)
		}
	}
}

// The module a unit runs is a module, not a root: ModuleDirs names it.
func TestModuleDirs(t *testing.T) {
	tree := writeTree(t, map[string]string{
		"root.hcl":                   "terraform {\n  source = \"${get_parent_terragrunt_dir()}/modules//${basename(get_terragrunt_dir())}\"\n}\n",
		"live/api/terragrunt.hcl":    "include \"root\" {\n  path = find_in_parent_folders(\"root.hcl\")\n}\n",
		"live/here/terragrunt.hcl":   "",
		"live/here/main.tf":          stageModule,
		"live/remote/terragrunt.hcl": "terraform {\n  source = \"tfr:///acme/api/aws?version=1.0.0\"\n}\n",
		"modules/api/main.tf":        stageModule,
	})
	if got := ModuleDirs(filepath.Join(tree, "live", "api"), tree); len(got) != 1 || got[0] != filepath.Join(tree, "modules", "api") {
		t.Errorf("live/api runs %v", got)
	}
	for _, u := range []string{"here", "remote"} {
		if got := ModuleDirs(filepath.Join(tree, "live", u), tree); len(got) != 0 {
			t.Errorf("live/%s runs %v", u, got)
		}
	}
}

// A terragrunt.hcl that is not text is one error; one full of syntax
// errors reports a bounded number.
func TestBadConfigurationFiles(t *testing.T) {
	garbage := strings.Repeat("}{ = = \"\n", 200)
	tree := writeTree(t, map[string]string{
		"bin/terragrunt.hcl":     "\x00GITCRYPT\x00\x01\x02",
		"garbage/terragrunt.hcl": garbage,
	})
	_, probs := Load(filepath.Join(tree, "bin"), tree, Options{})
	if msgs := messages(probs); strings.Count(msgs, "error") != 1 || !strings.Contains(msgs, "not a text file") {
		t.Errorf("binary file:\n%s", msgs)
	}
	_, probs = Load(filepath.Join(tree, "garbage"), tree, Options{})
	if len(probs) > maxFileProblems+2 || !strings.Contains(messages(probs), "more problems in this file") {
		t.Errorf("%d problems:\n%s", len(probs), messages(probs))
	}
}
