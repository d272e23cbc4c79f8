package main

import (
	"bytes"
	"io"
	"os"
	"strings"
	"time"

	"github.com/spf13/cobra"
	"github.com/tfcomply/tfcomply/internal/controls"
	"github.com/tfcomply/tfcomply/internal/engine"
	"github.com/tfcomply/tfcomply/internal/estimate"
	"github.com/tfcomply/tfcomply/internal/fix"
	"github.com/tfcomply/tfcomply/internal/model"
	"github.com/tfcomply/tfcomply/internal/suppress"
)

type fixFlags struct {
	scanFlags
	dryRun         bool
	retentionDays  int
	executionLevel string
	addAccountRole bool
	requests       float64
	errorRate      float64
	maxMonthlyCost float64
}

func newFixCommand() *cobra.Command { return fixCommand(&fixFlags{}) }

// fixCommand is the fix command, its flags parsed into f.
func fixCommand(f *fixFlags) *cobra.Command {
	cmd := &cobra.Command{
		Use:   "fix [PATH ...]",
		Short: "Edit the Terraform so that failing API Gateway stages pass",
		Long: `Fix finds the same roots as scan, with the same flags and decisions, and edits
the Terraform under each PATH so that every failing stage of
apigateway_stage_logging_enabled passes: an access log group and
access_log_settings (default profile); also execution logging on */*, or
WebSocket route logging (strict profile, or --framework pci-dss-v4). Edits are
spliced into the files as they are, formatted as terraform fmt formats; nothing
else in a file changes. Before writing, the changed roots are evaluated again
with the edits, and only changes that make their stages pass are kept; each
stage is shown before → after.

Fix never edits a fetched module, .terraform/, .tf.json, or anything outside
PATH; never replaces a log destination or a variable's value; never touches a
stage that passes or is suppressed. Where a value decides the failure (a tfvars
entry, a variable's default, a dynamic block's condition) it names the value
and what to set it to. See docs/fix.md.

Exit codes: 0 every failing stage is fixed (or none fails), 1 some still fail
(each says why it needs a person), 2 a usage error or input that could not be
read, parsed or evaluated.`,
		RunE: func(cmd *cobra.Command, args []string) error { return runFix(cmd, f, args) },
	}
	addInputFlags(cmd, &f.scanFlags)
	fl := cmd.Flags()
	fl.StringVar(&f.profile, "profile", controls.ProfileDefault, "default (access logging) or strict (every kind of logging that applies)")
	fl.StringArrayVar(&f.frameworks, "framework", nil, "fix for this framework, under its profile (repeatable): "+strings.Join(controls.FrameworkIDs(), ", "))
	fl.BoolVar(&f.offline, "offline", false, "never fetch modules: read them from .terraform/modules and the module cache only (also TFCOMPLY_OFFLINE=1)")
	fl.StringVar(&f.baseline, "baseline", "", "accept the failures recorded in FILE: fix leaves them as they are")
	fl.BoolVar(&f.noIgnores, "no-ignores", false, "apply no ignore comment, waiver or baseline: fix suppressed stages too")
	fl.BoolVar(&f.noColor, "no-color", false, "accepted as scan takes it: fix's output has no colour")
	fl.BoolVar(&f.dryRun, "dry-run", false, "print a unified diff per file and what would be fixed; write nothing")
	fl.IntVar(&f.retentionDays, "retention-days", fix.DefaultRetentionDays, "retention_in_days of the access log groups fix adds")
	fl.StringVar(&f.executionLevel, "execution-level", fix.DefaultExecutionLevel, "logging level where fix turns execution or route logging on: ERROR or INFO (INFO is costly on busy stages)")
	fl.BoolVar(&f.addAccountRole, "add-account-role", false, "also add an aws_api_gateway_account with its CloudWatch role to each root that will have execution logging and has none")
	fl.Float64Var(&f.requests, "requests-per-month", 0, "requests a month, for the cost of each change (stages without traffic in .tfcomply.yml)")
	fl.Float64Var(&f.errorRate, "error-rate", 0, "share of requests answered 4XX or 5XX, from 0 to 1, for the cost of each change")
	fl.Float64Var(&f.maxMonthlyCost, "max-monthly-cost", fix.DefaultMaxMonthlyCost, "warn about a change that costs more than this many US dollars a month (0: never)")
	return cmd
}

