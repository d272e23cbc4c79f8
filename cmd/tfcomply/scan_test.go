package main

import (
	"encoding/json"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// runCLI runs the command with args and returns its exit code and stdout.
func runCLI(t *testing.T, args ...string) (int, string) {
	t.Helper()
	r, w, _ := os.Pipe()
	stdout := os.Stdout
	os.Stdout = w
	code := run(args)
	w.Close()
	os.Stdout = stdout
	out, _ := io.ReadAll(r)
	return code, string(out)
}

func fixture(name string) string { return filepath.Join("testdata", "spec", name) }

func TestExitCodes(t *testing.T) {
	cases := []struct {
		args []string
		want int
	}{
		{[]string{"scan", "--no-color", fixture("example_a")}, exitOK},
		{[]string{"scan", "--no-color", fixture("example_b")}, exitFailed},
		{[]string{"scan", "--no-color", "--fail-on", "high", fixture("example_b")}, exitOK},
		{[]string{"scan", "--no-color", fixture("example_d")}, exitOK},
		{[]string{"scan", "--no-color", "--fail-on-unknown", fixture("example_d")}, exitFailed},
		{[]string{"scan", "--no-color", "--profile", "strict", fixture("example_a")}, exitFailed},
		{[]string{"scan", "--profile", "lenient", fixture("example_a")}, exitProblem},
		{[]string{"scan", "--format", "xml", fixture("example_a")}, exitProblem},
		{[]string{"scan", "--no-such-flag"}, exitProblem},
		{[]string{"scan", "does/not/exist"}, exitProblem},
		// -var in Terraform's single-dash form decides the UNKNOWN.
		{[]string{"scan", "--no-color", "--fail-on-unknown", "-var", "log_arn=arn:aws:logs:us-east-1:123456789012:log-group:g", fixture("example_d")}, exitOK},
		{[]string{"scan", "--no-color", "-var=log_arn=dest", fixture("example_d")}, exitFailed},
	}
	for _, c := range cases {
		if code, out := runCLI(t, c.args...); code != c.want {
			t.Errorf("%v: exit %d, want %d\n%s", c.args, code, c.want, out)
		}
	}
}

func TestParseErrorExitsTwoAndScansTheRest(t *testing.T) {
	dir := t.TempDir()
	os.WriteFile(filepath.Join(dir, "broken.tf"), []byte("resource \"aws_api_gateway_stage\" \"x\" {\n  = oops\n}\n"), 0o644)
	os.MkdirAll(filepath.Join(dir, "ok"), 0o755)
	os.WriteFile(filepath.Join(dir, "ok", "main.tf"), []byte(`resource "aws_api_gateway_stage" "s" {
  deployment_id = "d"
  rest_api_id   = "r"
  stage_name    = "s"
}`), 0o644)
	code, out := runCLI(t, "scan", "--format", "json", dir)
	if code != exitProblem {
		t.Errorf("exit %d, want 2", code)
	}
	var rep struct {
		Results []struct{ Root, Address, Verdict string }
		Errors  []struct {
			File    string
			Line    int
			Message string
		}
	}
	if err := json.Unmarshal([]byte(out), &rep); err != nil {
		t.Fatalf("%v\n%s", err, out)
	}
	// dir lies outside the working directory: paths are absolute.
	if len(rep.Errors) == 0 || rep.Errors[0].File != filepath.ToSlash(filepath.Join(dir, "broken.tf")) || rep.Errors[0].Line != 2 {
		t.Errorf("errors = %+v", rep.Errors)
	}
	found := false
	for _, r := range rep.Results {
		if r.Root == filepath.ToSlash(filepath.Join(dir, "ok")) && r.Address == "aws_api_gateway_stage.s" && r.Verdict == "FAIL" {
			found = true
		}
	}
	if !found {
		t.Errorf("the other root was not scanned: %+v", rep.Results)
	}
}

func TestJSONOutputShape(t *testing.T) {
	out := filepath.Join(t.TempDir(), "results.json")
	code, stdout := runCLI(t, "scan", "--format", "json", "--output", out, fixture("exec_module"))
	if code != exitOK || stdout != "" {
		t.Fatalf("exit %d, stdout %q", code, stdout)
	}
	data, err := os.ReadFile(out)
	if err != nil {
		t.Fatal(err)
	}
	if st, _ := os.Stat(out); st.Mode().Perm() != 0o644 {
		t.Errorf("report written with mode %v", st.Mode().Perm())
	}
	var rep map[string]interface{}
	if err := json.Unmarshal(data, &rep); err != nil {
		t.Fatal(err)
	}
	if rep["version"] != "1" || rep["tool"].(map[string]interface{})["name"] != "tfcomply" {
		t.Errorf("header: %v %v", rep["version"], rep["tool"])
	}
	results := rep["results"].([]interface{})
	var first map[string]interface{}
	for _, r := range results {
		m := r.(map[string]interface{})
		if m["address"] == "module.stage.aws_api_gateway_stage.this" {
			first = m
		}
	}
	if first == nil {
		t.Fatalf("no result for the module stage: %s", data)
	}
	want := map[string]interface{}{
		"control": "apigateway_stage_logging_enabled", "severity": "medium", "verdict": "PASS", "profile": "default",
		"root": "testdata/spec/exec_module", "type": "aws_api_gateway_stage", "file": "testdata/spec/exec_module/modules/stage/main.tf", "line": float64(5),
	}
	for k, v := range want {
		if first[k] != v {
			t.Errorf("%s = %v, want %v", k, first[k], v)
		}
	}
	aspects := first["aspects"].(map[string]interface{})
	if aspects["execution"].(map[string]interface{})["status"] != "PASS" || aspects["access"].(map[string]interface{})["status"] != "FAIL" {
		t.Errorf("aspects = %v", aspects)
	}
	if len(first["frameworks"].([]interface{})) != 6 || first["references"].(map[string]interface{})["checkov"] == nil {
		t.Errorf("frameworks/references missing")
	}
	// Byte-stable: the same input gives the same bytes.
	out2 := filepath.Join(t.TempDir(), "again.json")
	runCLI(t, "scan", "--format", "json", "--output", out2, fixture("exec_module"))
	data2, _ := os.ReadFile(out2)
	if string(data) != string(data2) {
		t.Errorf("JSON output is not stable across runs")
	}
}

func TestTextOutput(t *testing.T) {
	_, out := runCLI(t, "scan", "--no-color", fixture("example_b"))
	for _, want := range []string{
		"Root testdata/spec/example_b", "FAIL  aws_api_gateway_stage.b  testdata/spec/example_b/main.tf:2", "execution FAIL  execution logging is set only on users/GET",
		"access    FAIL  no access_log_settings block", "fix:", `method_path = "*/*"`,
		"Summary: 1 stage: 0 passed, 1 failed, 0 unknown; 0 advisories; 0 errors, 0 warnings",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("text output lacks %q:\n%s", want, out)
		}
	}
	if strings.Contains(out, "\x1b[") {
		t.Errorf("--no-color output has escape codes")
	}
	_, out = runCLI(t, "scan", "--no-color", "--show-passed", fixture("example_a"))
	if !strings.Contains(out, "PASS  aws_api_gateway_stage.a") || !strings.Contains(out, "advisory log_destination_order") {
		t.Errorf("--show-passed:\n%s", out)
	}
}

