package estimate

import (
	"encoding/json"
	"fmt"
	"os"
	"sort"
	"strings"
	"time"
)

// Metrics is a CloudWatch metrics export: the output of
//
//	aws cloudwatch get-metric-data --metric-data-queries file://queries.json \
//	    --start-time ... --end-time ...
//
// for the AWS/ApiGateway metrics Count, 4XXError and 5XXError (REST, by
// ApiName and Stage) or Count, 4xx and 5xx (HTTP and WebSocket, by ApiId
// and Stage). get-metric-data answers with each query's Id and Label but
// not its dimensions, so each query is labelled "<ApiName or ApiId>
// <Stage> <MetricName>" (docs/estimate.md has a queries file to start
// from).
type Metrics struct {
	File   string
	series map[metricsKey]*metricsSeries
}

type metricsKey struct{ api, stage string }

type metricsSeries struct {
	count, errors4, errors5 *sum
}

// sum is one metric's datapoints, and the days they cover.
type sum struct {
	total float64
	days  float64
	guess bool // a single datapoint: its period is taken to be a month
}

func (s *sum) perMonth() float64 { return s.total * DaysPerMonth / s.days }

type metricDataOutput struct {
	MetricDataResults []struct {
		ID         string    `json:"Id"`
		Label      string    `json:"Label"`
		Timestamps []string  `json:"Timestamps"`
		Values     []float64 `json:"Values"`
	} `json:"MetricDataResults"`
}

// ParseMetrics reads a get-metric-data export.
func ParseMetrics(path string) (*Metrics, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	var out metricDataOutput
	if err := json.Unmarshal(data, &out); err != nil {
		return nil, fmt.Errorf("%s: not get-metric-data JSON: %v", path, err)
	}
	if out.MetricDataResults == nil {
		return nil, fmt.Errorf("%s: no MetricDataResults: expected the output of aws cloudwatch get-metric-data", path)
	}
	m := &Metrics{File: path, series: map[metricsKey]*metricsSeries{}}
	for _, r := range out.MetricDataResults {
		api, stage, metric, err := parseLabel(r.Label)
		if err != nil {
			return nil, fmt.Errorf("%s: result %q: %v", path, r.ID, err)
		}
		if len(r.Values) != len(r.Timestamps) {
			return nil, fmt.Errorf("%s: result %q: %d values for %d timestamps", path, r.ID, len(r.Values), len(r.Timestamps))
		}
		s, err := sumOf(r.Timestamps, r.Values)
		if err != nil {
			return nil, fmt.Errorf("%s: result %q: %v", path, r.ID, err)
		}
		k := metricsKey{api, stage}
		if m.series[k] == nil {
			m.series[k] = &metricsSeries{}
		}
		slot := map[string]**sum{"Count": &m.series[k].count, "4XXError": &m.series[k].errors4, "4xx": &m.series[k].errors4,
			"5XXError": &m.series[k].errors5, "5xx": &m.series[k].errors5}[metric]
		if *slot != nil {
			return nil, fmt.Errorf("%s: result %q: a second %s for %s %s", path, r.ID, metric, api, stage)
		}
		*slot = s
	}
	return m, nil
}

// parseLabel reads "<api> <stage> <metric>"; the API name may have spaces.
func parseLabel(label string) (api, stage, metric string, err error) {
	f := strings.Fields(label)
	if len(f) < 3 {
		return "", "", "", fmt.Errorf("label %q is not \"<ApiName or ApiId> <Stage> <MetricName>\"", label)
	}
	metric = f[len(f)-1]
	switch metric {
	case "Count", "4XXError", "5XXError", "4xx", "5xx":
	default:
		return "", "", "", fmt.Errorf("label %q: metric %q is not Count, 4XXError, 5XXError, 4xx or 5xx", label, metric)
	}
	return strings.Join(f[:len(f)-2], " "), f[len(f)-2], metric, nil
}

// sumOf adds the datapoints and works out the days they cover: as many
// periods as datapoints, the period being the smallest step between
// timestamps. One datapoint is taken to cover a month (the export of a
// month queried with a month-long period).
func sumOf(stamps []string, values []float64) (*sum, error) {
	s := &sum{}
	var ts []time.Time
	for i, v := range values {
		t, err := time.Parse(time.RFC3339, stamps[i])
		if err != nil {
			return nil, fmt.Errorf("timestamp %q: %v", stamps[i], err)
		}
		ts = append(ts, t)
		s.total += v
	}
	if len(ts) < 2 {
		s.days, s.guess = DaysPerMonth, true
		return s, nil
	}
	sort.Slice(ts, func(i, j int) bool { return ts[i].Before(ts[j]) })
	var step time.Duration
	for i := 1; i < len(ts); i++ {
		if d := ts[i].Sub(ts[i-1]); d > 0 && (step == 0 || d < step) {
			step = d
		}
	}
	if step == 0 {
		return nil, fmt.Errorf("all %d datapoints have the same timestamp", len(ts))
	}
	s.days = float64(len(ts)) * step.Hours() / 24
	return s, nil
}

// For gives a stage's figures: requests a month from Count, the error rate
// from 4XX and 5XX errors over Count. The stage is found by ApiName (REST)
// or ApiId (v2) and stage name.
func (m *Metrics) For(k StageKey) (Figures, string, bool) {
	var s *metricsSeries
	var api string
	for _, a := range []string{k.APIName, k.APIID} {
		if a != "" && k.Stage != "" && m.series[metricsKey{a, k.Stage}] != nil {
			s, api = m.series[metricsKey{a, k.Stage}], a
			break
		}
	}
	if s == nil || s.count == nil {
		return Figures{}, "", false
	}
	var f Figures
	req := s.count.perMonth()
	f.RequestsPerMonth = &req
	if (s.errors4 != nil || s.errors5 != nil) && req > 0 {
		errs := 0.0
		for _, e := range []*sum{s.errors4, s.errors5} {
			if e != nil {
				errs += e.perMonth()
			}
		}
		rate := min(errs/req, 1)
		f.ErrorRate = &rate
	}
	from := fmt.Sprintf("metrics %s (%s %s, %.1f days)", m.File, api, k.Stage, s.count.days)
	if s.count.guess {
		from = fmt.Sprintf("metrics %s (%s %s, one datapoint taken as a month)", m.File, api, k.Stage)
	}
	return f, from, true
}
