// Package report writes scan results: one file per output format.
package report

import (
	"encoding/json"
	"io"

	"github.com/tfcomply/tfcomply/internal/engine"
	"github.com/tfcomply/tfcomply/internal/result"
)

// JSONVersion is the version of the JSON output format (docs/json-output.md).
const JSONVersion = "1"

type jsonTool struct {
	Name    string `json:"name"`
	Version string `json:"version"`
}

type jsonProblem struct {
	File    string `json:"file,omitempty"`
	Line    int    `json:"line,omitempty"`
	Column  int    `json:"column,omitempty"`
	Message string `json:"message"`
}

type jsonSummary struct {
	Subjects   int `json:"subjects"`
	Passed     int `json:"passed"`
	Failed     int `json:"failed"`
	Unknown    int `json:"unknown"`
	Advisories int `json:"advisories"`
	Errors     int `json:"errors"`
	// Suppressed counts failing and unknown results an active ignore,
	// waiver or baseline covers.
	Suppressed int `json:"suppressed"`
	// ModulesNotEvaluated counts module calls whose module could not be
	// loaded: what they hold was not checked.
	ModulesNotEvaluated int `json:"modules_not_evaluated"`
}

type jsonReport struct {
	Version             string                      `json:"version"`
	Tool                jsonTool                    `json:"tool"`
	Profile             string                      `json:"profile"`
	Summary             jsonSummary                 `json:"summary"`
	Results             []jsonResult                `json:"results"`
	Errors              []jsonProblem               `json:"errors"`
	Warnings            []jsonProblem               `json:"warnings"`
	ModulesNotEvaluated []engine.ModuleNotEvaluated `json:"modules_not_evaluated"`
}

// jsonResult is a result whose framework and cross-reference lists, the
// same for every result of a control, are encoded once per control.
type jsonResult struct {
	result.Result
	Frameworks json.RawMessage `json:"frameworks"`
	References json.RawMessage `json:"references"`
}

// JSON writes the report in the stable JSON format: sorted, no timestamps.
func JSON(w io.Writer, rep *engine.Report, profile, version string) error {
	out := jsonReport{
		Version: JSONVersion, Tool: jsonTool{Name: "tfcomply", Version: version}, Profile: profile,
		Summary: summarize(rep), Results: make([]jsonResult, len(rep.Results)),
		Errors: []jsonProblem{}, Warnings: []jsonProblem{}, ModulesNotEvaluated: []engine.ModuleNotEvaluated{},
	}
	out.ModulesNotEvaluated = append(out.ModulesNotEvaluated, rep.ModulesNotEvaluated...)
	type shared struct{ frameworks, references json.RawMessage }
	cache := map[string]shared{}
	for i, r := range rep.Results {
		c, ok := cache[r.Control]
		if !ok {
			var err error
			if c.frameworks, err = json.Marshal(r.Frameworks); err != nil {
				return err
			}
			if c.references, err = json.Marshal(r.References); err != nil {
				return err
			}
			cache[r.Control] = c
		}
		out.Results[i] = jsonResult{Result: r, Frameworks: c.frameworks, References: c.references}
	}
	for _, p := range rep.Problems {
		jp := jsonProblem{File: p.File, Line: p.Line, Column: p.Column, Message: p.Message}
		if p.Severity == "error" {
			out.Errors = append(out.Errors, jp)
		} else {
			out.Warnings = append(out.Warnings, jp)
		}
	}
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	return enc.Encode(out)
}

func summarize(rep *engine.Report) jsonSummary {
	var s jsonSummary
	for _, r := range rep.Results {
		if r.IsAdvisory() {
			s.Advisories++
			continue
		}
		// Counts are of stages: an advisory is not a stage, suppressed
		// or not.
		if !r.Counts() {
			s.Suppressed++
		}
		s.Subjects++
		switch r.Verdict {
		case result.Pass:
			s.Passed++
		case result.Fail:
			s.Failed++
		case result.Unknown:
			s.Unknown++
		}
	}
	for _, p := range rep.Problems {
		if p.Severity == "error" {
			s.Errors++
		}
	}
	s.ModulesNotEvaluated = len(rep.ModulesNotEvaluated)
	return s
}
