package suppress

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"

	"github.com/tfcomply/tfcomply/internal/controls"
	"github.com/tfcomply/tfcomply/internal/model"
	"github.com/tfcomply/tfcomply/internal/paths"
	"gopkg.in/yaml.v3"
)

// ConfigName is the file tfcomply looks for in the scanned directory and
// its parents.
const ConfigName = ".tfcomply.yml"

// Config is .tfcomply.yml (schema: docs/config.md).
type Config struct {
	Profile    string   `yaml:"profile"`
	FailOn     string   `yaml:"fail_on"`
	Frameworks []string `yaml:"frameworks"`
	SkipDirs   []string `yaml:"skip_dirs"`
	Waivers    []Waiver `yaml:"waivers"`
	// Traffic is each stage's traffic for tfcomply estimate, by address
	// pattern (docs/estimate.md).
	Traffic map[string]Traffic `yaml:"traffic"`
	Path    string             `yaml:"-"`
}

// Traffic is what a stage serves a month; either figure may be left out.
type Traffic struct {
	RequestsPerMonth *float64 `yaml:"requests_per_month"`
	ErrorRate        *float64 `yaml:"error_rate"` // 4XX and 5XX over all requests, 0 to 1
}

// Waiver accepts a control's failures on the resources an address pattern
// matches, for a reason, until it expires.
type Waiver struct {
	Control string `yaml:"control"`
	Address string `yaml:"address"`
	// Root limits the waiver to the roots it matches, named relative to
	// the directory of the configuration file (envs/dev, envs/*, a plan's
	// file); * matches any characters. Empty: every root.
	Root    string `yaml:"root"`
	Reason  string `yaml:"reason"`
	Owner   string `yaml:"owner"`
	Expires string `yaml:"expires"`
	Ticket  string `yaml:"ticket"`
	Line    int    `yaml:"-"`
}

// FindConfig looks for .tfcomply.yml in dir and its parents, up to the
// git work tree that holds dir.
func FindConfig(dir string) string {
	abs, err := filepath.Abs(dir)
	if err != nil {
		return ""
	}
	if st, err := os.Stat(abs); err == nil && !st.IsDir() {
		abs = filepath.Dir(abs)
	}
	return findConfigUpTo(abs, paths.GitRoot(abs))
}

var yamlLine = regexp.MustCompile(`line (\d+): (.*)`)

// LoadConfig reads and checks a config file. Every problem (an unknown key,
// a waiver without a reason, a bad date) is an error with file and line.
func LoadConfig(path string) (*Config, []model.Problem) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, []model.Problem{{Severity: "error", File: path, Message: "cannot read the configuration: " + err.Error()}}
	}
	cfg := &Config{Path: path}
	dec := yaml.NewDecoder(bytes.NewReader(data))
	dec.KnownFields(true)
	// An empty file is an empty configuration.
	if err := dec.Decode(cfg); err != nil && !errors.Is(err, io.EOF) {
		return nil, yamlProblems(path, err)
	}
	// Waivers' lines, for messages and for the reports.
	var root yaml.Node
	if yaml.Unmarshal(data, &root) == nil && len(root.Content) > 0 {
		m := root.Content[0]
		for i := 0; i+1 < len(m.Content); i += 2 {
			if m.Content[i].Value == "waivers" {
				for j, item := range m.Content[i+1].Content {
					if j < len(cfg.Waivers) {
						cfg.Waivers[j].Line = item.Line
					}
				}
			}
		}
	}
	var probs []model.Problem
	bad := func(line int, format string, a ...interface{}) {
		probs = append(probs, model.Problem{Severity: "error", File: path, Line: line, Message: fmt.Sprintf(format, a...)})
	}
	if cfg.Profile != "" && cfg.Profile != controls.ProfileDefault && cfg.Profile != controls.ProfileStrict {
		bad(0, "profile must be default or strict, not %q", cfg.Profile)
	}
	switch cfg.FailOn {
	case "", "low", "medium", "high", "critical":
	default:
		bad(0, "fail_on must be low, medium, high or critical, not %q", cfg.FailOn)
	}
	for _, f := range cfg.Frameworks {
		if _, ok := controls.Framework(f); !ok {
			bad(0, "unknown framework %q: one of %s", f, strings.Join(controls.FrameworkIDs(), ", "))
		}
	}
	for i := range cfg.Waivers {
		w := &cfg.Waivers[i]
		switch {
		case w.Control == "":
			bad(w.Line, "a waiver needs a control (an id from tfcomply controls, or *)")
		case !knownID(w.Control):
			bad(w.Line, "waiver for unknown control %q", w.Control)
		}
		if strings.TrimSpace(w.Reason) == "" {
			bad(w.Line, "a waiver needs a reason")
		}
		if w.Expires != "" && !validDate(w.Expires) {
			bad(w.Line, "expires %q is not a date (YYYY-MM-DD)", w.Expires)
		}
		if w.Address == "" {
			w.Address = "*"
		}
	}
	for addr, t := range cfg.Traffic {
		if t.RequestsPerMonth != nil && *t.RequestsPerMonth < 0 {
			bad(0, "traffic %q: requests_per_month must not be negative", addr)
		}
		if t.ErrorRate != nil && (*t.ErrorRate < 0 || *t.ErrorRate > 1) {
			bad(0, "traffic %q: error_rate is a fraction from 0 to 1 (0.02 for 2%%), not %g", addr, *t.ErrorRate)
		}
	}
	if len(probs) > 0 {
		return nil, probs
	}
	return cfg, nil
}

func yamlProblems(path string, err error) []model.Problem {
	var out []model.Problem
	for _, line := range strings.Split(err.Error(), "\n") {
		if m := yamlLine.FindStringSubmatch(line); m != nil {
			n, _ := strconv.Atoi(m[1])
			msg := strings.Replace(m[2], "not found in type suppress.Config", "is not a known setting", 1)
			msg = strings.Replace(msg, "not found in type suppress.Waiver", "is not a known waiver setting", 1)
			msg = strings.Replace(msg, "not found in type suppress.Traffic", "is not a known traffic setting", 1)
			out = append(out, model.Problem{Severity: "error", File: path, Line: n, Message: msg})
		}
	}
	if len(out) == 0 {
		out = append(out, model.Problem{Severity: "error", File: path, Message: "invalid configuration: " + err.Error()})
	}
	return out
}

func knownID(id string) bool {
	if id == "*" {
		return true
	}
	for _, c := range controls.All {
		if id == c.ID {
			return true
		}
		for _, a := range c.Advisories {
			if id == c.AdvisoryID(a.Name) {
				return true
			}
		}
	}
	return false
}
