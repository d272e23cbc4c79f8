package apigateway

import (
	"regexp"
	"strings"

	"github.com/tfcomply/tfcomply/internal/model"
	"github.com/tfcomply/tfcomply/internal/result"
	"github.com/zclconf/go-cty/cty"
)

// StageLogging is what a stage's logging is configured to be, for tools
// that reason about its consequences (the log volume and cost estimate).
// It is read through the control's own subject list, method settings
// association and destination classification, so it agrees with the
// verdict.
type StageLogging struct {
	Address   string
	Kind      string // StageKindREST, StageKindImplicit, StageKindHTTP, StageKindWebSocket, StageKindV2
	APIName   string // the API's name, when known ("" otherwise): CloudWatch's ApiName dimension
	APIID     string // the API's id, when known (a state): the ApiId dimension of v2 metrics
	StageName string // "" when unknown

	// Execution is REST execution logging (the method settings on */*),
	// or WebSocket route logging (default_route_settings).
	Execution ExecutionLogging
	// ExecutionLogGroup is the log group declared here under the name API
	// Gateway writes execution logs to (API-Gateway-Execution-Logs_{api
	// id}/{stage}), nil when the configuration declares none.
	ExecutionLogGroup *LogGroup

	Access AccessLogging
}

// Stage kinds.
const (
	StageKindREST      = "rest"
	StageKindImplicit  = "rest-deployment" // a stage a deployment's stage_name creates
	StageKindHTTP      = "http"
	StageKindWebSocket = "websocket"
	StageKindV2        = "v2" // HTTP or WebSocket: the protocol is unknown
)

// ExecutionLogging is the execution (or WebSocket route) logging level.
type ExecutionLogging struct {
	Level     string // "INFO", "ERROR" or "OFF" (also when unset)
	Known     bool   // false: the level cannot be known from this input
	DataTrace bool   // data_trace_enabled on the settings that set Level
}

// AccessLogging is the stage's access_log_settings.
type AccessLogging struct {
	Configured  bool   // the block exists and the destination is valid (the aspect passes)
	Known       bool   // false: whether access logging is on cannot be known
	Format      string // the configured format, when known
	FormatKnown bool
	Destination string // DestinationCloudWatch or DestinationFirehose, when Configured
	Region      string // the region in a known destination ARN, else ""
	LogGroup    *LogGroup
	Stream      string // Firehose delivery stream name, when known
}

// Access log destinations.
const (
	DestinationCloudWatch = "cloudwatch"
	DestinationFirehose   = "firehose"
)

// LogGroup is an aws_cloudwatch_log_group declared in the configuration.
type LogGroup struct {
	Address string
	Name    string // "" when unknown
	// RetentionDays is retention_in_days; 0 means the group never expires
	// (the attribute unset, or 0, as AWS reads it).
	RetentionDays  int
	RetentionKnown bool
	Class          string // "STANDARD" (the default) or "INFREQUENT_ACCESS"; "" when unknown
}

// ExecutionLogGroupPrefix starts the name of the log group API Gateway
// writes a REST stage's execution logs to.
const ExecutionLogGroupPrefix = "API-Gateway-Execution-Logs_"

// SuggestedAccessLogFormat is the format the remediation suggests, as the
// JSON string Terraform's jsonencode gives the stage (keys sorted).
const SuggestedAccessLogFormat = `{"httpMethod":"$context.httpMethod","requestId":"$context.requestId","requestTime":"$context.requestTime","resourcePath":"$context.resourcePath","sourceIp":"$context.identity.sourceIp","status":"$context.status"}`

// SuggestedAccessLogRetentionDays is the retention of the log group the
// remediation suggests for access logs.
const SuggestedAccessLogRetentionDays = 365

var arnRegion = regexp.MustCompile(`^arn:[a-z-]+:(?:logs|firehose):([a-z0-9-]+):`)

// StageLoggingFacts lists every stage of a root (the control's subjects,
// in the same order) with its logging configuration.
func StageLoggingFacts(root *model.Root) []StageLogging {
	subs := subjects(root)
	addrs := make(map[string]bool, len(subs))
	for _, s := range subs {
		addrs[s.inst.Address] = true
	}
	ix := indexSettings(root, addrs)
	f := newRootFacts(root)
	groups := indexExecutionLogGroups(root)
	out := make([]StageLogging, 0, len(subs))
	for _, s := range subs {
		// Whether s is the only REST stage of its API matters only when one
		// log group could be its execution log group: comparing every pair
		// of stages is left until then.
		alone := func() bool {
			for _, o := range subs {
				if o != s && o.kind != v2Stage && s.kind != v2Stage && sameValue(o.restAPI, s.restAPI) != no {
					return false
				}
			}
			return true
		}
		out = append(out, stageLogging(s, f, ix, groups, alone))
	}
	return out
}

