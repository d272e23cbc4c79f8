package report

import (
	"bytes"
	"encoding/xml"
	"flag"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/santhosh-tekuri/jsonschema/v6"
	"github.com/tfcomply/tfcomply/internal/controls"
	"github.com/tfcomply/tfcomply/internal/engine"
)

var update = flag.Bool("update", false, "rewrite the golden files")

// goldenCases are spec fixtures scanned together for the golden reports:
// PASS, FAIL and UNKNOWN stages, REST, HTTP and WebSocket, modules,
// advisories, notes, and a plan with its configuration.
var goldenCases = []string{"example_a", "example_b", "example_d", "exec_module", "exec_narrow_off", "v2_websocket", "v2_unknown_protocol", "access_log_group_ref/plan.json"}

var fixedMeta = Meta{
	Version: "test", Time: time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC), Profile: controls.ProfileDefault,
	GitCommit: "0123456789abcdef0123456789abcdef01234567", VarFiles: []string{"prod.tfvars"},
	WorkDir: "/src/infra",
}

// pkgDir is this package's directory, where the golden files are.
var pkgDir, _ = os.Getwd()

// scanGolden scans the golden cases from the spec directory, as a user in
// testdata/spec would, so paths in the reports are short and stable. The
// test stays there until it ends: reports are written where the scan ran,
// as the CLI writes them.
func scanGolden(t *testing.T) *engine.Report {
	t.Helper()
	if err := os.Chdir(filepath.Join(pkgDir, "..", "..", "testdata", "spec")); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { os.Chdir(pkgDir) })
	rep := engine.Scan(goldenCases, engine.Options{Profile: controls.ProfileDefault})
	if rep.HasErrors() {
		t.Fatalf("problems: %v", rep.Problems)
	}
	return rep
}

type writer func(io.Writer, *engine.Report) error

func formatsUnderTest() map[string]writer {
	meta := fixedMeta
	meta.Paths = goldenCases
	return map[string]writer{
		"report.txt":   func(w io.Writer, r *engine.Report) error { return Text(w, r, TextOptions{ShowPassed: true}) },
		"report.json":  func(w io.Writer, r *engine.Report) error { return JSON(w, r, controls.ProfileDefault, "test") },
		"report.sarif": func(w io.Writer, r *engine.Report) error { return SARIF(w, r, meta) },
		"report.xml":   JUnit,
		"report.md":    Markdown,
		"report.html":  func(w io.Writer, r *engine.Report) error { return HTML(w, r, meta) },
	}
}

// goldenPath: the HTML golden file is the example evidence report in docs.
func goldenPath(name string) string {
	if name == "report.html" {
		return filepath.Join(pkgDir, "..", "..", "docs", "examples", "evidence.html")
	}
	return filepath.Join(pkgDir, "testdata", "golden", name)
}

// TestGolden compares every format with its golden file (go test
// ./internal/report -update rewrites them), and checks that the same
// input gives the same bytes.
func TestGolden(t *testing.T) {
	t.Setenv("GITHUB_SERVER_URL", "")
	rep := scanGolden(t)
	again := scanGolden(t)
	for name, write := range formatsUnderTest() {
		var a, b bytes.Buffer
		if err := write(&a, rep); err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		if err := write(&b, again); err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(a.Bytes(), b.Bytes()) {
			t.Errorf("%s: two scans of the same input give different bytes", name)
		}
		path := goldenPath(name)
		if *update {
			os.MkdirAll(filepath.Dir(path), 0o755)
			if err := os.WriteFile(path, a.Bytes(), 0o644); err != nil {
				t.Fatal(err)
			}
			continue
		}
		want, err := os.ReadFile(path)
		if err != nil {
			t.Fatalf("%s: %v (run go test ./internal/report -update)", name, err)
		}
		if !bytes.Equal(want, a.Bytes()) {
			t.Errorf("%s differs from %s (run go test ./internal/report -update and review the diff)", name, path)
		}
	}
}

// repoRoot is the repository root: the nearest directory above this
// package that holds go.mod.
func repoRoot(t *testing.T) string {
	t.Helper()
	for d := pkgDir; ; d = filepath.Dir(d) {
		if _, err := os.Stat(filepath.Join(d, "go.mod")); err == nil {
			return d
		}
		if filepath.Dir(d) == d {
			t.Fatal("no go.mod above " + pkgDir)
		}
	}
}

