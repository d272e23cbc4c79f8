package estimate

import (
	"regexp"
	"sort"
	"strings"
)

// Access logs: API Gateway writes one event (one Firehose record) per
// request: the stage's access_log_settings.format with each $context
// variable replaced by its value, "-" when it has none. Its size is the
// format's literal text plus the typical size of each variable.
// Variables: https://docs.aws.amazon.com/apigateway/latest/developerguide/api-gateway-mapping-template-reference.html#context-variable-reference
// (REST), https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-logging-variables.html
// (HTTP), https://docs.aws.amazon.com/apigateway/latest/developerguide/websocket-api-logging.html
// (WebSocket); retrieved 2026-11-29.

// Format styles API Gateway's console offers: CLF, JSON, XML and CSV.
const (
	StyleJSON = "json"
	StyleXML  = "xml"
	StyleCSV  = "csv"
	StyleCLF  = "clf"
)

// DefaultVariableBytes is the size assumed for a $context variable the
// table does not know (a new one, or a misspelled one).
const DefaultVariableBytes = 16

// absent is what API Gateway writes for a variable that has no value:
// "-", one byte. Variables that are empty on most requests (error
// messages, the caller of an unauthenticated API) are sized so.
const absent = 1

// contextVariableBytes is the typical rendered size of each variable, in
// bytes, and why. IDs and timestamps have fixed sizes; the others are
// typical values, stated with the example they are measured on.
var contextVariableBytes = map[string]int{
	"accountId":                              12, // a 12-digit account id
	"apiId":                                  10, // API Gateway ids: 10 characters (a1b2c3d4e5)
	"authenticate.error":                     absent,
	"authenticate.latency":                   2,
	"authenticate.status":                    3,
	"authorize.error":                        absent,
	"authorize.latency":                      2,
	"authorize.status":                       3,
	"authorizer.error":                       absent,
	"authorizer.integrationLatency":          3,
	"authorizer.integrationStatus":           3,
	"authorizer.latency":                     3,
	"authorizer.principalId":                 36, // the authorizer's principal: a user id
	"authorizer.requestId":                   36,
	"authorizer.status":                      3,
	"awsEndpointRequestId":                   36, // a UUID
	"awsEndpointRequestId2":                  36,
	"connectedAt":                            13, // epoch milliseconds
	"connectionId":                           16, // WebSocket connection id (L0SM9cOFvHcCIhw=)
	"customDomain.basePathMatched":           8,
	"dataProcessed":                          4,  // WebSocket message bytes (1024)
	"domainName":                             46, // a1b2c3d4e5.execute-api.us-east-1.amazonaws.com
	"domainPrefix":                           10, // the API id
	"error.message":                          absent,
	"error.messageString":                    3, // "-", quoted
	"error.responseType":                     absent,
	"error.validationErrorString":            absent,
	"eventType":                              7,  // MESSAGE, CONNECT
	"extendedRequestId":                      16, // UBuxiEZSIAMFQ1Q=
	"httpMethod":                             4,  // GET, POST
	"identity.accountId":                     absent,
	"identity.apiKey":                        absent,
	"identity.apiKeyId":                      absent,
	"identity.caller":                        absent,
	"identity.clientCert.clientCertPem":      1300, // a PEM certificate, mutual TLS only
	"identity.clientCert.issuerDN":           40,
	"identity.clientCert.serialNumber":       38,
	"identity.clientCert.subjectDN":          40,
	"identity.clientCert.validity.notAfter":  24,
	"identity.clientCert.validity.notBefore": 24,
	"identity.cognitoAuthenticationProvider": absent,
	"identity.cognitoAuthenticationType":     absent,
	"identity.cognitoIdentityId":             absent,
	"identity.cognitoIdentityPoolId":         absent,
	"identity.principalOrgId":                absent,
	"identity.sourceIp":                      14, // an IPv4 address (203.0.113.195 is 13); IPv6 is up to 39
	"identity.user":                          absent,
	"identity.userAgent":                     110, // a desktop browser's (Chrome on macOS: 117); SDKs send ~60-90
	"identity.userArn":                       absent,
	"identity.vpcId":                         21, // vpc- and 17 hex digits
	"identity.vpceId":                        22, // vpce- and 17 hex digits
	"integration.error":                      absent,
	"integration.integrationStatus":          3,
	"integration.latency":                    3, // milliseconds (45)
	"integration.requestId":                  36,
	"integration.status":                     3,
	"integrationErrorMessage":                absent,
	"integrationLatency":                     3,
	"integrationStatus":                      3,
	"isCanaryRequest":                        5, // false
	"messageDirection":                       2, // IN
	"messageId":                              16,
	"path":                                   22, // /prod/pets/123 and the like
	"protocol":                               8,  // HTTP/1.1
	"requestId":                              36, // a UUID
	"requestTime":                            26, // 29/Nov/2026:15:45:41 +0000
	"requestTimeEpoch":                       13, // epoch milliseconds
	"resourceId":                             6,
	"resourcePath":                           16, // /pets/{petId}
	"responseLatency":                        3,
	"responseLength":                         4,
	"routeKey":                               14, // GET /pets/{id} (HTTP), $default (WebSocket)
	"stage":                                  4,
	"status":                                 3,
	"waf.error":                              absent,
	"waf.latency":                            2,
	"waf.status":                             3,
	"wafResponseCode":                        9, // WAF_ALLOW
	"webaclArn":                              100,
	"xrayTraceId":                            40, // Root=1-5e1b4151-5ac6c58c6f2d5e1f0e7b5e3b
}

