package main

import (
	"io"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"
)

// captureStderr runs f and returns what it wrote on standard error.
func captureStderr(t *testing.T, f func()) string {
	t.Helper()
	r, w, _ := os.Pipe()
	stderr := os.Stderr
	os.Stderr = w
	f()
	w.Close()
	os.Stderr = stderr
	out, _ := io.ReadAll(r)
	return string(out)
}

// --output onto something that is not a regular file writes to it and
// leaves it what it was; the summary still reaches the CI log.
func TestOutputToFIFOStaysFIFO(t *testing.T) {
	fifo := filepath.Join(t.TempDir(), "report.fifo")
	if err := syscall.Mkfifo(fifo, 0o644); err != nil {
		t.Skipf("cannot make a FIFO here: %v", err)
	}
	got := make(chan string, 1)
	go func() {
		f, err := os.Open(fifo)
		if err != nil {
			got <- err.Error()
			return
		}
		data, _ := io.ReadAll(f)
		f.Close()
		got <- string(data)
	}()
	var code int
	stderr := captureStderr(t, func() {
		code, _ = runCLI(t, "scan", "--format", "json", "--output", fifo, "examples")
	})
	select {
	case data := <-got:
		if !strings.Contains(data, `"results"`) {
			t.Errorf("the FIFO's reader got %q", data)
		}
	case <-time.After(10 * time.Second):
		t.Fatal("nothing was written to the FIFO")
	}
	if st, err := os.Lstat(fifo); err != nil || st.Mode()&os.ModeNamedPipe == 0 {
		t.Errorf("the FIFO was replaced: %v %v", st.Mode(), err)
	}
	if code != exitFailed || !strings.Contains(stderr, "Summary: 2 stages: 1 passed, 1 failed") {
		t.Errorf("exit %d, standard error %q", code, stderr)
	}
}

// A regular file is replaced atomically, and "-" is standard output.
func TestOutputToFileAndDash(t *testing.T) {
	out := filepath.Join(t.TempDir(), "r.json")
	if code, stdout := runCLI(t, "scan", "--format", "json", "--output", out, "examples"); code != exitFailed || stdout != "" {
		t.Fatalf("exit %d, stdout %q", code, stdout)
	}
	if st, err := os.Lstat(out); err != nil || !st.Mode().IsRegular() {
		t.Fatalf("report file: %v", err)
	}
	if _, stdout := runCLI(t, "scan", "--format", "json", "--output", "-", "examples"); !strings.Contains(stdout, `"results"`) {
		t.Errorf("--output - did not write to standard output: %q", stdout)
	}
}
