package apigateway

import (
	"fmt"
	"regexp"
	"strings"

	"github.com/tfcomply/tfcomply/internal/model"
	"github.com/tfcomply/tfcomply/internal/result"
	"github.com/zclconf/go-cty/cty"
)

var (
	logGroupARN = regexp.MustCompile(`^arn:(aws|aws-cn|aws-us-gov|aws-iso|aws-iso-[a-z]|aws-eusc):logs:[a-z0-9-]+:\d{12}:log-group:([^:*]+)(:\*)?$`)
	firehoseARN = regexp.MustCompile(`^arn:(aws|aws-cn|aws-us-gov|aws-iso|aws-iso-[a-z]|aws-eusc):firehose:[a-z0-9-]+:\d{12}:deliverystream/([^/]+)$`)
)

const firehosePrefix = "amazon-apigateway-"

// accessResult is the access logging aspect and what the advisories need.
type accessResult struct {
	aspect result.Aspect
	notes  []string
	dest   cty.Value // destination_arn; cty.NilVal when there is no block
	// logGroup is the log group instance the destination is the arn of,
	// when it is one created in this configuration.
	logGroup   string
	logGroupNm string // log group name from a known CloudWatch ARN
	firehose   bool
}

// access decides access logging for any stage kind. v2 stages log only to
// CloudWatch Logs.
func access(s *subject, root *model.Root) accessResult {
	var r accessResult
	if s.kind == implicitStage {
		r.aspect = result.Aspect{Status: result.StatusFail, Reason: "a stage created by a deployment's stage_name cannot have access logging: declare an aws_api_gateway_stage with access_log_settings"}
		return r
	}
	blocks, known := model.Blocks(s.inst.Value, "access_log_settings")
	if !known {
		r.aspect = result.Aspect{Status: result.StatusUnknown, Reason: "whether access_log_settings exists is unknown: " +
			strings.Join(model.UnknownReasons(model.Attr(s.inst.Value, "access_log_settings")), "; ")}
		return r
	}
	if len(blocks) == 0 {
		r.aspect = result.Aspect{Status: result.StatusFail, Reason: "no access_log_settings block: access logging is off" +
			decidedBy(model.Attr(s.inst.Value, "access_log_settings"))}
		return r
	}
	blk := blocks[0]
	r.dest = model.Attr(blk, "destination_arn")
	r.aspect = r.classify(root, s.kind == v2Stage)
	if f, known, ok := model.String(model.Attr(blk, "format")); known && ok && !strings.Contains(f, "$context.requestId") {
		r.notes = append(r.notes, "the access log format does not contain $context.requestId, which API Gateway requires")
	}
	return r
}

func (r *accessResult) classify(root *model.Root, v2 bool) result.Aspect {
	pass := func(why string) result.Aspect { return result.Aspect{Status: result.StatusPass, Reason: why} }
	fail := func(why string) result.Aspect { return result.Aspect{Status: result.StatusFail, Reason: why} }
	s, known, ok := model.String(r.dest)
	if known {
		if !ok || s == "" {
			return fail("access_log_settings.destination_arn is empty")
		}
		if m := logGroupARN.FindStringSubmatch(s); m != nil {
			r.logGroupNm = m[2]
			r.logGroup = logGroupOrigin(r.dest)
			return pass("access logs go to CloudWatch Logs log group " + m[2])
		}
		if m := firehoseARN.FindStringSubmatch(s); m != nil {
			r.firehose = true
			return firehoseAspect(m[2], v2)
		}
		if v2 {
			return fail(fmt.Sprintf("destination_arn %q is not a CloudWatch Logs log group ARN", s))
		}
		return fail(fmt.Sprintf("destination_arn %q is not a CloudWatch Logs log group ARN or an amazon-apigateway- Firehose delivery stream ARN", s))
	}
	for _, o := range model.Origins(r.dest) {
		if o.Attr != "arn" {
			continue
		}
		switch o.Type() {
		case typeLogGroup:
			r.logGroup = o.Addr
			return pass("access logs go to " + o.Addr + " (its ARN is known after apply)")
		case typeFirehose:
			r.firehose = true
			name := "?"
			if in := root.Lookup(o.Addr); in != nil {
				if n, known, ok := model.String(model.Attr(in.Value, "name")); known && ok {
					name = n
				}
			}
			if name == "?" && !v2 {
				return pass("access logs go to Firehose delivery stream " + o.Addr + " (its name is not known: API Gateway delivers only to streams named amazon-apigateway-*)")
			}
			return firehoseAspect(name, v2)
		}
	}
	what := "access_log_settings.destination_arn is unknown"
	if prefix := knownPrefix(r.dest); logsPrefix.MatchString(prefix) {
		what = fmt.Sprintf("access_log_settings.destination_arn is a CloudWatch Logs ARN (%s…) whose rest is unknown", prefix)
	}
	return result.Aspect{Status: result.StatusUnknown, Reason: what + ": " + strings.Join(model.UnknownReasons(r.dest), "; ")}
}

var logsPrefix = regexp.MustCompile(`^arn:[a-z-]+:logs:`)

// knownPrefix is the start of an unknown string that is already known (a
// template whose first part is literal), or "".
func knownPrefix(v cty.Value) string {
	plain, _ := v.UnmarkDeep()
	if plain.IsKnown() || plain.Type() != cty.String {
		return ""
	}
	return plain.Range().StringPrefix()
}

func firehoseAspect(name string, v2 bool) result.Aspect {
	if v2 {
		return result.Aspect{Status: result.StatusFail, Reason: "the destination is a Firehose delivery stream: HTTP and WebSocket stages deliver access logs only to a CloudWatch Logs log group"}
	}
	if !strings.HasPrefix(name, firehosePrefix) {
		return result.Aspect{Status: result.StatusFail, Reason: fmt.Sprintf("Firehose delivery stream %q does not start with %q: API Gateway delivers only to streams named so", name, firehosePrefix)}
	}
	return result.Aspect{Status: result.StatusPass, Reason: "access logs go to Firehose delivery stream " + name}
}

// logGroupOrigin returns the log group whose arn a (known) value was read from.
func logGroupOrigin(v cty.Value) string {
	for _, o := range model.Origins(v) {
		if o.Type() == typeLogGroup && o.Attr == "arn" {
			return o.Addr
		}
	}
	return ""
}
