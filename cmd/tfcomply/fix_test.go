package main

import (
	"bufio"
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"flag"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"testing"

	"github.com/hashicorp/hcl/v2/hclwrite"
	"github.com/tfcomply/tfcomply/internal/controls"
	"github.com/tfcomply/tfcomply/internal/engine"
	"github.com/tfcomply/tfcomply/internal/fix"
	mt "github.com/tfcomply/tfcomply/internal/modfetch/modfetchtest"
	"github.com/tfcomply/tfcomply/internal/result"
)

var update = flag.Bool("update", false, "rewrite the golden files of testdata/fix")

// The fix cases: testdata/fix/<case>/ holds the configuration (in/), the
// command line (args), the golden diff of what fix changes (expected.diff)
// and its dry-run output with the exit code (expected.out). Unless the
// case has a NO_PLAN file saying why, planned.ok records that real
// Terraform planned the fixed configuration without error, with the
// digest of the configuration it planned, and plans/ holds those plans
// (testdata/fix/regen-plans.sh makes them; tests never run Terraform).
//
// For each case the test checks: the dry run's output and exit code, and
// that it writes nothing; the real run's diff; that the stages it says it
// fixed scan PASS, from source and from the committed plans; that every
// byte outside the edits is kept and new text is terraform fmt-clean;
// and that a second run changes nothing.
func TestFixCases(t *testing.T) {
	cases, err := os.ReadDir(filepath.Join("testdata", "fix"))
	if err != nil {
		t.Fatal(err)
	}
	n := 0
	for _, c := range cases {
		if !c.IsDir() {
			continue
		}
		n++
		dir, _ := filepath.Abs(filepath.Join("testdata", "fix", c.Name()))
		t.Run(c.Name(), func(t *testing.T) { fixCase(t, dir) })
	}
	if n < 10 {
		t.Errorf("only %d fix cases", n)
	}
}

func fixCase(t *testing.T, dir string) {
	work := t.TempDir()
	if err := os.CopyFS(work, os.DirFS(filepath.Join(dir, "in"))); err != nil {
		t.Fatal(err)
	}
	argsText, err := os.ReadFile(filepath.Join(dir, "args"))
	if err != nil {
		t.Fatal(err)
	}
	args := strings.Fields(string(argsText))
	t.Chdir(work)
	original := snapshot(t, ".")

	// The dry run: its output, exit code, and nothing written.
	code, out := runCLI(t, append([]string{"fix", "--dry-run"}, args...)...)
	gotOut := out + fmt.Sprintf("exit %d\n", code)
	if !equalSnapshots(original, snapshot(t, ".")) {
		t.Fatal("--dry-run wrote files")
	}

	// The real run, through the package, to know what it fixed.
	opts := parseFixArgs(t, args)
	o := fix.Run(opts)
	if err := fix.Write(o); err != nil {
		t.Fatal(err)
	}
	fixed := snapshot(t, ".")
	gotDiff := treeDiff(original, fixed)
	golden(t, filepath.Join(dir, "expected.diff"), gotDiff)
	golden(t, filepath.Join(dir, "expected.out"), gotOut)
	if !strings.HasPrefix(out, gotDiff) {
		t.Errorf("the dry run's diff is not what the run changes:\n%s", out)
	}

	for path, data := range fixed {
		if old, ok := original[path]; ok && !bytes.Equal(old, data) {
			checkPreserved(t, path, old, data)
			checkFormatted(t, path, old, data)
		}
	}
	var fixedStages []fix.Stage
	for _, s := range o.Stages {
		if s.Status == fix.StatusFixed {
			fixedStages = append(fixedStages, s)
		}
	}
	checkScansPass(t, opts, fixedStages)

	// A second run changes nothing.
	again := fix.Run(parseFixArgs(t, args))
	if len(again.Files) > 0 {
		t.Errorf("a second run changes %s:\n%s", again.Files[0].Path, again.Files[0].Diff())
	}
	for _, s := range again.Stages {
		if s.Status == fix.StatusFixed {
			t.Errorf("a second run fixes %s again", s.Address)
		}
	}
	checkPlans(t, dir, work, opts, fixedStages, fixed)
}

// parseFixArgs turns a fix command line into options, as the command does.
func parseFixArgs(t *testing.T, args []string) fix.Options {
	t.Helper()
	f := &fixFlags{}
	cmd := fixCommand(f)
	if err := cmd.ParseFlags(terraformStyleFlags(args)); err != nil {
		t.Fatal(err)
	}
	opts, _, _, err := fixOptions(cmd, f, cmd.Flags().Args())
	if err != nil {
		t.Fatal(err)
	}
	return opts
}

