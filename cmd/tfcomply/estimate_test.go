package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

type estimateJSON struct {
	Stages []struct {
		Root, Address, Verdict, Region string
		Traffic                        struct {
			Requests       float64 `json:"requests_per_month"`
			Known          bool    `json:"known"`
			RequestsSource string  `json:"requests_source"`
			ErrorRate      float64 `json:"error_rate"`
			ErrorSource    string  `json:"error_rate_source"`
		}
		Options []struct {
			Name string
			USD  float64 `json:"usd_per_month"`
		}
	}
	Errors []struct{ Message string }
}

func runEstimateJSON(t *testing.T, args ...string) (int, estimateJSON) {
	t.Helper()
	code, out := runCLI(t, append([]string{"estimate", "--format", "json"}, args...)...)
	var rep estimateJSON
	if err := json.Unmarshal([]byte(out), &rep); err != nil {
		t.Fatalf("exit %d: %v\n%s", code, err, out)
	}
	return code, rep
}

func TestEstimateShippedExamples(t *testing.T) {
	code, out := runCLI(t, "estimate", "examples")
	if code != exitOK || !strings.Contains(out, "Root examples/envs/prod") || !strings.Contains(out, "execution INFO + data trace") {
		t.Fatalf("exit %d\n%s", code, out)
	}
	code, rep := runEstimateJSON(t, "--requests-per-month", "1e8", "examples")
	if code != exitOK || len(rep.Stages) != 2 {
		t.Fatalf("exit %d: %+v", code, rep)
	}
	for _, s := range rep.Stages {
		cur := s.Options[0].USD
		// prod logs access (a two-variable format); dev logs nothing.
		if (s.Root == "examples/envs/prod") != (cur > 0) || s.Traffic.Requests != 1e8 || s.Traffic.RequestsSource != "--requests-per-month" {
			t.Errorf("%s: current %v, traffic %+v", s.Root, cur, s.Traffic)
		}
	}
	code, out = runCLI(t, "estimate", "--format", "markdown", fixture("example_b"))
	if code != exitOK || !strings.Contains(out, "| option | bytes/request | GB/1M requests | ingestion | storage | USD/1M requests |") {
		t.Errorf("markdown: exit %d\n%s", code, out)
	}
}

func TestEstimateTrafficSources(t *testing.T) {
	dir := copyFixture(t, "example_c")
	os.WriteFile(filepath.Join(dir, ".tfcomply.yml"), []byte("traffic:\n  aws_api_gateway_stage.c:\n    requests_per_month: 250000000\n"), 0o644)
	metrics := filepath.Join(dir, "metrics.json")
	os.WriteFile(metrics, []byte(`{"MetricDataResults": [
  {"Id": "c", "Label": "example staging Count", "Timestamps": ["2026-11-01T00:00:00Z"], "Values": [9000000]},
  {"Id": "e", "Label": "example staging 5XXError", "Timestamps": ["2026-11-01T00:00:00Z"], "Values": [90000]}]}`), 0o644)
	// .tfcomply.yml gives the requests; --error-rate the error rate, over
	// the metrics export, which gives both.
	code, rep := runEstimateJSON(t, "--error-rate", "0.05", "--metrics", metrics, dir)
	if code != exitOK || len(rep.Stages) != 1 {
		t.Fatalf("exit %d: %+v", code, rep)
	}
	tr := rep.Stages[0].Traffic
	if tr.Requests != 2.5e8 || !strings.Contains(tr.RequestsSource, ".tfcomply.yml") || tr.ErrorRate != 0.05 || tr.ErrorSource != "--error-rate" {
		t.Errorf("traffic: %+v", tr)
	}
	// Without the flag the metrics give the error rate.
	_, rep = runEstimateJSON(t, "--metrics", metrics, dir)
	if tr := rep.Stages[0].Traffic; tr.ErrorRate != 0.01 || !strings.Contains(tr.ErrorSource, "metrics") {
		t.Errorf("error rate from metrics: %+v", tr)
	}
	// Without the config entry the metrics give the requests too.
	os.WriteFile(filepath.Join(dir, ".tfcomply.yml"), []byte("profile: default\n"), 0o644)
	_, rep = runEstimateJSON(t, "--metrics", metrics, dir)
	if tr := rep.Stages[0].Traffic; tr.Requests != 9e6 || !tr.Known {
		t.Errorf("requests from metrics: %+v", tr)
	}
	// A misspelt traffic setting is an error, as every unknown key is.
	os.WriteFile(filepath.Join(dir, ".tfcomply.yml"), []byte("traffic:\n  aws_api_gateway_stage.c:\n    requests: 1\n"), 0o644)
	code, rep = runEstimateJSON(t, dir)
	if code != exitProblem || len(rep.Errors) != 1 || !strings.Contains(rep.Errors[0].Message, "requests is not a known traffic setting") {
		t.Errorf("unknown key: exit %d %+v", code, rep.Errors)
	}
	os.WriteFile(filepath.Join(dir, ".tfcomply.yml"), []byte("traffic:\n  aws_api_gateway_stage.c:\n    error_rate: 5\n"), 0o644)
	if code, rep = runEstimateJSON(t, dir); code != exitProblem || len(rep.Errors) != 1 {
		t.Errorf("error rate 5: exit %d %+v", code, rep.Errors)
	}
}

