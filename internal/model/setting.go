package model

import (
	"fmt"
	"sort"

	"github.com/zclconf/go-cty/cty"
)

// Setting is a cty mark on a known value that says which setting decided
// it: a root variable's value and where it was set (a tfvars line, -var, a
// default), or a module input. Marks flow through expressions as Origins
// do, so when a value makes a stage FAIL (a dynamic block's for_each that
// is empty, a logging level of OFF) the result can name what to change.
type Setting struct {
	Name  string // var.logging, module.api.var.logging
	Value string // the value as written, when it is safe to show ("" otherwise)
	At    string // where it was set: envs/dev/terraform.tfvars:1, -var on the command line, ...
}

func (s Setting) String() string {
	if s.Value == "" {
		return fmt.Sprintf("%s (set in %s)", s.Name, s.At)
	}
	return fmt.Sprintf("%s = %s (%s)", s.Name, s.Value, s.At)
}

// HasSetting reports whether v or a value inside it carries a Setting. It
// stops at the first, and copies nothing (Settings unmarks all of v).
func HasSetting(v cty.Value) bool {
	for range cty.ValueMarksOfTypeDeep[Setting](v) {
		return true
	}
	return false
}

// Settings returns every Setting mark in v, sorted and without repeats.
func Settings(v cty.Value) []Setting {
	_, marks := v.UnmarkDeep()
	var out []Setting
	for m := range marks {
		if s, ok := m.(Setting); ok {
			out = append(out, s)
		}
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Name+out[i].At < out[j].Name+out[j].At })
	return out
}
