package estimate

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func f64(x float64) *float64 { return &x }

func TestTrafficPrecedence(t *testing.T) {
	metrics := writeMetrics(t, `{"MetricDataResults": [
  {"Id": "c", "Label": "orders prod Count", "Timestamps": ["2026-11-01T00:00:00+00:00"], "Values": [3000000]},
  {"Id": "e4", "Label": "orders prod 4XXError", "Timestamps": ["2026-11-01T00:00:00+00:00"], "Values": [30000]},
  {"Id": "e5", "Label": "orders prod 5XXError", "Timestamps": ["2026-11-01T00:00:00+00:00"], "Values": [30000]}]}`)
	k := StageKey{Root: "envs/prod", Address: "module.api.aws_api_gateway_stage.live", APIName: "orders", Stage: "prod"}
	all := Sources{
		Config: map[string]Figures{
			"module.api.aws_api_gateway_stage.live": {RequestsPerMonth: f64(5e6)},
		},
		ConfigFile: ".tfcomply.yml",
		Flags:      Figures{RequestsPerMonth: f64(7e6), ErrorRate: f64(0.05)},
		Metrics:    metrics,
	}
	// 1. The stage's own entry; the error rate it leaves out comes from
	// the next source that has one, the flags.
	tr := all.For(k)
	if tr.RequestsPerMonth != 5e6 || !tr.Known || !strings.Contains(tr.RequestsSource, ".tfcomply.yml") || tr.ErrorRate != 0.05 || tr.ErrorRateSource != "--error-rate" {
		t.Errorf("config first: %+v", tr)
	}
	// 2. Without it, the flags.
	noCfg := all
	noCfg.Config = nil
	if tr := noCfg.For(k); tr.RequestsPerMonth != 7e6 || tr.RequestsSource != "--requests-per-month" {
		t.Errorf("flags second: %+v", tr)
	}
	// 3. Without either, the metrics export: Count over the month, and
	// (4XX + 5XX) / Count.
	onlyMetrics := Sources{Metrics: metrics}
	if tr := onlyMetrics.For(k); tr.RequestsPerMonth != 3e6 || tr.ErrorRate != 0.02 || !strings.Contains(tr.RequestsSource, "metrics") {
		t.Errorf("metrics third: %+v", tr)
	}
	// 4. Nothing: per million requests, the default error rate.
	if tr := (Sources{}).For(k); tr.Known || tr.RequestsPerMonth != PerMillion || tr.ErrorRate != DefaultErrorRate {
		t.Errorf("none: %+v", tr)
	}
	// A stage the metrics do not name gets nothing from them.
	other := k
	other.Stage = "dev"
	if tr := onlyMetrics.For(other); tr.Known {
		t.Errorf("another stage: %+v", tr)
	}
}

func TestTrafficConfigKeys(t *testing.T) {
	s := Sources{Config: map[string]Figures{
		"*":                                     {RequestsPerMonth: f64(1)},
		"module.api.*":                          {RequestsPerMonth: f64(2)},
		"module.api.aws_api_gateway_stage.live": {RequestsPerMonth: f64(3)},
		"envs/prod:module.api.*":                {RequestsPerMonth: f64(4)},
		"envs/prod:module.api.aws_api_gateway_stage.live": {RequestsPerMonth: f64(5)},
		`aws_api_gateway_stage.s["a:b"]`:                  {RequestsPerMonth: f64(6)},
	}}
	cases := []struct {
		root, addr string
		want       float64
	}{
		{"envs/prod", "module.api.aws_api_gateway_stage.live", 5}, // root and exact address
		{"envs/prod", "module.api.aws_api_gateway_stage.other", 4},
		{"envs/dev", "module.api.aws_api_gateway_stage.live", 3},  // exact beats a pattern
		{"envs/dev", "module.api.aws_api_gateway_stage.other", 2}, // the longer pattern
		{".", "aws_api_gateway_stage.x", 1},
		{".", `aws_api_gateway_stage.s["a:b"]`, 6}, // a colon inside a key is not a root
	}
	for _, c := range cases {
		if tr := s.For(StageKey{Root: c.root, Address: c.addr}); tr.RequestsPerMonth != c.want {
			t.Errorf("%s %s: %v, want %v (%s)", c.root, c.addr, tr.RequestsPerMonth, c.want, tr.RequestsSource)
		}
	}
	if CheckFigures(Figures{ErrorRate: f64(2)}) == nil || CheckFigures(Figures{RequestsPerMonth: f64(-1)}) == nil || CheckFigures(Figures{ErrorRate: f64(0.5)}) != nil {
		t.Error("CheckFigures")
	}
}

func writeMetrics(t *testing.T, content string) *Metrics {
	t.Helper()
	path := filepath.Join(t.TempDir(), "metrics.json")
	if err := os.WriteFile(path, []byte(content), 0o644); err != nil {
		t.Fatal(err)
	}
	m, err := ParseMetrics(path)
	if err != nil {
		t.Fatal(err)
	}
	return m
}
