// Package schemajson is the layout of the awsschema package's table,
// schema.json, and its generation from the output of
// `terraform providers schema -json` and, for the attributes' defaults, the
// provider's SDKv2 schema details (see Generate). It is apart from awsschema
// so that the generator builds even when the embedded table is missing.
package schemajson

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"sort"
	"strings"

	"github.com/zclconf/go-cty/cty"
	ctyjson "github.com/zclconf/go-cty/cty/json"
)

// DefaultProvider is the provider source address whose schema the table
// holds.
const DefaultProvider = "registry.terraform.io/hashicorp/aws"

// Block, Attribute and BlockType read `terraform providers schema -json`
// and also write schema.json: the table keeps Terraform's vocabulary and
// drops everything the evaluator does not use (descriptions, deprecation,
// sensitivity). It adds one thing that format lacks: attributes' defaults.

type tfSchemaDoc struct {
	FormatVersion   string                       `json:"format_version"`
	ProviderSchemas map[string]*tfProviderSchema `json:"provider_schemas"`
}

type tfProviderSchema struct {
	ResourceSchemas   map[string]*tfSchema `json:"resource_schemas"`
	DataSourceSchemas map[string]*tfSchema `json:"data_source_schemas"`
}

type tfSchema struct {
	Block *Block `json:"block"`
}

// Table is the layout of schema.json.
type Table struct {
	Provider          string            `json:"provider"`
	ResourceSchemas   map[string]*Block `json:"resource_schemas"`
	DataSourceSchemas map[string]*Block `json:"data_source_schemas"`
}

// Block is a resource type's, data source type's or nested block's schema.
type Block struct {
	Attributes map[string]*Attribute `json:"attributes,omitempty"`
	BlockTypes map[string]*BlockType `json:"block_types,omitempty"`
}

// Attribute is an attribute's schema. Type is the cty type JSON as
// Terraform writes it (ctyjson.UnmarshalType reads it).
type Attribute struct {
	Type json.RawMessage `json:"type,omitempty"`
	// NestedType (a plugin framework nested attribute) is read from the
	// provider schema only: the table stores the type it implies in Type.
	NestedType *NestedType `json:"nested_type,omitempty"`
	Required   bool        `json:"required,omitempty"`
	Optional   bool        `json:"optional,omitempty"`
	Computed   bool        `json:"computed,omitempty"`
	// Default is the value the provider gives the attribute when the
	// configuration leaves it unset, as JSON of the attribute's type
	// (ctyjson.Unmarshal reads it); absent when there is none or it is not
	// known. The provider schema format has no defaults: they come from the
	// SDK schema only (see Generate).
	Default json.RawMessage `json:"default,omitempty"`
}

// NestedType is a nested attribute's schema, as the provider schema has it.
type NestedType struct {
	Attributes  map[string]*Attribute `json:"attributes"`
	NestingMode string                `json:"nesting_mode"`
}

// BlockType is a nested block type: its nesting mode (single, group, list,
// set or map), its item limits (0: none) and its block.
type BlockType struct {
	NestingMode string `json:"nesting_mode"`
	MinItems    int    `json:"min_items,omitempty"`
	MaxItems    int    `json:"max_items,omitempty"`
	// Computed is read from the SDK schema: the provider fills the block
	// when the configuration leaves it out.
	Computed bool   `json:"computed,omitempty"`
	Block    *Block `json:"block"`
}

// Generate reads a `terraform providers schema -json` document and returns
// the compact table for provider (a source address such as DefaultProvider):
// every resource and data source type with its attributes' types and flags
// and its nested blocks, one type a line, keys sorted, so the output of the
// same schema is the same bytes and a provider upgrade diffs type by type.
//
// sdk, when not nil, is the SDK schema of the same provider version (see
// sdk.go for its layout): the table then records the default of every
// resource attribute, at any depth, that has one there. Every default it
// holds must land in the table: a default for a type, block or attribute
// the provider schema lacks, or one that does not fit the attribute's type,
// means the two documents do not describe the same provider, and is an
// error.
func Generate(r io.Reader, provider string, sdk io.Reader) ([]byte, error) {
	var doc tfSchemaDoc
	if err := json.NewDecoder(r).Decode(&doc); err != nil {
		return nil, fmt.Errorf("reading provider schemas: %w", err)
	}
	if !strings.HasPrefix(doc.FormatVersion, "1.") {
		return nil, fmt.Errorf("provider schemas format_version %q: want 1.x (terraform providers schema -json)", doc.FormatVersion)
	}
	ps := doc.ProviderSchemas[provider]
	if ps == nil {
		var have []string
		for name := range doc.ProviderSchemas {
			have = append(have, name)
		}
		sort.Strings(have)
		return nil, fmt.Errorf("no schema for provider %q (the document has %s)", provider, strings.Join(have, ", "))
	}
	t := Table{Provider: provider, ResourceSchemas: map[string]*Block{}, DataSourceSchemas: map[string]*Block{}}
	for _, kind := range []struct {
		name string
		in   map[string]*tfSchema
		out  map[string]*Block
	}{
		{"resource", ps.ResourceSchemas, t.ResourceSchemas},
		{"data source", ps.DataSourceSchemas, t.DataSourceSchemas},
	} {
		for typ, s := range kind.in {
			if s == nil || s.Block == nil {
				return nil, fmt.Errorf("%s %s: no block", kind.name, typ)
			}
			if err := normalizeBlock(s.Block); err != nil {
				return nil, fmt.Errorf("%s %s%w", kind.name, typ, err)
			}
			kind.out[typ] = s.Block
		}
	}
	if sdk != nil {
		if err := addDefaults(sdk, t.ResourceSchemas); err != nil {
			return nil, err
		}
	}
	return encodeTable(&t)
}

