package report

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/santhosh-tekuri/jsonschema/v6"
	"github.com/tfcomply/tfcomply/internal/controls"
	"github.com/tfcomply/tfcomply/internal/engine"
	"github.com/tfcomply/tfcomply/internal/result"
)

// TestModulesNotEvaluatedInReports: a module that could not be loaded is
// counted in every summary and listed where a format has room for it.
func TestModulesNotEvaluatedInReports(t *testing.T) {
	// Scanned and written from the case's directory, as a user there would.
	if err := os.Chdir(filepath.Join(pkgDir, "..", "..", "testdata", "spec", "unloaded_label_module")); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { os.Chdir(pkgDir) })
	rep := engine.Scan([]string{"."}, engine.Options{Profile: controls.ProfileDefault})
	if len(rep.ModulesNotEvaluated) != 1 {
		t.Fatalf("not evaluated: %+v", rep.ModulesNotEvaluated)
	}
	var text, js, md, html bytes.Buffer
	Text(&text, rep, TextOptions{})
	JSON(&js, rep, controls.ProfileDefault, "test")
	Markdown(&md, rep)
	HTML(&html, rep, fixedMeta)
	if !strings.Contains(text.String(), "; 1 module call not evaluated (see warnings)\n") {
		t.Errorf("text summary:\n%s", text.String())
	}
	var out struct {
		Summary struct {
			ModulesNotEvaluated int `json:"modules_not_evaluated"`
		}
		ModulesNotEvaluated []map[string]interface{} `json:"modules_not_evaluated"`
	}
	if err := json.Unmarshal(js.Bytes(), &out); err != nil {
		t.Fatal(err)
	}
	want := map[string]interface{}{"root": ".", "module": "module.label", "source": "example/label/null",
		"reason": `its source "example/label/null" is not installed (run terraform init, or scan a plan)`, "file": "main.tf", "line": float64(4)}
	if out.Summary.ModulesNotEvaluated != 1 || len(out.ModulesNotEvaluated) != 1 {
		t.Fatalf("json: %s", js.String())
	}
	for k, v := range want {
		if out.ModulesNotEvaluated[0][k] != v {
			t.Errorf("json %s = %v, want %v", k, out.ModulesNotEvaluated[0][k], v)
		}
	}
	if !strings.Contains(md.String(), "**1 module call not evaluated**") || !strings.Contains(md.String(), "| . | `module.label` | `example/label/null` |") {
		t.Errorf("markdown:\n%s", md.String())
	}
	if !strings.Contains(html.String(), "module calls not evaluated") || !strings.Contains(html.String(), "<code>module.label</code>") {
		t.Errorf("html does not list the module")
	}
}

// TestFetchedModuleLocations: a file of a fetched package keeps its
// PACKAGE//PATH name in every format, and SARIF does not place it in the
// repository.
func TestFetchedModuleLocations(t *testing.T) {
	rep := scanGolden(t)
	const file = "terraform-aws-modules/apigateway-v2/aws@5.2.1//main.tf"
	i := 0
	for i < len(rep.Results) && (rep.Results[i].Verdict != result.Fail || rep.Results[i].IsAdvisory()) {
		i++
	}
	rep.Results[i].File, rep.Results[i].Line = file, 7
	var sarif, md, junit bytes.Buffer
	SARIF(&sarif, rep, fixedMeta)
	Markdown(&md, rep)
	JUnit(&junit, rep)
	if !strings.Contains(sarif.String(), `"uri": "`+file+`"`) {
		t.Errorf("sarif keeps the package name")
	}
	var doc struct {
		Runs []struct {
			Results []struct {
				Locations []struct {
					PhysicalLocation struct {
						ArtifactLocation struct {
							URI       string `json:"uri"`
							URIBaseID string `json:"uriBaseId"`
						} `json:"artifactLocation"`
					} `json:"physicalLocation"`
				} `json:"locations"`
			} `json:"results"`
		} `json:"runs"`
	}
	json.Unmarshal(sarif.Bytes(), &doc)
	if _, err := os.Stat(filepath.Join("..", "..", "..", "shared", "schemas", "sarif-schema-2.1.0.json")); err == nil || os.Getenv("SARIF_SCHEMA") != "" {
		v, err := jsonschema.UnmarshalJSON(bytes.NewReader(sarif.Bytes()))
		if err != nil {
			t.Fatal(err)
		}
		if err := sarifSchema(t).Validate(v); err != nil {
			t.Errorf("SARIF with a fetched module's file does not validate: %v", err)
		}
	}
	for _, r := range doc.Runs[0].Results {
		for _, l := range r.Locations {
			a := l.PhysicalLocation.ArtifactLocation
			if a.URI == file && a.URIBaseID != "" {
				t.Errorf("a fetched module's file is not under %%SRCROOT%%: %+v", a)
			}
		}
	}
	if !strings.Contains(md.String(), "`"+file+":7`") {
		t.Errorf("markdown names the file without a link:\n%s", md.String())
	}
	if !strings.Contains(junit.String(), `file="`+file+`"`) {
		t.Errorf("junit file")
	}
}
