package awsschema

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	tfjson "github.com/hashicorp/terraform-json"
	"github.com/tfcomply/tfcomply/internal/awsschema/schemajson"
	"github.com/zclconf/go-cty/cty"
)

// The tfplan tool keeps the AWS provider schema, and beside it the SDK
// schema that gives the attributes' defaults, in providerSchemaDir,
// relative to the directory that holds the repository.
const (
	providerSchemaDir  = "shared/tools/tfplan/provider/schema"
	providerSchemaFile = providerSchemaDir + "/aws.json"
	sdkSchemaFile      = providerSchemaDir + "/sdk.json"
)

// providerSchema reads the AWS provider schema that schema.json is generated
// from, found beside the repository (searching upward from the test's
// directory), or skips the test when it is not there.
func providerSchema(t *testing.T) []byte {
	t.Helper()
	return toolFile(t, providerSchemaFile)
}

// sdkSchema reads the SDK schema that schema.json takes its defaults from,
// as providerSchema does.
func sdkSchema(t *testing.T) []byte {
	t.Helper()
	return toolFile(t, sdkSchemaFile)
}

func toolFile(t *testing.T, rel string) []byte {
	t.Helper()
	dir, err := os.Getwd()
	if err != nil {
		t.Fatal(err)
	}
	for {
		data, err := os.ReadFile(filepath.Join(dir, rel))
		if err == nil {
			return data
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			t.Skipf("no %s in a directory above the test's: cannot check schema.json against it", rel)
		}
		dir = parent
	}
}

// TestGeneratedTableIsCurrent checks that schema.json is what the provider
// schema and the SDK schema generate. Without the SDK schema it cannot tell:
// schema.json holds its defaults.
func TestGeneratedTableIsCurrent(t *testing.T) {
	src, sdk := providerSchema(t), sdkSchema(t)
	got, err := schemajson.Generate(bytes.NewReader(src), schemajson.DefaultProvider, bytes.NewReader(sdk))
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(got, schemaJSON) {
		t.Errorf("schema.json is not what %s and %s generate: run go generate ./internal/awsschema", providerSchemaFile, sdkSchemaFile)
	}
}

// TestTableMatchesProviderSchema reads the provider schema with
// terraform-json, a reader independent of the generator, and checks that
// the package reports every type, attribute and block as it says.
func TestTableMatchesProviderSchema(t *testing.T) {
	var ps tfjson.ProviderSchemas
	if err := json.Unmarshal(providerSchema(t), &ps); err != nil {
		t.Fatal(err)
	}
	aws := ps.Schemas[schemajson.DefaultProvider]
	if aws == nil {
		t.Fatalf("no %s schema", schemajson.DefaultProvider)
	}
	for typ, s := range aws.ResourceSchemas {
		compareBlock(t, "resource "+typ, Resource(typ), s.Block)
		if !KnownType(typ) {
			t.Errorf("KnownType(%s) = false", typ)
		}
	}
	for typ, s := range aws.DataSourceSchemas {
		compareBlock(t, "data source "+typ, DataSource(typ), s.Block)
	}
	if got, want := len(load().resources), len(aws.ResourceSchemas); got != want {
		t.Errorf("%d resource types, the provider schema has %d", got, want)
	}
	if got, want := len(load().dataSources), len(aws.DataSourceSchemas); got != want {
		t.Errorf("%d data source types, the provider schema has %d", got, want)
	}
}

