package apigateway

import (
	"fmt"
	"sort"
	"strings"

	"github.com/tfcomply/tfcomply/internal/model"
	"github.com/tfcomply/tfcomply/internal/parallel"
	"github.com/tfcomply/tfcomply/internal/result"
	"github.com/zclconf/go-cty/cty"
)

// methodSettings is one aws_api_gateway_method_settings instance, read once.
type methodSettings struct {
	inst      *model.Instance
	restAPI   cty.Value
	stageName cty.Value
	path      cty.Value
	level     cty.Value // settings.logging_level
	dataTrace cty.Value // settings.data_trace_enabled
}

// settingsIndex finds the method settings that may belong to a stage
// without comparing every pair: by the stage instance their stage_name was
// read from, by known stage name, and a short list of the rest.
type settingsIndex struct {
	byRef       map[string][]*methodSettings // subject address -> settings whose stage_name refers to it
	byName      map[string][]*methodSettings // known stage_name, not read from a subject
	unknownName []*methodSettings            // stage_name unknown and not read from a subject
	all         []*methodSettings
}

func indexSettings(root *model.Root, subjectAddrs map[string]bool) *settingsIndex {
	ix := &settingsIndex{byRef: map[string][]*methodSettings{}, byName: map[string][]*methodSettings{}}
	// Each instance is read on its own, on every core; the index is then
	// built in address order.
	type read struct {
		ms          *methodSettings
		refs        []string // subjects its stage_name was read from
		name        string
		known, isOK bool
	}
	ins := root.OfType(typeMethodSettings)
	reads := make([]read, len(ins))
	parallel.For(len(ins), func(i int) {
		ms := readMethodSettings(ins[i])
		r := read{ms: ms}
		for _, o := range model.Origins(ms.stageName) {
			// Attr "*": read from a placeholder instance (unknown count or
			// for_each), whose attributes cannot be told apart.
			if (o.Attr == "stage_name" || o.Attr == "*") && subjectAddrs[o.Addr] {
				r.refs = append(r.refs, o.Addr)
			}
		}
		r.name, r.known, r.isOK = model.String(ms.stageName)
		reads[i] = r
	})
	ix.all = make([]*methodSettings, len(reads))
	for i, r := range reads {
		ix.all[i] = r.ms
		for _, addr := range r.refs {
			ix.byRef[addr] = append(ix.byRef[addr], r.ms)
		}
		switch {
		case len(r.refs) > 0:
		case r.known && r.isOK:
			ix.byName[r.name] = append(ix.byName[r.name], r.ms)
		case !r.known:
			ix.unknownName = append(ix.unknownName, r.ms)
		}
	}
	return ix
}

// readMethodSettings reads what the control needs of a method settings
// instance.
func readMethodSettings(in *model.Instance) *methodSettings {
	ms := &methodSettings{
		inst:      in,
		restAPI:   model.Attr(in.Value, "rest_api_id"),
		stageName: model.Attr(in.Value, "stage_name"),
		path:      model.Attr(in.Value, "method_path"),
	}
	blocks, known := model.Blocks(in.Value, "settings")
	switch {
	case !known:
		ms.level = model.Attr(in.Value, "settings")
		ms.dataTrace = cty.NullVal(cty.Bool)
	case len(blocks) > 0:
		ms.level = model.Attr(blocks[0], "logging_level")
		ms.dataTrace = model.Attr(blocks[0], "data_trace_enabled")
	default:
		ms.level = cty.NullVal(cty.String)
		ms.dataTrace = cty.NullVal(cty.Bool)
	}
	return ms
}

// association of one method settings with a stage.
type association struct {
	ms    *methodSettings
	match tri
}

// associated returns the method settings that belong to a stage (yes) or
// might (maybe), per the spec: a stage_name read from the stage instance, or
// the same REST API and stage name.
func (ix *settingsIndex) associated(s *subject) []association {
	var out []association
	seen := map[*methodSettings]bool{}
	add := func(ms *methodSettings, m tri) {
		if m != no && !seen[ms] {
			seen[ms] = true
			out = append(out, association{ms, m})
		}
	}
	for _, ms := range ix.byRef[s.inst.Address] {
		// HCL keeps the marks of both branches of a conditional, so a
		// stage_name can carry the mark of a stage it was not read from;
		// known names that differ settle it.
		if sameValue(ms.stageName, s.stageName) != no {
			add(ms, yes)
		}
	}
	byValue := func(ms *methodSettings) tri {
		return and(sameValue(ms.restAPI, s.restAPI), sameValue(ms.stageName, s.stageName))
	}
	if name, known, ok := model.String(s.stageName); known && ok {
		for _, ms := range ix.byName[name] {
			add(ms, byValue(ms))
		}
	} else if !known {
		for _, list := range ix.byName {
			for _, ms := range list {
				add(ms, byValue(ms))
			}
		}
	}
	for _, ms := range ix.unknownName {
		add(ms, byValue(ms))
	}
	sort.Slice(out, func(i, j int) bool { return out[i].ms.inst.Address < out[j].ms.inst.Address })
	return out
}

