package main

import (
	"math/rand"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// A 1 MB binary named x.tf and a git-crypt file give one error each and a
// small report, not one error per garbage byte (a 97 MB SARIF before).
func TestBinaryTfFilesGiveASmallReport(t *testing.T) {
	dir := t.TempDir()
	noise := make([]byte, 1<<20)
	rand.New(rand.NewSource(7)).Read(noise)
	os.WriteFile(filepath.Join(dir, "x.tf"), noise, 0o644)
	os.WriteFile(filepath.Join(dir, "secrets.tf"), append([]byte("\x00GITCRYPT\x00"), noise[:2048]...), 0o644)
	for _, format := range []string{"sarif", "json"} {
		out := filepath.Join(t.TempDir(), "report")
		if code, _ := runCLI(t, "scan", "--format", format, "-o", out, dir); code != exitProblem {
			t.Errorf("%s: exit %d, want %d", format, code, exitProblem)
		}
		report, err := os.ReadFile(out)
		if err != nil {
			t.Fatal(err)
		}
		if len(report) > 20000 {
			t.Errorf("%s report is %d bytes", format, len(report))
		}
		if n := strings.Count(string(report), "not a text file"); n != 2 {
			t.Errorf("%s: %d 'not a text file' problems, want 2:\n%.2000s", format, n, report)
		}
	}
}
