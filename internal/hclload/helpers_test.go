package hclload

import (
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/tfcomply/tfcomply/internal/model"
	"github.com/tfcomply/tfcomply/internal/testtree"
	"github.com/zclconf/go-cty/cty"
)

// writeTree writes files (path -> content) under a new temporary directory.
func writeTree(t *testing.T, files map[string]string) string {
	t.Helper()
	return testtree.New(t, files)
}

// load evaluates dir and fails the test on any error-severity problem.
func load(t *testing.T, dir string, opts Options) *model.Root {
	t.Helper()
	root, probs := LoadRoot(dir, dir, opts)
	for _, p := range probs {
		if p.Severity == "error" {
			t.Fatalf("unexpected error: %s:%d: %s", p.File, p.Line, p.Message)
		}
	}
	return root
}

// attr reads a string attribute of the instance at addr ("" + ok=false when
// null, "<unknown>" when unknown).
func attr(t *testing.T, root *model.Root, addr, name string) string {
	t.Helper()
	in := root.Lookup(addr)
	if in == nil {
		var have []string
		for _, i := range root.Instances {
			have = append(have, i.Address)
		}
		t.Fatalf("no instance %s; have %s", addr, strings.Join(have, ", "))
	}
	s, known, ok := model.String(model.Attr(in.Value, name))
	switch {
	case !known:
		return "<unknown>"
	case !ok:
		return "<null>"
	}
	return s
}

func addresses(root *model.Root) []string {
	var out []string
	for _, in := range root.Instances {
		out = append(out, in.Address)
	}
	return out
}

func problemsText(probs []model.Problem) string {
	var b strings.Builder
	for _, p := range probs {
		b.WriteString(p.Severity + " " + p.File + ":" + itoa(p.Line) + " " + p.Message + "\n")
	}
	return b.String()
}

func itoa(n int) string { return cty.NumberIntVal(int64(n)).AsBigFloat().Text('f', 0) }

func modelReasons(root *model.Root, addr, name string) []string {
	return model.UnknownReasons(model.Attr(root.Lookup(addr).Value, name))
}

func blocksOf(root *model.Root, addr, name string) (int, bool) {
	b, known := model.Blocks(root.Lookup(addr).Value, name)
	return len(b), known
}

// sourceTrees are the trees whole-repository tests read: this repository,
// and the benchmark corpus (TFCOMPLY_CORPUS, or shared/corpus beside the
// repository) when it is there.
func sourceTrees() []string {
	trees := []string{filepath.Join("..", "..")}
	corpus := os.Getenv("TFCOMPLY_CORPUS")
	if corpus == "" {
		corpus = filepath.Join("..", "..", "..", "shared", "corpus")
	}
	if _, err := os.Stat(corpus); err == nil {
		trees = append(trees, corpus)
	}
	return trees
}

// treeConfigFiles are the paths of the native-syntax configuration files
// (.tf, .tofu) under tree.
func treeConfigFiles(tree string) []string {
	var paths []string
	_ = filepath.WalkDir(tree, func(p string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() && (strings.HasSuffix(p, ".tf") || strings.HasSuffix(p, ".tofu")) {
			paths = append(paths, p)
		}
		return nil
	})
	return paths
}
