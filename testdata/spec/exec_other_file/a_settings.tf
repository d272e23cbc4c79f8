# Method settings in another file, declared (lexically) before the stage,
# associated through a local.
locals {
  stage = "v1"
  ref   = aws_api_gateway_stage.s.stage_name
}

resource "aws_api_gateway_method_settings" "s" {
  rest_api_id = aws_api_gateway_rest_api.r.id
  stage_name  = local.ref
  method_path = "*/*"
  settings {
    logging_level = "INFO"
  }
}
