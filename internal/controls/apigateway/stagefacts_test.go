package apigateway

import (
	"encoding/json"
	"os"
	"path/filepath"
	"regexp"
	"testing"

	"github.com/tfcomply/tfcomply/internal/hclload"
)

func loadFacts(t *testing.T, src string) map[string]StageLogging {
	t.Helper()
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "main.tf"), []byte(src), 0o644); err != nil {
		t.Fatal(err)
	}
	root, probs := hclload.LoadRoot(dir, dir, hclload.Options{})
	for _, p := range probs {
		if p.Severity == "error" {
			t.Fatalf("%s:%d: %s", p.File, p.Line, p.Message)
		}
	}
	out := map[string]StageLogging{}
	for _, f := range StageLoggingFacts(root) {
		out[f.Address] = f
	}
	return out
}

const factsAPI = `
resource "aws_api_gateway_rest_api" "r" { name = "orders" }
resource "aws_api_gateway_deployment" "d" { rest_api_id = aws_api_gateway_rest_api.r.id }
`

func TestStageFactsReadWhatTheControlAssociates(t *testing.T) {
	facts := loadFacts(t, factsAPI+`
resource "aws_api_gateway_stage" "prod" {
  deployment_id = aws_api_gateway_deployment.d.id
  rest_api_id   = aws_api_gateway_rest_api.r.id
  stage_name    = "prod"
  access_log_settings {
    destination_arn = aws_cloudwatch_log_group.access.arn
    format          = "$context.requestId $context.status"
  }
}
resource "aws_cloudwatch_log_group" "access" {
  name              = "prod-access"
  retention_in_days = 30
  log_group_class   = "INFREQUENT_ACCESS"
}
resource "aws_cloudwatch_log_group" "exec" {
  name              = "API-Gateway-Execution-Logs_${aws_api_gateway_rest_api.r.id}/${aws_api_gateway_stage.prod.stage_name}"
  retention_in_days = 14
}
# By name, not by reference: the association the control uses.
resource "aws_api_gateway_method_settings" "all" {
  rest_api_id = aws_api_gateway_rest_api.r.id
  stage_name  = "prod"
  method_path = "*/*"
  settings {
    logging_level      = "INFO"
    data_trace_enabled = true
  }
}
resource "aws_api_gateway_stage" "dev" {
  deployment_id = aws_api_gateway_deployment.d.id
  rest_api_id   = aws_api_gateway_rest_api.r.id
  stage_name    = "dev"
  access_log_settings {
    destination_arn = "arn:aws:firehose:eu-west-1:123456789012:deliverystream/amazon-apigateway-dev"
    format          = "$context.requestId"
  }
}
resource "aws_api_gateway_method_settings" "dev_narrow" {
  rest_api_id = aws_api_gateway_rest_api.r.id
  stage_name  = aws_api_gateway_stage.dev.stage_name
  method_path = "users/GET"
  settings { logging_level = "INFO" }
}
`)
	prod := facts["aws_api_gateway_stage.prod"]
	if prod.Kind != StageKindREST || prod.APIName != "orders" || prod.StageName != "prod" {
		t.Errorf("prod identity: %+v", prod)
	}
	if prod.Execution != (ExecutionLogging{Level: "INFO", Known: true, DataTrace: true}) {
		t.Errorf("prod execution: %+v", prod.Execution)
	}
	acc := prod.Access
	if !acc.Configured || acc.Destination != DestinationCloudWatch || acc.Format != "$context.requestId $context.status" || acc.LogGroup == nil ||
		acc.LogGroup.RetentionDays != 30 || acc.LogGroup.Class != "INFREQUENT_ACCESS" {
		t.Errorf("prod access: %+v %+v", acc, acc.LogGroup)
	}
	if g := prod.ExecutionLogGroup; g == nil || g.Address != "aws_cloudwatch_log_group.exec" || g.RetentionDays != 14 {
		t.Errorf("prod execution log group: %+v", g)
	}
	dev := facts["aws_api_gateway_stage.dev"]
	// users/GET only: execution logging does not pass, and the level that
	// applies to the stage is OFF.
	if dev.Execution.Level != "OFF" || !dev.Execution.Known {
		t.Errorf("dev execution: %+v", dev.Execution)
	}
	if dev.Access.Destination != DestinationFirehose || dev.Access.Stream != "amazon-apigateway-dev" || dev.Access.Region != "eu-west-1" {
		t.Errorf("dev access: %+v", dev.Access)
	}
	// The execution log group of prod is not dev's.
	if dev.ExecutionLogGroup != nil {
		t.Errorf("dev execution log group: %+v", dev.ExecutionLogGroup)
	}
}

func TestStageFactsUnknownsAndV2(t *testing.T) {
	facts := loadFacts(t, factsAPI+`
variable "level" { type = string }
resource "aws_api_gateway_stage" "s" {
  deployment_id = aws_api_gateway_deployment.d.id
  rest_api_id   = aws_api_gateway_rest_api.r.id
  stage_name    = "s"
}
resource "aws_api_gateway_method_settings" "all" {
  rest_api_id = aws_api_gateway_rest_api.r.id
  stage_name  = aws_api_gateway_stage.s.stage_name
  method_path = "*/*"
  settings { logging_level = var.level }
}
resource "aws_apigatewayv2_api" "ws" {
  name          = "chat"
  protocol_type = "WEBSOCKET"
}
resource "aws_apigatewayv2_api" "http" {
  name          = "web"
  protocol_type = "HTTP"
}
resource "aws_apigatewayv2_stage" "http" {
  api_id = aws_apigatewayv2_api.http.id
  name   = "$default"
  default_route_settings { logging_level = "INFO" }
}
resource "aws_apigatewayv2_stage" "ws" {
  api_id = aws_apigatewayv2_api.ws.id
  name   = "live"
  default_route_settings {
    logging_level      = "ERROR"
    data_trace_enabled = false
  }
}
`)
	if ex := facts["aws_api_gateway_stage.s"].Execution; ex.Known {
		t.Errorf("a level from a variable with no value is unknown: %+v", ex)
	}
	if h := facts["aws_apigatewayv2_stage.http"]; h.Kind != StageKindHTTP || h.Execution.Level != "OFF" {
		t.Errorf("an HTTP API's route logging_level has no effect: %+v", h)
	}
	ws := facts["aws_apigatewayv2_stage.ws"]
	if ws.Kind != StageKindWebSocket || ws.APIName != "chat" || ws.StageName != "live" || ws.Execution.Level != "ERROR" || ws.Access.Configured {
		t.Errorf("websocket stage: %+v", ws)
	}
}

// The suggested format is the remediation's jsonencode, evaluated.
func TestSuggestedAccessLogFormatIsTheRemediations(t *testing.T) {
	pairs := regexp.MustCompile(`(\w+)\s*=\s*"([^"]*)"`).FindAllStringSubmatch(accessFormat, -1)
	m := map[string]string{}
	for _, p := range pairs {
		m[p[1]] = p[2]
	}
	data, _ := json.Marshal(m)
	if string(data) != SuggestedAccessLogFormat {
		t.Errorf("SuggestedAccessLogFormat = %s\nthe remediation's format is %s", SuggestedAccessLogFormat, data)
	}
}
