module "shared" {
  source = "../shared/api"
}

module "installed" {
  source  = "registry.example.com/acme/api/aws"
  version = "1.0.0"
}
