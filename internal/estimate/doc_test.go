package estimate

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// docs/estimate.md shows the model's tables as the code has them.
func TestDocTablesAreCurrent(t *testing.T) {
	data, err := os.ReadFile(filepath.Join("..", "..", "docs", "estimate.md"))
	if err != nil {
		t.Fatal(err)
	}
	doc := string(data)
	for name, table := range map[string]string{"variables": VariableTable(), "execution events": ExecutionEventTable(), "prices": PriceTable()} {
		want := "<!-- generated: " + name + " -->\n" + table + "<!-- end -->"
		if !strings.Contains(doc, want) {
			t.Errorf("docs/estimate.md: the %s table is out of date; run TFCOMPLY_WRITE_DOCS=1 go test ./internal/estimate -run TestDocTablesAreCurrent", name)
			if os.Getenv("TFCOMPLY_WRITE_DOCS") != "" {
				start := strings.Index(doc, "<!-- generated: "+name+" -->")
				end := start + strings.Index(doc[start:], "<!-- end -->") + len("<!-- end -->")
				doc = doc[:start] + want + doc[end:]
				os.WriteFile(filepath.Join("..", "..", "docs", "estimate.md"), []byte(doc), 0o644)
			}
		}
	}
}
