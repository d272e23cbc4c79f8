package engine

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/tfcomply/tfcomply/internal/controls"
	"github.com/tfcomply/tfcomply/internal/result"
	"github.com/tfcomply/tfcomply/internal/suppress"
)

func suppressionsOf(rep *Report) map[string]*result.Suppression {
	out := map[string]*result.Suppression{}
	for _, r := range rep.Results {
		if !r.IsAdvisory() {
			out[r.Address] = r.Suppressed
		}
	}
	return out
}

// Every syntax and placement, with an injected clock for expiry.
func TestInlineIgnoresAndWaivers(t *testing.T) {
	dir := filepath.Join("..", "..", "testdata", "suppress", "inline")
	cfg, probs := suppress.LoadConfig(filepath.Join(dir, ".tfcomply.yml"))
	if len(probs) > 0 {
		t.Fatal(probs)
	}
	scan := func(now string, noIgnores bool) *Report {
		return scanIn(t, dir, Options{Profile: controls.ProfileDefault,
			Suppress: suppress.Options{Config: cfg, Now: day(now), NoIgnores: noIgnores}})
	}
	rep := scan("2026-06-01", false)
	got := suppressionsOf(rep)
	want := map[string]string{ // address -> by (active)
		"aws_api_gateway_stage.above":     "tfcomply:ignore",
		"aws_api_gateway_stage.checkov":   "checkov:skip",
		"aws_api_gateway_stage.trivy":     "trivy:ignore",
		"aws_api_gateway_stage.kics":      "kics-scan",
		"aws_api_gateway_stage.waived":    "waiver",
		"aws_api_gateway_stage.wildcard":  "tfcomply:ignore",
		"aws_api_gateway_stage.kics_line": "kics-scan",
	}
	for addr, by := range want {
		if s := got[addr]; s == nil || s.By != by || !s.Active {
			t.Errorf("%s: %+v, want active %s", addr, s, by)
		}
	}
	if s := got["aws_api_gateway_stage.tfsec_expired"]; s == nil || s.Active || !strings.Contains(s.Status, "expired on 2020-01-01") {
		t.Errorf("expired tfsec ignore: %+v", s)
	}
	if got["aws_api_gateway_stage.inside"] != nil || got["aws_api_gateway_stage.plain"] != nil {
		t.Errorf("an ignore without a reason, or none, must not suppress")
	}
	if got["aws_api_gateway_stage.kics_line_too_far"] != nil {
		t.Errorf("kics-scan ignore-line reaches only the line right below it")
	}
	wildcardWarned := false
	for _, p := range rep.Problems {
		if p.Severity == "warning" && strings.Contains(p.Message, "tfcomply:ignore:* suppresses every control") {
			wildcardWarned = true
		}
	}
	if !wildcardWarned {
		t.Errorf("no warning for tfcomply:ignore:*")
	}
	if s := got["aws_api_gateway_stage.waived"]; s.Owner != "platform" || s.Ticket != "SEC-42" || s.Kind != "external" || !strings.HasSuffix(s.Location, ".tfcomply.yml:3") {
		t.Errorf("waiver details: %+v", s)
	}
	if s := got["aws_api_gateway_stage.above"]; s.Kind != "inSource" || s.Reason != "internal health API, no user data" || !strings.HasSuffix(s.Location, "main.tf:1") {
		t.Errorf("inline details: %+v", s)
	}
	warned := false
	for _, p := range rep.Problems {
		if p.Severity == "warning" && p.File == "main.tf" && p.Line == 9 && strings.Contains(p.Message, "no reason") {
			warned = true
		}
	}
	if !warned {
		t.Errorf("no warning for the ignore without a reason: %v", rep.Problems)
	}
	// The verdict is unchanged.
	for _, r := range rep.Results {
		if r.Verdict != result.Fail {
			t.Errorf("%s: verdict %s", r.Address, r.Verdict)
		}
	}
	// After the comment's expiry date, it no longer applies.
	if s := suppressionsOf(scan("2099-04-01", false))["aws_api_gateway_stage.above"]; s == nil || s.Active {
		t.Errorf("after expires: %+v", s)
	}
	// --no-ignores lists every suppression but applies none.
	for addr, s := range suppressionsOf(scan("2026-06-01", true)) {
		if s != nil && s.Active {
			t.Errorf("--no-ignores applied %s to %s", s.By, addr)
		}
	}
}

