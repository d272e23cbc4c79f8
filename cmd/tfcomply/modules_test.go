package main

import (
	"encoding/json"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	mt "github.com/tfcomply/tfcomply/internal/modfetch/modfetchtest"
)

// stagePackage is a module like terraform-aws-modules/apigateway-v2: its
// stage has access logging when the version says so.
func stagePackage(version string, logged bool) []byte {
	logging := ""
	if logged {
		logging = `
  access_log_settings {
    destination_arn = "arn:aws:logs:us-east-1:123456789012:log-group:api"
    format          = "$context.requestId"
  }`
	}
	return mt.TarGz(mt.Files(map[string]string{
		"README.md": "# api " + version,
		"variables.tf": `variable "name" {
  type = string
}
`,
		"main.tf": `# version ` + version + `
resource "aws_api_gateway_stage" "this" {
  deployment_id = "d"
  rest_api_id   = "r"
  stage_name    = var.name` + logging + `
}
`,
	}))
}

type cliReport struct {
	Summary struct {
		Subjects, Passed, Failed, Unknown int
		ModulesNotEvaluated               int `json:"modules_not_evaluated"`
	}
	Results []struct {
		Address, Verdict, File, Kind string
		Line                         int
	}
	Warnings            []struct{ File, Message string }
	ModulesNotEvaluated []struct{ Root, Module, Source, Reason string } `json:"modules_not_evaluated"`
}

func scanJSON(t *testing.T, args ...string) (int, cliReport, string) {
	t.Helper()
	code, out := runCLI(t, append([]string{"scan", "--format", "json"}, args...)...)
	var rep cliReport
	if err := json.Unmarshal([]byte(out), &rep); err != nil {
		t.Fatalf("%v\n%s", err, out)
	}
	return code, rep, out
}

func writeRoot(t *testing.T, main string) string {
	t.Helper()
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "main.tf"), []byte(main), 0o644); err != nil {
		t.Fatal(err)
	}
	return dir
}

// TestRegistryModuleEndToEnd: a root calls a registry module with a
// version constraint; the loopback registry, reached through a host block
// for registry.terraform.io, serves it; its stage is evaluated with a
// file:line in the fetched module; a second run is served by the cache.
func TestRegistryModuleEndToEnd(t *testing.T) {
	reg := mt.NewRegistry(t)
	reg.AddModule("terraform-aws-modules/apigateway-v2/aws", "5.0.0", stagePackage("5.0.0", true), "")
	reg.AddModule("terraform-aws-modules/apigateway-v2/aws", "5.2.1", stagePackage("5.2.1", false), "")
	reg.AddModule("terraform-aws-modules/apigateway-v2/aws", "6.0.0", stagePackage("6.0.0", true), "")
	t.Setenv("TF_CLI_CONFIG_FILE", reg.CLIConfig(t, t.TempDir(), "registry.terraform.io", ""))
	t.Setenv("TFCOMPLY_OFFLINE", "")
	t.Setenv("TFCOMPLY_CACHE_DIR", t.TempDir())
	root := writeRoot(t, `
module "api" {
  source  = "terraform-aws-modules/apigateway-v2/aws"
  version = "~> 5.0"
  name    = "prod"
}
`)
	code, rep, out := scanJSON(t, "--fail-on-unknown", root)
	if code != exitFailed {
		t.Errorf("exit %d, want 1 (the stage fails)", code)
	}
	var stage *struct {
		Address, Verdict, File, Kind string
		Line                         int
	}
	for i, r := range rep.Results {
		if r.Kind == "control" {
			stage = &rep.Results[i]
		}
	}
	if stage == nil || stage.Address != "module.api.aws_api_gateway_stage.this" || stage.Verdict != "FAIL" ||
		stage.File != "terraform-aws-modules/apigateway-v2/aws@5.2.1//main.tf" || stage.Line != 2 {
		t.Fatalf("stage result %+v\n%s", stage, out)
	}
	if rep.Summary.ModulesNotEvaluated != 0 || len(rep.ModulesNotEvaluated) != 0 || len(rep.Warnings) != 0 {
		t.Errorf("summary %+v, not evaluated %+v, warnings %+v", rep.Summary, rep.ModulesNotEvaluated, rep.Warnings)
	}
	requests := reg.Count()

	code, text := runCLI(t, "scan", "--no-color", root)
	if code != exitFailed || !strings.Contains(text, "FAIL  module.api.aws_api_gateway_stage.this  terraform-aws-modules/apigateway-v2/aws@5.2.1//main.tf:2") {
		t.Errorf("exit %d\n%s", code, text)
	}
	if reg.Count() != requests {
		t.Errorf("the second run sent %d requests to the registry; the cache should serve it", reg.Count()-requests)
	}

	// The same with --offline and an empty cache: not evaluated, and
	// --fail-on-unknown fails the run.
	t.Setenv("TFCOMPLY_CACHE_DIR", t.TempDir())
	code, rep, _ = scanJSON(t, "--offline", "--fail-on-unknown", root)
	if code != exitFailed {
		t.Errorf("offline, --fail-on-unknown: exit %d, want 1", code)
	}
	if rep.Summary.ModulesNotEvaluated != 1 || len(rep.ModulesNotEvaluated) != 1 {
		t.Fatalf("offline: %+v", rep)
	}
	m := rep.ModulesNotEvaluated[0]
	if m.Root != filepath.ToSlash(root) || m.Module != "module.api" || m.Source != "terraform-aws-modules/apigateway-v2/aws" ||
		!strings.Contains(m.Reason, "drop --offline") || !strings.Contains(m.Reason, "terraform init") {
		t.Errorf("not evaluated %+v", m)
	}
	if reg.Count() != requests {
		t.Error("--offline reached the registry")
	}
	code, text = runCLI(t, "scan", "--no-color", "--offline", root)
	if code != exitOK || !strings.Contains(text, "1 module call not evaluated") ||
		!strings.Contains(text, "module.api is not evaluated: its source \"terraform-aws-modules/apigateway-v2/aws\" is not installed and not in the module cache") {
		t.Errorf("offline text, exit %d:\n%s", code, text)
	}
	// TFCOMPLY_OFFLINE does the same as --offline.
	t.Setenv("TFCOMPLY_OFFLINE", "1")
	if code, rep, _ := scanJSON(t, "--fail-on-unknown", root); code != exitFailed || rep.Summary.ModulesNotEvaluated != 1 || reg.Count() != requests {
		t.Errorf("TFCOMPLY_OFFLINE: exit %d, %+v", code, rep.Summary)
	}
}

