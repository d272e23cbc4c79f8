package main

import (
	"bufio"
	"fmt"
	"io"
	"os"
	"strings"
	"time"

	"github.com/spf13/cobra"
	"github.com/tfcomply/tfcomply/internal/controls"
	"github.com/tfcomply/tfcomply/internal/engine"
	"github.com/tfcomply/tfcomply/internal/hclload"
	"github.com/tfcomply/tfcomply/internal/report"
	"github.com/tfcomply/tfcomply/internal/result"
	"github.com/tfcomply/tfcomply/internal/suppress"
)

type scanFlags struct {
	vars          []hclload.VarFlag
	profile       string
	formats       []string
	frameworks    []string
	output        string
	noColor       bool
	showPassed    bool
	skipDirs      []string
	failOn        string
	failOnUnknown bool
	configDir     string
	config        string
	baseline      string
	baselineWrite string
	noIgnores     bool
	allDirs       bool
	rootsOf       bool
	offline       bool
}

func newScanCommand() *cobra.Command {
	f := &scanFlags{}
	cmd := &cobra.Command{
		Use:   "scan [PATH ...]",
		Short: "Evaluate the controls on Terraform source, a plan or a state",
		Long: `Scan finds the Terraform roots under each PATH (the directories that hold .tf,
.tf.json, .tofu or .tofu.json files and that no other scanned directory calls
as a local module, and Terragrunt units, directories with a terragrunt.hcl),
evaluates each as terraform plan would if run there, and decides each control
for every resource instance. A module's resources are reported through every
root that calls it; --all-dirs also evaluates called modules alone, with their
variables' defaults. PATH defaults to the current directory.

A directory with a terragrunt.hcl is a Terragrunt unit: the module its
terraform.source names is evaluated as the root, with the unit's inputs.

With --roots-of, each PATH is a changed file (as pre-commit passes them): the
roots under the current directory that it can change are scanned, each once
and whole: its own directory's root, every root that calls its module
(directly or not), or for a Terragrunt .hcl file other than a unit's, every
unit at or below its directory.

PATH may also be plan or state JSON (terraform show -json), told apart by
content; "-" reads it from standard input.

Modules with registry, git or archive sources are read where terraform init
installed them (.terraform/modules), else from the module cache, else fetched
(not with --offline or TFCOMPLY_OFFLINE=1); see docs/modules.md. A module call
that cannot be loaded is a warning and counted in the summary.

Exit codes: 0 nothing failing, 1 a FAIL at or above --fail-on (UNKNOWN too with
--fail-on-unknown, also when a module call could not be evaluated), 2 a usage
error or input that could not be read or parsed.`,
		RunE: func(cmd *cobra.Command, args []string) error { return runScan(cmd, f, args) },
	}
	addInputFlags(cmd, f)
	fl := cmd.Flags()
	fl.StringVar(&f.profile, "profile", controls.ProfileDefault, "default (either kind of logging) or strict (every kind that applies)")
	fl.StringArrayVar(&f.formats, "format", []string{"text"}, "output format: text, json, sarif, junit, markdown or html; FMT=FILE writes it to FILE (repeatable: several reports from one scan)")
	fl.StringVarP(&f.output, "output", "o", "", "write the report to FILE instead of standard output")
	fl.StringArrayVar(&f.frameworks, "framework", nil, "report only on this framework, evaluated under its profile (repeatable): "+strings.Join(controls.FrameworkIDs(), ", "))
	fl.BoolVar(&f.noColor, "no-color", false, "no colour in text output (NO_COLOR is honoured too)")
	fl.BoolVar(&f.showPassed, "show-passed", false, "list passing stages in text output")
	fl.StringVar(&f.failOn, "fail-on", "medium", "lowest severity of a FAIL that makes the exit code 1: low, medium, high, critical")
	fl.BoolVar(&f.failOnUnknown, "fail-on-unknown", false, "an UNKNOWN verdict fails like a FAIL, and so does a module call that could not be evaluated")
	fl.BoolVar(&f.offline, "offline", false, "never fetch modules: read them from .terraform/modules and the module cache only (also TFCOMPLY_OFFLINE=1)")
	fl.StringVar(&f.baseline, "baseline", "", "accept the failures recorded in FILE: they are reported as suppressed by the baseline")
	fl.StringVar(&f.baselineWrite, "baseline-write", "", "record today's failures in FILE, to be accepted with --baseline")
	fl.BoolVar(&f.noIgnores, "no-ignores", false, "audit view: apply no ignore comment, waiver or baseline, and list what would have been suppressed")
	fl.BoolVar(&f.rootsOf, "roots-of", false, "read each PATH as a changed file and scan, whole and once each, the roots under the current directory it belongs to (for pre-commit)")
	return cmd
}

// addInputFlags adds the flags that choose and evaluate the roots, which
// every command that reads Terraform shares with scan.
func addInputFlags(cmd *cobra.Command, f *scanFlags) {
	fl := cmd.Flags()
	fl.Var(varList{list: &f.vars}, "var", "set a root variable (NAME=VALUE); repeatable, applied to every root")
	fl.Var(varList{list: &f.vars, file: true}, "var-file", "read root variables from a .tfvars or .tfvars.json file; repeatable")
	fl.StringArrayVar(&f.skipDirs, "skip-dir", nil, "skip directories matching GLOB (by name or relative path); repeatable")
	fl.BoolVar(&f.allDirs, "all-dirs", false, "also evaluate directories that other scanned directories call as modules, each alone with its variables' defaults (for module authors)")
	fl.StringVar(&f.config, "config", "", "the tfcomply configuration (default: .tfcomply.yml in the scanned directory or a parent)")
	fl.StringVar(&f.configDir, "config-dir", "", "for plan or state JSON: the Terraform configuration it was made from, for file:line and references (default: the JSON file's directory, if it holds .tf files)")
}

