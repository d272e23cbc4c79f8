package planload

import (
	tfjson "github.com/hashicorp/terraform-json"
	"github.com/tfcomply/tfcomply/internal/model"
)

// stateModel reads every resource of the state, in the root module and all
// child modules. Everything is known; associations are by value, and the
// dependencies Terraform recorded stand in for references.
func stateModel(s *tfjson.State) *model.Root {
	var instances []*model.Instance
	if s.Values == nil {
		return model.NewRoot(".", nil)
	}
	var walk func(m *tfjson.StateModule)
	walk = func(m *tfjson.StateModule) {
		if m == nil {
			return
		}
		for _, r := range m.Resources {
			if r == nil || r.DeposedKey != "" {
				continue
			}
			module := m.Address
			instances = append(instances, &model.Instance{
				Address: r.Address, Module: module, Mode: string(r.Mode), Type: r.Type, Name: r.Name,
				Key: keyValue(r.Index), Value: objectValue(r.AttributeValues, nil, noMarks, nil),
				DependsOn: r.DependsOn,
			})
		}
		for _, c := range m.ChildModules {
			walk(c)
		}
	}
	walk(s.Values.RootModule)
	return model.NewRoot(".", instances)
}
