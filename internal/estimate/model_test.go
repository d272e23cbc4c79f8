package estimate

import (
	"math"
	"testing"
)

// Each constant of the model, at the value its source gives.
func TestModelConstants(t *testing.T) {
	cases := []struct {
		name      string
		got, want float64
	}{
		{"BytesPerGB: AWS bills 2^30-byte GB (5 KB = 5120 bytes)", BytesPerGB, 1073741824},
		{"DaysPerMonth: 365.25 / 12", DaysPerMonth, 30.4375},
		{"StorageHorizonMonths: twelve months of a never-expiring group", StorageHorizonMonths, 12},
		{"EventMetadataBytes: CloudWatch's 26 bytes per stored event", EventMetadataBytes, 26},
		{"StorageCompression: the AWS Pricing Calculator's 0.15 factor", StorageCompression, 0.15},
		{"FirehoseRecordUnit: records rounded up to 5 KB (5120 bytes)", FirehoseRecordUnit, 5120},
		{"MaxExecutionEventBytes: execution log events truncated at 1 KB", MaxExecutionEventBytes, 1024},
		{"ExecutionLinePrefix: (request-id) and a space", float64(ExecutionLinePrefix), 39},
		{"LambdaProxyEnvelopeBytes: a proxy event before its body", LambdaProxyEnvelopeBytes, 1500},
		{"DefaultErrorRate: 1%", DefaultErrorRate, 0.01},
		{"DefaultPayloadBytes: 1 KB bodies", DefaultPayloadBytes, 1024},
		{"DefaultVariableBytes: an unknown $context variable", DefaultVariableBytes, 16},
		{"PerMillion", PerMillion, 1e6},
	}
	for _, c := range cases {
		if c.got != c.want {
			t.Errorf("%s: %v, want %v", c.name, c.got, c.want)
		}
	}
	// Fixed-size variables are their values' lengths.
	for name, example := range map[string]string{
		"requestId":         "3323ffe5-6ddf-45c8-896a-b45ec2284cc0",
		"extendedRequestId": "UBuxiEZSIAMFQ1Q=",
		"requestTime":       "29/Nov/2026:15:45:41 +0000",
		"requestTimeEpoch":  "1796053541000",
		"accountId":         "123456789012",
		"apiId":             "a1b2c3d4e5",
		"domainName":        "a1b2c3d4e5.execute-api.us-east-1.amazonaws.com",
		"protocol":          "HTTP/1.1",
		"status":            "200",
		"xrayTraceId":       "Root=1-5e1b4151-5ac6c58c6f2d5e1f0e7b5e3b",
		"identity.vpceId":   "vpce-0123456789abcdef0",
	} {
		if got := contextVariableBytes[name]; got != len(example) {
			t.Errorf("$context.%s is %d bytes, its value %q is %d", name, got, example, len(example))
		}
	}
	if got := math.Abs(MonthsStored(365) - 365/DaysPerMonth); got > 1e-9 {
		t.Errorf("MonthsStored(365) off by %v", got)
	}
}
