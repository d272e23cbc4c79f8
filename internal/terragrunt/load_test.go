package terragrunt

import (
	"errors"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/tfcomply/tfcomply/internal/hclload"
	"github.com/tfcomply/tfcomply/internal/model"
	"github.com/tfcomply/tfcomply/internal/testtree"
)

// stubFetcher fetches the sources it knows: "SOURCE VERSION" -> package
// directory, subdirectory.
type stubFetcher map[string][2]string

func (f stubFetcher) FetchModule(req hclload.ModuleRequest) (hclload.FetchedModule, error) {
	key := req.Source
	if req.Version != "" {
		key += " " + req.Version
	}
	if d, ok := f[key]; ok {
		return hclload.FetchedModule{Dir: filepath.Join(d[0], d[1]), PackageDir: d[0], Display: "acme/api@1.2.0"}, nil
	}
	return hclload.FetchedModule{}, errors.New("not reachable from this test")
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

// A remote source is evaluated through the module fetcher when there is
// one, its files named by package; without one, or when it fails, the unit
// has no instances, a warning says why, and the source is listed as not
// evaluated.
func TestRemoteSourcesGoThroughTheFetcher(t *testing.T) {
	tree := writeTree(t, map[string]string{
		"live/git/terragrunt.hcl":         "terraform {\n  source = \"git::https://github.com/acme/modules.git//api?ref=v1.2.0\"\n}\ninputs = { stage = \"prod\" }\n",
		"live/tfr/terragrunt.hcl":         "terraform {\n  source = \"tfr:///acme/api/aws//modules/stage?version=1.2.0\"\n}\ninputs = { stage = \"prod\" }\n",
		"cache/pkg/api/main.tf":           stageModule,
		"cache/pkg/modules/stage/main.tf": stageModule,
	})
	pkg := filepath.Join(tree, "cache", "pkg")
	fetcher := stubFetcher{
		"git::https://github.com/acme/modules.git//api?ref=v1.2.0": {pkg, "api"},
		"acme/api/aws//modules/stage = 1.2.0":                      {pkg, "modules/stage"},
	}
	for unit, file := range map[string]string{"git": "acme/api@1.2.0//api/main.tf", "tfr": "acme/api@1.2.0//modules/stage/main.tf"} {
		root, probs := Load(filepath.Join(tree, "live", unit), tree, Options{Modules: fetcher})
		noErrors(t, probs)
		in := root.Lookup("aws_api_gateway_stage.s")
		if in == nil || in.Range.File != file || root.Dir != "live/"+unit || len(root.ModulesNotEvaluated) > 0 {
			t.Errorf("%s: instance %+v, root %q, not evaluated %+v", unit, in, root.Dir, root.ModulesNotEvaluated)
		}
	}
	for _, f := range []hclload.ModuleFetcher{nil, stubFetcher{}} {
		root, probs := Load(filepath.Join(tree, "live", "git"), tree, Options{Modules: f})
		msgs := messages(probs)
		if len(root.Instances) != 0 || !strings.Contains(msgs, "warning live/git/terragrunt.hcl: module not evaluated") {
			t.Errorf("fetcher %v: %d instances, problems:\n%s", f, len(root.Instances), msgs)
		}
		if ne := root.ModulesNotEvaluated; len(ne) != 1 || ne[0].Module != "terraform.source" || ne[0].File != "live/git/terragrunt.hcl" || ne[0].Line != 2 {
			t.Errorf("fetcher %v: not evaluated %+v", f, ne)
		}
	}
}

func TestModuleRequest(t *testing.T) {
	for src, want := range map[string]hclload.ModuleRequest{
		"tfr:///terraform-aws-modules/vpc/aws?version=3.3.0":                {Source: "terraform-aws-modules/vpc/aws", Version: "= 3.3.0"},
		"tfr://registry.opentofu.org/acme/api/aws//modules/x?version=1.0.0": {Source: "registry.opentofu.org/acme/api/aws//modules/x", Version: "= 1.0.0"},
		"tfr:///acme/api/aws": {Source: "acme/api/aws"},
		"git::git@github.com:acme/modules.git//networking/vpc?ref=v0.0.1": {Source: "git::git@github.com:acme/modules.git//networking/vpc?ref=v0.0.1"},
	} {
		if got, err := moduleRequest(src); err != nil || got != want {
			t.Errorf("%s: %+v %v, want %+v", src, got, err, want)
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

// Without a git work tree, configuration above the scanned path may be
// read when it lies within the current directory: scanning one unit from
// the top of the repository finds its root.hcl.
func TestScanningOneUnitFromTheTopWithoutGit(t *testing.T) {
	top := testtree.New(t, map[string]string{
		"root.hcl":                "inputs = { stage = \"from-root\" }\n",
		"live/api/terragrunt.hcl": "include \"root\" {\n  path = find_in_parent_folders(\"root.hcl\")\n}\nterraform {\n  source = \"../../modules//api\"\n}\n",
		"modules/api/main.tf":     stageModule,
	})
	t.Chdir(top)
	root, probs := Load(filepath.Join("live", "api"), filepath.Join("live", "api"), Options{})
	noErrors(t, probs)
	if got := attr(root, "aws_api_gateway_stage.s", "stage_name"); got != "from-root" {
		t.Errorf("stage_name %q, want the root's input", got)
	}
}

// The variables files beside terragrunt.hcl that Terragrunt copies into
// the module's working copy are read, in Terraform's order, and one that
// is not a regular file is skipped with a warning: reading a FIFO would
// never finish.
func TestVariablesFilesBesideTheUnit(t *testing.T) {
	tree := writeTree(t, map[string]string{
		"live/api/terragrunt.hcl":   "terraform {\n  source = \"../../modules//api\"\n}\n",
		"live/api/terraform.tfvars": "stage = \"from-tfvars\"\n",
		"live/api/b.auto.tfvars":    "stage = \"from-auto\"\n",
		"modules/api/main.tf":       stageModule,
	})
	if err := syscall.Mkfifo(filepath.Join(tree, "live", "api", "a.auto.tfvars"), 0o644); err != nil {
		t.Skipf("cannot make a FIFO here: %v", err)
	}
	done := make(chan struct{})
	var root *model.Root
	var probs []model.Problem
	go func() {
		root, probs = Load(filepath.Join(tree, "live", "api"), tree, Options{})
		close(done)
	}()
	select {
	case <-done:
	case <-time.After(10 * time.Second):
		t.Fatal("the unit did not load in 10 s: did it open the FIFO?")
	}
	if got := attr(root, "aws_api_gateway_stage.s", "stage_name"); got != "from-auto" {
		t.Errorf("stage_name %q, want b.auto.tfvars's, read last", got)
	}
	warned := false
	for _, p := range probs {
		warned = warned || strings.Contains(p.Message, "named pipe")
	}
	if !warned {
		t.Errorf("no warning for the FIFO: %v", probs)
	}
}

// attr is a string attribute of the instance at addr ("<none>" when there is
// no such instance or string).
func attr(root *model.Root, addr, name string) string {
	in := root.Lookup(addr)
	if in == nil {
		return "<none>"
	}
	s, known, ok := model.String(model.Attr(in.Value, name))
	if !known || !ok {
		return "<none>"
	}
	return s
}
