package main

import (
	"bytes"
	"fmt"
	"io"
	"os"
	"path/filepath"

	"github.com/fatih/color"
	"github.com/spf13/cobra"
	"github.com/tfcomply/tfcomply/internal/controls"
	"github.com/tfcomply/tfcomply/internal/engine"
	"github.com/tfcomply/tfcomply/internal/hclload"
	"github.com/tfcomply/tfcomply/internal/report"
	"github.com/tfcomply/tfcomply/internal/result"
)

type scanFlags struct {
	vars          []hclload.VarFlag
	profile       string
	format        string
	output        string
	noColor       bool
	showPassed    bool
	skipDirs      []string
	failOn        string
	failOnUnknown bool
	configDir     string
}

func newScanCommand() *cobra.Command {
	f := &scanFlags{}
	cmd := &cobra.Command{
		Use:   "scan [PATH ...]",
		Short: "Evaluate the controls on Terraform source, a plan or a state",
		Long: `Scan evaluates every directory under PATH that holds .tf or .tf.json files as a
Terraform root, as terraform plan would if run there, and decides each control
for every resource instance. PATH defaults to the current directory.

PATH may also be plan or state JSON (terraform show -json), told apart by
content; "-" reads it from standard input.

Exit codes: 0 nothing failing, 1 a FAIL at or above --fail-on (UNKNOWN too with
--fail-on-unknown), 2 a usage error or input that could not be read or parsed.`,
		RunE: func(cmd *cobra.Command, args []string) error { return runScan(cmd, f, args) },
	}
	fl := cmd.Flags()
	fl.Var(varList{list: &f.vars}, "var", "set a root variable (NAME=VALUE); repeatable, applied to every root")
	fl.Var(varList{list: &f.vars, file: true}, "var-file", "read root variables from a .tfvars or .tfvars.json file; repeatable")
	fl.StringVar(&f.profile, "profile", controls.ProfileDefault, "default (either kind of logging) or strict (every kind that applies)")
	fl.StringVar(&f.format, "format", "text", "output format: text or json")
	fl.StringVarP(&f.output, "output", "o", "", "write the report to FILE instead of standard output")
	fl.BoolVar(&f.noColor, "no-color", false, "no colour in text output (NO_COLOR is honoured too)")
	fl.BoolVar(&f.showPassed, "show-passed", false, "list passing stages in text output")
	fl.StringArrayVar(&f.skipDirs, "skip-dir", nil, "skip directories matching GLOB (by name or relative path); repeatable")
	fl.StringVar(&f.failOn, "fail-on", "medium", "lowest severity of a FAIL that makes the exit code 1: low, medium, high, critical")
	fl.BoolVar(&f.failOnUnknown, "fail-on-unknown", false, "an UNKNOWN verdict fails like a FAIL")
	fl.StringVar(&f.configDir, "config-dir", "", "for plan or state JSON: the Terraform configuration it was made from, for file:line and references (default: the JSON file's directory, if it holds .tf files)")
	return cmd
}

func usageError(format string, a ...interface{}) error {
	fmt.Fprintf(os.Stderr, "tfcomply: "+format+"\n", a...)
	return exitError{exitProblem}
}

func runScan(cmd *cobra.Command, f *scanFlags, args []string) error {
	if f.profile != controls.ProfileDefault && f.profile != controls.ProfileStrict {
		return usageError("--profile must be default or strict, not %q", f.profile)
	}
	if f.format != "text" && f.format != "json" {
		return usageError("--format must be text or json, not %q", f.format)
	}
	if result.SeverityRank(f.failOn) == 0 {
		return usageError("--fail-on must be low, medium, high or critical, not %q", f.failOn)
	}
	if len(args) == 0 {
		args = []string{"."}
	}
	rep := engine.Scan(args, engine.Options{Profile: f.profile, Vars: f.vars, Environ: os.Environ(), SkipDirs: f.skipDirs,
		ConfigDir: f.configDir, Stdin: cmd.InOrStdin()})

	var buf bytes.Buffer
	var err error
	if f.format == "json" {
		err = report.JSON(&buf, rep, f.profile, version())
	} else {
		useColor := f.output == "" && !f.noColor && !color.NoColor
		err = report.Text(&buf, rep, report.TextOptions{ShowPassed: f.showPassed, Color: useColor})
	}
	if err != nil {
		return err
	}
	if f.output != "" {
		if err := writeAtomic(f.output, buf.Bytes()); err != nil {
			return usageError("cannot write %s: %v", f.output, err)
		}
	} else if _, err := io.Copy(cmd.OutOrStdout(), &buf); err != nil {
		return err
	}
	return exitError{exitCode(rep, f)}
}

func exitCode(rep *engine.Report, f *scanFlags) int {
	if rep.HasErrors() {
		return exitProblem
	}
	threshold := result.SeverityRank(f.failOn)
	for _, r := range rep.Results {
		failing := r.Verdict == result.Fail || (f.failOnUnknown && r.Verdict == result.Unknown)
		if failing && result.SeverityRank(r.Severity) >= threshold {
			return exitFailed
		}
	}
	return exitOK
}

// writeAtomic writes a file through a temporary file in the same directory
// and a rename, so a reader never sees half a report.
func writeAtomic(path string, data []byte) error {
	tmp, err := os.CreateTemp(filepath.Dir(path), "."+filepath.Base(path)+".*")
	if err != nil {
		return err
	}
	defer os.Remove(tmp.Name())
	// A temporary file is private; a report is not. Keep the mode of the
	// file being replaced.
	mode := os.FileMode(0o644)
	if st, err := os.Stat(path); err == nil {
		mode = st.Mode().Perm()
	}
	if err := tmp.Chmod(mode); err != nil {
		tmp.Close()
		return err
	}
	if _, err := tmp.Write(data); err != nil {
		tmp.Close()
		return err
	}
	if err := tmp.Close(); err != nil {
		return err
	}
	return os.Rename(tmp.Name(), path)
}
