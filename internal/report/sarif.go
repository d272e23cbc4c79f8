package report

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"io"
	"path/filepath"
	"sort"
	"strings"

	"github.com/tfcomply/tfcomply/internal/controls"
	"github.com/tfcomply/tfcomply/internal/engine"
	"github.com/tfcomply/tfcomply/internal/model"
	"github.com/tfcomply/tfcomply/internal/paths"
	"github.com/tfcomply/tfcomply/internal/result"
)

// SARIF 2.1.0, as GitHub code scanning and other viewers read it. Written
// with the standard library against the OASIS schema; a test validates every
// SARIF document the test suite produces against that schema.

type sarifLog struct {
	Schema  string     `json:"$schema"`
	Version string     `json:"version"`
	Runs    []sarifRun `json:"runs"`
}

type sarifRun struct {
	Tool               sarifTool                        `json:"tool"`
	OriginalURIBaseIDs map[string]sarifArtifactLocation `json:"originalUriBaseIds,omitempty"`
	Invocations        []sarifInvocation                `json:"invocations"`
	Results            []sarifResult                    `json:"results"`
}

type sarifTool struct {
	Driver sarifDriver `json:"driver"`
}

type sarifDriver struct {
	Name           string      `json:"name"`
	Version        string      `json:"version"`
	InformationURI string      `json:"informationUri,omitempty"`
	Rules          []sarifRule `json:"rules"`
}

type sarifText struct {
	Text     string `json:"text"`
	Markdown string `json:"markdown,omitempty"`
}

type sarifRule struct {
	ID                   string                 `json:"id"`
	Name                 string                 `json:"name"`
	ShortDescription     sarifText              `json:"shortDescription"`
	FullDescription      sarifText              `json:"fullDescription"`
	Help                 sarifText              `json:"help"`
	DefaultConfiguration sarifConfiguration     `json:"defaultConfiguration"`
	Properties           map[string]interface{} `json:"properties"`
}

type sarifConfiguration struct {
	Level string `json:"level"`
}

type sarifInvocation struct {
	ExecutionSuccessful        bool                `json:"executionSuccessful"`
	StartTimeUTC               string              `json:"startTimeUtc,omitempty"`
	EndTimeUTC                 string              `json:"endTimeUtc,omitempty"`
	ToolExecutionNotifications []sarifNotification `json:"toolExecutionNotifications,omitempty"`
}

type sarifNotification struct {
	Level     string          `json:"level"`
	Message   sarifText       `json:"message"`
	Locations []sarifLocation `json:"locations,omitempty"`
}

type sarifResult struct {
	RuleID              string                 `json:"ruleId"`
	Suppressions        []sarifSuppression     `json:"suppressions,omitempty"`
	RuleIndex           int                    `json:"ruleIndex"`
	Level               string                 `json:"level"`
	Message             sarifText              `json:"message"`
	Locations           []sarifLocation        `json:"locations"`
	PartialFingerprints map[string]string      `json:"partialFingerprints"`
	Properties          map[string]interface{} `json:"properties"`
}

type sarifSuppression struct {
	Kind          string `json:"kind"`
	Status        string `json:"status"`
	Justification string `json:"justification"`
}

type sarifLocation struct {
	PhysicalLocation *sarifPhysical `json:"physicalLocation,omitempty"`
	LogicalLocations []sarifLogical `json:"logicalLocations,omitempty"`
	Message          *sarifText     `json:"message,omitempty"`
	Properties       map[string]any `json:"properties,omitempty"`
	_                struct{}       `json:"-"`
}

type sarifPhysical struct {
	ArtifactLocation sarifArtifactLocation `json:"artifactLocation"`
	Region           *sarifRegion          `json:"region,omitempty"`
}

type sarifArtifactLocation struct {
	URI       string `json:"uri"`
	URIBaseID string `json:"uriBaseId,omitempty"`
}

type sarifRegion struct {
	StartLine int `json:"startLine"`
	EndLine   int `json:"endLine,omitempty"`
}

type sarifLogical struct {
	FullyQualifiedName string `json:"fullyQualifiedName"`
	Kind               string `json:"kind"`
}

// sarifLevel maps a severity to a SARIF level.
func sarifLevel(severity string) string {
	switch severity {
	case "critical", "high":
		return "error"
	case "medium":
		return "warning"
	}
	return "note"
}

