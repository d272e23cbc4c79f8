package tffuncs

import (
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
	"time"

	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/hclsyntax"
	"github.com/tfcomply/tfcomply/internal/model"
	"github.com/zclconf/go-cty/cty"
)

const secret = "TOPSECRET-4242"

// sandbox is a scanned tree and, beside it, a directory outside it that
// holds a secret.
type sandbox struct {
	tree, outside, secretPath string
	fa                        FileAccess
	warnings                  []string
}

func newSandbox(t *testing.T, files map[string]string) *sandbox {
	t.Helper()
	s := &sandbox{tree: t.TempDir(), outside: t.TempDir()}
	s.secretPath = filepath.Join(s.outside, "secret.txt")
	write(t, s.secretPath, secret)
	for name, content := range files {
		write(t, filepath.Join(s.tree, filepath.FromSlash(name)), content)
	}
	s.fa = FileAccess{BaseDir: s.tree, Allowed: []string{s.tree},
		Warn: func(path, why string) { s.warnings = append(s.warnings, path+": "+why) }}
	return s
}

func write(t *testing.T, path, content string) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, []byte(content), 0o644); err != nil {
		t.Fatal(err)
	}
}

// eval evaluates src with the sandbox's functions; a function error fails
// the test (the file functions never fail on a file they do not read).
func (s *sandbox) eval(t *testing.T, src string, vars map[string]cty.Value) cty.Value {
	t.Helper()
	expr, diags := hclsyntax.ParseExpression([]byte(src), "test", hcl.InitialPos)
	if diags.HasErrors() {
		t.Fatalf("%s: %s", src, diags)
	}
	v, diags := expr.Value(&hcl.EvalContext{Functions: Table(s.fa), Variables: vars})
	if diags.HasErrors() {
		t.Fatalf("%s: %s", src, diags)
	}
	return v
}

// refused checks that v is an unknown of type ty that says why, that the
// reason was passed to Warn, and that the secret appears nowhere.
func (s *sandbox) refused(t *testing.T, src string, v cty.Value, ty cty.Type, why string) {
	t.Helper()
	if v.IsKnown() {
		t.Errorf("%s = %#v, want unknown", src, v)
		return
	}
	if !v.Type().Equals(ty) {
		t.Errorf("%s has type %#v, want %#v", src, v.Type(), ty)
	}
	reasons := strings.Join(model.UnknownReasons(v), "; ")
	if !strings.Contains(reasons, "was not read: ") || !strings.Contains(reasons, why) {
		t.Errorf("%s: reasons %q do not say %q", src, reasons, why)
	}
	if !strings.Contains(strings.Join(s.warnings, "\n"), why) {
		t.Errorf("%s: warnings %q do not say %q", src, s.warnings, why)
	}
	s.noSecret(t, src, v)
}

func (s *sandbox) noSecret(t *testing.T, src string, v cty.Value) {
	t.Helper()
	if text := fmt.Sprintf("%#v %q %q", v, model.UnknownReasons(v), s.warnings); strings.Contains(text, secret) {
		t.Errorf("%s: the secret leaked: %s", src, text)
	}
}

func TestFilesInsideTheTreeAreRead(t *testing.T) {
	s := newSandbox(t, map[string]string{"hello.txt": "hello", "sub/a.txt": "a", "sub/deeper/b.txt": "b", "sub/c.json": "{}"})
	if err := os.Symlink("hello.txt", filepath.Join(s.tree, "link.txt")); err != nil {
		t.Fatal(err)
	}
	abs := filepath.ToSlash(filepath.Join(s.tree, "sub", "a.txt"))
	cases := []struct{ expr, want string }{
		{`file("hello.txt")`, `hello`},
		{`file("./sub/../hello.txt")`, `hello`},
		{`file("` + abs + `")`, `a`},
		{`file("link.txt")`, `hello`},
		{`filebase64("hello.txt")`, `aGVsbG8=`},
		{`filemd5("hello.txt")`, `5d41402abc4b2a76b9719d911017c592`},
		{`filesha1("hello.txt")`, `aaf4c61ddcc5e8a2dabede0f3b482cd9aea9434d`},
		{`fileexists("hello.txt")`, `true`},
		{`fileexists("nope.txt")`, `false`},
		{`fileset(".", "**/*.txt")`, `hello.txt,link.txt,sub/a.txt,sub/deeper/b.txt`},
		{`fileset("sub", "*.txt")`, `a.txt`},
		{`fileset("sub", "{*.json,deeper/*}")`, `c.json,deeper/b.txt`},
		{`fileset("missing", "*")`, ``},
	}
	for _, c := range cases {
		if got := show(s.eval(t, c.expr, nil)); got != c.want {
			t.Errorf("%s = %q, want %q", c.expr, got, c.want)
		}
	}
	if len(s.warnings) > 0 {
		t.Errorf("unexpected warnings: %q", s.warnings)
	}
}

