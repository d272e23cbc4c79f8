package modfetch

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	mt "github.com/tfcomply/tfcomply/internal/modfetch/modfetchtest"
)

// gitRepo makes a bare repository in a temporary directory: each commit
// writes its files and, when tag is not empty, is tagged. It returns the
// bare repository's path and the commit ids.
func gitRepo(t *testing.T, commits []gitCommit) (string, []string) {
	t.Helper()
	if _, err := exec.LookPath("git"); err != nil {
		t.Skip("git is not installed")
	}
	work := t.TempDir()
	run := func(dir string, args ...string) string {
		t.Helper()
		cmd := exec.Command("git", append([]string{"-c", "user.name=t", "-c", "user.email=t@example.com", "-c", "init.defaultBranch=main", "-c", "commit.gpgsign=false", "-c", "tag.gpgsign=false"}, args...)...)
		cmd.Dir = dir
		cmd.Env = append(os.Environ(), "GIT_CONFIG_NOSYSTEM=1", "HOME="+work)
		out, err := cmd.CombinedOutput()
		if err != nil {
			t.Fatalf("git %v: %v\n%s", args, err, out)
		}
		return strings.TrimSpace(string(out))
	}
	run(work, "init", "-q", ".")
	var ids []string
	for _, c := range commits {
		for name, body := range c.files {
			p := filepath.Join(work, filepath.FromSlash(name))
			os.MkdirAll(filepath.Dir(p), 0o755)
			if strings.HasPrefix(body, "symlink:") {
				os.Remove(p)
				os.Symlink(strings.TrimPrefix(body, "symlink:"), p)
				continue
			}
			os.WriteFile(p, []byte(body), 0o644)
		}
		run(work, "add", "-A")
		run(work, "commit", "-q", "-m", "c")
		ids = append(ids, run(work, "rev-parse", "HEAD"))
		if c.tag != "" {
			run(work, "tag", "-a", "-m", c.tag, c.tag)
		}
	}
	bare := filepath.Join(t.TempDir(), "module.git")
	run(work, "clone", "-q", "--bare", work, bare)
	return bare, ids
}

type gitCommit struct {
	files map[string]string
	tag   string
}

func TestGitSourceAtTag(t *testing.T) {
	bare, ids := gitRepo(t, []gitCommit{
		{files: map[string]string{"main.tf": stage("v1.0.0"), "modules/x/main.tf": stage("x1")}, tag: "v1.0.0"},
		{files: map[string]string{"main.tf": stage("v1.2.0"), "modules/x/main.tf": stage("x2")}, tag: "v1.2.0"},
		{files: map[string]string{"main.tf": stage("main-branch")}},
	})
	url := "file://" + filepath.ToSlash(bare)
	cfg := testConfig(t)
	f := New(cfg)
	for src, want := range map[string]string{
		"git::" + url + "?ref=v1.2.0":            "v1.2.0",
		"git::" + url + "?ref=v1.0.0":            "v1.0.0",
		"git::" + url + "//modules/x?ref=v1.2.0": "x2",
		"git::" + url + "?ref=v1.0.0&depth=1":    "v1.0.0",
		"git::" + url:                            "main-branch",
		"git::" + url + "?ref=" + ids[1]:         "v1.2.0",
		"git::" + url + "?ref=" + ids[0][:12]:    "v1.0.0", // a short commit id: every ref is fetched
		"git::" + url + "?ref=v1.2.0//modules/x": "x2",
	} {
		m, err := fetch(t, f, src, "")
		if err != nil {
			t.Errorf("%s: %v", src, err)
			continue
		}
		if got := readModule(t, m, "main.tf"); !strings.Contains(got, `"`+want+`"`) {
			t.Errorf("%s: got %s", src, got)
		}
		if _, err := os.Stat(filepath.Join(m.PackageDir, ".git")); err == nil {
			t.Errorf("%s: .git is kept in the cache", src)
		}
	}
	m, _ := fetch(t, f, "git::"+url+"?ref=v1.2.0", "")
	if m.Display != "git::"+url+"?ref=v1.2.0" {
		t.Errorf("display %q", m.Display)
	}

	_, err := fetch(t, f, "git::"+url+"?ref=v9.9.9", "")
	if err == nil || !strings.Contains(err.Error(), "git could not fetch") || !strings.Contains(err.Error(), "v9.9.9") {
		t.Errorf("missing tag: %v", err)
	}

	// The cache serves the next run, even with the repository gone.
	os.RemoveAll(bare)
	again, err := fetch(t, New(cfg), "git::"+url+"?ref=v1.2.0", "")
	if err != nil || again.Dir != m.Dir {
		t.Errorf("cached: %+v %v", again, err)
	}
}

func TestGitRefusesLinksOut(t *testing.T) {
	bare, _ := gitRepo(t, []gitCommit{{files: map[string]string{
		"main.tf":   stage("x"),
		"secrets":   "symlink:/etc/passwd",
		"inside.tf": "symlink:main.tf",
	}, tag: "v1"}})
	_, err := fetch(t, New(testConfig(t)), "git::file://"+filepath.ToSlash(bare)+"?ref=v1", "")
	if err == nil || !strings.Contains(err.Error(), "outside the package") {
		t.Errorf("err = %v", err)
	}
}

// TestRegistryLocationGit: the registry's X-Terraform-Get names a git
// repository, as the public registry does.
func TestRegistryLocationGit(t *testing.T) {
	bare, _ := gitRepo(t, []gitCommit{{files: map[string]string{"main.tf": stage("from-git")}, tag: "v3.1.0"}})
	reg := mt.NewRegistry(t)
	reg.AddVersion("acme/git/aws", "3.1.0", "git::file://"+filepath.ToSlash(bare)+"?ref=v3.1.0")
	cfg := testConfig(t, "TF_CLI_CONFIG_FILE="+reg.CLIConfig(t, t.TempDir(), "registry.terraform.io", ""))
	m, err := fetch(t, New(cfg), "acme/git/aws", "~> 3.0")
	if err != nil || !strings.Contains(readModule(t, m, "main.tf"), "from-git") || m.Display != "acme/git/aws@3.1.0" {
		t.Errorf("%+v %v", m, err)
	}
}

func TestGitEnvironment(t *testing.T) {
	env := gitEnv([]string{"PATH=/bin", "GIT_DIR=/repo/.git", "GIT_TERMINAL_PROMPT=1", "HTTPS_PROXY=http://proxy:3128"})
	joined := strings.Join(env, "\n")
	for _, want := range []string{"PATH=/bin", "HTTPS_PROXY=http://proxy:3128", "GIT_TERMINAL_PROMPT=0", "GIT_LFS_SKIP_SMUDGE=1"} {
		if !strings.Contains(joined, want) {
			t.Errorf("missing %s", want)
		}
	}
	for _, bad := range []string{"GIT_DIR=", "GIT_TERMINAL_PROMPT=1"} {
		if strings.Contains(joined, bad) {
			t.Errorf("%s passed on", bad)
		}
	}
	if got := redactText("fatal: unable to access 'https://u:hunter2@h/x.git/'", "https://u:hunter2@h/x.git"); strings.Contains(got, "hunter2") {
		t.Errorf("password shown: %s", got)
	}
}
