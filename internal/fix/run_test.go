package fix

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/tfcomply/tfcomply/internal/controls"
	"github.com/tfcomply/tfcomply/internal/engine"
	"github.com/tfcomply/tfcomply/internal/estimate"
	"github.com/tfcomply/tfcomply/internal/testtree"
)

const testAPI = `resource "aws_api_gateway_rest_api" "r" {
  name = "orders"
}

resource "aws_api_gateway_deployment" "d" {
  rest_api_id = aws_api_gateway_rest_api.r.id
}
`

const failingStage = `resource "aws_api_gateway_stage" "prod" {
  deployment_id = aws_api_gateway_deployment.d.id
  rest_api_id   = aws_api_gateway_rest_api.r.id
  stage_name    = "prod"
}
`

func writeFiles(t *testing.T, dir string, files map[string]string) {
	t.Helper()
	testtree.Write(t, dir, files)
}

func run(t *testing.T, profile string, paths ...string) *Outcome {
	t.Helper()
	o := Options{Paths: paths, Engine: engine.Options{Profile: profile}}
	if err := o.Check(); err != nil {
		t.Fatal(err)
	}
	return Run(o)
}

func TestWriteKeepsModeAndLinks(t *testing.T) {
	dir := t.TempDir()
	writeFiles(t, dir, map[string]string{"api.tf": testAPI, "real/stage.tf": failingStage})
	if err := os.Chmod(filepath.Join(dir, "real", "stage.tf"), 0o600); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink(filepath.Join("real", "stage.tf"), filepath.Join(dir, "main.tf")); err != nil {
		t.Skip("no symbolic links here")
	}
	o := run(t, controls.ProfileDefault, dir)
	if len(o.Files) != 1 {
		t.Fatalf("files: %+v", o.Files)
	}
	if err := Write(o); err != nil {
		t.Fatal(err)
	}
	if st, err := os.Lstat(filepath.Join(dir, "main.tf")); err != nil || st.Mode()&os.ModeSymlink == 0 {
		t.Error("the link was replaced by a file")
	}
	st, err := os.Stat(filepath.Join(dir, "real", "stage.tf"))
	if err != nil || st.Mode().Perm() != 0o600 {
		t.Errorf("mode %v, want 0600", st.Mode().Perm())
	}
	data, _ := os.ReadFile(filepath.Join(dir, "real", "stage.tf"))
	if !strings.Contains(string(data), "access_log_settings") {
		t.Errorf("not written through the link:\n%s", data)
	}
	entries, _ := os.ReadDir(filepath.Join(dir, "real"))
	if len(entries) != 1 {
		t.Errorf("temporary files left: %v", entries)
	}
}

func TestWriteRefusesAFileChangedSinceRead(t *testing.T) {
	dir := t.TempDir()
	writeFiles(t, dir, map[string]string{"api.tf": testAPI, "main.tf": failingStage})
	o := run(t, controls.ProfileDefault, dir)
	edited := []byte(failingStage + "# edited meanwhile\n")
	if err := os.WriteFile(filepath.Join(dir, "main.tf"), edited, 0o644); err != nil {
		t.Fatal(err)
	}
	if err := Write(o); err == nil || !strings.Contains(err.Error(), "changed since") {
		t.Fatalf("err = %v", err)
	}
	if data, _ := os.ReadFile(filepath.Join(dir, "main.tf")); string(data) != string(edited) {
		t.Error("the file someone edited was overwritten")
	}
}

// A path that is one file: only that file is edited; what the fix would
// need in another file is named instead.
func TestAFileArgumentIsTheTree(t *testing.T) {
	dir := t.TempDir()
	writeFiles(t, dir, map[string]string{
		"api.tf":   testAPI,
		"stage.tf": failingStage,
		"settings.tf": `resource "aws_api_gateway_method_settings" "all" {
  rest_api_id = aws_api_gateway_rest_api.r.id
  stage_name  = aws_api_gateway_stage.prod.stage_name
  method_path = "*/*"
  settings {
    logging_level = "OFF"
  }
}
`,
	})
	o := run(t, controls.ProfileStrict, filepath.Join(dir, "stage.tf"))
	if len(o.Stages) != 1 || o.Stages[0].Status != StatusPerson {
		t.Fatalf("stages: %+v", o.Stages)
	}
	why := strings.Join(o.Stages[0].Why, "\n")
	if !strings.Contains(why, "settings.tf is outside the scanned tree") {
		t.Errorf("why: %s", why)
	}
	if len(o.Files) != 0 {
		t.Errorf("changed %s", o.Files[0].Path)
	}
	// The directory holds both: the level is changed, not doubled.
	o = run(t, controls.ProfileStrict, dir)
	if len(o.Stages) != 1 || o.Stages[0].Status != StatusFixed {
		t.Fatalf("stages: %+v", o.Stages)
	}
	var diff strings.Builder
	for _, f := range o.Files {
		diff.WriteString(f.Diff())
	}
	if !strings.Contains(diff.String(), `+    logging_level = "ERROR"`) || strings.Contains(diff.String(), "aws_api_gateway_method_settings\" \"prod_all") {
		t.Errorf("diff:\n%s", diff.String())
	}
}

