package fix

import (
	"fmt"
	"regexp"
	"strings"

	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/hclsyntax"
	"github.com/hashicorp/hcl/v2/hclwrite"
	"github.com/zclconf/go-cty/cty"
)

// The Terraform fix writes, built with hclwrite and formatted as terraform
// fmt formats it. Each function returns a snippet at indentation zero,
// ending with a newline; edit.go indents it where it goes.

// Resource types fix writes or edits.
const (
	typeStage          = "aws_api_gateway_stage"
	typeDeployment     = "aws_api_gateway_deployment"
	typeMethodSettings = "aws_api_gateway_method_settings"
	typeV2Stage        = "aws_apigatewayv2_stage"
	typeLogGroup       = "aws_cloudwatch_log_group"
	typeAccount        = "aws_api_gateway_account"
	typeRole           = "aws_iam_role"
)

// PushToCloudWatchLogs is the AWS managed policy that lets API Gateway
// write execution logs to CloudWatch Logs.
const PushToCloudWatchLogs = "arn:aws:iam::aws:policy/service-role/AmazonAPIGatewayPushToCloudWatchLogs"

// shape is how a stage resource is declared, as the resources fix adds
// beside it copy it: its expansion (count or for_each) and the
// expressions that name its API and stage.
type shape struct {
	typ, name string
	iter      string // "", "count" or "for_each"
	iterExpr  string // the count or for_each expression, as written
	apiExpr   hclsyntax.Expression
	nameExpr  hclsyntax.Expression
	file      *sourceFile
}

// key is how a resource that follows the stage's expansion names the
// instance it is made for: [count.index], [each.key], or nothing.
func (s shape) key() string {
	switch s.iter {
	case "count":
		return "[count.index]"
	case "for_each":
		return "[each.key]"
	}
	return ""
}

// ref is a reference to the stage instance (or another resource expanded
// like it) from inside a resource expanded like it.
func (s shape) ref(typ, name string) string {
	return typ + "." + name + s.key()
}

// resourceBlock starts a resource that follows the stage's expansion.
func (s shape) resourceBlock(f *hclwrite.File, typ, name string) *hclwrite.Body {
	b := f.Body().AppendNewBlock("resource", []string{typ, name}).Body()
	if s.iter != "" {
		b.SetAttributeRaw(s.iter, rawTokens(s.iterExpr))
		b.AppendNewline()
	}
	return b
}

// logGroup is the access log group for a stage.
func logGroup(s shape, name string, retentionDays int) string {
	f := hclwrite.NewEmptyFile()
	b := s.resourceBlock(f, typeLogGroup, name)
	b.SetAttributeRaw("name", exprTokens(logGroupName(s)))
	b.SetAttributeValue("retention_in_days", cty.NumberIntVal(int64(retentionDays)))
	return format(f)
}

// logGroupNameChars are the characters a CloudWatch Logs group name may hold.
var notLogGroupChars = regexp.MustCompile(`[^A-Za-z0-9_./#-]+`)

// logGroupName names a stage's access log group after its API and stage
// as API Gateway names execution log groups
// (API-Gateway-Execution-Logs_{api id}/{stage}), so that a module used
// by several callers, or a stage under count or for_each, gets one group
// per stage. It is built from the stage's own expressions, so it depends
// on nothing the stage does not.
func logGroupName(s shape) string {
	var b strings.Builder
	b.WriteString(`"API-Gateway-Access-Logs_`)
	b.WriteString(templatePart(s, s.apiExpr, "api"))
	b.WriteString("/")
	b.WriteString(templatePart(s, s.nameExpr, s.name))
	b.WriteString(`"`)
	return b.String()
}

// templatePart is an expression as part of a quoted template: a literal
// stripped of what a log group name cannot hold, a template's own parts,
// or an interpolation.
func templatePart(s shape, e hclsyntax.Expression, fallback string) string {
	if e == nil {
		return fallback
	}
	if str, isNull, ok := literalString(e); ok {
		if isNull || notLogGroupChars.ReplaceAllString(str, "") == "" {
			return fallback
		}
		return notLogGroupChars.ReplaceAllString(str, "")
	}
	text := s.file.text(e.Range())
	if strings.Contains(text, "\n") {
		return fallback
	}
	switch e.(type) {
	case *hclsyntax.TemplateExpr, *hclsyntax.TemplateWrapExpr:
		if strings.HasPrefix(text, `"`) && strings.HasSuffix(text, `"`) {
			return text[1 : len(text)-1]
		}
	}
	return "${" + text + "}"
}

