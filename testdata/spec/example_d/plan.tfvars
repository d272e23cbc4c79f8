log_arn = "arn:aws:logs:us-east-1:123456789012:log-group:from-pipeline"
