package estimate

import (
	"sync"

	"github.com/tfcomply/tfcomply/internal/controls"
	"github.com/tfcomply/tfcomply/internal/controls/apigateway"
	"github.com/tfcomply/tfcomply/internal/engine"
	"github.com/tfcomply/tfcomply/internal/model"
	"github.com/tfcomply/tfcomply/internal/result"
)

// RunOptions configure an estimate.
type RunOptions struct {
	Engine       engine.Options // roots, variables and the rest, as for a scan
	Sources      Sources
	Prices       Prices
	Region       string // --region: every stage in this region
	PayloadBytes int
	Version      string
}

// Report is an estimate: every stage with its options, and the model's
// assumptions beside the figures.
type Report struct {
	Version  string           `json:"version"`
	Model    Assumptions      `json:"model"`
	Prices   PriceInfo        `json:"prices"`
	Stages   []StageEstimate  `json:"stages"`
	Problems []engine.Problem `json:"-"`
}

// Assumptions are the model's constants, so every figure can be redone by
// hand (docs/estimate.md explains each).
type Assumptions struct {
	BytesPerGB             int     `json:"bytes_per_gb"`
	DaysPerMonth           float64 `json:"days_per_month"`
	StorageHorizonMonths   int     `json:"storage_horizon_months"`
	StorageCompression     float64 `json:"storage_compression"`
	EventMetadataBytes     int     `json:"event_metadata_bytes"`
	FirehoseRecordUnit     int     `json:"firehose_record_unit_bytes"`
	MaxExecutionEventBytes int     `json:"max_execution_event_bytes"`
	PayloadBytes           int     `json:"payload_bytes"`
	Docs                   string  `json:"docs"`
}

// PriceInfo says which price table was used.
type PriceInfo struct {
	Date   string `json:"date"`
	Source string `json:"source"`
}

// StageEstimate is one stage and what each option costs it.
type StageEstimate struct {
	Root         string         `json:"root"`
	Address      string         `json:"address"`
	Type         string         `json:"type"`
	File         string         `json:"file,omitempty"`
	Line         int            `json:"line,omitempty"`
	Kind         string         `json:"kind"`
	Verdict      result.Verdict `json:"verdict"`
	API          string         `json:"api,omitempty"`
	Stage        string         `json:"stage,omitempty"`
	Region       string         `json:"region"`
	RegionSource string         `json:"region_source"`
	Prices       RegionPrices   `json:"prices"`
	Traffic      Traffic        `json:"traffic"`
	Options      []Option       `json:"options"`
	Notes        []string       `json:"notes,omitempty"`
}

type loadedRoot struct {
	facts  map[string]apigateway.StageLogging
	region string // the provider block's
}

// Run scans the paths as scan does and estimates every stage.
func Run(paths []string, o RunOptions) *Report {
	if o.PayloadBytes <= 0 {
		o.PayloadBytes = DefaultPayloadBytes
	}
	var mu sync.Mutex
	roots := map[string]loadedRoot{} // by root, as results name it
	eo := o.Engine
	if eo.Profile == "" {
		eo.Profile = controls.ProfileDefault
	}
	eo.RootLoaded = func(r *model.Root, root, configDir string) {
		lr := loadedRoot{facts: map[string]apigateway.StageLogging{}}
		for _, f := range apigateway.StageLoggingFacts(r) {
			lr.facts[f.Address] = f
		}
		lr.region = ProviderRegion(configDir, eo.Vars, eo.Environ)
		mu.Lock()
		defer mu.Unlock()
		// A root evaluated twice (one path given twice) keeps every stage.
		if was, ok := roots[root]; ok {
			for addr, f := range was.facts {
				if _, mine := lr.facts[addr]; !mine {
					lr.facts[addr] = f
				}
			}
		}
		roots[root] = lr
	}
	rep := engine.Scan(paths, eo)
	out := &Report{Version: o.Version, Problems: rep.Problems,
		Model: Assumptions{BytesPerGB: BytesPerGB, DaysPerMonth: DaysPerMonth, StorageHorizonMonths: StorageHorizonMonths,
			StorageCompression: StorageCompression, EventMetadataBytes: EventMetadataBytes, FirehoseRecordUnit: FirehoseRecordUnit,
			MaxExecutionEventBytes: MaxExecutionEventBytes, PayloadBytes: o.PayloadBytes, Docs: "docs/estimate.md"},
		Prices: PriceInfo{Date: o.Prices.Date, Source: o.Prices.Source}, Stages: []StageEstimate{}}
	for _, r := range rep.Results {
		if r.Kind != result.KindControl {
			continue
		}
		lr, ok := roots[r.Root]
		if !ok {
			continue
		}
		facts, ok := lr.facts[r.Address]
		if !ok {
			continue
		}
		out.Stages = append(out.Stages, estimateStage(r, facts, lr.region, o))
	}
	return out
}

func estimateStage(r result.Result, facts apigateway.StageLogging, providerRegion string, o RunOptions) StageEstimate {
	se := StageEstimate{Root: r.Root, Address: r.Address, Type: r.Type, File: r.File, Line: r.Line, Kind: facts.Kind,
		Verdict: r.Verdict, API: facts.APIName, Stage: facts.StageName}
	if se.API == "" {
		se.API = facts.APIID
	}
	switch {
	case o.Region != "":
		se.Region, se.RegionSource = o.Region, "--region"
	case facts.Access.Region != "":
		se.Region, se.RegionSource = facts.Access.Region, "the access log destination's ARN"
	case providerRegion != "":
		se.Region, se.RegionSource = providerRegion, "the aws provider block"
	default:
		se.Region, se.RegionSource = DefaultRegion, "the default: no --region, destination ARN or provider region"
	}
	prices := o.Prices.For(se.Region)
	se.Prices = prices.RegionPrices
	se.Traffic = o.Sources.For(StageKey{Root: r.Root, Address: r.Address, APIName: facts.APIName, APIID: facts.APIID, Stage: facts.StageName})
	se.Options, se.Notes = Estimate(facts, Inputs{Traffic: se.Traffic, Prices: prices, PayloadBytes: o.PayloadBytes})
	se.Notes = append(prices.NotesFor(se.Options), se.Notes...)
	return se
}
