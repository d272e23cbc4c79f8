package hclload

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"regexp"
	"sort"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-json"
	"github.com/tfcomply/tfcomply/internal/model"
	"github.com/zclconf/go-cty/cty"
	ctyjson "github.com/zclconf/go-cty/cty/json"
)

// TestTerraformReproductions evaluates every root of testdata/repro and
// compares it with what real Terraform did with it (see the README there).
func TestTerraformReproductions(t *testing.T) {
	dirs, err := filepath.Glob(filepath.Join("testdata", "repro", "*"))
	if err != nil {
		t.Fatal(err)
	}
	n := 0
	for _, dir := range dirs {
		if st, err := os.Stat(dir); err != nil || !st.IsDir() {
			continue
		}
		n++
		t.Run(filepath.Base(dir), func(t *testing.T) {
			root := dir
			if _, err := os.Stat(filepath.Join(dir, "wrapper")); err == nil {
				root = filepath.Join(dir, "wrapper")
			}
			m, probs := LoadRoot(root, root, Options{})
			var errs []string
			for _, p := range probs {
				if p.Severity == "error" {
					errs = append(errs, fmt.Sprintf("%s:%d %s", p.File, p.Line, summary(p.Message)))
				}
			}
			sort.Strings(errs)
			switch {
			case fileExists(filepath.Join(dir, "terraform-plan.json")):
				if len(errs) > 0 {
					t.Fatalf("Terraform plans this root; tfcomply reports errors:\n%s", strings.Join(errs, "\n"))
				}
				comparePlan(t, filepath.Join(dir, "terraform-plan.json"), m)
			case fileExists(filepath.Join(dir, "terraform-error.txt")):
				want := terraformErrors(t, filepath.Join(dir, "terraform-error.txt"))
				if !reflect.DeepEqual(errs, want) {
					t.Errorf("errors:\n%s\nTerraform's:\n%s", strings.Join(errs, "\n"), strings.Join(want, "\n"))
				}
			default: // t4: the layout of t4b with the module beside the root
				want := []string{`../mod/main.tf:8 Reference to undeclared input variable`}
				if !reflect.DeepEqual(errs, want) {
					t.Errorf("errors:\n%s\nwant:\n%s", strings.Join(errs, "\n"), strings.Join(want, "\n"))
				}
			}
		})
	}
	if n == 0 {
		t.Fatal("no reproductions in testdata/repro")
	}
}

// summary is the part of a problem message before the detail.
func summary(msg string) string {
	if i := strings.Index(msg, ": "); i >= 0 {
		return msg[:i]
	}
	return msg
}

var errorHeader = regexp.MustCompile(`(?m)^Error: (.+)\n\n  on (\S+) line (\d+)`)

// terraformErrors reads Terraform's errors as "file:line summary", once each
// (Terraform repeats an error per instance; tfcomply reports it once).
func terraformErrors(t *testing.T, path string) []string {
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	seen := map[string]bool{}
	var out []string
	for _, m := range errorHeader.FindAllStringSubmatch(string(data), -1) {
		s := fmt.Sprintf("%s:%s %s", m[2], m[3], m[1])
		if !seen[s] {
			seen[s] = true
			out = append(out, s)
		}
	}
	sort.Strings(out)
	if len(out) == 0 {
		t.Fatalf("%s: no errors found", path)
	}
	return out
}

// comparePlan checks every output, and every attribute the configuration
// sets on every planned resource instance, against what Terraform computed;
// and that the instances are the ones Terraform plans.
func comparePlan(t *testing.T, path string, m *model.Root) {
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	var plan tfjson.Plan
	if err := json.Unmarshal(data, &plan); err != nil {
		t.Fatal(err)
	}
	var want, got []string
	for _, rc := range plan.ResourceChanges {
		if rc.Mode != tfjson.ManagedResourceMode || rc.Change.Actions.Delete() {
			continue
		}
		want = append(want, rc.Address)
		in := m.Lookup(rc.Address)
		if in == nil {
			continue
		}
		after, _ := rc.Change.After.(map[string]interface{})
		unknown, _ := rc.Change.AfterUnknown.(map[string]interface{})
		// The value other expressions see, which is the one Terraform
		// builds: configured values, and unknown or null for the rest.
		var names []string
		for name := range after {
			names = append(names, name)
		}
		for name := range unknown {
			names = append(names, name)
		}
		v := refBuilder{explain: true}.object(in, names)
		for name := range v.Type().AttributeTypes() {
			if err := sameValue(v.GetAttr(name), after[name], unknown[name]); err != nil {
				t.Errorf("%s.%s: %v", rc.Address, name, err)
			}
		}
		// Unexplained (see Options.ExplainTypes), the value is the same.
		want, _ := v.UnmarkDeep()
		if got, _ := (refBuilder{}).object(in, names).UnmarkDeep(); !got.RawEquals(want) {
			t.Errorf("%s unexplained is %#v, explained %#v", rc.Address, got, want)
		}
	}
	for _, in := range m.Instances {
		if in.Mode == "managed" {
			got = append(got, in.Address)
		}
	}
	sort.Strings(want)
	sort.Strings(got)
	if !reflect.DeepEqual(got, want) {
		t.Errorf("instances %v, Terraform plans %v", got, want)
	}
	for name, ch := range plan.OutputChanges {
		got, ok := m.Outputs[name]
		if !ok {
			t.Errorf("output %s: not evaluated", name)
			continue
		}
		if err := sameValue(got, ch.After, ch.AfterUnknown); err != nil {
			t.Errorf("output %s: %v", name, err)
		}
	}
}

