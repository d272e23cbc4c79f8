package estimate

import (
	"bytes"
	"encoding/json"
	"math"
	"strings"
	"testing"

	"github.com/tfcomply/tfcomply/internal/controls/apigateway"
	"github.com/tfcomply/tfcomply/internal/result"
)

func inputs(requests float64, region string) Inputs {
	return Inputs{Traffic: Traffic{RequestsPerMonth: requests, Known: true, ErrorRate: 0.01},
		Prices: EmbeddedPrices.For(region), PayloadBytes: DefaultPayloadBytes}
}

func restStage(format string, group *apigateway.LogGroup) apigateway.StageLogging {
	st := apigateway.StageLogging{Address: "aws_api_gateway_stage.s", Kind: apigateway.StageKindREST, StageName: "prod",
		Execution: apigateway.ExecutionLogging{Level: "OFF", Known: true}, Access: apigateway.AccessLogging{Known: true}}
	if format != "" {
		st.Access = apigateway.AccessLogging{Known: true, Configured: true, Format: format, FormatKnown: true,
			Destination: apigateway.DestinationCloudWatch, LogGroup: group}
	}
	return st
}

func option(t *testing.T, opts []Option, name string) Option {
	t.Helper()
	for _, o := range opts {
		if o.Name == name {
			return o
		}
	}
	t.Fatalf("no option %s", name)
	return Option{}
}

func TestOptionsOfAStage(t *testing.T) {
	opts, _ := Estimate(restStage("", nil), inputs(1e8, "us-east-1"))
	var names []string
	for _, o := range opts {
		names = append(names, o.Name)
	}
	if strings.Join(names, " ") != "current access execution_error execution_info execution_info_data_trace access_and_execution_info" {
		t.Errorf("options: %v", names)
	}
	cur, acc, errLvl, info, trace, both := opts[0], opts[1], opts[2], opts[3], opts[4], opts[5]
	if cur.USDPerMonth != 0 || cur.Why != "no logging is configured" {
		t.Errorf("current: %+v", cur)
	}
	// Access logging the remediation's way: its format, a new group kept 365 days.
	if acc.Access.FormatSource != "suggested (the remediation's format)" || acc.Access.Destination.RetentionDays != 365 {
		t.Errorf("access: %+v", acc.Access)
	}
	if !(errLvl.USDPerMonth < info.USDPerMonth && info.USDPerMonth < trace.USDPerMonth) {
		t.Errorf("ERROR %v < INFO %v < INFO+trace %v", errLvl.USDPerMonth, info.USDPerMonth, trace.USDPerMonth)
	}
	if math.Abs(both.USDPerMonth-(acc.USDPerMonth+info.USDPerMonth)) > 1e-3 {
		t.Errorf("both %v = access %v + INFO %v", both.USDPerMonth, acc.USDPerMonth, info.USDPerMonth)
	}
	// Execution logs go to API Gateway's own group, which never expires.
	if d := info.Execution.Destination; d.RetentionDays != 0 || d.MonthsStored != 12 || !strings.Contains(d.Target, "API-Gateway-Execution-Logs_") {
		t.Errorf("execution destination: %+v", d)
	}
}

func TestINFOCostsMoreThanERROR(t *testing.T) {
	for _, rate := range []float64{0, 0.01, 0.5, 1} {
		in := inputs(1e7, "us-east-1")
		in.Traffic.ErrorRate = rate
		opts, _ := Estimate(restStage("", nil), in)
		if e, i := option(t, opts, OptionError), option(t, opts, OptionInfo); !(i.USDPerMonth > e.USDPerMonth) {
			t.Errorf("error rate %v: INFO %v, ERROR %v", rate, i.USDPerMonth, e.USDPerMonth)
		}
	}
}

func TestLongerFormatCostsMore(t *testing.T) {
	short := `$context.requestId`
	long := `$context.requestId $context.identity.sourceIp $context.requestTime $context.httpMethod $context.resourcePath $context.status $context.identity.userAgent`
	a, _ := Estimate(restStage(short, nil), inputs(1e8, "us-east-1"))
	b, _ := Estimate(restStage(long, nil), inputs(1e8, "us-east-1"))
	if !(option(t, b, OptionCurrent).USDPerMonth > option(t, a, OptionCurrent).USDPerMonth) ||
		!(option(t, b, OptionAccess).GBPerMonth > option(t, a, OptionAccess).GBPerMonth) {
		t.Errorf("short %v, long %v", option(t, a, OptionCurrent).USDPerMonth, option(t, b, OptionCurrent).USDPerMonth)
	}
}

