// Package awsschema is the little AWS provider schema knowledge tfcomply
// needs, for the resource types its controls read.
package awsschema

// Resources are decoded without provider schemas. This table holds the
// little schema knowledge the evaluator needs for the types the controls
// read: which names are nested blocks (JSON syntax cannot tell blocks from
// attributes) and which attributes the provider computes (a reference to one
// that the configuration does not set is unknown, not null). Taken from the
// AWS provider's schema (v6).
var awsSchema = map[string]struct {
	blocks   []string
	computed []string
}{
	"aws_api_gateway_account": {
		computed: []string{"api_key_version", "cloudwatch_role_arn", "features", "id", "throttle_settings", "region"},
	},
	"aws_api_gateway_deployment": {
		blocks:   []string{"canary_settings", "stage_description"},
		computed: []string{"created_date", "id", "region", "invoke_url", "execution_arn"},
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

var (
	blockNameSets    = map[string]map[string]bool{}
	computedNameSets = map[string]map[string]bool{}
)

func init() {
	for typ, s := range awsSchema {
		blockNameSets[typ] = setOf(s.blocks)
		computedNameSets[typ] = setOf(s.computed)
	}
}

func setOf(names []string) map[string]bool {
	m := make(map[string]bool, len(names))
	for _, n := range names {
		m[n] = true
	}
	return m
}

// BlockNames are the nested block names of a resource type (any depth).
func BlockNames(typ string) map[string]bool { return blockNameSets[typ] }

// IsComputed reports whether an attribute that the configuration leaves
// unset gets a value from the provider. For types outside the table every
// unset attribute is treated so: unknown is the safe answer.
func IsComputed(typ, attr string) bool {
	set, known := computedNameSets[typ]
	if !known {
		return true
	}
	return set[attr]
}

// KnownType reports whether the table describes typ.
func KnownType(typ string) bool { _, ok := awsSchema[typ]; return ok }
