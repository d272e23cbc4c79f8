package estimate

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/tfcomply/tfcomply/internal/hclload"
)

func TestProviderRegion(t *testing.T) {
	write := func(dir, name, content string) {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	lit := t.TempDir()
	write(lit, "providers.tf", `
provider "aws" {
  alias  = "us"
  region = "us-west-2"
}
provider "aws" {
  region = "eu-central-1"
  default_tags { tags = { team = "api" } }
}`)
	if got := ProviderRegion(lit, nil, nil); got != "eu-central-1" {
		t.Errorf("literal region of the default provider: %q", got)
	}
	byVar := t.TempDir()
	write(byVar, "main.tf", `
variable "region" { default = "us-east-2" }
provider "aws" { region = var.region }`)
	if got := ProviderRegion(byVar, nil, nil); got != "us-east-2" {
		t.Errorf("variable default: %q", got)
	}
	if got := ProviderRegion(byVar, nil, []string{"TF_VAR_region=eu-west-1"}); got != "eu-west-1" {
		t.Errorf("TF_VAR_: %q", got)
	}
	write(byVar, "terraform.tfvars", `region = "ap-northeast-1"`)
	if got := ProviderRegion(byVar, nil, []string{"TF_VAR_region=eu-west-1"}); got != "ap-northeast-1" {
		t.Errorf("terraform.tfvars over TF_VAR_: %q", got)
	}
	write(byVar, "z.auto.tfvars", `region = "ap-northeast-2"`)
	if got := ProviderRegion(byVar, nil, nil); got != "ap-northeast-2" {
		t.Errorf("*.auto.tfvars over terraform.tfvars: %q", got)
	}
	if got := ProviderRegion(byVar, []hclload.VarFlag{{Name: "region", Value: "sa-east-1"}}, nil); got != "sa-east-1" {
		t.Errorf("-var last: %q", got)
	}
	none := t.TempDir()
	write(none, "main.tf", `
variable "region" { type = string }
provider "aws" { region = var.region }`)
	if got := ProviderRegion(none, nil, nil); got != "" {
		t.Errorf("a variable without a value: %q", got)
	}
	if ProviderRegion("", nil, nil) != "" || ProviderRegion(filepath.Join(none, "missing"), nil, nil) != "" {
		t.Error("no directory")
	}
	// OpenTofu reads main.tofu instead of main.tf: so does the evaluator,
	// and so the region comes from what it reads.
	tofu := t.TempDir()
	write(tofu, "main.tf", `provider "aws" { region = "eu-west-1" }`)
	write(tofu, "main.tofu", `provider "aws" { region = "eu-north-1" }`)
	if got := ProviderRegion(tofu, nil, nil); got != "eu-north-1" {
		t.Errorf("main.tofu beside main.tf: %q, want main.tofu's", got)
	}
	write(tofu, "main.tofu", `resource "aws_api_gateway_rest_api" "r" { name = "x" }`)
	if got := ProviderRegion(tofu, nil, nil); got != "" {
		t.Errorf("main.tofu without a provider hides main.tf's: %q", got)
	}
}