// snapshot reads every file under dir.
func snapshot(t *testing.T, dir string) map[string][]byte {
	t.Helper()
	out := map[string][]byte{}
	err := filepath.WalkDir(dir, func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		data, err := os.ReadFile(path)
		out[filepath.ToSlash(path)] = data
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}

func equalSnapshots(a, b map[string][]byte) bool {
	if len(a) != len(b) {
		return false
	}
	for k, v := range a {
		if !bytes.Equal(v, b[k]) {
			return false
		}
	}
	return true
}

// treeDiff is the unified diff of every file that changed, by path.
func treeDiff(before, after map[string][]byte) string {
	var paths []string
	for p := range after {
		paths = append(paths, p)
	}
	sort.Strings(paths)
	var b strings.Builder
	for _, p := range paths {
		b.WriteString(fix.UnifiedDiff(p, before[p], after[p]))
	}
	return b.String()
}

func golden(t *testing.T, path, got string) {
	t.Helper()
	if *update {
		if err := os.WriteFile(path, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test ./cmd/tfcomply -run TestFixCases -update)", err)
	}
	if string(want) != got {
		t.Errorf("%s differs (go test ./cmd/tfcomply -run TestFixCases -update rewrites it):\n--- want\n%s\n--- got\n%s", filepath.Base(path), want, got)
	}
}

// Lines fix may take out: a literal level it replaces, a literal null or
// "" destination it sets, and a one-line block it lays out over lines (or
// a last line it ends with a newline).
var replaceable = regexp.MustCompile(`^\s*(logging_level\s*=|destination_arn\s*=\s*(null|"")(\s|$)|[a-z_]+\s*\{.*\}\s*$)`)

// checkPreserved checks that every line of the original is still there,
// in order, but the ones fix replaces.
func checkPreserved(t *testing.T, path string, old, new []byte) {
	t.Helper()
	added := map[string]bool{}
	var removed []string
	for _, l := range strings.Split(fix.UnifiedDiff(path, old, new), "\n") {
		switch {
		case strings.HasPrefix(l, "---") || strings.HasPrefix(l, "+++"):
		case strings.HasPrefix(l, "-"):
			removed = append(removed, l[1:])
		case strings.HasPrefix(l, "+"):
			added[l[1:]] = true
		}
	}
	for _, l := range removed {
		if replaceable.MatchString(l) || added[l] {
			continue // a replaced level or block, or a last line given its newline
		}
		t.Errorf("%s: fix took out a line it should have kept: %q", path, l)
	}
}

// checkFormatted checks that a file terraform fmt leaves as it is stays
// so with fix's edits (terraform fmt formats as hclwrite.Format does).
func checkFormatted(t *testing.T, path string, old, new []byte) {
	t.Helper()
	if !bytes.Equal(hclwrite.Format(old), old) {
		return // not fmt-clean before: only fix's own text is (see the fuzz test)
	}
	if f := hclwrite.Format(new); !bytes.Equal(f, new) {
		t.Errorf("%s is not terraform fmt-clean after fix:\n%s", path, fix.UnifiedDiff(path, new, f))
	}
}

// checkScansPass scans the fixed configuration: every stage fix says it
// fixed passes, under the profile and frameworks it was fixed for.
func checkScansPass(t *testing.T, opts fix.Options, fixed []fix.Stage) {
	t.Helper()
	if len(fixed) == 0 {
		return
	}
	rep := engine.Scan(opts.Paths, opts.Engine)
	verdicts := map[string]result.Verdict{}
	for _, r := range rep.Results {
		if r.Control == controls.StageLogging.ID {
			verdicts[r.Root+" "+r.Address] = r.VerdictUnder(opts.Engine.Frameworks)
		}
	}
	for _, s := range fixed {
		if v := verdicts[s.Root+" "+s.Address]; v != result.Pass {
			t.Errorf("%s (root %s) is fixed but scans %s", s.Address, s.Root, v)
		}
	}
}

// checkPlans checks the committed evidence that real Terraform planned
// the fixed configuration, and scans those plans: the fixed stages pass.
func checkPlans(t *testing.T, dir, work string, opts fix.Options, fixed []fix.Stage, tree map[string][]byte) {
	t.Helper()
	if _, err := os.Stat(filepath.Join(dir, "NO_PLAN")); err == nil {
		if len(fixed) > 0 {
			t.Error("the case fixes stages, so its fixed configuration must be planned: remove NO_PLAN and run testdata/fix/regen-plans.sh")
		}
		return
	}
	f, err := os.Open(filepath.Join(dir, "planned.ok"))
	if err != nil {
		t.Fatalf("%v: run testdata/fix/regen-plans.sh", err)
	}
	defer f.Close()
	plans := map[string]string{} // root -> plan file
	digest := ""
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		fields := strings.Fields(sc.Text())
		switch {
		case len(fields) == 2 && fields[0] == "config-sha256":
			digest = fields[1]
		case len(fields) == 3 && fields[0] == "root":
			plans[fields[1]] = fields[2]
		}
	}
	if got := treeDigest(tree); got != digest {
		t.Fatalf("planned.ok was made for another fixed configuration (%s, now %s): run testdata/fix/regen-plans.sh", digest, got)
	}
	byRoot := map[string][]fix.Stage{}
	for _, s := range fixed {
		byRoot[s.Root] = append(byRoot[s.Root], s)
	}
	for root, stages := range byRoot {
		planFile, ok := plans[root]
		if !ok {
			t.Errorf("root %s has fixed stages but no plan in planned.ok", root)
			continue
		}
		rep := engine.Scan([]string{filepath.Join(dir, planFile)}, engine.Options{Profile: opts.Engine.Profile, Frameworks: opts.Engine.Frameworks,
			ConfigDir: filepath.Join(work, root)})
		for _, p := range rep.Problems {
			if p.Severity == "error" {
				t.Errorf("%s: %s", planFile, p.Message)
			}
		}
		verdicts := map[string]result.Verdict{}
		for _, r := range rep.Results {
			if r.Control == controls.StageLogging.ID {
				verdicts[r.Address] = r.VerdictUnder(opts.Engine.Frameworks)
			}
		}
		for _, s := range stages {
			if v := verdicts[s.Address]; v != result.Pass {
				t.Errorf("%s: %s is fixed but Terraform's plan of it scans %s", planFile, s.Address, v)
			}
		}
	}
}

