package modfetch

import (
	"strings"
	"testing"
)

func TestParseSource(t *testing.T) {
	cases := []struct {
		raw  string
		want Source
		pkg  string // Package()
	}{
		{"terraform-aws-modules/apigateway-v2/aws", Source{Kind: Registry, Host: "registry.terraform.io", Namespace: "terraform-aws-modules", Name: "apigateway-v2", Provider: "aws"},
			"terraform-aws-modules/apigateway-v2/aws"},
		{"registry.terraform.io/hashicorp/consul/aws//modules/consul-cluster", Source{Kind: Registry, Host: "registry.terraform.io", Namespace: "hashicorp", Name: "consul", Provider: "aws", Subdir: "modules/consul-cluster"},
			"hashicorp/consul/aws"},
		{"App.Terraform.io/example-corp/k8s-cluster/azurerm", Source{Kind: Registry, Host: "app.terraform.io", Namespace: "example-corp", Name: "k8s-cluster", Provider: "azurerm"},
			"app.terraform.io/example-corp/k8s-cluster/azurerm"},
		{"127.0.0.1:8080/ns/name/aws", Source{Kind: Registry, Host: "127.0.0.1:8080", Namespace: "ns", Name: "name", Provider: "aws"},
			"127.0.0.1:8080/ns/name/aws"},
		{"github.com/hashicorp/example", Source{Kind: Git, URL: "https://github.com/hashicorp/example.git"},
			"git::https://github.com/hashicorp/example.git"},
		{"github.com/hashicorp/example//modules/x?ref=v1.2.0", Source{Kind: Git, URL: "https://github.com/hashicorp/example.git", Ref: "v1.2.0", Subdir: "modules/x"},
			"git::https://github.com/hashicorp/example.git?ref=v1.2.0"},
		{"github.com/hashicorp/example/modules/x", Source{Kind: Git, URL: "https://github.com/hashicorp/example.git", Subdir: "modules/x"}, ""},
		{"bitbucket.org/hashicorp/tf-test-git", Source{Kind: Git, URL: "https://bitbucket.org/hashicorp/tf-test-git.git"}, ""},
		{"git@github.com:hashicorp/example.git", Source{Kind: Git, URL: "git@github.com:hashicorp/example.git"}, ""},
		{"git::https://example.com/vpc.git", Source{Kind: Git, URL: "https://example.com/vpc.git"}, ""},
		{"git::ssh://username@example.com/storage.git", Source{Kind: Git, URL: "ssh://username@example.com/storage.git"}, ""},
		{"git::username@example.com:storage.git?ref=v1", Source{Kind: Git, URL: "username@example.com:storage.git", Ref: "v1"}, ""},
		{"git::https://example.com/network.git//modules/vpc?ref=v1.2.0&depth=1", Source{Kind: Git, URL: "https://example.com/network.git", Ref: "v1.2.0", Depth: 1, Subdir: "modules/vpc"}, ""},
		// A query written before the "//" still belongs to the URL.
		{"git::https://example.com/network.git?ref=v1.2.0//modules/vpc", Source{Kind: Git, URL: "https://example.com/network.git", Ref: "v1.2.0", Subdir: "modules/vpc"}, ""},
		{"git::file:///srv/repos/mod.git?ref=v1.2.0", Source{Kind: Git, URL: "file:///srv/repos/mod.git", Ref: "v1.2.0"}, ""},
		{"git::https://user:s3cret@example.com/vpc.git", Source{Kind: Git, URL: "https://user:s3cret@example.com/vpc.git"},
			"git::https://user:xxxxx@example.com/vpc.git"},
		{"https://example.com/vpc-module.zip", Source{Kind: HTTP, URL: "https://example.com/vpc-module.zip", Archive: "zip"}, ""},
		{"https://example.com/vpc-module.tgz//sub", Source{Kind: HTTP, URL: "https://example.com/vpc-module.tgz", Archive: "tar.gz", Subdir: "sub"}, ""},
		{"https://example.com/vpc-module?archive=zip", Source{Kind: HTTP, URL: "https://example.com/vpc-module", Archive: "zip"}, ""},
		{"https://example.com/module-page", Source{Kind: HTTP, URL: "https://example.com/module-page"}, ""},
		{"s3::https://s3-eu-west-1.amazonaws.com/examplecorp-terraform-modules/vpc.zip", Source{Kind: Unsupported}, ""},
		{"examplecorp-terraform-modules.s3.amazonaws.com/vpc.zip", Source{Kind: Unsupported}, ""},
		{"https://examplecorp.s3.us-west-2.amazonaws.com/vpc.zip", Source{Kind: Unsupported}, ""},
		{"gcs::https://www.googleapis.com/storage/v1/modules/foomodule.zip", Source{Kind: Unsupported}, ""},
		{"www.googleapis.com/storage/v1/modules/foomodule.zip", Source{Kind: Unsupported}, ""},
		{"hg::http://example.com/vpc.hg", Source{Kind: Unsupported}, ""},
		{"/opt/modules/vpc", Source{Kind: Unsupported}, ""},
		{"git::https://example.com/vpc.git?sshkey=AAAA", Source{Kind: Unsupported}, ""},
	}
	for _, c := range cases {
		got, err := ParseSource(c.raw)
		if err != nil {
			t.Errorf("%s: %v", c.raw, err)
			continue
		}
		got.Raw, got.Why = "", ""
		if got.Kind == Unsupported {
			got = Source{Kind: Unsupported}
		}
		if got != c.want {
			t.Errorf("%s:\n got %+v\nwant %+v", c.raw, got, c.want)
		}
		if c.pkg != "" && got.Package() != c.pkg {
			t.Errorf("%s: Package() = %q, want %q", c.raw, got.Package(), c.pkg)
		}
	}
}