func usageError(format string, a ...interface{}) error {
	fmt.Fprintf(os.Stderr, "tfcomply: "+format+"\n", a...)
	return exitError{exitProblem}
}

func runScan(cmd *cobra.Command, f *scanFlags, args []string) error {
	if len(args) == 0 {
		args = []string{"."}
	}
	cfg, cfgProblems := loadConfig(cmd, f, args)
	if f.profile != controls.ProfileDefault && f.profile != controls.ProfileStrict {
		return usageError("--profile must be default or strict, not %q", f.profile)
	}
	outs, err := parseOutputs(f)
	if err != nil {
		return usageError("%v", err)
	}
	if result.SeverityRank(f.failOn) == 0 {
		return usageError("--fail-on must be low, medium, high or critical, not %q", f.failOn)
	}
	for _, id := range f.frameworks {
		if _, ok := controls.Framework(id); !ok {
			return usageError("unknown --framework %q: one of %s", id, strings.Join(controls.FrameworkIDs(), ", "))
		}
	}
	// --config's waivers apply to every root; without it, each root's
	// nearest .tfcomply.yml does (the one found here gives the defaults).
	supp := suppress.Options{NoIgnores: f.noIgnores, Now: time.Now()}
	if f.config != "" {
		supp.Config = cfg
	}
	if f.baseline != "" {
		b, err := suppress.LoadBaseline(f.baseline)
		if err != nil {
			return usageError("--baseline: %v", err)
		}
		supp.Baseline = b
	}
	modules := newModuleFetcher(os.Environ(), f.offline)
	rep := engine.Scan(args, engine.Options{Profile: f.profile, Vars: f.vars, Environ: os.Environ(), SkipDirs: f.skipDirs, AllDirs: f.allDirs, RootsOf: f.rootsOf,
		ConfigDir: f.configDir, Stdin: cmd.InOrStdin(), Frameworks: f.frameworks, Suppress: supp, Modules: modules})
	for _, p := range cfgProblems {
		rep.Problems = append(rep.Problems, engine.Problem{Problem: p})
	}
	addRemediationCosts(rep, cfg, f)
	rep.Problems = append(rep.Problems, modules.problems()...)
	if f.baselineWrite != "" {
		data, err := suppress.NewBaseline(rep.Results).Marshal()
		if err == nil {
			err = writeReport(f.baselineWrite, data)
		}
		if err != nil {
			return usageError("cannot write the baseline %s: %v", f.baselineWrite, err)
		}
	}
	meta := scanMeta(f, args)
	// Variables files Terraform loads by itself count as used too.
	for _, file := range rep.Files {
		if strings.HasSuffix(file.Path, ".tfvars") || strings.HasSuffix(file.Path, ".tfvars.json") {
			meta.VarFiles = append(meta.VarFiles, file.Path)
		}
	}
	toFiles := false
	// Reports stream to where they go: a report of 100,000 results is
	// never held whole in memory.
	for _, o := range outs {
		write := func(w io.Writer) error { return render(w, o, rep, f, meta) }
		if o.file == "" || o.file == "-" {
			out := bufio.NewWriterSize(cmd.OutOrStdout(), 64<<10)
			if err := write(out); err != nil {
				return err
			}
			if err := out.Flush(); err != nil {
				return err
			}
			continue
		}
		toFiles = true
		if err := streamReport(o.file, write); err != nil {
			return usageError("cannot write %s: %v", o.file, err)
		}
	}
	if toFiles && !textOnStdout(outs) {
		// The reports went to files: a CI log still shows what happened.
		fmt.Fprintln(cmd.ErrOrStderr(), report.SummaryLine(rep))
	}
	if f.baselineWrite != "" && !rep.HasErrors() {
		return exitError{exitOK} // today's failures are accepted
	}
	return exitError{exitCode(rep, f)}
}

// exitCode is 2 on input errors, 1 when a result at or above --fail-on
// fails (under any --framework's profile, when frameworks are chosen), or,
// with --fail-on-unknown, when a result is UNKNOWN or a module call could
// not be evaluated (what it holds is unknown).
func exitCode(rep *engine.Report, f *scanFlags) int {
	if rep.HasErrors() {
		return exitProblem
	}
	if f.failOnUnknown && len(rep.ModulesNotEvaluated) > 0 {
		return exitFailed
	}
	threshold := result.SeverityRank(f.failOn)
	failing := func(v result.Verdict) bool {
		return v == result.Fail || (f.failOnUnknown && v == result.Unknown)
	}
	for _, r := range rep.Results {
		if result.SeverityRank(r.Severity) < threshold {
			continue
		}
		if !r.Counts() {
			continue // suppressed by an ignore, a waiver or the baseline
		}
		if failing(r.VerdictUnder(f.frameworks)) {
			return exitFailed
		}
	}
	return exitOK
}
