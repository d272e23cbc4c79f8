package estimate

import (
	"encoding/json"
	"fmt"
	"io"
	"strconv"
	"strings"

	"github.com/tfcomply/tfcomply/internal/engine"
)

// problemJSON is an input problem as the estimate's JSON lists it.
type problemJSON struct {
	File    string `json:"file"`
	Line    int    `json:"line,omitempty"`
	Column  int    `json:"column,omitempty"`
	Message string `json:"message"`
}

// JSON writes the estimate as JSON (schema: docs/estimate.md).
func JSON(w io.Writer, rep *Report) error {
	out := struct {
		*Report
		Errors   []problemJSON `json:"errors"`
		Warnings []problemJSON `json:"warnings"`
	}{Report: rep, Errors: []problemJSON{}, Warnings: []problemJSON{}}
	for _, p := range rep.Problems {
		pj := problemJSON{File: p.File, Line: p.Line, Column: p.Column, Message: p.Message}
		if p.Severity == "error" {
			out.Errors = append(out.Errors, pj)
		} else {
			out.Warnings = append(out.Warnings, pj)
		}
	}
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	return enc.Encode(out)
}

// Text writes the estimate for people: a table of options per stage.
func Text(w io.Writer, rep *Report) error {
	var b strings.Builder
	root := "\x00"
	for _, s := range rep.Stages {
		if s.Root != root {
			root = s.Root
			fmt.Fprintf(&b, "\nRoot %s\n", root)
		}
		fmt.Fprintf(&b, "\n  %s%s  (%s, %s)\n", s.Address, locationOf(s), s.Kind, s.Verdict)
		fmt.Fprintf(&b, "    region %s (%s)\n", s.Region, s.RegionSource)
		fmt.Fprintf(&b, "    traffic %s\n", trafficLine(s.Traffic))
		unit := "month"
		if !s.Traffic.Known {
			unit = "1M req"
		}
		fmt.Fprintf(&b, "    %-28s %13s %11s %11s %11s %11s\n", "option", "bytes/request", "GB/"+unit, "ingestion", "storage", "USD/"+unit)
		for _, o := range s.Options {
			switch {
			case !o.Applicable:
				fmt.Fprintf(&b, "    %-28s %13s %11s %11s %11s %11s  %s\n", o.Title, "-", "-", "-", "-", "-", o.Why)
			case !o.Known:
				fmt.Fprintf(&b, "    %-28s %13s %11s %11s %11s %11s  %s\n", o.Title, "?", "?", "?", "?", "?", o.Why)
			default:
				fmt.Fprintf(&b, "    %-28s %13s %11s %11s %11s %11s%s\n", o.Title, num(o.BytesPerRequest, 1), num(o.GBPerMonth, 2),
					money(o.IngestionUSD), money(o.StorageUSD), money(o.USDPerMonth), whySuffix(o))
			}
		}
		for _, n := range s.Notes {
			fmt.Fprintf(&b, "    note: %s\n", n)
		}
	}
	writeProblems(&b, rep.Problems)
	fmt.Fprintf(&b, "\n%d %s; prices of %s (%s); the model and its sources: %s\n",
		len(rep.Stages), plural(len(rep.Stages), "stage", "stages"), rep.Prices.Date, rep.Prices.Source, rep.Model.Docs)
	_, err := io.WriteString(w, strings.TrimPrefix(b.String(), "\n"))
	return err
}

