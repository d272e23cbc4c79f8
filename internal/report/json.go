// Package report writes scan results: one file per output format.
package report

import (
	"bufio"
	"bytes"
	"encoding/json"
	"fmt"
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

// jsonResultHead is a result without its framework and cross-reference
// lists: those are the same for every result of a control and more than
// half of each result's bytes, so they are encoded and indented once per
// control and written after the rest (they are a result's last members).
type jsonResultHead struct {
	result.Result
	Frameworks json.RawMessage `json:"frameworks,omitempty"`
	References json.RawMessage `json:"references,omitempty"`
}

// resultLists are a control's two lists, indented as members of a result.
type resultLists struct{ frameworks, references []byte }

func newResultLists(r result.Result) (resultLists, error) {
	var out resultLists
	for _, l := range []struct {
		v  interface{}
		to *[]byte
	}{{r.Frameworks, &out.frameworks}, {r.References, &out.references}} {
		raw, err := json.Marshal(l.v)
		if err != nil {
			return out, err
		}
		var b bytes.Buffer
		if err := json.Indent(&b, raw, resultIndent+"  ", "  "); err != nil {
			return out, err
		}
		*l.to = b.Bytes()
	}
	return out, nil
}

// resultIndent starts the lines of a result in the results array.
const resultIndent = "    "

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
		lists := map[string]resultLists{}
		for i, r := range rep.Results {
			l, ok := lists[r.Control]
			if !ok {
				var err error
				if l, err = newResultLists(r); err != nil {
					return err
				}
				lists[r.Control] = l
			}
			jw.str(resultIndent)
			jw.result(r, l)
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
	if b := jw.encode(prefix, v); jw.err == nil {
		jw.bytes(b)
	}
}

// encode is v as value writes it, in a buffer reused by the next call.
func (jw *jsonWriter) encode(prefix string, v interface{}) []byte {
	if jw.err != nil {
		return nil
	}
	jw.buf.Reset()
	jw.enc.SetIndent(prefix, "  ")
	if jw.err = jw.enc.Encode(v); jw.err != nil {
		return nil
	}
	b := jw.buf.Bytes()
	return b[:len(b)-1] // Encode ends with a newline
}

func (jw *jsonWriter) bytes(b []byte) {
	if jw.err == nil {
		_, jw.err = jw.w.Write(b)
	}
}

// result writes a result followed by its control's lists, as encoding/json
// writes a jsonResultHead that holds them.
func (jw *jsonWriter) result(r result.Result, l resultLists) {
	head := jw.encode(resultIndent, jsonResultHead{Result: r})
	// The head ends with the result's closing brace on its own line: the
	// lists go before it.
	end := "\n" + resultIndent + "}"
	if jw.err == nil && !bytes.HasSuffix(head, []byte(end)) {
		jw.err = fmt.Errorf("result of %s encoded without members", r.Address)
	}
	if jw.err != nil {
		return
	}
	jw.bytes(head[:len(head)-len(end)])
	jw.str(",\n" + resultIndent + `  "frameworks": `)
	jw.bytes(l.frameworks)
	jw.str(",\n" + resultIndent + `  "references": `)
	jw.bytes(l.references)
	jw.str(end)
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
