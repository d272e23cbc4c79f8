// Package benchgen writes the synthetic Terraform roots the scale
// benchmarks and scripts/bench-scale.sh scan: one REST API, one deployment
// and N stages, each with method settings for "*/*" that turn execution
// logging on, so every stage passes. The same N stages come in three
// shapes, which stress different parts of the evaluator.
package benchgen

import (
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
)

// Shape is how the N stages are written.
type Shape string

const (
	// Separate: N stage resources and N method settings resources.
	Separate Shape = "separate"
	// Count: one stage resource with count = N, its method settings too.
	Count Shape = "count"
	// ForEach: one stage resource with for_each over toset([N names]),
	// method settings for_each over the stages.
	ForEach Shape = "foreach"
)

// Shapes lists every shape, in the order benchmarks report them.
var Shapes = []Shape{Separate, Count, ForEach}

// Header is what every generated root holds besides its stages: the REST
// API, its deployment and the account-level CloudWatch role.
const Header = `resource "aws_api_gateway_rest_api" "api" {
  name = "scale"
}

resource "aws_api_gateway_deployment" "d" {
  rest_api_id = aws_api_gateway_rest_api.api.id
  triggers    = { redeployment = "1" }
}

resource "aws_api_gateway_account" "this" {
  cloudwatch_role_arn = "arn:aws:iam::123456789012:role/apigw"
}
`

// Write writes main.tf of a root with n stages in the given shape.
func Write(w io.Writer, shape Shape, n int) error {
	var b strings.Builder
	b.WriteString(Header)
	switch shape {
	case Separate:
		for i := 0; i < n; i++ {
			fmt.Fprintf(&b, `
resource "aws_api_gateway_stage" "s%[1]d" {
  deployment_id = aws_api_gateway_deployment.d.id
  rest_api_id   = aws_api_gateway_rest_api.api.id
  stage_name    = "s%[1]d"
}

resource "aws_api_gateway_method_settings" "s%[1]d" {
  rest_api_id = aws_api_gateway_rest_api.api.id
  stage_name  = aws_api_gateway_stage.s%[1]d.stage_name
  method_path = "*/*"
  settings {
    logging_level = "ERROR"
  }
}
`, i)
		}
	case Count:
		fmt.Fprintf(&b, `
resource "aws_api_gateway_stage" "s" {
  count         = %d
  deployment_id = aws_api_gateway_deployment.d.id
  rest_api_id   = aws_api_gateway_rest_api.api.id
  stage_name    = "s${count.index}"
}

resource "aws_api_gateway_method_settings" "s" {
  count       = length(aws_api_gateway_stage.s)
  rest_api_id = aws_api_gateway_rest_api.api.id
  stage_name  = aws_api_gateway_stage.s[count.index].stage_name
  method_path = "*/*"
  settings {
    logging_level = "ERROR"
  }
}
`, n)
	case ForEach:
		b.WriteString("\nlocals {\n  stages = toset([")
		for i := 0; i < n; i++ {
			if i%10 == 0 {
				b.WriteString("\n   ")
			}
			fmt.Fprintf(&b, ` "s%d",`, i)
		}
		b.WriteString("\n  ])\n}\n")
		b.WriteString(`
resource "aws_api_gateway_stage" "s" {
  for_each      = local.stages
  deployment_id = aws_api_gateway_deployment.d.id
  rest_api_id   = aws_api_gateway_rest_api.api.id
  stage_name    = each.key
}

resource "aws_api_gateway_method_settings" "s" {
  for_each    = aws_api_gateway_stage.s
  rest_api_id = each.value.rest_api_id
  stage_name  = each.value.stage_name
  method_path = "*/*"
  settings {
    logging_level = "ERROR"
  }
}
`)
	default:
		return fmt.Errorf("unknown shape %q (want separate, count or foreach)", shape)
	}
	_, err := io.WriteString(w, b.String())
	return err
}

// WriteDir writes the root into dir (created if need be) as main.tf.
func WriteDir(dir string, shape Shape, n int) error {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	f, err := os.Create(filepath.Join(dir, "main.tf"))
	if err != nil {
		return err
	}
	if err := Write(f, shape, n); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}
