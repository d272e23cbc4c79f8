package engine

import (
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/tfcomply/tfcomply/internal/controls"
	"github.com/tfcomply/tfcomply/internal/testtree"
)

const badInputAPI = `
resource "aws_api_gateway_rest_api" "r" { name = "api" }
resource "aws_api_gateway_deployment" "d" { rest_api_id = aws_api_gateway_rest_api.r.id }
resource "aws_api_gateway_stage" "ok" {
  deployment_id = aws_api_gateway_deployment.d.id
  rest_api_id   = aws_api_gateway_rest_api.r.id
  stage_name    = "ok"
}
`

func writeFiles(t *testing.T, files map[string]string) string {
	t.Helper()
	return testtree.New(t, files)
}

// scanWithin scans path from dir (see scanIn), failing the test (instead
// of hanging it) when the scan does not finish in 10 s.
func scanWithin(t *testing.T, dir, path string) *Report {
	t.Helper()
	done := make(chan *Report, 1)
	go func() { done <- scanIn(t, dir, Options{Profile: controls.ProfileDefault}, path) }()
	select {
	case rep := <-done:
		return rep
	case <-time.After(10 * time.Second):
		t.Fatal("the scan did not finish in 10 s: did it open a FIFO?")
		return nil
	}
}

func problemLines(rep *Report) string {
	var b strings.Builder
	for _, p := range rep.Problems {
		b.WriteString(p.Severity + " " + p.File + ": " + p.Message + "\n")
	}
	return b.String()
}

// A FIFO named like a Terraform file is skipped with a warning, found by
// scanning its directory or named on the command line; the scan completes.
func TestFIFONamedTfDoesNotHangTheScan(t *testing.T) {
	dir := writeFiles(t, map[string]string{"main.tf": badInputAPI})
	for _, name := range []string{"pipe.tf", "terraform.tfvars", "sub/only.tf"} {
		if err := os.MkdirAll(filepath.Dir(filepath.Join(dir, name)), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := syscall.Mkfifo(filepath.Join(dir, name), 0o644); err != nil {
			t.Skipf("cannot make a FIFO here: %v", err)
		}
	}
	for _, path := range []string{".", "pipe.tf"} {
		rep := scanWithin(t, dir, path)
		text := problemLines(rep)
		if !strings.Contains(text, "warning pipe.tf: not a regular file, skipped: pipe.tf is a named pipe (FIFO)") {
			t.Errorf("scan %s: no warning for the FIFO:\n%s", path, text)
		}
		if rep.HasErrors() {
			t.Errorf("scan %s: a skipped FIFO is not an error:\n%s", path, text)
		}
		if path == "." && len(rep.Results) == 0 {
			t.Errorf("the rest of the directory is scanned")
		}
	}
}

// A stage whose count is invalid would make `terraform plan` fail: it is
// an error and no result, not a FAIL for a stage that cannot exist.
func TestInvalidCountStageHasNoResult(t *testing.T) {
	dir := writeFiles(t, map[string]string{"main.tf": badInputAPI + `
resource "aws_api_gateway_stage" "bad" {
  count         = -1
  deployment_id = aws_api_gateway_deployment.d.id
  rest_api_id   = aws_api_gateway_rest_api.r.id
  stage_name    = "bad"
}
`})
	rep := scanWithin(t, dir, ".")
	text := problemLines(rep)
	if !strings.Contains(text, `error main.tf: Invalid count argument: The given "count" argument value is unsuitable: must be greater than or equal to zero.`) {
		t.Errorf("problems:\n%s", text)
	}
	ok := false
	for _, r := range rep.Results {
		if strings.Contains(r.Address, "aws_api_gateway_stage.bad") {
			t.Errorf("result for the stage with an invalid count: %s %s %s", r.Control, r.Address, r.Verdict)
		}
		ok = ok || r.Address == "aws_api_gateway_stage.ok"
	}
	if !ok {
		t.Errorf("the valid stage still has its result")
	}
}
