package hclload

import (
	"fmt"
	"regexp"

	"github.com/tfcomply/tfcomply/internal/model"
	"github.com/zclconf/go-cty/cty"
)

// withSetting marks a known variable value with where it was set, so a
// result it decides can say what to change (see model.Setting). name is
// var.NAME, prefixed by the module path inside modules. A value that
// already carries a setting (a root variable passed into a module) keeps
// that one: it is where the value can be changed.
func (e *evaluator) withSetting(val cty.Value, v *Variable, name string, given *rawValue) cty.Value {
	if !e.explain || !val.IsKnown() || model.HasSetting(val) {
		return val
	}
	var s model.Setting
	switch {
	case given == nil:
		// A module called 30 times has the same default 30 times: where
		// it is and how it shows are worked out once.
		d, ok := e.defaults[v]
		if !ok {
			d = model.Setting{At: "its default, " + e.files.rangeText(v.Range)}
			if !v.Sensitive {
				d.Value = shownValue(val)
			}
			if e.defaults == nil {
				e.defaults = map[*Variable]model.Setting{}
			}
			e.defaults[v] = d
		}
		s = d
	case given.rng != nil:
		s.At = e.files.rangeText(*given.rng)
	default:
		s.At = given.source
	}
	if given != nil && !v.Sensitive {
		s.Value = shownValue(val)
	}
	s.Name = name
	return val.Mark(s)
}

// plainWord is a string value short and plain enough to show: a level, a
// flag, a name. Anything longer may be a secret or an ARN nobody needs to
// read in a reason.
var plainWord = regexp.MustCompile(`^[A-Za-z0-9_.\-]{1,32}$`)

// shownValue is a value as a reason shows it, or "" when it is not shown.
func shownValue(val cty.Value) string {
	if val.IsNull() {
		return "null"
	}
	if !val.Type().IsPrimitiveType() {
		return "" // a collection is never shown: no need to unmark it all
	}
	plain, _ := val.Unmark()
	switch {
	case plain.Type() == cty.Bool:
		return fmt.Sprint(plain.True())
	case plain.Type() == cty.Number:
		return plain.AsBigFloat().Text('f', -1)
	case plain.Type() == cty.String && plainWord.MatchString(plain.AsString()):
		return fmt.Sprintf("%q", plain.AsString())
	}
	return ""
}