func TestRetention(t *testing.T) {
	days := func(d int) *apigateway.LogGroup {
		return &apigateway.LogGroup{Address: "aws_cloudwatch_log_group.g", Class: ClassStandard, RetentionDays: d, RetentionKnown: true}
	}
	cost := func(g *apigateway.LogGroup) (Option, Component) {
		opts, _ := Estimate(restStage("$context.requestId $context.status", g), inputs(1e8, "us-east-1"))
		o := option(t, opts, OptionCurrent)
		for _, c := range o.Components {
			if c.Charge == ChargeStorage {
				return o, c
			}
		}
		t.Fatal("no storage")
		return o, Component{}
	}
	thirty, s30 := cost(days(30))
	never, sNever := cost(days(0))
	decade, sDecade := cost(days(3653))
	if !(thirty.USDPerMonth < never.USDPerMonth) {
		t.Errorf("30 days %v must cost less than never expiring %v", thirty.USDPerMonth, never.USDPerMonth)
	}
	// A group that never expires holds 12 months of logs in the 12th month;
	// 30 days hold 30/30.44 of a month's; ten years, like never, 12 months.
	if sNever.MonthsStored != 12 || math.Abs(s30.MonthsStored-30/DaysPerMonth) > 1e-4 || sDecade.MonthsStored != 12 || decade.USDPerMonth != never.USDPerMonth {
		t.Errorf("months stored: never %v, 30 days %v, 3653 days %v", sNever.MonthsStored, s30.MonthsStored, sDecade.MonthsStored)
	}
	if r := sNever.USD / s30.USD; math.Abs(r-12/(30/DaysPerMonth)) > 0.01 {
		t.Errorf("storage ratio never/30 days: %v", r)
	}
	// Unknown retention: never expiring assumed, and said so.
	unknown := &apigateway.LogGroup{Address: "aws_cloudwatch_log_group.g", Class: ClassStandard}
	o, s := cost(unknown)
	if s.MonthsStored != 12 || !strings.Contains(o.Access.Destination.Assumed, "retention_in_days is unknown") {
		t.Errorf("unknown retention: %+v", o.Access.Destination)
	}
	// A log group not declared here: Standard, never expiring, assumed.
	o, _ = cost(nil)
	if o.Access.Destination.MonthsStored != 12 || o.Access.Destination.Assumed == "" {
		t.Errorf("undeclared group: %+v", o.Access.Destination)
	}
}

func TestLogClassAndRegionPricing(t *testing.T) {
	ia := &apigateway.LogGroup{Address: "g", Class: ClassInfrequentAccess, RetentionDays: 30, RetentionKnown: true}
	std := &apigateway.LogGroup{Address: "g", Class: ClassStandard, RetentionDays: 30, RetentionKnown: true}
	f := "$context.requestId $context.status"
	a, _ := Estimate(restStage(f, ia), inputs(1e8, "us-east-1"))
	b, _ := Estimate(restStage(f, std), inputs(1e8, "us-east-1"))
	ingest := func(o Option) Component { return o.Components[0] }
	if ci, cs := ingest(option(t, a, OptionCurrent)), ingest(option(t, b, OptionCurrent)); ci.PricePerGB != 0.25 || cs.PricePerGB != 0.50 || ci.LogClass != ClassInfrequentAccess || math.Abs(ci.USD*2-cs.USD) > 1e-3 {
		t.Errorf("IA %+v, Standard %+v", ci, cs)
	}
	fra, _ := Estimate(restStage(f, std), inputs(1e8, "eu-central-1"))
	if c := ingest(option(t, fra, OptionCurrent)); c.PricePerGB != 0.63 {
		t.Errorf("Frankfurt: %+v", c)
	}
}

