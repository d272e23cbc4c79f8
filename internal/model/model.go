// Package model is the one representation of Terraform resources that every
// loader (source, plan, state) produces and every control reads. A control
// never sees HCL or JSON: it asks a Root for instances of a type and reads
// their values, which are go-cty values that may be unknown and that carry
// Origin marks saying where they came from.
package model

import (
	"crypto/sha256"
	"encoding/hex"
	"sort"
	"strings"

	"github.com/zclconf/go-cty/cty"
)

// Range is a source location: a file (relative to the scanned path) and the
// first and last line of the block that declares an instance.
type Range struct {
	File    string
	Line    int
	EndLine int
	AbsFile string // absolute path, for tools that need to reopen the file
}

// Instance is one resource instance after count/for_each expansion, inside
// one module instance.
type Instance struct {
	Address   string // as Terraform writes it: module.a["x"].aws_foo.bar[0]
	Module    string // module instance path, "" for the root module
	Mode      string // "managed" or "data"
	Type      string
	Name      string
	Key       cty.Value // cty.NilVal without count/for_each; number or string key otherwise
	Value     cty.Value // object of configured attributes and blocks, marked with origins
	DependsOn []string  // resource or module addresses named in depends_on, module-prefixed
	Range     Range
}

// Root is everything one Terraform root (one `terraform plan`) would create.
type Root struct {
	Dir       string // relative to the scanned path; "." for the path itself
	Instances []*Instance
	// Files maps every file read (configuration, tfvars, JSON) to the
	// SHA-256 of its bytes, hashed by the loader that read them.
	Files map[string]string
	// Outputs are the root module's output values, from source (tests
	// compare them with what Terraform computed).
	Outputs map[string]cty.Value
	// BaseDir is the directory instance file names are relative to, when
	// it is not the scanned path (a plan's configuration directory).
	BaseDir string
	// ModulesNotEvaluated are the module calls whose module could not be
	// loaded: whatever they hold was not seen.
	ModulesNotEvaluated []ModuleNotEvaluated
	byType              map[string][]*Instance
	byAddr              map[string]*Instance
}

// ModuleNotEvaluated is a module call whose module could not be loaded.
type ModuleNotEvaluated struct {
	Module string // module.a.module.b
	Source string // as written
	Reason string // why, and what to do
	File   string // the module block, relative to the scanned path
	Line   int
}

// PackagePath reports whether a file name is a file of a fetched module
// package, named "PACKAGE//PATH" (see docs/modules.md) rather than by a
// path on disk. Paths on disk are cleaned, so never hold "//".
func PackagePath(file string) bool {
	return strings.Contains(file, "//")
}

// NewRoot indexes instances by type and address.
func NewRoot(dir string, instances []*Instance) *Root {
	r := &Root{Dir: dir, Instances: instances, byType: map[string][]*Instance{}, byAddr: map[string]*Instance{}}
	for _, in := range instances {
		r.byType[in.Type] = append(r.byType[in.Type], in)
		r.byAddr[in.Address] = in
	}
	// In address order once, not at every OfType: the controls ask for
	// each type several times, and sorting 100,000 addresses takes a tenth
	// of a second.
	for _, ins := range r.byType {
		sort.SliceStable(ins, func(a, b int) bool { return ins[a].Address < ins[b].Address })
	}
	return r
}

// OfType returns the managed instances of a resource type, in address order.
func (r *Root) OfType(typ string) []*Instance {
	var out []*Instance
	for _, in := range r.byType[typ] {
		if in.Mode == "managed" {
			out = append(out, in)
		}
	}
	return out
}

// Lookup finds an instance by its full address.
func (r *Root) Lookup(addr string) *Instance { return r.byAddr[addr] }

// Digest is the hex SHA-256 of a file's bytes, as evidence reports list it.
func Digest(data []byte) string {
	sum := sha256.Sum256(data)
	return hex.EncodeToString(sum[:])
}
