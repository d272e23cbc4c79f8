package hclload

import (
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/ext/typeexpr"
	"github.com/zclconf/go-cty/cty"
)

// Module is the static configuration of one module directory, as loaded for
// one module call (a directory called twice is loaded twice: the calls can
// differ in what they install).
type Module struct {
	Dir       string   // absolute directory
	CallPath  []string // module call names from the root; empty for the root
	Variables map[string]*Variable
	Locals    map[string]*Local
	Outputs   map[string]*Output
	Resources map[string]*Resource // "TYPE.NAME" or "data.TYPE.NAME"
	Calls     map[string]*ModuleCall
	// blocks are the declaring blocks by kind and name ("variable.x",
	// "resource.aws_x.y"), for override files to merge into; nil in a
	// module without override files (most, and a module called 30 times
	// would keep 30 copies).
	blocks map[string]*hcl.Block
	// pkg is the fetched package the module is in; nil for modules of the
	// scanned tree and those installed in its .terraform directory.
	pkg *modulePackage
}

// Variable is a `variable` block.
type Variable struct {
	Name      string
	Type      cty.Type
	Defaults  *typeexpr.Defaults
	Default   cty.Value // cty.NilVal when there is no default
	Nullable  bool
	Sensitive bool // its value never appears in a report
	Typed     bool // a type constraint was given
	Range     hcl.Range
}

// Local is one attribute of a `locals` block.
type Local struct {
	Name string
	Expr hcl.Expression
	vars []hcl.Traversal // Expr.Variables(), worked out once
	refs []attrRef       // exprAttrRefs(Expr), worked out once
}

func newLocal(name string, expr hcl.Expression) *Local {
	return &Local{Name: name, Expr: expr, vars: expr.Variables(), refs: exprAttrRefs(expr, nil)}
}

// Output is an `output` block.
type Output struct {
	Name string
	Expr hcl.Expression
	vars []hcl.Traversal // Expr.Variables(), worked out once
	refs []attrRef       // exprAttrRefs(Expr), worked out once
}

// Resource is a `resource` or `data` block.
type Resource struct {
	Mode      string // managed or data
	Type      string
	Name      string
	Count     hcl.Expression
	ForEach   hcl.Expression
	DependsOn []hcl.Expression
	Body      hcl.Body
	DefRange  hcl.Range
	EndLine   int
	key       string          // see Key
	travs     []hcl.Traversal // every reference in the body; see traversals
	// The references of Count and ForEach, worked out once.
	countVars, forEachVars []hcl.Traversal
	// refs are exprAttrRefs of Count, ForEach and the body; iterators
	// are dynamicIterators of the body. Worked out once.
	refs      []attrRef
	iterators map[string]bool
}

// traversals returns every reference in the resource body (nested and
// dynamic blocks included), worked out when it was decoded.
func (r *Resource) traversals() []hcl.Traversal { return r.travs }

// Key is the resource's key within its module: TYPE.NAME or data.TYPE.NAME.
func (r *Resource) Key() string { return r.key }

// resourceKey is Key, worked out once per resource: modules and their
// graphs ask for it per call of the module.
func resourceKey(mode, typ, name string) string {
	if mode == "data" {
		return "data." + typ + "." + name
	}
	return typ + "." + name
}

// ModuleCall is a `module` block; Child is nil when the module cannot be loaded.
type ModuleCall struct {
	Name      string
	Source    string
	Version   string // the version constraint, "" when none
	Count     hcl.Expression
	ForEach   hcl.Expression
	DependsOn []hcl.Expression
	Args      map[string]*hcl.Attribute
	DefRange  hcl.Range
	Child     *Module
	// NotLoaded explains why Child is nil.
	NotLoaded string
	// reported: why Child is nil is reported as an error already, so no
	// "module not loaded" warning repeats it.
	reported bool
	// The references of Count, ForEach and each argument, worked out once.
	countVars, forEachVars []hcl.Traversal
	argVars                map[string][]hcl.Traversal
	refs                   []attrRef // exprAttrRefs of all of them
}

