package main

import (
	"fmt"
	"strings"

	"github.com/tfcomply/tfcomply/internal/hclload"
)

// terraformStyleFlags accepts Terraform's single-dash -var and -var-file
// (pflag reads a single dash as shorthand letters) by doubling the dash.
func terraformStyleFlags(args []string) []string {
	out := make([]string, len(args))
	for i, a := range args {
		if a == "--" {
			copy(out[i:], args[i:])
			break
		}
		for _, name := range []string{"-var", "-var-file"} {
			if a == name || strings.HasPrefix(a, name+"=") {
				a = "-" + a
				break
			}
		}
		out[i] = a
	}
	return out
}

// varList collects -var and -var-file in command-line order, which is their
// precedence; both flags append to the same list.
type varList struct {
	list *[]hclload.VarFlag
	file bool
}

func (v varList) String() string { return "" }
func (v varList) Type() string {
	if v.file {
		return "FILE"
	}
	return "NAME=VALUE"
}

func (v varList) Set(s string) error {
	if v.file {
		*v.list = append(*v.list, hclload.VarFlag{File: s})
		return nil
	}
	name, value, ok := strings.Cut(s, "=")
	if !ok || name == "" {
		return fmt.Errorf("-var takes NAME=VALUE, got %q", s)
	}
	*v.list = append(*v.list, hclload.VarFlag{Name: name, Value: value})
	return nil
}
