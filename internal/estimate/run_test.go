package estimate

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/tfcomply/tfcomply/internal/engine"
	"github.com/tfcomply/tfcomply/internal/paths"
)

func spec(name string) string { return filepath.Join("..", "..", "testdata", "spec", name) }

func TestRunJoinsStagesAndFacts(t *testing.T) {
	rep := Run([]string{spec("exec_data_trace"), spec("access_firehose")}, RunOptions{Prices: EmbeddedPrices,
		Sources: Sources{Flags: Figures{RequestsPerMonth: f64(1e6)}}})
	if len(rep.Problems) > 0 {
		t.Fatalf("problems: %+v", rep.Problems)
	}
	by := map[string]StageEstimate{}
	for _, s := range rep.Stages {
		by[s.Root+" "+s.Address] = s
	}
	trace := by[paths.Display(spec("exec_data_trace"))+" aws_api_gateway_stage.s"]
	// INFO with data trace and an access log; the region is the ARN's.
	cur := trace.Options[0]
	if cur.Execution == nil || !cur.Execution.DataTrace || cur.Access == nil || trace.Region != "eu-west-1" || trace.RegionSource != "the access log destination's ARN" {
		t.Errorf("exec_data_trace: %+v", trace)
	}
	// What is configured is access logging and INFO with data trace: the
	// sum of those two options.
	if d := cur.USDPerMonth - (trace.Options[4].USDPerMonth + trace.Options[1].USDPerMonth); d > 1e-3 || d < -1e-3 {
		t.Errorf("current %v, access + INFO with data trace %v", cur.USDPerMonth, trace.Options[4].USDPerMonth+trace.Options[1].USDPerMonth)
	}
	good := by[paths.Display(spec("access_firehose"))+" aws_api_gateway_stage.good_literal"]
	if c := good.Options[0].Components; len(c) != 1 || c[0].Charge != ChargeFirehose || c[0].BytesPerRequest != FirehoseRecordUnit {
		t.Errorf("firehose stage: %+v", good.Options[0])
	}
	// A Firehose stream with a name API Gateway does not deliver to is no
	// access logging: the current configuration logs nothing.
	bad := by[paths.Display(spec("access_firehose"))+" aws_api_gateway_stage.bad_literal"]
	if bad.Verdict != "FAIL" || bad.Options[0].USDPerMonth != 0 {
		t.Errorf("bad firehose stage: %s %+v", bad.Verdict, bad.Options[0])
	}
	for _, render := range []func(*bytes.Buffer) error{
		func(b *bytes.Buffer) error { return Text(b, rep) },
		func(b *bytes.Buffer) error { return Markdown(b, rep) },
		func(b *bytes.Buffer) error { return JSON(b, rep) },
	} {
		var b bytes.Buffer
		if err := render(&b); err != nil || !strings.Contains(b.String(), "aws_api_gateway_stage.good_literal") {
			t.Errorf("render: %v\n%s", err, b.String())
		}
	}
}

// The provider's region prices the stages of a root whose destinations
// name none.
func TestRunUsesTheProviderRegion(t *testing.T) {
	dir := t.TempDir()
	os.WriteFile(filepath.Join(dir, "main.tf"), []byte(`
provider "aws" { region = "eu-central-1" }
resource "aws_api_gateway_rest_api" "r" { name = "x" }
resource "aws_api_gateway_deployment" "d" { rest_api_id = aws_api_gateway_rest_api.r.id }
resource "aws_api_gateway_stage" "s" {
  rest_api_id   = aws_api_gateway_rest_api.r.id
  deployment_id = aws_api_gateway_deployment.d.id
  stage_name    = "s"
}
`), 0o644)
	rep := Run([]string{dir}, RunOptions{Prices: EmbeddedPrices, Engine: engine.Options{}})
	if len(rep.Stages) != 1 || rep.Stages[0].Region != "eu-central-1" || rep.Stages[0].RegionSource != "the aws provider block" {
		t.Fatalf("stages: %+v", rep.Stages)
	}
	if rep.Stages[0].Traffic.Known {
		t.Error("no traffic: per million")
	}
	rep = Run([]string{dir}, RunOptions{Prices: EmbeddedPrices, Region: "us-west-2"})
	if rep.Stages[0].Region != "us-west-2" || rep.Stages[0].RegionSource != "--region" {
		t.Errorf("--region wins: %+v", rep.Stages[0])
	}
}

// Plans without their configuration are all the root "." of no directory:
// each one's stages are still estimated.
func TestRunSeveralPlans(t *testing.T) {
	dir := t.TempDir()
	for _, name := range []string{"example_b", "example_c"} {
		data, err := os.ReadFile(filepath.Join(spec(name), "plan.json"))
		if err != nil {
			t.Fatal(err)
		}
		os.WriteFile(filepath.Join(dir, name+".json"), data, 0o644)
	}
	rep := Run([]string{filepath.Join(dir, "example_b.json"), filepath.Join(dir, "example_c.json")}, RunOptions{Prices: EmbeddedPrices})
	if len(rep.Stages) != 2 {
		t.Fatalf("stages: %+v", rep.Stages)
	}
}