func stageLogging(s *subject, f *rootFacts, ix *settingsIndex, groups *executionLogGroups, alone func() bool) StageLogging {
	st := StageLogging{Address: s.inst.Address}
	if n, known, ok := model.String(s.stageName); known && ok {
		st.StageName = n
	}
	switch s.kind {
	case restStage, implicitStage:
		st.Kind = StageKindREST
		if s.kind == implicitStage {
			st.Kind = StageKindImplicit
		}
		st.Execution = executionLevel(s, ix)
		api := instanceOf(f, s.restAPI, typeRestAPI)
		st.APIName, st.APIID = apiNameAndID(api, s.restAPI)
		st.ExecutionLogGroup = executionLogGroup(s, groups, alone)
	case v2Stage:
		proto, _ := v2Protocol(s, f)
		st.Kind = map[protocol]string{protoHTTP: StageKindHTTP, protoWebSocket: StageKindWebSocket}[proto]
		if st.Kind == "" {
			st.Kind = StageKindV2
		}
		// On an HTTP API a route logging_level has no effect.
		st.Execution = ExecutionLogging{Level: "OFF", Known: true}
		if proto != protoHTTP {
			st.Execution = routeLevel(s)
		}
		apiID := model.Attr(s.inst.Value, "api_id")
		st.APIName, st.APIID = apiNameAndID(instanceOf(f, apiID, typeV2API), apiID)
	}
	st.Access = accessLogging(s, f)
	return st
}

// executionLevel is the level the associated method settings set on */*
// (INFO wins over ERROR when several do).
func executionLevel(s *subject, ix *settingsIndex) ExecutionLogging {
	ex := ExecutionLogging{Level: "OFF", Known: true}
	if s.kind == implicitStage || s.kind == restStage {
		switch execution(s, ix).aspect.Status {
		case result.StatusUnknown:
			ex.Known = false
			return ex
		case result.StatusFail:
			return ex
		}
	}
	for _, a := range ix.associated(s) {
		if a.match != yes {
			continue
		}
		path, pathKnown, _ := model.String(a.ms.path)
		level, levelKnown, levelSet := model.String(a.ms.level)
		if !pathKnown || path != "*/*" || !levelKnown || !levelSet || !isLoggingLevel(level) {
			continue
		}
		if ex.Level != "INFO" {
			ex.Level = level
			ex.DataTrace = false
		}
		if level == ex.Level {
			if b, known, ok := model.Bool(a.ms.dataTrace); known && ok && b {
				ex.DataTrace = true
			}
		}
	}
	return ex
}

// routeLevel is a v2 stage's default route logging level.
func routeLevel(s *subject) ExecutionLogging {
	ex := ExecutionLogging{Level: "OFF", Known: true}
	blocks, known := model.Blocks(s.inst.Value, "default_route_settings")
	if !known {
		ex.Known = false
		return ex
	}
	if len(blocks) == 0 {
		return ex
	}
	level, levelKnown, levelSet := model.String(model.Attr(blocks[0], "logging_level"))
	switch {
	case !levelKnown:
		ex.Known = false
	case levelSet && isLoggingLevel(level):
		ex.Level = level
		if b, known, ok := model.Bool(model.Attr(blocks[0], "data_trace_enabled")); known && ok && b {
			ex.DataTrace = true
		}
	}
	return ex
}

// accessLogging reads the access log settings the control classified.
func accessLogging(s *subject, f *rootFacts) AccessLogging {
	acc := access(s, f.root)
	out := AccessLogging{Known: acc.aspect.Status != result.StatusUnknown}
	if acc.dest == cty.NilVal {
		return out
	}
	blocks, _ := model.Blocks(s.inst.Value, "access_log_settings")
	if len(blocks) > 0 {
		out.Format, out.FormatKnown, _ = model.String(model.Attr(blocks[0], "format"))
	}
	if arn, known, ok := model.String(acc.dest); known && ok {
		if m := arnRegion.FindStringSubmatch(arn); m != nil {
			out.Region = m[1]
		}
	}
	if acc.aspect.Status != result.StatusPass {
		return out
	}
	out.Configured = true
	if acc.firehose {
		out.Destination = DestinationFirehose
		if arn, known, ok := model.String(acc.dest); known && ok {
			if m := firehoseARN.FindStringSubmatch(arn); m != nil {
				out.Stream = m[2]
			}
		}
		return out
	}
	out.Destination = DestinationCloudWatch
	switch {
	case acc.logGroup != "":
		out.LogGroup = logGroupOf(f.root.Lookup(acc.logGroup))
	case acc.logGroupNm != "":
		if groups := f.logGroupNames[acc.logGroupNm]; len(groups) > 0 {
			out.LogGroup = logGroupOf(groups[0])
		}
	}
	return out
}

