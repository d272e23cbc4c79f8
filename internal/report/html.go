package report

import (
	_ "embed"
	"html/template"
	"io"

	"github.com/tfcomply/tfcomply/internal/controls"
	"github.com/tfcomply/tfcomply/internal/engine"
	"github.com/tfcomply/tfcomply/internal/result"
)

//go:embed templates/evidence.html
var evidenceTemplate string

var evidence = template.Must(template.New("evidence").Parse(evidenceTemplate))

type htmlData struct {
	Meta       Meta
	Time       string
	Control    *controls.Control
	Summary    jsonSummary
	Frameworks []htmlFramework
	Stages     []htmlStage
	Advisories []htmlAdvisory
	Problems   []htmlProblem
	Files      []engine.ScannedFile
	Waivers    []htmlWaiver
	Unloaded   []engine.ModuleNotEvaluated
}

type htmlWaiver struct {
	Address, Root, Control, By, Reason, Expires, Owner, Ticket, Location, Applies string
	Verdict                                                                       result.Verdict
}

type htmlFramework struct {
	Name, Profile string
	Rows          []htmlRequirement
	Open          []htmlOpen
}

// htmlOpen is a stage that does not pass under a framework's profile.
type htmlOpen struct {
	Address, Root string
	Verdict       result.Verdict
}

type htmlRequirement struct {
	Requirement, Title, Control, Status string
	Total, Passed, Failed, Unknown      int
}

type htmlStage struct {
	Address, Root, Location, Message string
	Verdict                          result.Verdict
	Aspects                          []htmlAspect
	Notes                            []string
	Frameworks                       []htmlVerdict
}

type htmlAspect struct {
	Name   string
	Status result.Status
	Reason string
}

type htmlVerdict struct {
	Name    string
	Verdict result.Verdict
}

type htmlAdvisory struct{ Address, Location, Name, Message string }

type htmlProblem struct{ Severity, Where, Message string }

// HTML writes the evidence report: one self-contained page (no scripts,
// no external assets) that reads on a laptop screen and prints on A4.
func HTML(w io.Writer, rep *engine.Report, meta Meta) error {
	d := htmlData{Meta: meta, Time: meta.Time.UTC().Format("2006-01-02 15:04:05 UTC"), Control: controls.StageLogging,
		Summary: summarize(rep), Files: rep.Files, Unloaded: rep.ModulesNotEvaluated}
	selected := map[string]bool{}
	for _, id := range meta.Frameworks {
		selected[id] = true
	}
	for _, f := range controls.Frameworks {
		if len(selected) > 0 && !selected[f.ID] {
			continue
		}
		hf := htmlFramework{Name: f.Name, Profile: f.Profile}
		for _, req := range f.Requirements {
			for _, ctl := range req.Controls {
				row := htmlRequirement{Requirement: req.ID, Title: req.Title, Control: ctl}
				for _, r := range rep.Results {
					if r.IsAdvisory() || r.Control != ctl {
						continue
					}
					row.Total++
					switch r.FrameworkVerdicts[f.ID] {
					case result.Pass:
						row.Passed++
					case result.Fail:
						row.Failed++
					default:
						row.Unknown++
					}
				}
				row.Status = string(result.Pass)
				switch {
				case row.Failed > 0:
					row.Status = string(result.Fail)
				case row.Unknown > 0:
					row.Status = string(result.Unknown)
				}
				hf.Rows = append(hf.Rows, row)
			}
		}
		for _, r := range rep.Results {
			if !r.IsAdvisory() && r.FrameworkVerdicts[f.ID] != result.Pass {
				hf.Open = append(hf.Open, htmlOpen{Address: r.Address, Root: r.Root, Verdict: r.FrameworkVerdicts[f.ID]})
			}
		}
		d.Frameworks = append(d.Frameworks, hf)
	}
	for _, r := range rep.Results {
		if sp := r.Suppressed; sp != nil {
			applies := "yes"
			if !sp.Active {
				applies = "no: " + sp.Status
			}
			d.Waivers = append(d.Waivers, htmlWaiver{Address: r.Address, Root: r.Root, Control: r.Control, By: sp.By, Reason: sp.Reason, Expires: sp.Expires,
				Owner: sp.Owner, Ticket: sp.Ticket, Location: sp.Location, Applies: applies, Verdict: r.Verdict})
		}
		if r.IsAdvisory() {
			d.Advisories = append(d.Advisories, htmlAdvisory{Address: r.Address, Location: location(r), Name: advisoryName(r.Control), Message: r.Message})
			continue
		}
		s := htmlStage{Address: r.Address, Root: r.Root, Location: location(r), Message: r.Message, Verdict: r.Verdict, Notes: r.Notes}
		if s.Location == "" {
			s.Location = "(no source location)"
		}
		for _, name := range []string{"execution", "access", "route"} {
			if a, ok := r.Aspects[name]; ok {
				s.Aspects = append(s.Aspects, htmlAspect{Name: name, Status: a.Status, Reason: a.Reason})
			}
		}
		for _, f := range r.Frameworks {
			s.Frameworks = append(s.Frameworks, htmlVerdict{Name: f.Name, Verdict: r.FrameworkVerdicts[f.ID]})
		}
		d.Stages = append(d.Stages, s)
	}
	for _, p := range rep.Problems {
		d.Problems = append(d.Problems, htmlProblem{Severity: p.Severity, Where: problemLocation(p), Message: p.Message})
	}
	return evidence.Execute(w, d)
}
