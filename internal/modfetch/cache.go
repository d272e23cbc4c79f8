package modfetch

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"time"

	"github.com/tfcomply/tfcomply/internal/paths"
)

// The module cache is shared by every run and every repository of a user:
//
//	DIR/registry/HOST/NAMESPACE/NAME/PROVIDER/VERSION/   a registry module version
//	DIR/git/SHA256(url, ref)/                            a git repository at a ref
//	DIR/http/SHA256(url, format)/                        an archive
//	DIR/tmp/                                             fetches under way
//
// Each entry holds package/ (the package as fetched, subdirectories
// included) and source.json (what it was fetched as, for people). An entry
// is written in tmp/ and renamed into place when complete, so a reader
// never sees half a package; two runs fetching the same package at once
// both succeed, and the second rename loses harmlessly. Nothing secret is
// written: not tokens, not the signed URLs registries answer with.
//
// Registry versions and git refs are cached as first fetched: a tag or a
// version does not change, but a branch ref (or no ref: the default branch)
// can; delete its entry to fetch it again.

// DefaultCacheDir is the module cache: $TFCOMPLY_CACHE_DIR/modules, or
// tfcomply/modules in the user's cache directory (~/.cache on Linux,
// ~/Library/Caches on macOS, %LocalAppData% on Windows).
func DefaultCacheDir(environ []string) (string, error) {
	if d := envMap(environ)["TFCOMPLY_CACHE_DIR"]; d != "" {
		return filepath.Join(d, "modules"), nil
	}
	d, err := os.UserCacheDir()
	if err != nil {
		return "", fmt.Errorf("no cache directory (%v): set TFCOMPLY_CACHE_DIR", err)
	}
	return filepath.Join(d, "tfcomply", "modules"), nil
}

type cache struct{ dir string }

// safeSegment are the characters a registry version may have to be a
// directory name here.
var safeSegment = regexp.MustCompile(`^[0-9A-Za-z][0-9A-Za-z.+_-]*$`)

// registryEntry is the entry of one version of a registry module.
func (c cache) registryEntry(src Source, version string) string {
	return filepath.Join(c.registryModule(src), version)
}

func (c cache) registryModule(src Source) string {
	return filepath.Join(c.dir, "registry", hostDir(src.Host), strings.ToLower(src.Namespace), strings.ToLower(src.Name), src.Provider)
}

// hostDir is a hostname as a directory name (a port's colon is not allowed
// in names everywhere).
func hostDir(host string) string {
	return strings.NewReplacer(":", "_", "[", "_", "]", "_").Replace(hostKey(host))
}

// cachedVersions lists the versions of a registry module in the cache.
func (c cache) cachedVersions(src Source) []string {
	entries, err := os.ReadDir(c.registryModule(src))
	if err != nil {
		return nil
	}
	var out []string
	for _, e := range entries {
		if e.IsDir() && safeSegment.MatchString(e.Name()) && isDir(filepath.Join(c.registryModule(src), e.Name(), "package")) {
			out = append(out, e.Name())
		}
	}
	return out
}

// hashedEntry is the entry of a git or archive package.
func (c cache) hashedEntry(src Source) string {
	sum := sha256.Sum256([]byte(src.Key()))
	kind := "git"
	if src.Kind == HTTP {
		kind = "http"
	}
	return filepath.Join(c.dir, kind, hex.EncodeToString(sum[:16]))
}

// lookup returns an entry's package directory when the entry is complete.
func (c cache) lookup(entry string) (string, bool) {
	pkg := filepath.Join(entry, "package")
	return pkg, isDir(pkg)
}

// entryInfo is source.json: what an entry holds, for people.
type entryInfo struct {
	Source  string `json:"source"`
	Version string `json:"version,omitempty"`
	// Subdir is the subdirectory a registry's download location named
	// (".../archive.tar.gz//modules/x"): the module's root in the package.
	Subdir  string `json:"subdir,omitempty"`
	Fetched string `json:"fetched"`
}