var fileSchema = &hcl.BodySchema{Blocks: []hcl.BlockHeaderSchema{
	{Type: "terraform"},
	{Type: "provider", LabelNames: []string{"name"}},
	{Type: "variable", LabelNames: []string{"name"}},
	{Type: "locals"},
	{Type: "output", LabelNames: []string{"name"}},
	{Type: "module", LabelNames: []string{"name"}},
	{Type: "resource", LabelNames: []string{"type", "name"}},
	{Type: "data", LabelNames: []string{"type", "name"}},
	{Type: "ephemeral", LabelNames: []string{"type", "name"}},
	{Type: "moved"},
	{Type: "import"},
	{Type: "removed"},
	{Type: "check", LabelNames: []string{"name"}},
}}

var variableSchema = &hcl.BodySchema{Attributes: []hcl.AttributeSchema{
	{Name: "type"}, {Name: "default"}, {Name: "nullable"}, {Name: "sensitive"},
}}

var outputSchema = &hcl.BodySchema{Attributes: []hcl.AttributeSchema{{Name: "value"}}}

var moduleSchema = &hcl.BodySchema{
	Attributes: []hcl.AttributeSchema{
		{Name: "source"}, {Name: "version"}, {Name: "count"}, {Name: "for_each"},
		{Name: "providers"}, {Name: "depends_on"},
	},
}

var resourceMetaSchema = &hcl.BodySchema{
	Attributes: []hcl.AttributeSchema{
		{Name: "count"}, {Name: "for_each"}, {Name: "depends_on"}, {Name: "provider"},
	},
}

// ConfigFiles lists the Terraform files of a directory in the order
// Terraform reads them (lexical), with override files separated out. OpenTofu's
// .tofu and .tofu.json files are read too, each hiding the .tf or .tf.json
// file of the same name (see withoutTofuAlternates). Entries
// named like Terraform files that are not files (a FIFO, a device) are left
// out with a warning: opening them could wait forever.
func ConfigFiles(dir string) (primary, overrides []string, warns hcl.Diagnostics, err error) {
	entries, err := os.ReadDir(dir)
	if err != nil {
		return nil, nil, nil, err
	}
	for _, e := range entries {
		name := e.Name()
		if e.IsDir() || strings.HasPrefix(name, ".") || strings.HasPrefix(name, "#") || strings.HasSuffix(name, "~") {
			continue
		}
		if !IsConfigFileName(name) {
			continue
		}
		path := filepath.Join(dir, name)
		if ok, warn := readableEntry(path, e); !ok {
			if warn != nil {
				warns = append(warns, warn)
			}
			continue
		}
		if isOverrideName(name) {
			overrides = append(overrides, path)
			continue
		}
		primary = append(primary, path)
	}
	sort.Strings(primary)
	sort.Strings(overrides)
	return withoutTofuAlternates(primary), withoutTofuAlternates(overrides), warns, nil
}

// loadModuleDir parses every file of a module directory into a Module.
// Parse errors are returned but whatever parsed is kept, so one broken file
// does not hide the rest of the configuration.
func loadModuleDir(rf *rootFiles, dir string, callPath []string) (*Module, hcl.Diagnostics) {
	m := &Module{
		Dir: dir, CallPath: callPath,
		Variables: map[string]*Variable{}, Locals: map[string]*Local{}, Outputs: map[string]*Output{},
		Resources: map[string]*Resource{}, Calls: map[string]*ModuleCall{},
	}
	var diags hcl.Diagnostics
	files, overrides, warns, err := rf.cache.configFiles(dir)
	if len(overrides) > 0 {
		m.blocks = map[string]*hcl.Block{}
	}
	if err != nil {
		return m, diags.Append(&hcl.Diagnostic{Severity: hcl.DiagError, Summary: "cannot read module directory", Detail: err.Error()})
	}
	diags = append(diags, warns...)
	for _, path := range files {
		e, fd := rf.parse(path, strings.HasSuffix(path, ".json"))
		diags = append(diags, fd...)
		if d := e.declarationsOrNil(); d != nil {
			diags = append(diags, m.addDecls(d)...)
		}
	}
	// Override files merge into what the others declared, in lexical order.
	for _, path := range overrides {
		e, fd := rf.parse(path, strings.HasSuffix(path, ".json"))
		diags = append(diags, fd...)
		if e == nil || e.file.Body == nil {
			continue
		}
		f := e.file
		diags = append(diags, m.applyOverride(f.Body)...)
	}
	return m, diags
}

