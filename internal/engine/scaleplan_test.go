package engine

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"sort"
	"strings"
	"testing"

	"github.com/tfcomply/tfcomply/internal/controls"
	"github.com/tfcomply/tfcomply/internal/result"
)

// smallPlan is testdata/scale/small/plan.json: real Terraform's plan of
// writeScaleRoot(2, 2), the template the generator below copies from.
var smallPlan = filepath.Join("..", "..", "testdata", "scale", "small", "plan.json")

// scalePlan writes a plan of writeScaleRoot(blocks, envs) without running
// Terraform: every stage and method settings entry is a copy of the one
// Terraform wrote for s0["env0"], renamed.
func scalePlan(tb testing.TB, blocks, envs int) []byte {
	tb.Helper()
	data, err := os.ReadFile(smallPlan)
	if err != nil {
		tb.Fatal(err)
	}
	var plan map[string]interface{}
	if err := json.Unmarshal(data, &plan); err != nil {
		tb.Fatal(err)
	}
	isScaled := func(addr string) bool {
		return strings.HasPrefix(addr, "aws_api_gateway_stage.s") || strings.HasPrefix(addr, "aws_api_gateway_method_settings.s")
	}
	// rename rewrites a JSON fragment of block 0 / env 0 for block i / env e.
	rename := func(v interface{}, i, e int) interface{} {
		b, _ := json.Marshal(v)
		s := string(b)
		s = strings.ReplaceAll(s, "s0-env0", fmt.Sprintf("s%d-env%d", i, e))
		s = strings.ReplaceAll(s, "env0", fmt.Sprintf("env%d", e))
		s = strings.ReplaceAll(s, ".s0", fmt.Sprintf(".s%d", i))
		s = strings.ReplaceAll(s, `"name":"s0"`, fmt.Sprintf(`"name":"s%d"`, i))
		var out interface{}
		_ = json.Unmarshal([]byte(s), &out)
		return out
	}
	scale := func(list []interface{}, perEnv bool) []interface{} {
		var keep, templates []interface{}
		for _, item := range list {
			addr := item.(map[string]interface{})["address"].(string)
			switch {
			case !isScaled(addr):
				keep = append(keep, item)
			case strings.Contains(addr, ".s0") && (!perEnv || strings.Contains(addr, "env0")):
				templates = append(templates, item)
			}
		}
		for i := 0; i < blocks; i++ {
			for _, tpl := range templates {
				if !perEnv {
					keep = append(keep, rename(tpl, i, 0))
					continue
				}
				for e := 0; e < envs; e++ {
					keep = append(keep, rename(tpl, i, e))
				}
			}
		}
		return keep
	}
	plan["resource_changes"] = scale(plan["resource_changes"].([]interface{}), true)
	pv := plan["planned_values"].(map[string]interface{})["root_module"].(map[string]interface{})
	pv["resources"] = scale(pv["resources"].([]interface{}), true)
	cfg := plan["configuration"].(map[string]interface{})["root_module"].(map[string]interface{})
	cfg["resources"] = scale(cfg["resources"].([]interface{}), false)
	out, err := json.Marshal(plan)
	if err != nil {
		tb.Fatal(err)
	}
	return out
}

// The generator reproduces what Terraform wrote for the small case.
func TestScalePlanMatchesTerraform(t *testing.T) {
	var want, got map[string]interface{}
	data, _ := os.ReadFile(smallPlan)
	json.Unmarshal(data, &want)
	json.Unmarshal(scalePlan(t, 2, 2), &got)
	for _, key := range []string{"resource_changes"} {
		w, g := byAddress(want[key]), byAddress(got[key])
		if !reflect.DeepEqual(w, g) {
			t.Errorf("%s differ:\nterraform: %v\ngenerated: %v", key, keys(w), keys(g))
		}
	}
	wc := want["configuration"].(map[string]interface{})["root_module"].(map[string]interface{})["resources"]
	gc := got["configuration"].(map[string]interface{})["root_module"].(map[string]interface{})["resources"]
	if !reflect.DeepEqual(byAddress(wc), byAddress(gc)) {
		t.Errorf("configuration differs")
	}
}

func byAddress(v interface{}) map[string]interface{} {
	out := map[string]interface{}{}
	for _, item := range v.([]interface{}) {
		out[item.(map[string]interface{})["address"].(string)] = item
	}
	return out
}

func keys(m map[string]interface{}) []string {
	var out []string
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}

func TestScalePlan2000Stages(t *testing.T) {
	path := filepath.Join(t.TempDir(), "plan.json")
	os.WriteFile(path, scalePlan(t, 500, 4), 0o644)
	rep := Scan([]string{path}, Options{Profile: controls.ProfileDefault})
	pass := 0
	for _, r := range rep.Results {
		if r.Verdict == result.Pass && !r.IsAdvisory() {
			pass++
		}
	}
	if pass != 2000 || len(rep.Results) != 2000 || len(rep.Problems) > 0 {
		t.Errorf("%d PASS of %d results, problems %v", pass, len(rep.Results), rep.Problems)
	}
}

// Scan time of a plan with 10k stage instances (and as many method settings).
func BenchmarkScanPlan10k(b *testing.B) {
	path := filepath.Join(b.TempDir(), "plan.json")
	os.WriteFile(path, scalePlan(b, 2500, 4), 0o644)
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		if rep := Scan([]string{path}, Options{Profile: controls.ProfileDefault}); len(rep.Results) != 10000 {
			b.Fatalf("%d results", len(rep.Results))
		}
	}
}
