package estimate

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"sort"
	"strings"
)

// Log classes of a CloudWatch Logs log group (log_group_class).
const (
	ClassStandard         = "STANDARD"
	ClassInfrequentAccess = "INFREQUENT_ACCESS"
)

// DefaultRegion is the region figures are priced in when neither
// --region, a destination ARN nor the provider block names one.
const DefaultRegion = "us-east-1"

// Prices is a price table: what CloudWatch Logs and Firehose charge, per
// region. --pricing FILE reads one in this JSON form; the figures it gives
// replace the embedded table's.
type Prices struct {
	Date    string                  `json:"date"`   // when the prices were read (YYYY-MM-DD)
	Source  string                  `json:"source"` // where from
	Regions map[string]RegionPrices `json:"regions"`
}

// RegionPrices are one region's prices, in USD.
type RegionPrices struct {
	// CloudWatchLogs is keyed by log class: STANDARD, INFREQUENT_ACCESS.
	CloudWatchLogs map[string]ClassPrices `json:"cloudwatch_logs"`
	// FirehosePerGB is Direct PUT ingestion, first tier (the first 500 TB
	// a month), per GB of records rounded up to 5 KB each; 0 when the
	// table has no figure for the region.
	FirehosePerGB float64 `json:"firehose_per_gb,omitempty"`
	Note          string  `json:"note,omitempty"`
}

// ClassPrices are a log class's prices: custom logs ingestion ("Collect")
// per GB, and storage ("Store (Archival)") per GB-month.
type ClassPrices struct {
	IngestionPerGB    float64 `json:"ingestion_per_gb"`
	StoragePerGBMonth float64 `json:"storage_per_gb_month"`
}

// EmbeddedPrices is the table built in. CloudWatch Logs prices are for
// custom logs (API Gateway's access and execution logs are billed as
// custom logs, not as vended logs), first tier, without the free tier
// (5 GB a month per account, shared by every log group).
//
// Sources, retrieved 2026-11-29:
//   - CloudWatch: https://aws.amazon.com/cloudwatch/pricing/ (Paid tier,
//     Logs); per-region figures cross-checked against the AWS Price List
//     usage types <region>-DataProcessing-Bytes (Standard ingestion),
//     <region>-DataProcessingIA-Bytes (Infrequent Access ingestion) and
//     <region>-TimedStorage-ByteHrs (storage) as published by projects
//     that read the Price List API.
//   - Firehose: https://aws.amazon.com/firehose/pricing/ (Direct PUT, first
//     500 TB/month).
//
// Infrequent Access ingestion is half of Standard's, as it was checked to
// be in us-east-1, us-east-2 and ap-northeast-2. Storage is priced at one rate for both classes: no second source
// gave Infrequent Access storage a rate of its own, and the pricing page
// could not be re-read from a stored copy (pass --pricing FILE if your
// bill shows another). Where a figure could not be
// checked against a second source the region's note says so. Firehose is
// embedded for the US regions only. A region or figure missing here is
// priced as us-east-1, and the output says so: pass --pricing FILE with
// its prices.
var EmbeddedPrices = Prices{
	Date:   "2026-11-29",
	Source: "https://aws.amazon.com/cloudwatch/pricing/, https://aws.amazon.com/firehose/pricing/",
	Regions: map[string]RegionPrices{
		"us-east-1": {CloudWatchLogs: classes(0.50, 0.03), FirehosePerGB: 0.029},
		"us-east-2": {CloudWatchLogs: classes(0.50, 0.03), FirehosePerGB: 0.029},
		"us-west-2": {CloudWatchLogs: classes(0.50, 0.03), FirehosePerGB: 0.029},
		"eu-west-1": {CloudWatchLogs: classes(0.50, 0.03)},
		// EUC1-DataProcessing-Bytes: 0.63.
		"eu-central-1": {CloudWatchLogs: classes(0.63, 0.0324),
			Note: "its storage price is not cross-checked"},
		// APN1: ingestion 0.76, storage 0.033 (two secondary sources).
		"ap-northeast-1": {CloudWatchLogs: classes(0.76, 0.033)},
		// APN2-DataProcessing-Bytes 0.76, -DataProcessingIA-Bytes 0.38,
		// -TimedStorage-ByteHrs 0.0314.
		"ap-northeast-2": {CloudWatchLogs: classes(0.76, 0.0314)},
	},
}

func classes(standardIngestion, storage float64) map[string]ClassPrices {
	return map[string]ClassPrices{
		ClassStandard:         {IngestionPerGB: standardIngestion, StoragePerGBMonth: storage},
		ClassInfrequentAccess: {IngestionPerGB: standardIngestion / 2, StoragePerGBMonth: storage},
	}
}

