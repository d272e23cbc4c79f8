package estimate

import (
	"fmt"
	"math"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// A week of daily datapoints, as get-metric-data prints them (newest
// first), for a REST stage and an HTTP API stage (ApiId, 4xx/5xx).
func TestMetricsExportParsed(t *testing.T) {
	var stamps []string
	day := time.Date(2026, 11, 22, 0, 0, 0, 0, time.UTC)
	for i := 6; i >= 0; i-- {
		stamps = append(stamps, fmt.Sprintf("%q", day.AddDate(0, 0, i).Format(time.RFC3339)))
	}
	ts := "[" + strings.Join(stamps, ", ") + "]"
	series := func(id, label string, v float64) string {
		return fmt.Sprintf(`{"Id": %q, "Label": %q, "Timestamps": %s, "Values": [%g, %g, %g, %g, %g, %g, %g], "StatusCode": "Complete"}`, id, label, ts, v, v, v, v, v, v, v)
	}
	m := writeMetrics(t, `{"Messages": [], "MetricDataResults": [`+strings.Join([]string{
		series("count", "orders api prod Count", 1_000_000),
		series("e4", "orders api prod 4XXError", 20_000),
		series("e5", "orders api prod 5XXError", 5_000),
		series("hcount", "a1b2c3d4e5 $default Count", 10_000),
		series("h5", "a1b2c3d4e5 $default 5xx", 100),
	}, ", ")+`]}`)
	f, from, ok := m.For(StageKey{APIName: "orders api", Stage: "prod"})
	if !ok || math.Abs(*f.RequestsPerMonth-1e6*DaysPerMonth) > 1e-3 || math.Abs(*f.ErrorRate-0.025) > 1e-12 || !strings.Contains(from, "7.0 days") {
		t.Errorf("REST stage: %v %v %q", *f.RequestsPerMonth, *f.ErrorRate, from)
	}
	// By ApiId when the name is not what the export uses.
	f, _, ok = m.For(StageKey{APIName: "http-api", APIID: "a1b2c3d4e5", Stage: "$default"})
	if !ok || math.Abs(*f.RequestsPerMonth-1e4*DaysPerMonth) > 1e-6 || math.Abs(*f.ErrorRate-0.01) > 1e-12 {
		t.Errorf("HTTP stage: %+v", f)
	}
	// A stage without 4XX/5XX series has no error rate from the export.
	m2 := writeMetrics(t, `{"MetricDataResults": [{"Id": "c", "Label": "x s Count", "Timestamps": ["2026-11-01T00:00:00Z", "2026-11-01T01:00:00Z"], "Values": [10, 20]}]}`)
	if f, from, ok := m2.For(StageKey{APIName: "x", Stage: "s"}); !ok || f.ErrorRate != nil || math.Abs(*f.RequestsPerMonth-30*24*DaysPerMonth/2) > 1e-9 || !strings.Contains(from, "0.1 days") {
		t.Errorf("hourly, no errors: %+v %q", f, from)
	}
}

func TestMetricsExportErrors(t *testing.T) {
	for _, bad := range []string{
		`{}`,
		`[1, 2]`,
		`{"MetricDataResults": [{"Id": "m1", "Label": "Count", "Timestamps": [], "Values": []}]}`,
		`{"MetricDataResults": [{"Id": "m1", "Label": "orders prod Latency", "Timestamps": [], "Values": []}]}`,
		`{"MetricDataResults": [{"Id": "m1", "Label": "orders prod Count", "Timestamps": ["yesterday"], "Values": [1]}]}`,
		`{"MetricDataResults": [{"Id": "m1", "Label": "orders prod Count", "Timestamps": [], "Values": [1]}]}`,
		`{"MetricDataResults": [{"Id": "a", "Label": "o p Count", "Timestamps": [], "Values": []}, {"Id": "b", "Label": "o p Count", "Timestamps": [], "Values": []}]}`,
	} {
		path := filepath.Join(t.TempDir(), "m.json")
		os.WriteFile(path, []byte(bad), 0o644)
		if _, err := ParseMetrics(path); err == nil {
			t.Errorf("accepted %s", bad)
		}
	}
}
