package hclload

import (
	"fmt"
	"strings"
	"testing"

	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/hclsyntax"
)

// The instances of a large resource are evaluated concurrently; what they
// give is what evaluating them one after another gives: every instance in
// order with its own value, and a problem at one place reported once, as
// the first instance to meet it reports it.
func TestManyInstancesAsOneAfterAnother(t *testing.T) {
	const n = 3 * parallelInstances
	dir := writeTree(t, map[string]string{"main.tf": fmt.Sprintf(`
resource "aws_api_gateway_stage" "s" {
  count       = %d
  stage_name  = "s${count.index}"
  description = count.index >= %d ? tonumber("x${count.index}") : "ok"
  dynamic "access_log_settings" {
    for_each = count.index %% 2 == 0 ? [count.index] : []
    content {
      destination_arn = "arn:${access_log_settings.value}"
      format          = "f"
    }
  }
}
`, n, n/2)})
	for run := 0; run < 3; run++ {
		root, probs := LoadRoot(dir, dir, Options{})
		if len(root.Instances) != n {
			t.Fatalf("%d instances, want %d", len(root.Instances), n)
		}
		for i, in := range root.Instances {
			if want := fmt.Sprintf("aws_api_gateway_stage.s[%d]", i); in.Address != want {
				t.Fatalf("instance %d is %s, want %s", i, in.Address, want)
			}
		}
		for _, i := range []int{0, 1, n/2 - 1, n - 1} {
			addr := fmt.Sprintf("aws_api_gateway_stage.s[%d]", i)
			if got := attr(t, root, addr, "stage_name"); got != fmt.Sprintf("s%d", i) {
				t.Errorf("%s stage_name = %q", addr, got)
			}
		}
		if got := attr(t, root, "aws_api_gateway_stage.s[2]", "description"); got != "ok" {
			t.Errorf("description of [2] = %q", got)
		}
		var errs []string
		for _, p := range probs {
			if p.Severity == "error" {
				errs = append(errs, p.Message)
			}
		}
		if len(errs) != 1 || !strings.Contains(errs[0], fmt.Sprintf(`"x%d"`, n/2)) {
			t.Fatalf("run %d: errors %q, want one, from instance %d", run, errs, n/2)
		}
	}
}

func TestCallsFileFunction(t *testing.T) {
	for src, want := range map[string]bool{
		`a = upper("x")`:                        false,
		`a = file("x")`:                         true,
		`a = try(core::filebase64("x"), null)`:  true,
		"b {\n  c = templatefile(\"t\", {})\n}": true,
	} {
		f, diags := hclsyntax.ParseConfig([]byte("resource \"x\" \"y\" {\n"+src+"\n}\n"), "main.tf", hcl.InitialPos)
		if diags.HasErrors() {
			t.Fatal(diags)
		}
		body := f.Body.(*hclsyntax.Body).Blocks[0].Body
		if got := callsFileFunction(body); got != want {
			t.Errorf("%s: %v, want %v", src, got, want)
		}
	}
}
