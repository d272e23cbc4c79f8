package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

type jsonReport struct {
	Results []struct {
		Root, Address, Type, Verdict, File, Kind string
		Line                                     int
	}
	Errors []struct {
		File    string
		Line    int
		Message string
	}
}

func decode(t *testing.T, out string) jsonReport {
	t.Helper()
	var rep jsonReport
	if err := json.Unmarshal([]byte(out), &rep); err != nil {
		t.Fatalf("%v\n%s", err, out)
	}
	return rep
}

func TestScanPlanAndState(t *testing.T) {
	dir := fixture("exec_module")
	for _, name := range []string{"plan.json", "state.json"} {
		code, out := runCLI(t, "scan", "--format", "json", filepath.Join(dir, name))
		rep := decode(t, out)
		if code != exitOK {
			t.Errorf("%s: exit %d (the plan and state hold the root only, whose stage passes)", name, code)
		}
		found := false
		for _, r := range rep.Results {
			if r.Address == "module.stage.aws_api_gateway_stage.this" {
				found = true
				// The root is the JSON file; files are named from the
				// working directory, as for source.
				if r.Root != filepath.ToSlash(filepath.Join(dir, name)) || r.Type != "aws_api_gateway_stage" || r.Verdict != "PASS" ||
					r.File != filepath.ToSlash(filepath.Join(dir, "modules", "stage", "main.tf")) || r.Line != 5 {
					t.Errorf("%s: %+v", name, r)
				}
			}
		}
		if !found {
			t.Errorf("%s: no result for the module's stage: %s", name, out)
		}
	}
}

func TestPlanWithoutConfigurationHasNoLocations(t *testing.T) {
	plan := filepath.Join(t.TempDir(), "plan.json")
	data, _ := os.ReadFile(filepath.Join(fixture("example_b"), "plan.json"))
	os.WriteFile(plan, data, 0o644)
	_, out := runCLI(t, "scan", "--format", "json", plan)
	for _, r := range decode(t, out).Results {
		if r.File != "" || r.Line != 0 {
			t.Errorf("invented location: %+v", r)
		}
	}
	// --config-dir points at the configuration elsewhere.
	_, out = runCLI(t, "scan", "--format", "json", "--config-dir", fixture("example_b"), plan)
	if rep := decode(t, out); len(rep.Results) == 0 || rep.Results[0].File != filepath.ToSlash(filepath.Join(fixture("example_b"), "main.tf")) || rep.Results[0].Line != 2 {
		t.Errorf("--config-dir: %+v", rep.Results)
	}
}

func TestPlanFromStandardInput(t *testing.T) {
	f, err := os.Open(filepath.Join(fixture("example_c"), "plan.json"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	stdin := os.Stdin
	os.Stdin = f
	defer func() { os.Stdin = stdin }()
	code, out := runCLI(t, "scan", "--no-color", "--show-passed", "-")
	if code != exitOK || !strings.Contains(out, "PASS  aws_api_gateway_stage.c") {
		t.Errorf("exit %d\n%s", code, out)
	}
}

func TestBadJSONIsAnErrorAndTheRestIsScanned(t *testing.T) {
	bad := filepath.Join(t.TempDir(), "truncated.json")
	os.WriteFile(bad, []byte("{\n  \"format_version\": \"1.2\",\n  \"planned_values\": {"), 0o644)
	code, out := runCLI(t, "scan", "--format", "json", bad, filepath.Join(fixture("example_c"), "plan.json"))
	rep := decode(t, out)
	if code != exitProblem {
		t.Errorf("exit %d, want 2", code)
	}
	if len(rep.Errors) != 1 || rep.Errors[0].File != bad || rep.Errors[0].Line != 3 || !strings.Contains(rep.Errors[0].Message, "truncated") {
		t.Errorf("errors: %+v", rep.Errors)
	}
	if len(rep.Results) == 0 {
		t.Errorf("the good plan was not scanned")
	}
}
