package apigateway

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/tfcomply/tfcomply/internal/controls"
	"github.com/tfcomply/tfcomply/internal/hclload"
)

// Every other type the control reads, however configured, gives no result
// without one of ResultTypes: the loader builds such roots without the
// origins and settings results are explained with.
func TestOnlyResultTypesGiveResults(t *testing.T) {
	others := `
resource "aws_api_gateway_rest_api" "r" { name = "orders" }
resource "aws_api_gateway_account" "a" { cloudwatch_role_arn = "arn:aws:iam::123456789012:role/apigw" }
resource "aws_apigatewayv2_api" "h" {
  name          = "http"
  protocol_type = "HTTP"
}
resource "aws_cloudwatch_log_group" "g" { name = "API-Gateway-Execution-Logs_x/prod" }
resource "aws_kinesis_firehose_delivery_stream" "f" {
  name        = "amazon-apigateway-orders"
  destination = "extended_s3"
}
`
	withResult := map[string]string{
		typeStage: `
resource "aws_api_gateway_stage" "s" {
  rest_api_id   = aws_api_gateway_rest_api.r.id
  deployment_id = "d"
  stage_name    = "prod"
}`,
		typeDeployment: `
resource "aws_api_gateway_deployment" "d" {
  rest_api_id = aws_api_gateway_rest_api.r.id
  stage_name  = "prod"
}`,
		typeV2Stage: `
resource "aws_apigatewayv2_stage" "s" {
  api_id = aws_apigatewayv2_api.h.id
  name   = "prod"
}`,
		typeMethodSettings: `
resource "aws_api_gateway_method_settings" "m" {
  rest_api_id = aws_apigatewayv2_api.h.id
  stage_name  = "prod"
  method_path = "*/*"
  settings {
    logging_level = "INFO"
  }
}`,
	}
	evaluate := func(src string) int {
		dir := t.TempDir()
		if err := os.WriteFile(filepath.Join(dir, "main.tf"), []byte(src), 0o644); err != nil {
			t.Fatal(err)
		}
		root, _ := hclload.LoadRoot(dir, dir, hclload.Options{})
		return len(Evaluate(root, controls.ProfileStrict))
	}
	if n := evaluate(others); n != 0 {
		t.Errorf("a root without any of %v gave %d results", ResultTypes, n)
	}
	for _, typ := range ResultTypes {
		if n := evaluate(others + withResult[typ]); n == 0 {
			t.Errorf("a root with an %s gave no result: is it still one of ResultTypes?", typ)
		}
	}
}