// fileDecls are the declarations of one file, decoded once for every
// module that loads the file (see Files). A module call is copied per
// module (its Child and why it has none are the module's); variables,
// locals, outputs and resources are shared as they are.
type fileDecls struct {
	diags hcl.Diagnostics // the file body's own
	items []declItem      // in the order of the file's blocks
}

// declItem is one block of a file, decoded.
type declItem struct {
	block    *hcl.Block
	diags    hcl.Diagnostics // its decoding's
	variable *Variable
	locals   []*Local
	// localNames are the locals' name ranges, for a duplicate's error.
	localNames map[string]hcl.Range
	output     *Output // nil for an output without a value
	call       *ModuleCall
	resource   *Resource
}

// decodeFile decodes the blocks of a configuration file without a module:
// addDecls adds them to one.
func decodeFile(body hcl.Body) *fileDecls {
	content, diags := body.Content(fileSchema)
	fd := &fileDecls{diags: diags}
	for _, b := range content.Blocks {
		it := declItem{block: b}
		switch b.Type {
		case "variable":
			it.variable, it.diags = decodeVariable(b)
		case "locals":
			attrs, d := b.Body.JustAttributes()
			it.diags = d
			it.localNames = map[string]hcl.Range{}
			for _, a := range attrs {
				it.locals = append(it.locals, newLocal(a.Name, a.Expr))
				it.localNames[a.Name] = a.NameRange
			}
		case "output":
			it.output, it.diags = decodeOutput(b)
		case "module":
			it.call, it.diags = decodeModuleCall(b)
		case "resource", "data":
			it.resource, it.diags = decodeResource(b)
		default:
			continue
		}
		fd.items = append(fd.items, it)
	}
	return fd
}

// addDecls adds a file's declarations to the module, with the problems of
// decoding them and of declaring a name twice.
func (m *Module) addDecls(fd *fileDecls) hcl.Diagnostics {
	diags := append(hcl.Diagnostics{}, fd.diags...)
	for _, it := range fd.items {
		b := it.block
		diags = append(diags, it.diags...)
		switch b.Type {
		case "variable":
			v := it.variable
			if dup := m.Variables[v.Name]; dup != nil {
				diags = append(diags, duplicate("variable", v.Name, b.DefRange))
				continue
			}
			m.Variables[v.Name] = v
			m.keepBlock("variable", v.Name, b)
		case "locals":
			for _, l := range it.locals {
				name := l.Name
				if m.Locals[name] != nil {
					diags = append(diags, duplicate("local value", name, it.localNames[name]))
					continue
				}
				m.Locals[name] = l
			}
		case "output":
			o := it.output
			if o == nil {
				continue
			}
			if m.Outputs[o.Name] != nil {
				diags = append(diags, duplicate("output", o.Name, b.DefRange))
				continue
			}
			m.Outputs[o.Name] = o
			m.keepBlock("output", o.Name, b)
		case "module":
			c := *it.call
			if m.Calls[c.Name] != nil {
				diags = append(diags, duplicate("module call", c.Name, b.DefRange))
				continue
			}
			m.Calls[c.Name] = &c
			m.keepBlock("module", c.Name, b)
		case "resource", "data":
			r := it.resource // shared: nothing in it is per module
			if m.Resources[r.Key()] != nil {
				diags = append(diags, duplicate("resource", r.Key(), b.DefRange))
				continue
			}
			m.Resources[r.Key()] = r
			m.keepBlock("resource", r.Key(), b)
		}
	}
	return diags
}

