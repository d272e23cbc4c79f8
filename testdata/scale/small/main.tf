locals {
  envs = toset(["env0", "env1", ])
}

resource "aws_api_gateway_rest_api" "api" {
  name = "scale"
}

resource "aws_api_gateway_deployment" "d" {
  rest_api_id = aws_api_gateway_rest_api.api.id
  triggers    = { redeployment = "1" }
}

resource "aws_api_gateway_account" "this" {
  cloudwatch_role_arn = "arn:aws:iam::123456789012:role/apigw"
}

resource "aws_api_gateway_stage" "s0" {
  for_each      = local.envs
  deployment_id = aws_api_gateway_deployment.d.id
  rest_api_id   = aws_api_gateway_rest_api.api.id
  stage_name    = "s0-${each.key}"
}

resource "aws_api_gateway_method_settings" "s0" {
  for_each    = aws_api_gateway_stage.s0
  rest_api_id = each.value.rest_api_id
  stage_name  = each.value.stage_name
  method_path = "*/*"
  settings {
    logging_level = "ERROR"
  }
}

resource "aws_api_gateway_stage" "s1" {
  for_each      = local.envs
  deployment_id = aws_api_gateway_deployment.d.id
  rest_api_id   = aws_api_gateway_rest_api.api.id
  stage_name    = "s1-${each.key}"
}

resource "aws_api_gateway_method_settings" "s1" {
  for_each    = aws_api_gateway_stage.s1
  rest_api_id = each.value.rest_api_id
  stage_name  = each.value.stage_name
  method_path = "*/*"
  settings {
    logging_level = "ERROR"
  }
}
