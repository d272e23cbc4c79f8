// Package controls is the catalog of compliance controls: their metadata
// (severity, framework mappings, cross-references to other tools) in one
// place, and one package per AWS service with the logic.
package controls

import "github.com/tfcomply/tfcomply/internal/result"

// Profiles.
const (
	ProfileDefault = "default"
	ProfileStrict  = "strict"
)

// Control is a control's metadata.
type Control struct {
	ID         string
	Title      string
	Severity   string
	Frameworks []result.Framework
	References map[string][]string
	Advisories []Advisory
}

// Advisory is a lower-severity pitfall reported beside a control.
type Advisory struct {
	Name  string
	Title string
}

// ID of an advisory as results and suppressions name it.
func (c *Control) AdvisoryID(name string) string { return c.ID + "." + name }

// StageLogging is apigateway_stage_logging_enabled.
var StageLogging = &Control{
	ID:       "apigateway_stage_logging_enabled",
	Title:    "API Gateway stages should have logging enabled",
	Severity: "medium",
	Frameworks: []result.Framework{
		{ID: "soc2", Name: "SOC 2", Requirement: "CC7.2", Profile: ProfileDefault},
		{ID: "pci-dss-v4", Name: "PCI DSS v4.0", Requirement: "10.2", Profile: ProfileStrict},
		{ID: "hipaa", Name: "HIPAA Omnibus Rule 2013", Requirement: "45 CFR 164.312(b)", Profile: ProfileDefault},
		{ID: "nist-800-53-r5", Name: "NIST SP 800-53 Rev 5", Requirement: "AU-2, AU-3, AU-12", Profile: ProfileDefault},
		{ID: "nist-csf-2", Name: "NIST CSF v2.0", Requirement: "DE.CM", Profile: ProfileDefault},
		{ID: "fedramp-moderate", Name: "FedRAMP Moderate (Rev 4)", Requirement: "AU-2, AU-3", Profile: ProfileDefault},
	},
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
		{Name: "cloudwatch_role", Title: "Execution logging needs the account-level CloudWatch role"},
		{Name: "log_destination_order", Title: "The access log group must exist before the stage is updated"},
		{Name: "redeployment_trigger", Title: "The stage's deployment has no redeployment triggers"},
		{Name: "wrong_api_type", Title: "Method settings do not apply to HTTP or WebSocket APIs"},
	},
}

// All lists every control in the catalog.
var All = []*Control{StageLogging}