func TestParseSourceErrors(t *testing.T) {
	for _, raw := range []string{"", "./local", "../up", "not a source", "hashicorp/consul", "git::-oProxyCommand=x", "git::https://example.com/x.git?ref=--upload-pack=x", "git::ext::sh -c touch% /tmp/pwned"} {
		if s, err := ParseSource(raw); err == nil && s.Kind != Unsupported {
			t.Errorf("%q parsed as %+v; want an error", raw, s)
		}
	}
}

func TestUnsupportedSaysWhat(t *testing.T) {
	for raw, want := range map[string]string{
		"s3::https://s3-eu-west-1.amazonaws.com/bucket/vpc.zip": "S3",
		"gcs::https://www.googleapis.com/storage/v1/b/m.zip":    "GCS",
		"hg::http://example.com/vpc.hg":                         "Mercurial",
	} {
		s, _ := ParseSource(raw)
		if s.Kind != Unsupported || !strings.Contains(s.Why, want) {
			t.Errorf("%s: %+v, want unsupported naming %s", raw, s, want)
		}
	}
}

func TestSameSource(t *testing.T) {
	same := [][2]string{
		{"terraform-aws-modules/vpc/aws", "registry.terraform.io/terraform-aws-modules/vpc/aws"},
		{"Terraform-AWS-Modules/vpc/aws", "registry.terraform.io/terraform-aws-modules/vpc/aws"},
		{"github.com/a/b", "git::https://github.com/a/b.git"},
		{"git::https://e.com/x.git//m?ref=v1", "git::https://e.com/x.git?ref=v1//m"},
	}
	for _, p := range same {
		if !SameSource(p[0], p[1]) {
			t.Errorf("%q and %q should be the same source", p[0], p[1])
		}
	}
	differ := [][2]string{
		{"terraform-aws-modules/vpc/aws", "terraform-aws-modules/vpc/google"},
		{"terraform-aws-modules/vpc/aws//modules/a", "terraform-aws-modules/vpc/aws//modules/b"},
		{"git::https://e.com/x.git?ref=v1", "git::https://e.com/x.git?ref=v2"},
		{"s3::https://s3.amazonaws.com/b/x.zip", "s3::https://s3.amazonaws.com/b/y.zip"},
	}
	for _, p := range differ {
		if SameSource(p[0], p[1]) {
			t.Errorf("%q and %q should differ", p[0], p[1])
		}
	}
}

func TestNewestMatching(t *testing.T) {
	versions := []string{"1.0.0", "1.2.0", "1.2.7", "1.10.1", "2.0.0", "2.1.0-beta1", "not-a-version"}
	cases := map[string]string{
		"":                  "2.0.0",
		"~> 1.2":            "1.10.1",
		"~> 1.2.0":          "1.2.7",
		">= 1.0, < 2.0.0":   "1.10.1",
		"1.2.0":             "1.2.0",
		"= 1.0.0":           "1.0.0",
		"!= 2.0.0, >= 1.10": "1.10.1",
		"> 2.0.0":           "",
		"2.1.0-beta1":       "2.1.0-beta1",
	}
	for c, want := range cases {
		con, err := parseConstraint(c)
		if err != nil {
			t.Fatalf("%q: %v", c, err)
		}
		if got := newestMatching(versions, con); got != want {
			t.Errorf("newest matching %q = %q, want %q", c, got, want)
		}
	}
	if _, err := parseConstraint("~> banana"); err == nil {
		t.Error("a constraint that does not parse is an error")
	}
}