func compareBlock(t *testing.T, path string, got *Block, want *tfjson.SchemaBlock) {
	t.Helper()
	if got == nil {
		t.Errorf("%s: missing", path)
		return
	}
	if len(got.Attributes) != len(want.Attributes) || len(got.Blocks) != len(want.NestedBlocks) {
		t.Errorf("%s: %d attributes and %d blocks, want %d and %d", path,
			len(got.Attributes), len(got.Blocks), len(want.Attributes), len(want.NestedBlocks))
	}
	for name, wa := range want.Attributes {
		ga := got.Attributes[name]
		switch {
		case ga == nil:
			t.Errorf("%s.%s: missing", path, name)
		case wa.AttributeNestedType == nil && !ga.Type.Equals(wa.AttributeType):
			t.Errorf("%s.%s: type %s, want %s", path, name, ga.Type.FriendlyName(), wa.AttributeType.FriendlyName())
		case ga.Required != wa.Required || ga.Optional != wa.Optional || ga.Computed != wa.Computed:
			t.Errorf("%s.%s: required/optional/computed %v/%v/%v, want %v/%v/%v", path, name,
				ga.Required, ga.Optional, ga.Computed, wa.Required, wa.Optional, wa.Computed)
		}
	}
	for name, wb := range want.NestedBlocks {
		gb := got.Blocks[name]
		if gb == nil {
			t.Errorf("%s.%s: missing block", path, name)
			continue
		}
		if gb.Nesting != string(wb.NestingMode) || gb.MinItems != int(wb.MinItems) || gb.MaxItems != int(wb.MaxItems) {
			t.Errorf("%s.%s: nesting %s %d..%d, want %s %d..%d", path, name,
				gb.Nesting, gb.MinItems, gb.MaxItems, wb.NestingMode, wb.MinItems, wb.MaxItems)
		}
		compareBlock(t, path+"."+name, &gb.Block, wb.Block)
	}
}

func describe(a *Attribute) string {
	if a == nil {
		return "missing"
	}
	s := fmt.Sprintf("%s required=%v optional=%v computed=%v", a.Type.FriendlyName(), a.Required, a.Optional, a.Computed)
	if a.Default != cty.NilVal {
		s += " default=" + a.Default.GoString()
	}
	return s
}

func TestSpotChecks(t *testing.T) {
	stage := Resource("aws_api_gateway_stage")
	if stage == nil {
		t.Fatal("no aws_api_gateway_stage")
	}
	als := stage.Blocks["access_log_settings"]
	if als == nil || als.Nesting != "list" || als.MaxItems != 1 {
		t.Errorf("access_log_settings = %+v, want a list block of at most 1", als)
	} else if dest := als.Attributes["destination_arn"]; dest == nil || !dest.Required || dest.Type != cty.String {
		t.Errorf("access_log_settings.destination_arn = %s, want a required string", describe(dest))
	}
	for name, want := range map[string]Attribute{
		"arn":        {Type: cty.String, Computed: true},
		"stage_name": {Type: cty.String, Required: true},
		"region":     {Type: cty.String, Optional: true, Computed: true},
		"tags":       {Type: cty.Map(cty.String), Optional: true},
	} {
		if got := stage.Attributes[name]; got == nil || !got.Type.Equals(want.Type) ||
			got.Required != want.Required || got.Optional != want.Optional || got.Computed != want.Computed {
			t.Errorf("aws_api_gateway_stage.%s = %s, want %s", name, describe(got), describe(&want))
		}
	}
	if name := Resource("aws_cloudwatch_log_group").Attributes["name"]; name == nil || !name.Optional || !name.Computed || name.Required {
		t.Errorf("aws_cloudwatch_log_group.name = %s, want optional and computed", describe(name))
	}
	if !IsComputed("aws_cloudwatch_log_group", "name") {
		t.Error("IsComputed(aws_cloudwatch_log_group, name) = false: an optional+computed attribute counts")
	}
	throttle := Resource("aws_api_gateway_account").Attributes["throttle_settings"]
	wantThrottle := cty.List(cty.Object(map[string]cty.Type{"burst_limit": cty.Number, "rate_limit": cty.Number}))
	if throttle == nil || !throttle.Type.Equals(wantThrottle) {
		t.Errorf("aws_api_gateway_account.throttle_settings = %s, want type %s", describe(throttle), wantThrottle.FriendlyName())
	}
	ci := DataSource("aws_caller_identity")
	if ci == nil {
		t.Fatal("no data source aws_caller_identity")
	}
	if a := ci.Attributes["account_id"]; a == nil || !a.Computed || a.Optional || a.Required {
		t.Errorf("aws_caller_identity.account_id = %s, want computed only", describe(a))
	}
	if Resource("aws_caller_identity") != nil || DataSource("aws_api_gateway_stage") != nil {
		t.Error("resource and data source types must stay apart")
	}
	// Nested block names at any depth: processors sits in
	// processing_configuration, in extended_s3_configuration.
	if !BlockNames("aws_kinesis_firehose_delivery_stream")["processors"] {
		t.Error("BlockNames(aws_kinesis_firehose_delivery_stream) lacks the nested processors")
	}
}

