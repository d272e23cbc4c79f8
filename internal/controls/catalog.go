// Package controls is the catalog of compliance controls: their metadata
// (severity, framework mappings, cross-references to other tools) in one
// place, and one package per AWS service with the logic.
package controls

import (
	"strings"

	"github.com/tfcomply/tfcomply/internal/result"
)

// Profiles.
const (
	ProfileDefault = "default"
	ProfileStrict  = "strict"
)

// Control is a control's metadata.
type Control struct {
	ID          string              `json:"id"`
	Title       string              `json:"title"`
	Severity    string              `json:"severity"`
	Description string              `json:"description"`
	Docs        string              `json:"docs"` // documentation page, relative to the repository
	Frameworks  []result.Framework  `json:"frameworks"`
	References  map[string][]string `json:"references"`
	Advisories  []Advisory          `json:"advisories"`
}

// Advisory is a lower-severity pitfall reported beside a control.
type Advisory struct {
	Name  string `json:"name"`
	Title string `json:"title"`
	Why   string `json:"why"`
}

// ID of an advisory as results and suppressions name it.
func (c *Control) AdvisoryID(name string) string { return c.ID + "." + name }

// StageLogging is apigateway_stage_logging_enabled.
var StageLogging = &Control{
	ID:       "apigateway_stage_logging_enabled",
	Title:    "API Gateway stages should have logging enabled",
	Severity: "medium",
	Description: "Every API Gateway stage records who called it and how it answered: execution logging " +
		"(method settings on */* at INFO or ERROR) or access logging (a CloudWatch Logs log group or an " +
		"amazon-apigateway- Firehose stream) on REST stages, access logging on HTTP stages, access or route " +
		"logging on WebSocket stages. The strict profile requires every kind that applies.",
	Docs: "docs/controls/apigateway_stage_logging_enabled.md",
	References: map[string][]string{
		"compliance.tf":    {"apigateway_stage_logging_enabled"},
		"aws_config":       {"APIGATEWAY_STAGE_ACCESS_LOGS_ENABLED", "API_GW_EXECUTION_LOGGING_ENABLED"},
		"aws_security_hub": {"APIGateway.1"},
		"checkov":          {"CKV2_AWS_4"},
		"powerpipe":        {"aws_compliance.control.apigateway_stage_logging_enabled", "aws_compliance.control.gatewayv2_stage_access_logging_enabled"},
		"prowler":          {"apigateway_restapi_logging_enabled", "apigatewayv2_api_access_logging_enabled"},
		"kics":             {"1b6799eb-4a7a-4b04-9001-8cceb9999326", "982aa526-6970-4c59-8b9b-2ce7e019fe36"},
		"trivy":            {"AWS-0001", "AVD-AWS-0001"},
	},
	Advisories: []Advisory{
		{Name: "cloudwatch_role", Title: "Execution logging needs the account-level CloudWatch role",
			Why: "without an aws_api_gateway_account with a cloudwatch_role_arn, API Gateway writes no execution logs, and nothing fails at plan time"},
		{Name: "log_destination_order", Title: "The access log group must exist before the stage is updated",
			Why: "if the log group does not exist when the stage is updated, the update fails with an opaque error"},
		{Name: "redeployment_trigger", Title: "The stage's deployment has no redeployment triggers",
			Why: "changes to the API may not be redeployed, and the console shows a stale configuration"},
		{Name: "wrong_api_type", Title: "Method settings do not apply to HTTP or WebSocket APIs",
			Why: "method settings configure REST stages only; they enable no logging on an HTTP or WebSocket API"},
	},
}

// All lists every control in the catalog.
var All = []*Control{StageLogging}

// The frameworks a control maps to come from the framework catalog, so
// the mapping is written in one place.
func init() {
	for _, c := range All {
		for _, f := range Frameworks {
			var reqs []string
			for _, r := range f.Requirements {
				for _, id := range r.Controls {
					if id == c.ID {
						reqs = append(reqs, r.ID)
					}
				}
			}
			if len(reqs) > 0 {
				c.Frameworks = append(c.Frameworks, result.Framework{ID: f.ID, Name: f.Name, Requirement: strings.Join(reqs, ", "), Profile: f.Profile})
			}
		}
	}
}
