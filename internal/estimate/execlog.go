package estimate

// Execution logs (REST method settings; WebSocket default route settings):
// API Gateway writes a request's processing as a series of log events, one
// line each, to the log group API-Gateway-Execution-Logs_{api-id}/{stage}.
// At ERROR it writes only the lines of requests that fail; at INFO every
// request's trace; data trace (data_trace_enabled, "log full
// requests/responses data") adds the parameters, headers and bodies.
//
// The lines below are the ones AWS documents, with AWS's own example
// values: the knowledge center article "How can I use Amazon API Gateway
// logs for troubleshooting?" (https://repost.aws/knowledge-center/api-gateway-logs)
// and the developer guide's "Execution logging for REST APIs"
// (https://docs.aws.amazon.com/apigateway/latest/developerguide/rest-api-execution-logging.html),
// retrieved 2026-11-29. AWS does not list which lines need data trace: the
// model counts as data trace the lines that carry request or response
// parameters, headers and bodies, and everything else as INFO.

// ExecutionLinePrefix starts every execution log event: the request id in
// parentheses and a space, "(3323ffe5-6ddf-45c8-896a-b45ec2284cc0) ".
const ExecutionLinePrefix = len("(3323ffe5-6ddf-45c8-896a-b45ec2284cc0) ")

// MaxExecutionEventBytes is the size execution log events are cut to:
// "Log events are truncated at 1 KB" (standard execution logging; the
// developer guide, retrieved 2026-11-29). Execution logs delivered through
// a CloudWatch Logs delivery (up to 1 MB events, since 2026-09-10) are not
// what method settings configure, and not modelled.
const MaxExecutionEventBytes = 1024

// infoLines are written for every request at INFO: authorization and
// usage plan checks, the start, the integration call and the completion.
// A request through a Lambda integration is the example.
var infoLines = []string{
	"Extended Request Id: UBuxiEZSIAMFQ1Q=",
	"Verifying Usage Plan for request: 3323ffe5-6ddf-45c8-896a-b45ec2284cc0. API Key:  API Stage: a1b2c3d4e5/prod",
	"API Key  authorized because method 'GET /pets/{petId}' does not require API Key. Request will not contribute to throttle or quota limits",
	"Usage Plan check succeeded for API Key  and API Stage a1b2c3d4e5/prod",
	"Starting execution for request: 3323ffe5-6ddf-45c8-896a-b45ec2284cc0",
	"HTTP Method: GET, Resource Path: /pets/123",
	"Endpoint request URI: https://lambda.us-east-1.amazonaws.com/2015-03-31/functions/arn:aws:lambda:us-east-1:123456789012:function:pets/invocations",
	"Sending request to https://lambda.us-east-1.amazonaws.com/2015-03-31/functions/arn:aws:lambda:us-east-1:123456789012:function:pets/invocations",
	"Received response. Status: 200, Integration latency: 45 ms",
	"Successfully completed execution",
	"Method completed with status: 200",
}

// errorLines are written for a request that fails, at ERROR and at INFO:
// why, and the status it completed with. At INFO the status line is
// already among infoLines, so only the first is added there. The model
// counts every 4XX and 5XX response as failing.
var errorLines = []string{
	"Execution failed due to configuration error: Malformed Lambda proxy response",
	"Method completed with status: 502",
}

// The header maps data trace logs, as API Gateway prints them ({Name=value,
// ...}), for a browser request to an edge-optimized API with a Lambda
// integration.
const (
	methodRequestHeaders = "{Accept=application/json, Accept-Encoding=gzip, deflate, br, Accept-Language=en-US,en;q=0.9, " +
		"CloudFront-Forwarded-Proto=https, CloudFront-Is-Desktop-Viewer=true, CloudFront-Is-Mobile-Viewer=false, " +
		"CloudFront-Is-SmartTV-Viewer=false, CloudFront-Is-Tablet-Viewer=false, CloudFront-Viewer-ASN=16509, " +
		"CloudFront-Viewer-Country=US, Host=a1b2c3d4e5.execute-api.us-east-1.amazonaws.com, " +
		"User-Agent=Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0.0.0 Safari/537.36, " +
		"Via=2.0 7a1b6c0e4e9d6f3f0d5c3a1b2c3d4e5f.cloudfront.net (CloudFront), " +
		"X-Amz-Cf-Id=Yx3nQnD3dJ8xQ6uN0s6m9vE2YHkz4bJkq6oZyq8yJ0E2v6R7q3w1bA==, " +
		"X-Amzn-Trace-Id=Root=1-5e1b4151-5ac6c58c6f2d5e1f0e7b5e3b, X-Forwarded-For=203.0.113.10, 130.176.0.1, " +
		"X-Forwarded-Port=443, X-Forwarded-Proto=https}"
	// The integration request carries a SigV4 Authorization header (logged
	// as asterisks) and a session token: together they pass 1 KB, so the
	// event is always truncated.
	endpointRequestHeadersBytes = MaxExecutionEventBytes
	endpointResponseHeaders     = "{Date=Sun, 29 Nov 2026 15:45:41 GMT, Content-Type=application/json, Content-Length=1024, " +
		"Connection=keep-alive, x-amzn-RequestId=8d3f9a2e-1b4c-4e5f-9a6b-7c8d9e0f1a2b, x-amzn-Remapped-Content-Length=0, " +
		"X-Amz-Executed-Version=$LATEST, X-Amzn-Trace-Id=root=1-5e1b4151-5ac6c58c6f2d5e1f0e7b5e3b;sampled=0}"
	methodResponseHeaders = "{Content-Type=application/json, X-Amzn-Trace-Id=Root=1-5e1b4151-5ac6c58c6f2d5e1f0e7b5e3b;Sampled=0}"
)

