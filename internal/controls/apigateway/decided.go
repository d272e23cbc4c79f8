package apigateway

import (
	"strings"

	"github.com/tfcomply/tfcomply/internal/model"
	"github.com/zclconf/go-cty/cty"
)

// decidedBy names the settings that decided a value (see model.Setting),
// as a clause to append to a FAIL reason: "; decided by var.logging =
// false (envs/dev/terraform.tfvars:1)". Empty when no setting did (a
// literal in the resource, which its file:line already shows).
func decidedBy(vals ...cty.Value) string {
	seen := map[string]bool{}
	var parts []string
	for _, v := range vals {
		if v == cty.NilVal {
			continue
		}
		for _, s := range model.Settings(v) {
			if t := s.String(); !seen[t] {
				seen[t] = true
				parts = append(parts, t)
			}
		}
	}
	if len(parts) == 0 {
		return ""
	}
	return "; decided by " + strings.Join(parts, ", ")
}
