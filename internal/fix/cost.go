package fix

import (
	"fmt"
	"os"

	"github.com/tfcomply/tfcomply/internal/controls/apigateway"
	"github.com/tfcomply/tfcomply/internal/estimate"
)

// addCosts prices each fixed stage's change where its traffic is known
// (.tfcomply.yml traffic:, or --requests-per-month): the monthly cost of
// its logging as the change leaves it, less what it cost before, both by
// the estimate's model (docs/estimate.md). A change that costs more than
// --max-monthly-cost is warned about, with what execution logging at
// ERROR would cost when the change logs at INFO.
func addCosts(out *Outcome, opts *Options, before, after *scanned) {
	if after == nil {
		return
	}
	regions := map[string]string{}
	for i := range out.Stages {
		s := &out.Stages[i]
		if s.Status != StatusFixed {
			continue
		}
		bev, aev := before.roots[s.Root], after.roots[s.Root]
		if bev == nil || aev == nil {
			continue
		}
		was, now := bev.facts[s.Address], aev.facts[s.Address]
		t := opts.Traffic.For(estimate.StageKey{Root: s.Root, Address: s.Address, APIName: now.APIName, APIID: now.APIID, Stage: now.StageName})
		if !t.Known {
			continue
		}
		out.TrafficKnown = true
		region := now.Access.Region
		if region == "" {
			r, seen := regions[s.Root]
			if !seen {
				r = estimate.ProviderRegion(bev.dir, opts.Engine.Vars, os.Environ())
				regions[s.Root] = r
			}
			region = r
		}
		if region == "" {
			region = estimate.DefaultRegion
		}
		in := estimate.Inputs{Traffic: t, Prices: opts.Prices.For(region), PayloadBytes: estimate.DefaultPayloadBytes}
		wasOpts, _ := estimate.Estimate(was, in)
		nowOpts, _ := estimate.Estimate(now, in)
		cw, cn := option(wasOpts, estimate.OptionCurrent), option(nowOpts, estimate.OptionCurrent)
		if cw == nil || cn == nil || !cw.Known || !cn.Known {
			continue
		}
		c := &Cost{USDPerMonth: cn.USDPerMonth - cw.USDPerMonth, GBPerMonth: cn.GBPerMonth - cw.GBPerMonth, Traffic: t, Region: region}
		if opts.MaxMonthlyCost > 0 && c.USDPerMonth > opts.MaxMonthlyCost {
			c.Over = true
			note := fmt.Sprintf("%s (root %s): the change costs about %s a month at %s requests a month (%s), above --max-monthly-cost %s",
				s.Address, s.Root, money(c.USDPerMonth), count(t.RequestsPerMonth), t.RequestsSource, money(opts.MaxMonthlyCost))
			if opts.ExecutionLevel == "INFO" && turnsOnExecution(was, now) {
				info, errLvl := option(wasOpts, estimate.OptionInfo), option(wasOpts, estimate.OptionError)
				if info != nil && errLvl != nil && info.Applicable && errLvl.Applicable {
					c.Cheaper = c.USDPerMonth - info.USDPerMonth + errLvl.USDPerMonth
					note += fmt.Sprintf("; execution logging at ERROR would make it about %s: --execution-level ERROR", money(c.Cheaper))
				}
			}
			out.Notes = append(out.Notes, note)
		}
		s.Cost = c
	}
}

// turnsOnExecution reports whether a change turned execution (or route)
// logging on.
func turnsOnExecution(was, now apigateway.StageLogging) bool {
	return was.Execution.Level == "OFF" && now.Execution.Level != "OFF"
}

func option(opts []estimate.Option, name string) *estimate.Option {
	for i := range opts {
		if opts[i].Name == name {
			return &opts[i]
		}
	}
	return nil
}

// money is a monthly figure in dollars.
func money(x float64) string {
	if x > 0 && x < 0.01 {
		return fmt.Sprintf("$%.4f", x)
	}
	return "$" + withCommas(fmt.Sprintf("%.2f", x))
}

// count is a whole number with thousands separators.
func count(x float64) string { return withCommas(fmt.Sprintf("%.0f", x)) }

func withCommas(s string) string {
	intPart, frac := s, ""
	for i := 0; i < len(s); i++ {
		if s[i] == '.' {
			intPart, frac = s[:i], s[i:]
			break
		}
	}
	neg := len(intPart) > 0 && intPart[0] == '-'
	if neg {
		intPart = intPart[1:]
	}
	var out []byte
	for i := range len(intPart) {
		if i > 0 && (len(intPart)-i)%3 == 0 {
			out = append(out, ',')
		}
		out = append(out, intPart[i])
	}
	res := string(out) + frac
	if neg {
		res = "-" + res
	}
	return res
}