// Access log formats: JSON with $context.requestId (API Gateway requires
// it), and the fields every API kind supports. REST's is the one scan's
// remediation shows and the estimate prices.
var accessFormats = map[string][][2]string{
	kindREST: {
		{"requestId", "$context.requestId"}, {"sourceIp", "$context.identity.sourceIp"}, {"requestTime", "$context.requestTime"},
		{"httpMethod", "$context.httpMethod"}, {"resourcePath", "$context.resourcePath"}, {"status", "$context.status"},
	},
	kindHTTP: {
		{"requestId", "$context.requestId"}, {"sourceIp", "$context.identity.sourceIp"}, {"requestTime", "$context.requestTime"},
		{"httpMethod", "$context.httpMethod"}, {"routeKey", "$context.routeKey"}, {"status", "$context.status"},
	},
	kindWebSocket: {
		{"requestId", "$context.requestId"}, {"sourceIp", "$context.identity.sourceIp"}, {"requestTime", "$context.requestTime"},
		{"eventType", "$context.eventType"}, {"routeKey", "$context.routeKey"}, {"status", "$context.status"},
		{"connectionId", "$context.connectionId"},
	},
}

// Stage kinds, for the format: v2 stages whose protocol is not known get
// the fields both v2 kinds have.
const (
	kindREST      = "rest"
	kindHTTP      = "http"
	kindWebSocket = "websocket"
)

func accessFormatTokens(kind string) hclwrite.Tokens {
	fields, ok := accessFormats[kind]
	if !ok {
		fields = accessFormats[kindHTTP][:3]
		fields = append(fields, [2]string{"routeKey", "$context.routeKey"}, [2]string{"status", "$context.status"})
	}
	var attrs []hclwrite.ObjectAttrTokens
	for _, f := range fields {
		attrs = append(attrs, hclwrite.ObjectAttrTokens{Name: hclwrite.TokensForIdentifier(f[0]), Value: hclwrite.TokensForValue(cty.StringVal(f[1]))})
	}
	return hclwrite.TokensForFunctionCall("jsonencode", hclwrite.TokensForObject(attrs))
}

// accessLogSettings is the block that sends a stage's access logs to its
// log group.
func accessLogSettings(s shape, logGroupName, kind string) string {
	f := hclwrite.NewEmptyFile()
	b := f.Body().AppendNewBlock("access_log_settings", nil).Body()
	b.SetAttributeRaw("destination_arn", exprTokens(s.ref(typeLogGroup, logGroupName)+".arn"))
	b.SetAttributeRaw("format", accessFormatTokens(kind))
	return format(f)
}

// accessLogAttributes are what an access_log_settings block that lacks
// them needs: a destination, and a format when it has none.
func accessLogAttributes(s shape, logGroupName, kind string, withFormat bool) string {
	f := hclwrite.NewEmptyFile()
	f.Body().SetAttributeRaw("destination_arn", exprTokens(s.ref(typeLogGroup, logGroupName)+".arn"))
	if withFormat {
		f.Body().SetAttributeRaw("format", accessFormatTokens(kind))
	}
	return format(f)
}

// methodSettings turns on execution logging for every method of a REST
// stage, associated with it by reference.
func methodSettings(s shape, name, level string) string {
	f := hclwrite.NewEmptyFile()
	b := s.resourceBlock(f, typeMethodSettings, name)
	stage := s.ref(s.typ, s.name)
	b.SetAttributeRaw("rest_api_id", exprTokens(stage+".rest_api_id"))
	b.SetAttributeRaw("stage_name", exprTokens(stage+".stage_name"))
	b.SetAttributeValue("method_path", cty.StringVal("*/*"))
	b.AppendNewline()
	b.AppendNewBlock("settings", nil).Body().SetAttributeValue("logging_level", cty.StringVal(level))
	return format(f)
}

// settingsBlock is a method settings' settings block with a level.
func settingsBlock(level string) string {
	f := hclwrite.NewEmptyFile()
	f.Body().AppendNewBlock("settings", nil).Body().SetAttributeValue("logging_level", cty.StringVal(level))
	return format(f)
}

// Throttling a new default_route_settings block sets: the provider sends
// 0 for limits left out, and a limit of 0 rejects every request
// (hashicorp/terraform-provider-aws#27674). These are API Gateway's
// default account-level quotas per Region, so the stage is throttled no
// more than the account already is by default.
const (
	accountBurstLimit = 5000
	accountRateLimit  = 10000
)