// sarifSchema is the official SARIF 2.1.0 schema.
func sarifSchema(t *testing.T) *jsonschema.Schema {
	t.Helper()
	// The OASIS schema, from the shared/ directory beside the repository
	// root (the directory with go.mod, wherever the clone is), or
	// SARIF_SCHEMA.
	path := os.Getenv("SARIF_SCHEMA")
	if path == "" {
		path = filepath.Join(repoRoot(t), "..", "shared", "schemas", "sarif-schema-2.1.0.json")
	}
	if _, err := os.Stat(path); err != nil {
		if os.Getenv("CI") != "" {
			t.Fatalf("the SARIF schema is needed in CI: %v", err)
		}
		t.Skipf("SKIPPED: no SARIF 2.1.0 schema at %s (set SARIF_SCHEMA); CI requires it", path)
	}
	c := jsonschema.NewCompiler()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	doc, err := jsonschema.UnmarshalJSON(f)
	if err != nil {
		t.Fatal(err)
	}
	if err := c.AddResource("sarif.json", doc); err != nil {
		t.Fatal(err)
	}
	s, err := c.Compile("sarif.json")
	if err != nil {
		t.Fatal(err)
	}
	return s
}

// TestSARIFValidates validates the SARIF of every spec case, of every plan
// and state beside them, and of the golden scan against the schema.
func TestSARIFValidates(t *testing.T) {
	schema := sarifSchema(t)
	inputs, _ := filepath.Glob(filepath.Join(pkgDir, "..", "..", "testdata", "spec", "*"))
	jsons, _ := filepath.Glob(filepath.Join(pkgDir, "..", "..", "testdata", "spec", "*", "*.json"))
	inputs = append(inputs, jsons...)
	inputs = append(inputs, filepath.Join(pkgDir, "..", "..", "testdata", "does-not-exist"))
	validated := 0
	check := func(name string, rep *engine.Report) {
		var buf bytes.Buffer
		if err := SARIF(&buf, rep, fixedMeta); err != nil {
			t.Fatal(err)
		}
		doc, err := jsonschema.UnmarshalJSON(&buf)
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		if err := schema.Validate(doc); err != nil {
			t.Errorf("%s: SARIF does not validate: %v", name, err)
		}
		validated++
	}
	for _, in := range inputs {
		check(in, engine.Scan([]string{in}, engine.Options{Profile: controls.ProfileDefault}))
	}
	// Suppressed results carry SARIF suppressions.
	supp := engine.Scan([]string{filepath.Join(pkgDir, "..", "..", "testdata", "suppress", "inline")}, engine.Options{Profile: controls.ProfileDefault})
	var buf bytes.Buffer
	SARIF(&buf, supp, fixedMeta)
	if !strings.Contains(buf.String(), `"kind": "inSource"`) {
		t.Errorf("no SARIF suppression for an inline ignore")
	}
	check("suppressions", supp)
	check("golden", scanGolden(t))
	if validated < 50 {
		t.Errorf("only %d SARIF documents validated", validated)
	}
}

// The validator is not vacuous: a wrong level is rejected.
func TestSARIFSchemaRejectsInvalid(t *testing.T) {
	doc, _ := jsonschema.UnmarshalJSON(strings.NewReader(`{"version": "2.1.0", "runs": [{"tool": {"driver": {"name": "x"}}, "results": [{"message": {"text": "m"}, "level": "severe"}]}]}`))
	if err := sarifSchema(t).Validate(doc); err == nil {
		t.Errorf("an invalid SARIF document validated")
	}
}

func TestSARIFContent(t *testing.T) {
	var buf bytes.Buffer
	SARIF(&buf, scanGolden(t), fixedMeta)
	out := buf.String()
	for _, want := range []string{
		`"ruleId": "apigateway_stage_logging_enabled"`, `"level": "warning"`, `"level": "note"`,
		`"uri": "example_b/main.tf"`, `"startLine": 2`, `"endLine": 14`,
		`"fullyQualifiedName": "aws_apigatewayv2_stage.s"`,
		`"tfcomplyResource/v1"`, `"id": "apigateway_stage_logging_enabled.cloudwatch_role"`,
		`"startTimeUtc": "2026-01-01T00:00:00Z"`,
	} {
		if !strings.Contains(out, want) {
			t.Errorf("SARIF lacks %s", want)
		}
	}
	if strings.Contains(out, `"aws_api_gateway_stage.c"`) {
		t.Errorf("a passing stage is a SARIF result")
	}
}

