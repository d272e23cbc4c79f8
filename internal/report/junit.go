package report

import (
	"encoding/xml"
	"fmt"
	"io"
	"strings"

	"github.com/tfcomply/tfcomply/internal/engine"
	"github.com/tfcomply/tfcomply/internal/result"
)

// JUnit XML as Jenkins and GitLab read it: a testsuite per root, a testcase
// per subject and control. FAIL is a failure with the aspects; UNKNOWN is
// skipped with what blocked it; advisories go to the stage's system-out;
// input errors are errors of a suite of their own.

type junitSuites struct {
	XMLName  xml.Name     `xml:"testsuites"`
	Name     string       `xml:"name,attr"`
	Tests    int          `xml:"tests,attr"`
	Failures int          `xml:"failures,attr"`
	Errors   int          `xml:"errors,attr"`
	Skipped  int          `xml:"skipped,attr"`
	Suites   []junitSuite `xml:"testsuite"`
}

type junitSuite struct {
	Name     string      `xml:"name,attr"`
	Tests    int         `xml:"tests,attr"`
	Failures int         `xml:"failures,attr"`
	Errors   int         `xml:"errors,attr"`
	Skipped  int         `xml:"skipped,attr"`
	Cases    []junitCase `xml:"testcase"`
}

type junitCase struct {
	Name      string        `xml:"name,attr"`
	Classname string        `xml:"classname,attr"`
	File      string        `xml:"file,attr,omitempty"`
	Line      int           `xml:"line,attr,omitempty"`
	Failure   *junitMessage `xml:"failure,omitempty"`
	Error     *junitMessage `xml:"error,omitempty"`
	Skipped   *junitMessage `xml:"skipped,omitempty"`
	SystemOut string        `xml:"system-out,omitempty"`
}

type junitMessage struct {
	Message string `xml:"message,attr"`
	Type    string `xml:"type,attr,omitempty"`
	Text    string `xml:",chardata"`
}

// JUnit writes the report as JUnit XML.
func JUnit(w io.Writer, rep *engine.Report) error {
	doc := junitSuites{Name: "tfcomply"}
	suites := map[string]*junitSuite{}
	var order []string
	advisories := map[string][]string{}
	for _, r := range rep.Results {
		if r.IsAdvisory() {
			k := r.Root + "\x00" + r.Address
			advisories[k] = append(advisories[k], fmt.Sprintf("advisory %s: %s", r.Control, r.Message))
		}
	}
	suite := func(name string) *junitSuite {
		if s, ok := suites[name]; ok {
			return s
		}
		suites[name] = &junitSuite{Name: name}
		order = append(order, name)
		return suites[name]
	}
	for _, r := range rep.Results {
		if r.IsAdvisory() {
			continue
		}
		s := suite(r.Root)
		// The root is in the name: two roots' cases of one module stage
		// must not merge in a CI test view.
		c := junitCase{Name: r.Root + ": " + r.Address, Classname: r.Control, File: r.File, Line: r.Line}
		details := aspectLines(r)
		switch {
		case !r.Counts():
			c.Skipped = &junitMessage{Message: "suppressed by " + suppressionLine(r.Suppressed), Text: details}
			s.Skipped++
		case r.Verdict == result.Fail:
			if line := suppressionLine(r.Suppressed); line != "" {
				details += "suppression: " + line + "\n"
			}
			c.Failure = &junitMessage{Message: r.Message, Type: "FAIL", Text: details}
			s.Failures++
		case r.Verdict == result.Unknown:
			if line := suppressionLine(r.Suppressed); line != "" {
				details += "suppression: " + line + "\n"
			}
			c.Skipped = &junitMessage{Message: r.Message, Text: details}
			s.Skipped++
		}
		if adv := advisories[r.Root+"\x00"+r.Address]; len(adv) > 0 {
			c.SystemOut = strings.Join(adv, "\n")
		}
		s.Tests++
		s.Cases = append(s.Cases, c)
	}
	for _, p := range rep.Problems {
		if p.Severity != "error" {
			continue
		}
		s := suite("tfcomply input errors")
		s.Cases = append(s.Cases, junitCase{Name: problemLocation(p), Classname: "input", Error: &junitMessage{Message: p.Message, Type: "error"}})
		s.Tests++
		s.Errors++
	}
	for _, name := range order {
		s := suites[name]
		doc.Suites = append(doc.Suites, *s)
		doc.Tests += s.Tests
		doc.Failures += s.Failures
		doc.Errors += s.Errors
		doc.Skipped += s.Skipped
	}
	if _, err := io.WriteString(w, xml.Header); err != nil {
		return err
	}
	enc := xml.NewEncoder(w)
	enc.Indent("", "  ")
	if err := enc.Encode(doc); err != nil {
		return err
	}
	_, err := io.WriteString(w, "\n")
	return err
}

// aspectLines lists every aspect with its status and reason, and the notes.
func aspectLines(r result.Result) string {
	var b strings.Builder
	for _, name := range []string{"execution", "access", "route"} {
		if a, ok := r.Aspects[name]; ok && a.Status != result.StatusNotApplicable {
			fmt.Fprintf(&b, "%s: %s: %s\n", name, a.Status, a.Reason)
		}
	}
	for _, n := range r.Notes {
		fmt.Fprintf(&b, "note: %s\n", n)
	}
	return b.String()
}
