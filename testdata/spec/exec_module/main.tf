# The stage lives in one module, its method settings in another; the stage
# name travels through a module output and a module input.
module "stage" {
  source      = "./modules/stage"
  rest_api_id = aws_api_gateway_rest_api.r.id
  deployment  = aws_api_gateway_deployment.d.id
  name        = "prod"
}

module "logging" {
  source      = "./modules/logging"
  rest_api_id = aws_api_gateway_rest_api.r.id
  stage_name  = module.stage.stage_name
}