// SARIF writes the report as SARIF 2.1.0. Passing subjects are not results;
// UNKNOWN ones are notes that say what blocked the decision.
func SARIF(w io.Writer, rep *engine.Report, meta Meta) error {
	rules, index := sarifRules()
	run := sarifRun{
		Tool:    sarifTool{Driver: sarifDriver{Name: "tfcomply", Version: meta.Version, Rules: rules}},
		Results: []sarifResult{},
		Invocations: []sarifInvocation{{
			ExecutionSuccessful: !rep.HasErrors(),
			StartTimeUTC:        meta.Time.UTC().Format("2006-01-02T15:04:05Z"),
			EndTimeUTC:          meta.Time.UTC().Format("2006-01-02T15:04:05Z"),
		}},
	}
	if meta.WorkDir != "" {
		// Paths are relative to where tfcomply ran: GitHub code scanning
		// resolves them against the checkout when that is the repository
		// root, as in the documented workflow.
		run.OriginalURIBaseIDs = map[string]sarifArtifactLocation{
			"%SRCROOT%": {URI: "file://" + uri(meta.WorkDir) + "/"},
		}
	}
	for _, p := range rep.Problems {
		n := sarifNotification{Level: "error", Message: sarifText{Text: p.Message}}
		if p.Severity == "warning" {
			n.Level = "warning"
		}
		if p.File != "" {
			loc := sarifLocation{PhysicalLocation: &sarifPhysical{ArtifactLocation: artifact(p.File)}}
			if p.Line > 0 {
				loc.PhysicalLocation.Region = &sarifRegion{StartLine: p.Line}
			}
			n.Locations = []sarifLocation{loc}
		}
		run.Invocations[0].ToolExecutionNotifications = append(run.Invocations[0].ToolExecutionNotifications, n)
	}
	for _, r := range rep.Results {
		if r.Verdict == result.Pass {
			continue
		}
		level := sarifLevel(r.Severity)
		text := r.Message
		if r.Verdict == result.Unknown {
			level = "note"
		}
		if reasons := aspectSummary(r); reasons != "" {
			text += " (" + reasons + ")"
		}
		loc := sarifLocation{LogicalLocations: []sarifLogical{{FullyQualifiedName: r.Address, Kind: "resource"}}}
		if r.File != "" {
			loc.PhysicalLocation = &sarifPhysical{
				ArtifactLocation: artifact(r.File),
				Region:           &sarifRegion{StartLine: r.Line, EndLine: max(r.EndLine, r.Line)},
			}
		}
		props := map[string]interface{}{"verdict": string(r.Verdict), "root": r.Root, "profile": r.Profile,
			"security-severity": securitySeverity(r.Severity)}
		if len(r.FrameworkVerdicts) > 0 {
			props["frameworkVerdicts"] = r.FrameworkVerdicts
		}
		var supp []sarifSuppression
		if r.Suppressed != nil {
			props["suppressed"] = r.Suppressed
			if r.Suppressed.Active {
				supp = []sarifSuppression{{Kind: r.Suppressed.Kind, Status: "accepted", Justification: r.Suppressed.By + ": " + r.Suppressed.Reason}}
			}
		}
		run.Results = append(run.Results, sarifResult{
			Suppressions: supp,
			RuleID:       r.Control, RuleIndex: index[r.Control], Level: level,
			Message:             sarifText{Text: text},
			Locations:           []sarifLocation{loc},
			PartialFingerprints: map[string]string{"tfcomplyResource/v1": Fingerprint(r)},
			Properties:          props,
		})
	}
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	return enc.Encode(sarifLog{Schema: "https://json.schemastore.org/sarif-2.1.0.json", Version: "2.1.0", Runs: []sarifRun{run}})
}

// Fingerprint identifies a finding across runs and unrelated edits: the
// control, the root and the address, not the line.
func Fingerprint(r result.Result) string {
	sum := sha256.Sum256([]byte(r.Control + "\x00" + paths.Key(r.Root) + "\x00" + r.Address))
	return hex.EncodeToString(sum[:16])
}

// aspectSummary lists the aspects that did not pass, with their reasons.
func aspectSummary(r result.Result) string {
	var parts []string
	for _, name := range []string{"execution", "access", "route"} {
		a, ok := r.Aspects[name]
		if !ok || a.Status == result.StatusPass || a.Status == result.StatusNotApplicable {
			continue
		}
		parts = append(parts, fmt.Sprintf("%s %s: %s", name, a.Status, a.Reason))
	}
	return strings.Join(parts, "; ")
}

// securitySeverity is the score GitHub code scanning ranks security
// results by, in the middle of the band it maps each severity to (low
// 0.1-3.9, medium 4.0-6.9, high 7.0-8.9, critical 9.0-10.0).
func securitySeverity(severity string) string {
	switch severity {
	case "critical":
		return "9.5"
	case "high":
		return "8.0"
	case "medium":
		return "5.5"
	}
	return "2.0"
}

