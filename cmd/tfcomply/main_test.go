package main

import (
	"fmt"
	"os"
	"path/filepath"
	"testing"
)

// TestMain runs the command's tests from the repository root, as a user
// runs tfcomply from theirs: reports name roots and files relative to the
// working directory, and the tests read them so.
func TestMain(m *testing.M) {
	if err := os.Chdir(filepath.Join("..", "..")); err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	os.Exit(m.Run())
}