// LambdaProxyEnvelopeBytes is what a Lambda proxy integration wraps the
// request body in: the event's resource, path, method, headers (again),
// multiValueHeaders and requestContext, about 1.5 KB before the body. So
// the "Endpoint request body after transformations" event is truncated
// whatever the payload; the model assumes a proxy integration, the most
// common one.
// Source: the Lambda proxy integration input format,
// https://docs.aws.amazon.com/apigateway/latest/developerguide/set-up-lambda-proxy-integrations.html
// (retrieved 2026-11-29).
const LambdaProxyEnvelopeBytes = 1500

// lambdaProxyResponseEnvelope is what a proxy response wraps the body in:
// {"statusCode":200,"headers":{"Content-Type":"application/json"},"body":"..."}.
const lambdaProxyResponseEnvelope = len(`{"statusCode":200,"headers":{"Content-Type":"application/json"},"body":""}`)

// ExecutionEvent is one kind of execution log event and its size.
type ExecutionEvent struct {
	Line  string  `json:"line"`
	Bytes int     `json:"bytes"`           // with the request id prefix, at most MaxExecutionEventBytes
	Per   float64 `json:"per_request"`     // how many a request writes: 1, or the error rate
	Trace bool    `json:"data_trace"`      // written only with data trace
	Error bool    `json:"error,omitempty"` // written only for failing requests
}

// ExecutionLog is what execution logging writes per request.
type ExecutionLog struct {
	Level     string           `json:"level"`
	DataTrace bool             `json:"data_trace"`
	Events    []ExecutionEvent `json:"events"`
	// EventsPerRequest and BytesPerRequest weigh each event by how many a
	// request writes.
	EventsPerRequest float64 `json:"events_per_request"`
	BytesPerRequest  float64 `json:"bytes_per_request"`
}

func eventBytes(text string) int {
	return min(ExecutionLinePrefix+len(text), MaxExecutionEventBytes)
}

func sized(label string, n int) int {
	return min(ExecutionLinePrefix+len(label)+n, MaxExecutionEventBytes)
}

// ExecutionLogBytes is what execution logging at a level ("ERROR" or
// "INFO") writes per request, with or without data trace, for a share of
// failing requests and a request and response body size.
func ExecutionLogBytes(level string, dataTrace bool, errorRate float64, payloadBytes int) ExecutionLog {
	el := ExecutionLog{Level: level, DataTrace: dataTrace && level == "INFO"}
	add := func(e ExecutionEvent) { el.Events = append(el.Events, e) }
	switch level {
	case "ERROR":
		for _, l := range errorLines {
			add(ExecutionEvent{Line: l, Bytes: eventBytes(l), Per: errorRate, Error: true})
		}
	case "INFO":
		for _, l := range infoLines {
			add(ExecutionEvent{Line: l, Bytes: eventBytes(l), Per: 1})
		}
		add(ExecutionEvent{Line: errorLines[0], Bytes: eventBytes(errorLines[0]), Per: errorRate, Error: true})
		if el.DataTrace {
			for _, e := range dataTraceEvents(payloadBytes) {
				add(e)
			}
		}
	}
	for _, e := range el.Events {
		el.EventsPerRequest += e.Per
		el.BytesPerRequest += e.Per * float64(e.Bytes)
	}
	return el
}

// dataTraceEvents are the lines data trace adds to INFO: the method
// request's path, query string, headers and body, the integration's
// request headers and body and response headers and body, and the method
// response's body and headers. Bodies are the payload, cut at 1 KB.
func dataTraceEvents(payload int) []ExecutionEvent {
	trace := func(label string, n int) ExecutionEvent {
		return ExecutionEvent{Line: label + "…", Bytes: sized(label, n), Per: 1, Trace: true}
	}
	line := func(text string) ExecutionEvent {
		return ExecutionEvent{Line: text, Bytes: eventBytes(text), Per: 1, Trace: true}
	}
	return []ExecutionEvent{
		line("Method request path: {petId=123}"),
		line("Method request query string: {}"),
		line("Method request headers: " + methodRequestHeaders),
		trace("Method request body before transformations: ", payload),
		{Line: "Endpoint request headers: {x-amzn-lambda-integration-tag=…, Authorization=****…, X-Amz-Security-Token=…}", Bytes: endpointRequestHeadersBytes, Per: 1, Trace: true},
		trace("Endpoint request body after transformations: ", LambdaProxyEnvelopeBytes+payload),
		line("Endpoint response headers: " + endpointResponseHeaders),
		trace("Endpoint response body before transformations: ", lambdaProxyResponseEnvelope+payload),
		trace("Method response body after transformations: ", payload),
		line("Method response headers: " + methodResponseHeaders),
	}
}