func TestFirehoseBilledPerRoundedRecord(t *testing.T) {
	for in, want := range map[int]int{0: 0, 1: 5120, 200: 5120, 5120: 5120, 5121: 10240, 3 * 1024: 5120, 12 * 1024: 15360, 42 * 1024: 45 * 1024} {
		if got := FirehoseBilledBytes(in); got != want {
			t.Errorf("%d bytes billed as %d, want %d", in, got, want)
		}
	}
	st := restStage("", nil)
	st.Access = apigateway.AccessLogging{Known: true, Configured: true, Format: "$context.requestId $context.status", FormatKnown: true,
		Destination: apigateway.DestinationFirehose, Stream: "amazon-apigateway-logs"}
	opts, _ := Estimate(st, inputs(1e8, "us-east-1"))
	o := option(t, opts, OptionCurrent)
	if len(o.Components) != 1 {
		t.Fatalf("components: %+v", o.Components)
	}
	c := o.Components[0]
	// A 40-byte record is billed as 5 KB: 1e8 × 5120 / 2^30 GB at $0.029.
	wantGB := 1e8 * 5120 / float64(BytesPerGB)
	if c.Charge != ChargeFirehose || c.BytesPerRequest != 5120 || math.Abs(c.GB-wantGB) > 1e-5 || math.Abs(c.USD-wantGB*0.029) > 1e-3 {
		t.Errorf("firehose: %+v", c)
	}
	// What is written is the record, not what is billed.
	if o.BytesPerRequest != 40 {
		t.Errorf("bytes per request: %v", o.BytesPerRequest)
	}
}

func TestUnknownCurrentConfiguration(t *testing.T) {
	st := restStage("", nil)
	st.Execution.Known = false
	opts, _ := Estimate(st, inputs(1e6, "us-east-1"))
	if cur := opts[0]; cur.Known || !strings.Contains(cur.Why, "execution logging level") {
		t.Errorf("current: %+v", cur)
	}
	st = restStage("x", nil)
	st.Access.FormatKnown, st.Access.Format = false, ""
	opts, notes := Estimate(st, inputs(1e6, "us-east-1"))
	if !opts[0].Known || !strings.HasPrefix(opts[0].Access.FormatSource, "assumed") || len(notes) == 0 {
		t.Errorf("unknown format: %+v %v", opts[0].Access, notes)
	}
}

func TestHTTPStagesHaveAccessLoggingOnly(t *testing.T) {
	st := apigateway.StageLogging{Address: "aws_apigatewayv2_stage.s", Kind: apigateway.StageKindHTTP,
		Execution: apigateway.ExecutionLogging{Level: "OFF", Known: true}, Access: apigateway.AccessLogging{Known: true}}
	opts, _ := Estimate(st, inputs(1e6, "us-east-1"))
	for _, o := range opts {
		applicable := o.Name == OptionCurrent || o.Name == OptionAccess
		if o.Applicable != applicable {
			t.Errorf("%s applicable = %v", o.Name, o.Applicable)
		}
	}
}

