package estimate

import (
	"fmt"
	"math"

	"github.com/tfcomply/tfcomply/internal/controls/apigateway"
)

// Options a stage is estimated under, in the order they are shown: what
// is configured now, then each way to pass the control.
const (
	OptionCurrent       = "current"
	OptionAccess        = "access"
	OptionError         = "execution_error"
	OptionInfo          = "execution_info"
	OptionInfoDataTrace = "execution_info_data_trace"
	OptionBoth          = "access_and_execution_info"
)

var optionTitles = map[string]string{
	OptionCurrent:       "current configuration",
	OptionAccess:        "access logging only",
	OptionError:         "execution logging ERROR",
	OptionInfo:          "execution logging INFO",
	OptionInfoDataTrace: "execution INFO + data trace",
	OptionBoth:          "access + execution INFO",
}

// Charges a component can be.
const (
	ChargeIngestion = "cloudwatch_logs_ingestion"
	ChargeStorage   = "cloudwatch_logs_storage"
	ChargeFirehose  = "firehose_ingestion"
)

// Inputs are what a stage is estimated with besides its configuration.
type Inputs struct {
	Traffic      Traffic
	Prices       ResolvedPrices
	PayloadBytes int // request and response body size, for data trace
}

// Destination is where an option's log goes and how long it stays.
type Destination struct {
	Kind          string `json:"kind"` // cloudwatch or firehose
	Target        string `json:"target,omitempty"`
	LogClass      string `json:"log_class,omitempty"`
	RetentionDays int    `json:"retention_days"` // 0: never expires
	// MonthsStored is how many months of logs the group holds in the
	// twelfth month: min(retention, 12 months).
	MonthsStored float64 `json:"months_stored,omitempty"`
	Assumed      string  `json:"assumed,omitempty"` // what was assumed, and why
}

// AccessPart is an option's access logging.
type AccessPart struct {
	Format       string      `json:"format"`
	FormatSource string      `json:"format_source"` // configured, suggested (the remediation's), or assumed
	Log          AccessLog   `json:"log"`
	Destination  Destination `json:"destination"`
}

// ExecutionPart is an option's execution logging.
type ExecutionPart struct {
	ExecutionLog
	Destination Destination `json:"destination"`
}

// Component is one line of the bill, which anyone can check by hand:
// gb = requests × bytes_per_request (× months_stored) / bytes_per_gb and
// usd = gb × price_per_gb.
type Component struct {
	Log             string  `json:"log"` // access or execution
	Charge          string  `json:"charge"`
	LogClass        string  `json:"log_class,omitempty"`
	Requests        float64 `json:"requests"`
	BytesPerRequest float64 `json:"bytes_per_request"`
	MonthsStored    float64 `json:"months_stored,omitempty"`
	GB              float64 `json:"gb"`
	PricePerGB      float64 `json:"price_per_gb"` // per GB, or per GB-month for storage
	USD             float64 `json:"usd"`
	Explain         string  `json:"explain"`
}

// Option is one logging configuration of a stage and what it costs a month.
type Option struct {
	Name       string         `json:"name"`
	Title      string         `json:"title"`
	Applicable bool           `json:"applicable"`
	Known      bool           `json:"known"` // false: the current configuration cannot be known from this input
	Why        string         `json:"why,omitempty"`
	Access     *AccessPart    `json:"access,omitempty"`
	Execution  *ExecutionPart `json:"execution,omitempty"`
	// Requests and BytesPerRequest (what the option writes per request,
	// access and execution logs, before any rounding or compression) give
	// GBPerMonth = requests × bytes_per_request / bytes_per_gb.
	Requests        float64 `json:"requests"`
	BytesPerRequest float64 `json:"bytes_per_request"`
	GBPerMonth      float64 `json:"gb_per_month"`
	// PricePerGB is the ingestion price when every log of the option is
	// ingested by CloudWatch Logs at one price: then IngestionUSD =
	// gb_per_month × price_per_gb. Absent otherwise (Firehose bills
	// rounded records; two log classes have two prices): see the components.
	PricePerGB   *float64    `json:"price_per_gb,omitempty"`
	IngestionUSD float64     `json:"ingestion_usd"` // CloudWatch Logs ingestion and Firehose
	StorageUSD   float64     `json:"storage_usd"`   // CloudWatch Logs storage in the twelfth month
	USDPerMonth  float64     `json:"usd_per_month"` // ingestion_usd + storage_usd: the sum of the components
	Components   []Component `json:"components"`
}