// elsewhere names the method settings of the stage's REST API that belong
// to other stages, as a clause for the FAIL that found none for this one:
// a stage_name that names the wrong stage is the usual cause.
func (ix *settingsIndex) elsewhere(s *subject) string {
	var parts []string
	for _, ms := range ix.all {
		if sameValue(ms.restAPI, s.restAPI) != yes {
			continue
		}
		if name, known, ok := model.String(ms.stageName); known && ok {
			parts = append(parts, fmt.Sprintf("%s is for stage %q", ms.inst.Address, name))
		}
	}
	if len(parts) == 0 {
		return ""
	}
	if len(parts) > 3 {
		parts = append(parts[:3], fmt.Sprintf("%d more", len(parts)-3))
	}
	return " (" + strings.Join(parts, "; ") + ")"
}

// executionResult is the execution logging aspect and what came with it.
type executionResult struct {
	aspect     result.Aspect
	notes      []string
	pathOff    bool // a narrower path sets logging_level OFF (strict fails it)
	configured bool // some associated settings enable execution logging
}

func isLoggingLevel(s string) bool { return s == "INFO" || s == "ERROR" }

// execution decides execution logging for a REST stage.
func execution(s *subject, ix *settingsIndex) executionResult {
	assocs := ix.associated(s)
	var r executionResult
	var passBy, unknownWhy, narrowOn, offBy []string
	var offLevels []cty.Value
	for _, a := range assocs {
		ms := a.ms
		path, pathKnown, _ := model.String(ms.path)
		// levelSet is false when logging_level is null: the same as OFF.
		level, levelKnown, levelSet := model.String(ms.level)
		addr := ms.inst.Address
		if levelKnown && levelSet && isLoggingLevel(level) {
			r.configured = r.configured || a.match == yes
		}
		switch {
		case a.match == maybe:
			if (!levelKnown || isLoggingLevel(level)) && (!pathKnown || path == "*/*") {
				unknownWhy = append(unknownWhy, fmt.Sprintf("cannot tell whether %s belongs to this stage: %s", addr, strings.Join(associationBlockers(ms, s), "; ")))
			}
		case !pathKnown:
			if !levelKnown || isLoggingLevel(level) {
				unknownWhy = append(unknownWhy, fmt.Sprintf("%s.method_path is unknown: %s", addr, strings.Join(model.UnknownReasons(ms.path), "; ")))
			}
		case path == "*/*":
			switch {
			case !levelKnown:
				unknownWhy = append(unknownWhy, fmt.Sprintf("%s.settings.logging_level is unknown: %s", addr, strings.Join(model.UnknownReasons(ms.level), "; ")))
			case levelSet && isLoggingLevel(level):
				passBy = append(passBy, fmt.Sprintf("%s sets logging_level = %q on */*", addr, level))
				if b, known, ok := model.Bool(ms.dataTrace); known && ok && b {
					r.notes = append(r.notes, fmt.Sprintf("%s has data_trace_enabled = true: full request and response bodies are logged; keep it off on stages that carry sensitive data", addr))
				}
			default:
				offBy = append(offBy, addr)
				offLevels = append(offLevels, ms.level)
			}
		default:
			if levelKnown && levelSet && level == "OFF" {
				r.pathOff = true
				r.notes = append(r.notes, fmt.Sprintf("%s sets logging_level = \"OFF\" on %s: that path is not logged (AWS Config API_GW_EXECUTION_LOGGING_ENABLED counts this as non-compliant; the strict profile fails it)", addr, path))
			} else if levelKnown && levelSet && isLoggingLevel(level) {
				narrowOn = append(narrowOn, path)
			}
		}
	}
	switch {
	case len(passBy) > 0:
		r.aspect = result.Aspect{Status: result.StatusPass, Reason: strings.Join(passBy, "; ")}
	case len(unknownWhy) > 0:
		r.aspect = result.Aspect{Status: result.StatusUnknown, Reason: strings.Join(unknownWhy, "; ")}
	case len(offBy) > 0:
		r.aspect = result.Aspect{Status: result.StatusFail, Reason: strings.Join(offBy, ", ") + " leaves logging_level OFF or unset on */*: set it to \"INFO\" or \"ERROR\"" +
			decidedBy(offLevels...)}
	case len(narrowOn) > 0:
		r.aspect = result.Aspect{Status: result.StatusFail, Reason: fmt.Sprintf("execution logging is set only on %s: every other method stays OFF; set it on method_path \"*/*\"", strings.Join(narrowOn, ", "))}
	case len(assocs) == 0:
		r.aspect = result.Aspect{Status: result.StatusFail, Reason: "no aws_api_gateway_method_settings is associated with this stage" + ix.elsewhere(s)}
	default:
		r.aspect = result.Aspect{Status: result.StatusFail, Reason: "no associated method settings enables logging on */*"}
	}
	return r
}

// associationBlockers says which value kept a method settings' association open.
func associationBlockers(ms *methodSettings, s *subject) []string {
	var out []string
	if sameValue(ms.restAPI, s.restAPI) == maybe {
		out = append(out, "rest_api_id: "+strings.Join(unknownOf(ms.restAPI, s.restAPI), "; "))
	}
	if sameValue(ms.stageName, s.stageName) == maybe {
		out = append(out, "stage_name: "+strings.Join(unknownOf(ms.stageName, s.stageName), "; "))
	}
	return out
}

func unknownOf(a, b cty.Value) []string {
	var out []string
	for _, v := range []cty.Value{a, b} {
		if _, known, _ := model.String(v); !known {
			out = append(out, model.UnknownReasons(v)...)
		}
	}
	if len(out) == 0 {
		out = append(out, "the values differ in kind and cannot be compared")
	}
	return out
}
