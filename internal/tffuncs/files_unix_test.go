//go:build unix

package tffuncs

import (
	"path/filepath"
	"syscall"
	"testing"
	"time"

	"github.com/zclconf/go-cty/cty"
)

// A FIFO inside the tree would block a reader until someone writes to it.
func TestFIFOIsNotOpened(t *testing.T) {
	s := newSandbox(t, map[string]string{"main.tf": ""})
	if err := syscall.Mkfifo(filepath.Join(s.tree, "pipe"), 0o644); err != nil {
		t.Skipf("mkfifo: %v", err)
	}
	done := make(chan struct{})
	go func() {
		defer close(done)
		s.refused(t, `file("pipe")`, s.eval(t, `file("pipe")`, nil), cty.String, "it is not a regular file")
		s.refused(t, `templatefile("pipe", {})`, s.eval(t, `templatefile("pipe", {})`, nil), cty.DynamicPseudoType, "it is not a regular file")
		s.refused(t, `fileexists("pipe")`, s.eval(t, `fileexists("pipe")`, nil), cty.Bool, "it is not a regular file")
		if got := show(s.eval(t, `fileset(".", "*")`, nil)); got != "main.tf" {
			t.Errorf(`fileset(".", "*") = %q, want main.tf`, got)
		}
	}()
	select {
	case <-done:
	case <-time.After(5 * time.Second):
		t.Fatal("reading a FIFO hung")
	}
}