// sarifRules describes every control and advisory, in catalog order.
func sarifRules() ([]sarifRule, map[string]int) {
	var rules []sarifRule
	index := map[string]int{}
	for _, c := range controls.All {
		tags := []string{"terraform", "compliance", "logging"}
		var frameworks []string
		for _, f := range c.Frameworks {
			frameworks = append(frameworks, f.Name+" "+f.Requirement)
		}
		index[c.ID] = len(rules)
		rules = append(rules, sarifRule{
			ID: c.ID, Name: ruleName(c.ID),
			ShortDescription:     sarifText{Text: c.Title},
			FullDescription:      sarifText{Text: c.Description},
			Help:                 sarifText{Text: c.Description, Markdown: controlHelp(c)},
			DefaultConfiguration: sarifConfiguration{Level: sarifLevel(c.Severity)},
			Properties: map[string]interface{}{"tags": tags, "frameworks": frameworks, "severity": c.Severity, "references": c.References,
				"security-severity": securitySeverity(c.Severity)},
		})
		for _, a := range c.Advisories {
			id := c.AdvisoryID(a.Name)
			index[id] = len(rules)
			rules = append(rules, sarifRule{
				ID: id, Name: ruleName(a.Name),
				ShortDescription:     sarifText{Text: a.Title},
				FullDescription:      sarifText{Text: a.Title + ": " + a.Why + "."},
				Help:                 sarifText{Text: a.Why, Markdown: fmt.Sprintf("**%s**\n\nWhy it matters: %s.\n\nThis advisory never changes the verdict of `%s`. See %s.", a.Title, a.Why, c.ID, c.Docs)},
				DefaultConfiguration: sarifConfiguration{Level: "note"},
				Properties:           map[string]interface{}{"tags": []string{"terraform", "advisory"}, "severity": "low", "security-severity": securitySeverity("low")},
			})
		}
	}
	return rules, index
}

func controlHelp(c *controls.Control) string {
	var b strings.Builder
	fmt.Fprintf(&b, "**%s** (severity %s)\n\n%s\n\n", c.Title, c.Severity, c.Description)
	b.WriteString("| framework | requirement | profile |\n|---|---|---|\n")
	for _, f := range c.Frameworks {
		fmt.Fprintf(&b, "| %s | %s | %s |\n", f.Name, f.Requirement, f.Profile)
	}
	b.WriteString("\n**Remediation**\n\n```hcl\n" + remediationExample + "\n```\n\n")
	keys := make([]string, 0, len(c.References))
	for k := range c.References {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	b.WriteString("Also known as: ")
	for i, k := range keys {
		if i > 0 {
			b.WriteString(", ")
		}
		fmt.Fprintf(&b, "%s `%s`", k, strings.Join(c.References[k], "`, `"))
	}
	fmt.Fprintf(&b, ".\n\nFull description: %s.", c.Docs)
	return b.String()
}

const remediationExample = `resource "aws_cloudwatch_log_group" "api_access" {
  name              = "/aws/apigateway/prod-access"
  retention_in_days = 365
}

resource "aws_api_gateway_stage" "prod" {
  # ...
  access_log_settings {
    destination_arn = aws_cloudwatch_log_group.api_access.arn
    format          = jsonencode({ requestId = "$context.requestId", status = "$context.status" })
  }
}

resource "aws_api_gateway_method_settings" "prod" {
  rest_api_id = aws_api_gateway_stage.prod.rest_api_id
  stage_name  = aws_api_gateway_stage.prod.stage_name
  method_path = "*/*"
  settings {
    logging_level = "INFO" # "ERROR" on high-traffic stages
  }
}`

// ruleName turns snake_case into the PascalCase SARIF viewers show.
func ruleName(id string) string {
	var b strings.Builder
	for _, part := range strings.Split(id, "_") {
		if part != "" {
			b.WriteString(strings.ToUpper(part[:1]) + part[1:])
		}
	}
	return b.String()
}

// artifact locates a file named as reports name them: relative to
// %SRCROOT% (the working directory, see originalUriBaseIds), by an
// absolute file URI when it lies outside, and by its package name alone
// in a fetched module (see srcRoot).
func artifact(path string) sarifArtifactLocation {
	if model.PackagePath(path) {
		return sarifArtifactLocation{URI: uri(path)}
	}
	if filepath.IsAbs(filepath.FromSlash(path)) {
		return sarifArtifactLocation{URI: "file://" + uri(path)}
	}
	return sarifArtifactLocation{URI: uri(path), URIBaseID: "%SRCROOT%"}
}

func uri(path string) string {
	if model.PackagePath(path) {
		return strings.ReplaceAll(path, " ", "%20") // cleaning would fold its "//"
	}
	return strings.ReplaceAll(filepath.ToSlash(filepath.Clean(path)), " ", "%20")
}
