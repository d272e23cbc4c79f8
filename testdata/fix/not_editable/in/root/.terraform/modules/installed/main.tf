resource "aws_api_gateway_rest_api" "this" {
  name = "installed"
}

resource "aws_api_gateway_stage" "this" {
  deployment_id = "abc123"
  rest_api_id   = aws_api_gateway_rest_api.this.id
  stage_name    = "installed"
}
