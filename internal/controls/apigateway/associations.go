package apigateway

import (
	"github.com/tfcomply/tfcomply/internal/model"
	"github.com/zclconf/go-cty/cty"
)

// MethodSettingsLink is an aws_api_gateway_method_settings instance the
// control associates with a REST stage, as it read it.
type MethodSettingsLink struct {
	Address string
	// Certain is false when the association could not be decided (an
	// unknown stage name or REST API): the stage's execution logging is
	// then UNKNOWN, never decided by this settings.
	Certain bool
	Path    cty.Value // method_path, with its marks
	Level   cty.Value // settings.logging_level, with its marks; null when unset
}

// MethodSettingsOf lists, for every REST stage of a root (by address,
// deployments' implicit stages included), the method settings associated
// with it, by the association the verdict uses (see the spec: a stage_name
// read from the stage, or the same REST API and stage name), in address
// order. Tools that change a stage's execution logging (tfcomply fix) read
// it, so that they change the settings the verdict is decided by.
func MethodSettingsOf(root *model.Root) map[string][]MethodSettingsLink {
	subs := subjects(root)
	addrs := make(map[string]bool, len(subs))
	for _, s := range subs {
		addrs[s.inst.Address] = true
	}
	ix := indexSettings(root, addrs)
	out := map[string][]MethodSettingsLink{}
	for _, s := range subs {
		if s.kind == v2Stage {
			continue
		}
		links := []MethodSettingsLink{}
		for _, a := range ix.associated(s) {
			links = append(links, MethodSettingsLink{Address: a.ms.inst.Address, Certain: a.match == yes, Path: a.ms.path, Level: a.ms.level})
		}
		out[s.inst.Address] = links
	}
	return out
}

// HasCloudWatchRole reports whether a root has an aws_api_gateway_account
// that sets cloudwatch_role_arn, without which execution logging writes
// nothing (the cloudwatch_role advisory).
func HasCloudWatchRole(root *model.Root) bool {
	return newRootFacts(root).hasRole
}
