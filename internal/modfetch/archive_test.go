package modfetch

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	mt "github.com/tfcomply/tfcomply/internal/modfetch/modfetchtest"
)

var testLimits = limits{maxBytes: 1 << 20, maxFiles: 50}

// extractTo writes data to a file and extracts it into a fresh directory
// under a parent that also holds a "victim" file: nothing may reach it.
func extractTo(t *testing.T, data []byte, format string, lim limits) (string, error) {
	t.Helper()
	parent := t.TempDir()
	os.WriteFile(filepath.Join(parent, "victim"), []byte("untouched"), 0o644)
	file := filepath.Join(parent, "archive")
	os.WriteFile(file, data, 0o644)
	dst := filepath.Join(parent, "pkg")
	os.Mkdir(dst, 0o755)
	err := extractArchive(file, format, dst, lim)
	if err == nil {
		err = checkTree(dst, lim)
	}
	if b, _ := os.ReadFile(filepath.Join(parent, "victim")); string(b) != "untouched" {
		t.Fatalf("extraction wrote outside its directory")
	}
	if entries, _ := os.ReadDir(parent); len(entries) != 3 {
		t.Fatalf("extraction created something beside its directory: %v", entries)
	}
	return dst, err
}

func TestExtractGoodArchives(t *testing.T) {
	entries := []mt.Entry{
		{Name: "pax_global_header-is-skipped/", Kind: "dir"},
		{Name: "mod/main.tf", Body: `resource "x" "y" {}`},
		{Name: "mod/templates/policy.json", Body: `{}`},
		{Name: "mod/shared.tf", Kind: "symlink", Body: "main.tf"},
		{Name: "mod/up", Kind: "symlink", Body: "../mod/templates"},
		{Name: "mod/copy.tf", Kind: "hardlink", Body: "mod/main.tf"},
	}
	for _, format := range []string{"tar.gz", "zip"} {
		data := mt.TarGz(entries)
		if format == "zip" {
			data = mt.Zip(entries[:5])
		}
		dst, err := extractTo(t, data, format, testLimits)
		if err != nil {
			t.Fatalf("%s: %v", format, err)
		}
		if b, err := os.ReadFile(filepath.Join(dst, "mod", "shared.tf")); err != nil || !strings.Contains(string(b), "resource") {
			t.Errorf("%s: link inside the package: %q %v", format, b, err)
		}
		if _, err := os.Stat(filepath.Join(dst, "mod", "up", "policy.json")); err != nil {
			t.Errorf("%s: %v", format, err)
		}
	}
}

func TestExtractRefusesHostileArchives(t *testing.T) {
	big := strings.Repeat("x", 600<<10)
	cases := []struct {
		name    string
		entries []mt.Entry
		want    string
	}{
		{"path traversal", []mt.Entry{{Name: "../victim", Body: "owned"}}, "climbs out"},
		{"deep traversal", []mt.Entry{{Name: "a/b/../../../victim", Body: "owned"}}, "climbs out"},
		{"absolute path", []mt.Entry{{Name: "/tmp/tfcomply-absolute-test", Body: "owned"}}, "absolute path"},
		{"windows absolute path", []mt.Entry{{Name: "C:\\victim", Body: "owned"}}, "absolute path"},
		{"symlink to an absolute path", []mt.Entry{{Name: "link", Kind: "symlink", Body: "/etc"}}, "outside the package"},
		{"symlink out", []mt.Entry{{Name: "link", Kind: "symlink", Body: "../"}}, "outside the package"},
		{"write through a symlink", []mt.Entry{{Name: "d", Kind: "symlink", Body: "."}, {Name: "d/x.tf", Body: "x"}}, "through the symbolic link"},
		// Lexically inside, but "a" is the package root, so a/.. is its parent.
		{"symlink chain out", []mt.Entry{{Name: "a", Kind: "symlink", Body: "."}, {Name: "b", Kind: "symlink", Body: "a/../victim"}}, "leads outside"},
		{"overwrite a planted link", []mt.Entry{{Name: "f", Kind: "symlink", Body: "g"}, {Name: "f", Body: "x"}}, "twice"},
		{"hard link out", []mt.Entry{{Name: "h", Kind: "hardlink", Body: "../victim"}}, "climbs out"},
		{"oversized", []mt.Entry{{Name: "a.tf", Body: big}, {Name: "b.tf", Body: big}}, "larger than"},
	}
	many := make([]mt.Entry, 60)
	for i := range many {
		many[i] = mt.Entry{Name: strings.Repeat("f", i+1) + ".tf", Body: "x"}
	}
	cases = append(cases, struct {
		name    string
		entries []mt.Entry
		want    string
	}{"too many files", many, "more than 50 files"})
	for _, c := range cases {
		for _, format := range []string{"tar.gz", "zip"} {
			if format == "zip" && strings.Contains(c.name, "hard link") {
				continue // zip has no hard links
			}
			data := mt.TarGz(c.entries)
			if format == "zip" {
				data = mt.Zip(c.entries)
			}
			_, err := extractTo(t, data, format, testLimits)
			if err == nil || !strings.Contains(err.Error(), c.want) {
				t.Errorf("%s (%s): err = %v, want %q", c.name, format, err, c.want)
			}
		}
	}
	if _, err := os.Stat("/tmp/tfcomply-absolute-test"); err == nil {
		t.Error("an absolute path was written")
	}
}

func TestExtractCountsBytesWritten(t *testing.T) {
	// A zip bomb: its entries compress to almost nothing.
	data := mt.Zip([]mt.Entry{{Name: "bomb.tf", Body: strings.Repeat("0", 4<<20)}})
	if len(data) > 64<<10 {
		t.Fatalf("the test archive is %d bytes", len(data))
	}
	if _, err := extractTo(t, data, "zip", testLimits); err == nil || !strings.Contains(err.Error(), "larger than") {
		t.Errorf("err = %v", err)
	}
}

func TestExtractUnsupportedFormats(t *testing.T) {
	if _, err := extractTo(t, []byte("x"), "tar.xz", testLimits); err == nil || !strings.Contains(err.Error(), "not supported") {
		t.Errorf("xz: %v", err)
	}
	if _, err := extractTo(t, []byte("not gzip"), "tar.gz", testLimits); err == nil || !strings.Contains(err.Error(), "gzip") {
		t.Errorf("damaged: %v", err)
	}
}