// Markdown writes the estimate as GitHub-flavoured Markdown.
func Markdown(w io.Writer, rep *Report) error {
	var b strings.Builder
	b.WriteString("## tfcomply estimate: what logging costs\n\n")
	fmt.Fprintf(&b, "Prices of %s (%s). The model and its sources: `%s`.\n", rep.Prices.Date, rep.Prices.Source, rep.Model.Docs)
	for _, s := range rep.Stages {
		fmt.Fprintf(&b, "\n### `%s` (%s)\n\n", s.Address, s.Root)
		fmt.Fprintf(&b, "%s%s, %s. Region %s (%s). Traffic: %s.\n\n", s.Kind, mdLocation(s), s.Verdict, s.Region, s.RegionSource, trafficLine(s.Traffic))
		unit := "month"
		if !s.Traffic.Known {
			unit = "1M requests"
		}
		fmt.Fprintf(&b, "| option | bytes/request | GB/%s | ingestion | storage | USD/%s |\n|---|---:|---:|---:|---:|---:|\n", unit, unit)
		for _, o := range s.Options {
			switch {
			case !o.Applicable:
				fmt.Fprintf(&b, "| %s | – | – | – | – | – (%s) |\n", o.Title, mdCell(o.Why))
			case !o.Known:
				fmt.Fprintf(&b, "| %s | ? | ? | ? | ? | ? (%s) |\n", o.Title, mdCell(o.Why))
			default:
				fmt.Fprintf(&b, "| %s | %s | %s | %s | %s | %s |\n", o.Title, num(o.BytesPerRequest, 1), num(o.GBPerMonth, 2),
					money(o.IngestionUSD), money(o.StorageUSD), money(o.USDPerMonth))
			}
		}
		for _, n := range s.Notes {
			fmt.Fprintf(&b, "\n- %s", mdCell(n))
		}
		if len(s.Notes) > 0 {
			b.WriteString("\n")
		}
	}
	var errs []string
	for _, p := range rep.Problems {
		errs = append(errs, fmt.Sprintf("- %s: %s: %s", p.Severity, location(p), mdCell(p.Message)))
	}
	if len(errs) > 0 {
		b.WriteString("\n### Problems\n\n" + strings.Join(errs, "\n") + "\n")
	}
	_, err := io.WriteString(w, b.String())
	return err
}

func whySuffix(o Option) string {
	if o.Why != "" {
		return "  " + o.Why
	}
	return ""
}

func trafficLine(t Traffic) string {
	errors := strconv.FormatFloat(t.ErrorRate*100, 'f', -1, 64) + "% errors"
	if !t.Known {
		return fmt.Sprintf("unknown: figures per 1M requests, %s (%s)", errors, t.ErrorRateSource)
	}
	req := num(t.RequestsPerMonth, 0) + " requests/month"
	if t.RequestsSource == t.ErrorRateSource {
		return fmt.Sprintf("%s, %s (%s)", req, errors, t.RequestsSource)
	}
	return fmt.Sprintf("%s (%s), %s (%s)", req, t.RequestsSource, errors, t.ErrorRateSource)
}

func locationOf(s StageEstimate) string {
	if s.File == "" {
		return ""
	}
	return fmt.Sprintf("  %s:%d", s.File, s.Line)
}

func mdLocation(s StageEstimate) string {
	if s.File == "" {
		return ""
	}
	return fmt.Sprintf(" at `%s:%d`", s.File, s.Line)
}

func writeProblems(b *strings.Builder, ps []engine.Problem) {
	for _, p := range ps {
		fmt.Fprintf(b, "\n%s: %s: %s", p.Severity, location(p), p.Message)
	}
	if len(ps) > 0 {
		b.WriteString("\n")
	}
}

func location(p engine.Problem) string {
	path := p.File
	switch {
	case p.Line > 0 && p.Column > 0:
		return fmt.Sprintf("%s:%d,%d", path, p.Line, p.Column)
	case p.Line > 0:
		return fmt.Sprintf("%s:%d", path, p.Line)
	}
	return path
}

func mdCell(s string) string {
	return strings.NewReplacer("|", "\\|", "\n", " ").Replace(s)
}

func plural(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}

// num writes a number with thousands separators and a number of decimals.
func num(x float64, decimals int) string {
	s := strconv.FormatFloat(x, 'f', decimals, 64)
	intPart, frac, _ := strings.Cut(s, ".")
	neg := strings.HasPrefix(intPart, "-")
	intPart = strings.TrimPrefix(intPart, "-")
	var out []byte
	for i := range intPart {
		if i > 0 && (len(intPart)-i)%3 == 0 {
			out = append(out, ',')
		}
		out = append(out, intPart[i])
	}
	res := string(out)
	if neg {
		res = "-" + res
	}
	if frac != "" {
		res += "." + frac
	}
	return res
}

func money(x float64) string {
	if x > 0 && x < 0.01 {
		return "$" + strconv.FormatFloat(x, 'f', 4, 64)
	}
	return "$" + num(x, 2)
}
