package tffuncs

import (
	"time"

	"github.com/tfcomply/tfcomply/internal/model"
	"github.com/zclconf/go-cty/cty"
	"github.com/zclconf/go-cty/cty/function"
)

// applyTimeFunc is timestamp()/plantimestamp(): the time of a run that has
// not happened, so an unknown that says why.
func applyTimeFunc(name string) function.Function {
	return function.New(&function.Spec{
		Type: function.StaticReturnType(cty.String),
		Impl: func([]cty.Value, cty.Type) (cty.Value, error) {
			return cty.UnknownVal(cty.String).Mark(model.Origin{Reason: name + " is known only when Terraform runs"}), nil
		},
	})
}

// UUIDFunc is uuid(): a new value on every run, so unknown to a scanner.
var UUIDFunc = function.New(&function.Spec{
	Type: function.StaticReturnType(cty.String),
	Impl: func([]cty.Value, cty.Type) (cty.Value, error) {
		return cty.UnknownVal(cty.String).Mark(model.Origin{Reason: "uuid() gives a new value on every run"}), nil
	},
})

// TimeCmpFunc is timecmp: -1, 0 or 1 comparing two RFC 3339 timestamps.
var TimeCmpFunc = function.New(&function.Spec{
	Params: []function.Parameter{{Name: "a", Type: cty.String}, {Name: "b", Type: cty.String}},
	Type:   function.StaticReturnType(cty.Number),
	Impl: func(args []cty.Value, _ cty.Type) (cty.Value, error) {
		a, err := time.Parse(time.RFC3339, args[0].AsString())
		if err != nil {
			return cty.NilVal, function.NewArgErrorf(0, "not an RFC 3339 timestamp: %s", err)
		}
		b, err := time.Parse(time.RFC3339, args[1].AsString())
		if err != nil {
			return cty.NilVal, function.NewArgErrorf(1, "not an RFC 3339 timestamp: %s", err)
		}
		return cty.NumberIntVal(int64(a.Compare(b))), nil
	},
})
