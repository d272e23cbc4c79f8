package suppress

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/tfcomply/tfcomply/internal/model"
)

func TestParseEachSyntax(t *testing.T) {
	cases := []struct {
		comment, by, reason, expires, problem string
		ids                                   []string
	}{
		{`# tfcomply:ignore:apigateway_stage_logging_enabled reason="internal API" expires=2027-03-31`, "tfcomply:ignore", "internal API", "2027-03-31", "", []string{ControlID}},
		{`// tfcomply:ignore:apigateway_stage_logging_enabled.cloudwatch_role reason="role set by the landing zone"`, "tfcomply:ignore", "role set by the landing zone", "", "", []string{ControlID + ".cloudwatch_role"}},
		{`/* tfcomply:ignore:* reason="all" */`, "tfcomply:ignore", "all", "", "", []string{"*"}},
		{`# tfcomply:ignore:apigateway_stage_logging_enabled`, "tfcomply:ignore", "", "", "no reason", []string{ControlID}},
		{`# tfcomply:ignore:apigateway_stage_logging_enabled reason="x" expires=2027-13-45`, "tfcomply:ignore", "x", "2027-13-45", "not a date", []string{ControlID}},
		{`#checkov:skip=CKV2_AWS_4:cost`, "checkov:skip", "cost", "", "", []string{ControlID}},
		{`#checkov:skip=CKV2_AWS_4`, "checkov:skip", "", "", "", []string{ControlID}},
		{`#trivy:ignore:AVD-AWS-0001`, "trivy:ignore", "", "", "", []string{ControlID}},
		{`#trivy:ignore:AWS-0001`, "trivy:ignore", "", "", "", []string{ControlID}},
		{`#trivy:ignore:aws-api-gateway-enable-access-logging`, "trivy:ignore", "", "", "", []string{ControlID}},
		{`#trivy:ignore:avd-aws-api-gateway-enable-access-logging:exp:2026-05-01`, "trivy:ignore", "", "2026-05-01", "", []string{ControlID}},
		{`#tfsec:ignore:aws-api-gateway-enable-access-logging:exp:2025-01-01`, "tfsec:ignore", "", "2025-01-01", "", []string{ControlID}},
		{`# kics-scan ignore-block`, "kics-scan", "", "", "", []string{ControlID}},
	}
	for _, c := range cases {
		ds := parseComment(c.comment, "main.tf", 3)
		if len(ds) != 1 {
			t.Errorf("%s: %d directives", c.comment, len(ds))
			continue
		}
		d := ds[0]
		if d.by != c.by || d.reason != c.reason || d.expires != c.expires || strings.Join(d.ids, ",") != strings.Join(c.ids, ",") ||
			(c.problem == "") != (d.problem == "") || !strings.Contains(d.problem, c.problem) {
			t.Errorf("%s: %+v", c.comment, d)
		}
	}
	// Other tools' ids for other checks are not ours.
	for _, other := range []string{"#checkov:skip=CKV_AWS_76:x", "#trivy:ignore:AVD-AWS-0002", "#tfsec:ignore:aws-s3-enable-bucket-logging", "# just a comment"} {
		if ds := parseComment(other, "main.tf", 1); len(ds) != 0 {
			t.Errorf("%s: %+v", other, ds)
		}
	}
}

func TestCoversAdvisoriesOfTheControl(t *testing.T) {
	d := directive{ids: []string{ControlID}}
	if !d.covers(ControlID) || !d.covers(ControlID+".cloudwatch_role") || d.covers("other_control") {
		t.Errorf("covers")
	}
	adv := directive{ids: []string{ControlID + ".cloudwatch_role"}}
	if adv.covers(ControlID) || !adv.covers(ControlID+".cloudwatch_role") {
		t.Errorf("an advisory's ignore must not cover the control")
	}
}

func TestMatchAddress(t *testing.T) {
	for _, c := range []struct {
		pattern, addr string
		want          bool
	}{
		{"*", `module.a["x"].aws_api_gateway_stage.s[0]`, true},
		{`module.env["dev"].*`, `module.env["dev"].aws_api_gateway_stage.s`, true},
		{`module.env["dev"].*`, `module.env["prod"].aws_api_gateway_stage.s`, false},
		{"aws_api_gateway_stage.s", "aws_api_gateway_stage.s", true},
		{"aws_api_gateway_stage.s", "aws_api_gateway_stage.s2", false},
		{"*.internal*", `module.x.aws_api_gateway_stage.internal["a"]`, true},
	} {
		if got := model.MatchAddress(c.pattern, c.addr); got != c.want {
			t.Errorf("%s ~ %s = %v", c.pattern, c.addr, got)
		}
	}
}

func writeConfig(t *testing.T, text string) string {
	path := filepath.Join(t.TempDir(), ConfigName)
	os.WriteFile(path, []byte(text), 0o644)
	return path
}

func TestConfigErrorsHaveLines(t *testing.T) {
	cases := map[string]struct {
		yaml string
		line int
		want string
	}{
		"unknown key":     {"profile: strict\ncolour: blue\n", 2, "colour"},
		"unknown in item": {"waivers:\n  - control: apigateway_stage_logging_enabled\n    reason: x\n    owner_email: a@b\n", 4, "owner_email"},
		"no reason":       {"waivers:\n  - control: apigateway_stage_logging_enabled\n    address: \"*\"\n", 2, "needs a reason"},
		"bad date":        {"waivers:\n  - control: apigateway_stage_logging_enabled\n    reason: x\n    expires: soon\n", 2, "not a date"},
		"unknown control": {"waivers:\n  - control: CKV_AWS_1\n    reason: x\n", 2, "unknown control"},
		"bad profile":     {"profile: lenient\n", 0, "profile must be"},
		"not yaml":        {"waivers: [\n", 0, ""},
	}
	for name, c := range cases {
		cfg, probs := LoadConfig(writeConfig(t, c.yaml))
		if cfg != nil || len(probs) == 0 {
			t.Errorf("%s: no error", name)
			continue
		}
		p := probs[0]
		if (c.line > 0 && p.Line != c.line) || !strings.Contains(p.Message, c.want) || p.Severity != "error" {
			t.Errorf("%s: %+v", name, p)
		}
	}
	cfg, probs := LoadConfig(writeConfig(t, "profile: strict\nfail_on: high\nframeworks: [pci-dss-v4]\nskip_dirs: [examples]\nwaivers:\n  - control: \"*\"\n    reason: legacy\n"))
	if cfg == nil || len(probs) > 0 || cfg.Profile != "strict" || cfg.Waivers[0].Address != "*" || cfg.Waivers[0].Line != 6 {
		t.Errorf("valid config: %+v %v", cfg, probs)
	}
	if cfg, probs := LoadConfig(writeConfig(t, "")); cfg == nil || len(probs) > 0 {
		t.Errorf("an empty file is an empty configuration: %v", probs)
	}
}

func TestFindConfigInParents(t *testing.T) {
	root := t.TempDir()
	os.WriteFile(filepath.Join(root, ConfigName), []byte("profile: strict\n"), 0o644)
	deep := filepath.Join(root, "envs", "prod")
	os.MkdirAll(deep, 0o755)
	if got := FindConfig(deep); got != filepath.Join(root, ConfigName) {
		t.Errorf("FindConfig = %q", got)
	}
}
