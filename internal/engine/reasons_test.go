package engine

import (
	"strings"
	"testing"

	"github.com/tfcomply/tfcomply/internal/controls"
)

// A FAIL names the resources it looked at: method settings of the same API
// that name another stage, and the ones that leave logging OFF.
func TestFailNamesTheResourcesItLookedAt(t *testing.T) {
	dir := writeFiles(t, map[string]string{"main.tf": `
resource "aws_api_gateway_rest_api" "r" { name = "x" }
resource "aws_api_gateway_deployment" "d" {
  rest_api_id = aws_api_gateway_rest_api.r.id
  triggers    = { r = "1" }
}
resource "aws_api_gateway_stage" "dev" {
  rest_api_id   = aws_api_gateway_rest_api.r.id
  deployment_id = aws_api_gateway_deployment.d.id
  stage_name    = "dev"
}
resource "aws_api_gateway_stage" "prod" {
  rest_api_id   = aws_api_gateway_rest_api.r.id
  deployment_id = aws_api_gateway_deployment.d.id
  stage_name    = "prod"
}
variable "level" { default = "OFF" }
resource "aws_api_gateway_method_settings" "prod" {
  rest_api_id = aws_api_gateway_rest_api.r.id
  stage_name  = aws_api_gateway_stage.prod.stage_name
  method_path = "*/*"
  settings { logging_level = var.level }
}
`})
	rep := scanIn(t, dir, Options{Profile: controls.ProfileStrict})
	want := map[string]string{
		"aws_api_gateway_stage.dev":  `no aws_api_gateway_method_settings is associated with this stage (aws_api_gateway_method_settings.prod is for stage "prod")`,
		"aws_api_gateway_stage.prod": `aws_api_gateway_method_settings.prod leaves logging_level OFF or unset on */*: set it to "INFO" or "ERROR"; decided by var.level = "OFF" (its default, `,
	}
	for _, r := range rep.Results {
		if w, ok := want[r.Address]; ok && !r.IsAdvisory() {
			if got := r.Aspects["execution"].Reason; !strings.HasPrefix(got, w) {
				t.Errorf("%s: execution reason %q, want it to start %q", r.Address, got, w)
			}
			delete(want, r.Address)
		}
	}
	if len(want) > 0 {
		t.Errorf("no results for %v", want)
	}
}
