resource "aws_api_gateway_rest_api" "r" {
  name = "orders"
}

resource "aws_api_gateway_deployment" "d" {
  rest_api_id = aws_api_gateway_rest_api.r.id
  triggers    = { redeployment = "1" }
}
