variable "envs" {
  type    = list(string)
  default = ["dev", "prod"]
}

resource "aws_api_gateway_stage" "env" {
  count         = length(var.envs)
  deployment_id = aws_api_gateway_deployment.d.id
  rest_api_id   = aws_api_gateway_rest_api.r.id
  stage_name    = var.envs[count.index]
}
