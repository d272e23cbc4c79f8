package report

import (
	"bytes"
	"encoding/json"
	"testing"

	"github.com/tfcomply/tfcomply/internal/controls"
	"github.com/tfcomply/tfcomply/internal/engine"
	"github.com/tfcomply/tfcomply/internal/model"
	"github.com/tfcomply/tfcomply/internal/result"
)

// wholeJSON is the report as one document, encoded by encoding/json: what
// JSON, which writes a result at a time, must write byte for byte. A
// result's framework and reference lists are its last members.
func wholeJSON(t *testing.T, rep *engine.Report, profile, version string) []byte {
	t.Helper()
	type resultDoc struct {
		result.Result
		Frameworks []result.Framework  `json:"frameworks"`
		References map[string][]string `json:"references"`
	}
	doc := struct {
		Version             string                      `json:"version"`
		Tool                jsonTool                    `json:"tool"`
		Profile             string                      `json:"profile"`
		Summary             jsonSummary                 `json:"summary"`
		Results             []resultDoc                 `json:"results"`
		Errors              []jsonProblem               `json:"errors"`
		Warnings            []jsonProblem               `json:"warnings"`
		ModulesNotEvaluated []engine.ModuleNotEvaluated `json:"modules_not_evaluated"`
	}{Version: JSONVersion, Tool: jsonTool{Name: "tfcomply", Version: version}, Profile: profile, Summary: summarize(rep),
		Results: []resultDoc{}, Errors: []jsonProblem{}, Warnings: []jsonProblem{},
		ModulesNotEvaluated: append([]engine.ModuleNotEvaluated{}, rep.ModulesNotEvaluated...)}
	for _, r := range rep.Results {
		doc.Results = append(doc.Results, resultDoc{Result: r, Frameworks: r.Frameworks, References: r.References})
	}
	for _, p := range rep.Problems {
		jp := jsonProblem{File: p.File, Line: p.Line, Column: p.Column, Message: p.Message}
		if p.Severity == "error" {
			doc.Errors = append(doc.Errors, jp)
		} else {
			doc.Warnings = append(doc.Warnings, jp)
		}
	}
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	if err := enc.Encode(doc); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

// JSON streams exactly what encoding/json writes for the whole document:
// with results and without, with problems of both severities, modules not
// evaluated, suppressed results, and characters encoding/json would escape
// for HTML.
func TestJSONIsTheWholeDocument(t *testing.T) {
	full := scanGolden(t)
	full.Results[0].Suppressed = &result.Suppression{By: "waiver", Reason: "<accepted> & tracked", Active: true}
	full.Problems = append(full.Problems,
		engine.Problem{Problem: model.Problem{Severity: "error", File: "a.tf", Line: 3, Column: 7, Message: "Unsupported <attribute> & more"}},
		engine.Problem{Problem: model.Problem{Severity: "warning", Message: "a warning without a place"}})
	full.ModulesNotEvaluated = append(full.ModulesNotEvaluated,
		engine.ModuleNotEvaluated{Root: "envs/prod", Module: "module.vpc", Source: "terraform-aws-modules/vpc/aws", Reason: "not installed", File: "main.tf", Line: 12})
	empty := &engine.Report{}
	for name, rep := range map[string]*engine.Report{"results and problems": full, "nothing": empty} {
		var got bytes.Buffer
		if err := JSON(&got, rep, controls.ProfileStrict, "test"); err != nil {
			t.Fatal(err)
		}
		if want := wholeJSON(t, rep, controls.ProfileStrict, "test"); !bytes.Equal(got.Bytes(), want) {
			t.Errorf("%s: JSON wrote\n%s\nencoding/json writes\n%s", name, got.Bytes(), want)
		}
	}
}
