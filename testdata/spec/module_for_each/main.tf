# One module instance per environment, each with its own log group.
locals {
  envs = {
    dev  = { access_logs = false }
    prod = { access_logs = true }
  }
}

resource "aws_api_gateway_rest_api" "r" {
  name = "example"
}

resource "aws_api_gateway_deployment" "d" {
  rest_api_id = aws_api_gateway_rest_api.r.id
  triggers    = { redeployment = "1" }
}

module "env" {
  source      = "./env"
  for_each    = local.envs
  name        = each.key
  access_logs = each.value.access_logs
  rest_api_id = aws_api_gateway_rest_api.r.id
  deployment  = aws_api_gateway_deployment.d.id
}
