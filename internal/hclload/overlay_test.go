package hclload

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/tfcomply/tfcomply/internal/model"
)

func TestOverlayReplacesFilesOfTheRootOnly(t *testing.T) {
	dir := t.TempDir()
	main := filepath.Join(dir, "main.tf")
	other := filepath.Join(t.TempDir(), "other.tf")
	for _, f := range []string{main, other} {
		if err := os.WriteFile(f, []byte("resource \"aws_cloudwatch_log_group\" \"g\" {\n  name = \"disk\"\n}\n"), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	overlay := map[string][]byte{
		main:  []byte("resource \"aws_cloudwatch_log_group\" \"g\" {\n  name = \"overlay\"\n}\n"),
		other: []byte("resource \"x\" \"y\" {}\n"),
	}
	root, probs := LoadRoot(dir, dir, Options{Overlay: overlay})
	if len(probs) > 0 {
		t.Fatalf("problems: %v", probs)
	}
	if n, _, _ := model.String(model.Attr(root.Lookup("aws_cloudwatch_log_group.g").Value, "name")); n != "overlay" {
		t.Errorf("name = %q, want the overlay's", n)
	}
	if _, listed := root.Files[other]; listed || len(root.Files) != 1 {
		t.Errorf("files read: %v", root.Files)
	}
	if root.Files[main] != model.Digest(overlay[main]) {
		t.Error("the digest is not of the bytes evaluated")
	}

	overlay[main] = []byte("resource \"aws_cloudwatch_log_group\" \"g\" {\n")
	if _, probs := LoadRoot(dir, dir, Options{Overlay: overlay}); len(probs) == 0 || probs[0].Severity != "error" {
		t.Errorf("an overlay that does not parse must say so: %v", probs)
	}
}

// The scan's cache of parsed files never serves an overlaid file, and never
// keeps one: a root evaluated with an edit and one without it, in either
// order through one cache, each see their own bytes.
func TestOverlayBypassesTheSharedCache(t *testing.T) {
	dir := t.TempDir()
	main := filepath.Join(dir, "main.tf")
	if err := os.WriteFile(main, []byte("resource \"aws_cloudwatch_log_group\" \"g\" {\n  name = \"disk\"\n}\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	overlay := map[string][]byte{main: []byte("resource \"aws_cloudwatch_log_group\" \"g\" {\n  name = \"overlay\"\n}\n")}
	name := func(opts Options) string {
		root, probs := LoadRoot(dir, dir, opts)
		if len(probs) > 0 {
			t.Fatalf("problems: %v", probs)
		}
		n, _, _ := model.String(model.Attr(root.Lookup("aws_cloudwatch_log_group.g").Value, "name"))
		return n
	}
	files := NewFiles()
	for i, step := range []struct {
		overlay map[string][]byte
		want    string
	}{{nil, "disk"}, {overlay, "overlay"}, {nil, "disk"}} {
		if got := name(Options{Files: files, Overlay: step.overlay}); got != step.want {
			t.Errorf("step %d: name = %q, want %q", i, got, step.want)
		}
	}
	if n := files.Parses(); n != 1 {
		t.Errorf("the cache parsed %d files, want 1 (the file on disk, once)", n)
	}
}
