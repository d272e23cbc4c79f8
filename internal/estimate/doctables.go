package estimate

import (
	"fmt"
	"sort"
	"strings"
)

// The tables of docs/estimate.md that come from the model, so the page
// and the code cannot drift apart (a test compares them).

// VariableTable is the Markdown table of $context variable sizes.
func VariableTable() string {
	var b strings.Builder
	b.WriteString("| `$context.` variable | bytes |\n|---|---:|\n")
	names := make([]string, 0, len(contextVariableBytes))
	for n := range contextVariableBytes {
		names = append(names, n)
	}
	sort.Strings(names)
	for _, n := range names {
		fmt.Fprintf(&b, "| `%s` | %d |\n", n, contextVariableBytes[n])
	}
	prefixes := make([]string, 0, len(contextVariablePrefixes))
	for p := range contextVariablePrefixes {
		prefixes = append(prefixes, p)
	}
	sort.Strings(prefixes)
	for _, p := range prefixes {
		fmt.Fprintf(&b, "| `%s…` | %d |\n", p, contextVariablePrefixes[p])
	}
	fmt.Fprintf(&b, "| any other | %d |\n", DefaultVariableBytes)
	return b.String()
}

// ExecutionEventTable is the Markdown table of execution log events.
func ExecutionEventTable() string {
	var b strings.Builder
	b.WriteString("| level | event (AWS's example text) | bytes | per request |\n|---|---|---:|---|\n")
	row := func(level string, e ExecutionEvent, per string) {
		line := e.Line
		if len(line) > 100 {
			line = line[:96] + " …}"
		}
		fmt.Fprintf(&b, "| %s | `%s` | %d | %s |\n", level, strings.ReplaceAll(line, "|", "\\|"), e.Bytes, per)
	}
	errLvl := ExecutionLogBytes("ERROR", false, 1, DefaultPayloadBytes)
	for _, e := range errLvl.Events {
		row("ERROR", e, "error rate")
	}
	info := ExecutionLogBytes("INFO", true, 1, DefaultPayloadBytes)
	for _, e := range info.Events {
		switch {
		case e.Trace:
			row("INFO + data trace", e, "1")
		case e.Error:
			row("INFO", e, "error rate")
		default:
			row("INFO", e, "1")
		}
	}
	return b.String()
}

// PriceTable is the Markdown table of the embedded prices.
func PriceTable() string {
	var b strings.Builder
	fmt.Fprintf(&b, "Prices of %s, USD.\n\n", EmbeddedPrices.Date)
	b.WriteString("| region | Standard ingestion /GB | Infrequent Access ingestion /GB | storage /GB-month | Firehose /GB | note |\n|---|---:|---:|---:|---:|---|\n")
	for _, name := range EmbeddedPrices.RegionNames() {
		r := EmbeddedPrices.Regions[name]
		fh := "(us-east-1's)"
		if r.FirehosePerGB > 0 {
			fh = fmt.Sprintf("%g", r.FirehosePerGB)
		}
		fmt.Fprintf(&b, "| %s | %g | %g | %g | %s | %s |\n", name, r.CloudWatchLogs[ClassStandard].IngestionPerGB,
			r.CloudWatchLogs[ClassInfrequentAccess].IngestionPerGB, r.CloudWatchLogs[ClassStandard].StoragePerGBMonth, fh, r.Note)
	}
	return b.String()
}
