package main

import (
	"os"
	"path/filepath"
	"strings"

	"github.com/tfcomply/tfcomply/internal/engine"
	"github.com/tfcomply/tfcomply/internal/estimate"
	"github.com/tfcomply/tfcomply/internal/suppress"
)

// configTraffic is .tfcomply.yml's traffic: as the estimate reads it.
func configTraffic(cfg *suppress.Config) estimate.Sources {
	var s estimate.Sources
	if cfg == nil {
		return s
	}
	s.ConfigFile = cfg.Path
	// As the user would name it: relative to the working directory.
	if cwd, err := os.Getwd(); err == nil {
		if rel, err := filepath.Rel(cwd, cfg.Path); err == nil && !strings.HasPrefix(rel, "..") {
			s.ConfigFile = filepath.ToSlash(rel)
		}
	}
	s.Config = map[string]estimate.Figures{}
	for addr, t := range cfg.Traffic {
		s.Config[addr] = estimate.Figures{RequestsPerMonth: t.RequestsPerMonth, ErrorRate: t.ErrorRate}
	}
	return s
}

// addRemediationCosts ends each failing stage's remediation with what the
// logging it turns on costs a month, when .tfcomply.yml gives the stage's
// traffic, priced in the root's provider region (or us-east-1).
func addRemediationCosts(rep *engine.Report, cfg *suppress.Config, f *scanFlags) {
	if cfg == nil || len(cfg.Traffic) == 0 {
		return
	}
	sources := configTraffic(cfg)
	regions := map[string]string{}
	for i := range rep.Results {
		r := &rep.Results[i]
		if r.Remediation == "" {
			continue
		}
		t := sources.For(estimate.StageKey{Root: r.Root, Address: r.Address})
		if !t.Known {
			continue
		}
		dir := r.Root
		region, seen := regions[dir]
		if !seen {
			if region = estimate.ProviderRegion(dir, f.vars, os.Environ()); region == "" {
				region = estimate.DefaultRegion
			}
			regions[dir] = region
		}
		if o, ok := estimate.RemediationCost(*r, t, estimate.EmbeddedPrices.For(region), 0); ok {
			if note := estimate.RemediationNote(o, t, region); note != "" {
				r.Remediation += "\n\n" + note
			}
		}
	}
}
