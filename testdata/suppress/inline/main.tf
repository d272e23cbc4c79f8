# tfcomply:ignore:apigateway_stage_logging_enabled reason="internal health API, no user data" expires=2099-03-31
resource "aws_api_gateway_stage" "above" {
  deployment_id = "d"
  rest_api_id   = "r"
  stage_name    = "above"
}

resource "aws_api_gateway_stage" "inside" {
  // tfcomply:ignore:apigateway_stage_logging_enabled
  deployment_id = "d"
  rest_api_id   = "r"
  stage_name    = "inside"
}

resource "aws_api_gateway_stage" "checkov" { #checkov:skip=CKV2_AWS_4:logging done by the service mesh
  deployment_id = "d"
  rest_api_id   = "r"
  stage_name    = "checkov"
}

#trivy:ignore:AVD-AWS-0001
resource "aws_api_gateway_stage" "trivy" {
  deployment_id = "d"
  rest_api_id   = "r"
  stage_name    = "trivy"
}

/* tfsec:ignore:aws-api-gateway-enable-access-logging:exp:2020-01-01 */
resource "aws_api_gateway_stage" "tfsec_expired" {
  deployment_id = "d"
  rest_api_id   = "r"
  stage_name    = "tfsec"
}

# kics-scan ignore-block
resource "aws_api_gateway_stage" "kics" {
  deployment_id = "d"
  rest_api_id   = "r"
  stage_name    = "kics"
}

resource "aws_api_gateway_stage" "waived" {
  deployment_id = "d"
  rest_api_id   = "r"
  stage_name    = "waived"
}

resource "aws_api_gateway_stage" "plain" {
  deployment_id = "d"
  rest_api_id   = "r"
  stage_name    = "plain"
}

# tfcomply:ignore:* reason="legacy stack, replaced next quarter"
resource "aws_api_gateway_stage" "wildcard" {
  deployment_id = "d"
  rest_api_id   = "r"
  stage_name    = "wildcard"
}

# kics-scan ignore-line
resource "aws_api_gateway_stage" "kics_line" {
  deployment_id = "d"
  rest_api_id   = "r"
  stage_name    = "kics_line"
}

# kics-scan ignore-line

resource "aws_api_gateway_stage" "kics_line_too_far" {
  deployment_id = "d"
  rest_api_id   = "r"
  stage_name    = "kics_line_too_far"
}