// Estimate works out every option of a stage.
func Estimate(st apigateway.StageLogging, in Inputs) ([]Option, []string) {
	b := builder{in: in}
	var notes []string
	access, accessNote := b.plannedAccess(st)
	if accessNote != "" {
		notes = append(notes, accessNote)
	}
	execDest := b.executionDestination(st)
	execNA := ""
	switch st.Kind {
	case apigateway.StageKindHTTP:
		execNA = "HTTP APIs have access logging only"
	case apigateway.StageKindWebSocket, apigateway.StageKindV2:
		notes = append(notes, "execution logging of an HTTP/WebSocket stage is WebSocket route logging (default_route_settings); it is modelled on REST execution logs")
	}
	if st.Kind == apigateway.StageKindImplicit {
		notes = append(notes, "a stage created by a deployment's stage_name cannot carry access logs: the access options need an aws_api_gateway_stage")
	}
	exec := func(level string, trace bool) *ExecutionPart {
		return &ExecutionPart{ExecutionLog: ExecutionLogBytes(level, trace, in.Traffic.ErrorRate, in.PayloadBytes), Destination: execDest}
	}
	opts := []Option{b.current(st, execDest)}
	opts = append(opts, b.option(OptionAccess, access, nil, ""))
	opts = append(opts, b.option(OptionError, nil, exec("ERROR", false), execNA))
	opts = append(opts, b.option(OptionInfo, nil, exec("INFO", false), execNA))
	opts = append(opts, b.option(OptionInfoDataTrace, nil, exec("INFO", true), execNA))
	opts = append(opts, b.option(OptionBoth, access, exec("INFO", false), execNA))
	return opts, notes
}

type builder struct{ in Inputs }

// plannedAccess is the access logging an option turns on: the stage's own
// when it has it, else the remediation's (its format, to a new log group
// kept 365 days).
func (b builder) plannedAccess(st apigateway.StageLogging) (*AccessPart, string) {
	a := st.Access
	if !a.Configured {
		return b.accessPart(apigateway.SuggestedAccessLogFormat, "suggested (the remediation's format)", withMonths(Destination{
			Kind: apigateway.DestinationCloudWatch, Target: "the remediation's new log group", LogClass: ClassStandard,
			RetentionDays: apigateway.SuggestedAccessLogRetentionDays})), ""
	}
	format, source, note := a.Format, "configured", ""
	if !a.FormatKnown {
		format, source = apigateway.SuggestedAccessLogFormat, "assumed (the configured format is unknown; the remediation's is used)"
		note = "the access log format is unknown from this input: sized as the remediation's format"
	}
	if a.Destination == apigateway.DestinationFirehose {
		target := a.Stream
		if target == "" {
			target = "a Firehose delivery stream"
		}
		return b.accessPart(format, source, Destination{Kind: apigateway.DestinationFirehose, Target: target}), note
	}
	return b.accessPart(format, source, groupDestination(a.LogGroup, "the access log group", false)), note
}

func (b builder) accessPart(format, source string, d Destination) *AccessPart {
	return &AccessPart{Format: format, FormatSource: source, Log: AccessLogBytes(format), Destination: d}
}

