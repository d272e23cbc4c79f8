package report

import (
	"fmt"
	"io"
	"strings"

	"github.com/fatih/color"
	"github.com/tfcomply/tfcomply/internal/engine"
	"github.com/tfcomply/tfcomply/internal/result"
)

// TextOptions control the terminal report.
type TextOptions struct {
	ShowPassed bool
	Color      bool
}

type palette struct {
	pass, fail, unknown, dim, bold, warn func(a ...interface{}) string
}

func newPalette(on bool) palette {
	mk := func(attrs ...color.Attribute) func(a ...interface{}) string {
		c := color.New(attrs...)
		if on {
			c.EnableColor()
		} else {
			c.DisableColor()
		}
		return c.SprintFunc()
	}
	return palette{
		pass: mk(color.FgGreen, color.Bold), fail: mk(color.FgRed, color.Bold), unknown: mk(color.FgYellow, color.Bold),
		dim: mk(color.Faint), bold: mk(color.Bold), warn: mk(color.FgYellow),
	}
}

func (p palette) verdict(v string) string {
	switch v {
	case string(result.Pass):
		return p.pass(v)
	case string(result.Fail):
		return p.fail(v)
	case string(result.Unknown):
		return p.unknown(v)
	case string(result.StatusNotApplicable):
		return p.dim("N/A")
	}
	return v
}

// Text writes the report for people: grouped by root, failing and unknown
// stages with their aspects, notes, remediation and advisories, a summary.
func Text(w io.Writer, rep *engine.Report, opts TextOptions) error {
	p := newPalette(opts.Color)
	var b strings.Builder
	advisories := map[string][]result.Result{} // by root + address
	for _, r := range rep.Results {
		if r.IsAdvisory() {
			k := r.Root + "\x00" + r.Address
			advisories[k] = append(advisories[k], r)
		}
	}
	shown := map[string]bool{}
	currentRoot := "\x00"
	// header starts a root's section; roots are named as the user sees
	// them, so the "." roots of two scanned paths stay apart.
	header := func(r result.Result) {
		if root := r.Root; root != currentRoot {
			currentRoot = root
			alone := ""
			if r.ModuleAlone {
				alone = " (a module, evaluated alone with its defaults: --all-dirs)"
			}
			fmt.Fprintf(&b, "\n%s %s%s\n", p.bold("Root"), p.bold(root), alone)
		}
	}
	for _, r := range rep.Results {
		if r.IsAdvisory() {
			continue
		}
		if r.Verdict == result.Pass && !opts.ShowPassed && len(advisories[r.Root+"\x00"+r.Address]) == 0 {
			continue
		}
		header(r)
		fmt.Fprintf(&b, "\n  %s  %s%s\n", p.verdict(string(r.Verdict)), p.bold(r.Address), p.dim(locationSuffix(r)))
		fmt.Fprintf(&b, "        %s\n", r.Message)
		if line := suppressionLine(r.Suppressed); line != "" {
			fmt.Fprintf(&b, "        %s %s\n", p.warn("suppressed:"), line)
		}
		if r.Verdict != result.Pass || opts.ShowPassed {
			for _, name := range []string{"execution", "access", "route"} {
				a, ok := r.Aspects[name]
				if !ok || a.Status == result.StatusNotApplicable {
					continue
				}
				fmt.Fprintf(&b, "        %-9s %s  %s\n", name, p.verdict(string(a.Status)), a.Reason)
			}
		}
		for _, n := range r.Notes {
			fmt.Fprintf(&b, "        %s %s\n", p.dim("note:"), n)
		}
		if r.Remediation != "" {
			fmt.Fprintf(&b, "        %s\n", p.dim("fix:"))
			for _, line := range strings.Split(r.Remediation, "\n") {
				if line == "" {
					b.WriteString("\n")
					continue
				}
				fmt.Fprintf(&b, "          %s\n", line)
			}
		}
		k := r.Root + "\x00" + r.Address
		for _, a := range advisories[k] {
			fmt.Fprintf(&b, "        %s %s: %s\n", p.warn("advisory"), advisoryName(a.Control), a.Message)
			if line := suppressionLine(a.Suppressed); line != "" {
				fmt.Fprintf(&b, "          %s %s\n", p.warn("suppressed:"), line)
			}
		}
		shown[k] = true
	}
	// Advisories on resources that are not stages (wrong_api_type).
	for _, r := range rep.Results {
		if !r.IsAdvisory() || shown[r.Root+"\x00"+r.Address] {
			continue
		}
		header(r)
		fmt.Fprintf(&b, "\n  %s  %s%s\n        %s: %s\n", p.warn("ADVISORY"), p.bold(r.Address), p.dim(locationSuffix(r)),
			advisoryName(r.Control), r.Message)
	}
	var errs, warns []engine.Problem
	for _, pr := range rep.Problems {
		if pr.Severity == "error" {
			errs = append(errs, pr)
		} else {
			warns = append(warns, pr)
		}
	}
	writeProblems(&b, p.fail("Errors"), errs)
	writeProblems(&b, p.warn("Warnings"), warns)
	b.WriteString("\n" + summaryLine(rep, p) + "\n")
	_, err := io.WriteString(w, strings.TrimLeft(b.String(), "\n"))
	return err
}

