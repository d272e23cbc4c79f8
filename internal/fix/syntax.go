package fix

import (
	"bytes"
	"fmt"
	"os"
	"strings"

	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/hclsyntax"
)

// sourceFile is one configuration file as read from disk, parsed for the
// byte ranges of its blocks and expressions. Edits are spliced into src.
type sourceFile struct {
	path string // absolute, as the evaluator names it
	src  []byte
	body *hclsyntax.Body
	nl   string // the file's line ending: "\n", or "\r\n" when it uses those
}

// files reads each file once.
type files map[string]*sourceFile

func (fs files) get(path string) (*sourceFile, error) {
	if f, ok := fs[path]; ok {
		if f == nil {
			return nil, fmt.Errorf("%s does not parse", path)
		}
		return f, nil
	}
	src, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	f, err := parseSource(path, src)
	fs[path] = f
	return f, err
}

func parseSource(path string, src []byte) (*sourceFile, error) {
	file, diags := hclsyntax.ParseConfig(src, path, hcl.InitialPos)
	if diags.HasErrors() {
		return nil, fmt.Errorf("%s does not parse: %s", path, diags.Error())
	}
	body, ok := file.Body.(*hclsyntax.Body)
	if !ok {
		return nil, fmt.Errorf("%s is not native Terraform syntax", path)
	}
	nl := "\n"
	if bytes.Contains(src, []byte("\r\n")) {
		nl = "\r\n"
	}
	return &sourceFile{path: path, src: src, body: body, nl: nl}, nil
}

// resource finds a resource block by type and name.
func (f *sourceFile) resource(typ, name string) *hclsyntax.Block {
	for _, b := range f.body.Blocks {
		if b.Type == "resource" && len(b.Labels) == 2 && b.Labels[0] == typ && b.Labels[1] == name {
			return b
		}
	}
	return nil
}

// nested are a body's blocks of one type, and the dynamic blocks that
// make blocks of that type.
func nested(body *hclsyntax.Body, typ string) (static, dynamic []*hclsyntax.Block) {
	for _, b := range body.Blocks {
		switch {
		case b.Type == typ:
			static = append(static, b)
		case b.Type == "dynamic" && len(b.Labels) == 1 && b.Labels[0] == typ:
			dynamic = append(dynamic, b)
		}
	}
	return static, dynamic
}

// text is the source of a range.
func (f *sourceFile) text(r hcl.Range) string {
	return string(f.src[r.Start.Byte:r.End.Byte])
}

// literalString reads an expression that is a quoted string without
// interpolation ("OFF"), or null (ok, isNull).
func literalString(e hclsyntax.Expression) (s string, isNull, ok bool) {
	switch x := e.(type) {
	case *hclsyntax.TemplateExpr:
		if len(x.Parts) == 0 {
			return "", false, true
		}
		if len(x.Parts) != 1 {
			return "", false, false
		}
		if lit, isLit := x.Parts[0].(*hclsyntax.LiteralValueExpr); isLit && lit.Val.Type().FriendlyName() == "string" {
			return lit.Val.AsString(), false, true
		}
	case *hclsyntax.LiteralValueExpr:
		if x.Val.IsNull() {
			return "", true, true
		}
	}
	return "", false, false
}

// isLiteral reports whether an expression is a literal: a quoted string
// without interpolation, a number, a bool or null.
func isLiteral(e hclsyntax.Expression) bool {
	if _, _, ok := literalString(e); ok {
		return true
	}
	_, ok := e.(*hclsyntax.LiteralValueExpr)
	return ok
}

// ignoresChanges reports whether a resource's lifecycle ignore_changes
// covers an argument (or all), so a change to it would never be applied.
func ignoresChanges(b *hclsyntax.Block, arg string) bool {
	for _, lc := range b.Body.Blocks {
		if lc.Type != "lifecycle" {
			continue
		}
		a := lc.Body.Attributes["ignore_changes"]
		if a == nil {
			continue
		}
		if kw, ok := a.Expr.(*hclsyntax.ScopeTraversalExpr); ok && kw.Traversal.RootName() == "all" {
			return true
		}
		if t, ok := a.Expr.(*hclsyntax.TemplateExpr); ok && len(t.Parts) == 1 {
			if s, _, ok := literalString(t); ok && s == "all" {
				return true
			}
		}
		tuple, ok := a.Expr.(*hclsyntax.TupleConsExpr)
		if !ok {
			return true // something else: assume it might
		}
		for _, e := range tuple.Exprs {
			name := ""
			switch x := e.(type) {
			case *hclsyntax.ScopeTraversalExpr:
				name = x.Traversal.RootName()
			default:
				if s, _, ok := literalString(e); ok {
					name = strings.SplitN(s, ".", 2)[0]
				}
			}
			if name == arg || name == "all" {
				return true
			}
		}
	}
	return false
}

// lineStart is the offset of the start of the line holding offset.
func lineStart(src []byte, offset int) int {
	return bytes.LastIndexByte(src[:offset], '\n') + 1
}

// lineEnd is the offset just past the newline ending the line holding
// offset (len(src) on a last line without one).
func lineEnd(src []byte, offset int) int {
	if i := bytes.IndexByte(src[offset:], '\n'); i >= 0 {
		return offset + i + 1
	}
	return len(src)
}

// blank reports whether b holds only spaces and tabs (and line endings).
func blank(b []byte) bool {
	return len(bytes.Trim(b, " \t\r\n")) == 0
}

// indentOf is the leading white space of the line holding offset.
func indentOf(src []byte, offset int) string {
	start := lineStart(src, offset)
	end := start
	for end < len(src) && (src[end] == ' ' || src[end] == '\t') {
		end++
	}
	return string(src[start:end])
}

// where names a position as reports do: file:line.
func where(display string, r hcl.Range) string {
	return fmt.Sprintf("%s:%d", display, r.Start.Line)
}
