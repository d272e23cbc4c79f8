package hclload

import (
	"bytes"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/hclsyntax"
)

// hclSources is what parsing gives: the reference moduleSources must equal.
func hclSources(t *testing.T, src []byte) []string {
	t.Helper()
	return NewFiles().parsedSources(filepath.Join(t.TempDir(), "x.tf"), false, src)
}

func TestModuleSourcesCases(t *testing.T) {
	for _, c := range []struct {
		name, src string
		want      []string
		read      bool // false: moduleSources leaves the file to hcl
	}{
		{"plain", "module \"a\" {\n  source = \"./a\"\n}\n", []string{"./a"}, true},
		{"several, with other blocks", "resource \"x\" \"y\" {\n  a = \"}\"\n}\nmodule \"a\" {\n  source = \"../a\" # why\n  count  = 2\n  providers = {\n    aws = aws.x\n  }\n}\nmodule b {\n  version = \"1.0\"\n  source = \"reg/x/aws\"\n}\n", []string{"../a", "reg/x/aws"}, true},
		{"single line", "module \"a\" { source = \"./a\" }\n", []string{"./a"}, true},
		{"no source", "module \"a\" {\n}\n", nil, true},
		{"crlf", "module \"a\" {\r\n  source = \"./a\"\r\n}\r\n", []string{"./a"}, true},
		{"in a comment", "# module \"a\" {\n/* module \"b\" {\n source = \"./b\"\n} */\nlocals {\n  x = 1 // module \"c\" {\n}\n", nil, true},
		{"braces in strings and templates", "locals {\n  a = \"${jsonencode({x = \"}\"})}\"\n  b = \"$${not}\"\n  c = \"%{ if true }}%{ endif }\"\n}\nmodule \"a\" {\n  source = \"./a\"\n}\n", []string{"./a"}, true},
		{"heredoc", "locals {\n  a = <<-EOT\n    module \"x\" {\n    }\n    }\n  EOT\n}\nmodule \"a\" {\n  source = \"./a\"\n}\n", []string{"./a"}, true},
		{"nested module block is not a call", "resource \"x\" \"y\" {\n  module \"z\" {\n    source = \"./z\"\n  }\n}\n", nil, true},
		{"module argument", "module = {\n  source = \"./a\"\n}\n", nil, true},
		{"interpolated source", "module \"a\" {\n  source = \"./${local.x}\"\n}\n", nil, false},
		{"escaped source", "module \"a\" {\n  source = \"./a\\u0062\"\n}\n", []string{"./ab"}, false},
		{"expression source", "module \"a\" {\n  source = \"./a\" # ok\n}\nmodule \"b\" {\n  source = true ? \"./b\" : \"./c\"\n}\n", nil, false},
		{"unclosed", "module \"a\" {\n  source = \"./a\"\n", nil, false},
		{"two labels", "module \"a\" \"b\" {\n  source = \"./a\"\n}\n", nil, false},
	} {
		t.Run(c.name, func(t *testing.T) {
			got, read := moduleSources([]byte(c.src))
			if read != c.read || !reflect.DeepEqual(got, c.want) && read {
				t.Errorf("moduleSources = %q, %v; want %q, %v", got, read, c.want, c.read)
			}
			if ref := hclSources(t, []byte(c.src)); read && !reflect.DeepEqual(got, ref) {
				t.Errorf("hcl reads %q", ref)
			}
		})
	}
}

// Every file of the repository and of the corpus that moduleSources reads
// gives what parsing gives, and it reads nearly all of them.
func TestModuleSourcesAgreeWithHCL(t *testing.T) {
	for _, tree := range sourceTrees() {
		read, left := 0, 0
		for _, path := range treeConfigFiles(tree) {
			src, err := os.ReadFile(path)
			if err != nil || !bytes.Contains(src, []byte("module")) || notText(src) != "" {
				continue
			}
			got, ok := moduleSources(src)
			if !ok {
				left++
				continue
			}
			read++
			if want := hclSources(t, src); !reflect.DeepEqual(got, want) {
				t.Errorf("%s: moduleSources %q, hcl %q", path, got, want)
			}
		}
		t.Logf("%s: %d files read, %d left to hcl", tree, read, left)
		if read == 0 || left*10 > read {
			t.Errorf("%s: %d files read, %d left to hcl: the scan should read nearly all", tree, read, left)
		}
	}
}

// On any file LocalCalls reads (text that mentions module) and hcl parses
// without error, whatever moduleSources reads is what hcl gives.
func FuzzModuleSources(f *testing.F) {
	for _, seed := range []string{
		"module \"a\" {\n  source = \"./a\"\n}\n",
		"module \"a\" { source = \"./a\" }\n",
		"locals {\n  a = <<-EOT\n    module \"x\" {\n    }\n  EOT\n}\nmodule \"b\" {\n  source = \"../b\" # c\n  count = 1\n}\n",
		"resource \"x\" \"y\" {\n  a = \"${jsonencode({x = \"}\"})}\"\n}\nmodule c {\n  source = \"./c\"\n}\n",
		"/* module \"a\" { */\nmodule \"d\" {\n  providers = {\n    aws = aws.x\n  }\n  source = \"./d\"\n}\n",
	} {
		f.Add(seed)
	}
	f.Fuzz(func(t *testing.T, src string) {
		if !strings.Contains(src, "module") || notText([]byte(src)) != "" {
			return // LocalCalls reads no further
		}
		got, read := moduleSources([]byte(src))
		if !read {
			return
		}
		file, diags := hclsyntax.ParseConfig([]byte(src), "x.tf", hcl.InitialPos)
		if diags.HasErrors() || file == nil {
			return
		}
		if want := hclSources(t, []byte(src)); !reflect.DeepEqual(got, want) && !(len(got) == 0 && len(want) == 0) {
			t.Fatalf("moduleSources %q, hcl %q", got, want)
		}
	})
}
