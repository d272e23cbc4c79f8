package engine

import (
	"path/filepath"
	"strings"
	"testing"

	"github.com/tfcomply/tfcomply/internal/controls"
	"github.com/tfcomply/tfcomply/internal/hclload"
	"github.com/tfcomply/tfcomply/internal/result"
)

// stages are the control's results (no advisories) by root.
func stages(rep *Report) map[string]result.Result {
	out := map[string]result.Result{}
	for _, r := range rep.Results {
		if !r.IsAdvisory() {
			out[r.Root] = r
		}
	}
	return out
}

func problemText(rep *Report) string {
	var b strings.Builder
	for _, p := range rep.Problems {
		b.WriteString(p.Severity + " " + p.File + ": " + p.Message + "\n")
	}
	return b.String()
}

// The live repository layout: live/root.hcl shared by live/{dev,prod}/api,
// each running modules/api with its inputs; dev turns access logging off.
// Each environment is a root with its verdict, at the module's file:line;
// the module is not a root of its own.
func TestTerragruntLiveRepository(t *testing.T) {
	dir := filepath.Join("..", "..", "testdata", "terragrunt")
	rep := scanIn(t, dir, Options{Profile: controls.ProfileDefault})
	if got, want := strings.Join(verdicts(rep), "\n"),
		"live/dev/api aws_api_gateway_stage.api FAIL\nlive/prod/api aws_api_gateway_stage.api PASS"; got != want {
		t.Errorf("results:\n%s\nwant:\n%s", got, want)
	}
	for root, r := range stages(rep) {
		if r.File != "modules/api/main.tf" || r.Line != 14 {
			t.Errorf("%s: %s:%d, want modules/api/main.tf:14", root, r.File, r.Line)
		}
	}
	if dev := stages(rep)["live/dev/api"]; !strings.Contains(dev.Aspects["access"].Reason, "var.access_logging = false (testdata/terragrunt/live/dev/api/terragrunt.hcl:13)") {
		t.Errorf("dev's access reason does not name the input that decided it: %q", dev.Aspects["access"].Reason)
	}
	if len(rep.Problems) > 0 {
		t.Errorf("problems:\n%s", problemText(rep))
	}
	files := map[string]bool{}
	for _, f := range rep.Files {
		files[f.Path] = true
	}
	for _, f := range []string{"live/root.hcl", "live/dev/api/terragrunt.hcl", "live/dev/env.hcl", "modules/api/main.tf"} {
		if !files[f] {
			t.Errorf("%s is not among the files read: %v", f, rep.Files)
		}
	}
	// A unit's terragrunt.hcl as PATH scans the unit.
	rep = scanIn(t, dir, Options{Profile: controls.ProfileDefault}, "live/dev/api/terragrunt.hcl")
	if got := strings.Join(verdicts(rep), "\n"); got != "live/dev/api aws_api_gateway_stage.api FAIL" {
		t.Errorf("scanning live/dev/api/terragrunt.hcl: %s", got)
	}
	// --all-dirs also evaluates the module alone.
	rep = scanIn(t, dir, Options{Profile: controls.ProfileDefault, AllDirs: true})
	if got := strings.Join(verdicts(rep), "\n"); !strings.Contains(got, "modules/api aws_api_gateway_stage.api FAIL (alone)") {
		t.Errorf("--all-dirs: %s", got)
	}
}

// tgModule is a module whose stage logs to what var.log_arn names, when
// var.logging is on.
const tgModule = `
variable "logging" {
  type    = bool
  default = false
}
variable "log_arn" {
  type    = string
  default = "arn:aws:logs:us-east-1:123456789012:log-group:default"
}
resource "aws_api_gateway_rest_api" "r" { name = "api" }
resource "aws_api_gateway_deployment" "d" { rest_api_id = aws_api_gateway_rest_api.r.id }
resource "aws_api_gateway_stage" "s" {
  deployment_id = aws_api_gateway_deployment.d.id
  rest_api_id   = aws_api_gateway_rest_api.r.id
  stage_name    = "live"
  dynamic "access_log_settings" {
    for_each = var.logging ? [1] : []
    content {
      destination_arn = var.log_arn
      format          = "$context.requestId"
    }
  }
}
`

// A dependency's outputs are unknown, whatever its mock_outputs say: the
// stage is UNKNOWN, and the reason names the dependency.
func TestTerragruntDependencyOutputsMakeUnknown(t *testing.T) {
	dir := writeFiles(t, map[string]string{
		"modules/api/main.tf": tgModule,
		"live/api/terragrunt.hcl": `
terraform {
  source = "../../modules//api"
}
dependency "logs" {
  config_path  = "../logs"
  mock_outputs = { arn = "arn:aws:logs:us-east-1:123456789012:log-group:mock" }
}
inputs = {
  logging = true
  log_arn = dependency.logs.outputs.arn
}
`,
		"live/logs/terragrunt.hcl": "terraform {\n  source = \"../../modules//api\"\n}\n",
	})
	rep := scanIn(t, dir, Options{Profile: controls.ProfileDefault})
	r, ok := stages(rep)["live/api"]
	if !ok || r.Verdict != result.Unknown {
		t.Fatalf("live/api: %+v", stages(rep))
	}
	reason := r.Aspects["access"].Reason
	if !strings.Contains(reason, `dependency "logs"`) || !strings.Contains(reason, "mock_outputs are placeholders") || !strings.Contains(reason, "not real values") {
		t.Errorf("access reason %q", reason)
	}
}

