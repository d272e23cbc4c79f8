package apigateway

import (
	"fmt"
	"strings"

	"github.com/tfcomply/tfcomply/internal/model"
	"github.com/tfcomply/tfcomply/internal/result"
	"github.com/zclconf/go-cty/cty"
)

const accountSnippet = `resource "aws_api_gateway_account" "this" {
  cloudwatch_role_arn = aws_iam_role.apigateway_cloudwatch.arn
}`

const accessFormat = `jsonencode({
      requestId    = "$context.requestId"
      sourceIp     = "$context.identity.sourceIp"
      requestTime  = "$context.requestTime"
      httpMethod   = "$context.httpMethod"
      resourcePath = "$context.resourcePath"
      status       = "$context.status"
    })`

// remediation is the Terraform to add for a stage that does not pass.
func remediation(s *subject, d *decision, f *rootFacts) string {
	name := s.inst.Name
	var b strings.Builder
	if d.noDeploy != "" {
		fmt.Fprintf(&b, "# %s\n# set deployment_id = aws_api_gateway_deployment.<name>.id on the stage\n\n", d.noDeploy)
	}
	if s.kind == implicitStage {
		fmt.Fprintf(&b, "# A deployment's stage_name creates a stage that cannot carry access logs.\n# Remove stage_name from %s and declare the stage:\n", s.inst.Address)
		fmt.Fprintf(&b, "resource \"aws_api_gateway_stage\" \"%s\" {\n  rest_api_id   = %s.rest_api_id\n  deployment_id = %s.id\n  stage_name    = %q\n}\n\n",
			name, localAddr(s.inst), localAddr(s.inst), stageNameOr(s))
	}
	needAccess := d.aspects[aspectAccess].Status != result.StatusPass
	stageRef := localAddr(s.inst)
	if s.kind == implicitStage {
		stageRef = typeStage + "." + name
	}
	needExec := s.kind != v2Stage && d.aspects[aspectExecution].Status != result.StatusPass
	if by := decidedBy(model.Attr(s.inst.Value, "access_log_settings")); needAccess && by != "" {
		// The module writes the block; a setting turned it off.
		fmt.Fprintf(&b, "# access_log_settings is off here: it is %s.\n# Change that setting, or write the block yourself:\n", strings.TrimPrefix(by, "; "))
	}
	if needAccess {
		fmt.Fprintf(&b, "resource \"aws_cloudwatch_log_group\" \"%s_access\" {\n  name              = \"/aws/apigateway/%s-access\"\n  retention_in_days = 365\n}\n\n", name, name)
		stageType := typeStage
		if s.kind == v2Stage {
			stageType = typeV2Stage
		}
		fmt.Fprintf(&b, "# in resource %q %q:\n  access_log_settings {\n    destination_arn = aws_cloudwatch_log_group.%s_access.arn\n    format          = %s\n  }\n", stageType, name, name, accessFormat)
	}
	if needExec {
		if b.Len() > 0 {
			b.WriteString("\n")
		}
		fmt.Fprintf(&b, "resource \"aws_api_gateway_method_settings\" \"%s\" {\n  rest_api_id = %s.rest_api_id\n  stage_name  = %s.stage_name\n  method_path = \"*/*\"\n  settings {\n    logging_level = \"INFO\" # \"ERROR\" on high-traffic stages: INFO can produce large CloudWatch Logs volume and cost\n  }\n}\n",
			name, stageRef, stageRef)
	}
	if s.kind == v2Stage && d.proto != protoHTTP && d.aspects[aspectRoute].Status != result.StatusPass {
		b.WriteString("\n# WebSocket APIs: also log route execution\n  default_route_settings {\n    logging_level = \"INFO\"\n  }\n")
	}
	if (needExec || s.kind == v2Stage && d.proto == protoWebSocket) && !f.hasRole {
		b.WriteString("\n" + accountSnippet + "\n")
	}
	return strings.TrimRight(b.String(), "\n")
}

// localAddr is the address of an instance as written inside its own module.
func localAddr(in *model.Instance) string {
	addr := in.Type + "." + in.Name
	if in.Key != cty.NilVal {
		return addr + in.Address[strings.LastIndex(in.Address, in.Name)+len(in.Name):]
	}
	return addr
}

func stageNameOr(s *subject) string {
	if n, known, ok := model.String(s.stageName); known && ok {
		return n
	}
	return "<stage name>"
}
