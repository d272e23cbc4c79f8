package hclload

import (
	"os"
	"reflect"
	"strings"
	"testing"

	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/hclsyntax"
	"github.com/tfcomply/tfcomply/internal/benchgen"
)

// Parsing in pieces gives exactly what hclsyntax gives for the whole file:
// the same blocks at the same positions, or, when a cut falls where it
// must not, the whole file's own problems. Every .tf file of the
// repository's test data and of the corpus (when present) is cut every few
// hundred bytes, so that cuts land inside blocks, heredocs and comments.
func TestParseChunkedSameAsWhole(t *testing.T) {
	var paths []string
	for _, tree := range sourceTrees() {
		paths = append(paths, treeConfigFiles(tree)...)
	}
	var sb strings.Builder
	benchgen.Write(&sb, benchgen.Separate, 50)
	tricky := `resource "a" "b" {
  x = <<EOT
}
resource "c" "d" {
EOT
}
/*
resource "e" "f" {}
*/
resource "g" "h" {
  y = [
1]
}
z = 1
`
	srcs := map[string][]byte{"shape.tf": []byte(sb.String()), "tricky.tf": []byte(tricky)}
	for _, p := range paths {
		src, err := os.ReadFile(p)
		if err == nil {
			srcs[p] = src
		}
	}
	chunked := 0
	for name, src := range srcs {
		for _, size := range []int{1, 700} {
			want, wd := hclsyntax.ParseConfig(src, name, hcl.Pos{Byte: 0, Line: 1, Column: 1})
			got, gd := parseChunked(src, name, size)
			if !reflect.DeepEqual(wd, gd) {
				t.Errorf("%s in pieces of %d: problems %v, want %v", name, size, gd, wd)
				continue
			}
			if !reflect.DeepEqual(want.Body, got.Body) || string(want.Bytes) != string(got.Bytes) {
				t.Errorf("%s in pieces of %d: a different syntax tree", name, size)
			}
			if len(chunkCuts(src, size)) > 1 && got.Nav == nil {
				chunked++
			}
		}
	}
	if chunked == 0 {
		t.Errorf("no file was parsed in pieces")
	}
	t.Logf("%d files, %d parsed in pieces", len(srcs), chunked)
}