// The JSON's figures can be redone by hand: every component's gb is
// requests × bytes_per_request (× months_stored) / bytes_per_gb and its usd
// gb × price_per_gb; an option's usd is the sum, its gb requests ×
// bytes_per_request / bytes_per_gb.
func TestJSONFiguresCheckByHand(t *testing.T) {
	group := &apigateway.LogGroup{Address: "g", Class: ClassStandard, RetentionDays: 90, RetentionKnown: true}
	opts, _ := Estimate(restStage(apigateway.SuggestedAccessLogFormat, group), inputs(123_456_789, "ap-northeast-1"))
	rep := &Report{Model: Assumptions{BytesPerGB: BytesPerGB}, Stages: []StageEstimate{{Address: "s", Options: opts,
		Traffic: Traffic{RequestsPerMonth: 123_456_789, Known: true}}}}
	var buf bytes.Buffer
	if err := JSON(&buf, rep); err != nil {
		t.Fatal(err)
	}
	var doc struct {
		Model struct {
			BytesPerGB float64 `json:"bytes_per_gb"`
		}
		Stages []struct {
			Traffic struct {
				Requests float64 `json:"requests_per_month"`
			}
			Options []struct {
				Name            string
				Requests        float64  `json:"requests"`
				BytesPerRequest float64  `json:"bytes_per_request"`
				GB              float64  `json:"gb_per_month"`
				PricePerGB      *float64 `json:"price_per_gb"`
				IngestionUSD    float64  `json:"ingestion_usd"`
				StorageUSD      float64  `json:"storage_usd"`
				USD             float64  `json:"usd_per_month"`
				Components      []struct {
					Charge          string  `json:"charge"`
					Requests        float64 `json:"requests"`
					BytesPerRequest float64 `json:"bytes_per_request"`
					MonthsStored    float64 `json:"months_stored"`
					GB              float64 `json:"gb"`
					PricePerGB      float64 `json:"price_per_gb"`
					USD             float64 `json:"usd"`
				}
			}
		}
	}
	if err := json.Unmarshal(buf.Bytes(), &doc); err != nil {
		t.Fatal(err)
	}
	gbPer := doc.Model.BytesPerGB
	for _, o := range doc.Stages[0].Options {
		if o.Name == OptionError || o.Name == OptionCurrent && o.USD == 0 {
			continue
		}
		if want := o.Requests * o.BytesPerRequest / gbPer; math.Abs(o.GB-want) > 1e-5 || o.Requests != doc.Stages[0].Traffic.Requests {
			t.Errorf("%s: gb %v, requests × bytes / GB = %v", o.Name, o.GB, want)
		}
		// One ingestion price: ingestion = volume × price.
		if o.PricePerGB == nil || math.Abs(o.IngestionUSD-o.GB**o.PricePerGB) > 1e-3 {
			t.Errorf("%s: ingestion %v, gb × price %v", o.Name, o.IngestionUSD, o.PricePerGB)
		}
		if math.Abs(o.USD-(o.IngestionUSD+o.StorageUSD)) > 1e-9 {
			t.Errorf("%s: usd %v, ingestion + storage %v", o.Name, o.USD, o.IngestionUSD+o.StorageUSD)
		}
		sum := 0.0
		for _, c := range o.Components {
			gb := c.Requests * c.BytesPerRequest / gbPer
			if c.Charge == ChargeStorage {
				gb *= c.MonthsStored
			}
			if math.Abs(c.GB-gb) > 1e-4*math.Max(1, gb) {
				t.Errorf("%s %s: gb %v, by hand %v", o.Name, c.Charge, c.GB, gb)
			}
			if math.Abs(c.USD-c.GB*c.PricePerGB) > 1e-4 {
				t.Errorf("%s %s: usd %v, gb × price %v", o.Name, c.Charge, c.USD, c.GB*c.PricePerGB)
			}
			sum += c.USD
		}
		if math.Abs(o.USD-sum) > 1e-3 {
			t.Errorf("%s: usd %v, components %v", o.Name, o.USD, sum)
		}
	}
}

func TestRemediationCost(t *testing.T) {
	r := result.Result{Kind: result.KindControl, Verdict: result.Fail, Aspects: map[string]result.Aspect{
		"execution": {Status: result.StatusFail}, "access": {Status: result.StatusFail}, "route": {Status: result.StatusNotApplicable}}}
	in := inputs(1e8, "us-east-1")
	o, ok := RemediationCost(r, in.Traffic, in.Prices, 0)
	opts, _ := Estimate(restStage("", nil), in)
	// The REST remediation adds access logging and INFO: the "both" option.
	if !ok || math.Abs(o.USDPerMonth-option(t, opts, OptionBoth).USDPerMonth) > 1e-3 {
		t.Errorf("remediation %v, access + INFO %v", o.USDPerMonth, option(t, opts, OptionBoth).USDPerMonth)
	}
	// Only what fails is added.
	r.Aspects["execution"] = result.Aspect{Status: result.StatusPass}
	o, _ = RemediationCost(r, in.Traffic, in.Prices, 0)
	if o.Execution != nil || math.Abs(o.USDPerMonth-option(t, opts, OptionAccess).USDPerMonth) > 1e-3 {
		t.Errorf("access only: %+v", o)
	}
	if note := RemediationNote(o, in.Traffic, "us-east-1"); !strings.Contains(note, "a month") || !strings.Contains(note, "100,000,000 requests") {
		t.Errorf("note: %q", note)
	}
	if RemediationNote(o, Traffic{}, "us-east-1") != "" {
		t.Error("no note without traffic")
	}
	r.Verdict = result.Pass
	if _, ok := RemediationCost(r, in.Traffic, in.Prices, 0); ok {
		t.Error("a passing stage needs no remediation")
	}
}