// Terragrunt's inputs are TF_VAR_ variables: the module's tfvars, tfvars
// beside terragrunt.hcl (copied with the module), extra_arguments var
// files, -var and the user's own TF_VAR_ variables all win over them.
func TestTerragruntInputsPrecedence(t *testing.T) {
	unit := "terraform {\n  source = \"../../modules//api\"\n}\ninputs = { logging = true }\n"
	cases := []struct {
		name  string
		files map[string]string
		opts  Options
		want  result.Verdict
	}{
		{"inputs alone", nil, Options{}, result.Pass},
		{"-var wins", nil, Options{Vars: varFlags("logging=false")}, result.Fail},
		{"TF_VAR_ wins", nil, Options{Environ: []string{"TF_VAR_logging=false"}}, result.Fail},
		{"tfvars beside terragrunt.hcl win", map[string]string{"live/api/terraform.tfvars": "logging = false\n"}, Options{}, result.Fail},
		{"the module's auto.tfvars win", map[string]string{"modules/api/off.auto.tfvars": "logging = false\n"}, Options{}, result.Fail},
		{"extra_arguments var files win", map[string]string{
			"live/api/terragrunt.hcl": strings.Replace(unit, "terraform {", "terraform {\n  extra_arguments \"vars\" {\n    commands           = get_terraform_commands_that_need_vars()\n    required_var_files = [\"${get_terragrunt_dir()}/off.tfvars\"]\n  }", 1),
			"live/api/off.tfvars":     "logging = false\n",
		}, Options{}, result.Fail},
		{"extra_arguments for other commands do not", map[string]string{
			"live/api/terragrunt.hcl": strings.Replace(unit, "terraform {", "terraform {\n  extra_arguments \"vars\" {\n    commands  = [\"apply\"]\n    arguments = [\"-var-file=off.tfvars\"]\n  }", 1),
			"live/api/off.tfvars":     "logging = false\n",
		}, Options{}, result.Pass},
	}
	for _, c := range cases {
		files := map[string]string{"modules/api/main.tf": tgModule, "live/api/terragrunt.hcl": unit}
		for k, v := range c.files {
			files[k] = v
		}
		dir := writeFiles(t, files)
		c.opts.Profile = controls.ProfileDefault
		rep := scanIn(t, dir, c.opts, "live")
		if r := stages(rep)["live/api"]; r.Verdict != c.want {
			t.Errorf("%s: %s, want %s (%v)\n%s", c.name, r.Verdict, c.want, r.Aspects, problemText(rep))
		}
	}
}

func varFlags(kv ...string) []hclload.VarFlag {
	var out []hclload.VarFlag
	for _, s := range kv {
		name, value, _ := strings.Cut(s, "=")
		out = append(out, hclload.VarFlag{Name: name, Value: value})
	}
	return out
}

// A unit without a source runs the Terraform files beside it: one root,
// with the unit's inputs. A terragrunt.hcl with neither is not evaluated,
// and a warning says why.
func TestTerragruntUnitWithoutSource(t *testing.T) {
	dir := writeFiles(t, map[string]string{
		"terragrunt.hcl":           "inputs = { logging = true }\n",
		"app/terragrunt.hcl":       "include \"root\" {\n  path = find_in_parent_folders()\n}\n",
		"app/main.tf":              tgModule,
		"app/other/terragrunt.hcl": "",
	})
	rep := scanIn(t, dir, Options{Profile: controls.ProfileDefault})
	if got := strings.Join(verdicts(rep), "\n"); got != "app aws_api_gateway_stage.s PASS" {
		t.Errorf("results: %s", got)
	}
	msgs := problemText(rep)
	if strings.Count(msgs, "nothing to evaluate") != 2 || !strings.Contains(msgs, "root.hcl") {
		t.Errorf("problems:\n%s", msgs)
	}
}

// A remote source is not evaluated without a fetcher, and says so.
func TestTerragruntRemoteSourceNotEvaluated(t *testing.T) {
	dir := writeFiles(t, map[string]string{
		"live/api/terragrunt.hcl": "terraform {\n  source = \"git::https://github.com/acme/modules.git//api?ref=v1.2.0\"\n}\n",
	})
	rep := scanIn(t, dir, Options{Profile: controls.ProfileDefault})
	if len(rep.Results) > 0 || rep.HasErrors() {
		t.Errorf("results %v, problems:\n%s", verdicts(rep), problemText(rep))
	}
	if msgs := problemText(rep); !strings.Contains(msgs, "warning live/api/terragrunt.hcl: module not evaluated") || !strings.Contains(msgs, "fetches no remote modules") {
		t.Errorf("problems:\n%s", msgs)
	}
}
