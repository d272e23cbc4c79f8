package suppress

import (
	"fmt"
	"path/filepath"
	"sort"
	"strings"
	"time"

	"github.com/tfcomply/tfcomply/internal/model"
	"github.com/tfcomply/tfcomply/internal/paths"
	"github.com/tfcomply/tfcomply/internal/result"
)

// Options are where suppressions come from.
type Options struct {
	// Config (--config) holds the waivers for every root; nil: each
	// root's nearest .tfcomply.yml (see configs).
	Config    *Config
	Baseline  *Baseline // accepted findings; nil for none
	NoIgnores bool      // --no-ignores: list what would suppress, apply nothing
	Now       time.Time // the clock expiry is judged by (injectable for tests)
	// Files are the Terraform files scanned: their ignore comments that
	// match nothing are said.
	Files []string
}

// Outcome is what applying suppressions found besides the results' marks.
type Outcome struct {
	// Problems are warnings (an ignore that does not apply, a waiver or
	// baseline entry that matches nothing) and errors (a .tfcomply.yml
	// that does not load).
	Problems []model.Problem
	// Inputs are the configuration files and the baseline read, for the
	// evidence report's list of hashed inputs.
	Inputs []string
}

// Apply marks the results that an ignore comment, a waiver or the baseline
// covers (the first that does, in that order). Passing results need no
// suppression and get none. Every exception that matches nothing is said:
// one that silently stopped applying would hide what it was meant for.
func Apply(results []result.Result, opts Options) Outcome {
	a := &applier{
		opts: opts, comments: commentIndex{}, configs: newConfigs(),
		warned: map[string]bool{}, usedWaivers: map[*Waiver]bool{}, usedPrints: map[string]bool{}, usedDirectives: map[string]bool{},
	}
	if a.opts.Now.IsZero() {
		a.opts.Now = time.Now()
	}
	for i := range results {
		a.apply(&results[i])
	}
	return a.outcome()
}

type applier struct {
	opts           Options
	comments       commentIndex
	configs        *configs
	problems       []model.Problem
	warned         map[string]bool
	usedWaivers    map[*Waiver]bool
	usedPrints     map[string]bool
	usedDirectives map[string]bool // by directive key
}

func (a *applier) warn(file string, line int, msg string) {
	key := fmt.Sprintf("%s:%d:%s", file, line, msg)
	if a.warned[key] {
		return
	}
	a.warned[key] = true
	a.problems = append(a.problems, model.Problem{Severity: "warning", File: file, Line: line, Message: msg})
}

func (a *applier) apply(r *result.Result) {
	if r.Verdict == result.Pass {
		return
	}
	today := a.opts.Now.UTC().Format("2006-01-02")
	// Candidates in order; the first that applies wins, and an expired one
	// is shown only when nothing else applies.
	var candidates []*result.Suppression
	if c := a.fromComments(r); c != nil {
		candidates = append(candidates, c)
	}
	cfg := a.opts.Config
	if cfg == nil {
		cfg = a.configs.forRoot(r.Root)
	}
	if cfg != nil {
		if c := a.fromWaivers(r, cfg); c != nil {
			candidates = append(candidates, c)
		}
	}
	if fp := FindingPrint(*r); a.opts.Baseline.hasPrint(fp) {
		a.usedPrints[fp] = true
		path := paths.Display(a.opts.Baseline.path)
		candidates = append(candidates, &result.Suppression{By: "baseline", Kind: "external",
			Reason: "accepted in the baseline " + filepath.Base(path), Location: fmt.Sprintf("%s:%d", path, a.opts.Baseline.line(fp))})
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
		return
	}
	if a.opts.NoIgnores && chosen.Active {
		chosen.Active, chosen.Status = false, "not applied (--no-ignores)"
	}
	r.Suppressed = chosen
}

