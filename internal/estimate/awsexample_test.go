package estimate

import (
	"math"
	"testing"

	"github.com/tfcomply/tfcomply/internal/controls/apigateway"
)

// AWS's own pricing example for CloudWatch Logs is the AWS Pricing
// Calculator's estimate (https://calculator.aws/#/addService/CloudWatch),
// which prices
//
//	ingestion: GB per month × ingestion price
//	storage:   GB per month × 0.15 storage compression factor × logs retention factor × storage price
//
// Its estimate for 100 GB a month in Tokyo, as quoted by Classmethod
// (https://dev.classmethod.jp/articles/compare-archive-cost-cloudwatchlogs-s3/,
// retrieved 2026-11-29):
//
//	100.00 GB per month x 0.15 Storage compression factor x 1 Logs retention factor x 0.033 USD = 0.495 USD
//
// A stage serving 100 million requests a month must come out as that
// calculator would price the same volume: ingestion exactly, storage at
// least the calculator's and at most the calculator's plus the 26 bytes of
// metadata per event it leaves out.
func TestHundredMillionRequestsAgainstAWSPricingExample(t *testing.T) {
	// The example itself, with the embedded Tokyo prices.
	tokyo := EmbeddedPrices.For("ap-northeast-1")
	if got := 100.00 * StorageCompression * 1 * tokyo.CloudWatchLogs[ClassStandard].StoragePerGBMonth; math.Abs(got-0.495) > 1e-9 {
		t.Fatalf("the calculator's example gives %v with our constants, AWS says 0.495", got)
	}
	group := &apigateway.LogGroup{Address: "aws_cloudwatch_log_group.access", Class: ClassStandard, RetentionDays: 30, RetentionKnown: true}
	st := restStage(apigateway.SuggestedAccessLogFormat, group)
	in := inputs(100_000_000, "ap-northeast-1")
	opts, _ := Estimate(st, in)
	price := tokyo.CloudWatchLogs[ClassStandard]
	for _, o := range opts {
		if !o.Applicable || !o.Known || o.USDPerMonth == 0 {
			continue
		}
		for _, c := range o.Components {
			gbIngested := c.Requests * c.BytesPerRequest / BytesPerGB
			switch c.Charge {
			case ChargeIngestion:
				if calc := gbIngested * price.IngestionPerGB; math.Abs(c.USD-calc) > 1e-3 {
					t.Errorf("%s %s ingestion: %v, the calculator: %v", o.Name, c.Log, c.USD, calc)
				}
			case ChargeStorage:
				written, events := loggedPerRequest(o, c.Log)
				gb := c.Requests * written / BytesPerGB
				calc := gb * StorageCompression * c.MonthsStored * price.StoragePerGBMonth
				metadata := c.Requests * events * EventMetadataBytes / BytesPerGB * c.MonthsStored * price.StoragePerGBMonth
				if c.USD < calc-1e-3 || c.USD > calc+metadata+1e-3 {
					t.Errorf("%s %s storage: %v, the calculator %v (+ metadata %v)", o.Name, c.Log, c.USD, calc, metadata)
				}
			}
		}
	}
	// And the volumes are what 100 million requests of these logs are: an
	// access log line of ~200 bytes is ~19 GB; an INFO trace of ~1.3 KB,
	// ~120 GB; INFO with data trace (1 KB bodies, 1 KB headers cut at 1
	// KB), ~750 GB; ERROR at 1% errors, well under a GB.
	bounds := map[string][2]float64{
		OptionAccess:        {10, 40},
		OptionError:         {0.05, 1},
		OptionInfo:          {60, 250},
		OptionInfoDataTrace: {400, 1500},
	}
	for name, b := range bounds {
		o := option(t, opts, name)
		if o.GBPerMonth < b[0] || o.GBPerMonth > b[1] {
			t.Errorf("%s: %.2f GB a month for 100M requests, outside [%v, %v]", name, o.GBPerMonth, b[0], b[1])
		}
	}
}

// loggedPerRequest is what an option writes to one log per request.
func loggedPerRequest(o Option, log string) (bytes, events float64) {
	if log == "access" {
		return float64(o.Access.Log.Bytes), 1
	}
	return o.Execution.BytesPerRequest, o.Execution.EventsPerRequest
}
