package hclload

import (
	"fmt"
	"math/rand"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/hashicorp/hcl/v2"
	"github.com/tfcomply/tfcomply/internal/model"
)

const stage = `resource "aws_api_gateway_stage" "s" { stage_name = "prod" }
`

// only returns the problems of one severity.
func only(probs []model.Problem, severity string) []model.Problem {
	var out []model.Problem
	for _, p := range probs {
		if p.Severity == severity {
			out = append(out, p)
		}
	}
	return out
}

func TestBinaryFilesAreOneErrorEach(t *testing.T) {
	noise := make([]byte, 1<<20)
	rand.New(rand.NewSource(1)).Read(noise)
	cases := []struct {
		name, file string
		content    []byte
		want       string
	}{
		{"random bytes", "x.tf", noise, "NUL bytes"},
		{"git-crypt", "secrets.tf", append([]byte("\x00GITCRYPT\x00"), noise[:4096]...), "git-crypt"},
		{"invalid UTF-8", "latin1.tf", []byte("resource \"aws_x\" \"y\" {\n  name = \"caf\xe9\"\n}\n"), "not valid UTF-8 (the first invalid byte is at line 2)"},
		{"UTF-16", "utf16.tf", []byte("\xff\xfer\x00e\x00s\x00"), "UTF-16"},
		{"JSON", "x.tf.json", noise, "NUL bytes"},
		{"auto tfvars", "x.auto.tfvars", noise, "NUL bytes"},
		{"tfvars", "terraform.tfvars", []byte("name = \"\xc3\x28\"\n"), "not valid UTF-8"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			dir := writeTree(t, map[string]string{"main.tf": stage})
			if err := os.WriteFile(filepath.Join(dir, c.file), c.content, 0o644); err != nil {
				t.Fatal(err)
			}
			root, probs := LoadRoot(dir, dir, Options{})
			if len(probs) != 1 {
				t.Fatalf("want exactly one problem, got %d:\n%s", len(probs), firstLines(problemsText(probs), 10))
			}
			p := probs[0]
			if p.Severity != "error" || p.File != c.file || p.Line != 1 ||
				!strings.Contains(p.Message, "not a text file") || !strings.Contains(p.Message, c.want) {
				t.Errorf("problem = %+v", p)
			}
			if root.Lookup("aws_api_gateway_stage.s") == nil {
				t.Errorf("the other files must still be evaluated: %v", addresses(root))
			}
		})
	}
}

func firstLines(s string, n int) string {
	lines := strings.SplitN(s, "\n", n+1)
	if len(lines) > n {
		lines = lines[:n]
	}
	return strings.Join(lines, "\n")
}

func TestProblemsPerFileAreCapped(t *testing.T) {
	var garbage strings.Builder
	for i := 0; i < 1500; i++ {
		garbage.WriteString("var a = function(){ return 1; };\n")
	}
	var few strings.Builder
	for i := 0; i < 3; i++ {
		few.WriteString("resource \"aws_x\" \"y\" {}\n") // duplicate resource: 2 errors
	}
	dir := writeTree(t, map[string]string{"main.tf": stage, "app.min.tf": garbage.String(), "dup.tf": few.String()})
	_, probs := LoadRoot(dir, dir, Options{})
	byFile := map[string][]model.Problem{}
	for _, p := range probs {
		byFile[p.File] = append(byFile[p.File], p)
	}
	got := byFile["app.min.tf"]
	if len(got) != maxFileProblems+1 {
		t.Fatalf("want %d problems from app.min.tf, got %d", maxFileProblems+1, len(got))
	}
	last := got[len(got)-1]
	if last.Severity != "error" || last.Line == 0 ||
		!regexp.MustCompile(`^… and \d,\d{3} more problems in this file \(the first 20 are shown\)$`).MatchString(last.Message) {
		t.Errorf("summary = %+v", last)
	}
	if len(byFile["dup.tf"]) != 2 {
		t.Errorf("a file under the cap keeps every problem: %s", problemsText(byFile["dup.tf"]))
	}
}

// The count stays honest: what is shown plus what is summed up is every
// distinct problem; repeats are not counted; problems of no file are not capped.
func TestProblemsCapCountsEveryDistinctProblem(t *testing.T) {
	var diags hcl.Diagnostics
	add := func(file string, line int, sev hcl.DiagnosticSeverity) {
		rng := hcl.Range{Filename: file, Start: hcl.Pos{Line: line, Column: 1}}
		diags = append(diags, &hcl.Diagnostic{Severity: sev, Summary: "bad", Subject: &rng})
	}
	for i := 1; i <= 1254; i++ {
		add("/r/big.tf", i, hcl.DiagWarning)
		add("/r/big.tf", i, hcl.DiagWarning) // a repeat
	}
	for i := 1; i <= 21; i++ {
		add("/r/one.tf", i, hcl.DiagError)
	}
	for i := 0; i < 30; i++ {
		diags = append(diags, &hcl.Diagnostic{Severity: hcl.DiagError, Summary: fmt.Sprintf("cycle %d", i)})
	}
	out := problems(diags, func(abs string) string { return filepath.Base(abs) })
	count := map[string]int{}
	for _, p := range out {
		count[p.File]++
	}
	if count["big.tf"] != 21 || count["one.tf"] != 21 || count[""] != 30 {
		t.Fatalf("counts = %v", count)
	}
	var summaries []string
	for _, p := range out {
		if strings.HasPrefix(p.Message, "…") {
			summaries = append(summaries, fmt.Sprintf("%s %s:%d %s", p.Severity, p.File, p.Line, p.Message))
		}
	}
	want := []string{
		"warning big.tf:21 … and 1,234 more problems in this file (the first 20 are shown)",
		"error one.tf:21 … and 1 more problem in this file (the first 20 are shown)",
	}
	if strings.Join(summaries, "\n") != strings.Join(want, "\n") {
		t.Errorf("summaries:\n%s\nwant:\n%s", strings.Join(summaries, "\n"), strings.Join(want, "\n"))
	}
}

