package hclload

import (
	"bytes"
	"os"
	"path/filepath"
	"regexp"
	"strings"

	"github.com/hashicorp/hcl/v2"
	"github.com/tfcomply/tfcomply/internal/parallel"
	"github.com/zclconf/go-cty/cty"
)

// moduleBlock finds files that may hold a module block: `module "x" {` in
// native syntax, a "module" key in JSON. It decides whether a file that
// moduleSources cannot read is worth parsing.
var moduleBlock = regexp.MustCompile(`(?m)(^\s*module\s*"|"module"\s*:)`)

var callSourceSchema = &hcl.BodySchema{Blocks: []hcl.BlockHeaderSchema{{Type: "module", LabelNames: []string{"name"}}}}

var sourceOnlySchema = &hcl.BodySchema{Attributes: []hcl.AttributeSchema{{Name: "source"}}}

// LocalCalls returns the directories that the module in dir calls through
// local sources ("./x", "../y"), as absolute paths, without evaluating
// anything. Root discovery uses it: a directory another one calls is a
// module, not a root. Files that do not parse are skipped here; evaluation
// reports them. The answer is remembered: PrepareLocalCalls works them out
// for many directories at once, on every core.
func (c *Files) LocalCalls(dir string) []string {
	if v, ok := c.calls.Load(dir); ok {
		return v.([]string)
	}
	out := c.localCalls(dir)
	c.calls.Store(dir, out)
	return out
}

// PrepareLocalCalls works out LocalCalls for each directory, concurrently.
// It goes through them from the last: roots are then evaluated from the
// first, and the files the cache still holds are those they read first.
func (c *Files) PrepareLocalCalls(dirs []string) {
	parallel.For(len(dirs), func(i int) { c.LocalCalls(dirs[len(dirs)-1-i]) })
}

func (c *Files) localCalls(dir string) []string {
	files, overrides, _, err := c.configFiles(dir)
	if err != nil {
		return nil
	}
	var out []string
	for _, path := range append(files, overrides...) {
		json := strings.HasSuffix(path, ".json")
		src, err := os.ReadFile(path)
		if err != nil {
			continue
		}
		if !bytes.Contains(src, []byte("module")) || notText(src) != "" {
			continue // most files call no module: not worth reading further
		}
		sources, read := []string(nil), false
		if !json {
			sources, read = moduleSources(src)
		}
		if !read {
			if !moduleBlock.Match(src) {
				continue
			}
			sources = c.parsedSources(path, json, src)
		}
		for _, src := range sources {
			if isLocalSource(src) {
				out = append(out, filepath.Clean(filepath.Join(dir, filepath.FromSlash(src))))
			}
		}
	}
	return out
}

// parsedSources are the plain string sources of a file's top-level module
// blocks, read from its syntax tree (parsed through the cache, where the
// roots that load the file find it).
func (c *Files) parsedSources(path string, json bool, src []byte) []string {
	f := c.fileFrom(path, json, src).file
	if f == nil || f.Body == nil {
		return nil
	}
	var out []string
	content, _, _ := f.Body.PartialContent(callSourceSchema)
	for _, b := range content.Blocks {
		c, _, _ := b.Body.PartialContent(sourceOnlySchema)
		a := c.Attributes["source"]
		if a == nil {
			continue
		}
		v, d := a.Expr.Value(nil)
		if d.HasErrors() || !v.IsKnown() || v.IsNull() || v.Type() != cty.String {
			continue
		}
		out = append(out, v.AsString())
	}
	return out
}