func TestFilesOutsideTheTreeAreNotRead(t *testing.T) {
	s := newSandbox(t, map[string]string{"main.tf": ""})
	sp := filepath.ToSlash(s.secretPath)
	rel, _ := filepath.Rel(s.tree, s.secretPath)
	rel = filepath.ToSlash(rel)
	for _, c := range []struct {
		expr string
		ty   cty.Type
	}{
		{`file("` + sp + `")`, cty.String},
		{`file("` + rel + `")`, cty.String},
		{`file("/etc/hostname")`, cty.String},
		{`file("/etc/../etc/hostname")`, cty.String},
		{`file("~/.aws/credentials")`, cty.String},
		{`filebase64("` + sp + `")`, cty.String},
		{`filemd5("` + sp + `")`, cty.String},
		{`filesha1("` + sp + `")`, cty.String},
		{`filesha256("` + sp + `")`, cty.String},
		{`filesha512("` + sp + `")`, cty.String},
		{`filebase64sha256("` + sp + `")`, cty.String},
		{`filebase64sha512("` + sp + `")`, cty.String},
		{`fileexists("` + sp + `")`, cty.Bool},
		{`fileset("` + filepath.ToSlash(s.outside) + `", "*")`, cty.Set(cty.String)},
		{`templatefile("` + sp + `", {})`, cty.DynamicPseudoType},
	} {
		s.refused(t, c.expr, s.eval(t, c.expr, nil), c.ty, "outside the scanned tree")
	}
	v := s.eval(t, `file("/etc/hostname")`, nil)
	if want := `file("/etc/hostname") was not read: outside the scanned tree`; model.UnknownReasons(v)[0] != want {
		t.Errorf("reason %q, want %q", model.UnknownReasons(v), want)
	}
	if host, err := os.ReadFile("/etc/hostname"); err == nil && len(strings.TrimSpace(string(host))) > 3 {
		text := fmt.Sprintf("%#v %q %q", v, model.UnknownReasons(v), s.warnings)
		if strings.Contains(text, strings.TrimSpace(string(host))) {
			t.Errorf("/etc/hostname's content leaked: %s", text)
		}
	}
	// A file outside is not even asked about: its existence is not told.
	if got := s.eval(t, `fileexists("/no/such/file")`, nil); got.IsKnown() {
		t.Errorf("fileexists outside = %#v, want unknown", got)
	}
}

