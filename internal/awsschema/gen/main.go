// Command gen writes the awsschema package's table (schema.json) from a
// `terraform providers schema -json` document and, optionally, the SDK
// schema of the same provider version, which gives the attributes' defaults:
//
//	go run ./internal/awsschema/gen -schema aws.json -sdk sdk.json -out internal/awsschema/schema.json
package main

import (
	"flag"
	"fmt"
	"io"
	"os"

	"github.com/tfcomply/tfcomply/internal/awsschema/schemajson"
)

func main() {
	schema := flag.String("schema", "", "`file` with the output of terraform providers schema -json (- for standard input)")
	out := flag.String("out", "", "`file` to write the table to (- or empty for standard output)")
	sdk := flag.String("sdk", "", "`file` with the provider's SDKv2 schema details, for the attributes' defaults (none when empty)")
	provider := flag.String("provider", schemajson.DefaultProvider, "provider source `address` whose schema to take")
	flag.Parse()
	if *schema == "" || flag.NArg() > 0 {
		fmt.Fprintln(os.Stderr, "usage: gen -schema FILE [-sdk FILE] [-out FILE] [-provider ADDRESS]")
		flag.PrintDefaults()
		os.Exit(2)
	}
	if err := run(*schema, *sdk, *out, *provider); err != nil {
		fmt.Fprintln(os.Stderr, "gen:", err)
		os.Exit(1)
	}
}

func run(schema, sdk, out, provider string) error {
	in := os.Stdin
	if schema != "-" {
		f, err := os.Open(schema)
		if err != nil {
			return err
		}
		defer f.Close()
		in = f
	}
	var sdkIn io.Reader
	if sdk != "" {
		f, err := os.Open(sdk)
		if err != nil {
			return err
		}
		defer f.Close()
		sdkIn = f
	}
	table, err := schemajson.Generate(in, provider, sdkIn)
	if err != nil {
		if sdk != "" {
			return fmt.Errorf("%s and %s: %w", schema, sdk, err)
		}
		return fmt.Errorf("%s: %w", schema, err)
	}
	if out == "" || out == "-" {
		_, err = os.Stdout.Write(table)
		return err
	}
	return os.WriteFile(out, table, 0o644)
}