// keepBlock keeps a declaring block, as KIND.NAME, for override files,
// when there are any.
func (m *Module) keepBlock(kind, name string, b *hcl.Block) {
	if m.blocks != nil {
		m.blocks[kind+"."+name] = b
	}
}

func duplicate(what, name string, rng hcl.Range) *hcl.Diagnostic {
	return &hcl.Diagnostic{
		Severity: hcl.DiagError, Summary: "duplicate " + what,
		Detail: fmt.Sprintf("%s %q is declared more than once in this module", what, name), Subject: rng.Ptr(),
	}
}

func decodeOutput(b *hcl.Block) (*Output, hcl.Diagnostics) {
	c, _, diags := b.Body.PartialContent(outputSchema)
	a := c.Attributes["value"]
	if a == nil {
		return nil, append(diags, &hcl.Diagnostic{Severity: hcl.DiagError, Summary: "output has no value", Subject: b.DefRange.Ptr()})
	}
	return &Output{Name: b.Labels[0], Expr: a.Expr, vars: a.Expr.Variables(), refs: exprAttrRefs(a.Expr, nil)}, diags
}

func decodeVariable(b *hcl.Block) (*Variable, hcl.Diagnostics) {
	v := &Variable{Name: b.Labels[0], Type: cty.DynamicPseudoType, Nullable: true, Range: b.DefRange}
	c, _, diags := b.Body.PartialContent(variableSchema)
	if a := c.Attributes["type"]; a != nil {
		ty, defaults, d := typeConstraint(a.Expr)
		diags = append(diags, d...)
		v.Type, v.Defaults, v.Typed = ty, defaults, true
	}
	if a := c.Attributes["nullable"]; a != nil {
		val, d := a.Expr.Value(nil)
		diags = append(diags, d...)
		if !d.HasErrors() && val.Type() == cty.Bool && val.IsKnown() && !val.IsNull() {
			v.Nullable = val.True()
		}
	}
	if a := c.Attributes["sensitive"]; a != nil {
		if val, d := a.Expr.Value(nil); !d.HasErrors() && val.Type() == cty.Bool && val.IsKnown() && !val.IsNull() {
			v.Sensitive = val.True()
		}
	}
	if a := c.Attributes["default"]; a != nil {
		val, d := a.Expr.Value(nil)
		diags = append(diags, d...)
		if !d.HasErrors() {
			conv, err := convertVariable(v, val)
			if err != nil {
				diags = append(diags, &hcl.Diagnostic{
					Severity: hcl.DiagError, Summary: "invalid default value for variable",
					Detail: fmt.Sprintf("variable %q: %s", v.Name, err), Subject: a.Expr.Range().Ptr(),
				})
			} else {
				v.Default = conv
			}
			if !v.Nullable && val.IsNull() {
				diags = append(diags, &hcl.Diagnostic{
					Severity: hcl.DiagError, Summary: "Invalid default value for variable",
					Detail: "A null default value is not valid when nullable=false.", Subject: a.Expr.Range().Ptr(),
				})
			}
		}
	}
	return v, diags
}

// typeConstraint reads a type expression, including optional() defaults,
// and the forms Terraform still accepts from 0.11: quoted ("string",
// "list", "map") and the bare keywords list and map (any element type).
func typeConstraint(expr hcl.Expression) (cty.Type, *typeexpr.Defaults, hcl.Diagnostics) {
	switch hcl.ExprAsKeyword(expr) {
	case "list":
		return cty.List(cty.DynamicPseudoType), nil, nil
	case "map":
		return cty.Map(cty.DynamicPseudoType), nil, nil
	}
	if val, d := expr.Value(nil); !d.HasErrors() && val.Type() == cty.String && val.IsKnown() && !val.IsNull() {
		switch val.AsString() {
		case "string":
			return cty.String, nil, nil
		case "list":
			return cty.List(cty.DynamicPseudoType), nil, nil
		case "map":
			return cty.Map(cty.DynamicPseudoType), nil, nil
		}
	}
	return typeexpr.TypeConstraintWithDefaults(expr)
}

