package schemajson

import (
	"strings"
	"testing"
)

// A small provider schema with what the table must keep, what it must drop
// and a plugin framework nested attribute.
const doc = `{
  "format_version": "1.0",
  "provider_schemas": {
    "registry.terraform.io/hashicorp/other": {"resource_schemas": {"other_thing": {"version": 0, "block": {}}}},
    "registry.terraform.io/hashicorp/aws": {
      "provider": {"version": 0, "block": {"attributes": {"region": {"type": "string", "optional": true}}}},
      "resource_schemas": {
        "aws_b": {"version": 1, "block": {
          "attributes": {
            "tags": {"type": ["map", "string"], "optional": true, "description": "Tags <b>", "description_kind": "plain"},
            "arn": {"type": "string", "computed": true, "sensitive": true, "deprecated": true, "default": "not in this format"},
            "rules": {"nested_type": {"nesting_mode": "list", "attributes": {
              "name": {"type": "string", "required": true},
              "inner": {"nested_type": {"nesting_mode": "single", "attributes": {"n": {"type": "number", "optional": true}}}, "optional": true}
            }}, "optional": true, "computed": true}
          },
          "block_types": {
            "timeouts": {"nesting_mode": "single", "block": {"attributes": {"create": {"type": "string", "optional": true}}}},
            "setting": {"nesting_mode": "list", "min_items": 1, "max_items": 1, "block": {
              "block_types": {"deep": {"nesting_mode": "set", "block": {"attributes": {"x": {"type": "bool", "required": true}}}}}
            }}
          },
          "description_kind": "plain"
        }},
        "aws_a": {"version": 0, "block": {"attributes": {"id": {"type": "string", "optional": true, "computed": true}}}}
      },
      "data_source_schemas": {
        "aws_d": {"version": 0, "block": {"attributes": {"account_id": {"type": "string", "computed": true}}}}
      }
    }
  }
}`

func TestGenerate(t *testing.T) {
	got, err := Generate(strings.NewReader(doc), DefaultProvider, nil)
	if err != nil {
		t.Fatal(err)
	}
	want := `{"provider":"registry.terraform.io/hashicorp/aws",
"data_source_schemas":{
"aws_d":{"attributes":{"account_id":{"type":"string","computed":true}}}
},
"resource_schemas":{
"aws_a":{"attributes":{"id":{"type":"string","optional":true,"computed":true}}},
"aws_b":{"attributes":{"arn":{"type":"string","computed":true},` +
		`"rules":{"type":["list",["object",{"inner":["object",{"n":"number"}],"name":"string"}]],"optional":true,"computed":true},` +
		`"tags":{"type":["map","string"],"optional":true}},` +
		`"block_types":{"setting":{"nesting_mode":"list","min_items":1,"max_items":1,"block":{"block_types":{"deep":{"nesting_mode":"set","block":{"attributes":{"x":{"type":"bool","required":true}}}}}}},` +
		`"timeouts":{"nesting_mode":"single","block":{"attributes":{"create":{"type":"string","optional":true}}}}}}
}}
`
	if string(got) != want {
		t.Errorf("got\n%s\nwant\n%s", got, want)
	}
	again, _ := Generate(strings.NewReader(doc), DefaultProvider, nil)
	if string(again) != string(got) {
		t.Error("two generations from one schema differ")
	}
}

func TestGenerateEmptySections(t *testing.T) {
	got, err := Generate(strings.NewReader(`{"format_version":"1.0","provider_schemas":{"p":{}}}`), "p", nil)
	if err != nil {
		t.Fatal(err)
	}
	if want := "{\"provider\":\"p\",\n\"data_source_schemas\":{},\n\"resource_schemas\":{}}\n"; string(got) != want {
		t.Errorf("got %q, want %q", got, want)
	}
}

func TestGenerateErrors(t *testing.T) {
	for name, c := range map[string]struct{ doc, provider, want string }{
		"not JSON":       {`{`, DefaultProvider, "reading provider schemas"},
		"format version": {`{"format_version":"2.0","provider_schemas":{}}`, DefaultProvider, `format_version "2.0"`},
		"no provider": {`{"format_version":"1.0","provider_schemas":{"registry.terraform.io/hashicorp/aws":{}}}`,
			"registry.terraform.io/hashicorp/azurerm", "the document has registry.terraform.io/hashicorp/aws"},
		"bad type": {`{"format_version":"1.0","provider_schemas":{"p":{"resource_schemas":{"r":{"block":{
			"block_types":{"b":{"nesting_mode":"list","block":{"attributes":{"a":{"type":["lisst","string"]}}}}}}}}}}}`,
			"p", "resource r.b.a:"},
		"no type": {`{"format_version":"1.0","provider_schemas":{"p":{"data_source_schemas":{"d":{"block":{
			"attributes":{"a":{"optional":true}}}}}}}}`, "p", "data source d.a: neither type nor nested_type"},
		"bad nesting": {`{"format_version":"1.0","provider_schemas":{"p":{"resource_schemas":{"r":{"block":{
			"block_types":{"b":{"nesting_mode":"tuple","block":{}}}}}}}}}`, "p", `resource r.b: nesting_mode "tuple"`},
		"no block": {`{"format_version":"1.0","provider_schemas":{"p":{"resource_schemas":{"r":{}}}}}`, "p", "resource r: no block"},
	} {
		t.Run(name, func(t *testing.T) {
			_, err := Generate(strings.NewReader(c.doc), c.provider, nil)
			if err == nil || !strings.Contains(err.Error(), c.want) {
				t.Errorf("error %v, want one containing %q", err, c.want)
			}
		})
	}
}

