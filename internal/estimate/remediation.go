package estimate

import (
	"fmt"

	"github.com/tfcomply/tfcomply/internal/controls/apigateway"
	"github.com/tfcomply/tfcomply/internal/result"
)

// OptionRemediation names the logging a failing stage's remediation turns on.
const OptionRemediation = "remediation"

// RemediationCost is what the logging a failing stage's remediation turns
// on costs a month (the remediation scan shows and fix applies): access
// logging with the suggested format to a new log group kept 365 days,
// where access logging does not pass, and execution logging (WebSocket:
// route logging) at INFO, where it applies and does not pass. ok is false
// for a result that is not a failing stage, or whose remediation turns on
// no logging.
func RemediationCost(r result.Result, t Traffic, p ResolvedPrices, payloadBytes int) (Option, bool) {
	if r.Kind != result.KindControl || r.Verdict != result.Fail {
		return Option{}, false
	}
	if payloadBytes <= 0 {
		payloadBytes = DefaultPayloadBytes
	}
	b := builder{in: Inputs{Traffic: t, Prices: p, PayloadBytes: payloadBytes}}
	needs := func(aspect string) bool {
		a, ok := r.Aspects[aspect]
		return ok && a.Status != result.StatusPass && a.Status != result.StatusNotApplicable
	}
	var access *AccessPart
	if needs("access") {
		access, _ = b.plannedAccess(apigateway.StageLogging{})
	}
	var exec *ExecutionPart
	if needs("execution") || needs("route") {
		exec = &ExecutionPart{ExecutionLog: ExecutionLogBytes("INFO", false, t.ErrorRate, payloadBytes),
			Destination: b.executionDestination(apigateway.StageLogging{})}
	}
	if access == nil && exec == nil {
		return Option{}, false
	}
	o := b.option(OptionRemediation, access, exec, "")
	o.Title = "the remediation's logging"
	return o, true
}

// RemediationNote says in a line what the remediation's logging costs, for
// the remediation text: "" when the traffic is not known (a cost per
// million requests says little next to a fix).
func RemediationNote(o Option, t Traffic, region string) string {
	if !t.Known {
		return ""
	}
	return fmt.Sprintf("# the logging this turns on: about %s a month (%s GB) in %s at %s requests a month (%s); tfcomply estimate compares every option",
		money(o.USDPerMonth), num(o.GBPerMonth, 1), region, num(t.RequestsPerMonth, 0), t.RequestsSource)
}
