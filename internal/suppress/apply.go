package suppress

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/tfcomply/tfcomply/internal/model"
	"github.com/tfcomply/tfcomply/internal/result"
)

// Options are where suppressions come from.
type Options struct {
	Config    *Config   // waivers; nil for none
	Baseline  *Baseline // accepted findings; nil for none
	NoIgnores bool      // --no-ignores: list what would suppress, apply nothing
	Now       time.Time // the clock expiry is judged by (injectable for tests)
}

// Apply marks the results that an ignore comment, a waiver or the baseline
// covers (the first that does, in that order), and returns warnings about
// directives that do not apply. Passing results need no suppression and get
// none.
func Apply(results []result.Result, opts Options) []model.Problem {
	comments := commentIndex{}
	var probs []model.Problem
	warned := map[string]bool{}
	warn := func(d directive, msg string) {
		key := d.location() + msg
		if warned[key] {
			return
		}
		warned[key] = true
		probs = append(probs, model.Problem{Severity: "warning", File: d.file, Line: d.line, Message: msg})
	}
	now := opts.Now
	if now.IsZero() {
		now = time.Now()
	}
	today := now.UTC().Format("2006-01-02")
	// Where waivers and the baseline are, as the reports show it.
	cfgPath, baselinePath := "", ""
	if opts.Config != nil {
		cfgPath = displayPath(opts.Config.Path)
	}
	if opts.Baseline != nil {
		baselinePath = displayPath(opts.Baseline.path)
	}
	for i := range results {
		r := &results[i]
		if r.Verdict == result.Pass {
			continue
		}
		// Candidates in order; the first that applies wins, and an expired
		// one is shown only when nothing else applies.
		var candidates []*result.Suppression
		if c := fromComments(r, comments, warn); c != nil {
			candidates = append(candidates, c)
		}
		if opts.Config != nil {
			if c := fromWaivers(r, opts.Config, cfgPath); c != nil {
				candidates = append(candidates, c)
			}
		}
		if opts.Baseline.has(*r) {
			candidates = append(candidates, &result.Suppression{By: "baseline", Kind: "external",
				Reason: "accepted in the baseline " + filepath.Base(baselinePath), Location: baselinePath})
		}
		var chosen *result.Suppression
		for _, c := range candidates {
			c.Active = true
			if c.Expires != "" && c.Expires < today {
				c.Active, c.Status = false, "expired on "+c.Expires+": the result counts again"
			}
			if chosen == nil || (!chosen.Active && c.Active) {
				chosen = c
			}
		}
		if chosen == nil {
			continue
		}
		if opts.NoIgnores && chosen.Active {
			chosen.Active, chosen.Status = false, "not applied (--no-ignores)"
		}
		r.Suppressed = chosen
	}
	return probs
}

// fromComments finds an ignore comment for the result in its resource
// block or just above it (for .tf.json: the resource's "//" property).
func fromComments(r *result.Result, comments commentIndex, warn func(directive, string)) *result.Suppression {
	if r.File == "" {
		return nil
	}
	path := r.File
	switch {
	case r.AbsFile != "":
		path = r.AbsFile // also for a fetched module, whose File names its package
	case r.BaseDir != "" && !filepath.IsAbs(path):
		path = filepath.Join(r.BaseDir, path)
	}
	fc := comments.get(path, r.File)
	var ds []directive
	if fc.json != nil {
		ds = fc.json[resourceKey(r.Address)]
	} else {
		ds = fc.forBlock(r.Line, r.EndLine)
	}
	for _, d := range ds {
		if !d.covers(r.Control) {
			continue
		}
		if d.problem != "" {
			warn(d, fmt.Sprintf("%s for %s does not apply: %s", d.by, r.Address, d.problem))
			continue
		}
		if d.wildcard {
			warn(d, "tfcomply:ignore:* suppresses every control on the resource: name the control instead (tfcomply:ignore:"+r.Control+")")
		}
		reason := d.reason
		if reason == "" {
			reason = "skipped by a " + d.by + " comment (no reason given)"
		}
		return &result.Suppression{By: d.by, Kind: "inSource", Reason: reason, Expires: d.expires, Location: d.location()}
	}
	return nil
}

// fromWaivers finds the first waiver of the config that matches the result.
func fromWaivers(r *result.Result, cfg *Config, cfgPath string) *result.Suppression {
	for _, w := range cfg.Waivers {
		if names(w.Control, r.Control) && matchAddress(w.Address, r.Address) {
			return &result.Suppression{By: "waiver", Kind: "external", Reason: w.Reason, Expires: w.Expires, Owner: w.Owner, Ticket: w.Ticket,
				Location: fmt.Sprintf("%s:%d", cfgPath, w.Line)}
		}
	}
	return nil
}

// displayPath shortens a path to be relative to the working directory.
func displayPath(p string) string {
	cwd, err := os.Getwd()
	if err != nil {
		return p
	}
	if abs, err := filepath.Abs(p); err == nil {
		if rel, err := filepath.Rel(cwd, abs); err == nil && !strings.HasPrefix(rel, "..") {
			return rel
		}
	}
	return p
}