func TestThousands(t *testing.T) {
	for n, want := range map[int]string{0: "0", 999: "999", 1000: "1,000", 166015: "166,015", 1234567: "1,234,567"} {
		if got := thousands(n); got != want {
			t.Errorf("thousands(%d) = %q, want %q", n, got, want)
		}
	}
}

func mkfifo(t *testing.T, path string) {
	t.Helper()
	if err := syscall.Mkfifo(path, 0o644); err != nil {
		t.Skipf("cannot make a FIFO here: %v", err)
	}
}

func TestSpecialFilesAreSkippedNotOpened(t *testing.T) {
	dir := writeTree(t, map[string]string{
		"main.tf":          stage,
		"real/linked.tf":   `resource "aws_api_gateway_stage" "linked" { stage_name = "dev" }`,
		"modules/m/var.tf": `variable "x" { default = "m" }`,
	})
	for _, name := range []string{"pipe.tf", "pipe.tf.json", "terraform.tfvars", "x.auto.tfvars", "real/fifo"} {
		mkfifo(t, filepath.Join(dir, name))
	}
	mkdir(t, filepath.Join(dir, ".terraform", "modules"))
	mkfifo(t, filepath.Join(dir, ".terraform", "modules", "modules.json"))
	symlink(t, filepath.Join("real", "linked.tf"), filepath.Join(dir, "linked.tf"))
	symlink(t, filepath.Join("real", "fifo"), filepath.Join(dir, "tofifo.tf"))
	symlink(t, "nowhere", filepath.Join(dir, "dangling.tf"))

	done := make(chan struct{})
	var root *model.Root
	var probs []model.Problem
	go func() {
		defer close(done)
		root, probs = LoadRoot(dir, dir, Options{})
	}()
	waitOrFail(t, done)

	text := problemsText(probs)
	for _, name := range []string{"pipe.tf", "pipe.tf.json", "terraform.tfvars", "x.auto.tfvars", "tofifo.tf"} {
		if !strings.Contains(text, "warning "+name+":1 not a regular file, skipped: "+filepath.Base(name)+" is a named pipe (FIFO)") {
			t.Errorf("no warning for %s:\n%s", name, text)
		}
	}
	if !strings.Contains(text, "cannot read installed modules") || !strings.Contains(text, "named pipe") {
		t.Errorf("no warning for the modules manifest:\n%s", text)
	}
	if !strings.Contains(text, "error dangling.tf:1 cannot read file") {
		t.Errorf("a dangling link is an error, as Terraform cannot read it either:\n%s", text)
	}
	if root.Lookup("aws_api_gateway_stage.s") == nil || root.Lookup("aws_api_gateway_stage.linked") == nil {
		t.Errorf("regular files and links to them are read: %v", addresses(root))
	}
}

func mkdir(t *testing.T, path string) {
	t.Helper()
	if err := os.MkdirAll(path, 0o755); err != nil {
		t.Fatal(err)
	}
}

func symlink(t *testing.T, target, link string) {
	t.Helper()
	if err := os.Symlink(target, link); err != nil {
		t.Skipf("cannot make a symbolic link here: %v", err)
	}
}

// waitOrFail fails the test when done is not closed within 10 s: a scan that
// opened a FIFO would wait forever, and the test must say so, not hang.
func waitOrFail(t *testing.T, done <-chan struct{}) {
	t.Helper()
	select {
	case <-done:
	case <-time.After(10 * time.Second):
		t.Fatal("loading did not finish in 10 s: did it open a FIFO?")
	}
}

func TestVarFileNamedOnTheCommandLineMayBeAPipe(t *testing.T) {
	dir := writeTree(t, map[string]string{"main.tf": `
variable "name" {}
resource "aws_api_gateway_stage" "s" { stage_name = var.name }
`})
	pipe := filepath.Join(t.TempDir(), "vars")
	mkfifo(t, pipe)
	go func() {
		f, err := os.OpenFile(pipe, os.O_WRONLY, 0)
		if err != nil {
			return
		}
		defer f.Close()
		f.WriteString(`name = "piped"` + "\n")
	}()
	done := make(chan struct{})
	var root *model.Root
	go func() {
		defer close(done)
		root = load(t, dir, Options{Vars: []VarFlag{{File: pipe}}})
	}()
	waitOrFail(t, done)
	if got := attr(t, root, "aws_api_gateway_stage.s", "stage_name"); got != "piped" {
		t.Errorf("stage_name = %q", got)
	}
}
