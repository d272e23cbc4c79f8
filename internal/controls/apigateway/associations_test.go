package apigateway

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/tfcomply/tfcomply/internal/hclload"
	"github.com/tfcomply/tfcomply/internal/model"
)

func TestMethodSettingsOfIsTheVerdictsAssociation(t *testing.T) {
	dir := t.TempDir()
	src := factsAPI + `
resource "aws_api_gateway_stage" "prod" {
  deployment_id = aws_api_gateway_deployment.d.id
  rest_api_id   = aws_api_gateway_rest_api.r.id
  stage_name    = "prod"
}
resource "aws_api_gateway_stage" "dev" {
  deployment_id = aws_api_gateway_deployment.d.id
  rest_api_id   = aws_api_gateway_rest_api.r.id
  stage_name    = "dev"
}
resource "aws_api_gateway_method_settings" "by_name" {
  rest_api_id = aws_api_gateway_rest_api.r.id
  stage_name  = "prod"
  method_path = "*/*"
  settings { logging_level = "OFF" }
}
resource "aws_api_gateway_method_settings" "by_ref" {
  rest_api_id = aws_api_gateway_rest_api.r.id
  stage_name  = aws_api_gateway_stage.dev.stage_name
  method_path = "users/GET"
  settings { logging_level = "INFO" }
}
resource "aws_api_gateway_account" "a" {}
`
	if err := os.WriteFile(filepath.Join(dir, "main.tf"), []byte(src), 0o644); err != nil {
		t.Fatal(err)
	}
	root, _ := hclload.LoadRoot(dir, dir, hclload.Options{})
	links := MethodSettingsOf(root)
	prod, dev := links["aws_api_gateway_stage.prod"], links["aws_api_gateway_stage.dev"]
	if len(prod) != 1 || prod[0].Address != "aws_api_gateway_method_settings.by_name" || !prod[0].Certain {
		t.Fatalf("prod: %+v", prod)
	}
	if lv, _, _ := model.String(prod[0].Level); lv != "OFF" {
		t.Errorf("prod level %q", lv)
	}
	if len(dev) != 1 || dev[0].Address != "aws_api_gateway_method_settings.by_ref" {
		t.Fatalf("dev: %+v", dev)
	}
	if p, _, _ := model.String(dev[0].Path); p != "users/GET" {
		t.Errorf("dev path %q", p)
	}
	if HasCloudWatchRole(root) {
		t.Error("an account without cloudwatch_role_arn is no role")
	}
}
