package fix

import (
	"fmt"
	"strings"

	"github.com/tfcomply/tfcomply/internal/model"
	"github.com/zclconf/go-cty/cty"
)

// settingsOf are the settings (see model.Setting) that decided values:
// a root variable and where it was set, or a module input.
func settingsOf(vals []cty.Value) []model.Setting {
	seen := map[string]bool{}
	var out []model.Setting
	for _, v := range vals {
		if v == cty.NilVal {
			continue
		}
		for _, s := range model.Settings(v) {
			if t := s.String(); !seen[t] {
				seen[t] = true
				out = append(out, s)
			}
		}
	}
	return out
}

// decidedBy says which settings decided a FAIL and what to set each to:
// "var.logging = false (envs/dev/terraform.tfvars:1): set it to true".
// want is the value that turns logging on, when fix can tell ("" when a
// setting's own value says: a bool is turned around).
func decidedBy(ss []model.Setting, want string) string {
	var parts []string
	for _, s := range ss {
		to := want
		switch s.Value {
		case "false":
			to = "true"
		case "true":
			to = "false"
		case "null":
			if to == "" {
				to = "a value (it is null here)"
			}
		}
		if to == "" {
			to = "a value that turns logging on here"
		}
		parts = append(parts, fmt.Sprintf("%s: set it to %s", s, to))
	}
	return strings.Join(parts, "; ")
}

// quoted is a string as Terraform writes it.
func quoted(s string) string { return fmt.Sprintf("%q", s) }