// readEntryInfo reads an entry's source.json; empty when it cannot.
func readEntryInfo(entry string) entryInfo {
	var info entryInfo
	if data, err := os.ReadFile(filepath.Join(entry, "source.json")); err == nil {
		json.Unmarshal(data, &info)
	}
	return info
}

// install fills a new entry: fill writes the package into the directory
// it is given, which the entry then holds. It returns the entry's package
// directory.
func (c cache) install(entry string, info entryInfo, fill func(pkg string) error) (string, error) {
	tmpRoot := filepath.Join(c.dir, "tmp")
	if err := os.MkdirAll(tmpRoot, 0o700); err != nil {
		return "", fmt.Errorf("cannot create the module cache %s: %v", c.dir, err)
	}
	c.sweep(tmpRoot)
	tmp, err := os.MkdirTemp(tmpRoot, "fetch-")
	if err != nil {
		return "", fmt.Errorf("cannot write to the module cache %s: %v", c.dir, err)
	}
	defer os.RemoveAll(tmp) // after a successful rename there is nothing left to remove
	pkg := filepath.Join(tmp, "package")
	if err := fill(pkg); err != nil {
		return "", err
	}
	info.Fetched = time.Now().UTC().Format(time.RFC3339)
	data, _ := json.MarshalIndent(info, "", "  ")
	if err := os.WriteFile(filepath.Join(tmp, "source.json"), append(data, '\n'), 0o644); err != nil {
		return "", err
	}
	if err := os.MkdirAll(filepath.Dir(entry), 0o755); err != nil {
		return "", err
	}
	if err := os.Rename(tmp, entry); err != nil {
		if p, ok := c.lookup(entry); ok {
			return p, nil // another run installed it first
		}
		return "", fmt.Errorf("cannot write to the module cache: %v", err)
	}
	return filepath.Join(entry, "package"), nil
}

// sweep removes fetches that a run killed midway left in tmp/ (a day old).
func (c cache) sweep(tmpRoot string) {
	entries, err := os.ReadDir(tmpRoot)
	if err != nil {
		return
	}
	for _, e := range entries {
		info, err := e.Info()
		if err == nil && time.Since(info.ModTime()) > 24*time.Hour {
			os.RemoveAll(filepath.Join(tmpRoot, e.Name()))
		}
	}
}

func isDir(p string) bool {
	st, err := os.Stat(p)
	return err == nil && st.IsDir()
}

// packageSubdir is the module's directory in a package: subdir, which may
// hold globs (matching exactly one directory), and may not leave it.
func packageSubdir(pkg, subdir string) (string, error) {
	if subdir == "" {
		return pkg, nil
	}
	if subdir == ".." || strings.HasPrefix(subdir, "../") || filepath.IsAbs(subdir) {
		return "", &fetchError{msg: fmt.Sprintf("the subdirectory //%s leaves the package", subdir)}
	}
	dir := filepath.Join(pkg, filepath.FromSlash(subdir))
	if strings.ContainsAny(subdir, "*?[") {
		matches, err := filepath.Glob(dir)
		if err != nil {
			return "", &fetchError{msg: fmt.Sprintf("the subdirectory //%s: %v", subdir, err)}
		}
		var dirs []string
		for _, m := range matches {
			if isDir(m) {
				dirs = append(dirs, m)
			}
		}
		if len(dirs) != 1 {
			return "", &fetchError{msg: fmt.Sprintf("the subdirectory //%s matches %d directories of the package, not one", subdir, len(dirs))}
		}
		dir = dirs[0]
	}
	real, err := filepath.EvalSymlinks(dir)
	if errors.Is(err, fs.ErrNotExist) || (err == nil && !isDir(real)) {
		return "", &fetchError{msg: fmt.Sprintf("the package has no directory %s (the source's //%s)", subdir, subdir), advice: "check the source's //subdirectory"}
	}
	if err != nil {
		return "", err
	}
	realPkg, _ := filepath.EvalSymlinks(pkg)
	if !paths.Within(realPkg, real) {
		return "", &fetchError{msg: fmt.Sprintf("the subdirectory //%s leaves the package", subdir)}
	}
	return dir, nil
}
