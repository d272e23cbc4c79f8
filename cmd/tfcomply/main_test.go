package main

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestMain runs the command's tests from the repository root, as a user
// runs tfcomply from theirs: reports name roots and files relative to the
// working directory, and the tests read them so. It also keeps every test
// off the network and out of the user's configuration: fetching is off
// unless a test turns it on (towards a loopback server), the module cache
// is a temporary directory, and no Terraform CLI configuration or token of
// the user's is read.
func TestMain(m *testing.M) {
	if err := os.Chdir(filepath.Join("..", "..")); err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	dir, err := os.MkdirTemp("", "tfcomply-cmd-test-")
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	empty := filepath.Join(dir, "empty.tfrc")
	os.WriteFile(empty, nil, 0o600)
	os.Mkdir(filepath.Join(dir, "home"), 0o700)
	for _, kv := range os.Environ() {
		if strings.HasPrefix(kv, "TF_TOKEN_") {
			os.Unsetenv(kv[:strings.IndexByte(kv, '=')])
		}
	}
	os.Setenv("TFCOMPLY_OFFLINE", "1")
	os.Setenv("TFCOMPLY_CACHE_DIR", filepath.Join(dir, "cache"))
	os.Setenv("TF_CLI_CONFIG_FILE", empty)
	os.Setenv("HOME", filepath.Join(dir, "home"))
	code := m.Run()
	os.RemoveAll(dir)
	os.Exit(code)
}
