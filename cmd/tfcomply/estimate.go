package main

import (
	"bytes"
	"io"
	"os"
	"regexp"
	"time"

	"github.com/spf13/cobra"
	"github.com/tfcomply/tfcomply/internal/controls"
	"github.com/tfcomply/tfcomply/internal/engine"
	"github.com/tfcomply/tfcomply/internal/estimate"
	"github.com/tfcomply/tfcomply/internal/suppress"
)

type estimateFlags struct {
	scanFlags
	format       string
	requests     float64
	errorRate    float64
	metrics      string
	pricing      string
	region       string
	payloadBytes int
}

func newEstimateCommand() *cobra.Command {
	f := &estimateFlags{}
	cmd := &cobra.Command{
		Use:   "estimate [PATH ...]",
		Short: "Estimate what each stage's logging costs a month, now and for each way to pass the control",
		Long: `Estimate finds the same roots as scan and, for every API Gateway stage, works
out the monthly log volume (GB) and cost (USD) of its logging as configured now
and of each way to pass apigateway_stage_logging_enabled: access logging only,
execution logging at ERROR, at INFO, at INFO with data trace, and access with
execution logging at INFO.

Traffic, per figure, comes from the first of: the stage's traffic entry in
.tfcomply.yml, --requests-per-month and --error-rate, a CloudWatch metrics
export (--metrics). Without traffic the figures are per million requests.

Prices are the embedded table's (its date is shown), for --region, the region
of the stage's log destination ARN, the aws provider block's, or us-east-1;
--pricing FILE replaces regions of the table. The model, each constant's
source and the JSON output are described in docs/estimate.md.

Exit codes: 0 estimated, 2 a usage error or input that could not be read or parsed.`,
		RunE: func(cmd *cobra.Command, args []string) error { return runEstimate(cmd, f, args) },
	}
	addInputFlags(cmd, &f.scanFlags)
	fl := cmd.Flags()
	fl.StringVar(&f.format, "format", "text", "text, json or markdown")
	fl.StringVarP(&f.output, "output", "o", "", "write the estimate to FILE instead of standard output")
	fl.Float64Var(&f.requests, "requests-per-month", 0, "requests a month, for every stage without its own traffic in .tfcomply.yml")
	fl.Float64Var(&f.errorRate, "error-rate", 0, "share of requests answered 4XX or 5XX, from 0 to 1 (0.02 for 2%), for every stage without its own")
	fl.StringVar(&f.metrics, "metrics", "", "CloudWatch metrics export (aws cloudwatch get-metric-data JSON of AWS/ApiGateway Count, 4XXError and 5XXError; see docs/estimate.md)")
	fl.StringVar(&f.pricing, "pricing", "", "price table JSON whose figures replace the embedded table's (schema: docs/estimate.md)")
	fl.StringVar(&f.region, "region", "", "price every stage in this region (default: the destination ARN's, the aws provider's, or us-east-1)")
	fl.IntVar(&f.payloadBytes, "payload-bytes", estimate.DefaultPayloadBytes, "request and response body size data trace logs, in bytes")
	return cmd
}

var regionName = regexp.MustCompile(`^[a-z]{2}(-[a-z]+)+-\d+$`)

func runEstimate(cmd *cobra.Command, f *estimateFlags, args []string) error {
	if len(args) == 0 {
		args = []string{"."}
	}
	f.profile = controls.ProfileDefault
	cfg, cfgProblems := loadConfig(cmd, &f.scanFlags, args)
	switch f.format {
	case "text", "json", "markdown":
	default:
		return usageError("--format must be text, json or markdown, not %q", f.format)
	}
	if f.region != "" && !regionName.MatchString(f.region) {
		return usageError("--region %q is not an AWS region name (us-east-1)", f.region)
	}
	if f.payloadBytes < 0 {
		return usageError("--payload-bytes must not be negative")
	}
	var flags estimate.Figures
	if cmd.Flags().Changed("requests-per-month") {
		flags.RequestsPerMonth = &f.requests
	}
	if cmd.Flags().Changed("error-rate") {
		flags.ErrorRate = &f.errorRate
	}
	if err := estimate.CheckFigures(flags); err != nil {
		return usageError("%v", err)
	}
	sources := configTraffic(cfg)
	sources.Flags = flags
	if f.metrics != "" {
		m, err := estimate.ParseMetrics(f.metrics)
		if err != nil {
			return usageError("--metrics: %v", err)
		}
		sources.Metrics = m
	}
	prices := estimate.EmbeddedPrices
	if f.pricing != "" {
		p, err := estimate.LoadPrices(f.pricing, prices)
		if err != nil {
			return usageError("--pricing: %v", err)
		}
		prices = p
	}
	rep := estimate.Run(args, estimate.RunOptions{
		Engine: engine.Options{Profile: f.profile, Vars: f.vars, Environ: os.Environ(), SkipDirs: f.skipDirs, AllDirs: f.allDirs,
			ConfigDir: f.configDir, Stdin: cmd.InOrStdin(), Suppress: suppress.Options{Config: cfg, Now: time.Now()}},
		Sources: sources, Prices: prices, Region: f.region, PayloadBytes: f.payloadBytes, Version: version(),
	})
	for _, p := range cfgProblems {
		rep.Problems = append(rep.Problems, engine.Problem{Problem: p})
	}
	var buf bytes.Buffer
	var err error
	switch f.format {
	case "json":
		err = estimate.JSON(&buf, rep)
	case "markdown":
		err = estimate.Markdown(&buf, rep)
	default:
		err = estimate.Text(&buf, rep)
	}
	if err != nil {
		return err
	}
	if f.output == "" {
		if _, err := io.Copy(cmd.OutOrStdout(), &buf); err != nil {
			return err
		}
	} else if err := writeAtomic(f.output, buf.Bytes()); err != nil {
		return usageError("cannot write %s: %v", f.output, err)
	}
	for _, p := range rep.Problems {
		if p.Severity == "error" {
			return exitError{exitProblem}
		}
	}
	return exitError{exitOK}
}
