// Package result holds what a control decides about one subject. Every
// output format reads these and nothing else.
package result

// Verdict of a control on a subject.
type Verdict string

// Verdicts.
const (
	Pass    Verdict = "PASS"
	Fail    Verdict = "FAIL"
	Unknown Verdict = "UNKNOWN"
)

// Status of one aspect of a control (execution logging, access logging...).
type Status string

// Aspect statuses.
const (
	StatusPass          Status = "PASS"
	StatusFail          Status = "FAIL"
	StatusUnknown       Status = "UNKNOWN"
	StatusNotApplicable Status = "NOT_APPLICABLE"
)

// Aspect is the status of one part of the decision, and why.
type Aspect struct {
	Status Status `json:"status"`
	Reason string `json:"reason"`
}

// Framework is one requirement a control maps to.
type Framework struct {
	ID          string `json:"id"`
	Name        string `json:"name"`
	Requirement string `json:"requirement"`
	Profile     string `json:"profile"`
}

// Result is the decision of one control (or advisory) on one subject.
type Result struct {
	Control     string              `json:"control"`
	Kind        string              `json:"kind"` // "control" or "advisory"
	Title       string              `json:"title"`
	Severity    string              `json:"severity"`
	Verdict     Verdict             `json:"verdict"`
	Profile     string              `json:"profile"`
	Root        string              `json:"root"` // relative to the working directory, as File
	Address     string              `json:"address"`
	Type        string              `json:"type"`
	File        string              `json:"file,omitempty"`
	Line        int                 `json:"line,omitempty"`
	EndLine     int                 `json:"end_line,omitempty"`
	Aspects     map[string]Aspect   `json:"aspects,omitempty"`
	Message     string              `json:"message"`
	Notes       []string            `json:"notes,omitempty"`
	Remediation string              `json:"remediation,omitempty"`
	Frameworks  []Framework         `json:"frameworks"`
	References  map[string][]string `json:"references"`
	// ProfileVerdicts is the verdict under each profile; nil for advisories,
	// whose verdict does not depend on the profile.
	ProfileVerdicts map[string]Verdict `json:"-"`
	// FrameworkVerdicts is the verdict under each framework's profile.
	FrameworkVerdicts map[string]Verdict `json:"framework_verdicts,omitempty"`
	// Suppressed is set when an ignore comment, a waiver or the baseline
	// covers this result. The verdict stays as it is; an active
	// suppression only keeps the result from failing the run.
	Suppressed *Suppression `json:"suppressed,omitempty"`
	// AbsFile is the file's absolute path, when known: a fetched module's
	// File names its package, not a path (see model.PackagePath).
	AbsFile string `json:"-"`
	// Subject is the address of the stage an advisory concerns, when the
	// advisory is reported on another resource.
	Subject string `json:"subject,omitempty"`
	// ModuleAlone is set when the root is a directory other scanned
	// directories call as a module, evaluated on its own (--all-dirs).
	ModuleAlone bool `json:"module_evaluated_alone,omitempty"`
}

// IsAdvisory reports whether r is an advisory (a pitfall), not a control verdict.
func (r *Result) IsAdvisory() bool { return r.Kind == KindAdvisory }

// VerdictUnder is the verdict as a run with these frameworks chosen judges
// it: without frameworks, the verdict under the profile; with them, FAIL
// when any of theirs fails, else UNKNOWN when any is unknown, else PASS.
// An advisory has no framework verdicts: its own verdict stands.
func (r *Result) VerdictUnder(frameworks []string) Verdict {
	if len(frameworks) == 0 || r.IsAdvisory() {
		return r.Verdict
	}
	v := Pass
	for _, id := range frameworks {
		switch r.FrameworkVerdicts[id] {
		case Fail:
			return Fail
		case Unknown:
			v = Unknown
		}
	}
	return v
}

// Result kinds.
const (
	KindControl  = "control"
	KindAdvisory = "advisory"
)

// SeverityRank orders severities for --fail-on.
func SeverityRank(s string) int {
	switch s {
	case "low":
		return 1
	case "medium":
		return 2
	case "high":
		return 3
	case "critical":
		return 4
	}
	return 0
}

// Suppression says what covers a result, and whether it applies.
type Suppression struct {
	By       string `json:"by"`   // "tfcomply:ignore", "checkov:skip", "trivy:ignore", "tfsec:ignore", "kics-scan", "waiver", "baseline"
	Kind     string `json:"kind"` // "inSource" (a comment) or "external" (a waiver or the baseline)
	Reason   string `json:"reason"`
	Expires  string `json:"expires,omitempty"`  // YYYY-MM-DD
	Location string `json:"location,omitempty"` // file:line of the comment or waiver
	Owner    string `json:"owner,omitempty"`
	Ticket   string `json:"ticket,omitempty"`
	// Active is false when the suppression does not apply: it expired, or
	// the scan ran with --no-ignores (then it is listed, not applied).
	Active bool `json:"active"`
	// Status explains an inactive suppression ("expired on 2026-03-31").
	Status string `json:"status,omitempty"`
}

// Counts reports whether a result counts toward the exit code.
func (r *Result) Counts() bool { return r.Suppressed == nil || !r.Suppressed.Active }