func TestDefaults(t *testing.T) {
	for _, c := range []struct {
		typ  string
		path []string // blocks, then the attribute
		want cty.Value
	}{
		// What a plan shows for a log group that sets neither.
		{"aws_cloudwatch_log_group", []string{"retention_in_days"}, cty.NumberIntVal(0)},
		{"aws_cloudwatch_log_group", []string{"skip_destroy"}, cty.False},
		{"aws_iam_role", []string{"path"}, cty.StringVal("/")},
		{"aws_iam_role", []string{"max_session_duration"}, cty.NumberIntVal(3600)},
		// In nested blocks, at depths one and two.
		{"aws_api_gateway_method_settings", []string{"settings", "throttling_burst_limit"}, cty.NumberIntVal(-1)},
		{"aws_api_gateway_method_settings", []string{"settings", "throttling_rate_limit"}, cty.NumberIntVal(-1)},
		{"aws_api_gateway_stage", []string{"canary_settings", "percent_traffic"}, cty.NumberIntVal(0)},
		{"aws_kinesis_firehose_delivery_stream", []string{"extended_s3_configuration", "cloudwatch_logging_options", "enabled"}, cty.False},
		{"aws_kinesis_firehose_delivery_stream", []string{"extended_s3_configuration", "compression_format"}, cty.StringVal("UNCOMPRESSED")},
		// No default: required, computed, optional without one, and the
		// attributes of a type the provider does not write with SDKv2.
		{"aws_cloudwatch_log_group", []string{"kms_key_id"}, cty.NilVal},
		{"aws_cloudwatch_log_group", []string{"name"}, cty.NilVal},
		{"aws_cloudwatch_log_group", []string{"arn"}, cty.NilVal},
		{"aws_api_gateway_stage", []string{"stage_name"}, cty.NilVal},
		{"aws_api_gateway_method_settings", []string{"settings", "metrics_enabled"}, cty.NilVal},
		{"aws_api_gateway_stage", []string{"access_log_settings", "destination_arn"}, cty.NilVal},
		{"aws_api_gateway_account", []string{"cloudwatch_role_arn"}, cty.NilVal},
	} {
		name := c.typ + "." + strings.Join(c.path, ".")
		a := lookup(Resource(c.typ), c.path)
		if a == nil {
			t.Errorf("%s: missing", name)
			continue
		}
		if c.want == cty.NilVal {
			if a.Default != cty.NilVal {
				t.Errorf("%s default = %#v, want none", name, a.Default)
			}
			continue
		}
		if a.Default == cty.NilVal || !a.Default.Type().Equals(a.Type) || !a.Default.RawEquals(c.want) {
			t.Errorf("%s = %s, want default %#v", name, describe(a), c.want)
		}
	}
	for typ, b := range load().dataSources {
		walkAttributes(b, typ, func(path string, a *Attribute) {
			if a.Default != cty.NilVal {
				t.Errorf("data source %s has default %#v: the SDK schema has none for data sources", path, a.Default)
			}
		})
	}
}

// lookup is the attribute at path (block names, then the attribute's)
// below b, or nil.
func lookup(b *Block, path []string) *Attribute {
	for _, name := range path[:len(path)-1] {
		if b == nil || b.Blocks[name] == nil {
			return nil
		}
		b = &b.Blocks[name].Block
	}
	if b == nil {
		return nil
	}
	return b.Attributes[path[len(path)-1]]
}

