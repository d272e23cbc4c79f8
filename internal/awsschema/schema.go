// Package awsschema is the AWS provider schema knowledge tfcomply needs, for
// the resource and data source types its controls read.
//
// Resources are decoded without provider plugins. The evaluator still needs
// some of what the provider's schema says: which names are nested blocks
// (JSON syntax cannot tell blocks from attributes), which attributes the
// provider computes (a reference to one that the configuration does not set
// is unknown, not null), the attributes' types, and the defaults the
// provider gives optional attributes the configuration leaves unset (a plan
// shows retention_in_days = 0 for a log group that does not set it). The
// table holding that, schema.json, is generated from the real provider
// schema (AWS provider v6.47) and embedded.
//
// To regenerate it, for a new provider version or for more types, get the
// schema in the format of `terraform providers schema -json`: run that
// command in a directory whose configuration requires the aws provider,
// after terraform init (the output holds every AWS type; the table then holds
// them all), or take the tfplan tool's provider schema file, which holds the
// types tfcomply reads. That format has no defaults: they come from the
// provider's SDKv2 schema details, which the tfplan tool keeps beside its
// schema file (sdk.json, for the same provider version; schemajson/sdk.go
// describes its layout). Then, from the repository root:
//
//	go run ./internal/awsschema/gen -schema /path/to/schema.json -sdk /path/to/sdk.json -out internal/awsschema/schema.json
//
// Without -sdk the table has no defaults. `go generate ./internal/awsschema`
// does the same from the tfplan tool's files in their usual place beside the
// repository (../shared/tools/tfplan). The package's tests check that
// schema.json is what those files generate.
package awsschema

//go:generate go run ./gen -schema ../../../shared/tools/tfplan/provider/schema/aws.json -sdk ../../../shared/tools/tfplan/provider/schema/sdk.json -out schema.json

import (
	_ "embed"
	"encoding/json"
	"fmt"
	"sync"

	"github.com/tfcomply/tfcomply/internal/awsschema/schemajson"
	"github.com/zclconf/go-cty/cty"
	ctyjson "github.com/zclconf/go-cty/cty/json"
)

//go:embed schema.json
var schemaJSON []byte

// Block is the schema of a resource type, a data source type or a nested
// block.
type Block struct {
	Attributes map[string]*Attribute
	Blocks     map[string]*NestedBlock
}

// Attribute is an attribute's schema. An optional and computed attribute
// takes the configuration's value when it sets one and the provider's
// otherwise.
type Attribute struct {
	Type                         cty.Type
	Required, Optional, Computed bool
	// Default is the value, of type Type, that the provider plans for the
	// attribute when the configuration leaves it unset (the Default of an
	// SDKv2 resource's attribute): retention_in_days = 0 for
	// aws_cloudwatch_log_group. It is cty.NilVal when there is none or the
	// table does not know it: for data sources and for resource types the
	// provider does not write with SDKv2 (aws_api_gateway_account). The
	// provider may still keep a default out of plans: aws_api_gateway_rest_api
	// suppresses the diff of put_rest_api_mode while the configuration does
	// not set it, so its plans show null there.
	Default cty.Value
}

// NestedBlock is a nested block type's schema.
type NestedBlock struct {
	Nesting            string // "single", "list", "set", "map", "group"
	MinItems, MaxItems int    // 0: no limit
	// Computed: the provider fills the block when the configuration leaves
	// it out (an SDKv2 Optional+Computed list or set of a resource).
	Computed bool
	Block
}

type tables struct {
	resources, dataSources map[string]*Block
	blockNames             map[string]map[string]bool // resource type -> block names at any depth
}

var load = sync.OnceValue(func() *tables {
	t, err := parse(schemaJSON)
	if err != nil {
		// schema.json is generated and checked by the tests.
		panic("awsschema: embedded schema.json: " + err.Error())
	}
	return t
})