// executionDestination is where execution logs go: API Gateway's own log
// group, or the group the configuration declares under its name.
func (b builder) executionDestination(st apigateway.StageLogging) Destination {
	if st.ExecutionLogGroup != nil {
		return groupDestination(st.ExecutionLogGroup, "the execution log group", true)
	}
	return withMonths(Destination{Kind: apigateway.DestinationCloudWatch, Target: apigateway.ExecutionLogGroupPrefix + "{api-id}/" + stageOr(st.StageName),
		LogClass: ClassStandard, Assumed: "API Gateway creates this group without a retention: it never expires"})
}

func stageOr(s string) string {
	if s == "" {
		return "{stage}"
	}
	return s
}

// groupDestination reads a declared log group's class and retention.
func groupDestination(g *apigateway.LogGroup, what string, execution bool) Destination {
	d := Destination{Kind: apigateway.DestinationCloudWatch, LogClass: ClassStandard}
	if g == nil {
		d.Target = what + " (not declared in this configuration)"
		d.Assumed = "its class and retention are unknown here: Standard, never expiring, assumed"
		return withMonths(d)
	}
	d.Target = g.Address
	if g.Name != "" {
		d.Target += " (" + g.Name + ")"
	}
	if g.Class == "" {
		d.Assumed = "log_group_class is unknown: Standard assumed"
	} else {
		d.LogClass = Class(g.Class)
	}
	if g.RetentionKnown {
		d.RetentionDays = g.RetentionDays
	} else {
		d.Assumed = joinNote(d.Assumed, "retention_in_days is unknown: never expiring assumed")
	}
	return withMonths(d)
}

func withMonths(d Destination) Destination {
	if d.Kind == apigateway.DestinationCloudWatch {
		d.MonthsStored = round(MonthsStored(d.RetentionDays), 4)
	}
	return d
}

// MonthsStored is how many months of logs a group with a retention holds
// in the twelfth month of logging (0: never expires).
func MonthsStored(retentionDays int) float64 {
	if retentionDays <= 0 {
		return StorageHorizonMonths
	}
	return math.Min(float64(retentionDays)/DaysPerMonth, StorageHorizonMonths)
}

func joinNote(a, b string) string {
	if a == "" {
		return b
	}
	return a + "; " + b
}

// current is what the stage is configured to log now.
func (b builder) current(st apigateway.StageLogging, execDest Destination) Option {
	var unknown []string
	if !st.Access.Known {
		unknown = append(unknown, "whether access logging is on")
	}
	if !st.Execution.Known {
		unknown = append(unknown, "the execution logging level")
	}
	if len(unknown) > 0 {
		o := Option{Name: OptionCurrent, Title: optionTitles[OptionCurrent], Applicable: true,
			Why: "cannot be known from this input: " + joinList(unknown) + " (scan a plan, or pass the variables)"}
		return o
	}
	var access *AccessPart
	if st.Access.Configured {
		access, _ = b.plannedAccess(st)
	}
	var exec *ExecutionPart
	if st.Execution.Level == "INFO" || st.Execution.Level == "ERROR" {
		exec = &ExecutionPart{ExecutionLog: ExecutionLogBytes(st.Execution.Level, st.Execution.DataTrace, b.in.Traffic.ErrorRate, b.in.PayloadBytes), Destination: execDest}
	}
	o := b.option(OptionCurrent, access, exec, "")
	if access == nil && exec == nil {
		o.Why = "no logging is configured"
	}
	return o
}

func joinList(s []string) string {
	switch len(s) {
	case 0:
		return ""
	case 1:
		return s[0]
	}
	out := s[0]
	for _, x := range s[1 : len(s)-1] {
		out += ", " + x
	}
	return out + " and " + s[len(s)-1]
}