func TestSymbolicLinksOutOfTheTreeAreRefused(t *testing.T) {
	s := newSandbox(t, map[string]string{"main.tf": ""})
	for link, target := range map[string]string{
		"secret.txt": s.secretPath,                                                // a file outside
		"out":        s.outside,                                                   // a directory outside
		"dangling":   filepath.Join(s.outside, "none.txt"),                        // a file outside that does not exist
		"zero":       "/dev/zero",                                                 // a device
		"up":         filepath.Join("..", filepath.Base(s.outside), "secret.txt"), // relative
	} {
		if err := os.Symlink(target, filepath.Join(s.tree, link)); err != nil {
			t.Fatal(err)
		}
	}
	for _, src := range []string{`file("secret.txt")`, `file("out/secret.txt")`, `file("out/none.txt")`,
		`file("dangling")`, `file("zero")`, `file("up")`, `filesha256("out/secret.txt")`} {
		s.refused(t, src, s.eval(t, src, nil), cty.String, "outside the scanned tree")
	}
	for _, src := range []string{`fileexists("dangling")`, `fileexists("secret.txt")`, `fileexists("out/none.txt")`} {
		s.refused(t, src, s.eval(t, src, nil), cty.Bool, "outside the scanned tree")
	}
	s.refused(t, `fileset("out", "*")`, s.eval(t, `fileset("out", "*")`, nil), cty.Set(cty.String), "outside the scanned tree")
	// fileset lists neither the links out nor what is behind them.
	if got := show(s.eval(t, `fileset(".", "**")`, nil)); got != "main.tf" {
		t.Errorf(`fileset(".", "**") = %q, want main.tf`, got)
	}
}

func TestSpecialFilesAreNotOpened(t *testing.T) {
	if runtime.GOOS == "windows" {
		t.Skip("no /dev/zero")
	}
	s := newSandbox(t, map[string]string{"main.tf": ""})
	start := time.Now()
	s.refused(t, `file("/dev/zero")`, s.eval(t, `file("/dev/zero")`, nil), cty.String, "outside the scanned tree")
	// Even where /dev is allowed, a device is not a regular file.
	s.fa.Allowed = append(s.fa.Allowed, "/dev")
	for _, src := range []string{`file("/dev/zero")`, `filesha256("/dev/urandom")`, `fileexists("/dev/null")`} {
		v := s.eval(t, src, nil)
		ty := cty.String
		if strings.HasPrefix(src, "fileexists") {
			ty = cty.Bool
		}
		s.refused(t, src, v, ty, "it is not a regular file")
	}
	s.refused(t, `file("/dev")`, s.eval(t, `file("/dev")`, nil), cty.String, "it is a directory")
	if d := time.Since(start); d > 2*time.Second {
		t.Errorf("took %s", d)
	}
}

