package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"github.com/tfcomply/tfcomply/internal/testtree"
)

// The live-repository layout every CI gate meets: envs/prod and envs/dev
// call modules/api; dev turns access logging off in its tfvars.
var envsRepo = map[string]string{
	".git/HEAD": "ref: refs/heads/main\n",
	"modules/api/main.tf": `variable "logging" { default = true }
resource "aws_api_gateway_rest_api" "r" { name = "api" }
resource "aws_api_gateway_deployment" "d" {
  rest_api_id = aws_api_gateway_rest_api.r.id
  triggers    = { redeployment = "1" }
}
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
	"envs/prod/main.tf":         "variable \"logging\" { default = true }\nmodule \"api\" {\n  source  = \"../../modules/api\"\n  logging = var.logging\n}\n",
	"envs/dev/main.tf":          "variable \"logging\" {}\nmodule \"api\" {\n  source  = \"../../modules/api\"\n  logging = var.logging\n}\n",
	"envs/dev/terraform.tfvars": "logging = false\n",
}

func writeRepo(t *testing.T, files map[string]string) string {
	t.Helper()
	dir, _ := filepath.EvalSymlinks(t.TempDir())
	testtree.Write(t, dir, files)
	return dir
}

// inRepo runs the CLI from dir.
func inRepo(t *testing.T, dir string, args ...string) (int, string) {
	t.Helper()
	wd, _ := os.Getwd()
	if err := os.Chdir(dir); err != nil {
		t.Fatal(err)
	}
	defer os.Chdir(wd)
	return runCLI(t, args...)
}

type envsReport struct {
	Results []struct {
		Kind, Root, Address, Verdict, File string
		Suppressed                         *struct {
			By, Location, Owner string
			Active              bool
		}
	}
	Errors, Warnings []struct {
		File    string
		Line    int
		Message string
	}
}

func scanEnvs(t *testing.T, dir string, args ...string) (int, envsReport) {
	t.Helper()
	code, out := inRepo(t, dir, append([]string{"scan", "--format", "json"}, args...)...)
	var rep envsReport
	if err := json.Unmarshal([]byte(out), &rep); err != nil {
		t.Fatalf("%v\n%s", err, out)
	}
	return code, rep
}

// stages lists "root verdict [suppressed-by]" per stage result.
func (r envsReport) stages() []string {
	var out []string
	for _, res := range r.Results {
		if res.Kind != "control" {
			continue
		}
		s := res.Root + " " + res.Verdict
		if res.Suppressed != nil && res.Suppressed.Active {
			s += " suppressed by " + res.Suppressed.By
		}
		out = append(out, s)
	}
	sort.Strings(out)
	return out
}

// Two roots are two names, so a baseline written while only dev failed
// does not accept a new prod failure.
func TestBaselineDoesNotAcceptAnotherRootsRegression(t *testing.T) {
	dir := writeRepo(t, envsRepo)
	code, rep := scanEnvs(t, dir, "envs/prod", "envs/dev")
	if got := strings.Join(rep.stages(), ", "); code != exitFailed || got != "envs/dev FAIL, envs/prod PASS" {
		t.Fatalf("exit %d: %s", code, got)
	}
	if code, _ := inRepo(t, dir, "scan", "--baseline-write", "baseline.json", "envs/prod", "envs/dev"); code != exitOK {
		t.Fatalf("--baseline-write: exit %d", code)
	}
	// prod regresses: its logging is turned off too.
	os.WriteFile(filepath.Join(dir, "envs/prod/terraform.tfvars"), []byte("logging = false\n"), 0o644)
	code, rep = scanEnvs(t, dir, "--baseline", "baseline.json", "envs/prod", "envs/dev")
	if got := strings.Join(rep.stages(), ", "); code != exitFailed || got != "envs/dev FAIL suppressed by baseline, envs/prod FAIL" {
		t.Errorf("exit %d: %s", code, got)
	}
	// The same roots scanned from envs/ match the baseline written from
	// the repository root: keys are relative to the work tree.
	code, rep = scanEnvs(t, filepath.Join(dir, "envs"), "--baseline", "../baseline.json", "prod", "dev")
	if got := strings.Join(rep.stages(), ", "); code != exitFailed || got != "dev FAIL suppressed by baseline, prod FAIL" {
		t.Errorf("from envs/: exit %d: %s", code, got)
	}
}

// A waiver scoped to dev's root leaves prod failing; dev's own
// .tfcomply.yml applies to dev alone whatever directory is scanned.
func TestWaiversAreScopedToRoots(t *testing.T) {
	files := map[string]string{}
	for k, v := range envsRepo {
		files[k] = v
	}
	files["envs/prod/terraform.tfvars"] = "logging = false\n"
	files[".tfcomply.yml"] = `waivers:
  - control: apigateway_stage_logging_enabled
    address: 'module.api.*'
    root: envs/dev
    reason: dev carries no customer data
    owner: platform
`
	dir := writeRepo(t, files)
	code, rep := scanEnvs(t, dir, ".")
	if got := strings.Join(rep.stages(), ", "); code != exitFailed || got != "envs/dev FAIL suppressed by waiver, envs/prod FAIL" {
		t.Errorf("root-scoped waiver: exit %d: %s", code, got)
	}

	delete(files, ".tfcomply.yml")
	files["envs/dev/.tfcomply.yml"] = `waivers:
  - control: apigateway_stage_logging_enabled
    reason: dev carries no customer data
    owner: dev-team
`
	dir = writeRepo(t, files)
	for _, path := range []string{".", "envs", "envs/dev"} {
		code, rep := scanEnvs(t, dir, path)
		want := "envs/dev FAIL suppressed by waiver, envs/prod FAIL"
		if path == "envs/dev" {
			want = "envs/dev FAIL suppressed by waiver"
		}
		if got := strings.Join(rep.stages(), ", "); got != want {
			t.Errorf("scan %s: exit %d: %s, want %s", path, code, got, want)
		}
		for _, r := range rep.Results {
			if r.Suppressed != nil && (r.Suppressed.Owner != "dev-team" || !strings.HasPrefix(r.Suppressed.Location, "envs/dev/.tfcomply.yml:")) {
				t.Errorf("scan %s: suppression %+v", path, r.Suppressed)
			}
		}
	}
}

// Exceptions that match nothing, and ignores naming no control, are said.
func TestUnmatchedExceptionsAreSaid(t *testing.T) {
	files := map[string]string{}
	for k, v := range envsRepo {
		files[k] = v
	}
	files[".tfcomply.yml"] = `waivers:
  - control: apigateway_stage_logging_enabled
    address: 'module.nothing.*'
    reason: a pattern with a typo
`
	files["modules/api/extra.tf"] = `# tfcomply:ignore:apigateway_stage_loging_enabled reason="typo in the id"
resource "aws_api_gateway_stage" "typo" {
  deployment_id = "d"
  rest_api_id   = "r"
  stage_name    = "typo"
}

# tfcomply:ignore:apigateway_stage_logging_enabled reason="nothing fails here"
resource "aws_cloudwatch_log_group" "quiet" { name = "quiet" }
`
	dir := writeRepo(t, files)
	_, rep := scanEnvs(t, dir, ".")
	text := ""
	for _, w := range rep.Warnings {
		text += w.File + " " + w.Message + "\n"
	}
	for _, want := range []string{
		".tfcomply.yml waiver for apigateway_stage_logging_enabled (address module.nothing.*) matches no failing result",
		`modules/api/extra.tf tfcomply:ignore names "apigateway_stage_loging_enabled", which is not a control: did you mean "apigateway_stage_logging_enabled"?`,
		"modules/api/extra.tf tfcomply:ignore matches no failing result",
	} {
		if !strings.Contains(text, want) {
			t.Errorf("warnings lack %q:\n%s", want, text)
		}
	}
	// A baseline entry that matches nothing any more is said too.
	inRepo(t, dir, "scan", "--baseline-write", "baseline.json", ".")
	os.WriteFile(filepath.Join(dir, "envs/dev/terraform.tfvars"), []byte("logging = true\n"), 0o644)
	_, rep = scanEnvs(t, dir, "--baseline", "baseline.json", ".")
	found := false
	for _, w := range rep.Warnings {
		if w.File == "baseline.json" && w.Line > 0 && strings.Contains(w.Message, "baseline entry for module.api.aws_api_gateway_stage.s in envs/dev matches no failing result") {
			found = true
		}
	}
	if !found {
		t.Errorf("no warning for the stale baseline entry: %+v", rep.Warnings)
	}
}

// A FAIL names the setting that decided it and where it is set; a
// sensitive variable's value is never shown.
func TestFailNamesTheDecidingSetting(t *testing.T) {
	dir := writeRepo(t, envsRepo)
	_, out := inRepo(t, dir, "scan", "--format", "json", "envs/dev")
	want := `no access_log_settings block: access logging is off; decided by var.logging = false (envs/dev/terraform.tfvars:1)`
	if !strings.Contains(out, want) {
		t.Errorf("the FAIL does not name the setting %q:\n%s", want, out)
	}
	files := map[string]string{}
	for k, v := range envsRepo {
		files[k] = v
	}
	files["envs/dev/main.tf"] = "variable \"logging\" {\n  sensitive = true\n}\nmodule \"api\" {\n  source  = \"../../modules/api\"\n  logging = var.logging\n}\n"
	dir = writeRepo(t, files)
	_, out = inRepo(t, dir, "scan", "--format", "json", "envs/dev")
	if !strings.Contains(out, `decided by var.logging (set in envs/dev/terraform.tfvars:1)`) || strings.Contains(out, "var.logging = false") {
		t.Errorf("a sensitive variable's value is shown, or its setting is not named:\n%s", out)
	}
}
