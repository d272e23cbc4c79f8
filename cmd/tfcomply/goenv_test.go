package main

import (
	"os/exec"
	"strings"
	"testing"
)

// goCaches are the module and build caches of the user running the tests,
// read when the test binary starts, before TestMain points HOME at a
// temporary directory: the tests that build tfcomply (the pre-commit hook,
// the GitHub Action) build it from them, offline.
var goCaches = func() (env []string) {
	out, err := exec.Command("go", "env", "GOMODCACHE", "GOCACHE").Output()
	if err != nil {
		return nil
	}
	lines := strings.Split(strings.TrimSpace(string(out)), "\n")
	if len(lines) != 2 {
		return nil
	}
	return []string{"GOMODCACHE=" + lines[0], "GOCACHE=" + lines[1]}
}()

// offlineBuildEnv is the environment in which `go install` builds tfcomply
// from the module cache without the network.
func offlineBuildEnv(t *testing.T) []string {
	t.Helper()
	if goCaches == nil {
		t.Skip("go env GOMODCACHE GOCACHE failed: no Go toolchain to build tfcomply with")
	}
	return append(append([]string{}, goCaches...), "GOPROXY=off", "GOFLAGS=-mod=mod", "GOTOOLCHAIN=local", "GOSUMDB=off")
}
