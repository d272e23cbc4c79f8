package report

import (
	"os"
	"os/exec"
	"strconv"
	"strings"
	"time"
)

// Meta is what a report says about the scan itself. The CLI fills it in;
// tests pass fixed values so that reports can be compared byte for byte.
type Meta struct {
	Version    string // tfcomply's version
	Time       time.Time
	Paths      []string // the scanned paths, as given
	Profile    string
	Frameworks []string // --framework ids; empty for all
	VarFiles   []string // -var-file arguments and the tfvars files Terraform loads itself
	GitCommit  string   // empty outside a git work tree
	GitDirty   bool
	// WorkDir is the working directory, which every path in a report is
	// relative to (SARIF's %SRCROOT%); empty leaves it unsaid.
	WorkDir string
}

// ScanTime is SOURCE_DATE_EPOCH when it is set (reproducible builds and
// reports), the current time otherwise.
func ScanTime() time.Time {
	if s := os.Getenv("SOURCE_DATE_EPOCH"); s != "" {
		if n, err := strconv.ParseInt(s, 10, 64); err == nil {
			return time.Unix(n, 0).UTC()
		}
	}
	return time.Now().UTC()
}

// GitState returns the commit of the work tree dir is in and whether it has
// uncommitted changes; empty when git or a repository is not there.
func GitState(dir string) (commit string, dirty bool) {
	out, err := exec.Command("git", "-C", dir, "rev-parse", "HEAD").Output()
	if err != nil {
		return "", false
	}
	commit = strings.TrimSpace(string(out))
	status, err := exec.Command("git", "-C", dir, "status", "--porcelain").Output()
	return commit, err == nil && len(strings.TrimSpace(string(status))) > 0
}
