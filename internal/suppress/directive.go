// Package suppress decides which results are suppressed, and by what: an
// ignore comment beside the resource (tfcomply's own, or a peer tool's for
// the ids this control maps to), a waiver in .tfcomply.yml, or a baseline of
// accepted findings. Suppressed results stay in every report.
package suppress

import (
	"fmt"
	"regexp"
	"strings"
	"time"
)

// directive is one ignore instruction found in a comment.
type directive struct {
	by      string // tfcomply:ignore, checkov:skip, trivy:ignore, tfsec:ignore, kics-scan
	ids     []string
	reason  string
	expires string // YYYY-MM-DD, "" for none
	file    string // as shown to the user
	line    int    // 0 in .tf.json
	// scope: "block" applies to the resource around or below the comment;
	// "line" (kics-scan ignore-line) only to the line that follows it.
	scope string
	// problem, when set, says why the directive does not apply.
	problem string
	// wildcard: tfcomply:ignore:* (all controls; discouraged).
	wildcard bool
}

// ControlID is the control the peer tools' identifiers map to.
const ControlID = "apigateway_stage_logging_enabled"

// peerIDs are the other tools' identifiers for this control, lower case
// (see docs/suppressions.md for the mapping).
var peerIDs = map[string]map[string]bool{
	"checkov:skip": {"ckv2_aws_4": true},
	"trivy:ignore": {"aws-0001": true, "avd-aws-0001": true, "aws-api-gateway-enable-access-logging": true, "avd-aws-api-gateway-enable-access-logging": true},
	"tfsec:ignore": {"aws-api-gateway-enable-access-logging": true, "aws-0001": true, "avd-aws-0001": true},
}

var (
	tfcomplyRe = regexp.MustCompile(`tfcomply:ignore:(\S+)(.*)`)
	attrRe     = regexp.MustCompile(`(\w+)=(?:"((?:[^"\\]|\\.)*)"|(\S+))`)
	checkovRe  = regexp.MustCompile(`checkov:skip=([A-Za-z0-9_]+)(?::(.*))?`)
	peerRe     = regexp.MustCompile(`(trivy|tfsec):ignore:([A-Za-z0-9_.\-]+?)(?::exp:(\d{4}-\d{2}-\d{2}))?(?:[\s:]|$)`)
	kicsRe     = regexp.MustCompile(`kics-scan\s+(ignore-block|ignore-line)`)
	dateRe     = regexp.MustCompile(`^\d{4}-\d{2}-\d{2}$`)
)

// key identifies the directive: where it is and what it is.
func (d directive) key() string {
	return d.location() + "\x00" + d.by + "\x00" + strings.Join(d.ids, ",")
}

// unknownIDs are the ids of a tfcomply:ignore that name no control or
// advisory.
func (d directive) unknownIDs() []string {
	var out []string
	for _, id := range d.ids {
		if !knownID(id) {
			out = append(out, id)
		}
	}
	return out
}

// location is file:line for messages and reports.
func (d directive) location() string {
	if d.line == 0 {
		return d.file
	}
	return fmt.Sprintf("%s:%d", d.file, d.line)
}

// parseComment finds the ignore directives in one comment's text.
func parseComment(text, file string, line int) []directive {
	body := strings.TrimSpace(strings.TrimPrefix(strings.TrimPrefix(strings.TrimPrefix(text, "#"), "//"), "/*"))
	body = strings.TrimSpace(strings.TrimSuffix(body, "*/"))
	var out []directive
	if m := tfcomplyRe.FindStringSubmatch(body); m != nil {
		d := directive{by: "tfcomply:ignore", file: file, line: line, scope: "block"}
		for _, id := range strings.Split(m[1], ",") {
			if id == "*" {
				d.wildcard = true
			}
			d.ids = append(d.ids, id)
		}
		for _, a := range attrRe.FindAllStringSubmatch(m[2], -1) {
			value := a[3]
			if a[2] != "" || a[3] == "" {
				value = strings.ReplaceAll(a[2], `\"`, `"`)
			}
			switch a[1] {
			case "reason":
				d.reason = value
			case "expires":
				d.expires = value
			}
		}
		switch {
		case strings.TrimSpace(d.reason) == "":
			d.problem = `it has no reason="...": an ignore without a reason does not apply`
		case d.expires != "" && !validDate(d.expires):
			d.problem = fmt.Sprintf("expires=%s is not a date (YYYY-MM-DD)", d.expires)
		}
		out = append(out, d)
	}
	for _, m := range checkovRe.FindAllStringSubmatch(body, -1) {
		if peerIDs["checkov:skip"][strings.ToLower(m[1])] {
			out = append(out, directive{by: "checkov:skip", ids: []string{ControlID}, reason: strings.TrimSpace(m[2]), file: file, line: line, scope: "block"})
		}
	}
	for _, m := range peerRe.FindAllStringSubmatch(body+" ", -1) {
		by := m[1] + ":ignore"
		if peerIDs[by][strings.ToLower(m[2])] {
			out = append(out, directive{by: by, ids: []string{ControlID}, expires: m[3], file: file, line: line, scope: "block"})
		}
	}
	if m := kicsRe.FindStringSubmatch(body); m != nil {
		scope := "block"
		if m[1] == "ignore-line" {
			scope = "line"
		}
		out = append(out, directive{by: "kics-scan", ids: []string{ControlID}, file: file, line: line, scope: scope})
	}
	return out
}

func validDate(s string) bool {
	if !dateRe.MatchString(s) {
		return false
	}
	_, err := time.Parse("2006-01-02", s)
	return err == nil
}

// covers reports whether the directive names the control (or advisory) id.
// An advisory is covered by its own id and by its control's.
func (d directive) covers(id string) bool {
	for _, x := range d.ids {
		if names(x, id) {
			return true
		}
	}
	return false
}

// names reports whether a control id in an ignore or a waiver (or *)
// names id: itself, or the control an advisory id belongs to.
func names(x, id string) bool {
	return x == "*" || x == id || strings.HasPrefix(id, x+".")
}
