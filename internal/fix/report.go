package fix

import (
	"fmt"
	"io"
	"strings"

	"github.com/tfcomply/tfcomply/internal/controls"
)

// Text writes what fix did (or, for a dry run, would do) for people: the
// diffs of a dry run, then per root each failing stage, before → after,
// with its changes or why it needs a person, and a summary.
func Text(w io.Writer, o *Outcome, dryRun bool) error {
	var b strings.Builder
	if dryRun {
		for _, f := range o.Files {
			b.WriteString(f.Diff())
		}
		if len(o.Files) > 0 {
			b.WriteString("\n")
		}
	}
	profile := controls.ProfileDefault
	if o.Strict {
		profile = controls.ProfileStrict
	}
	root := "\x00"
	for _, s := range o.Stages {
		if s.Root != root {
			if root != "\x00" {
				b.WriteString("\n")
			}
			root = s.Root
			fmt.Fprintf(&b, "Root %s\n", s.Root)
		}
		status := s.Status
		if dryRun && status == StatusFixed {
			status = "would be fixed"
		}
		fmt.Fprintf(&b, "\n  %s → %s  %s  %s:%d  (%s)\n", s.Before, s.After, s.Address, s.File, s.Line, status)
		for _, c := range s.Changes {
			fmt.Fprintf(&b, "        + %s\n", c)
		}
		if len(s.Shared) > 0 && len(s.Changes) > 0 {
			fmt.Fprintf(&b, "        the change is in a module: it changes roots %s too\n", strings.Join(s.Shared, ", "))
		}
		for _, why := range s.Why {
			fmt.Fprintf(&b, "        needs: %s\n", why)
		}
		if c := s.Cost; c != nil {
			fmt.Fprintf(&b, "        cost: about %s a month (%s GB) in %s at %s requests a month (%s)\n",
				money(c.USDPerMonth), fmt.Sprintf("%.1f", c.GBPerMonth), c.Region, count(c.Traffic.RequestsPerMonth), c.Traffic.RequestsSource)
		}
	}
	if len(o.Stages) > 0 {
		b.WriteString("\n")
	}
	for _, a := range o.Accounts {
		fmt.Fprintf(&b, "Root %s: + aws_api_gateway_account and its CloudWatch role (%s); the role gets %s through managed_policy_arns\n", a.Root, a.File, PushToCloudWatchLogs)
	}
	if len(o.Files) > 0 {
		verb := "Changed"
		if dryRun {
			verb = "Would change"
		}
		var names []string
		for _, f := range o.Files {
			n := f.Path
			if len(f.Roots) > 1 {
				n += " (roots " + strings.Join(f.Roots, ", ") + ")"
			}
			names = append(names, n)
		}
		fmt.Fprintf(&b, "%s: %s\n", verb, strings.Join(names, ", "))
	}
	for _, n := range o.Notes {
		fmt.Fprintf(&b, "note: %s\n", n)
	}
	for _, p := range o.Problems {
		loc := p.File
		if p.Line > 0 {
			loc = fmt.Sprintf("%s:%d", p.File, p.Line)
		}
		if loc != "" {
			loc += ": "
		}
		fmt.Fprintf(&b, "%s: %s%s\n", p.Severity, loc, p.Message)
	}
	b.WriteString(summary(o, dryRun, profile))
	_, err := io.WriteString(w, b.String())
	return err
}

// summary is the last line: what failed, what was fixed, what was written.
func summary(o *Outcome, dryRun bool, profile string) string {
	fixed, person, partial := 0, 0, 0
	for _, s := range o.Stages {
		switch s.Status {
		case StatusFixed:
			fixed++
		case StatusPerson:
			person++
		default:
			partial++
		}
	}
	var parts []string
	if len(o.Stages) == 0 {
		parts = append(parts, fmt.Sprintf("Summary: no failing stage (%s profile): nothing to fix", profile))
	} else {
		verb := "fixed"
		if dryRun {
			verb = "would be fixed"
		}
		s := fmt.Sprintf("Summary: %s (%s profile): %d %s", plural(len(o.Stages), "failing stage"), profile, fixed, verb)
		if person > 0 {
			s += fmt.Sprintf(", %d %s a person", person, map[bool]string{true: "needs", false: "need"}[person == 1])
		}
		if partial > 0 {
			s += fmt.Sprintf(", %d not fixed", partial)
		}
		parts = append(parts, s)
	}
	switch {
	case dryRun && len(o.Files) > 0:
		parts = append(parts, plural(len(o.Files), "file")+" would change (dry run: nothing written)")
	case len(o.Files) > 0:
		parts = append(parts, plural(len(o.Files), "file")+" changed")
	}
	if o.Suppressed > 0 {
		parts = append(parts, plural(o.Suppressed, "suppressed stage")+" left as "+map[bool]string{true: "it is", false: "they are"}[o.Suppressed == 1])
	}
	if fixed > 0 && !o.TrafficKnown {
		parts = append(parts, "give traffic (--requests-per-month, or traffic: in .tfcomply.yml) to see what each change costs")
	}
	return strings.Join(parts, "; ") + "\n"
}

func plural(n int, what string) string {
	if n == 1 {
		return "1 " + what
	}
	return fmt.Sprintf("%d %ss", n, what)
}