// sdk is an SDK schema for doc: defaults at the top level, in a nested
// block and in a block nested in that, a type that is not an SDKv2
// resource, and keys the table does not use.
const sdk = `{
  "aws_a": "not an SDKv2 resource",
  "aws_b": {
    "attributes": {
      "arn": {"type": "TypeString", "computed": true},
      "tags": {"type": "TypeMap", "optional": true, "elem": "TypeString"},
      "setting": {"type": "TypeList", "required": true, "max_items": 1, "block": {
        "deep": {"type": "TypeSet", "optional": true, "block": {
          "x": {"type": "TypeBool", "required": true, "default": null}
        }},
        "level": {"type": "TypeFloat", "optional": true, "default": 0.50}
      }},
      "timeouts": {"type": "TypeList", "optional": true, "block": {
        "create": {"type": "TypeString", "optional": true, "default": "10m"}
      }},
      "rules": {"type": "TypeList", "optional": true, "computed": true, "block": {
        "name": {"type": "TypeString", "required": true}
      }},
      "gone": {"type": "TypeString", "optional": true}
    },
    "customize_diff": true,
    "schema_version": 1
  },
  "aws_old": {"attributes": {"x": {"type": "TypeString", "optional": true}}}
}`

func TestGenerateDefaults(t *testing.T) {
	withDefaults := strings.Replace(doc,
		`"setting": {"nesting_mode": "list", "min_items": 1, "max_items": 1, "block": {`,
		`"setting": {"nesting_mode": "list", "min_items": 1, "max_items": 1, "block": {
              "attributes": {"level": {"type": "number", "optional": true}},`, 1)
	got, err := Generate(strings.NewReader(withDefaults), DefaultProvider, strings.NewReader(sdk))
	if err != nil {
		t.Fatal(err)
	}
	want := `{"provider":"registry.terraform.io/hashicorp/aws",
"data_source_schemas":{
"aws_d":{"attributes":{"account_id":{"type":"string","computed":true}}}
},
"resource_schemas":{
"aws_a":{"attributes":{"id":{"type":"string","optional":true,"computed":true}}},
"aws_b":{"attributes":{"arn":{"type":"string","computed":true},` +
		`"rules":{"type":["list",["object",{"inner":["object",{"n":"number"}],"name":"string"}]],"optional":true,"computed":true},` +
		`"tags":{"type":["map","string"],"optional":true}},` +
		`"block_types":{"setting":{"nesting_mode":"list","min_items":1,"max_items":1,"block":{"attributes":{"level":{"type":"number","optional":true,"default":0.5}},` +
		`"block_types":{"deep":{"nesting_mode":"set","block":{"attributes":{"x":{"type":"bool","required":true}}}}}}},` +
		`"timeouts":{"nesting_mode":"single","block":{"attributes":{"create":{"type":"string","optional":true,"default":"10m"}}}}}}
}}
`
	if string(got) != want {
		t.Errorf("got\n%s\nwant\n%s", got, want)
	}
}

func TestGenerateDefaultErrors(t *testing.T) {
	const schema = `{"format_version":"1.0","provider_schemas":{"p":{"resource_schemas":{"r":{"block":{
		"attributes":{"n":{"type":"number","optional":true},"s":{"type":"string","required":true}},
		"block_types":{"b":{"nesting_mode":"list","block":{"attributes":{"a":{"type":"bool","optional":true}}}}}}}}}}}`
	for name, c := range map[string]struct{ sdk, want string }{
		"not JSON":      {`[`, "reading SDK schema"},
		"no attributes": {`{"r":{}}`, "SDK schema r: neither a note nor attributes"},
		"unknown type": {`{"q":{"attributes":{"b":{"type":"TypeList","block":{"a":{"type":"TypeBool","default":true}}}}}}`,
			"SDK schema resource q: has defaults but is not in the provider schema"},
		"unknown attribute": {`{"r":{"attributes":{"m":{"type":"TypeInt","default":1}}}}`,
			"SDK schema resource r.m: default 1 for an attribute the provider schema lacks"},
		"unknown block": {`{"r":{"attributes":{"c":{"type":"TypeList","block":{"a":{"type":"TypeBool","default":true}}}}}}`,
			"SDK schema resource r.c: a block with defaults, not a block in the provider schema"},
		"block as attribute": {`{"r":{"attributes":{"n":{"type":"TypeList","block":{"a":{"type":"TypeBool","default":true}}}}}}`,
			"SDK schema resource r.n: a block with defaults, not a block in the provider schema"},
		"type mismatch": {`{"r":{"attributes":{"b":{"type":"TypeList","block":{"a":{"type":"TypeString","default":"x"}}}}}}`,
			"SDK schema resource r.b.a: SDK type TypeString, provider schema type bool"},
		"bad value":    {`{"r":{"attributes":{"n":{"type":"TypeInt","default":"many"}}}}`, `r.n: default "many"`},
		"required":     {`{"r":{"attributes":{"s":{"type":"TypeString","default":"x"}}}}`, "r.s: default \"x\" for a required attribute"},
		"elem a block": {`{"r":{"attributes":{"b":{"type":"TypeList","elem":{"a":{"type":"TypeBool"}}}}}}`, "r.b: elem is not a type name"},
	} {
		t.Run(name, func(t *testing.T) {
			_, err := Generate(strings.NewReader(schema), "p", strings.NewReader(c.sdk))
			if err == nil || !strings.Contains(err.Error(), c.want) {
				t.Errorf("error %v, want one containing %q", err, c.want)
			}
		})
	}
}
