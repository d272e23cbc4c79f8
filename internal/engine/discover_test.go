package engine

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/tfcomply/tfcomply/internal/controls"
)

func symlink(t *testing.T, target, link string) {
	t.Helper()
	if err := os.Symlink(target, link); err != nil {
		t.Skipf("cannot make symbolic links here: %v", err)
	}
}

// A PATH that is a symbolic link to a directory is scanned like the
// directory; symbolic links inside are followed once, and a link back up
// the tree is said once, not walked forever.
func TestSymbolicLinksAreFollowedOnce(t *testing.T) {
	real := writeFiles(t, map[string]string{
		"main.tf":        badInputAPI,
		"nested/main.tf": badInputAPI,
	})
	top := t.TempDir()
	symlink(t, real, filepath.Join(top, "linked"))
	symlink(t, filepath.Join(real, "nested"), filepath.Join(real, "again"))
	symlink(t, real, filepath.Join(real, "nested", "up"))

	rep := scanIn(t, top, Options{Profile: controls.ProfileDefault}, "linked")
	roots := map[string]bool{}
	for _, r := range rep.Results {
		roots[r.Root] = true
	}
	if !roots["linked"] || !roots["linked/nested"] || len(roots) != 2 {
		t.Errorf("roots %v, want linked and linked/nested once each", roots)
	}
	text := problemLines(rep)
	if rep.HasErrors() {
		t.Errorf("links are not errors:\n%s", text)
	}
	if n := strings.Count(text, "scanned already"); n != 2 {
		t.Errorf("want the repeated directories said once each (again, nested/up), got %d:\n%s", n, text)
	}
}

// CI pointed at a directory without Terraform must not pass quietly.
func TestPathWithoutTerraformIsAnError(t *testing.T) {
	dir := writeFiles(t, map[string]string{"README.md": "# nothing here\n"})
	rep := scanIn(t, dir, Options{Profile: controls.ProfileDefault})
	if !rep.HasErrors() || !strings.Contains(problemLines(rep), "nothing was checked") {
		t.Errorf("want an error saying nothing was checked:\n%s", problemLines(rep))
	}
}

// A directory that cannot be read is an error naming it.
func TestUnreadableDirectoryIsAnError(t *testing.T) {
	if os.Geteuid() == 0 {
		t.Skip("SKIPPED: permissions do not stop root from reading a directory")
	}
	dir := writeFiles(t, map[string]string{"main.tf": badInputAPI, "locked/main.tf": badInputAPI})
	locked := filepath.Join(dir, "locked")
	if err := os.Chmod(locked, 0); err != nil {
		t.Fatal(err)
	}
	defer os.Chmod(locked, 0o755)
	rep := scanIn(t, dir, Options{Profile: controls.ProfileDefault})
	if text := problemLines(rep); !strings.Contains(text, "error locked: cannot read directory") {
		t.Errorf("want an error for the locked directory:\n%s", text)
	}
}
