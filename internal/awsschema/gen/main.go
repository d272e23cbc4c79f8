// Command gen writes the awsschema package's table (schema.json) from a
// `terraform providers schema -json` document:
//
//	go run ./internal/awsschema/gen -schema aws.json -out internal/awsschema/schema.json
package main

import (
	"flag"
	"fmt"
	"os"

	"github.com/tfcomply/tfcomply/internal/awsschema/schemajson"
)

func main() {
	schema := flag.String("schema", "", "`file` with the output of terraform providers schema -json (- for standard input)")
	out := flag.String("out", "", "`file` to write the table to (- or empty for standard output)")
	provider := flag.String("provider", schemajson.DefaultProvider, "provider source `address` whose schema to take")
	flag.Parse()
	if *schema == "" || flag.NArg() > 0 {
		fmt.Fprintln(os.Stderr, "usage: gen -schema FILE [-out FILE] [-provider ADDRESS]")
		flag.PrintDefaults()
		os.Exit(2)
	}
	if err := run(*schema, *out, *provider); err != nil {
		fmt.Fprintln(os.Stderr, "gen:", err)
		os.Exit(1)
	}
}

func run(schema, out, provider string) error {
	in := os.Stdin
	if schema != "-" {
		f, err := os.Open(schema)
		if err != nil {
			return err
		}
		defer f.Close()
		in = f
	}
	table, err := schemajson.Generate(in, provider)
	if err != nil {
		return fmt.Errorf("%s: %w", schema, err)
	}
	if out == "" || out == "-" {
		_, err = os.Stdout.Write(table)
		return err
	}
	return os.WriteFile(out, table, 0o644)
}