func walkAttributes(b *Block, path string, f func(string, *Attribute)) {
	for name, a := range b.Attributes {
		f(path+"."+name, a)
	}
	for name, nb := range b.Blocks {
		walkAttributes(&nb.Block, path+"."+name, f)
	}
}

// TestDefaultsMatchSDKSchema reads the SDK schema as plain JSON, apart
// from the generator, and checks that every default it has is the
// attribute's Default, at any depth, and that the table has no others.
func TestDefaultsMatchSDKSchema(t *testing.T) {
	dec := json.NewDecoder(bytes.NewReader(sdkSchema(t)))
	dec.UseNumber()
	var doc map[string]any
	if err := dec.Decode(&doc); err != nil {
		t.Fatal(err)
	}
	want := 0
	var check func(path string, attrs map[string]any, b *Block)
	check = func(path string, attrs map[string]any, b *Block) {
		for name, v := range attrs {
			sa := v.(map[string]any)
			if inner, ok := sa["block"].(map[string]any); ok {
				nb := b.Blocks[name]
				if nb == nil {
					t.Errorf("%s.%s: not a block in the table", path, name)
					continue
				}
				check(path+"."+name, inner, &nb.Block)
				continue
			}
			def, ok := sa["default"]
			if !ok || def == nil {
				continue
			}
			if path+"."+name == "aws_api_gateway_rest_api.put_rest_api_mode" {
				// Kept out of the table: plans show null (see parse).
				if a := b.Attributes[name]; a == nil || a.Default != cty.NilVal {
					t.Errorf("%s.%s: want no default", path, name)
				}
				continue
			}
			want++
			var wv cty.Value
			switch d := def.(type) {
			case bool:
				wv = cty.BoolVal(d)
			case string:
				wv = cty.StringVal(d)
			case json.Number:
				wv = cty.MustParseNumberVal(string(d))
			default:
				t.Errorf("%s.%s: default %v of an unexpected kind", path, name, def)
				continue
			}
			a := b.Attributes[name]
			if a == nil || a.Default == cty.NilVal || !a.Default.RawEquals(wv) {
				t.Errorf("%s.%s = %s, want default %#v", path, name, describe(a), wv)
			}
		}
	}
	for typ, v := range doc {
		res, ok := v.(map[string]any)
		if !ok {
			continue // a type that is not an SDKv2 resource
		}
		b := Resource(typ)
		if b == nil {
			t.Errorf("%s: not in the table", typ)
			continue
		}
		check(typ, res["attributes"].(map[string]any), b)
	}
	got := 0
	for typ, b := range load().resources {
		walkAttributes(b, typ, func(_ string, a *Attribute) {
			if a.Default != cty.NilVal {
				got++
			}
		})
	}
	if got != want {
		t.Errorf("the table has %d defaults, the SDK schema %d", got, want)
	}
	t.Logf("%d attributes have defaults", got)
}

func TestTypeOutsideTable(t *testing.T) {
	const typ = "aws_s3_bucket"
	if Resource(typ) != nil || DataSource(typ) != nil || KnownType(typ) || BlockNames(typ) != nil {
		t.Errorf("%s is not in the table", typ)
	}
	if !IsComputed(typ, "anything") {
		t.Error("IsComputed must answer true (unknown) for types outside the table")
	}
	if IsComputed("aws_api_gateway_stage", "no_such_attribute") || IsComputed("aws_api_gateway_stage", "access_log_settings") {
		t.Error("IsComputed must answer false for names that are not computed attributes of a known type")
	}
}