func TestFilesOverTheSizeLimitAreNotRead(t *testing.T) {
	s := newSandbox(t, map[string]string{"small.txt": "12345678", "big.txt": "123456789"})
	s.fa.MaxBytes = 8
	if got := show(s.eval(t, `file("small.txt")`, nil)); got != "12345678" {
		t.Errorf("small.txt = %q", got)
	}
	s.refused(t, `file("big.txt")`, s.eval(t, `file("big.txt")`, nil), cty.String, "it is larger than the 8 bytes limit")

	// The default limit; the file is sparse, and never read.
	s.fa.MaxBytes = 0
	huge := filepath.Join(s.tree, "huge.bin")
	if err := os.WriteFile(huge, nil, 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.Truncate(huge, DefaultMaxFileBytes+1); err != nil {
		t.Fatal(err)
	}
	s.refused(t, `filebase64sha256("huge.bin")`, s.eval(t, `filebase64sha256("huge.bin")`, nil), cty.String, "it is larger than the 10 MB limit")
}

// A file whose size says nothing of its length (as in /proc) is read only up
// to the limit.
func TestReadingStopsAtTheLimit(t *testing.T) {
	if _, err := os.Stat("/proc/self/cmdline"); err != nil {
		t.Skip("no /proc")
	}
	s := newSandbox(t, nil)
	s.fa = FileAccess{BaseDir: "/proc/self", Allowed: []string{"/proc/self"}, MaxBytes: 4,
		Warn: func(path, why string) { s.warnings = append(s.warnings, path+": "+why) }}
	s.refused(t, `file("cmdline")`, s.eval(t, `file("cmdline")`, nil), cty.String, "it is larger than the 4 bytes limit")
}

func TestMissingFilesAreUnknown(t *testing.T) {
	s := newSandbox(t, map[string]string{"main.tf": ""})
	for _, src := range []string{`file("lambda.zip")`, `filebase64sha256("build/lambda.zip")`, `file("main.tf/x")`} {
		s.refused(t, src, s.eval(t, src, nil), cty.String, "it does not exist")
	}
	s.refused(t, `templatefile("x.tpl", {})`, s.eval(t, `templatefile("x.tpl", {})`, nil), cty.DynamicPseudoType, "it does not exist")
}

func TestNonUTF8FileIsUnknown(t *testing.T) {
	s := newSandbox(t, map[string]string{"bin": "\xff\xfe"})
	s.refused(t, `file("bin")`, s.eval(t, `file("bin")`, nil), cty.String, "it is not UTF-8 text")
	if got := show(s.eval(t, `filebase64("bin")`, nil)); got != "//4=" {
		t.Errorf("filebase64 = %q", got)
	}
}

func TestFilesetIsBounded(t *testing.T) {
	s := newSandbox(t, map[string]string{"main.tf": ""})
	start := time.Now()
	s.refused(t, `fileset("/", "**")`, s.eval(t, `fileset("/", "**")`, nil), cty.Set(cty.String), "outside the scanned tree")
	s.refused(t, `fileset(".", "../**")`, s.eval(t, `fileset(".", "../**")`, nil), cty.Set(cty.String), "reaches outside the directory")
	s.refused(t, `fileset(".", "/etc/*")`, s.eval(t, `fileset(".", "/etc/*")`, nil), cty.Set(cty.String), "reaches outside the directory")
	if d := time.Since(start); d > 2*time.Second {
		t.Errorf("took %s", d)
	}

	defer func(n int) { filesetLimit = n }(filesetLimit)
	filesetLimit = 10
	for i := 0; i < 20; i++ {
		write(t, filepath.Join(s.tree, "many", fmt.Sprintf("f%02d.txt", i)), "")
	}
	s.refused(t, `fileset("many", "*")`, s.eval(t, `fileset("many", "*")`, nil), cty.Set(cty.String), "more than 10 entries")
	// A pattern without ** looks no deeper than it reaches.
	write(t, filepath.Join(s.tree, "shallow", "a.txt"), "")
	for i := 0; i < 20; i++ {
		write(t, filepath.Join(s.tree, "shallow", "deep", fmt.Sprintf("f%02d.txt", i)), "")
	}
	if got := show(s.eval(t, `fileset("shallow", "*.txt")`, nil)); got != "a.txt" {
		t.Errorf(`fileset("shallow", "*.txt") = %q`, got)
	}
}

func TestTemplatesReadUnderTheSamePolicy(t *testing.T) {
	s := newSandbox(t, nil)
	write(t, filepath.Join(s.tree, "ok.tpl"), `name=${name} greeting=${file("hello.txt")}`)
	write(t, filepath.Join(s.tree, "hello.txt"), "hi")
	write(t, filepath.Join(s.tree, "leak.tpl"), `arn=${file(p)} host=${file("/etc/hostname")}`)
	if got := show(s.eval(t, `templatefile("ok.tpl", { name = "x" })`, nil)); got != "name=x greeting=hi" {
		t.Errorf("ok.tpl = %q", got)
	}
	src := `templatefile("leak.tpl", { p = "` + filepath.ToSlash(s.secretPath) + `" })`
	v := s.eval(t, src, nil)
	s.refused(t, src, v, cty.String, "outside the scanned tree")
	reasons := strings.Join(model.UnknownReasons(v), "\n")
	if !strings.Contains(reasons, `file("/etc/hostname")`) || !strings.Contains(reasons, `file("`+filepath.ToSlash(s.secretPath)+`")`) {
		t.Errorf("reasons do not name both files: %s", reasons)
	}
	if len(s.warnings) != 2 {
		t.Errorf("warnings = %q, want one per file", s.warnings)
	}
}

func TestNoAllowedDirectoryReadsNothing(t *testing.T) {
	s := newSandbox(t, map[string]string{"hello.txt": "hello"})
	s.fa.Allowed = nil
	s.refused(t, `file("hello.txt")`, s.eval(t, `file("hello.txt")`, nil), cty.String, "outside the scanned tree")
}