// SummaryLine is the text report's last line, without colour: what the CLI
// prints on standard error when the reports go to files, so a CI log still
// shows what happened.
func SummaryLine(rep *engine.Report) string { return summaryLine(rep, newPalette(false)) }

func summaryLine(rep *engine.Report, p palette) string {
	s := summarize(rep)
	warns := len(rep.Problems) - s.Errors
	suppressed := ""
	if s.Suppressed > 0 {
		suppressed = fmt.Sprintf(" (%d suppressed)", s.Suppressed)
	}
	unseen := ""
	if s.ModulesNotEvaluated > 0 {
		// Whatever those modules hold was not checked: said in the
		// summary line, where a reader of CI logs looks.
		unseen = "; " + p.unknown(plural(s.ModulesNotEvaluated, "module call")+" not evaluated (see warnings)")
	}
	return fmt.Sprintf("%s %s: %s passed, %s failed%s, %s unknown; %s; %s, %s%s",
		p.bold("Summary:"), plural(s.Subjects, "stage"), p.pass(s.Passed), p.fail(s.Failed), suppressed, p.unknown(s.Unknown),
		plural(s.Advisories, "advisory"), plural(s.Errors, "error"), plural(warns, "warning"), unseen)
}

func writeProblems(b *strings.Builder, title string, ps []engine.Problem) {
	if len(ps) == 0 {
		return
	}
	fmt.Fprintf(b, "\n%s\n", title)
	for _, pr := range ps {
		loc := problemLocation(pr)
		if loc != "" {
			loc += ": "
		}
		fmt.Fprintf(b, "  %s%s\n", loc, pr.Message)
	}
}

// location is file:line, relative to the scanned path; "" without a file.
func location(r result.Result) string {
	if r.File == "" {
		return ""
	}
	return fmt.Sprintf("%s:%d", r.File, r.Line)
}

// locationSuffix is "  file:line" after an address, or nothing.
func locationSuffix(r result.Result) string {
	if loc := location(r); loc != "" {
		return "  " + loc
	}
	return ""
}

// advisoryName is an advisory's name without its control's prefix.
func advisoryName(control string) string {
	if i := strings.LastIndexByte(control, '.'); i >= 0 {
		return control[i+1:]
	}
	return control
}

func plural(n int, word string) string {
	if n == 1 {
		return "1 " + word
	}
	if strings.HasSuffix(word, "y") {
		return fmt.Sprintf("%d %sies", n, strings.TrimSuffix(word, "y"))
	}
	return fmt.Sprintf("%d %ss", n, word)
}

// suppressionLine describes what suppresses a result, or "".
func suppressionLine(s *result.Suppression) string {
	if s == nil {
		return ""
	}
	line := s.By + ": " + s.Reason
	if s.Expires != "" {
		line += " (expires " + s.Expires + ")"
	}
	if s.Location != "" {
		line += " [" + s.Location + "]"
	}
	if !s.Active {
		line += "; " + s.Status
	}
	return line
}
