package fix

import (
	"os"
	"path/filepath"
	"slices"
	"strings"

	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/hclparse"
	"github.com/tfcomply/tfcomply/internal/model"
	"github.com/tfcomply/tfcomply/internal/paths"
)

// tree is what fix may edit: the files under the directories it was given
// and the files it was given, symbolic links resolved.
type tree struct {
	dirs  []string
	files []string
}

func newTree(args []string) tree {
	var t tree
	for _, p := range args {
		abs, err := filepath.Abs(p)
		if err != nil {
			continue
		}
		if real, err := filepath.EvalSymlinks(abs); err == nil {
			abs = real
		}
		if st, err := os.Stat(abs); err == nil && !st.IsDir() {
			t.files = append(t.files, abs)
			continue
		}
		t.dirs = append(t.dirs, abs)
	}
	return t
}

func (t tree) holds(real string) bool {
	if slices.Contains(t.files, real) {
		return true
	}
	for _, d := range t.dirs {
		if rel, err := filepath.Rel(d, real); err == nil && rel != ".." && !strings.HasPrefix(rel, ".."+string(filepath.Separator)) {
			return true
		}
	}
	return false
}

// notEditable says why fix must not edit a file, or "" when it may. file
// is as results name it (a fetched module's is PACKAGE//PATH); abs is the
// file the evaluator read.
func (t tree) notEditable(file, abs string) string {
	switch {
	case model.PackagePath(file):
		return file + " is in a fetched module: tfcomply does not edit modules it fetched (change the module's inputs, or its source upstream)"
	case strings.HasSuffix(abs, ".tf.json"):
		return paths.Display(abs) + " is JSON configuration, usually generated: change what generates it"
	case !strings.HasSuffix(abs, ".tf"):
		return paths.Display(abs) + " is not a .tf file"
	}
	for _, part := range strings.Split(filepath.ToSlash(abs), "/") {
		if part == ".terraform" {
			return paths.Display(abs) + " was installed by terraform init (.terraform/): change the module's source instead"
		}
	}
	real, err := filepath.EvalSymlinks(abs)
	if err != nil {
		return paths.Display(abs) + " cannot be read: " + err.Error()
	}
	if !t.holds(real) {
		return paths.Display(abs) + " is outside the scanned tree: run tfcomply fix on a path that holds it"
	}
	if st, err := os.Stat(real); err != nil || !st.Mode().IsRegular() {
		return paths.Display(abs) + " is not a regular file"
	}
	return ""
}

// overriddenBy names the override file (override.tf, *_override.tf) in a
// block's directory that changes the same resource: what the block says
// is then not what Terraform applies, so fix does not edit it.
func overriddenBy(abs, typ, name string) string {
	dir := filepath.Dir(abs)
	entries, err := os.ReadDir(dir)
	if err != nil {
		return ""
	}
	p := hclparse.NewParser()
	for _, e := range entries {
		n := e.Name()
		base := strings.TrimSuffix(strings.TrimSuffix(n, ".json"), ".tf")
		if base == n || !(base == "override" || strings.HasSuffix(base, "_override")) {
			continue
		}
		path := filepath.Join(dir, n)
		var f *hcl.File
		if strings.HasSuffix(n, ".json") {
			f, _ = p.ParseJSONFile(path)
		} else {
			f, _ = p.ParseHCLFile(path)
		}
		if f == nil {
			continue
		}
		content, _, _ := f.Body.PartialContent(&hcl.BodySchema{Blocks: []hcl.BlockHeaderSchema{{Type: "resource", LabelNames: []string{"type", "name"}}}})
		for _, b := range content.Blocks {
			if b.Labels[0] == typ && b.Labels[1] == name {
				return paths.Display(path)
			}
		}
	}
	return ""
}
