package planload

import (
	"strings"
	"testing"
)

func TestBadInputsSayWhy(t *testing.T) {
	cases := []struct {
		name, json, want string
		line             int
	}{
		{"malformed", "{\n  \"format_version\": \"1.2\",\n  \"planned_values\": {,\n}", "invalid JSON", 3},
		{"truncated", "{\n  \"format_version\": \"1.2\",\n  \"planned_values\": {", "truncated", 3},
		{"future plan", `{"format_version": "2.0", "planned_values": {}}`, "plan JSON format 2.0 is newer than this tfcomply reads", 0},
		{"old state", `{"format_version": "0.1", "values": {}}`, "state JSON format 0.1 was written by Terraform before 1.0", 0},
		{"raw state", `{"version": 4, "terraform_version": "1.5.0", "resources": []}`, "raw Terraform state file", 0},
		{"other json", `{"hello": "world"}`, "not a Terraform plan or state", 0},
		{"encrypted OpenTofu state", `{"serial": 1, "lineage": "x", "meta": {"key_provider.pbkdf2.default": "e30="}, "encrypted_data": "bm9wZQ==", "encryption_version": "v0"}`, "tofu show -json", 0},
		{"not an object", `[1, 2]`, "invalid JSON", 1},
		{"bad version", `{"format_version": "x.y", "values": {}}`, "invalid format_version", 0},
		{"wrong types", `{"format_version": "1.2", "resource_changes": "nope"}`, "cannot read the plan", 0},
	}
	for _, c := range cases {
		_, err := Read([]byte(c.json))
		if err == nil {
			t.Errorf("%s: no error", c.name)
			continue
		}
		if !strings.Contains(err.Error(), c.want) {
			t.Errorf("%s: %q does not say %q", c.name, err, c.want)
		}
		if ie, ok := err.(*InputError); c.line > 0 && (!ok || ie.Line != c.line) {
			t.Errorf("%s: error %#v, want line %d", c.name, err, c.line)
		}
	}
}

func TestDetectByContent(t *testing.T) {
	for src, want := range map[string]Kind{
		`{"format_version": "1.2", "planned_values": {"root_module": {}}}`: KindPlan,
		`{"format_version": "1.2", "resource_changes": []}`:                KindPlan,
		`{"format_version": "1.0", "values": {"root_module": {}}}`:         KindState,
		`{"format_version": "1.0"}`:                                        KindState,
	} {
		if got, err := Detect([]byte(src)); err != nil || got != want {
			t.Errorf("%s: %v %v, want %v", src, got, err, want)
		}
	}
}

func TestParseRef(t *testing.T) {
	steps := parseRef(`module.env["dev"].out`)
	if len(steps) != 3 || steps[1].name != "env" || steps[1].key != "dev" || steps[2].name != "out" {
		t.Errorf("%+v", steps)
	}
	steps = parseRef(`aws_x.y[2].arn`)
	if len(steps) != 3 || steps[1].key != 2 {
		t.Errorf("%+v", steps)
	}
	if got := specific([]string{"aws_x.y.id", "aws_x.y", "var.z"}); strings.Join(got, ",") != "aws_x.y.id,var.z" {
		t.Errorf("specific = %v", got)
	}
}