// TestFingerprintIgnoresLines: moving a resource does not change its fingerprint.
func TestFingerprintIgnoresLines(t *testing.T) {
	rep := scanGolden(t)
	r := rep.Results[0]
	moved := r
	moved.Line, moved.EndLine = r.Line+40, r.EndLine+40
	if Fingerprint(r) != Fingerprint(moved) {
		t.Errorf("fingerprint depends on the line")
	}
	other := r
	other.Address += "x"
	if Fingerprint(r) == Fingerprint(other) {
		t.Errorf("fingerprint ignores the address")
	}
}

func TestJUnitWellFormed(t *testing.T) {
	var buf bytes.Buffer
	if err := JUnit(&buf, scanGolden(t)); err != nil {
		t.Fatal(err)
	}
	dec := xml.NewDecoder(bytes.NewReader(buf.Bytes()))
	for {
		_, err := dec.Token()
		if err == io.EOF {
			break
		}
		if err != nil {
			t.Fatalf("not well-formed XML: %v", err)
		}
	}
	var doc junitSuites
	if err := xml.Unmarshal(buf.Bytes(), &doc); err != nil {
		t.Fatal(err)
	}
	if doc.Tests == 0 || doc.Failures == 0 || doc.Skipped == 0 || len(doc.Suites) < 2 {
		t.Errorf("counts: %+v", doc)
	}
}

// TestHTMLRendersInChromium opens the example evidence report in headless
// Chromium: it must render (a screenshot is written) with nothing on the
// console, and load nothing from outside the file.
func TestHTMLRendersInChromium(t *testing.T) {
	html, err := os.ReadFile(goldenPath("report.html"))
	if err != nil {
		t.Fatal(err)
	}
	for _, external := range []string{"http://", "https://", "<script", "@import", "src="} {
		if bytes.Contains(html, []byte(external)) {
			t.Errorf("the report refers to %q: it must be self-contained", external)
		}
	}
	browser := ""
	for _, name := range []string{"chromium", "chromium-browser", "google-chrome"} {
		if p, err := exec.LookPath(name); err == nil {
			browser = p
			break
		}
	}
	if browser == "" {
		if os.Getenv("CI") != "" {
			t.Fatal("no Chromium: .ci/run installs the Debian package chromium")
		}
		t.Skip("no Chromium on this machine (apt-get install chromium); CI runs this test")
	}
	dir := t.TempDir()
	page, _ := filepath.Abs(goldenPath("report.html"))
	shot := filepath.Join(dir, "shot.png")
	cmd := exec.Command(browser, "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
		"--disable-background-networking", "--disable-component-update", "--disable-sync",
		"--user-data-dir="+filepath.Join(dir, "profile"), "--enable-logging=stderr", "--v=0",
		"--window-size=1280,1600", "--screenshot="+shot, "file://"+page)
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("chromium: %v\n%s", err, out)
	}
	if st, err := os.Stat(shot); err != nil || st.Size() < 10000 {
		t.Fatalf("no screenshot: %v\n%s", err, out)
	}
	for _, line := range strings.Split(string(out), "\n") {
		if strings.Contains(line, ":CONSOLE") || strings.Contains(line, "Uncaught") {
			t.Errorf("console output: %s", line)
		}
	}
}

func TestMarkdownLinksToGitHub(t *testing.T) {
	t.Setenv("GITHUB_SERVER_URL", "https://github.example")
	t.Setenv("GITHUB_REPOSITORY", "acme/infra")
	t.Setenv("GITHUB_SHA", "abc123")
	rep := scanGolden(t)
	// The link is relative to the repository, the text to the working
	// directory.
	var buf bytes.Buffer
	Markdown(&buf, rep)
	if want := "[example_b/main.tf:2](https://github.example/acme/infra/blob/abc123/testdata/spec/example_b/main.tf#L2)"; !strings.Contains(buf.String(), want) {
		t.Errorf("no GitHub link %s in\n%s", want, buf.String())
	}
}