func TestSkipDirAndSingleFile(t *testing.T) {
	// --all-dirs would evaluate modules/stage alone; --skip-dir keeps it out.
	_, out := runCLI(t, "scan", "--no-color", "--show-passed", "--all-dirs", fixture("exec_module"))
	if !strings.Contains(out, "Root testdata/spec/exec_module/modules/stage (a module") {
		t.Errorf("--all-dirs did not evaluate the module alone:\n%s", out)
	}
	_, out = runCLI(t, "scan", "--no-color", "--show-passed", "--all-dirs", "--skip-dir", "modules", fixture("exec_module"))
	if strings.Contains(out, "modules/stage (a module") {
		t.Errorf("--skip-dir modules did not skip:\n%s", out)
	}
	_, out = runCLI(t, "scan", "--no-color", "--show-passed", filepath.Join(fixture("exec_other_file"), "stage.tf"))
	if !strings.Contains(out, "PASS  aws_api_gateway_stage.s  testdata/spec/exec_other_file/stage.tf:1") {
		t.Errorf("single file scan:\n%s", out)
	}
}

func TestVarFileFlagAndFailOnLow(t *testing.T) {
	vars := filepath.Join(t.TempDir(), "prod.tfvars")
	os.WriteFile(vars, []byte(`log_arn = "arn:aws:logs:us-east-1:123456789012:log-group:prod"`+"\n"), 0o644)
	// Terraform's single-dash form; the value decides example_d's UNKNOWN.
	if code, out := runCLI(t, "scan", "--no-color", "--fail-on-unknown", "-var-file="+vars, fixture("example_d")); code != exitOK {
		t.Errorf("-var-file=: exit %d\n%s", code, out)
	}
	if code, _ := runCLI(t, "scan", "--no-color", "-var-file", filepath.Join(t.TempDir(), "missing.tfvars"), fixture("example_d")); code != exitProblem {
		t.Errorf("a missing -var-file must be an input error")
	}
	// example_a passes but has a low-severity advisory: it fails the run
	// only with --fail-on low.
	if code, _ := runCLI(t, "scan", "--no-color", fixture("example_a")); code != exitOK {
		t.Errorf("advisories must not fail the run by default")
	}
	if code, _ := runCLI(t, "scan", "--no-color", "--fail-on", "low", fixture("example_a")); code != exitFailed {
		t.Errorf("--fail-on low: an advisory must fail the run")
	}
}

func TestHTMLFrameworkRestriction(t *testing.T) {
	out := filepath.Join(t.TempDir(), "evidence.html")
	runCLI(t, "scan", "--framework", "pci-dss-v4", "--format", "html="+out, fixture("example_c"))
	data, _ := os.ReadFile(out)
	html := string(data)
	if !strings.Contains(html, "PCI DSS v4.0") || strings.Contains(html, "SOC 2") || strings.Contains(html, "HIPAA") {
		t.Errorf("--framework pci-dss-v4: the evidence report must cover PCI DSS only")
	}
}