// contextVariablePrefixes size the variable families whose last part the
// user chooses ($context.authorizer.claims.email, a Lambda authorizer's
// context keys, overrides), the longest matching prefix first.
var contextVariablePrefixes = map[string]int{
	"authorizer.claims.": 24, // a claim: an email address, a subject
	"authorizer.claims[": 24, // the same, named in brackets
	"authorizer.":        20, // a key of a Lambda authorizer's context
	"requestOverride.":   absent,
	"responseOverride.":  absent,
}

var contextVariable = regexp.MustCompile(`\$context\.[A-Za-z0-9_.]+(\[['"][^'"\]]*['"]\])?`)

// Variable is one $context variable of a format and the size it is
// counted at.
type Variable struct {
	Name  string `json:"name"` // without $context.
	Bytes int    `json:"bytes"`
	Known bool   `json:"known"` // false: not in the table, counted at DefaultVariableBytes
}

// AccessLog is the size of the access log event a format produces.
type AccessLog struct {
	Style        string     `json:"style"`         // json, xml, csv or clf
	LiteralBytes int        `json:"literal_bytes"` // the format without its variables
	Variables    []Variable `json:"variables"`
	Bytes        int        `json:"bytes"` // LiteralBytes + the variables' bytes
}

// AccessLogBytes sizes the event a format produces. JSON, XML, CSV and CLF
// formats are read alike: whatever is not a $context variable is written
// as it is.
func AccessLogBytes(format string) AccessLog {
	al := AccessLog{Style: FormatStyle(format)}
	rest := format
	for _, loc := range contextVariable.FindAllStringIndex(format, -1) {
		name := strings.TrimPrefix(format[loc[0]:loc[1]], "$context.")
		trail := len(name) - len(strings.TrimRight(name, "."))
		name = name[:len(name)-trail]
		al.Variables = append(al.Variables, variableSize(name))
		rest = strings.Replace(rest, format[loc[0]:loc[1]-trail], "", 1)
	}
	al.LiteralBytes = len(rest)
	al.Bytes = al.LiteralBytes
	for _, v := range al.Variables {
		al.Bytes += v.Bytes
	}
	return al
}

func variableSize(name string) Variable {
	if n, ok := contextVariableBytes[name]; ok {
		return Variable{Name: name, Bytes: n, Known: true}
	}
	// The longest prefix that names a family.
	prefixes := make([]string, 0, len(contextVariablePrefixes))
	for p := range contextVariablePrefixes {
		prefixes = append(prefixes, p)
	}
	sort.Slice(prefixes, func(i, j int) bool { return len(prefixes[i]) > len(prefixes[j]) })
	for _, p := range prefixes {
		if strings.HasPrefix(name, p) {
			return Variable{Name: name, Bytes: contextVariablePrefixes[p], Known: true}
		}
	}
	return Variable{Name: name, Bytes: DefaultVariableBytes}
}

// FormatStyle names the style of a format, as API Gateway's console offers
// them: JSON ({...}), XML (<...>), CSV (variables separated by commas) or
// CLF (by spaces, the Common Log Format).
func FormatStyle(format string) string {
	f := strings.TrimSpace(format)
	switch {
	case strings.HasPrefix(f, "{"):
		return StyleJSON
	case strings.HasPrefix(f, "<"):
		return StyleXML
	case strings.Count(f, ",") >= strings.Count(f, " ") && strings.Contains(f, ","):
		return StyleCSV
	}
	return StyleCLF
}