func parse(data []byte) (*tables, error) {
	var doc schemajson.Table
	if err := json.Unmarshal(data, &doc); err != nil {
		return nil, err
	}
	c := converter{types: map[string]cty.Type{}}
	t := &tables{
		resources:   make(map[string]*Block, len(doc.ResourceSchemas)),
		dataSources: make(map[string]*Block, len(doc.DataSourceSchemas)),
		blockNames:  make(map[string]map[string]bool, len(doc.ResourceSchemas)),
	}
	for typ, b := range doc.ResourceSchemas {
		blk, err := c.block(b)
		if err != nil {
			return nil, fmt.Errorf("resource %s%w", typ, err)
		}
		t.resources[typ] = blk
		names := map[string]bool{}
		addBlockNames(blk, names)
		t.blockNames[typ] = names
	}
	// The provider keeps put_rest_api_mode's default out of plans (they
	// show null while the configuration leaves it unset), so a value read
	// from the source must be null too.
	if rest := t.resources["aws_api_gateway_rest_api"]; rest != nil && rest.Attributes["put_rest_api_mode"] != nil {
		rest.Attributes["put_rest_api_mode"].Default = cty.NilVal
	}
	for typ, b := range doc.DataSourceSchemas {
		blk, err := c.block(b)
		if err != nil {
			return nil, fmt.Errorf("data source %s%w", typ, err)
		}
		t.dataSources[typ] = blk
	}
	return t, nil
}

// converter turns the table's blocks into Blocks, reading each distinct
// type JSON once (most attributes are "string", "bool" or "number").
type converter struct {
	types map[string]cty.Type
}

func (c converter) block(b *schemajson.Block) (*Block, error) {
	out := &Block{
		Attributes: make(map[string]*Attribute, len(b.Attributes)),
		Blocks:     make(map[string]*NestedBlock, len(b.BlockTypes)),
	}
	for name, a := range b.Attributes {
		ty, ok := c.types[string(a.Type)]
		if !ok {
			var err error
			if ty, err = ctyjson.UnmarshalType(a.Type); err != nil {
				return nil, fmt.Errorf(".%s: %w", name, err)
			}
			c.types[string(a.Type)] = ty
		}
		attr := &Attribute{Type: ty, Required: a.Required, Optional: a.Optional, Computed: a.Computed}
		if len(a.Default) > 0 {
			def, err := ctyjson.Unmarshal(a.Default, ty)
			if err != nil {
				return nil, fmt.Errorf(".%s: default: %w", name, err)
			}
			attr.Default = def
		}
		out.Attributes[name] = attr
	}
	for name, bt := range b.BlockTypes {
		nb, err := c.block(bt.Block)
		if err != nil {
			return nil, fmt.Errorf(".%s%w", name, err)
		}
		out.Blocks[name] = &NestedBlock{Nesting: bt.NestingMode, MinItems: bt.MinItems, MaxItems: bt.MaxItems, Computed: bt.Computed, Block: *nb}
	}
	return out, nil
}

func addBlockNames(b *Block, names map[string]bool) {
	for name, nb := range b.Blocks {
		names[name] = true
		addBlockNames(&nb.Block, names)
	}
}

// Resource is the schema of a resource type; nil when the table does not
// have it. The Block is shared: do not modify it.
func Resource(typ string) *Block {
	if b := builtinResources[typ]; b != nil {
		return b
	}
	return load().resources[typ]
}

// DataSource is the schema of a data source type; nil when the table does
// not have it. The Block is shared: do not modify it.
func DataSource(typ string) *Block { return load().dataSources[typ] }

// BlockNames are the nested block names of a resource type (any depth); nil
// for a type outside the table. The map is shared: do not modify it.
func BlockNames(typ string) map[string]bool { return load().blockNames[typ] }

// IsComputed reports whether an attribute of a resource type that the
// configuration leaves unset gets a value from the provider: a computed
// attribute, optional or not. For types outside the table every unset
// attribute is treated so: unknown is the safe answer.
func IsComputed(typ, attr string) bool {
	b := Resource(typ)
	if b == nil {
		return true
	}
	a := b.Attributes[attr]
	return a != nil && a.Computed
}

// KnownType reports whether the table describes resource type typ.
func KnownType(typ string) bool { return Resource(typ) != nil }
