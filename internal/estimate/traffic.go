package estimate

import (
	"fmt"
	"github.com/tfcomply/tfcomply/internal/model"
	"path/filepath"
	"sort"
	"strings"
)

// Figures are what one traffic source says of a stage; nil when it says
// nothing of that figure.
type Figures struct {
	RequestsPerMonth *float64
	ErrorRate        *float64
}

// Sources are the places traffic comes from, in order of precedence: the
// stage's own entry in .tfcomply.yml (traffic:), then --requests-per-month
// and --error-rate for every stage, then a CloudWatch metrics export
// (--metrics). Each figure is taken from the first source that has it.
type Sources struct {
	// Config is .tfcomply.yml's traffic: keyed by address pattern (* matches
	// anything), optionally prefixed by a root directory and a colon
	// ("envs/prod:module.api.aws_api_gateway_stage.live").
	Config     map[string]Figures
	ConfigFile string
	Flags      Figures
	Metrics    *Metrics
}

// Traffic is what a stage is estimated at, and where each figure came from.
type Traffic struct {
	// RequestsPerMonth is the stage's traffic; PerMillion when no source
	// gives one (Known is false: figures are per million requests).
	RequestsPerMonth float64 `json:"requests_per_month"`
	Known            bool    `json:"known"`
	RequestsSource   string  `json:"requests_source"`
	ErrorRate        float64 `json:"error_rate"`
	ErrorRateSource  string  `json:"error_rate_source"`
}

// StageKey names a stage for the traffic sources: its root, address, and
// the dimensions CloudWatch files its metrics under.
type StageKey struct {
	Root    string // the root directory as reported ("envs/prod", ".")
	Address string
	APIName string // ApiName dimension (REST)
	APIID   string // ApiId dimension (HTTP, WebSocket)
	Stage   string
}

// For resolves a stage's traffic.
func (s Sources) For(k StageKey) Traffic {
	t := Traffic{RequestsPerMonth: PerMillion, ErrorRate: DefaultErrorRate,
		RequestsSource: "none: figures are per million requests", ErrorRateSource: fmt.Sprintf("the default, %g%%", DefaultErrorRate*100)}
	type source struct {
		f    Figures
		from string // "" for the flags, named after the figure
	}
	var candidates []source
	if key, f, ok := s.configFor(k); ok {
		candidates = append(candidates, source{f, fmt.Sprintf("%s traffic %q", orName(s.ConfigFile, ".tfcomply.yml"), key)})
	}
	candidates = append(candidates, source{s.Flags, ""})
	if s.Metrics != nil {
		if f, from, ok := s.Metrics.For(k); ok {
			candidates = append(candidates, source{f, from})
		}
	}
	reqDone, errDone := false, false
	for _, c := range candidates {
		if !reqDone && c.f.RequestsPerMonth != nil {
			t.RequestsPerMonth, t.Known, reqDone = *c.f.RequestsPerMonth, true, true
			t.RequestsSource = orName(c.from, "--requests-per-month")
		}
		if !errDone && c.f.ErrorRate != nil {
			t.ErrorRate, errDone = *c.f.ErrorRate, true
			t.ErrorRateSource = orName(c.from, "--error-rate")
		}
	}
	return t
}

func orName(s, dflt string) string {
	if s == "" {
		return dflt
	}
	return s
}

// configFor finds the .tfcomply.yml entry for a stage: an exact address
// before a pattern, one naming the root before one that does not, and
// the longest (most specific) pattern first.
func (s Sources) configFor(k StageKey) (string, Figures, bool) {
	type match struct {
		key   string
		score int
	}
	var ms []match
	// A root in a key is named from the configuration file's directory,
	// as waivers name roots, so the file means the same from wherever the
	// scan runs; the root as reported matches too.
	fromConfig := k.Root
	if s.ConfigFile != "" {
		dir, err1 := filepath.Abs(filepath.Dir(s.ConfigFile))
		root, err2 := filepath.Abs(k.Root)
		if rel, err := filepath.Rel(dir, root); err1 == nil && err2 == nil && err == nil {
			fromConfig = filepath.ToSlash(rel)
		}
	}
	for key := range s.Config {
		root, pattern := splitTrafficKey(key)
		if root != "" && root != k.Root && root != fromConfig {
			continue
		}
		if !model.MatchAddress(pattern, k.Address) {
			continue
		}
		score := len(pattern)
		if !strings.Contains(pattern, "*") {
			score += 1 << 20
		}
		if root != "" {
			score += 1 << 21
		}
		ms = append(ms, match{key, score})
	}
	if len(ms) == 0 {
		return "", Figures{}, false
	}
	sort.Slice(ms, func(i, j int) bool {
		if ms[i].score != ms[j].score {
			return ms[i].score > ms[j].score
		}
		return ms[i].key < ms[j].key
	})
	return ms[0].key, s.Config[ms[0].key], true
}

// splitTrafficKey splits "ROOT:ADDRESS" (a colon before any bracket or
// quote: instance keys may hold colons).
func splitTrafficKey(key string) (root, pattern string) {
	i := strings.IndexByte(key, ':')
	if i < 0 || strings.ContainsAny(key[:i], `["`) {
		return "", key
	}
	return key[:i], key[i+1:]
}

// CheckFigures validates figures from any source: a request count that is
// not negative, an error rate between 0 and 1.
func CheckFigures(f Figures) error {
	if f.RequestsPerMonth != nil && *f.RequestsPerMonth < 0 {
		return fmt.Errorf("requests per month must not be negative, got %g", *f.RequestsPerMonth)
	}
	if f.ErrorRate != nil && (*f.ErrorRate < 0 || *f.ErrorRate > 1) {
		return fmt.Errorf("the error rate is a fraction between 0 and 1 (0.02 for 2%%), got %g", *f.ErrorRate)
	}
	return nil
}
