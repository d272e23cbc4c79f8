package main

import (
	"bytes"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/tfcomply/tfcomply/internal/testtree"
)

// The pre-commit hook of .pre-commit-hooks.yaml, run by the real
// pre-commit (Debian's package) on a throw-away repository: it builds
// tfcomply from a copy of this source with the Go toolchain (offline, from
// the module cache), passes on a passing stage and fails on a failing one,
// scanning each root of the changed files once.
func TestPreCommitHook(t *testing.T) {
	t.Parallel() // mostly waits for builds; touches no process-wide state
	if testing.Short() {
		t.Skip("builds tfcomply in a pre-commit environment: not with -short")
	}
	for _, tool := range []string{"pre-commit", "git", "go"} {
		if _, err := exec.LookPath(tool); err != nil {
			t.Skipf("%s is not installed, so the pre-commit hook is not tested (Debian: apt-get install pre-commit; .ci/run installs it)", tool)
		}
	}
	env := offlineGoEnv(t)
	hooks := copySource(t, ".") // TestMain runs the tests from the repository root
	rev := commitAll(t, hooks, env)

	project := t.TempDir()
	writeAll(t, project, map[string]string{
		".pre-commit-config.yaml": "repos:\n  - repo: " + hooks + "\n    rev: " + rev + "\n    hooks:\n      - id: tfcomply\n        args: [--no-color, --show-passed]\n        verbose: true\n",
		"modules/api/main.tf":     envsRepo["modules/api/main.tf"],
		"envs/prod/main.tf":       "module \"api\" {\n  source  = \"../../modules/api\"\n  logging = true\n}\n",
		"README.md":               "not Terraform\n",
	})
	git(t, project, env, "init", "-q")
	git(t, project, env, "add", "-A")

	out, code := preCommit(t, project, env, "run", "--all-files")
	if code != 0 {
		t.Fatalf("passing repository: exit %d\n%s", code, out)
	}
	if n := strings.Count(out, "Root envs/prod"); n != 1 || !strings.Contains(out, "PASS  module.api.aws_api_gateway_stage.s") {
		t.Errorf("envs/prod reported %d times, want once, passing:\n%s", n, out)
	}

	// A failing environment fails the hook, which names it.
	writeAll(t, project, map[string]string{
		"envs/dev/main.tf": "module \"api\" {\n  source  = \"../../modules/api\"\n  logging = false\n}\n",
	})
	git(t, project, env, "add", "-A")
	out, code = preCommit(t, project, env, "run", "--all-files")
	if code == 0 || !strings.Contains(out, "Root envs/dev") || !strings.Contains(out, "FAIL  module.api.aws_api_gateway_stage.s") {
		t.Errorf("failing repository: exit %d\n%s", code, out)
	}

	// A change to the module alone scans every root that calls it.
	out, code = preCommit(t, project, env, "run", "--files", "modules/api/main.tf")
	if code == 0 || strings.Count(out, "Root envs/dev") != 1 || strings.Count(out, "Root envs/prod") != 1 {
		t.Errorf("module change: exit %d\n%s", code, out)
	}
	// A change to a file of the passing root alone passes.
	out, code = preCommit(t, project, env, "run", "--files", "envs/prod/main.tf")
	if code != 0 || strings.Contains(out, "envs/dev") {
		t.Errorf("envs/prod change: exit %d\n%s", code, out)
	}
}

// offlineGoEnv is the environment for pre-commit: its own home, and a Go
// that builds from this machine's module cache without the network.
func offlineGoEnv(t *testing.T) []string {
	t.Helper()
	env := append(os.Environ(), offlineBuildEnv(t)...)
	env = append(env,
		"PRE_COMMIT_HOME="+t.TempDir(),
		"GIT_AUTHOR_NAME=t", "GIT_AUTHOR_EMAIL=t@example.com", "GIT_COMMITTER_NAME=t", "GIT_COMMITTER_EMAIL=t@example.com",
		"GIT_CONFIG_GLOBAL=/dev/null", "GIT_CONFIG_NOSYSTEM=1", "NO_COLOR=1",
	)
	return env
}

// copySource copies what building tfcomply needs (go.mod, go.sum, the
// hooks file, cmd/ and internal/ without tests and test data) to a new
// directory.
func copySource(t *testing.T, from string) string {
	t.Helper()
	to := t.TempDir()
	for _, f := range []string{"go.mod", "go.sum", ".pre-commit-hooks.yaml"} {
		copyFile(t, filepath.Join(from, f), filepath.Join(to, f))
	}
	for _, dir := range []string{"cmd", "internal"} {
		err := filepath.WalkDir(filepath.Join(from, dir), func(p string, d fs.DirEntry, err error) error {
			if err != nil {
				return err
			}
			if d.IsDir() && (d.Name() == "testdata" || strings.HasPrefix(d.Name(), ".")) {
				return filepath.SkipDir
			}
			if d.IsDir() || strings.HasSuffix(p, "_test.go") {
				return nil
			}
			rel, _ := filepath.Rel(from, p)
			copyFile(t, p, filepath.Join(to, rel))
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
	}
	return to
}

func copyFile(t *testing.T, from, to string) {
	t.Helper()
	data, err := os.ReadFile(from)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.MkdirAll(filepath.Dir(to), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(to, data, 0o644); err != nil {
		t.Fatal(err)
	}
}

func writeAll(t *testing.T, dir string, files map[string]string) {
	t.Helper()
	testtree.Write(t, dir, files)
}

func git(t *testing.T, dir string, env []string, args ...string) string {
	t.Helper()
	cmd := exec.Command("git", args...)
	cmd.Dir, cmd.Env = dir, env
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("git %v: %v\n%s", args, err, out)
	}
	return strings.TrimSpace(string(out))
}

// commitAll makes dir a git repository of one commit and returns its id.
func commitAll(t *testing.T, dir string, env []string) string {
	t.Helper()
	git(t, dir, env, "init", "-q")
	git(t, dir, env, "add", "-A")
	git(t, dir, env, "commit", "-q", "-m", "hooks")
	return git(t, dir, env, "rev-parse", "HEAD")
}

func preCommit(t *testing.T, dir string, env []string, args ...string) (string, int) {
	t.Helper()
	cmd := exec.Command("pre-commit", args...)
	cmd.Dir, cmd.Env = dir, env
	var out bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &out
	err := cmd.Run()
	if ee, ok := err.(*exec.ExitError); ok {
		return out.String(), ee.ExitCode()
	}
	if err != nil {
		t.Fatalf("pre-commit %v: %v\n%s", args, err, out.String())
	}
	return out.String(), 0
}