// sameValue compares a value with Terraform's JSON of it: after, with
// after_unknown saying which parts are unknown (true, or the same shape
// with true at the unknown leaves).
//
// One difference is allowed: where Terraform has a known, non-null value
// and tfcomply an unknown read from a resource attribute. Providers fill
// computed attributes (a region from the provider configuration) and read
// data sources during plan; a scan of source has no provider, so those
// values are unknown, as the evaluator promises.
func sameValue(marked cty.Value, after, afterUnknown interface{}) error {
	got, _ := marked.UnmarkDeep()
	if !got.IsKnown() && after != nil && providerComputed(marked) {
		return nil
	}
	switch u := afterUnknown.(type) {
	case bool:
		if u {
			if got.IsKnown() {
				return fmt.Errorf("Terraform: unknown; tfcomply: %s", show(got))
			}
			return nil
		}
	case map[string]interface{}:
		if !got.IsKnown() || got.IsNull() || !(got.Type().IsObjectType() || got.Type().IsMapType()) {
			return fmt.Errorf("Terraform: an object with unknown parts; tfcomply: %s", show(got))
		}
		after, _ := after.(map[string]interface{})
		vals := got.AsValueMap()
		if len(vals) != len(after)+countMissing(u, after) {
			return fmt.Errorf("Terraform: %d attributes; tfcomply: %s", len(u), show(got))
		}
		for k := range vals {
			if err := sameValue(marked.GetAttr(k), after[k], u[k]); err != nil {
				return fmt.Errorf("[%q]: %v", k, err)
			}
		}
		return nil
	case []interface{}:
		if !got.IsKnown() || got.IsNull() || !got.CanIterateElements() {
			return fmt.Errorf("Terraform: a list with unknown parts; tfcomply: %s", show(got))
		}
		after, _ := after.([]interface{})
		plain, top := marked.Unmark()
		var vals []cty.Value
		for it := plain.ElementIterator(); it.Next(); {
			_, v := it.Element()
			vals = append(vals, v.WithMarks(top))
		}
		if len(vals) != len(u) {
			return fmt.Errorf("Terraform: %d elements; tfcomply: %s", len(u), show(got))
		}
		for i, v := range vals {
			var a interface{}
			if i < len(after) {
				a = after[i]
			}
			if err := sameValue(v, a, u[i]); err != nil {
				return fmt.Errorf("[%d]: %v", i, err)
			}
		}
		return nil
	}
	if !got.IsWhollyKnown() {
		// Known to Terraform, partly unknown here: compare the parts.
		switch a := after.(type) {
		case map[string]interface{}:
			if got.Type().IsObjectType() || got.Type().IsMapType() {
				u := map[string]interface{}{}
				for k := range a {
					u[k] = false
				}
				return sameValue(marked, after, u)
			}
		case []interface{}:
			if got.CanIterateElements() {
				return sameValue(marked, after, make([]interface{}, len(a)))
			}
		}
		return fmt.Errorf("Terraform: %v; tfcomply: %s", after, show(got))
	}
	if after == nil {
		if !got.IsNull() {
			return fmt.Errorf("Terraform: null; tfcomply: %s", show(got))
		}
		return nil
	}
	js, err := ctyjson.Marshal(got, got.Type())
	if err != nil {
		return err
	}
	var back interface{}
	_ = json.Unmarshal(js, &back)
	if !reflect.DeepEqual(back, after) {
		return fmt.Errorf("Terraform: %v; tfcomply: %s", after, js)
	}
	return nil
}

// providerComputed reports whether an unknown value was read from a
// resource or data source attribute.
func providerComputed(v cty.Value) bool {
	for _, o := range model.Origins(v) {
		if o.Addr != "" && o.Attr != "" && o.Reason == "" {
			return true
		}
	}
	return false
}

// countMissing counts keys after_unknown has that after lacks (unknown
// elements are left out of after).
func countMissing(u, after map[string]interface{}) int {
	n := 0
	for k := range u {
		if _, ok := after[k]; !ok {
			n++
		}
	}
	return n
}

func show(v cty.Value) string {
	switch {
	case !v.IsKnown():
		return "unknown"
	case v.IsNull():
		return "null"
	case !v.IsWhollyKnown():
		return "partly unknown " + v.Type().FriendlyName()
	}
	js, _ := ctyjson.Marshal(v, v.Type())
	return string(js)
}
