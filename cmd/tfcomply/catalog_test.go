package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestCatalogCommands(t *testing.T) {
	code, out := runCLI(t, "controls")
	if code != exitOK || !strings.Contains(out, "apigateway_stage_logging_enabled  (severity medium)") || !strings.Contains(out, "CKV2_AWS_4") {
		t.Errorf("controls: %d\n%s", code, out)
	}
	code, out = runCLI(t, "controls", "--format", "json")
	var cs []map[string]interface{}
	if err := json.Unmarshal([]byte(out), &cs); err != nil || code != exitOK || len(cs) != 1 || len(cs[0]["frameworks"].([]interface{})) != 6 {
		t.Errorf("controls json: %v\n%s", err, out)
	}
	code, out = runCLI(t, "frameworks", "--format", "json")
	var fs []map[string]interface{}
	if err := json.Unmarshal([]byte(out), &fs); err != nil || code != exitOK || len(fs) != 6 {
		t.Errorf("frameworks json: %v\n%s", err, out)
	}
	if code, out = runCLI(t, "frameworks"); code != exitOK || !strings.Contains(out, "pci-dss-v4  PCI DSS v4.0  (evaluated under the strict profile)") {
		t.Errorf("frameworks:\n%s", out)
	}
}

// docs/catalog.md is generated from the catalog in the binary.
func TestCatalogDocIsCurrent(t *testing.T) {
	_, out := runCLI(t, "controls", "--format", "markdown")
	doc, err := os.ReadFile(filepath.Join("docs", "catalog.md"))
	if err != nil || string(doc) != out {
		t.Errorf("docs/catalog.md is out of date: run tfcomply controls --format markdown > docs/catalog.md")
	}
}

func TestFrameworksAndSeveralFormats(t *testing.T) {
	dir := t.TempDir()
	j, s, h := filepath.Join(dir, "r.json"), filepath.Join(dir, "r.sarif"), filepath.Join(dir, "r.html")
	// example_c passes under SOC 2 (execution logging) and fails PCI DSS
	// (strict: access logging too).
	code, stdout := runCLI(t, "scan", "--format", "json="+j, "--format", "sarif="+s, "--format", "html="+h, "--format", "markdown", fixture("example_c"))
	if code != exitOK || !strings.Contains(stdout, "## tfcomply") {
		t.Errorf("exit %d, stdout %q", code, stdout)
	}
	data, _ := os.ReadFile(j)
	var rep struct {
		Results []struct {
			FrameworkVerdicts map[string]string `json:"framework_verdicts"`
		}
	}
	json.Unmarshal(data, &rep)
	if len(rep.Results) != 1 || rep.Results[0].FrameworkVerdicts["soc2"] != "PASS" || rep.Results[0].FrameworkVerdicts["pci-dss-v4"] != "FAIL" {
		t.Errorf("framework verdicts: %+v", rep.Results)
	}
	for _, f := range []string{s, h} {
		if st, err := os.Stat(f); err != nil || st.Size() == 0 {
			t.Errorf("%s not written", f)
		}
	}
	if code, _ := runCLI(t, "scan", "--no-color", "--framework", "soc2", fixture("example_c")); code != exitOK {
		t.Errorf("--framework soc2: exit %d", code)
	}
	code, out := runCLI(t, "scan", "--format", "json", "--framework", "pci-dss-v4", fixture("example_c"))
	if code != exitFailed || strings.Contains(out, `"soc2"`) {
		t.Errorf("--framework pci-dss-v4: exit %d; other frameworks must be left out\n%s", code, out)
	}
	if code, _ := runCLI(t, "scan", "--framework", "iso27001", fixture("example_c")); code != exitProblem {
		t.Errorf("unknown framework: exit %d", code)
	}
	if code, _ := runCLI(t, "scan", "--format", "json", "--format", "sarif", fixture("example_c")); code != exitProblem {
		t.Errorf("two reports to standard output: exit %d", code)
	}
}