// option prices one configuration.
func (b builder) option(name string, access *AccessPart, exec *ExecutionPart, notApplicable string) Option {
	o := Option{Name: name, Title: optionTitles[name], Applicable: notApplicable == "", Known: true, Why: notApplicable,
		Components: []Component{}}
	if notApplicable != "" {
		return o
	}
	o.Access, o.Execution = access, exec
	r := b.in.Traffic.RequestsPerMonth
	if access != nil {
		bytes := float64(access.Log.Bytes)
		o.BytesPerRequest += bytes
		if access.Destination.Kind == apigateway.DestinationFirehose {
			o.Components = append(o.Components, b.firehose(r, access.Log.Bytes))
		} else {
			o.Components = append(o.Components, b.cloudwatch("access", access.Destination, r, 1, bytes)...)
		}
	}
	if exec != nil {
		o.BytesPerRequest += exec.BytesPerRequest
		o.Components = append(o.Components, b.cloudwatch("execution", exec.Destination, r, exec.EventsPerRequest, exec.BytesPerRequest)...)
	}
	o.Requests = r
	o.BytesPerRequest = round(o.BytesPerRequest, 2)
	o.GBPerMonth = round(r*o.BytesPerRequest/BytesPerGB, 6)
	prices := map[float64]bool{}
	firehose := false
	for _, c := range o.Components {
		switch c.Charge {
		case ChargeStorage:
			o.StorageUSD += c.USD
		case ChargeFirehose:
			firehose = true
			o.IngestionUSD += c.USD
		default:
			prices[c.PricePerGB] = true
			o.IngestionUSD += c.USD
		}
	}
	if len(prices) == 1 && !firehose {
		for p := range prices {
			o.PricePerGB = &p
		}
	}
	o.IngestionUSD = round(o.IngestionUSD, 4)
	o.StorageUSD = round(o.StorageUSD, 4)
	o.USDPerMonth = round(o.IngestionUSD+o.StorageUSD, 4)
	return o
}

// cloudwatch prices a log written to CloudWatch Logs: ingestion of what is
// written, and storage of it compressed plus each event's metadata, for
// the months the group holds.
func (b builder) cloudwatch(log string, d Destination, requests, events, bytes float64) []Component {
	class := Class(d.LogClass)
	p := b.in.Prices.CloudWatchLogs[class]
	ingest := component(log, ChargeIngestion, class, requests, bytes, 0, p.IngestionPerGB,
		"bytes written per request, as CloudWatch Logs ingests them")
	stored := bytes*StorageCompression + events*EventMetadataBytes
	storage := component(log, ChargeStorage, class, requests, stored, d.MonthsStored, p.StoragePerGBMonth,
		fmt.Sprintf("stored per request: %.2f bytes × %.2f compression + %.2f events × %d bytes of metadata; the bill of the 12th month, holding %.2f months of logs",
			bytes, StorageCompression, events, EventMetadataBytes, d.MonthsStored))
	return []Component{ingest, storage}
}

// firehose prices access logs sent to Firehose: one record per request,
// billed rounded up to the next 5 KB.
func (b builder) firehose(requests float64, recordBytes int) Component {
	billed := FirehoseBilledBytes(recordBytes)
	return component("access", ChargeFirehose, "", requests, float64(billed), 0, b.in.Prices.FirehosePerGB,
		fmt.Sprintf("one %d-byte record per request, billed as %d bytes (rounded up to the next %d); what the stream delivers to is billed apart",
			recordBytes, billed, FirehoseRecordUnit))
}

// FirehoseBilledBytes is a record's size as Firehose bills it: rounded up
// to the next 5 KB (5,120 bytes).
func FirehoseBilledBytes(recordBytes int) int {
	if recordBytes <= 0 {
		return 0
	}
	return (recordBytes + FirehoseRecordUnit - 1) / FirehoseRecordUnit * FirehoseRecordUnit
}

func component(log, charge, class string, requests, bytes, months, price float64, explain string) Component {
	gb := requests * bytes / BytesPerGB
	if charge == ChargeStorage {
		gb *= months
	}
	return Component{Log: log, Charge: charge, LogClass: class, Requests: requests, BytesPerRequest: round(bytes, 4),
		MonthsStored: round(months, 4), GB: round(gb, 6), PricePerGB: price, USD: round(gb*price, 4), Explain: explain}
}

func round(x float64, places int) float64 {
	p := math.Pow(10, float64(places))
	return math.Round(x*p) / p
}