// normalizeBlock checks a block's types and nesting modes and replaces
// nested attribute types by the types they imply. Errors begin with the path
// below the block (".name: ...").
func normalizeBlock(b *Block) error {
	for name, a := range b.Attributes {
		if a == nil {
			return fmt.Errorf(".%s: no attribute schema", name)
		}
		a.Default = nil // defaults come from the SDK schema only
		ty, err := attributeType(a)
		if err != nil {
			return fmt.Errorf(".%s: %w", name, err)
		}
		if a.NestedType != nil {
			raw, err := ctyjson.MarshalType(ty)
			if err != nil {
				return fmt.Errorf(".%s: %w", name, err)
			}
			a.Type, a.NestedType = raw, nil
		}
	}
	for name, bt := range b.BlockTypes {
		if bt == nil || bt.Block == nil {
			return fmt.Errorf(".%s: no block schema", name)
		}
		if !validNesting[bt.NestingMode] {
			return fmt.Errorf(".%s: nesting_mode %q", name, bt.NestingMode)
		}
		if err := normalizeBlock(bt.Block); err != nil {
			return fmt.Errorf(".%s%w", name, err)
		}
	}
	return nil
}

var validNesting = map[string]bool{"single": true, "group": true, "list": true, "set": true, "map": true}

// attributeType is an attribute's cty type: the type the schema gives, or
// for a nested attribute the type Terraform implies for it (an object, or a
// list, set or map of objects).
func attributeType(a *Attribute) (cty.Type, error) {
	switch {
	case a.NestedType == nil && len(a.Type) == 0:
		return cty.NilType, fmt.Errorf("neither type nor nested_type")
	case a.NestedType == nil:
		return ctyjson.UnmarshalType(a.Type)
	case len(a.Type) != 0:
		return cty.NilType, fmt.Errorf("both type and nested_type")
	}
	attrs := map[string]cty.Type{}
	for name, na := range a.NestedType.Attributes {
		if na == nil {
			return cty.NilType, fmt.Errorf("%s: no attribute schema", name)
		}
		ty, err := attributeType(na)
		if err != nil {
			return cty.NilType, fmt.Errorf("%s: %w", name, err)
		}
		attrs[name] = ty
	}
	obj := cty.Object(attrs)
	switch a.NestedType.NestingMode {
	case "single", "group":
		return obj, nil
	case "list":
		return cty.List(obj), nil
	case "set":
		return cty.Set(obj), nil
	case "map":
		return cty.Map(obj), nil
	}
	return cty.NilType, fmt.Errorf("nested_type nesting_mode %q", a.NestedType.NestingMode)
}

// encodeTable writes the table as JSON with one type a line: compact, yet a
// provider upgrade shows in a diff as the types it changed.
func encodeTable(t *Table) ([]byte, error) {
	var buf bytes.Buffer
	fmt.Fprintf(&buf, "{\"provider\":%s,\n", mustJSON(t.Provider))
	sections := []struct {
		key    string
		blocks map[string]*Block
	}{{"data_source_schemas", t.DataSourceSchemas}, {"resource_schemas", t.ResourceSchemas}}
	for i, sec := range sections {
		fmt.Fprintf(&buf, "%s:{", mustJSON(sec.key))
		names := make([]string, 0, len(sec.blocks))
		for name := range sec.blocks {
			names = append(names, name)
		}
		sort.Strings(names)
		for j, name := range names {
			b, err := marshal(sec.blocks[name])
			if err != nil {
				return nil, fmt.Errorf("%s: %w", name, err)
			}
			sep := ","
			if j == len(names)-1 {
				sep = ""
			}
			fmt.Fprintf(&buf, "\n%s:%s%s", mustJSON(name), b, sep)
		}
		end := "},\n"
		if i == len(sections)-1 {
			end = "}}\n"
		}
		if len(names) > 0 {
			end = "\n" + end
		}
		buf.WriteString(end)
	}
	return buf.Bytes(), nil
}

// marshal is json.Marshal without HTML escaping (the table is not HTML) and
// without the trailing newline.
func marshal(v any) ([]byte, error) {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		return nil, err
	}
	return bytes.TrimSuffix(buf.Bytes(), []byte("\n")), nil
}

func mustJSON(s string) []byte {
	b, err := marshal(s)
	if err != nil {
		panic(err)
	}
	return b
}