// routeSettings is a WebSocket stage's default route logging.
func routeSettings(level string) string {
	f := hclwrite.NewEmptyFile()
	b := f.Body().AppendNewBlock("default_route_settings", nil).Body()
	b.SetAttributeValue("logging_level", cty.StringVal(level))
	b.AppendUnstructuredTokens(commentTokens(
		"# Left out, the limits would be 0, which rejects every request",
		"# (hashicorp/terraform-provider-aws#27674): these are API Gateway's",
		"# default account-level quotas.",
	))
	b.SetAttributeValue("throttling_burst_limit", cty.NumberIntVal(accountBurstLimit))
	b.SetAttributeValue("throttling_rate_limit", cty.NumberIntVal(accountRateLimit))
	return format(f)
}

// attribute is one argument, name = value.
func attribute(name, value string) string {
	f := hclwrite.NewEmptyFile()
	f.Body().SetAttributeRaw(name, exprTokens(value))
	return format(f)
}

// account is the account-level CloudWatch role that execution logging
// needs, with its role. The role carries the managed policy through
// managed_policy_arns: aws_iam_role_policy_attachment would be the usual
// way, but the provider tfcomply's tests plan with does not serve it.
func account(accountName, roleName string) string {
	f := hclwrite.NewEmptyFile()
	b := f.Body().AppendNewBlock("resource", []string{typeAccount, accountName}).Body()
	b.SetAttributeRaw("cloudwatch_role_arn", exprTokens(typeRole+"."+roleName+".arn"))
	f.Body().AppendNewline()
	r := f.Body().AppendNewBlock("resource", []string{typeRole, roleName}).Body()
	r.SetAttributeValue("name_prefix", cty.StringVal("apigateway-cloudwatch-"))
	principal := hclwrite.TokensForObject([]hclwrite.ObjectAttrTokens{{Name: hclwrite.TokensForIdentifier("Service"), Value: hclwrite.TokensForValue(cty.StringVal("apigateway.amazonaws.com"))}})
	statement := hclwrite.TokensForObject([]hclwrite.ObjectAttrTokens{
		{Name: hclwrite.TokensForIdentifier("Effect"), Value: hclwrite.TokensForValue(cty.StringVal("Allow"))},
		{Name: hclwrite.TokensForIdentifier("Principal"), Value: principal},
		{Name: hclwrite.TokensForIdentifier("Action"), Value: hclwrite.TokensForValue(cty.StringVal("sts:AssumeRole"))},
	})
	policy := hclwrite.TokensForObject([]hclwrite.ObjectAttrTokens{
		{Name: hclwrite.TokensForIdentifier("Version"), Value: hclwrite.TokensForValue(cty.StringVal("2012-10-17"))},
		{Name: hclwrite.TokensForIdentifier("Statement"), Value: hclwrite.TokensForTuple([]hclwrite.Tokens{statement})},
	})
	r.SetAttributeRaw("assume_role_policy", hclwrite.TokensForFunctionCall("jsonencode", policy))
	r.SetAttributeValue("managed_policy_arns", cty.ListVal([]cty.Value{cty.StringVal(PushToCloudWatchLogs)}))
	return format(f)
}

func format(f *hclwrite.File) string {
	return string(hclwrite.Format(f.Bytes()))
}

// exprTokens are the tokens of an expression written as text.
func exprTokens(src string) hclwrite.Tokens {
	toks, diags := hclsyntax.LexExpression([]byte(src), "", hcl.InitialPos)
	if diags.HasErrors() {
		panic(fmt.Sprintf("fix: generated an expression that does not lex: %s", src))
	}
	var out hclwrite.Tokens
	for _, t := range toks {
		if t.Type == hclsyntax.TokenEOF {
			continue
		}
		out = append(out, &hclwrite.Token{Type: t.Type, Bytes: t.Bytes})
	}
	return out
}

// rawTokens carries an expression copied from the user's file as it is
// written; format() re-lexes it.
func rawTokens(src string) hclwrite.Tokens {
	return hclwrite.Tokens{{Type: hclsyntax.TokenIdent, Bytes: []byte(src)}}
}

func commentTokens(lines ...string) hclwrite.Tokens {
	var out hclwrite.Tokens
	for _, l := range lines {
		out = append(out, &hclwrite.Token{Type: hclsyntax.TokenComment, Bytes: []byte(l + "\n")})
	}
	return out
}
