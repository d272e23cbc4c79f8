# A deployment's stage_name creates a stage: it is a subject unless an
# aws_api_gateway_stage declares the same API and stage name.
resource "aws_api_gateway_deployment" "implicit" {
  rest_api_id = aws_api_gateway_rest_api.r.id
  stage_name  = "legacy"
}

resource "aws_api_gateway_method_settings" "legacy" {
  rest_api_id = aws_api_gateway_rest_api.r.id
  stage_name  = aws_api_gateway_deployment.implicit.stage_name
  method_path = "*/*"
  settings {
    logging_level = "INFO"
  }
}

resource "aws_api_gateway_deployment" "shadowed" {
  rest_api_id = aws_api_gateway_rest_api.r.id
  stage_name  = "v2"
  triggers    = { redeployment = "1" }
}

resource "aws_api_gateway_stage" "v2" {
  deployment_id = aws_api_gateway_deployment.shadowed.id
  rest_api_id   = aws_api_gateway_rest_api.r.id
  stage_name    = "v2"
}

resource "aws_api_gateway_deployment" "silent" {
  rest_api_id = aws_api_gateway_rest_api.r.id
  stage_name  = "silent"
  triggers    = { redeployment = "1" }
}

resource "aws_api_gateway_deployment" "no_stage" {
  rest_api_id = aws_api_gateway_rest_api.r.id
  stage_name  = ""
}
