package paths

import (
	"os"
	"path/filepath"
	"testing"
)

// inRepo makes a git work tree with envs/dev and works in its envs/.
func inRepo(t *testing.T) string {
	t.Helper()
	repo, _ := filepath.EvalSymlinks(t.TempDir())
	for _, d := range []string{".git", "envs/dev", "modules/api"} {
		if err := os.MkdirAll(filepath.Join(repo, d), 0o755); err != nil {
			t.Fatal(err)
		}
	}
	wd, _ := os.Getwd()
	t.Cleanup(func() { os.Chdir(wd) })
	if err := os.Chdir(filepath.Join(repo, "envs")); err != nil {
		t.Fatal(err)
	}
	return repo
}

func TestDisplay(t *testing.T) {
	repo := inRepo(t)
	cases := map[string]string{
		"dev":                                 "dev",
		".":                                   ".",
		filepath.Join(repo, "envs", "dev"):    "dev",
		"../modules/api":                      filepath.ToSlash(filepath.Join(repo, "modules", "api")),
		filepath.Join(repo, "modules", "api"): filepath.ToSlash(filepath.Join(repo, "modules", "api")),
		"-":                                   "-",
		"":                                    "",
	}
	for in, want := range cases {
		if got := Display(in); got != want {
			t.Errorf("Display(%q) = %q, want %q", in, got, want)
		}
	}
	if got := Join("dev", "main.tf"); got != "dev/main.tf" {
		t.Errorf("Join = %q", got)
	}
	if got := Join("dev", ""); got != "" {
		t.Errorf("Join of no file = %q", got)
	}
}

func TestKeyIsRelativeToTheWorkTree(t *testing.T) {
	repo := inRepo(t)
	for _, p := range []string{"dev", filepath.Join(repo, "envs", "dev")} {
		if got := Key(p); got != "envs/dev" {
			t.Errorf("Key(%q) = %q, want envs/dev", p, got)
		}
	}
	if got := GitRoot("dev"); got != repo {
		t.Errorf("GitRoot = %q, want %q", got, repo)
	}
	outsideRepo, _ := filepath.EvalSymlinks(t.TempDir())
	if got := Key(outsideRepo); got != filepath.ToSlash(outsideRepo) {
		t.Errorf("Key outside any work tree = %q, want it as displayed", got)
	}
}

// AbsAll gives what filepath.Abs gives for each path.
func TestAbsAll(t *testing.T) {
	in := []string{".", "dev", "../modules/api", "/tmp/x/../y", "a//b/"}
	got := AbsAll(in)
	for i, p := range in {
		want, err := filepath.Abs(p)
		if err != nil {
			t.Fatal(err)
		}
		if got[i] != want {
			t.Errorf("AbsAll(%q) = %q, want %q", p, got[i], want)
		}
	}
}

func TestWithin(t *testing.T) {
	for _, c := range []struct {
		dir, path string
		want      bool
	}{
		{"/a/b", "/a/b", true},
		{"/a/b", "/a/b/c/d", true},
		{"/a/b", "/a/bc", false},
		{"/a/b", "/a", false},
		{"/a/b", "/a/b/../c", false},
		{"/a/b", "/a/b/..x", true},
		{"a/b", "a/b/c", true},
	} {
		if got := Within(c.dir, c.path); got != c.want {
			t.Errorf("Within(%q, %q) = %v, want %v", c.dir, c.path, got, c.want)
		}
	}
}

// The scanned tree is the git work tree above a directory, or the
// directory itself when it is in none.
func TestScannedTree(t *testing.T) {
	top, _ := filepath.EvalSymlinks(t.TempDir())
	repo := filepath.Join(top, "repo")
	sub := filepath.Join(repo, "live", "api")
	if err := os.MkdirAll(sub, 0o755); err != nil {
		t.Fatal(err)
	}
	if got := ScannedTree(sub); got != sub {
		t.Errorf("no git work tree: %q, want the directory itself", got)
	}
	if err := os.Mkdir(filepath.Join(repo, ".git"), 0o755); err != nil {
		t.Fatal(err)
	}
	if got := ScannedTree(sub); got != repo {
		t.Errorf("in a git work tree: %q, want %q", got, repo)
	}
}
