// Package report writes scan results: one file per output format.
package report

import (
	"bufio"
	"bytes"
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

// jsonResult is a result whose framework and cross-reference lists, the
// same for every result of a control, are encoded once per control.
type jsonResult struct {
	result.Result
	Frameworks json.RawMessage `json:"frameworks"`
	References json.RawMessage `json:"references"`
}

// JSON writes the report in the stable JSON format: sorted, no timestamps.
//
// It streams: each result is encoded on its own, indented as it would be
// inside the whole document, and written through a small buffer, so that
// 100,000 results never make one 600 MB document in memory. The bytes are
// those encoding/json writes for the whole report (two-space indent, no
// HTML escaping).
func JSON(w io.Writer, rep *engine.Report, profile, version string) error {
	errs, warns := []jsonProblem{}, []jsonProblem{}
	for _, p := range rep.Problems {
		jp := jsonProblem{File: p.File, Line: p.Line, Column: p.Column, Message: p.Message}
		if p.Severity == "error" {
			errs = append(errs, jp)
		} else {
			warns = append(warns, jp)
		}
	}
	unloaded := append([]engine.ModuleNotEvaluated{}, rep.ModulesNotEvaluated...)

	jw := &jsonWriter{w: bufio.NewWriterSize(w, 64<<10)}
	jw.enc = json.NewEncoder(&jw.buf)
	jw.enc.SetEscapeHTML(false)
	jw.str("{\n")
	jw.field("version", JSONVersion, false)
	jw.field("tool", jsonTool{Name: "tfcomply", Version: version}, false)
	jw.field("profile", profile, false)
	jw.field("summary", summarize(rep), false)
	if len(rep.Results) == 0 {
		jw.str(`  "results": [],` + "\n")
	} else {
		jw.str(`  "results": [` + "\n")
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
			jw.str("    ")
			jw.value("    ", jsonResult{Result: r, Frameworks: c.frameworks, References: c.references})
			if i < len(rep.Results)-1 {
				jw.str(",")
			}
			jw.str("\n")
		}
		jw.str("  ],\n")
	}
	jw.field("errors", errs, false)
	jw.field("warnings", warns, false)
	jw.field("modules_not_evaluated", unloaded, true)
	jw.str("}\n")
	if jw.err != nil {
		return jw.err
	}
	return jw.w.Flush()
}

// jsonWriter writes a JSON document a piece at a time; the first error
// stops it.
type jsonWriter struct {
	w   *bufio.Writer
	buf bytes.Buffer
	enc *json.Encoder
	err error
}

func (jw *jsonWriter) str(s string) {
	if jw.err == nil {
		_, jw.err = jw.w.WriteString(s)
	}
}

// value writes v as encoding/json would at a depth whose lines start with
// prefix (the first line's prefix is the caller's).
func (jw *jsonWriter) value(prefix string, v interface{}) {
	if jw.err != nil {
		return
	}
	jw.buf.Reset()
	jw.enc.SetIndent(prefix, "  ")
	if jw.err = jw.enc.Encode(v); jw.err != nil {
		return
	}
	b := jw.buf.Bytes()
	_, jw.err = jw.w.Write(b[:len(b)-1]) // Encode ends with a newline
}

// field writes one member of the top-level object.
func (jw *jsonWriter) field(name string, v interface{}, last bool) {
	jw.str(`  "` + name + `": `)
	jw.value("  ", v)
	if !last {
		jw.str(",")
	}
	jw.str("\n")
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
