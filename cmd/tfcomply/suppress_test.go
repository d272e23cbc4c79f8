package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func suppressFixture(name string) string {
	return filepath.Join("testdata", "suppress", name)
}

func TestSuppressionsAndExitCodes(t *testing.T) {
	dir := suppressFixture("inline")
	// Suppressed failures do not fail the run; the others (an ignore
	// without a reason, an expired one, none) still do.
	code, out := runCLI(t, "scan", "--no-color", dir)
	if code != exitFailed || !strings.Contains(out, "(7 suppressed)") || !strings.Contains(out, "suppressed: checkov:skip: logging done by the service mesh") {
		t.Errorf("exit %d\n%s", code, out)
	}
	// Accept today's failures, then nothing fails.
	baseline := filepath.Join(t.TempDir(), "baseline.json")
	if code, _ := runCLI(t, "scan", "--no-color", "--baseline-write", baseline, dir); code != exitOK {
		t.Errorf("--baseline-write: exit %d", code)
	}
	code, out = runCLI(t, "scan", "--no-color", "--baseline", baseline, dir)
	if code != exitOK || !strings.Contains(out, "suppressed: baseline") {
		t.Errorf("--baseline: exit %d\n%s", code, out)
	}
	// The audit view applies nothing and lists everything.
	code, out = runCLI(t, "scan", "--format", "json", "--no-ignores", "--baseline", baseline, dir)
	if code != exitFailed || !strings.Contains(out, `"status": "not applied (--no-ignores)"`) || strings.Contains(out, `"active": true`) {
		t.Errorf("--no-ignores: exit %d", code)
	}
}

func TestConfigFileDefaultsAndErrors(t *testing.T) {
	dir := t.TempDir()
	data, _ := os.ReadFile(filepath.Join(fixture("example_c"), "main.tf"))
	api, _ := os.ReadFile(filepath.Join(fixture("example_c"), "api.tf"))
	os.WriteFile(filepath.Join(dir, "main.tf"), data, 0o644)
	os.WriteFile(filepath.Join(dir, "api.tf"), api, 0o644)
	// example_c passes by default and fails the strict profile.
	if code, _ := runCLI(t, "scan", "--no-color", dir); code != exitOK {
		t.Errorf("no config: exit %d", code)
	}
	os.WriteFile(filepath.Join(dir, ".tfcomply.yml"), []byte("profile: strict\n"), 0o644)
	if code, _ := runCLI(t, "scan", "--no-color", dir); code != exitFailed {
		t.Errorf("profile from .tfcomply.yml: exit %d", code)
	}
	if code, _ := runCLI(t, "scan", "--no-color", "--profile", "default", dir); code != exitOK {
		t.Errorf("the command line wins over the config: exit %d", code)
	}
	bad := filepath.Join(t.TempDir(), "bad.yml")
	os.WriteFile(bad, []byte("profile: strict\nwaivers:\n  - control: apigateway_stage_logging_enabled\n    reasn: typo\n"), 0o644)
	code, out := runCLI(t, "scan", "--no-color", "--config", bad, dir)
	if code != exitProblem || !strings.Contains(out, "bad.yml:4: field reasn is not a known waiver setting") {
		t.Errorf("malformed config: exit %d\n%s", code, out)
	}
}
