package report

import (
	"fmt"
	"io"
	"os"
	"strings"

	"github.com/tfcomply/tfcomply/internal/engine"
	"github.com/tfcomply/tfcomply/internal/model"
	"github.com/tfcomply/tfcomply/internal/paths"
	"github.com/tfcomply/tfcomply/internal/result"
)

// Markdown writes a compact summary for pull request comments and
// $GITHUB_STEP_SUMMARY: the counts, a table of failing and unknown stages
// with links to their lines, and the details folded away.
func Markdown(w io.Writer, rep *engine.Report) error {
	var b strings.Builder
	s := summarize(rep)
	b.WriteString("## tfcomply\n\n")
	unseen := ""
	if s.ModulesNotEvaluated > 0 {
		unseen = " · **" + plural(s.ModulesNotEvaluated, "module call") + " not evaluated**"
	}
	fmt.Fprintf(&b, "**%s**: %d passed, %d failed, %d unknown · %s · %s%s\n\n",
		plural(s.Subjects, "stage"), s.Passed, s.Failed, s.Unknown, plural(s.Advisories, "advisory"), plural(s.Errors, "input error"), unseen)
	if len(rep.ModulesNotEvaluated) > 0 {
		b.WriteString("<details><summary>Modules not evaluated: what they hold was not checked</summary>\n\n| root | module | source | why |\n|---|---|---|---|\n")
		for _, m := range rep.ModulesNotEvaluated {
			fmt.Fprintf(&b, "| %s | `%s` | `%s` | %s |\n", mdCell(m.Root), m.Module, mdCell(m.Source), mdCell(m.Reason))
		}
		b.WriteString("\n</details>\n\n")
	}
	var open []result.Result
	for _, r := range rep.Results {
		if !r.IsAdvisory() && r.Verdict != result.Pass {
			open = append(open, r)
		}
	}
	if len(open) > 0 {
		b.WriteString("| verdict | stage | where | why |\n|---|---|---|---|\n")
		for _, r := range open {
			badge := verdictBadge(r.Verdict)
			if !r.Counts() {
				badge += " (suppressed)"
			}
			fmt.Fprintf(&b, "| %s | `%s` | %s | %s |\n", badge, mdCell(r.Address), mdLink(r), mdCell(whyShort(r)))
		}
		b.WriteString("\n<details><summary>Details</summary>\n\n")
		for _, r := range open {
			fmt.Fprintf(&b, "#### %s `%s`\n\n%s\n\n", verdictBadge(r.Verdict), r.Address, r.Message)
			for _, name := range []string{"execution", "access", "route"} {
				if a, ok := r.Aspects[name]; ok && a.Status != result.StatusNotApplicable {
					fmt.Fprintf(&b, "- **%s** %s: %s\n", name, a.Status, a.Reason)
				}
			}
			for _, n := range r.Notes {
				fmt.Fprintf(&b, "- note: %s\n", n)
			}
			if r.Remediation != "" {
				fmt.Fprintf(&b, "\n```hcl\n%s\n```\n", r.Remediation)
			}
			b.WriteString("\n")
		}
		b.WriteString("</details>\n\n")
	}
	var waived []result.Result
	for _, r := range rep.Results {
		if r.Suppressed != nil {
			waived = append(waived, r)
		}
	}
	if len(waived) > 0 {
		b.WriteString("<details><summary>Waivers and exceptions</summary>\n\n| resource | control | by | reason | expires | applies |\n|---|---|---|---|---|---|\n")
		for _, r := range waived {
			sp := r.Suppressed
			applies := "yes"
			if !sp.Active {
				applies = "no: " + sp.Status
			}
			fmt.Fprintf(&b, "| `%s` | `%s` | %s | %s | %s | %s |\n", mdCell(r.Address), r.Control, sp.By, mdCell(sp.Reason), sp.Expires, mdCell(applies))
		}
		b.WriteString("\n</details>\n\n")
	}
	var adv []result.Result
	for _, r := range rep.Results {
		if r.IsAdvisory() {
			adv = append(adv, r)
		}
	}
	if len(adv) > 0 {
		b.WriteString("<details><summary>Advisories</summary>\n\n")
		for _, r := range adv {
			fmt.Fprintf(&b, "- `%s` %s: %s\n", r.Address, strings.TrimPrefix(r.Control, "apigateway_stage_logging_enabled."), r.Message)
		}
		b.WriteString("\n</details>\n\n")
	}
	var errs []engine.Problem
	for _, p := range rep.Problems {
		if p.Severity == "error" {
			errs = append(errs, p)
		}
	}
	if len(errs) > 0 {
		b.WriteString("**Input errors**\n\n")
		for _, p := range errs {
			fmt.Fprintf(&b, "- %s: %s\n", problemLocation(p), mdCell(p.Message))
		}
		b.WriteString("\n")
	}
	_, err := io.WriteString(w, b.String())
	return err
}

func verdictBadge(v result.Verdict) string {
	switch v {
	case result.Fail:
		return "❌ FAIL"
	case result.Unknown:
		return "❔ UNKNOWN"
	}
	return "✅ PASS"
}

// whyShort is the first aspect that did not pass, or the message.
func whyShort(r result.Result) string {
	for _, name := range []string{"execution", "access", "route"} {
		if a, ok := r.Aspects[name]; ok && a.Status == result.StatusUnknown && r.Verdict == result.Unknown {
			return a.Reason
		}
	}
	if s := aspectSummary(r); s != "" && r.Verdict == result.Fail {
		return s
	}
	return r.Message
}

// mdLink links file:line to the repository on GitHub Actions (where the
// server, repository and commit are in the environment), relatively elsewhere.
func mdLink(r result.Result) string {
	if r.File == "" {
		return ""
	}
	path := uri(r.File)
	text := fmt.Sprintf("%s:%d", path, r.Line)
	if model.PackagePath(r.File) {
		return "`" + text + "`" // in a fetched module: nothing in the repository to link to
	}
	server, repo, sha := os.Getenv("GITHUB_SERVER_URL"), os.Getenv("GITHUB_REPOSITORY"), os.Getenv("GITHUB_SHA")
	if server != "" && repo != "" && sha != "" {
		// Blob paths are relative to the repository, wherever tfcomply ran.
		return fmt.Sprintf("[%s](%s/%s/blob/%s/%s#L%d)", text, server, repo, sha, uri(paths.Key(r.File)), r.Line)
	}
	return fmt.Sprintf("[%s](%s#L%d)", text, path, r.Line)
}

func mdCell(s string) string {
	return strings.NewReplacer("|", "\\|", "\n", " ").Replace(s)
}
