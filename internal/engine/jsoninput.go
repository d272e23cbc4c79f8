package engine

import (
	"errors"
	"io"
	"os"
	"path/filepath"

	"github.com/tfcomply/tfcomply/internal/hclload"
	"github.com/tfcomply/tfcomply/internal/model"
	"github.com/tfcomply/tfcomply/internal/planload"
)

// loadJSON reads a plan or state (path "-": standard input) into the model
// and, when the configuration is beside it, attaches source locations and
// the references plan JSON cannot describe. A nil root means the input
// could not be read; the problems say why.
func loadJSON(path string, opts Options) (*model.Root, []model.Problem) {
	var data []byte
	var err error
	if path == "-" {
		if opts.Stdin == nil {
			opts.Stdin = os.Stdin
		}
		data, err = io.ReadAll(opts.Stdin)
	} else {
		data, err = os.ReadFile(path)
	}
	if err != nil {
		return nil, []model.Problem{{Severity: "error", File: path, Message: "cannot read: " + err.Error()}}
	}
	in, err := planload.Read(data)
	if err != nil {
		p := model.Problem{Severity: "error", File: path, Message: err.Error()}
		var ie *planload.InputError
		if errors.As(err, &ie) {
			p.Line, p.Column = ie.Line, ie.Column
		}
		return nil, []model.Problem{p}
	}
	root := in.Model()
	root.Files = map[string]string{}
	if path != "-" {
		root.Files[path] = model.Digest(data)
	}
	dir := opts.ConfigDir
	if dir == "" {
		dir = "."
		if path != "-" {
			dir = filepath.Dir(path)
		}
		if !hasTerraform(dir) {
			return root, nil
		}
	}
	src, probs := hclload.LoadRoot(dir, dir, hclload.Options{Values: in.Variables, Environ: opts.Environ})
	var out []model.Problem
	for _, p := range probs {
		// The plan is the input; its configuration only adds detail, so
		// problems there do not fail the scan.
		p.Severity = "warning"
		p.Message = "in the configuration beside the plan: " + p.Message
		out = append(out, p)
	}
	planload.AttachSource(root, src)
	for f, sum := range src.Files {
		root.Files[f] = sum
	}
	root.BaseDir = dir
	return root, out
}
