package schemajson

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"

	"github.com/zclconf/go-cty/cty"
	ctyjson "github.com/zclconf/go-cty/cty/json"
)

// The SDK schema holds what `terraform providers schema -json` leaves out of
// the provider's terraform-plugin-sdk/v2 resource definitions, among it the
// defaults a plan shows for optional attributes the configuration leaves
// unset. It is a JSON object keyed by resource type. A type's value is
// either a string (such as "not an SDKv2 resource": the type is written
// with another framework and the file knows nothing of it) or an object
// whose "attributes" map names to schemas:
//
//	"retention_in_days": {"type": "TypeInt", "optional": true, "default": 0}
//
// An attribute's "type" is the SDKv2 type (TypeString, TypeInt, TypeFloat,
// TypeBool, TypeList, TypeSet, TypeMap), "default" its Default, "elem" the
// element type name of a collection of primitives, and "block" the
// attributes of the nested block type it stands for (a TypeList or TypeSet
// whose Elem is a resource), in the same form. Data sources have no
// defaults and are not in the file.

type sdkResource struct {
	Attributes map[string]*sdkAttribute `json:"attributes"`
}

// sdkAttribute is the part of an SDK schema attribute the table uses; the
// other keys (optional, force_new, max_items, ...) are ignored.
type sdkAttribute struct {
	Type     string                   `json:"type"`
	Computed bool                     `json:"computed"`
	Default  json.RawMessage          `json:"default"`
	Elem     json.RawMessage          `json:"elem"`
	Block    map[string]*sdkAttribute `json:"block"`
}

// sdkPrimitive are the cty types of the SDKv2 primitive types.
var sdkPrimitive = map[string]cty.Type{
	"TypeString": cty.String,
	"TypeBool":   cty.Bool,
	"TypeInt":    cty.Number,
	"TypeFloat":  cty.Number,
}

// readSDK reads an SDK schema: the resource types it describes, without
// those it has only a note for.
func readSDK(r io.Reader) (map[string]*sdkResource, error) {
	var doc map[string]json.RawMessage
	if err := json.NewDecoder(r).Decode(&doc); err != nil {
		return nil, fmt.Errorf("reading SDK schema: %w", err)
	}
	out := make(map[string]*sdkResource, len(doc))
	for typ, raw := range doc {
		var note string
		if json.Unmarshal(raw, &note) == nil {
			continue // not an SDKv2 resource
		}
		var res sdkResource
		if err := json.Unmarshal(raw, &res); err != nil {
			return nil, fmt.Errorf("SDK schema %s: %w", typ, err)
		}
		if res.Attributes == nil {
			return nil, fmt.Errorf("SDK schema %s: neither a note nor attributes", typ)
		}
		out[typ] = &res
	}
	return out, nil
}

// addDefaults reads an SDK schema and records its defaults in the
// resource types' blocks, which normalizeBlock has checked.
func addDefaults(r io.Reader, resources map[string]*Block) error {
	sdk, err := readSDK(r)
	if err != nil {
		return err
	}
	for typ, res := range sdk {
		b := resources[typ]
		if b == nil {
			if hasDefaults(res.Attributes) {
				return fmt.Errorf("SDK schema resource %s: has defaults but is not in the provider schema", typ)
			}
			continue
		}
		if err := blockDefaults(res.Attributes, b); err != nil {
			return fmt.Errorf("SDK schema resource %s%w", typ, err)
		}
	}
	return nil
}

// blockDefaults records the defaults of an SDK schema block's attributes in
// the provider schema's block of the same name, following nested blocks.
// Errors begin with the path below the block (".name: ...").
func blockDefaults(attrs map[string]*sdkAttribute, b *Block) error {
	for name, sa := range attrs {
		if sa == nil {
			return fmt.Errorf(".%s: no attribute schema", name)
		}
		if isSet(sa.Elem) && sa.Elem[0] != '"' {
			return fmt.Errorf(".%s: elem is not a type name (nested blocks are in \"block\")", name)
		}
		if sa.Block != nil {
			bt := b.BlockTypes[name]
			if bt == nil {
				if hasDefaults(sa.Block) {
					return fmt.Errorf(".%s: a block with defaults, not a block in the provider schema", name)
				}
				continue
			}
			// An Optional+Computed block (an SDKv2 computed TypeList or
			// TypeSet of a resource) is unknown in a plan when the
			// configuration leaves it out: the provider fills it.
			bt.Computed = sa.Computed
			if err := blockDefaults(sa.Block, bt.Block); err != nil {
				return fmt.Errorf(".%s%w", name, err)
			}
			continue
		}
		if !hasDefault(sa) {
			continue
		}
		a := b.Attributes[name]
		if a == nil {
			return fmt.Errorf(".%s: default %s for an attribute the provider schema lacks", name, sa.Default)
		}
		def, err := defaultJSON(sa, a)
		if err != nil {
			return fmt.Errorf(".%s: %w", name, err)
		}
		a.Default = def
	}
	return nil
}

// defaultJSON is an SDK attribute's default as the table stores it: the
// JSON cty writes for it, as a value of the provider schema attribute's
// type.
func defaultJSON(sa *sdkAttribute, a *Attribute) (json.RawMessage, error) {
	if a.Required {
		return nil, fmt.Errorf("default %s for a required attribute", sa.Default)
	}
	ty, err := ctyjson.UnmarshalType(a.Type)
	if err != nil {
		return nil, err
	}
	if want, ok := sdkPrimitive[sa.Type]; ok && !ty.Equals(want) {
		return nil, fmt.Errorf("SDK type %s, provider schema type %s", sa.Type, ty.FriendlyName())
	}
	v, err := ctyjson.Unmarshal(sa.Default, ty)
	if err != nil {
		return nil, fmt.Errorf("default %s: %w", sa.Default, err)
	}
	return ctyjson.Marshal(v, ty)
}

func hasDefault(sa *sdkAttribute) bool { return isSet(sa.Default) }

// isSet reports whether a key of a JSON object is there and not null.
func isSet(raw json.RawMessage) bool {
	return len(raw) > 0 && !bytes.Equal(raw, []byte("null"))
}

func hasDefaults(attrs map[string]*sdkAttribute) bool {
	for _, sa := range attrs {
		if sa != nil && (hasDefault(sa) || hasDefaults(sa.Block)) {
			return true
		}
	}
	return false
}
