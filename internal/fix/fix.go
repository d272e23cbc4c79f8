// Package fix turns failing API Gateway stages into passing ones by
// editing the user's Terraform (tfcomply fix, docs/fix.md). It scans as
// scan does, plans the smallest change that makes each failing stage of
// apigateway_stage_logging_enabled pass, splices it into the original
// bytes (everything else stays byte for byte), evaluates the changed
// roots again with the edited files, and keeps only what that shows to
// pass. Where a stage fails because of a value (a tfvars entry, a
// variable's default, a dynamic block's condition), or the change would
// touch something it must not (a fetched module, a stage that passes),
// it names what a person has to change instead.
package fix

import (
	"os"

	"github.com/tfcomply/tfcomply/internal/engine"
	"github.com/tfcomply/tfcomply/internal/estimate"
	"github.com/tfcomply/tfcomply/internal/result"
)

// Outcome is what fix found and did (or, for a dry run, would do).
type Outcome struct {
	Strict   bool    // stages were fixed for the strict profile (--profile strict, or a strict framework)
	Stages   []Stage // every failing stage, in report order
	Files    []File  // every file that changes
	Accounts []Account
	// Suppressed counts the failing stages an ignore comment, waiver or
	// the baseline covers: fix leaves them as they are.
	Suppressed int
	Problems   []engine.Problem
	Notes      []string // warnings: costs above --max-monthly-cost, roots without the CloudWatch role
	// TrafficKnown is set when some fixed stage's traffic is known, so the
	// cost of its change could be shown.
	TrafficKnown bool
}

// Stage statuses.
const (
	StatusFixed   = "fixed"
	StatusPerson  = "needs a person" // fix cannot change it safely: Why says what to change
	StatusPartial = "not fixed"      // changed, but not shown to pass (fix drops such changes: this is a safeguard)
)

// Stage is one failing stage and what became of it.
type Stage struct {
	Root    string
	Address string
	File    string // file:line of the stage, as reports name it
	Line    int
	Before  result.Verdict
	After   result.Verdict // the verdict with the changes; Before when nothing changed
	Status  string
	Changes []string // what was changed for it, each saying where
	Why     []string // why it needs a person, and what to change
	// Shared names the other roots a change in a module reaches, when
	// the stage's module is called by several.
	Shared []string
	Cost   *Cost
}

// Cost is what the logging a change turns on costs a month.
type Cost struct {
	USDPerMonth float64 // after the change minus before it
	GBPerMonth  float64
	Traffic     estimate.Traffic
	Region      string
	// Over is set when the cost is above --max-monthly-cost; Cheaper is
	// then what execution logging at ERROR would cost instead, when the
	// change logs at INFO (0 when not worked out).
	Over    bool
	Cheaper float64
}

// File is one file fix changes.
type File struct {
	Path  string // as reports name it
	Abs   string // the file as the evaluator read it
	Old   []byte
	New   []byte
	Mode  os.FileMode
	Roots []string // the roots whose evaluation reads it
}

// Diff is the file's change as a unified diff.
func (f File) Diff() string { return UnifiedDiff(f.Path, f.Old, f.New) }

// Account is an aws_api_gateway_account and role added to a root.
type Account struct {
	Root string
	File string // file:line of the account resource
}

// Remaining reports whether some failing stage is not fixed.
func (o *Outcome) Remaining() int {
	n := 0
	for _, s := range o.Stages {
		if s.Status != StatusFixed {
			n++
		}
	}
	return n
}

// HasErrors reports whether an input could not be read or evaluated.
func (o *Outcome) HasErrors() bool {
	for _, p := range o.Problems {
		if p.Severity == "error" {
			return true
		}
	}
	return false
}