// fromComments finds an ignore comment for the result in its resource
// block or just above it (for .tf.json: the resource's "//" property).
func (a *applier) fromComments(r *result.Result) *result.Suppression {
	if r.File == "" {
		return nil
	}
	path := r.File
	if r.AbsFile != "" {
		path = r.AbsFile // also for a fetched module, whose File names its package
	}
	fc := a.comments.get(path, r.File)
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
		a.usedDirectives[d.key()] = true
		if d.problem != "" {
			a.warn(d.file, d.line, fmt.Sprintf("%s for %s does not apply: %s", d.by, r.Address, d.problem))
			continue
		}
		if d.wildcard {
			a.warn(d.file, d.line, "tfcomply:ignore:* suppresses every control on the resource: name the control instead (tfcomply:ignore:"+r.Control+")")
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
// Every waiver that matches counts as used, chosen or not.
func (a *applier) fromWaivers(r *result.Result, cfg *Config) *result.Suppression {
	var first *result.Suppression
	root := rootFromConfig(cfg, r.Root)
	for i := range cfg.Waivers {
		w := &cfg.Waivers[i]
		if !names(w.Control, r.Control) || !model.MatchAddress(w.Address, r.Address) || (w.Root != "" && !model.MatchAddress(w.Root, root)) {
			continue
		}
		a.usedWaivers[w] = true
		if first == nil {
			first = &result.Suppression{By: "waiver", Kind: "external", Reason: w.Reason, Expires: w.Expires, Owner: w.Owner, Ticket: w.Ticket,
				Location: fmt.Sprintf("%s:%d", paths.Display(cfg.Path), w.Line)}
		}
	}
	return first
}

// outcome says what matched nothing, and lists the inputs read.
func (a *applier) outcome() Outcome {
	out := Outcome{}
	cfgs := a.configs.loaded
	if a.opts.Config != nil {
		cfgs = []*Config{a.opts.Config}
	}
	for _, cfg := range cfgs {
		out.Inputs = append(out.Inputs, cfg.Path)
		for i := range cfg.Waivers {
			w := &cfg.Waivers[i]
			if a.usedWaivers[w] {
				continue
			}
			scope := "address " + w.Address
			if w.Root != "" {
				scope += ", root " + w.Root
			}
			a.warn(paths.Display(cfg.Path), w.Line, fmt.Sprintf("waiver for %s (%s) matches no failing result: the finding is fixed, or the pattern is wrong", w.Control, scope))
		}
	}
	if b := a.opts.Baseline; b != nil {
		out.Inputs = append(out.Inputs, b.path)
		for _, f := range b.Findings {
			if !a.usedPrints[f.Fingerprint] {
				a.warn(paths.Display(b.path), b.line(f.Fingerprint), fmt.Sprintf("baseline entry for %s in %s matches no failing result (fixed, or failing for another reason now): write the baseline again to drop it", f.Address, f.Root))
			}
		}
	}
	a.unusedComments()
	out.Problems = append(a.configs.problems, a.problems...)
	sort.SliceStable(out.Problems, func(i, j int) bool {
		x, y := out.Problems[i], out.Problems[j]
		if x.File != y.File {
			return x.File < y.File
		}
		return x.Line < y.Line
	})
	return out
}

// unusedComments warns about tfcomply ignore comments in the scanned files
// that name an unknown control, or that covered no failing result. Peer
// tools' comments are theirs: they may skip what only that tool reports.
func (a *applier) unusedComments() {
	for _, file := range a.opts.Files {
		if !strings.HasSuffix(file, ".tf") && !strings.HasSuffix(file, ".tf.json") && !strings.HasSuffix(file, ".tofu") && !strings.HasSuffix(file, ".tofu.json") {
			continue
		}
		for _, d := range a.comments.get(file, file).all() {
			if d.by != "tfcomply:ignore" {
				continue
			}
			if unknown := d.unknownIDs(); len(unknown) > 0 {
				for _, id := range unknown {
					msg := fmt.Sprintf("tfcomply:ignore names %q, which is not a control", id)
					if s := suggestID(id); s != "" {
						msg += fmt.Sprintf(": did you mean %q?", s)
					}
					a.warn(d.file, d.line, msg)
				}
				continue
			}
			if !a.usedDirectives[d.key()] {
				a.warn(d.file, d.line, "tfcomply:ignore matches no failing result: the resource it is on passes, or is not one the control reports")
			}
		}
	}
}
