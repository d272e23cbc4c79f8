package hclload

import (
	"bytes"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"unicode/utf8"

	"github.com/hashicorp/hcl/v2"
)

// parseSource reads one configuration or variables file and parses it as
// HCL or JSON, through the scan's cache. A file that is not text (an
// encrypted or binary file that happens to be named *.tf) is one error that
// says so, never the flood of syntax errors its bytes would give.
func parseSource(rf *rootFiles, path string, json bool) (*hcl.File, hcl.Diagnostics) {
	e, diags := rf.parse(path, json)
	if e == nil {
		return nil, diags
	}
	return e.file, diags
}

// fileStart is the range of a file's first character, for diagnostics that
// are about the whole file.
func fileStart(path string) hcl.Range {
	pos := hcl.Pos{Line: 1, Column: 1}
	return hcl.Range{Filename: path, Start: pos, End: pos}
}

// notText says why src cannot be Terraform source, or "" when it can be.
// Terraform reads configuration as UTF-8 text; NUL bytes never occur in it.
func notText(src []byte) string {
	switch {
	case bytes.HasPrefix(src, []byte("\x00GITCRYPT")):
		return `it is encrypted with git-crypt (it starts with "\0GITCRYPT"); unlock it (git-crypt unlock) to scan it`
	case bytes.HasPrefix(src, []byte{0xff, 0xfe}) || bytes.HasPrefix(src, []byte{0xfe, 0xff}):
		return "it is UTF-16 text (it starts with a UTF-16 byte order mark), and Terraform reads only UTF-8"
	case bytes.IndexByte(src, 0) >= 0:
		return fmt.Sprintf("it contains NUL bytes (the first at line %d): binary data, not Terraform source", lineAt(src, bytes.IndexByte(src, 0)))
	case !utf8.Valid(src):
		return fmt.Sprintf("it is not valid UTF-8 (the first invalid byte is at line %d), and Terraform reads only UTF-8", lineAt(src, firstInvalidUTF8(src)))
	}
	return ""
}

func firstInvalidUTF8(src []byte) int {
	for i := 0; i < len(src); {
		r, size := utf8.DecodeRune(src[i:])
		if r == utf8.RuneError && size <= 1 {
			return i
		}
		i += size
	}
	return len(src)
}

func lineAt(src []byte, offset int) int {
	return bytes.Count(src[:offset], []byte("\n")) + 1
}

// readableEntry decides whether a file found by listing a directory may be
// opened: regular files and symbolic links to them. Anything else named like
// a Terraform file (a FIFO, a socket, a device) is skipped with a warning,
// because opening a FIFO waits for a writer that never comes. Directories are
// skipped silently, as Terraform does. A link that leads nowhere is left to
// the reader, which reports that it cannot be read.
func readableEntry(path string, e fs.DirEntry) (ok bool, warn *hcl.Diagnostic) {
	mode := e.Type()
	if mode&fs.ModeSymlink != 0 {
		st, err := os.Stat(path)
		if err != nil {
			return true, nil
		}
		mode = st.Mode().Type()
	}
	switch {
	case mode.IsRegular():
		return true, nil
	case mode.IsDir():
		return false, nil
	}
	return false, skippedFile(path, mode)
}

func skippedFile(path string, mode fs.FileMode) *hcl.Diagnostic {
	return &hcl.Diagnostic{Severity: hcl.DiagWarning, Summary: "not a regular file, skipped",
		Detail:  fmt.Sprintf("%s is %s; it is not read", filepath.Base(path), modeName(mode)),
		Subject: fileStart(path).Ptr()}
}

// regularFile is readableEntry for a path whose name is known in advance
// (terraform.tfvars, the modules manifest): exists is false when there is
// nothing to read there, or only a directory.
func regularFile(path string) (exists bool, warn *hcl.Diagnostic) {
	st, err := os.Stat(path)
	if err != nil || st.IsDir() {
		return false, nil
	}
	if st.Mode().IsRegular() {
		return true, nil
	}
	return false, skippedFile(path, st.Mode().Type())
}

func modeName(mode fs.FileMode) string {
	switch {
	case mode.IsDir():
		return "a directory"
	case mode&fs.ModeNamedPipe != 0:
		return "a named pipe (FIFO)"
	case mode&fs.ModeSocket != 0:
		return "a socket"
	case mode&fs.ModeCharDevice != 0:
		return "a character device"
	case mode&fs.ModeDevice != 0:
		return "a device"
	}
	return fmt.Sprintf("a special file (%s)", mode)
}
