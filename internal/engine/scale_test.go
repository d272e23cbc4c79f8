package engine

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/tfcomply/tfcomply/internal/benchgen"
	"github.com/tfcomply/tfcomply/internal/controls"
	"github.com/tfcomply/tfcomply/internal/result"
)

// writeScaleRoot generates a root with `blocks` stage resources, each
// for_each over `envs` environments, each with method settings for_each
// over the stage resource: blocks*envs stage instances that all pass.
func writeScaleRoot(tb testing.TB, blocks, envs int) string {
	tb.Helper()
	dir := tb.TempDir()
	var b strings.Builder
	b.WriteString("locals {\n  envs = toset([")
	for e := 0; e < envs; e++ {
		fmt.Fprintf(&b, "%q, ", fmt.Sprintf("env%d", e))
	}
	b.WriteString("])\n}\n\n")
	b.WriteString(benchgen.Header)
	for i := 0; i < blocks; i++ {
		fmt.Fprintf(&b, `
resource "aws_api_gateway_stage" "s%[1]d" {
  for_each      = local.envs
  deployment_id = aws_api_gateway_deployment.d.id
  rest_api_id   = aws_api_gateway_rest_api.api.id
  stage_name    = "s%[1]d-${each.key}"
}

resource "aws_api_gateway_method_settings" "s%[1]d" {
  for_each    = aws_api_gateway_stage.s%[1]d
  rest_api_id = each.value.rest_api_id
  stage_name  = each.value.stage_name
  method_path = "*/*"
  settings {
    logging_level = "ERROR"
  }
}
`, i)
	}
	if err := os.WriteFile(filepath.Join(dir, "main.tf"), []byte(b.String()), 0o644); err != nil {
		tb.Fatal(err)
	}
	return dir
}

// 500 stages, each for_each over 4 environments, with method settings
// for_each over the stages: 2,000 PASS results, none lost.
func TestScale2000Stages(t *testing.T) {
	dir := writeScaleRoot(t, 500, 4)
	rep := Scan([]string{dir}, Options{Profile: controls.ProfileDefault})
	if len(rep.Problems) > 0 {
		t.Fatalf("problems: %v", rep.Problems[0])
	}
	pass, other := 0, 0
	seen := map[string]bool{}
	for _, r := range rep.Results {
		if r.IsAdvisory() {
			other++
			continue
		}
		seen[r.Address] = true
		if r.Verdict == result.Pass && r.Aspects["execution"].Status == result.StatusPass {
			pass++
		} else {
			other++
		}
	}
	if pass != 2000 || other != 0 || len(seen) != 2000 {
		t.Errorf("%d PASS, %d other results, %d distinct stages; want 2000 PASS and nothing else", pass, other, len(seen))
	}
	if !seen[`aws_api_gateway_stage.s499["env3"]`] {
		t.Errorf("last instance missing")
	}
}

func benchmarkScan(b *testing.B, blocks, envs int) {
	dir := writeScaleRoot(b, blocks, envs)
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		rep := Scan([]string{dir}, Options{Profile: controls.ProfileDefault})
		if len(rep.Results) != blocks*envs {
			b.Fatalf("%d results, want %d", len(rep.Results), blocks*envs)
		}
	}
	b.ReportMetric(float64(blocks*envs), "stages/op")
}

// Scan time for 1k, 10k and 100k stage instances (with as many method
// settings): growth should be linear.
func BenchmarkScan1k(b *testing.B)   { benchmarkScan(b, 250, 4) }
func BenchmarkScan10k(b *testing.B)  { benchmarkScan(b, 2500, 4) }
func BenchmarkScan100k(b *testing.B) { benchmarkScan(b, 25000, 4) }

// Every shape of benchgen's roots gives N passing stages and nothing else.
func TestScaleShapes(t *testing.T) {
	for _, shape := range benchgen.Shapes {
		t.Run(string(shape), func(t *testing.T) {
			dir := t.TempDir()
			if err := benchgen.WriteDir(dir, shape, 1000); err != nil {
				t.Fatal(err)
			}
			rep := Scan([]string{dir}, Options{Profile: controls.ProfileDefault})
			if len(rep.Problems) > 0 {
				t.Fatalf("problems: %v", rep.Problems[0])
			}
			pass := 0
			for _, r := range rep.Results {
				if r.Verdict == result.Pass && !r.IsAdvisory() {
					pass++
				}
			}
			if pass != 1000 || len(rep.Results) != 1000 {
				t.Errorf("%d PASS of %d results, want 1000 of 1000", pass, len(rep.Results))
			}
		})
	}
}

// Scan time and memory of N stages in each of benchgen's shapes, e.g.
// go test ./internal/engine -run - -bench 'ScanShape/foreach/100000' -benchmem
func BenchmarkScanShape(b *testing.B) {
	for _, shape := range benchgen.Shapes {
		for _, n := range []int{1000, 10000, 100000} {
			b.Run(fmt.Sprintf("%s/%d", shape, n), func(b *testing.B) {
				dir := b.TempDir()
				if err := benchgen.WriteDir(dir, shape, n); err != nil {
					b.Fatal(err)
				}
				b.ReportAllocs()
				b.ResetTimer()
				for i := 0; i < b.N; i++ {
					if rep := Scan([]string{dir}, Options{Profile: controls.ProfileDefault}); len(rep.Results) != n {
						b.Fatalf("%d results, want %d", len(rep.Results), n)
					}
				}
				b.ReportMetric(float64(n), "stages/op")
			})
		}
	}
}

// corpusDir is the benchmark corpus: TFCOMPLY_CORPUS, or shared/corpus
// beside the repository.
func corpusDir(tb testing.TB) string {
	dir := os.Getenv("TFCOMPLY_CORPUS")
	if dir == "" {
		dir = filepath.Join("..", "..", "..", "shared", "corpus")
	}
	if st, err := os.Stat(dir); err != nil || !st.IsDir() {
		tb.Skipf("no corpus at %s (set TFCOMPLY_CORPUS)", dir)
	}
	return dir
}

// Scan time and memory of the whole corpus, modules through their callers.
func BenchmarkScanCorpus(b *testing.B) {
	dir := corpusDir(b)
	b.ReportAllocs()
	for i := 0; i < b.N; i++ {
		Scan([]string{dir}, Options{Profile: controls.ProfileDefault})
	}
}
