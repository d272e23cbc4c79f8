package fix

import (
	"fmt"
	"slices"

	"github.com/tfcomply/tfcomply/internal/controls"
	"github.com/tfcomply/tfcomply/internal/engine"
	"github.com/tfcomply/tfcomply/internal/estimate"
)

// Options configure a fix.
type Options struct {
	// Paths are the directories and .tf files to fix, as scan takes them:
	// nothing outside them is edited.
	Paths []string
	// Engine is how the roots are found and evaluated, and which results
	// count (profile, frameworks, suppressions), as for a scan.
	Engine engine.Options
	// RetentionDays is the new access log groups' retention_in_days.
	RetentionDays int
	// ExecutionLevel is the logging level set where execution (or
	// WebSocket route) logging is turned on: ERROR or INFO.
	ExecutionLevel string
	// AddAccountRole also adds an aws_api_gateway_account with its
	// CloudWatch role to each root that will have execution logging and
	// has none.
	AddAccountRole bool

	// Traffic prices each change, when a stage's traffic is known.
	Traffic estimate.Sources
	Prices  estimate.Prices
	// MaxMonthlyCost: a change that costs more a month is warned about.
	MaxMonthlyCost float64
}

// Defaults.
const (
	DefaultRetentionDays  = 365
	DefaultExecutionLevel = "ERROR"
	DefaultMaxMonthlyCost = 100.0
)

// RetentionValues are the retention_in_days CloudWatch Logs accepts.
var RetentionValues = []int{1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653}

// Check validates the options a user gives.
func (o *Options) Check() error {
	if o.RetentionDays == 0 {
		o.RetentionDays = DefaultRetentionDays
	}
	if o.ExecutionLevel == "" {
		o.ExecutionLevel = DefaultExecutionLevel
	}
	if !slices.Contains(RetentionValues, o.RetentionDays) {
		return fmt.Errorf("--retention-days %d is not a retention CloudWatch Logs accepts: one of %v", o.RetentionDays, RetentionValues)
	}
	if o.ExecutionLevel != "ERROR" && o.ExecutionLevel != "INFO" {
		return fmt.Errorf("--execution-level must be ERROR or INFO, not %q", o.ExecutionLevel)
	}
	if o.MaxMonthlyCost < 0 {
		return fmt.Errorf("--max-monthly-cost must not be negative")
	}
	return nil
}

// strict reports whether stages are fixed for the strict profile. As scan
// judges them: when frameworks are chosen, each under its own profile
// (strict for PCI DSS), and --profile otherwise.
func (o *Options) strict() bool {
	if len(o.Engine.Frameworks) == 0 {
		return o.Engine.Profile == controls.ProfileStrict
	}
	for _, id := range o.Engine.Frameworks {
		if f, ok := controls.Framework(id); ok && f.Profile == controls.ProfileStrict {
			return true
		}
	}
	return false
}
