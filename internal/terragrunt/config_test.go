package terragrunt

import (
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"github.com/tfcomply/tfcomply/internal/model"
	"github.com/tfcomply/tfcomply/internal/testtree"
	"github.com/zclconf/go-cty/cty"
	ctyjson "github.com/zclconf/go-cty/cty/json"
)

// writeTree writes files (path -> content) under a new directory, which
// is made a git work tree (the tree configuration may be read from).
func writeTree(t *testing.T, files map[string]string) string {
	t.Helper()
	dir := t.TempDir()
	if err := os.Mkdir(filepath.Join(dir, ".git"), 0o755); err != nil {
		t.Fatal(err)
	}
	testtree.Write(t, dir, files)
	return dir
}

// evalUnit reads the unit in dir (relative to the tree) and returns it with
// the problems its configuration has.
func evalUnit(t *testing.T, tree, dir string, environ ...string) (*unit, []model.Problem) {
	t.Helper()
	l := newLoader(filepath.Join(tree, dir), tree, environ)
	u := l.unit()
	u.inputs() // inputs add their own problems
	return u, l.problems()
}

// inputsJSON is the unit's merged inputs as JSON, unknown values as "?".
func inputsJSON(t *testing.T, u *unit) string {
	t.Helper()
	m := map[string]cty.Value{}
	for k, in := range u.inputs() {
		m[k] = known(in.Value)
	}
	v := cty.ObjectVal(m)
	b, err := ctyjson.Marshal(v, v.Type())
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// known replaces unknown values by "?", so a value can be shown as JSON.
func known(v cty.Value) cty.Value {
	v, _ = v.UnmarkDeep()
	out, _ := cty.Transform(v, func(_ cty.Path, v cty.Value) (cty.Value, error) {
		if !v.IsKnown() {
			return cty.StringVal("?"), nil
		}
		return v, nil
	})
	return out
}

func noErrors(t *testing.T, probs []model.Problem) {
	t.Helper()
	for _, p := range probs {
		if p.Severity == "error" {
			t.Errorf("error: %s:%d: %s", p.File, p.Line, p.Message)
		}
	}
}

func messages(probs []model.Problem) string {
	var b strings.Builder
	for _, p := range probs {
		b.WriteString(p.Severity + " " + p.File + ": " + p.Message + "\n")
	}
	return b.String()
}

const parentInputs = `
inputs = {
  only_parent = "p"
  both        = "parent"
  nested      = { a = "parent", b = "parent" }
  list        = ["parent"]
}
`

const childInputs = `
inputs = {
  both   = "child"
  nested = { a = "child" }
  list   = ["child"]
}
`

func TestIncludeMergeStrategies(t *testing.T) {
	for _, c := range []struct{ strategy, want string }{
		// Shallow (the default): keys merge, the child's value replaces the parent's whole.
		{"", `{"both":"child","list":["child"],"nested":{"a":"child"},"only_parent":"p"}`},
		{`merge_strategy = "shallow"`, `{"both":"child","list":["child"],"nested":{"a":"child"},"only_parent":"p"}`},
		// Deep: maps merge recursively, lists concatenate parent first.
		{`merge_strategy = "deep"`, `{"both":"child","list":["parent","child"],"nested":{"a":"child","b":"parent"},"only_parent":"p"}`},
		// No merge: only the child's own inputs.
		{`merge_strategy = "no_merge"`, `{"both":"child","list":["child"],"nested":{"a":"child"}}`},
	} {
		tree := writeTree(t, map[string]string{
			"root.hcl": parentInputs,
			"app/terragrunt.hcl": `include "root" {
  path = find_in_parent_folders("root.hcl")
  ` + c.strategy + `
}
` + childInputs,
		})
		u, probs := evalUnit(t, tree, "app")
		noErrors(t, probs)
		if got := inputsJSON(t, u); got != c.want {
			t.Errorf("%q:\n got %s\nwant %s", c.strategy, got, c.want)
		}
	}
}

// With several includes, the child wins, then the first include, and so on;
// a source set only in an included configuration is the unit's.
func TestSeveralIncludesAndInheritedSource(t *testing.T) {
	tree := writeTree(t, map[string]string{
		"root.hcl":    "inputs = { x = \"root\", y = \"root\", z = \"root\" }\nterraform {\n  source = \"${get_parent_terragrunt_dir()}/modules//api\"\n}\n",
		"env/env.hcl": `inputs = { y = "env", z = "env" }`,
		"env/app/terragrunt.hcl": `
include "env" {
  path = find_in_parent_folders("env.hcl")
}
include "root" {
  path = find_in_parent_folders("root.hcl")
}
inputs = { z = "child" }
`,
		"modules/api/main.tf": `variable "x" {}`,
	})
	u, probs := evalUnit(t, tree, "env/app")
	noErrors(t, probs)
	if got, want := inputsJSON(t, u), `{"x":"root","y":"env","z":"child"}`; got != want {
		t.Errorf("inputs %s, want %s", got, want)
	}
	dir, _, ok := u.moduleDir(nil)
	if !ok || dir != filepath.Join(tree, "modules", "api") {
		t.Errorf("module dir %q %v", dir, ok)
	}
}

func TestExposedInclude(t *testing.T) {
	tree := writeTree(t, map[string]string{
		"root.hcl": `
locals {
  region = "eu-west-1"
  name   = "root-${local.region}"
}
inputs = { team = "payments" }
remote_state {
  backend = "s3"
  config  = { bucket = "b", key = "${path_relative_to_include()}/tf.tfstate" }
}
`,
		"prod/app/terragrunt.hcl": `
include "root" {
  path   = find_in_parent_folders("root.hcl")
  expose = true
}
include "other" {
  path           = find_in_parent_folders("root.hcl")
  merge_strategy = "no_merge"
}
locals {
  region = include.root.locals.region
}
inputs = {
  region = local.region
  name   = include.root.locals.name
  team   = "${include.root.inputs.team}-prod"
  key    = include.root.remote_state.config.key
}
`,
	})
	u, probs := evalUnit(t, tree, "prod/app")
	noErrors(t, probs)
	want := `{"key":"prod/app/tf.tfstate","name":"root-eu-west-1","region":"eu-west-1","team":"payments-prod"}`
	if got := inputsJSON(t, u); got != want {
		t.Errorf("inputs %s, want %s", got, want)
	}
	// An include that is not exposed is not there.
	tree = writeTree(t, map[string]string{
		"root.hcl":           `locals { x = 1 }`,
		"app/terragrunt.hcl": "include \"root\" {\n  path = find_in_parent_folders(\"root.hcl\")\n}\ninputs = { x = include.root.locals.x }\n",
	})
	_, probs = evalUnit(t, tree, "app")
	if !strings.Contains(messages(probs), "error") {
		t.Errorf("include.root without expose: no error\n%s", messages(probs))
	}
}

func TestReadTerragruntConfig(t *testing.T) {
	tree := writeTree(t, map[string]string{
		"live/account.hcl": `
locals {
  account = "123456789012"
  here    = get_terragrunt_dir()
  origin  = get_original_terragrunt_dir()
}
dependency "net" {
  config_path  = "../net"
  mock_outputs = { vpc_id = "vpc-mock" }
}
inputs = { shared = "yes" }
`,
		"live/prod/app/terragrunt.hcl": `
locals {
  acct    = read_terragrunt_config(find_in_parent_folders("account.hcl"))
  missing = read_terragrunt_config("nope.hcl", { locals = { account = "default" } })
}
inputs = {
  account = local.acct.locals.account
  here    = local.acct.locals.here
  origin  = local.acct.locals.origin
  shared  = local.acct.inputs.shared
  deflt   = local.missing.locals.account
  vpc     = local.acct.dependency.net.outputs.vpc_id
}
`,
	})
	u, probs := evalUnit(t, tree, "live/prod/app")
	noErrors(t, probs)
	live := filepath.Join(tree, "live")
	app := filepath.Join(live, "prod", "app")
	in := u.inputs()
	for k, want := range map[string]string{"account": "123456789012", "here": live, "origin": app, "shared": "yes", "deflt": "default"} {
		if got := known(in[k].Value); got.Type() != cty.String || got.AsString() != want {
			t.Errorf("%s = %#v, want %q", k, got, want)
		}
	}
	vpc := in["vpc"].Value
	if vpc.IsKnown() {
		t.Errorf("a dependency output read through read_terragrunt_config is known: %#v", vpc)
	}
	if rs := model.UnknownReasons(vpc); len(rs) == 0 || !strings.Contains(rs[0], `dependency "net"`) || !strings.Contains(rs[0], "mock_outputs") {
		t.Errorf("reasons %q", rs)
	}
	// A file that reads itself is an error, not a loop.
	tree = writeTree(t, map[string]string{
		"app/terragrunt.hcl": "locals { me = read_terragrunt_config(\"terragrunt.hcl\") }\n",
	})
	_, probs = evalUnit(t, tree, "app")
	if !strings.Contains(messages(probs), "reads itself") {
		t.Errorf("no error for a file reading itself:\n%s", messages(probs))
	}
}

func TestPathFunctions(t *testing.T) {
	tree := writeTree(t, map[string]string{
		"terragrunt.hcl": `
inputs = {
  to_include   = path_relative_to_include()
  from_include = path_relative_from_include()
  tg_dir       = get_terragrunt_dir()
  parent_dir   = get_parent_terragrunt_dir()
}
`,
		"region.hcl": `locals { r = "us-east-1" }`,
		"prod/api/terragrunt.hcl": `
include "root" {
  path = find_in_parent_folders()
}
include "region" {
  path           = find_in_parent_folders("region.hcl")
  merge_strategy = "no_merge"
}
locals {
  named_to     = path_relative_to_include("region")
  named_from   = path_relative_from_include("root")
  named_parent = get_parent_terragrunt_dir("region")
  fallback     = find_in_parent_folders("nowhere.hcl", "fallback.hcl")
  from_repo    = get_path_from_repo_root()
  to_repo      = get_path_to_repo_root()
  repo         = get_repo_root()
}
inputs = {
  named_to     = local.named_to
  named_from   = local.named_from
  named_parent = local.named_parent
  fallback     = local.fallback
  from_repo    = local.from_repo
  to_repo      = local.to_repo
  repo         = local.repo
}
`,
	})
	u, probs := evalUnit(t, tree, "prod/api")
	noErrors(t, probs)
	api := filepath.Join(tree, "prod", "api")
	want := map[string]string{
		// In the included root (terragrunt.hcl, the old default name of
		// find_in_parent_folders()): relative to the unit including it.
		"to_include": "prod/api", "from_include": "../..", "tg_dir": api, "parent_dir": tree,
		// In the unit, by include name.
		"named_to": "prod/api", "named_from": "../..", "named_parent": tree,
		"fallback": "fallback.hcl", "from_repo": "prod/api", "to_repo": "../..", "repo": tree,
	}
	in := u.inputs()
	var keys []string
	for k := range want {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		if got := known(in[k].Value); got.Type() != cty.String || got.AsString() != want[k] {
			t.Errorf("%s = %#v, want %q", k, got, want[k])
		}
	}
	// Several includes: the path functions need a name in the unit.
	tree = writeTree(t, map[string]string{
		"a.hcl":              "",
		"b.hcl":              "",
		"app/terragrunt.hcl": "include \"a\" {\n  path = find_in_parent_folders(\"a.hcl\")\n}\ninclude \"b\" {\n  path = find_in_parent_folders(\"b.hcl\")\n}\ninputs = { p = path_relative_to_include() }\n",
	})
	_, probs = evalUnit(t, tree, "app")
	if !strings.Contains(messages(probs), "several include blocks") {
		t.Errorf("no error for an unnamed include among several:\n%s", messages(probs))
	}
}

// find_in_parent_folders looks only within the scanned tree, and fails
// without a fallback when nothing is found.
func TestFindInParentFoldersStaysInTheTree(t *testing.T) {
	outer := t.TempDir()
	os.WriteFile(filepath.Join(outer, "root.hcl"), []byte(`inputs = { leaked = "yes" }`), 0o644)
	tree := filepath.Join(outer, "repo")
	os.MkdirAll(filepath.Join(tree, ".git"), 0o755)
	os.MkdirAll(filepath.Join(tree, "app"), 0o755)
	os.WriteFile(filepath.Join(tree, "app", ConfigFile), []byte("include \"root\" {\n  path = find_in_parent_folders(\"root.hcl\")\n}\n"), 0o644)
	u, probs := evalUnit(t, tree, "app")
	if got := inputsJSON(t, u); got != "{}" {
		t.Errorf("inputs %s: a file outside the scanned tree was read", got)
	}
	if !strings.Contains(messages(probs), "no root.hcl in any folder above app") {
		t.Errorf("problems:\n%s", messages(probs))
	}
	// Without a name it looks for terragrunt.hcl, and says so when there
	// is a root.hcl instead.
	os.WriteFile(filepath.Join(tree, "root.hcl"), []byte(""), 0o644)
	os.WriteFile(filepath.Join(tree, "app", ConfigFile), []byte("include \"root\" {\n  path = find_in_parent_folders()\n}\n"), 0o644)
	_, probs = evalUnit(t, tree, "app")
	if !strings.Contains(messages(probs), `no terragrunt.hcl in any folder above app (within the scanned tree): without a name, find_in_parent_folders() looks for terragrunt.hcl; to include root.hcl, name it`) {
		t.Errorf("problems:\n%s", messages(probs))
	}
	// Named outright, it is refused too.
	os.WriteFile(filepath.Join(tree, "app", ConfigFile), []byte("include \"root\" {\n  path = \"../../root.hcl\"\n}\n"), 0o644)
	u, probs = evalUnit(t, tree, "app")
	if got := inputsJSON(t, u); got != "{}" || !strings.Contains(messages(probs), "outside the scanned tree") {
		t.Errorf("inputs %s, problems:\n%s", got, messages(probs))
	}
}

func TestGetEnv(t *testing.T) {
	tree := writeTree(t, map[string]string{
		"app/terragrunt.hcl": `
inputs = {
  set      = get_env("TG_TEST_SET")
  default  = get_env("TG_TEST_UNSET", "fallback")
  override = get_env("TG_TEST_SET", "unused")
  missing  = get_env("TG_TEST_UNSET")
}
`,
	})
	u, probs := evalUnit(t, tree, "app", "TG_TEST_SET=from-env")
	noErrors(t, probs)
	if got, want := inputsJSON(t, u), `{"default":"fallback","missing":"?","override":"from-env","set":"from-env"}`; got != want {
		t.Errorf("inputs %s, want %s", got, want)
	}
	if rs := model.UnknownReasons(u.inputs()["missing"].Value); len(rs) == 0 || !strings.Contains(rs[0], "TG_TEST_UNSET") {
		t.Errorf("reasons %q", rs)
	}
	if !strings.Contains(messages(probs), "warning") || !strings.Contains(messages(probs), "TG_TEST_UNSET is not set") {
		t.Errorf("no warning for get_env without a default:\n%s", messages(probs))
	}
}

func TestDependencyOutputsAreUnknown(t *testing.T) {
	tree := writeTree(t, map[string]string{
		"app/terragrunt.hcl": `
dependency "logs" {
  config_path = "../logs"
  mock_outputs = {
    arn = "arn:aws:logs:us-east-1:123456789012:log-group:mock"
  }
  mock_outputs_allowed_terraform_commands = ["plan", "validate"]
}
dependency "vpc" {
  config_path = "../vpc"
}
inputs = {
  log_arn  = dependency.logs.outputs.arn
  vpc_id   = dependency.vpc.outputs.id
  vpc_path = dependency.vpc.config_path
}
`,
	})
	u, probs := evalUnit(t, tree, "app")
	noErrors(t, probs)
	in := u.inputs()
	if p, _ := in["vpc_path"].Value.Unmark(); !p.IsKnown() || p.Type() != cty.String || p.AsString() != "../vpc" {
		t.Errorf("dependency.vpc.config_path = %#v, want its own, ../vpc", p)
	}
	arn := in["log_arn"].Value
	if arn.IsKnown() {
		t.Fatalf("log_arn is known: %#v (mock_outputs used?)", arn)
	}
	rs := model.UnknownReasons(arn)
	if len(rs) != 1 || !strings.Contains(rs[0], `dependency "logs" (config_path "../logs")`) || !strings.Contains(rs[0], "mock_outputs are placeholders") || !strings.Contains(rs[0], "not real values") {
		t.Errorf("log_arn reasons %q", rs)
	}
	rs = model.UnknownReasons(in["vpc_id"].Value)
	if len(rs) != 1 || !strings.Contains(rs[0], `dependency "vpc"`) || strings.Contains(rs[0], "mock_outputs") {
		t.Errorf("vpc_id reasons %q", rs)
	}
}

// Nothing is executed: run_cmd and the AWS functions are unknown, with a
// warning where they are called; in blocks tfcomply ignores, silently.
func TestCommandsAreNotRun(t *testing.T) {
	marker := filepath.Join(t.TempDir(), "ran")
	tree := writeTree(t, map[string]string{
		"app/terragrunt.hcl": `
inputs = {
  out     = run_cmd("sh", "-c", "touch ` + marker + `; echo hi")
  account = get_aws_account_id()
}
remote_state {
  backend = "s3"
  config  = { bucket = run_cmd("sh", "-c", "touch ` + marker + `") }
}
`,
	})
	u, probs := evalUnit(t, tree, "app")
	if _, err := os.Stat(marker); err == nil {
		t.Fatal("run_cmd ran a command")
	}
	if got, want := inputsJSON(t, u), `{"account":"?","out":"?"}`; got != want {
		t.Errorf("inputs %s, want %s", got, want)
	}
	msgs := messages(probs)
	if strings.Count(msgs, "run_cmd() is not evaluated") != 1 || !strings.Contains(msgs, "get_aws_account_id() is not evaluated") {
		t.Errorf("warnings:\n%s", msgs)
	}
}

func TestNestedIncludeIsAnError(t *testing.T) {
	tree := writeTree(t, map[string]string{
		"top.hcl":                `inputs = { top = 1 }`,
		"mid/mid.hcl":            "include \"top\" {\n  path = find_in_parent_folders(\"top.hcl\")\n}\ninputs = { mid = 1 }\n",
		"mid/app/terragrunt.hcl": "include \"mid\" {\n  path = find_in_parent_folders(\"mid.hcl\")\n}\n",
	})
	u, probs := evalUnit(t, tree, "mid/app")
	if !strings.Contains(messages(probs), "only one level of includes") {
		t.Errorf("problems:\n%s", messages(probs))
	}
	if got := inputsJSON(t, u); got != `{"mid":1}` {
		t.Errorf("inputs %s", got)
	}
}

func TestLocalsReferToEachOther(t *testing.T) {
	tree := writeTree(t, map[string]string{
		"app/terragrunt.hcl": `
locals {
  c = "${local.b}-c"
  b = "${local.a}-b"
  a = basename(get_terragrunt_dir())
  x = local.y
  y = local.x
}
inputs = { c = local.c }
`,
	})
	u, probs := evalUnit(t, tree, "app")
	if got := inputsJSON(t, u); got != `{"c":"app-b-c"}` {
		t.Errorf("inputs %s", got)
	}
	if !strings.Contains(messages(probs), "cycle") {
		t.Errorf("no error for locals in a cycle:\n%s", messages(probs))
	}
}

func TestFeatureDefaults(t *testing.T) {
	tree := writeTree(t, map[string]string{
		"app/terragrunt.hcl": "feature \"logs\" {\n  default = true\n}\ninputs = { logs = feature.logs.value }\n",
	})
	u, probs := evalUnit(t, tree, "app")
	noErrors(t, probs)
	if got := inputsJSON(t, u); got != `{"logs":true}` {
		t.Errorf("inputs %s", got)
	}
}

func TestParseSource(t *testing.T) {
	for _, c := range []struct {
		src, path, sub string
		local          bool
	}{
		{"../modules/api", "../modules/api", "", true},
		{"../modules//api", "../modules", "api", true},
		{"/abs/live/../modules//api?ref=x", "/abs/live/../modules", "api", true},
		{"file:///abs/modules//api", "/abs/modules", "api", true},
		{"file::../m", "../m", "", true},
		{"git::https://github.com/acme/modules.git//api?ref=v1.0.0", "", "", false},
		{"tfr:///terraform-aws-modules/apigateway-v2/aws?version=5.2.1", "", "", false},
		{"github.com/acme/modules//api", "", "", false},
		{"git@github.com:acme/modules.git//api", "", "", false},
		{"https://example.com/m.zip", "", "", false},
		{"s3::https://s3-eu-west-1.amazonaws.com/b/m.zip", "", "", false},
		{"acme-modules.s3.amazonaws.com/m.zip", "", "", false},
	} {
		local, path, sub := parseSource(c.src)
		if local != c.local || path != c.path || sub != c.sub {
			t.Errorf("%s: %v %q %q, want %v %q %q", c.src, local, path, sub, c.local, c.path, c.sub)
		}
	}
}
