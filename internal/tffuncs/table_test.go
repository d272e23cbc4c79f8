package tffuncs

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/hclsyntax"
	"github.com/zclconf/go-cty/cty"
	"github.com/zclconf/go-cty/cty/function"
)

func eval(t *testing.T, src string) (cty.Value, hcl.Diagnostics) {
	t.Helper()
	expr, diags := hclsyntax.ParseExpression([]byte(src), "test", hcl.InitialPos)
	if diags.HasErrors() {
		t.Fatalf("%s: %s", src, diags)
	}
	return expr.Value(&hcl.EvalContext{Functions: testTable(t)})
}

// testTable is the function table over a new directory holding a file and
// a template.
func testTable(t *testing.T) map[string]function.Function {
	dir := t.TempDir()
	os.WriteFile(filepath.Join(dir, "hello.txt"), []byte("hello"), 0o644)
	os.WriteFile(filepath.Join(dir, "greet.tftpl"), []byte("%{ for n in names }hi ${n}\n%{ endfor }"), 0o644)
	return Table(FileAccess{BaseDir: dir, Allowed: []string{dir}})
}

// Every function written here (the ones go-cty and go-cty-funcs lack), and
// the Terraform behaviours the library versions differ on.
func TestFunctions(t *testing.T) {
	cases := []struct{ expr, want string }{
		{`length("héllo")`, `5`},
		{`length([1, 2, 3])`, `3`},
		{`length({a = 1})`, `1`},
		{`alltrue([true, true])`, `true`},
		{`alltrue([true, false])`, `false`},
		{`alltrue([])`, `true`},
		{`anytrue([false, true])`, `true`},
		{`anytrue([])`, `false`},
		{`sum([1, 2, 3.5])`, `6.5`},
		{`one([])`, `null`},
		{`one(["x"])`, `x`},
		{`index(["a", "b", "c"], "b")`, `1`},
		{`matchkeys(["i-1", "i-2", "i-3"], ["us", "eu", "us"], ["us"])`, `i-1,i-3`},
		{`transpose({a = ["1", "2"], b = ["2"]})["2"]`, `a,b`},
		{`startswith("arn:aws:logs", "arn:")`, `true`},
		{`endswith("stream", "am")`, `true`},
		{`strcontains("log-group", "group")`, `true`},
		{`replace("a-b-c", "-", "_")`, `a_b_c`},
		{`replace("v1.2.3", "/v(\\d+).*/", "$1")`, `1`},
		{`lookup({a = "x"}, "a")`, `x`},
		{`lookup({a = "x"}, "b", "dflt")`, `dflt`},
		{`length(list("a", "b"))`, `2`},
		{`map("k", "v")["k"]`, `v`},
		{`textdecodebase64(textencodebase64("hé", "UTF-16LE"), "UTF-16LE")`, `hé`},
		{`base64decode(base64encode("x"))`, `x`},
		{`base64sha256("hello")`, `LPJNul+wow4m6DsqxbninhsWHlwfp0JecwQzYpOLmCQ=`},
		{`filesha256("hello.txt")`, `2cf24dba5fb0a30e26e83b2ac5b9e29e1b161e5c1fa7425e73043362938b9824`},
		{`filebase64sha256("hello.txt")`, `LPJNul+wow4m6DsqxbninhsWHlwfp0JecwQzYpOLmCQ=`},
		{`file("hello.txt")`, `hello`},
		{`templatefile("greet.tftpl", { names = ["a", "b"] })`, "hi a\nhi b\n"},
		{`templatestring("x=$${v}", { v = 1 })`, `x=1`},
		{`timecmp("2024-01-01T00:00:00Z", "2023-01-01T00:00:00Z")`, `1`},
		{`tostring(sensitive("s"))`, `s`},
		{`issensitive("s")`, `false`},
		{`can(regex("^a", "abc"))`, `true`},
		{`try(tonumber("x"), 7)`, `7`},
		{`cidrsubnet("10.0.0.0/16", 8, 2)`, `10.0.2.0/24`},
		{`yamldecode("a: 1").a`, `1`},
		{`jsonencode({b = [1]})`, `{"b":[1]}`},
		{`coalesce("", "x")`, `x`},
		{`coalesce(null, 2, 3)`, `2`},
		{`flatten([[1], [2, 3]])[2]`, `3`},
	}
	for _, c := range cases {
		v, diags := eval(t, c.expr)
		if diags.HasErrors() {
			t.Errorf("%s: %s", c.expr, diags)
			continue
		}
		if got := show(v); got != c.want {
			t.Errorf("%s = %q, want %q", c.expr, got, c.want)
		}
	}
}

func TestApplyTimeFunctionsAreUnknown(t *testing.T) {
	for _, src := range []string{`timestamp()`, `plantimestamp()`, `uuid()`} {
		v, diags := eval(t, src)
		if diags.HasErrors() || v.IsKnown() {
			t.Errorf("%s should be unknown: %#v %s", src, v, diags)
		}
	}
}

// coalesce's result is never null, even when unknown.
func TestCoalesceIsNeverNull(t *testing.T) {
	expr, _ := hclsyntax.ParseExpression([]byte(`coalesce(null, x) != null`), "t", hcl.InitialPos)
	v, diags := expr.Value(&hcl.EvalContext{Functions: testTable(t), Variables: map[string]cty.Value{"x": cty.UnknownVal(cty.String)}})
	if diags.HasErrors() || !v.IsKnown() || !v.True() {
		t.Errorf("coalesce(null, unknown) != null = %#v %s", v, diags)
	}
}

func TestFunctionErrors(t *testing.T) {
	for _, src := range []string{`one([1, 2])`, `index(["a"], "z")`, `lookup({a = 1}, "b")`, `sum([])`, `map("odd")`, `coalesce(null, "")`} {
		if _, diags := eval(t, src); !diags.HasErrors() {
			t.Errorf("%s should fail", src)
		}
	}
}

func show(v cty.Value) string {
	v, _ = v.UnmarkDeep()
	switch {
	case v.IsNull():
		return "null"
	case v.Type() == cty.String:
		return v.AsString()
	case v.Type() == cty.Number:
		return v.AsBigFloat().Text('f', -1)
	case v.Type() == cty.Bool:
		if v.True() {
			return "true"
		}
		return "false"
	case v.CanIterateElements():
		var parts []string
		for it := v.ElementIterator(); it.Next(); {
			_, e := it.Element()
			parts = append(parts, show(e))
		}
		return strings.Join(parts, ",")
	}
	return v.GoString()
}