// treeDigest is what regen-plans.sh records of the configuration it
// planned: the SHA-256 of "PATH\x00SHA256\n" for every file, sorted by
// path, .terraform/ left out.
func treeDigest(tree map[string][]byte) string {
	var paths []string
	for p := range tree {
		if !strings.HasPrefix(p, ".terraform/") && !strings.Contains(p, "/.terraform/") {
			paths = append(paths, p)
		}
	}
	sort.Strings(paths)
	h := sha256.New()
	for _, p := range paths {
		sum := sha256.Sum256(tree[p])
		fmt.Fprintf(h, "%s\x00%s\n", p, hex.EncodeToString(sum[:]))
	}
	return hex.EncodeToString(h.Sum(nil))
}

// A stage in a module fix fetched is named, never edited, even when the
// module cache is inside the tree fix was given.
func TestFixDoesNotEditFetchedModules(t *testing.T) {
	reg := mt.NewRegistry(t)
	reg.AddModule("terraform-aws-modules/apigateway-v2/aws", "5.2.1", stagePackage("5.2.1", false), "")
	t.Setenv("TF_CLI_CONFIG_FILE", reg.CLIConfig(t, t.TempDir(), "registry.terraform.io", ""))
	t.Setenv("TFCOMPLY_OFFLINE", "")
	root := writeRoot(t, `
module "api" {
  source  = "terraform-aws-modules/apigateway-v2/aws"
  version = "~> 5.0"
  name    = "prod"
}
`)
	t.Setenv("TFCOMPLY_CACHE_DIR", filepath.Join(root, ".cache"))
	before := snapshot(t, root)
	code, out := runCLI(t, "fix", root)
	if code != exitFailed || !strings.Contains(out, "terraform-aws-modules/apigateway-v2/aws@5.2.1//main.tf is in a fetched module: tfcomply does not edit modules it fetched") {
		t.Errorf("exit %d\n%s", code, out)
	}
	after := snapshot(t, root)
	for path, data := range before {
		if !bytes.Equal(after[path], data) {
			t.Errorf("%s changed", path)
		}
	}
}

func TestFixUsage(t *testing.T) {
	for _, args := range [][]string{
		{"fix", "-"},
		{"fix", fixture("example_b") + "/plan.json"},
		{"fix", "--execution-level", "DEBUG", fixture("example_b")},
		{"fix", "--retention-days", "10", fixture("example_b")},
		{"fix", "--profile", "lenient", fixture("example_b")},
	} {
		if code, out := runCLI(t, args...); code != exitProblem {
			t.Errorf("%v: exit %d, want 2\n%s", args, code, out)
		}
	}
}
