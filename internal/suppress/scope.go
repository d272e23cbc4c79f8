package suppress

import (
	"os"
	"path/filepath"
	"strings"

	"github.com/tfcomply/tfcomply/internal/model"
	"github.com/tfcomply/tfcomply/internal/paths"
)

// configs finds the .tfcomply.yml that applies to each root: the nearest
// one from the root's directory up to its git work tree (or the file
// system root outside one), so envs/dev/.tfcomply.yml applies to dev alone
// whatever directory is scanned. Each file is read once; a file that does
// not load is reported once and applies to nothing.
type configs struct {
	byDir    map[string]*Config // directory -> the config that applies there (nil: none)
	loaded   []*Config
	problems []model.Problem
}

func newConfigs() *configs { return &configs{byDir: map[string]*Config{}} }

// forRoot returns the configuration for a result's root (a directory, or a
// plan or state file), or nil.
func (c *configs) forRoot(root string) *Config {
	abs, err := filepath.Abs(root)
	if err != nil {
		return nil
	}
	if st, err := os.Stat(abs); err == nil && !st.IsDir() {
		abs = filepath.Dir(abs)
	}
	if cfg, ok := c.byDir[abs]; ok {
		return cfg
	}
	var cfg *Config
	if path := findConfigUpTo(abs, paths.GitRoot(abs)); path != "" {
		cfg = c.load(path)
	}
	c.byDir[abs] = cfg
	return cfg
}

func (c *configs) load(path string) *Config {
	for _, cfg := range c.loaded {
		if cfg.Path == path {
			return cfg
		}
	}
	cfg, probs := LoadConfig(path)
	for _, p := range probs {
		p.File = paths.Display(p.File)
		c.problems = append(c.problems, p)
	}
	if cfg != nil {
		c.loaded = append(c.loaded, cfg)
	}
	return cfg
}

// findConfigUpTo looks for .tfcomply.yml in dir and its parents, not above
// stop (when set).
func findConfigUpTo(dir, stop string) string {
	for {
		p := filepath.Join(dir, ConfigName)
		if st, err := os.Stat(p); err == nil && st.Mode().IsRegular() {
			return p
		}
		parent := filepath.Dir(dir)
		if dir == stop || parent == dir {
			return ""
		}
		dir = parent
	}
}

// rootFromConfig is a root as a waiver's root: pattern sees it: relative to
// the directory of the configuration file ("." for that directory).
func rootFromConfig(cfg *Config, root string) string {
	abs, err := filepath.Abs(root)
	if err != nil {
		return filepath.ToSlash(root)
	}
	cfgAbs, err := filepath.Abs(filepath.Dir(cfg.Path))
	if err != nil {
		return filepath.ToSlash(root)
	}
	rel, err := filepath.Rel(cfgAbs, abs)
	if err != nil || rel == ".." || strings.HasPrefix(rel, ".."+string(filepath.Separator)) {
		return filepath.ToSlash(abs)
	}
	return filepath.ToSlash(rel)
}
