package main

import (
	"encoding/json"
	"sort"
	"strings"
	"testing"
)

// TestShippedExamples runs README's first command on the examples the
// repository ships: the module's stage once per environment, prod passing
// and dev failing, and the module directory not reported on its own.
func TestShippedExamples(t *testing.T) {
	code, stdout := runCLI(t, "scan", "--format", "json", "examples")
	if code != exitFailed {
		t.Fatalf("exit %d, want %d (dev fails)", code, exitFailed)
	}
	var rep struct {
		Results []struct {
			Kind, Root, Address, Verdict, File string
		}
		Errors []interface{}
	}
	if err := json.Unmarshal([]byte(stdout), &rep); err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, r := range rep.Results {
		if r.Kind == "control" {
			got = append(got, r.Root+" "+r.Address+" "+r.Verdict+" "+r.File)
		}
	}
	sort.Strings(got)
	want := []string{
		"examples/envs/dev module.api.aws_api_gateway_stage.live FAIL examples/modules/api/main.tf",
		"examples/envs/prod module.api.aws_api_gateway_stage.live PASS examples/modules/api/main.tf",
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") || len(rep.Errors) > 0 {
		t.Errorf("results:\n%s\nwant:\n%s\nerrors: %v", strings.Join(got, "\n"), strings.Join(want, "\n"), rep.Errors)
	}
}
