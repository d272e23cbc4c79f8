package fix

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/hclsyntax"
	"github.com/tfcomply/tfcomply/internal/controls"
	"github.com/tfcomply/tfcomply/internal/engine"
)

const fuzzAPI = `resource "aws_api_gateway_rest_api" "fuzz" {
  name = "fuzz"
}

resource "aws_api_gateway_deployment" "fuzz" {
  rest_api_id = aws_api_gateway_rest_api.fuzz.id
}
`

// FuzzFix checks that fix never writes a file that does not parse, and
// never takes out a line it did not mean to replace, whatever the
// configuration it is given. Its seeds are every Terraform file of the
// fix cases and the control's spec cases; they run with go test.
func FuzzFix(f *testing.F) {
	for _, pattern := range []string{"../../testdata/fix/*/in/*.tf", "../../testdata/fix/*/in/*/*/*.tf", "../../testdata/spec/*/*.tf"} {
		paths, _ := filepath.Glob(pattern)
		for _, p := range paths {
			data, err := os.ReadFile(p)
			if err != nil {
				f.Fatal(err)
			}
			f.Add(data, false)
			f.Add(data, true)
		}
	}
	f.Add([]byte("resource \"aws_api_gateway_stage\" \"s\" { deployment_id = \"d\" }"), true)
	f.Add([]byte("resource \"aws_api_gateway_stage\" \"s\" {\n  deployment_id = \"d\"\n  rest_api_id = \"r\"\n  stage_name = \"s\"\n  access_log_settings { format = \"x\" }\n}"), false)
	f.Fuzz(func(t *testing.T, src []byte, strict bool) {
		dir := t.TempDir()
		if err := os.WriteFile(filepath.Join(dir, "main.tf"), src, 0o644); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(dir, "fuzz_api.tf"), []byte(fuzzAPI), 0o644); err != nil {
			t.Fatal(err)
		}
		profile := controls.ProfileDefault
		if strict {
			profile = controls.ProfileStrict
		}
		o := Run(Options{Paths: []string{dir}, Engine: engine.Options{Profile: profile}, RetentionDays: DefaultRetentionDays,
			ExecutionLevel: DefaultExecutionLevel, AddAccountRole: strict})
		for _, file := range o.Files {
			if _, diags := hclsyntax.ParseConfig(file.New, file.Abs, hcl.InitialPos); diags.HasErrors() {
				t.Fatalf("fix made %s, which does not parse: %s\n--- before\n%s\n--- after\n%s", file.Path, diags.Error(), file.Old, file.New)
			}
			if line := takenOut(file.Old, file.New); line != "" {
				t.Fatalf("fix took out %q from %s:\n%s", line, file.Path, file.Diff())
			}
		}
	})
}

// Lines fix may take out: a literal level it replaces, a literal null or
// "" destination it sets, a one-line block it lays out over lines.
var replaceable = regexp.MustCompile(`^\s*(logging_level\s*=|destination_arn\s*=\s*(null|"")(\s|$)|[A-Za-z_][A-Za-z0-9_-]*(\s+"[^"]*")*\s*\{.*\}\s*$)`)

// takenOut is a line of old that new lacks and fix had no reason to take
// out, or "".
func takenOut(old, new []byte) string {
	added := map[string]bool{}
	var removed []string
	for _, l := range strings.Split(UnifiedDiff("f", old, new), "\n") {
		switch {
		case strings.HasPrefix(l, "---") || strings.HasPrefix(l, "+++"):
		case strings.HasPrefix(l, "-"):
			removed = append(removed, strings.TrimSuffix(l[1:], "\r"))
		case strings.HasPrefix(l, "+"):
			added[strings.TrimSuffix(l[1:], "\r")] = true
		}
	}
	for _, l := range removed {
		if !replaceable.MatchString(l) && !added[l] {
			return l
		}
	}
	return ""
}