func decodeModuleCall(b *hcl.Block) (*ModuleCall, hcl.Diagnostics) {
	c := &ModuleCall{Name: b.Labels[0], DefRange: b.DefRange, Args: map[string]*hcl.Attribute{}}
	content, remain, diags := b.Body.PartialContent(moduleSchema)
	if a := content.Attributes["source"]; a != nil {
		val, d := a.Expr.Value(nil)
		diags = append(diags, d...)
		if !d.HasErrors() && val.Type() == cty.String && val.IsKnown() && !val.IsNull() {
			c.Source = val.AsString()
		}
	} else {
		diags = append(diags, &hcl.Diagnostic{Severity: hcl.DiagError, Summary: "module call has no source", Subject: b.DefRange.Ptr()})
	}
	if a := content.Attributes["version"]; a != nil {
		val, d := a.Expr.Value(nil)
		if !d.HasErrors() && val.Type() == cty.String && val.IsKnown() && !val.IsNull() {
			c.Version = val.AsString()
		}
	}
	if a := content.Attributes["count"]; a != nil {
		c.Count = a.Expr
	}
	if a := content.Attributes["for_each"]; a != nil {
		c.ForEach = a.Expr
	}
	if a := content.Attributes["depends_on"]; a != nil {
		c.DependsOn = listItems(a.Expr)
	}
	attrs, d := remain.JustAttributes()
	diags = append(diags, d...)
	c.argVars = make(map[string][]hcl.Traversal, len(attrs))
	c.countVars, c.forEachVars = exprVars(c.Count), exprVars(c.ForEach)
	c.refs = exprAttrRefs(c.ForEach, exprAttrRefs(c.Count, nil))
	for name, a := range attrs {
		c.Args[name] = a
		c.argVars[name] = a.Expr.Variables()
		c.refs = exprAttrRefs(a.Expr, c.refs)
	}
	return c, diags
}

func decodeResource(b *hcl.Block) (*Resource, hcl.Diagnostics) {
	mode := "managed"
	if b.Type == "data" {
		mode = "data"
	}
	r := &Resource{Mode: mode, Type: b.Labels[0], Name: b.Labels[1], Body: b.Body, DefRange: b.DefRange, EndLine: blockEndLine(b),
		key: resourceKey(mode, b.Labels[0], b.Labels[1])}
	content, _, diags := b.Body.PartialContent(resourceMetaSchema)
	if a := content.Attributes["count"]; a != nil {
		r.Count = a.Expr
	}
	if a := content.Attributes["for_each"]; a != nil {
		r.ForEach = a.Expr
	}
	if a := content.Attributes["depends_on"]; a != nil {
		r.DependsOn = listItems(a.Expr)
	}
	r.countVars, r.forEachVars = exprVars(r.Count), exprVars(r.ForEach)
	r.travs = bodyTraversals(r.Body, r.Type, true)
	r.refs = bodyAttrRefs(r.Body, r.Type, true, exprAttrRefs(r.ForEach, exprAttrRefs(r.Count, nil)))
	r.iterators = dynamicIterators(r.Body, r.Type)
	if r.Count != nil && r.ForEach != nil {
		diags = append(diags, &hcl.Diagnostic{
			Severity: hcl.DiagError, Summary: "count and for_each together",
			Detail: "a resource may use count or for_each, not both", Subject: b.DefRange.Ptr(),
		})
	}
	return r, diags
}

// listItems returns the elements of a list expression (depends_on), also
// when written as a 0.11-style list of strings.
func listItems(expr hcl.Expression) []hcl.Expression {
	items, diags := hcl.ExprList(expr)
	if diags.HasErrors() {
		return []hcl.Expression{expr}
	}
	return items
}
