package estimate

import (
	"strings"
	"testing"

	"github.com/tfcomply/tfcomply/internal/controls/apigateway"
)

// The four styles API Gateway's console offers, with the example formats
// of the developer guide's "Set up CloudWatch logging for REST APIs".
func TestAccessLogFormatStyles(t *testing.T) {
	cases := []struct {
		style, format string
		vars          []string
	}{
		{StyleCLF, `$context.identity.sourceIp $context.identity.caller $context.identity.user [$context.requestTime] "$context.httpMethod $context.resourcePath $context.protocol" $context.status $context.responseLength $context.requestId $context.extendedRequestId`,
			[]string{"identity.sourceIp", "identity.caller", "identity.user", "requestTime", "httpMethod", "resourcePath", "protocol", "status", "responseLength", "requestId", "extendedRequestId"}},
		{StyleJSON, `{ "requestId":"$context.requestId", "extendedRequestId":"$context.extendedRequestId","ip": "$context.identity.sourceIp", "caller":"$context.identity.caller", "user":"$context.identity.user", "requestTime":"$context.requestTime", "httpMethod":"$context.httpMethod", "resourcePath":"$context.resourcePath", "status":"$context.status", "protocol":"$context.protocol", "responseLength":"$context.responseLength" }`,
			[]string{"requestId", "extendedRequestId", "identity.sourceIp", "identity.caller", "identity.user", "requestTime", "httpMethod", "resourcePath", "status", "protocol", "responseLength"}},
		{StyleXML, `<request id="$context.requestId"> <extendedRequestId>$context.extendedRequestId</extendedRequestId> <ip>$context.identity.sourceIp</ip> <caller>$context.identity.caller</caller> <user>$context.identity.user</user> <requestTime>$context.requestTime</requestTime> <httpMethod>$context.httpMethod</httpMethod> <resourcePath>$context.resourcePath</resourcePath> <status>$context.status</status> <protocol>$context.protocol</protocol> <responseLength>$context.responseLength</responseLength> </request>`,
			[]string{"requestId", "extendedRequestId", "identity.sourceIp", "identity.caller", "identity.user", "requestTime", "httpMethod", "resourcePath", "status", "protocol", "responseLength"}},
		{StyleCSV, `$context.identity.sourceIp,$context.identity.caller,$context.identity.user,$context.requestTime,$context.httpMethod,$context.resourcePath,$context.protocol,$context.status,$context.responseLength,$context.requestId,$context.extendedRequestId`,
			[]string{"identity.sourceIp", "identity.caller", "identity.user", "requestTime", "httpMethod", "resourcePath", "protocol", "status", "responseLength", "requestId", "extendedRequestId"}},
	}
	for _, c := range cases {
		al := AccessLogBytes(c.format)
		if al.Style != c.style {
			t.Errorf("%s: style %s", c.style, al.Style)
		}
		var names []string
		want := len(c.format)
		for _, v := range al.Variables {
			names = append(names, v.Name)
			if !v.Known {
				t.Errorf("%s: $context.%s not in the table", c.style, v.Name)
			}
			want += v.Bytes - len("$context."+v.Name)
		}
		if strings.Join(names, " ") != strings.Join(c.vars, " ") {
			t.Errorf("%s: variables %v, want %v", c.style, names, c.vars)
		}
		// The format's text stays; each variable becomes its typical value.
		if al.Bytes != want || al.LiteralBytes+sumVars(al) != al.Bytes {
			t.Errorf("%s: %d bytes, want %d", c.style, al.Bytes, want)
		}
	}
	// The same eleven variables in each style: the styles differ only by
	// their literal text.
	clf, csv := AccessLogBytes(cases[0].format), AccessLogBytes(cases[3].format)
	if clf.Bytes-clf.LiteralBytes != csv.Bytes-csv.LiteralBytes {
		t.Errorf("CLF and CSV variables: %d and %d bytes", clf.Bytes-clf.LiteralBytes, csv.Bytes-csv.LiteralBytes)
	}
}

func sumVars(al AccessLog) int {
	n := 0
	for _, v := range al.Variables {
		n += v.Bytes
	}
	return n
}

func TestAccessLogVariableEdgeCases(t *testing.T) {
	al := AccessLogBytes(`$context.status. $context.authorizer.claims.email $context.authorizer.claims['cognito:username'] $context.somethingNew`)
	got := map[string]Variable{}
	for _, v := range al.Variables {
		got[v.Name] = v
	}
	if v := got["status"]; v.Bytes != 3 {
		t.Errorf("a sentence's full stop is not part of the name: %+v", al.Variables)
	}
	if v := got["authorizer.claims.email"]; v.Bytes != 24 || !v.Known {
		t.Errorf("a claim is sized by its family: %+v", v)
	}
	if v := got["authorizer.claims['cognito:username']"]; v.Bytes != 24 {
		t.Errorf("bracketed claim: %+v", al.Variables)
	}
	if v := got["somethingNew"]; v.Known || v.Bytes != DefaultVariableBytes {
		t.Errorf("unknown variable: %+v", v)
	}
	if AccessLogBytes("").Bytes != 0 {
		t.Error("an empty format writes nothing")
	}
	// The remediation's format: 93 bytes of JSON around six variables.
	if al := AccessLogBytes(apigateway.SuggestedAccessLogFormat); al.Style != StyleJSON || al.Bytes != 192 || len(al.Variables) != 6 {
		t.Errorf("suggested format: %+v", al)
	}
}
