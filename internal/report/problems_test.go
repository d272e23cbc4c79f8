package report

import (
	"testing"

	"github.com/tfcomply/tfcomply/internal/engine"
	"github.com/tfcomply/tfcomply/internal/model"
)

func TestProblemLocation(t *testing.T) {
	for _, c := range []struct {
		p    engine.Problem
		want string
	}{
		{engine.Problem{Problem: model.Problem{File: "infra/main.tf", Line: 3, Column: 5}}, "infra/main.tf:3,5"},
		{engine.Problem{Problem: model.Problem{File: "infra/main.tf", Line: 3}}, "infra/main.tf:3"},
		{engine.Problem{Problem: model.Problem{File: "plan.json"}}, "plan.json"},
	} {
		if got := problemLocation(c.p); got != c.want {
			t.Errorf("%+v: %q, want %q", c.p, got, c.want)
		}
	}
}
