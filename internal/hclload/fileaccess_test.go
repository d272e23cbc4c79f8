package hclload

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/tfcomply/tfcomply/internal/model"
)

const secret = "TOPSECRET-4242"

// outsideSecret writes a secret in a directory of its own, outside any tree
// a test scans, and returns its path with forward slashes.
func outsideSecret(t *testing.T) string {
	t.Helper()
	p := filepath.Join(t.TempDir(), "secret.txt")
	if err := os.WriteFile(p, []byte(secret), 0o644); err != nil {
		t.Fatal(err)
	}
	return filepath.ToSlash(p)
}

// noSecret fails if the secret appears in any value of root or any problem.
func noSecret(t *testing.T, root *model.Root, probs []model.Problem) {
	t.Helper()
	text := problemsText(probs)
	for _, in := range root.Instances {
		text += fmt.Sprintf("%#v", in.Value)
	}
	if strings.Contains(text, secret) {
		t.Errorf("the secret leaked:\n%s", text)
	}
}

func TestFileFunctionsReadTheRoot(t *testing.T) {
	dir := writeTree(t, map[string]string{
		"main.tf": `
resource "aws_thing" "t" {
  policy = file("policy.json")
  rule   = templatefile("${path.module}/rule.tpl", { name = "x" })
  files  = join(",", fileset(path.module, "*.json"))
}
`,
		"policy.json": `{"Version":"2012-10-17"}`,
		"rule.tpl":    `name=${name} policy=${file("policy.json")}`,
	})
	root, probs := LoadRoot(dir, dir, Options{})
	if len(probs) > 0 {
		t.Errorf("unexpected problems:\n%s", problemsText(probs))
	}
	for name, want := range map[string]string{
		"policy": `{"Version":"2012-10-17"}`, "rule": `name=x policy={"Version":"2012-10-17"}`, "files": "policy.json",
	} {
		if got := attr(t, root, "aws_thing.t", name); got != want {
			t.Errorf("%s = %q, want %q", name, got, want)
		}
	}
}

// Files the file functions may not read are unknown, with one warning per
// file, whether the instances are evaluated one after another or (from
// parallelInstances up) side by side.
func TestFilesOutsideTheTreeAreUnknownAndWarned(t *testing.T) {
	for _, count := range []int{3, 2 * parallelInstances} {
		t.Run(fmt.Sprint(count), func(t *testing.T) {
			sp := outsideSecret(t)
			dir := writeTree(t, map[string]string{
				"main.tf": `
resource "aws_thing" "t" {
  count  = ` + fmt.Sprint(count) + `
  dest   = file("` + sp + `")
  host   = file("/etc/hostname")
  zero   = file("/dev/zero")
  all    = fileset("/", "**")
  link   = file("link")
  lambda = filebase64sha256("build/lambda.zip")
  tpl    = templatefile("t.tpl", { p = "` + sp + `" })
}
output "x" { value = file("` + sp + `") }
`,
				"t.tpl": `${file(p)}`,
			})
			if err := os.Symlink(filepath.FromSlash(sp), filepath.Join(dir, "link")); err != nil {
				t.Fatal(err)
			}
			start := time.Now()
			root, probs := LoadRoot(dir, dir, Options{})
			if d := time.Since(start); d > 2*time.Second {
				t.Errorf("took %s", d)
			}
			text := problemsText(probs)
			if strings.Contains(text, "error") {
				t.Errorf("a file not read must not be an error:\n%s", text)
			}
			noSecret(t, root, probs)
			for name, why := range map[string]string{
				"dest":   fmt.Sprintf(`file(%q) was not read: outside the scanned tree`, sp),
				"host":   `file("/etc/hostname") was not read: outside the scanned tree`,
				"zero":   `file("/dev/zero") was not read: outside the scanned tree`,
				"all":    `fileset("/") was not read: outside the scanned tree`,
				"link":   `file("link") was not read: outside the scanned tree`,
				"tpl":    fmt.Sprintf(`file(%q) was not read: outside the scanned tree`, sp),
				"lambda": `filebase64sha256("build/lambda.zip") was not read: it does not exist`,
			} {
				if got := attr(t, root, "aws_thing.t[0]", name); got != "<unknown>" {
					t.Errorf("%s = %q, want unknown", name, got)
				}
				if reasons := strings.Join(modelReasons(root, "aws_thing.t[1]", name), "; "); !strings.Contains(reasons, why) {
					t.Errorf("%s: reasons %q do not say %q", name, reasons, why)
				}
			}
			// One warning per file and reason, at the expression that read it
			// first, however many instances and expressions read it.
			for _, want := range []string{
				fmt.Sprintf(`file not read: %q was not read: outside the scanned tree`, sp),
				`warning main.tf:5 file not read: "/etc/hostname" was not read: outside the scanned tree`,
				`warning main.tf:6 file not read: "/dev/zero"`,
				`warning main.tf:7 file not read: "/"`,
				`warning main.tf:8 file not read: "link"`,
				`warning main.tf:9 file not read: "build/lambda.zip" was not read: it does not exist`,
			} {
				if strings.Count(text, want) != 1 {
					t.Errorf("want exactly one %q in:\n%s", want, text)
				}
			}
			if n := strings.Count(text, "file not read"); n != 6 {
				t.Errorf("%d warnings, want 6 (one per file):\n%s", n, text)
			}
		})
	}
}

