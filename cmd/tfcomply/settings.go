package main

import (
	"github.com/spf13/cobra"
	"github.com/tfcomply/tfcomply/internal/model"
	"github.com/tfcomply/tfcomply/internal/paths"
	"github.com/tfcomply/tfcomply/internal/suppress"
)

// .tfcomply.yml and the defaults it gives the scan flags.

// loadConfig reads .tfcomply.yml (--config, or found from the first path)
// and applies its defaults to the flags the command line does not set.
func loadConfig(cmd *cobra.Command, f *scanFlags, args []string) (*suppress.Config, []model.Problem) {
	path := f.config
	if path == "" {
		start := args[0]
		if start == "-" {
			start = "."
		}
		path = suppress.FindConfig(start)
	}
	if path == "" {
		return nil, nil
	}
	cfg, probs := suppress.LoadConfig(path)
	for i := range probs {
		probs[i].File = paths.Display(probs[i].File)
	}
	if cfg == nil {
		return nil, probs
	}
	set := cmd.Flags().Changed
	if cfg.Profile != "" && !set("profile") {
		f.profile = cfg.Profile
	}
	if cfg.FailOn != "" && !set("fail-on") {
		f.failOn = cfg.FailOn
	}
	if len(cfg.Frameworks) > 0 && !set("framework") {
		f.frameworks = cfg.Frameworks
	}
	if !set("skip-dir") {
		f.skipDirs = cfg.SkipDirs
	}
	return cfg, nil
}