// TestHandTableFacts checks what the hand-written table this package held
// before schema.json said. Its facts for aws_api_gateway_deployment are
// gone: AWS provider v6 removed the canary_settings and stage_description
// blocks and the invoke_url and execution_arn attributes from that type.
func TestHandTableFacts(t *testing.T) {
	hand := map[string]struct{ blocks, computed []string }{
		"aws_api_gateway_account": {
			computed: []string{"api_key_version", "cloudwatch_role_arn", "features", "id", "throttle_settings", "region"},
		},
		"aws_api_gateway_deployment": {
			computed: []string{"created_date", "id", "region"},
		},
		"aws_api_gateway_method_settings": {
			blocks:   []string{"settings"},
			computed: []string{"id", "region"},
		},
		"aws_api_gateway_rest_api": {
			blocks: []string{"endpoint_configuration"},
			computed: []string{"api_key_source", "arn", "binary_media_types", "created_date", "description",
				"disable_execute_api_endpoint", "execution_arn", "id", "minimum_compression_size", "policy",
				"region", "root_resource_id", "tags_all"},
		},
		"aws_api_gateway_stage": {
			blocks:   []string{"access_log_settings", "canary_settings"},
			computed: []string{"arn", "execution_arn", "id", "invoke_url", "region", "tags_all", "web_acl_arn"},
		},
		"aws_apigatewayv2_api": {
			blocks:   []string{"cors_configuration"},
			computed: []string{"api_endpoint", "arn", "execution_arn", "id", "ip_address_type", "region", "tags_all"},
		},
		"aws_apigatewayv2_stage": {
			blocks:   []string{"access_log_settings", "default_route_settings", "route_settings"},
			computed: []string{"arn", "deployment_id", "execution_arn", "id", "invoke_url", "region", "tags_all"},
		},
		"aws_cloudwatch_log_group": {
			computed: []string{"arn", "deletion_protection_enabled", "id", "log_group_class", "name", "name_prefix", "region", "tags_all"},
		},
		"aws_kinesis_firehose_delivery_stream": {
			blocks: []string{"extended_s3_configuration", "http_endpoint_configuration", "server_side_encryption",
				"kinesis_source_configuration", "s3_configuration", "cloudwatch_logging_options",
				"processing_configuration", "processors", "parameters", "redshift_configuration",
				"splunk_configuration", "opensearch_configuration", "elasticsearch_configuration"},
			computed: []string{"arn", "destination_id", "id", "region", "tags_all", "version_id"},
		},
		"aws_iam_role": {
			blocks:   []string{"inline_policy"},
			computed: []string{"arn", "create_date", "id", "managed_policy_arns", "name", "name_prefix", "tags_all", "unique_id"},
		},
	}
	for typ, h := range hand {
		if !KnownType(typ) {
			t.Errorf("KnownType(%s) = false", typ)
		}
		names := BlockNames(typ)
		for _, b := range h.blocks {
			if !names[b] {
				t.Errorf("BlockNames(%s) lacks %s", typ, b)
			}
		}
		for _, a := range h.computed {
			if !IsComputed(typ, a) {
				t.Errorf("IsComputed(%s, %s) = false", typ, a)
			}
		}
		// The hand table listed every computed attribute: the generated
		// one must not make more of them computed.
		var computed []string
		for name, a := range Resource(typ).Attributes {
			if a.Computed {
				computed = append(computed, name)
			}
		}
		sort.Strings(computed)
		if len(computed) != len(h.computed) {
			t.Errorf("%s computed attributes %v, the hand table had %v", typ, computed, h.computed)
		}
	}
	dep := Resource("aws_api_gateway_deployment")
	if len(dep.Blocks) != 0 || BlockNames("aws_api_gateway_deployment")["canary_settings"] ||
		IsComputed("aws_api_gateway_deployment", "invoke_url") || IsComputed("aws_api_gateway_deployment", "execution_arn") {
		t.Error("aws_api_gateway_deployment has no blocks, invoke_url or execution_arn in AWS provider v6")
	}
}

func BenchmarkParse(b *testing.B) {
	for b.Loop() {
		if _, err := parse(schemaJSON); err != nil {
			b.Fatal(err)
		}
	}
}

func TestParseOnceIsCheap(t *testing.T) {
	allocs := testing.AllocsPerRun(10, func() { _ = IsComputed("aws_api_gateway_stage", "arn") })
	if allocs != 0 {
		t.Errorf("IsComputed allocates %v times a call: the table must be parsed once", allocs)
	}
}