// A module's own files are readable wherever the module is (here beside
// the scanned directory), and the rest of the disk is not.
func TestModuleDirectoriesOutsideTheScannedTree(t *testing.T) {
	top := writeTree(t, map[string]string{
		"root/main.tf": `
module "m" { source = "../mods/m" }
resource "aws_thing" "t" {
  rule  = module.m.rule
  other = module.m.other
}
`,
		"mods/m/main.tf": `
output "rule" { value = templatefile("${path.module}/x.tpl", { v = "1" }) }
output "other" { value = file("${path.module}/../../other.txt") }
`,
		"mods/m/x.tpl": `v=${v}`,
		"other.txt":    secret,
	})
	dir := filepath.Join(top, "root")
	root, probs := LoadRoot(dir, dir, Options{})
	if got := attr(t, root, "aws_thing.t", "rule"); got != "v=1" {
		t.Errorf("rule = %q\n%s", got, problemsText(probs))
	}
	if got := attr(t, root, "aws_thing.t", "other"); got != "<unknown>" {
		t.Errorf("other = %q, want unknown", got)
	}
	noSecret(t, root, probs)
	if text := problemsText(probs); !strings.Contains(text, `warning ../mods/m/main.tf:3 file not read: "../mods/m/../../other.txt" was not read: outside the scanned tree`) {
		t.Errorf("no warning at the module's output:\n%s", text)
	}
}

// A module source that climbs to a directory without Terraform files (the
// file system root, a home directory) does not open that directory.
func TestModuleSourceWithoutTerraformFilesOpensNothing(t *testing.T) {
	sp := outsideSecret(t)
	dir := writeTree(t, map[string]string{"main.tf": `
module "evil" { source = "./` + strings.Repeat("../", 40) + `" }
module "near" { source = "../` + filepath.Base(filepath.Dir(sp)) + `" }
resource "aws_thing" "t" { dest = file("` + sp + `") }
`})
	// The two directories share a parent (the test's temporary directory).
	if filepath.Dir(dir) != filepath.Dir(filepath.Dir(sp)) {
		t.Skip("temporary directories do not share a parent")
	}
	root, probs := LoadRoot(dir, dir, Options{})
	if got := attr(t, root, "aws_thing.t", "dest"); got != "<unknown>" {
		t.Errorf("dest = %q, want unknown", got)
	}
	noSecret(t, root, probs)
}

// In a git work tree, a root may read files anywhere in the work tree.
func TestGitWorkTreeIsTheScannedTree(t *testing.T) {
	files := map[string]string{
		"infra/main.tf":      `resource "aws_thing" "t" { policy = file("../shared/policy.json") }`,
		"shared/policy.json": `{}`,
	}
	dir := writeTree(t, files)
	root, _ := LoadRoot(filepath.Join(dir, "infra"), filepath.Join(dir, "infra"), Options{})
	if got := attr(t, root, "aws_thing.t", "policy"); got != "<unknown>" {
		t.Errorf("outside a work tree: policy = %q, want unknown", got)
	}
	if err := os.Mkdir(filepath.Join(dir, ".git"), 0o755); err != nil {
		t.Fatal(err)
	}
	root, probs := LoadRoot(filepath.Join(dir, "infra"), filepath.Join(dir, "infra"), Options{})
	if got := attr(t, root, "aws_thing.t", "policy"); got != "{}" {
		t.Errorf("inside a work tree: policy = %q\n%s", got, problemsText(probs))
	}
}
