package engine

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/tfcomply/tfcomply/internal/controls"
	"github.com/tfcomply/tfcomply/internal/result"
)

// TestSourcePlanStateAgree scans every spec case from source, from its plan
// (alone, and with the configuration beside it) and from its state (all
// made by real Terraform, see testdata/regen-plans.sh), and requires the
// same subjects, verdicts and aspect statuses. Where the source cannot know
// a value (UNKNOWN), the plan and state may know more and decide: that is
// the point of scanning them. Every case has JSON or a NO_PLAN reason.
func TestSourcePlanStateAgree(t *testing.T) {
	dir := filepath.Join("..", "..", "testdata", "spec")
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	planned := 0
	for _, e := range entries {
		caseDir := filepath.Join(dir, e.Name())
		if !e.IsDir() {
			continue
		}
		if _, err := os.Stat(filepath.Join(caseDir, "NO_PLAN")); err == nil {
			continue
		}
		if _, err := os.Stat(filepath.Join(caseDir, "plan.json")); err != nil {
			t.Errorf("%s has neither plan.json nor a NO_PLAN file saying why", e.Name())
			continue
		}
		planned++
		t.Run(e.Name(), func(t *testing.T) {
			opts := Options{Profile: controls.ProfileDefault}
			srcRep := scanIn(t, caseDir, opts)
			src := controlResults(srcRep, ".")
			withConfig := scanIn(t, caseDir, opts, "plan.json")
			bare := Scan([]string{copyToTemp(t, filepath.Join(caseDir, "plan.json"))}, opts)
			state := scanIn(t, caseDir, opts, "state.json")
			bareState := Scan([]string{copyToTemp(t, filepath.Join(caseDir, "state.json"))}, opts)
			for name, rep := range map[string]*Report{"plan": withConfig, "plan without configuration": bare, "state": state, "state without configuration": bareState} {
				if rep.HasErrors() {
					t.Fatalf("%s: %v", name, rep.Problems)
				}
				agree(t, name, src, controlResults(rep, ""), name == "plan without configuration")
				if name != "plan without configuration" {
					sameAdvisories(t, name, srcRep, rep)
				}
			}
			// With the configuration beside it, a plan result has the
			// source's file and line; without, none.
			for addr, r := range controlResults(withConfig, "") {
				if s, ok := src[addr]; ok && (r.File != s.File || r.Line != s.Line) {
					t.Errorf("plan %s at %s:%d, source at %s:%d", addr, r.File, r.Line, s.File, s.Line)
				}
			}
			for addr, r := range controlResults(bare, "") {
				if r.File != "" || r.Line != 0 {
					t.Errorf("plan without configuration: %s has an invented location %s:%d", addr, r.File, r.Line)
				}
			}
		})
	}
	if planned < 20 {
		t.Errorf("only %d cases have plans", planned)
	}
}

// controlResults are the control results of one root ("": of any root; a
// plan or state report has one).
func controlResults(rep *Report, root string) map[string]result.Result {
	out := map[string]result.Result{}
	for _, r := range rep.Results {
		if !r.IsAdvisory() && (root == "" || r.Root == root) {
			out[r.Address] = r
		}
	}
	return out
}

// agree compares results of a plan or state with the source's.
//
// A plan alone does not describe local values or dynamic blocks; where a
// value depends on one, it may be UNKNOWN when the source decides, as long
// as it says that the configuration would resolve it (lenient).
func agree(t *testing.T, name string, src, other map[string]result.Result, lenient bool) {
	t.Helper()
	matched := map[string]bool{}
	for addr, s := range src {
		var candidates []result.Result
		if strings.HasSuffix(addr, "[*]") {
			// The source could not list the instances; the plan can.
			prefix := strings.TrimSuffix(addr, "[*]") + "["
			for a, r := range other {
				if strings.HasPrefix(a, prefix) {
					candidates = append(candidates, r)
					matched[a] = true
				}
			}
		} else if r, ok := other[addr]; ok {
			candidates = append(candidates, r)
			matched[addr] = true
		}
		if len(candidates) == 0 {
			t.Errorf("%s: no result for %s", name, addr)
			continue
		}
		for _, r := range candidates {
			if lenient && r.Verdict == result.Unknown && strings.Contains(r.Message, "--config-dir") {
				continue
			}
			if s.Verdict != result.Unknown && r.Verdict != s.Verdict {
				t.Errorf("%s: %s is %s, source says %s (%v vs %v)", name, r.Address, r.Verdict, s.Verdict, r.Aspects, s.Aspects)
			}
			for aspect, sa := range s.Aspects {
				if sa.Status != result.StatusUnknown && r.Aspects[aspect].Status != sa.Status {
					t.Errorf("%s: %s %s is %s (%s), source says %s (%s)", name, r.Address, aspect, r.Aspects[aspect].Status, r.Aspects[aspect].Reason, sa.Status, sa.Reason)
				}
			}
		}
	}
	for addr := range other {
		if !matched[addr] {
			t.Errorf("%s: %s has a result the source does not", name, addr)
		}
	}
}

// sameAdvisories requires the same advisories on the same subjects (a
// source placeholder [*] stands for every instance the plan lists).
func sameAdvisories(t *testing.T, name string, src, other *Report) {
	t.Helper()
	set := func(rep *Report, placeholders map[string]bool) map[string]bool {
		out := map[string]bool{}
		for _, r := range rep.Results {
			if !r.IsAdvisory() || rootKey(r.Root) != "." {
				continue
			}
			addr := r.Address
			for p := range placeholders {
				if strings.HasPrefix(addr, p) {
					addr = p + "*]"
				}
			}
			out[addr+" "+r.Control] = true
		}
		return out
	}
	placeholders := map[string]bool{}
	for _, r := range src.Results {
		if strings.HasSuffix(r.Address, "[*]") {
			placeholders[strings.TrimSuffix(r.Address, "*]")] = true
		}
	}
	want, got := set(src, nil), set(other, placeholders)
	for k := range want {
		if !got[k] {
			t.Errorf("%s: missing advisory %s", name, k)
		}
	}
	for k := range got {
		if !want[k] {
			t.Errorf("%s: advisory %s that the source does not report", name, k)
		}
	}
}

func copyToTemp(t *testing.T, path string) string {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	out := filepath.Join(t.TempDir(), filepath.Base(path))
	if err := os.WriteFile(out, data, 0o644); err != nil {
		t.Fatal(err)
	}
	return out
}

// TestChangePlans: plans against an existing state (testdata/plans), with
// the expected results beside them.
func TestChangePlans(t *testing.T) {
	dir := filepath.Join("..", "..", "testdata", "plans")
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range entries {
		caseDir := filepath.Join(dir, e.Name())
		exp, err := readExpectation(filepath.Join(caseDir, "expected"))
		if err != nil {
			t.Fatal(err)
		}
		t.Run(e.Name(), func(t *testing.T) {
			rep := scanIn(t, caseDir, Options{Profile: controls.ProfileDefault}, "plan.json")
			strict := scanIn(t, caseDir, Options{Profile: controls.ProfileStrict}, "plan.json")
			exp.check(t, rep, strict)
		})
	}
}
