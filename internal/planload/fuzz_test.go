package planload

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/tfcomply/tfcomply/internal/controls"
	"github.com/tfcomply/tfcomply/internal/controls/apigateway"
)

// FuzzReadModel feeds arbitrary JSON to the plan and state reader and the
// control: an error is fine, a panic is not.
func FuzzReadModel(f *testing.F) {
	seeds, _ := filepath.Glob(filepath.Join("..", "..", "testdata", "spec", "*", "*.json"))
	for _, s := range seeds {
		if data, err := os.ReadFile(s); err == nil && len(data) < 64<<10 {
			f.Add(data)
		}
	}
	f.Add([]byte(`{"format_version":"1.2","resource_changes":[{"address":"a","change":{"actions":["create"],"after":"x","after_unknown":[true]}}]}`))
	f.Fuzz(func(t *testing.T, data []byte) {
		in, err := Read(data)
		if err != nil {
			return
		}
		apigateway.Evaluate(in.Model(), controls.ProfileStrict)
	})
}