// executionLogGroup finds the log group declared under the name API
// Gateway gives a REST stage's execution logs: by known name, or, while
// the API id is unknown (source), by a name that starts with the prefix
// and is made from this stage's REST API id and, unless the stage is the
// only one of its API, from this stage's stage_name (an unknown string
// keeps only its known prefix, so a literal stage name after the id
// cannot be told apart).
func executionLogGroup(s *subject, groups *executionLogGroups, alone func() bool) *LogGroup {
	apiID, idKnown, _ := model.String(s.restAPI)
	stage, stageKnown, _ := model.String(s.stageName)
	if idKnown && stageKnown {
		if in := groups.byName[ExecutionLogGroupPrefix+apiID+"/"+stage]; in != nil {
			return logGroupOf(in)
		}
	}
	var candidates []*model.Instance
	for i, in := range groups.unknown {
		if sameValue(s.restAPI, groups.apiIDs[i]) == yes {
			candidates = append(candidates, in)
		}
	}
	if len(candidates) > 1 || (len(candidates) == 1 && !alone()) {
		var mine []*model.Instance
		for _, in := range candidates {
			if model.HasOrigin(model.Attr(in.Value, "name"), s.inst.Address, "stage_name") {
				mine = append(mine, in)
			}
		}
		candidates = mine
	}
	if len(candidates) == 1 {
		return logGroupOf(candidates[0])
	}
	return nil
}

// executionLogGroups are a root's log groups that may be execution log
// groups, read once for every stage: by known name, and those whose name
// is unknown but starts with the prefix, with the REST API id their name
// is made from.
type executionLogGroups struct {
	byName  map[string]*model.Instance // the first in address order
	unknown []*model.Instance
	apiIDs  []cty.Value
}

func indexExecutionLogGroups(root *model.Root) *executionLogGroups {
	g := &executionLogGroups{byName: map[string]*model.Instance{}}
	for _, in := range root.OfType(typeLogGroup) {
		name := model.Attr(in.Value, "name")
		n, known, ok := model.String(name)
		switch {
		case known && ok:
			if g.byName[n] == nil {
				g.byName[n] = in
			}
		case !known && strings.HasPrefix(knownPrefix(name), ExecutionLogGroupPrefix):
			g.unknown = append(g.unknown, in)
			g.apiIDs = append(g.apiIDs, apiIDIn(name))
		}
	}
	return g
}

// apiIDIn keeps the REST API id origins of a name made from one, so that
// it compares with a stage's rest_api_id as the association does.
func apiIDIn(name cty.Value) cty.Value {
	v := cty.UnknownVal(cty.String)
	for _, o := range model.Origins(name) {
		if o.Type() == typeRestAPI && o.Attr == "id" {
			v = v.Mark(o)
		}
	}
	return v
}

func logGroupOf(in *model.Instance) *LogGroup {
	if in == nil {
		return nil
	}
	g := &LogGroup{Address: in.Address, Class: "STANDARD", RetentionKnown: true}
	if n, known, ok := model.String(model.Attr(in.Value, "name")); known && ok {
		g.Name = n
	}
	switch days, known, ok := model.String(model.Attr(in.Value, "retention_in_days")); {
	case !known:
		g.RetentionKnown = false
	case ok:
		g.RetentionDays = atoi(days)
	}
	switch class, known, ok := model.String(model.Attr(in.Value, "log_group_class")); {
	case !known:
		g.Class = ""
	case ok && class != "":
		g.Class = class
	}
	return g
}

// instanceOf is the instance of a type whose id a value was read from, or
// whose known id it equals.
func instanceOf(f *rootFacts, id cty.Value, typ string) *model.Instance {
	for _, o := range model.Origins(id) {
		if o.Type() == typ && o.Attr == "id" {
			if in := f.root.Lookup(o.Addr); in != nil {
				return in
			}
		}
	}
	if s, known, ok := model.String(id); known && ok && s != "" {
		for _, in := range f.root.OfType(typ) {
			if v, known, ok := model.String(model.Attr(in.Value, "id")); known && ok && v == s {
				return in
			}
		}
	}
	return nil
}

func apiNameAndID(api *model.Instance, id cty.Value) (name, apiID string) {
	if s, known, ok := model.String(id); known && ok {
		apiID = s
	}
	if api != nil {
		if s, known, ok := model.String(model.Attr(api.Value, "name")); known && ok {
			name = s
		}
	}
	return name, apiID
}

func atoi(s string) int {
	n := 0
	for _, c := range s {
		if c < '0' || c > '9' {
			return 0
		}
		n = n*10 + int(c-'0')
	}
	return n
}