func TestNewNamesDoNotCollide(t *testing.T) {
	dir := t.TempDir()
	writeFiles(t, dir, map[string]string{"api.tf": testAPI, "main.tf": failingStage,
		// count = 0: no instance, but the name is taken.
		"taken.tf.json": `{"resource": {"aws_cloudwatch_log_group": {"prod_access": {"count": 0, "name": "x"}}}}`})
	o := run(t, controls.ProfileDefault, dir)
	if len(o.Files) != 1 {
		t.Fatalf("files: %+v, stages %+v", o.Files, o.Stages)
	}
	if d := o.Files[0].Diff(); !strings.Contains(d, `aws_cloudwatch_log_group" "prod_access_2"`) {
		t.Errorf("diff:\n%s", d)
	}
	if o.Remaining() != 0 {
		t.Errorf("remaining: %+v", o.Stages)
	}
}

func TestNothingFailingChangesNothing(t *testing.T) {
	dir := t.TempDir()
	writeFiles(t, dir, map[string]string{"main.tf": `resource "aws_api_gateway_stage" "s" {
  deployment_id = "d"
  rest_api_id   = "r"
  stage_name    = "s"
  access_log_settings {
    destination_arn = "arn:aws:logs:us-east-1:123456789012:log-group:g"
    format          = "$context.requestId"
  }
}
`})
	o := run(t, controls.ProfileDefault, dir)
	if len(o.Stages) != 0 || len(o.Files) != 0 || o.Remaining() != 0 {
		t.Errorf("%+v", o)
	}
	var b strings.Builder
	if err := Text(&b, o, false); err != nil || !strings.Contains(b.String(), "no failing stage") {
		t.Errorf("%v: %s", err, b.String())
	}
}

func TestOptionsCheck(t *testing.T) {
	for _, o := range []Options{{RetentionDays: 10}, {ExecutionLevel: "DEBUG"}, {MaxMonthlyCost: -1}} {
		if err := o.Check(); err == nil {
			t.Errorf("%+v: no error", o)
		}
	}
	o := Options{}
	if err := o.Check(); err != nil || o.RetentionDays != 365 || o.ExecutionLevel != "ERROR" {
		t.Errorf("defaults: %+v %v", o, err)
	}
	if !(&Options{Engine: engine.Options{Frameworks: []string{"soc2", "pci-dss-v4"}}}).strict() {
		t.Error("PCI DSS is fixed under the strict profile")
	}
	if (&Options{Engine: engine.Options{Profile: controls.ProfileStrict, Frameworks: []string{"soc2"}}}).strict() {
		t.Error("with frameworks chosen, their profiles decide, as in scan")
	}
}

func TestCostIsShownWhenTrafficIsKnown(t *testing.T) {
	dir := t.TempDir()
	writeFiles(t, dir, map[string]string{"api.tf": testAPI, "main.tf": failingStage})
	o := Options{Paths: []string{dir}, Engine: engine.Options{Profile: controls.ProfileDefault}}
	rpm := 10_000_000.0
	o.Traffic.Flags.RequestsPerMonth = &rpm
	if err := o.Check(); err != nil {
		t.Fatal(err)
	}
	o.Prices = estimate.EmbeddedPrices
	out := Run(o)
	if len(out.Stages) != 1 || out.Stages[0].Cost == nil {
		t.Fatalf("%+v", out.Stages)
	}
	c := out.Stages[0].Cost
	if c.USDPerMonth <= 0 || c.GBPerMonth <= 0 || c.Over {
		t.Errorf("cost %+v", c)
	}
	// Access logging alone at 10 million requests stays far below the default threshold.
	if len(out.Notes) != 0 {
		t.Errorf("notes: %v", out.Notes)
	}
}