func TestEstimateUsageErrors(t *testing.T) {
	bad := filepath.Join(t.TempDir(), "bad.json")
	os.WriteFile(bad, []byte(`{"regions": {}}`), 0o644)
	for _, args := range [][]string{
		{"--format", "sarif"},
		{"--error-rate", "2"},
		{"--requests-per-month", "-5"},
		{"--region", "Virginia"},
		{"--metrics", filepath.Join(t.TempDir(), "missing.json")},
		{"--metrics", bad},
		{"--pricing", bad},
		{"--payload-bytes", "-1"},
	} {
		if code, out := runCLI(t, append(append([]string{"estimate"}, args...), fixture("example_a"))...); code != exitProblem {
			t.Errorf("%v: exit %d\n%s", args, code, out)
		}
	}
	out := filepath.Join(t.TempDir(), "estimate.json")
	if code, _ := runCLI(t, "estimate", "--format", "json", "-o", out, "--region", "eu-central-1", fixture("example_a")); code != exitOK {
		t.Errorf("-o: exit %d", code)
	}
	if data, err := os.ReadFile(out); err != nil || !strings.Contains(string(data), `"region": "eu-central-1"`) {
		t.Errorf("-o file: %v", err)
	}
}

// With the stage's traffic in .tfcomply.yml, a failing stage's
// remediation says what the logging it turns on costs.
func TestScanRemediationShowsItsCost(t *testing.T) {
	dir := copyFixture(t, "example_b")
	if _, out := runCLI(t, "scan", "--no-color", dir); strings.Contains(out, "a month") {
		t.Errorf("no traffic, no cost:\n%s", out)
	}
	os.WriteFile(filepath.Join(dir, ".tfcomply.yml"), []byte("traffic:\n  aws_api_gateway_stage.b:\n    requests_per_month: 100000000\n"), 0o644)
	code, out := runCLI(t, "scan", "--no-color", dir)
	if code != exitFailed || !strings.Contains(out, "# the logging this turns on: about $") || !strings.Contains(out, "at 100,000,000 requests a month") {
		t.Errorf("exit %d\n%s", code, out)
	}
}

// copyFixture copies a spec fixture's Terraform files to a new directory.
func copyFixture(t *testing.T, name string) string {
	t.Helper()
	dir := t.TempDir()
	files, _ := filepath.Glob(filepath.Join(fixture(name), "*.tf"))
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		os.WriteFile(filepath.Join(dir, filepath.Base(f)), data, 0o644)
	}
	return dir
}
