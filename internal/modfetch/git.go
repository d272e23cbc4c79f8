package modfetch

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"time"
)

// Git sources are fetched with the system's git command rather than a Go
// implementation of git: it adds no dependency to tfcomply, and it reaches
// every repository the user's own git can (ssh keys and agents, credential
// helpers, proxies, insteadOf rewrites, company certificates), as Terraform,
// which also runs git, does. It is run with a timeout, without a terminal
// to prompt on, and with hooks switched off; nothing the fetched repository
// holds is ever run.

var commitLike = regexp.MustCompile(`^[0-9a-fA-F]{7,40}$`)

// gitFetch checks out src's repository at its ref (the default branch when
// none) into dst, a directory that does not exist yet, and removes .git.
func (f *Fetcher) gitFetch(ctx context.Context, src Source, dst string) error {
	gitPath, err := exec.LookPath(f.cfg.Git)
	if err != nil {
		return &fetchError{msg: "git is not installed (or not on PATH), and the module is a git repository", advice: "install git, or run terraform init"}
	}
	ctx, cancel := context.WithTimeout(ctx, f.cfg.GitTimeout)
	defer cancel()
	g := &gitRunner{path: gitPath, env: gitEnv(f.cfg.Environ), secret: src.URL}
	if _, err := g.run(ctx, "", "init", "-q", "--template=", dst); err != nil {
		return err
	}
	ref := src.Ref
	if ref == "" {
		ref = "HEAD"
	}
	args := []string{"fetch", "-q", "--no-tags"}
	if src.Depth > 0 {
		args = append(args, fmt.Sprintf("--depth=%d", src.Depth))
	}
	_, err = g.run(ctx, dst, append(args, src.URL, ref)...)
	if err != nil && commitLike.MatchString(ref) && ctx.Err() == nil {
		// Not every server gives out a commit by its id: fetch every
		// branch and tag, then look for it.
		_, err = g.run(ctx, dst, "fetch", "-q", src.URL, "+refs/heads/*:refs/remotes/origin/*", "+refs/tags/*:refs/tags/*")
		if err == nil {
			ref = src.Ref
			_, err = g.run(ctx, dst, "checkout", "-q", "--detach", ref)
			if err == nil {
				return os.RemoveAll(filepath.Join(dst, ".git"))
			}
		}
	}
	if err != nil {
		return gitError(ctx, src, err)
	}
	if _, err := g.run(ctx, dst, "checkout", "-q", "--detach", "FETCH_HEAD"); err != nil {
		return gitError(ctx, src, err)
	}
	return os.RemoveAll(filepath.Join(dst, ".git"))
}

func gitError(ctx context.Context, src Source, err error) error {
	if ctx.Err() != nil {
		return &fetchError{msg: fmt.Sprintf("git did not finish fetching %s in time", src.Package()), network: true}
	}
	ref := ""
	if src.Ref != "" {
		ref = " at " + src.Ref
	}
	return &fetchError{msg: fmt.Sprintf("git could not fetch %s%s: %v", redactURL(src.URL), ref, err), network: true,
		advice: "check that your git can clone it (credentials, ssh keys), or run terraform init"}
}

// gitRunner runs git commands with safe settings.
type gitRunner struct {
	path   string
	env    []string
	secret string // the URL, whose password never shows in a message
}

// gitSafety are settings given to every git command: no hooks, no
// file-system monitor, no commands as transports, no submodules.
var gitSafety = []string{
	"-c", "core.hooksPath=" + os.DevNull,
	"-c", "core.fsmonitor=false",
	"-c", "protocol.ext.allow=never",
	"-c", "submodule.recurse=false",
	"-c", "advice.detachedHead=false",
	"-c", "init.defaultBranch=main",
}

func (g *gitRunner) run(ctx context.Context, dir string, args ...string) (string, error) {
	full := append(append([]string{}, gitSafety...), args...)
	if dir != "" {
		full = append([]string{"-C", dir}, full...)
	}
	cmd := exec.CommandContext(ctx, g.path, full...)
	cmd.Env = g.env
	cmd.Stdin = nil
	var out limitedBuffer
	cmd.Stdout, cmd.Stderr = &out, &out
	cmd.WaitDelay = 2 * time.Second
	detach(cmd)
	err := cmd.Run()
	text := redactText(strings.TrimSpace(out.String()), g.secret)
	if err != nil {
		if line := lastLine(text); line != "" {
			return text, errors.New(strings.TrimPrefix(line, "fatal: "))
		}
		return text, err
	}
	return text, nil
}

// gitEnv is the user's environment (for their git configuration,
// credentials and proxies) with prompts switched off and large-file
// downloads skipped.
func gitEnv(environ []string) []string {
	env := make([]string, 0, len(environ)+5)
	for _, kv := range environ {
		name := kv
		if i := strings.IndexByte(kv, '='); i >= 0 {
			name = kv[:i]
		}
		if gitEnvReplaced[name] {
			continue
		}
		env = append(env, kv)
	}
	return append(env, "GIT_TERMINAL_PROMPT=0", "GCM_INTERACTIVE=never", "GIT_LFS_SKIP_SMUDGE=1", "LC_ALL=C")
}

// gitEnvReplaced are variables not passed on: those set here, and those a
// git hook running tfcomply would have set for its own repository.
var gitEnvReplaced = map[string]bool{
	"GIT_TERMINAL_PROMPT": true, "GCM_INTERACTIVE": true, "GIT_LFS_SKIP_SMUDGE": true, "LC_ALL": true,
	"GIT_DIR": true, "GIT_WORK_TREE": true, "GIT_INDEX_FILE": true, "GIT_OBJECT_DIRECTORY": true,
	"GIT_ALTERNATE_OBJECT_DIRECTORIES": true, "GIT_COMMON_DIR": true, "GIT_NAMESPACE": true, "GIT_PREFIX": true,
}

func lastLine(s string) string {
	lines := strings.Split(strings.TrimSpace(s), "\n")
	for i := len(lines) - 1; i >= 0; i-- {
		if l := strings.TrimSpace(lines[i]); l != "" {
			return l
		}
	}
	return ""
}

// redactText hides the password of rawURL wherever it appears in s.
func redactText(s, rawURL string) string {
	if i := strings.Index(rawURL, "://"); i >= 0 {
		rest := rawURL[i+3:]
		if at := strings.IndexByte(rest, '@'); at > 0 {
			if colon := strings.IndexByte(rest[:at], ':'); colon >= 0 && colon+1 < at {
				s = strings.ReplaceAll(s, rest[colon+1:at], "xxxxx")
			}
		}
	}
	return s
}

// limitedBuffer keeps the first 64 KiB written to it.
type limitedBuffer struct{ bytes.Buffer }

func (b *limitedBuffer) Write(p []byte) (int, error) {
	if room := 64<<10 - b.Len(); room > 0 {
		if len(p) > room {
			b.Buffer.Write(p[:room])
		} else {
			b.Buffer.Write(p)
		}
	}
	return len(p), nil
}