func TestJSONCommentIgnore(t *testing.T) {
	dir := filepath.Join("..", "..", "testdata", "suppress", "json")
	got := suppressionsOf(scanIn(t, dir, Options{Profile: controls.ProfileDefault}))
	if s := got["aws_api_gateway_stage.skipped"]; s == nil || !s.Active || s.Reason != "sandbox stage" {
		t.Errorf(`"//" comment: %+v`, s)
	}
	if got["aws_api_gateway_stage.plain"] != nil {
		t.Errorf("plain stage suppressed")
	}
}

// A baseline accepts today's failures by fingerprint: moving the resource
// keeps it accepted, a new failure (another reason) is not.
func TestBaselineSurvivesLineMoves(t *testing.T) {
	dir := t.TempDir()
	stage := func(name, extra string) string {
		return `resource "aws_api_gateway_stage" "` + name + `" {
  deployment_id = "d"
  rest_api_id   = "r"
  stage_name    = "` + name + `"
` + extra + `}
`
	}
	write := func(src string) {
		os.WriteFile(filepath.Join(dir, "main.tf"), []byte(src), 0o644)
	}
	write(stage("a", "") + stage("b", ""))
	opts := Options{Profile: controls.ProfileDefault}
	// Written where the scan runs, as --baseline-write does: roots are
	// keyed from the working directory.
	var base *suppress.Baseline
	inDir(t, dir, func() { base = suppress.NewBaseline(Scan([]string{"."}, opts).Results) })
	if len(base.Findings) != 2 {
		t.Fatalf("baseline: %+v", base.Findings)
	}
	data, _ := base.Marshal()
	path := filepath.Join(t.TempDir(), "baseline.json")
	os.WriteFile(path, data, 0o644)
	loaded, err := suppress.LoadBaseline(path)
	if err != nil {
		t.Fatal(err)
	}
	// Lines move (a comment and a new passing stage above), b fails for
	// another reason now (a bad destination), c is new.
	write("# moved down\n\n" + stage("a", "") + stage("b", `  access_log_settings {
    destination_arn = "dest"
    format          = "$context.requestId"
  }
`) + stage("c", ""))
	opts.Suppress = suppress.Options{Baseline: loaded, Now: time.Now()}
	got := suppressionsOf(scanIn(t, dir, opts))
	if s := got["aws_api_gateway_stage.a"]; s == nil || s.By != "baseline" || !s.Active {
		t.Errorf("a moved and must stay accepted: %+v", s)
	}
	if got["aws_api_gateway_stage.b"] != nil {
		t.Errorf("b fails for a new reason and must not be accepted")
	}
	if got["aws_api_gateway_stage.c"] != nil {
		t.Errorf("c is new")
	}
}

func TestBadBaseline(t *testing.T) {
	path := filepath.Join(t.TempDir(), "b.json")
	os.WriteFile(path, []byte(`{"version": 7, "findings": []}`), 0o644)
	if _, err := suppress.LoadBaseline(path); err == nil || !strings.Contains(err.Error(), "version 7") {
		t.Errorf("err = %v", err)
	}
	os.WriteFile(path, []byte(`[`), 0o644)
	if _, err := suppress.LoadBaseline(path); err == nil {
		t.Errorf("a broken baseline loaded")
	}
}

func day(s string) time.Time {
	d, _ := time.Parse("2006-01-02", s)
	return d
}
