package apigateway

import (
	"fmt"
	"strings"

	"github.com/tfcomply/tfcomply/internal/model"
	"github.com/tfcomply/tfcomply/internal/result"
)

type protocol int

const (
	protoUnknown protocol = iota
	protoHTTP
	protoWebSocket
)

// v2Protocol finds the protocol of the API a v2 stage belongs to, from the
// aws_apigatewayv2_api its api_id refers to (or whose known id it equals).
func v2Protocol(s *subject, f *rootFacts) (protocol, string) {
	root := f.root
	apiID := model.Attr(s.inst.Value, "api_id")
	var api *model.Instance
	for _, o := range model.Origins(apiID) {
		if o.Type() == typeV2API && o.Attr == "id" {
			api = root.Lookup(o.Addr)
			break
		}
	}
	if api == nil {
		api = f.withID(typeV2API, apiID)
	}
	if api == nil {
		return protoUnknown, "the aws_apigatewayv2_api of api_id is not in this configuration, so its protocol is unknown"
	}
	p, known, ok := model.String(model.Attr(api.Value, "protocol_type"))
	switch {
	case !known:
		return protoUnknown, api.Address + ".protocol_type is unknown: " + strings.Join(model.UnknownReasons(model.Attr(api.Value, "protocol_type")), "; ")
	case ok && p == "HTTP":
		return protoHTTP, ""
	case ok && p == "WEBSOCKET":
		return protoWebSocket, ""
	}
	return protoUnknown, fmt.Sprintf("%s.protocol_type is not HTTP or WEBSOCKET", api.Address)
}

// routeResult is the WebSocket route logging aspect.
type routeResult struct {
	aspect     result.Aspect
	notes      []string
	configured bool
}

// route decides default route logging. It exists only for WebSocket APIs;
// on HTTP APIs a logging_level has no effect and is only noted.
func route(s *subject, proto protocol, protoWhy string) routeResult {
	var r routeResult
	blocks, known := model.Blocks(s.inst.Value, "default_route_settings")
	level := model.Attr(model.Attr(s.inst.Value, "default_route_settings"), "logging_level")
	if known && len(blocks) > 0 {
		level = model.Attr(blocks[0], "logging_level")
	}
	lv, levelKnown, levelSet := model.String(level)
	on := levelKnown && levelSet && isLoggingLevel(lv)
	if proto == protoHTTP {
		if levelKnown && levelSet && lv != "OFF" {
			r.notes = append(r.notes, fmt.Sprintf("default_route_settings.logging_level = %q has no effect on an HTTP API: HTTP APIs have access logging only", lv))
		}
		r.aspect = result.Aspect{Status: result.StatusNotApplicable, Reason: "route logging exists only for WebSocket APIs"}
		return r
	}
	r.configured = on
	switch {
	case !known || (len(blocks) > 0 && !levelKnown):
		r.aspect = result.Aspect{Status: result.StatusUnknown, Reason: "default_route_settings.logging_level is unknown: " + strings.Join(model.UnknownReasons(level), "; ")}
	case on && proto == protoUnknown:
		r.aspect = result.Aspect{Status: result.StatusUnknown, Reason: fmt.Sprintf("logging_level = %q counts only on a WebSocket API: %s", lv, protoWhy)}
	case on:
		r.aspect = result.Aspect{Status: result.StatusPass, Reason: fmt.Sprintf("default_route_settings sets logging_level = %q", lv)}
	case len(blocks) == 0:
		r.aspect = result.Aspect{Status: result.StatusFail, Reason: "no default_route_settings block with logging_level \"INFO\" or \"ERROR\"" +
			decidedBy(model.Attr(s.inst.Value, "default_route_settings"))}
	default:
		r.aspect = result.Aspect{Status: result.StatusFail, Reason: "default_route_settings leaves logging_level OFF or unset: set it to \"INFO\" or \"ERROR\"" + decidedBy(level)}
	}
	return r
}
