package estimate

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestRegionAndLogClassPrices(t *testing.T) {
	use1 := EmbeddedPrices.For("us-east-1")
	if len(use1.Notes) != 0 {
		t.Errorf("us-east-1 is complete: %v", use1.Notes)
	}
	std, ia := use1.CloudWatchLogs[ClassStandard], use1.CloudWatchLogs[ClassInfrequentAccess]
	if std.IngestionPerGB != 0.50 || std.StoragePerGBMonth != 0.03 || ia.IngestionPerGB != 0.25 || use1.FirehosePerGB != 0.029 {
		t.Errorf("us-east-1: %+v", use1)
	}
	// Every region: Infrequent Access ingests at half of Standard.
	for _, name := range EmbeddedPrices.RegionNames() {
		r := EmbeddedPrices.Regions[name]
		if s, i := r.CloudWatchLogs[ClassStandard], r.CloudWatchLogs[ClassInfrequentAccess]; i.IngestionPerGB*2 != s.IngestionPerGB || s.IngestionPerGB <= 0 || s.StoragePerGBMonth <= 0 {
			t.Errorf("%s: %+v", name, r)
		}
	}
	// Frankfurt and Tokyo cost more than Virginia.
	for _, name := range []string{"eu-central-1", "ap-northeast-1"} {
		if p := EmbeddedPrices.For(name); p.CloudWatchLogs[ClassStandard].IngestionPerGB <= std.IngestionPerGB {
			t.Errorf("%s: %+v", name, p)
		}
	}
	// No Firehose figure for eu-west-1: us-east-1's, said so.
	p := EmbeddedPrices.For("eu-west-1")
	if p.FirehosePerGB != 0.029 || !strings.Contains(p.FirehoseNote, "no Firehose price for eu-west-1") {
		t.Errorf("eu-west-1: %+v", p)
	}
	// ... said only where Firehose is priced.
	cw := []Option{{Components: []Component{{Charge: ChargeIngestion, LogClass: ClassStandard}}}}
	fh := []Option{{Components: []Component{{Charge: ChargeFirehose}}}}
	if len(p.NotesFor(cw)) != 0 || len(p.NotesFor(fh)) != 1 {
		t.Errorf("notes: %v / %v", p.NotesFor(cw), p.NotesFor(fh))
	}
	// A region the table lacks is priced as us-east-1, and said so.
	if p := EmbeddedPrices.For("mx-central-1"); p.CloudWatchLogs[ClassStandard] != std || len(p.Notes) != 1 || !strings.Contains(p.Notes[0], "--pricing") {
		t.Errorf("unknown region: %+v", p)
	}
	if Class("") != ClassStandard || Class("infrequent_access") != ClassInfrequentAccess || Class("DELIVERY") != ClassStandard {
		t.Error("log classes")
	}
}

func TestPricingFileOverridesRegions(t *testing.T) {
	path := filepath.Join(t.TempDir(), "prices.json")
	os.WriteFile(path, []byte(`{"date": "2027-01-01", "source": "our AWS contract",
  "regions": {"us-east-1": {"cloudwatch_logs": {"STANDARD": {"ingestion_per_gb": 0.40, "storage_per_gb_month": 0.025}}, "firehose_per_gb": 0.02},
              "sa-east-1": {"cloudwatch_logs": {"STANDARD": {"ingestion_per_gb": 0.90, "storage_per_gb_month": 0.0408},
                                                 "INFREQUENT_ACCESS": {"ingestion_per_gb": 0.45, "storage_per_gb_month": 0.0408}}, "firehose_per_gb": 0.05}}}`), 0o644)
	p, err := LoadPrices(path, EmbeddedPrices)
	if err != nil {
		t.Fatal(err)
	}
	if p.Date != "2027-01-01" || !strings.Contains(p.Source, "our AWS contract") {
		t.Errorf("date and source: %q %q", p.Date, p.Source)
	}
	if r := p.For("sa-east-1"); r.CloudWatchLogs[ClassStandard].IngestionPerGB != 0.90 || r.FirehosePerGB != 0.05 || len(r.Notes) != 0 {
		t.Errorf("sa-east-1: %+v", r)
	}
	// The figures the file gives replace the embedded ones; the class it
	// leaves out keeps the embedded price.
	r := p.For("us-east-1")
	if r.CloudWatchLogs[ClassStandard].IngestionPerGB != 0.40 || r.FirehosePerGB != 0.02 || r.CloudWatchLogs[ClassInfrequentAccess].IngestionPerGB != 0.25 {
		t.Errorf("us-east-1 override: %+v", r)
	}
	// Regions the file does not name keep the embedded prices.
	if r := p.For("eu-central-1"); r.CloudWatchLogs[ClassStandard].IngestionPerGB != 0.63 {
		t.Errorf("eu-central-1 kept: %+v", r)
	}
	for _, bad := range []string{`{"regions": {}}`, `{"regions": {"x": {"cloudwatch_logs": {"GLACIER": {}}}}}`, `{"regions": {"x": {"firehose_per_gb": -1}}}`, `{"region": {}}`, `not json`} {
		os.WriteFile(path, []byte(bad), 0o644)
		if _, err := LoadPrices(path, EmbeddedPrices); err == nil {
			t.Errorf("accepted %s", bad)
		}
	}
}
