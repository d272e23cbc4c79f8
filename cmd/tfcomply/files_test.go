package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// Scanned configuration is untrusted: its file functions read nothing
// outside the scanned tree, and a scan of hostile ones ends promptly with
// warnings, not errors.
func TestScanDoesNotReadFilesOutsideTheTree(t *testing.T) {
	const secret = "TOPSECRET-4242"
	secretPath := filepath.Join(t.TempDir(), "secret.txt")
	if err := os.WriteFile(secretPath, []byte(secret), 0o644); err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	src := `
output "x" { value = file("/etc/hostname") }
output "y" { value = fileset("/", "**") }
resource "aws_api_gateway_stage" "s" {
  deployment_id = "d"
  rest_api_id   = "r"
  stage_name    = "s"
  access_log_settings {
    destination_arn = file("` + filepath.ToSlash(secretPath) + `")
    format          = file("/dev/zero")
  }
}
`
	if err := os.WriteFile(filepath.Join(dir, "main.tf"), []byte(src), 0o644); err != nil {
		t.Fatal(err)
	}
	start := time.Now()
	code, out := runCLI(t, "scan", "--format", "json", dir)
	if d := time.Since(start); d > 5*time.Second {
		t.Errorf("the scan took %s", d)
	}
	if code == exitProblem {
		t.Errorf("exit %d: files not read must not be errors\n%s", code, out)
	}
	if strings.Contains(out, secret) {
		t.Errorf("the secret leaked into the report:\n%s", out)
	}
	var rep struct {
		Warnings []struct{ Message string }
	}
	if err := json.Unmarshal([]byte(out), &rep); err != nil {
		t.Fatalf("%v\n%s", err, out)
	}
	var msgs []string
	for _, w := range rep.Warnings {
		if strings.HasPrefix(w.Message, "file not read: ") {
			msgs = append(msgs, w.Message)
		}
	}
	if len(msgs) != 4 {
		t.Errorf("want a warning for each of the 4 files, got:\n%s", strings.Join(msgs, "\n"))
	}
}
