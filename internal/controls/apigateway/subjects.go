// Package apigateway implements apigateway_stage_logging_enabled as
// specified in docs/controls/apigateway_stage_logging_enabled.md: which
// resources are subjects, how method settings and log destinations are
// associated with them, and the verdict under each profile.
package apigateway

import (
	"github.com/tfcomply/tfcomply/internal/model"
	"github.com/zclconf/go-cty/cty"
)

// Resource types the control reads.
const (
	typeStage          = "aws_api_gateway_stage"
	typeDeployment     = "aws_api_gateway_deployment"
	typeMethodSettings = "aws_api_gateway_method_settings"
	typeRestAPI        = "aws_api_gateway_rest_api"
	typeAccount        = "aws_api_gateway_account"
	typeV2Stage        = "aws_apigatewayv2_stage"
	typeV2API          = "aws_apigatewayv2_api"
	typeLogGroup       = "aws_cloudwatch_log_group"
	typeFirehose       = "aws_kinesis_firehose_delivery_stream"
)

// ResultTypes are the resource types whose instances can give a result:
// stages (REST, through a deployment's stage_name, HTTP and WebSocket) and
// method settings (the wrong-API advisory). The others are read only for
// what they say about those: a root without any of these has no result.
var ResultTypes = []string{typeStage, typeDeployment, typeV2Stage, typeMethodSettings}

type subjectKind int

const (
	restStage     subjectKind = iota // aws_api_gateway_stage
	implicitStage                    // aws_api_gateway_deployment with stage_name
	v2Stage                          // aws_apigatewayv2_stage
)

// subject is one stage the control decides on.
type subject struct {
	inst      *model.Instance
	kind      subjectKind
	restAPI   cty.Value // rest_api_id (REST kinds)
	stageName cty.Value
}

// subjects lists the stages of a root, as the spec defines them: every REST
// stage, every deployment with a stage_name that no REST stage already
// declares, and every HTTP/WebSocket stage.
func subjects(root *model.Root) []*subject {
	var out []*subject
	stages := root.OfType(typeStage)
	named := map[string][]*subject{} // REST stages by known stage name
	for _, in := range stages {
		s := &subject{inst: in, kind: restStage, restAPI: model.Attr(in.Value, "rest_api_id"), stageName: model.Attr(in.Value, "stage_name")}
		out = append(out, s)
		if name, known, ok := model.String(s.stageName); known && ok {
			named[name] = append(named[name], s)
		}
	}
	for _, in := range root.OfType(typeDeployment) {
		name := model.Attr(in.Value, "stage_name")
		str, known, ok := model.String(name)
		if !ok || (known && str == "") {
			continue
		}
		d := &subject{inst: in, kind: implicitStage, restAPI: model.Attr(in.Value, "rest_api_id"), stageName: name}
		if declaredByStage(d, named[str], known) {
			continue
		}
		out = append(out, d)
	}
	for _, in := range root.OfType(typeV2Stage) {
		out = append(out, &subject{inst: in, kind: v2Stage, stageName: model.Attr(in.Value, "name")})
	}
	return out
}

// declaredByStage reports whether a REST stage of the same API and name
// exists, which makes the stage (not the deployment) the subject.
func declaredByStage(d *subject, candidates []*subject, nameKnown bool) bool {
	if !nameKnown {
		return false
	}
	for _, s := range candidates {
		if sameValue(d.restAPI, s.restAPI) == yes {
			return true
		}
	}
	return false
}

// tri is a three-valued answer: static input cannot always decide.
type tri int

const (
	no tri = iota
	maybe
	yes
)

// passThrough types only carry values along (a method settings' stage_name
// read from a stage's stage_name); their marks say nothing about where a
// value was made.
var passThrough = map[string]bool{typeStage: true, typeMethodSettings: true, typeDeployment: true, typeV2Stage: true}

// sameValue decides whether two attribute values are equal: by value when
// both are known, by a common source (the same resource attribute, the same
// unset variable) when they are not.
func sameValue(a, b cty.Value) tri {
	as, aKnown, aOK := model.String(a)
	bs, bKnown, bOK := model.String(b)
	if aKnown && bKnown {
		if aOK && bOK && as == bs {
			return yes
		}
		return no
	}
	aSrc, bSrc := sources(a), sources(b)
	for o := range aSrc {
		if bSrc[o] {
			return yes
		}
	}
	// Two different REST API instances' ids are different values.
	if restAPIs(aSrc) != nil && restAPIs(bSrc) != nil && !aKnown && !bKnown {
		return no
	}
	return maybe
}

// sources are the origins that identify a value (see Origin.IsValueIdentity),
// less the pass-through carriers.
func sources(v cty.Value) map[model.Origin]bool {
	out := map[model.Origin]bool{}
	for _, o := range model.Origins(v) {
		if passThrough[o.Type()] || !o.IsValueIdentity() {
			continue
		}
		out[o] = true
	}
	return out
}

func restAPIs(src map[model.Origin]bool) []model.Origin {
	var out []model.Origin
	for o := range src {
		if o.Type() == typeRestAPI && o.Attr == "id" {
			out = append(out, o)
		}
	}
	return out
}

func and(a, b tri) tri {
	if a < b {
		return a
	}
	return b
}
