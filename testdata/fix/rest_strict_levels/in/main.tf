locals {
  access_format = "$context.requestId $context.status"
}

resource "aws_api_gateway_stage" "a" {
  deployment_id = aws_api_gateway_deployment.d.id
  rest_api_id   = aws_api_gateway_rest_api.r.id
  stage_name    = "a"
  access_log_settings {
    destination_arn = aws_cloudwatch_log_group.access["a"].arn
    format          = local.access_format
  }
}

# Associated by name, not by reference.
resource "aws_api_gateway_method_settings" "a" {
  rest_api_id = aws_api_gateway_rest_api.r.id
  stage_name  = "a"
  method_path = "*/*"
  settings { logging_level = "OFF" }
}

resource "aws_api_gateway_stage" "b" {
  deployment_id = aws_api_gateway_deployment.d.id
  rest_api_id   = aws_api_gateway_rest_api.r.id
  stage_name    = "b"
  access_log_settings {
    destination_arn = aws_cloudwatch_log_group.access["b"].arn
    format          = local.access_format
  }
}

resource "aws_api_gateway_method_settings" "b" {
  rest_api_id = aws_api_gateway_rest_api.r.id
  stage_name  = aws_api_gateway_stage.b.stage_name
  method_path = "*/*"
  settings {
    metrics_enabled = true
  }
}

resource "aws_api_gateway_stage" "c" {
  deployment_id = aws_api_gateway_deployment.d.id
  rest_api_id   = aws_api_gateway_rest_api.r.id
  stage_name    = "c"
  access_log_settings {
    destination_arn = aws_cloudwatch_log_group.access["c"].arn
    format          = local.access_format
  }
}

resource "aws_api_gateway_method_settings" "c" {
  rest_api_id = aws_api_gateway_rest_api.r.id
  stage_name  = aws_api_gateway_stage.c.stage_name
  method_path = "*/*"
  settings {
    logging_level = "INFO"
  }
}

# Health checks are not logged: the strict profile fails that.
resource "aws_api_gateway_method_settings" "c_health" {
  rest_api_id = aws_api_gateway_rest_api.r.id
  stage_name  = aws_api_gateway_stage.c.stage_name
  method_path = "health/GET"
  settings {
    logging_level = "OFF" # too noisy
  }
}

resource "aws_api_gateway_stage" "d" {
  deployment_id = aws_api_gateway_deployment.d.id
  rest_api_id   = aws_api_gateway_rest_api.r.id
  stage_name    = "d"
  access_log_settings {
    destination_arn = aws_cloudwatch_log_group.access["d"].arn
    format          = local.access_format
  }
}

resource "aws_api_gateway_method_settings" "d" {
  rest_api_id = aws_api_gateway_rest_api.r.id
  stage_name  = aws_api_gateway_stage.d.stage_name
  method_path = "*/*"
  settings {}
}
