package fix

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/hclparse"
)

// names hands out resource names that no resource of the same type in the
// same module directory has, .tf and .tf.json files alike (a resource
// with count = 0 has no instance, but its name is taken all the same).
type names struct {
	taken map[string]map[string]bool // directory -> "type.name"
}

func newNames() *names { return &names{taken: map[string]map[string]bool{}} }

func (n *names) dir(dir string) map[string]bool {
	if t, ok := n.taken[dir]; ok {
		return t
	}
	t := map[string]bool{}
	n.taken[dir] = t
	entries, err := os.ReadDir(dir)
	if err != nil {
		return t
	}
	p := hclparse.NewParser()
	schema := &hcl.BodySchema{Blocks: []hcl.BlockHeaderSchema{{Type: "resource", LabelNames: []string{"type", "name"}}}}
	for _, e := range entries {
		name := e.Name()
		path := filepath.Join(dir, name)
		var f *hcl.File
		switch {
		case strings.HasSuffix(name, ".tf"):
			f, _ = p.ParseHCLFile(path)
		case strings.HasSuffix(name, ".tf.json"):
			f, _ = p.ParseJSONFile(path)
		}
		if f == nil || f.Body == nil {
			continue
		}
		content, _, _ := f.Body.PartialContent(schema)
		for _, b := range content.Blocks {
			t[b.Labels[0]+"."+b.Labels[1]] = true
		}
	}
	return t
}

// take returns want, or want_2, want_3... whichever is free, and takes it.
func (n *names) take(dir, typ, want string) string {
	t := n.dir(dir)
	name := want
	for i := 2; t[typ+"."+name]; i++ {
		name = fmt.Sprintf("%s_%d", want, i)
	}
	t[typ+"."+name] = true
	return name
}