// TestGitModuleAtTag: a git::file:// source with ?ref= is evaluated at
// that tag.
func TestGitModuleAtTag(t *testing.T) {
	if _, err := exec.LookPath("git"); err != nil {
		t.Skip("git is not installed")
	}
	work := t.TempDir()
	git := func(args ...string) {
		t.Helper()
		cmd := exec.Command("git", append([]string{"-c", "user.name=t", "-c", "user.email=t@example.com", "-c", "commit.gpgsign=false", "-c", "tag.gpgsign=false", "-c", "init.defaultBranch=main"}, args...)...)
		cmd.Dir = work
		if out, err := cmd.CombinedOutput(); err != nil {
			t.Fatalf("git %v: %v\n%s", args, err, out)
		}
	}
	git("init", "-q", ".")
	for _, v := range []struct {
		tag    string
		logged bool
	}{{"v1.0.0", false}, {"v1.2.0", true}, {"v1.3.0", false}} {
		logging := ""
		if v.logged {
			logging = "\n  access_log_settings {\n    destination_arn = \"arn:aws:logs:us-east-1:123456789012:log-group:api\"\n    format          = \"$context.requestId\"\n  }"
		}
		os.WriteFile(filepath.Join(work, "main.tf"), []byte(`resource "aws_api_gateway_stage" "this" {
  deployment_id = "d"
  rest_api_id   = "r"
  stage_name    = "`+v.tag+`"`+logging+`
}
`), 0o644)
		git("add", "-A")
		git("commit", "-q", "-m", v.tag)
		git("tag", v.tag)
	}
	bare := filepath.Join(t.TempDir(), "api.git")
	git("clone", "-q", "--bare", ".", bare)
	t.Setenv("TFCOMPLY_OFFLINE", "")
	t.Setenv("TFCOMPLY_CACHE_DIR", t.TempDir())
	src := "git::file://" + filepath.ToSlash(bare) + "?ref=v1.2.0"
	root := writeRoot(t, "module \"api\" {\n  source = \""+src+"\"\n}\n")
	code, rep, out := scanJSON(t, "--fail-on-unknown", root)
	if code != exitOK || rep.Summary.Passed != 1 || rep.Summary.ModulesNotEvaluated != 0 {
		t.Fatalf("exit %d (v1.2.0 has access logging)\n%s", code, out)
	}
	for _, r := range rep.Results {
		if r.Kind == "control" && r.File != src+"//main.tf" {
			t.Errorf("file %s", r.File)
		}
	}
}

// TestPrivateRegistryTokenStaysSecret: the token reaches the registry and
// appears in no report and no file of the cache.
func TestPrivateRegistryTokenStaysSecret(t *testing.T) {
	const token = "cli-secret-token.XYZ"
	reg := mt.NewRegistry(t)
	reg.Token = token
	reg.AddModule("corp/api/aws", "1.0.0", stagePackage("1.0.0", true), "")
	cache := t.TempDir()
	t.Setenv("TF_CLI_CONFIG_FILE", reg.CLIConfig(t, t.TempDir(), "tf.corp.example", ""))
	t.Setenv("TFCOMPLY_OFFLINE", "")
	t.Setenv("TFCOMPLY_CACHE_DIR", cache)
	root := writeRoot(t, "module \"api\" {\n  source = \"tf.corp.example/corp/api/aws\"\n  name = \"x\"\n}\n")

	// No token: not evaluated, and the warning says how to add one.
	code, rep, _ := scanJSON(t, "--fail-on-unknown", root)
	if code != exitFailed || len(rep.ModulesNotEvaluated) != 1 || !strings.Contains(rep.ModulesNotEvaluated[0].Reason, "TF_TOKEN_tf_corp_example") {
		t.Fatalf("exit %d: %+v", code, rep.ModulesNotEvaluated)
	}

	t.Setenv("TF_TOKEN_tf_corp_example", token)
	for _, format := range []string{"json", "text", "sarif", "markdown", "html", "junit"} {
		code, out := runCLI(t, "scan", "--format", format, "--fail-on-unknown", root)
		if code != exitOK {
			t.Errorf("%s: exit %d\n%s", format, code, out)
		}
		if strings.Contains(out, token) {
			t.Errorf("the %s report holds the token", format)
		}
	}
	filepath.WalkDir(cache, func(p string, d fs.DirEntry, err error) error {
		if err == nil && d.Type().IsRegular() {
			if b, _ := os.ReadFile(p); strings.Contains(string(b), token) {
				t.Errorf("%s holds the token", p)
			}
		}
		return nil
	})
	sawToken := false
	for _, r := range reg.Requests() {
		sawToken = sawToken || r.Authorization == "Bearer "+token
	}
	if !sawToken {
		t.Error("the registry never got the token")
	}
}
