# Shared configuration every unit includes (Terragrunt's recommended name:
# a file called terragrunt.hcl would be a unit of its own).
locals {
  env_vars = read_terragrunt_config(find_in_parent_folders("env.hcl"))
  env      = local.env_vars.locals.env
}

# Ignored by tfcomply: state and provider generation.
remote_state {
  backend = "s3"
  config = {
    bucket = "acme-tfstate-${get_aws_account_id()}"
    key    = "${path_relative_to_include()}/terraform.tfstate"
    region = "us-east-1"
  }
}

generate "provider" {
  path      = "provider.tf"
  if_exists = "overwrite_terragrunt"
  contents  = <<-EOF
    provider "aws" {
      region = "us-east-1"
    }
  EOF
}

inputs = {
  environment        = local.env
  access_logging     = true
  log_retention_days = 365
}
