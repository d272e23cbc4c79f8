package estimate

import "testing"

func TestExecutionLogLevels(t *testing.T) {
	errorLvl := ExecutionLogBytes("ERROR", false, 0.01, 1024)
	info := ExecutionLogBytes("INFO", false, 0.01, 1024)
	trace := ExecutionLogBytes("INFO", true, 0.01, 1024)
	if !(errorLvl.BytesPerRequest < info.BytesPerRequest && info.BytesPerRequest < trace.BytesPerRequest) {
		t.Errorf("ERROR %v < INFO %v < INFO+trace %v bytes per request", errorLvl.BytesPerRequest, info.BytesPerRequest, trace.BytesPerRequest)
	}
	// ERROR writes only for failing requests: nothing at a 0% error rate.
	if e := ExecutionLogBytes("ERROR", false, 0, 1024); e.BytesPerRequest != 0 || e.EventsPerRequest != 0 {
		t.Errorf("ERROR without errors: %+v", e)
	}
	if e := ExecutionLogBytes("ERROR", false, 1, 1024); e.EventsPerRequest != float64(len(errorLines)) {
		t.Errorf("ERROR when every request fails: %v events", e.EventsPerRequest)
	}
	// Data trace only at INFO (API Gateway logs data only with INFO).
	if e := ExecutionLogBytes("ERROR", true, 0.01, 1024); e.DataTrace || e.BytesPerRequest != errorLvl.BytesPerRequest {
		t.Errorf("ERROR with data trace: %+v", e)
	}
	if info.EventsPerRequest != float64(len(infoLines))+0.01 {
		t.Errorf("INFO events: %v", info.EventsPerRequest)
	}
	// Every event is cut at 1 KB, whatever the payload.
	big := ExecutionLogBytes("INFO", true, 0, 1<<20)
	for _, e := range big.Events {
		if e.Bytes > MaxExecutionEventBytes || e.Bytes <= ExecutionLinePrefix {
			t.Errorf("event of %d bytes: %s", e.Bytes, e.Line)
		}
	}
	// The payload matters below the cut, not above it.
	small := ExecutionLogBytes("INFO", true, 0, 10)
	if !(small.BytesPerRequest < trace.BytesPerRequest) || big.BytesPerRequest != ExecutionLogBytes("INFO", true, 0, 1<<21).BytesPerRequest {
		t.Errorf("payload: 10 B %v, 1 KB %v, 1 MB %v", small.BytesPerRequest, trace.BytesPerRequest, big.BytesPerRequest)
	}
	// Each documented line counts at its length with the request id prefix.
	if e := info.Events[len(infoLines)-1]; e.Line != "Method completed with status: 200" || e.Bytes != ExecutionLinePrefix+len(e.Line) {
		t.Errorf("last INFO line: %+v", e)
	}
	if n := countTrace(trace); n != 10 {
		t.Errorf("data trace adds %d events, want 10 (method request path, query, headers, body; endpoint request headers, body; endpoint response headers, body; method response body, headers)", n)
	}
}

func countTrace(el ExecutionLog) int {
	n := 0
	for _, e := range el.Events {
		if e.Trace {
			n++
		}
	}
	return n
}