func runFix(cmd *cobra.Command, f *fixFlags, args []string) error {
	opts, cfgProblems, modules, err := fixOptions(cmd, f, args)
	if err != nil {
		return err
	}
	out := fix.Run(opts)
	for _, p := range cfgProblems {
		out.Problems = append(out.Problems, engine.Problem{Problem: p})
	}
	out.Problems = append(out.Problems, modules.problems()...)
	var writeErr error
	if !f.dryRun && len(out.Files) > 0 {
		writeErr = fix.Write(out)
	}
	var buf bytes.Buffer
	if err := fix.Text(&buf, out, f.dryRun); err != nil {
		return err
	}
	if _, err := io.Copy(cmd.OutOrStdout(), &buf); err != nil {
		return err
	}
	switch {
	case writeErr != nil:
		return usageError("%v", writeErr)
	case out.HasErrors():
		return exitError{exitProblem}
	case out.Remaining() > 0:
		return exitError{exitFailed}
	}
	return exitError{exitOK}
}

// fixOptions checks the command line and turns it into fix's options,
// with the problems .tfcomply.yml had and the module fetcher.
func fixOptions(cmd *cobra.Command, f *fixFlags, args []string) (fix.Options, []model.Problem, moduleFetcher, error) {
	if len(args) == 0 {
		args = []string{"."}
	}
	for _, a := range args {
		st, err := os.Stat(a)
		switch {
		case a == "-":
			return fix.Options{}, nil, moduleFetcher{}, usageError("fix edits Terraform source: it does not read a plan from standard input")
		case err != nil:
			return fix.Options{}, nil, moduleFetcher{}, usageError("cannot read %s: %v", a, err)
		case !st.IsDir() && !strings.HasSuffix(a, ".tf"):
			return fix.Options{}, nil, moduleFetcher{}, usageError("fix edits Terraform source: %s is not a directory or a .tf file", a)
		}
	}
	cfg, cfgProblems := loadConfig(cmd, &f.scanFlags, args)
	if f.profile != controls.ProfileDefault && f.profile != controls.ProfileStrict {
		return fix.Options{}, nil, moduleFetcher{}, usageError("--profile must be default or strict, not %q", f.profile)
	}
	for _, id := range f.frameworks {
		if _, ok := controls.Framework(id); !ok {
			return fix.Options{}, nil, moduleFetcher{}, usageError("unknown --framework %q: one of %s", id, strings.Join(controls.FrameworkIDs(), ", "))
		}
	}
	supp := suppress.Options{NoIgnores: f.noIgnores, Now: time.Now()}
	if f.config != "" {
		supp.Config = cfg
	}
	if f.baseline != "" {
		b, err := suppress.LoadBaseline(f.baseline)
		if err != nil {
			return fix.Options{}, nil, moduleFetcher{}, usageError("--baseline: %v", err)
		}
		supp.Baseline = b
	}
	var flags estimate.Figures
	if cmd.Flags().Changed("requests-per-month") {
		flags.RequestsPerMonth = &f.requests
	}
	if cmd.Flags().Changed("error-rate") {
		flags.ErrorRate = &f.errorRate
	}
	if err := estimate.CheckFigures(flags); err != nil {
		return fix.Options{}, nil, moduleFetcher{}, usageError("%v", err)
	}
	traffic := configTraffic(cfg)
	traffic.Flags = flags
	modules := newModuleFetcher(os.Environ(), f.offline)
	opts := fix.Options{
		Paths: args,
		Engine: engine.Options{Profile: f.profile, Vars: f.vars, Environ: os.Environ(), SkipDirs: f.skipDirs, AllDirs: f.allDirs,
			Frameworks: f.frameworks, Suppress: supp, Modules: modules},
		RetentionDays: f.retentionDays, ExecutionLevel: f.executionLevel, AddAccountRole: f.addAccountRole,
		Traffic: traffic, Prices: estimate.EmbeddedPrices, MaxMonthlyCost: f.maxMonthlyCost,
	}
	if err := opts.Check(); err != nil {
		return fix.Options{}, nil, moduleFetcher{}, usageError("%v", err)
	}
	return opts, cfgProblems, modules, nil
}