// LoadPrices reads a price table (--pricing FILE) and lays it over base:
// each figure it gives (a region's log class, its Firehose price) replaces
// base's; the rest of base stays. Unknown fields are errors.
func LoadPrices(path string, base Prices) (Prices, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return base, err
	}
	var p Prices
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&p); err != nil {
		return base, fmt.Errorf("%s: %v", path, err)
	}
	if len(p.Regions) == 0 {
		return base, fmt.Errorf("%s: no regions", path)
	}
	for name, r := range p.Regions {
		for class, c := range r.CloudWatchLogs {
			if class != ClassStandard && class != ClassInfrequentAccess {
				return base, fmt.Errorf("%s: region %s: unknown log class %q (STANDARD or INFREQUENT_ACCESS)", path, name, class)
			}
			if c.IngestionPerGB < 0 || c.StoragePerGBMonth < 0 {
				return base, fmt.Errorf("%s: region %s: a negative price", path, name)
			}
		}
		if r.FirehosePerGB < 0 {
			return base, fmt.Errorf("%s: region %s: a negative price", path, name)
		}
	}
	out := Prices{Date: p.Date, Source: path, Regions: map[string]RegionPrices{}}
	if p.Source != "" {
		out.Source = p.Source + " (" + path + ")"
	}
	for name, r := range base.Regions {
		out.Regions[name] = r
	}
	for name, r := range p.Regions {
		merged := RegionPrices{CloudWatchLogs: map[string]ClassPrices{}, FirehosePerGB: r.FirehosePerGB, Note: r.Note}
		if was, ok := base.Regions[name]; ok {
			for class, c := range was.CloudWatchLogs {
				merged.CloudWatchLogs[class] = c
			}
			if merged.FirehosePerGB == 0 {
				merged.FirehosePerGB = was.FirehosePerGB
			}
		}
		for class, c := range r.CloudWatchLogs {
			merged.CloudWatchLogs[class] = c
		}
		out.Regions[name] = merged
	}
	return out, nil
}

// ResolvedPrices are the prices a stage is estimated at, and what was
// substituted for missing figures.
type ResolvedPrices struct {
	Region string
	RegionPrices
	// Notes say what applies whatever is priced (a region the table lacks,
	// a region's own note); ClassNotes and FirehoseNote only when that
	// log class or Firehose is priced.
	Notes        []string
	ClassNotes   map[string]string
	FirehoseNote string
}

// For returns a region's prices. What the table lacks (the region, a log
// class, Firehose) is taken from us-east-1 and noted.
func (p Prices) For(region string) ResolvedPrices {
	r := ResolvedPrices{Region: region, ClassNotes: map[string]string{}}
	base := p.Regions[DefaultRegion]
	rp, ok := p.Regions[region]
	if !ok {
		r.RegionPrices = base
		r.RegionPrices.Note = ""
		r.Notes = append(r.Notes, fmt.Sprintf("no prices for %s in the table of %s: priced as %s (pass --pricing FILE with its prices)", region, p.Date, DefaultRegion))
		return r
	}
	r.RegionPrices = RegionPrices{CloudWatchLogs: map[string]ClassPrices{}, FirehosePerGB: rp.FirehosePerGB}
	for class, c := range base.CloudWatchLogs {
		if own, ok := rp.CloudWatchLogs[class]; ok {
			c = own
		} else {
			r.ClassNotes[class] = fmt.Sprintf("no %s log class prices for %s: priced as %s", class, region, DefaultRegion)
		}
		r.CloudWatchLogs[class] = c
	}
	if r.FirehosePerGB == 0 {
		r.FirehosePerGB = base.FirehosePerGB
		r.FirehoseNote = fmt.Sprintf("no Firehose price for %s: priced as %s", region, DefaultRegion)
	}
	if rp.Note != "" {
		r.Notes = append(r.Notes, "prices for "+region+": "+rp.Note)
	}
	return r
}

// NotesFor are the notes that apply to a set of options: the general ones,
// and those of the log classes and of Firehose where the options use them.
func (r ResolvedPrices) NotesFor(opts []Option) []string {
	out := append([]string(nil), r.Notes...)
	usedClass, usedFirehose := map[string]bool{}, false
	for _, o := range opts {
		for _, c := range o.Components {
			if c.Charge == ChargeFirehose {
				usedFirehose = true
			} else {
				usedClass[c.LogClass] = true
			}
		}
	}
	for _, class := range []string{ClassStandard, ClassInfrequentAccess} {
		if n := r.ClassNotes[class]; n != "" && usedClass[class] {
			out = append(out, n)
		}
	}
	if usedFirehose && r.FirehoseNote != "" {
		out = append(out, r.FirehoseNote)
	}
	return out
}

// RegionNames lists the regions of a table, sorted.
func (p Prices) RegionNames() []string {
	out := make([]string, 0, len(p.Regions))
	for r := range p.Regions {
		out = append(out, r)
	}
	sort.Strings(out)
	return out
}

// Class names a log class as a log group's log_group_class does; "" and
// unknown classes read as STANDARD, the default.
func Class(s string) string {
	if strings.EqualFold(s, ClassInfrequentAccess) {
		return ClassInfrequentAccess
	}
	return ClassStandard
}
