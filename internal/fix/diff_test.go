package fix

import (
	"bytes"
	"math/rand"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
)

func TestUnifiedDiffAsDiffU(t *testing.T) {
	old := "a\nb\nc\nd\ne\nf\ng\nh\ni\nj\n"
	new := "a\nb\nc\nd\nX\ne\nf\ng\nh\ni\nJ\n"
	got := UnifiedDiff("f.tf", []byte(old), []byte(new))
	want := `--- a/f.tf
+++ b/f.tf
@@ -2,9 +2,10 @@
 b
 c
 d
+X
 e
 f
 g
 h
 i
-j
+J
`
	if got != want {
		t.Errorf("got\n%s\nwant\n%s", got, want)
	}
	if UnifiedDiff("f", []byte(old), []byte(old)) != "" {
		t.Error("equal files have no diff")
	}
	got = UnifiedDiff("f", []byte("a"), []byte("a\nb\n"))
	want = "--- a/f\n+++ b/f\n@@ -1 +1,2 @@\n-a\n\\ No newline at end of file\n+a\n+b\n"
	if got != want {
		t.Errorf("no newline: got\n%q\nwant\n%q", got, want)
	}
	got = UnifiedDiff("f", nil, []byte("a\n"))
	if want := "--- a/f\n+++ b/f\n@@ -0,0 +1 @@\n+a\n"; got != want {
		t.Errorf("from empty: got %q want %q", got, want)
	}
}

// applyDiff applies a unified diff this package wrote to old.
func applyDiff(t *testing.T, old, diff string) string {
	t.Helper()
	a := splitLines([]byte(old))
	lines := strings.SplitAfter(diff, "\n")
	var out []string
	pos := 0
	for i := 2; i < len(lines) && lines[i] != ""; {
		h := lines[i]
		var aStart, aLen int
		spec := strings.Fields(h)[1][1:]
		if s, l, ok := strings.Cut(spec, ","); ok {
			aStart, _ = strconv.Atoi(s)
			aLen, _ = strconv.Atoi(l)
		} else {
			aStart, _ = strconv.Atoi(spec)
			aLen = 1
		}
		start := aStart - 1
		if aLen == 0 {
			start = aStart
		}
		out = append(out, a[pos:start]...)
		pos = start
		i++
		for i < len(lines) && lines[i] != "" && !strings.HasPrefix(lines[i], "@@") {
			l := lines[i]
			i++
			noNL := i < len(lines) && strings.HasPrefix(lines[i], "\\")
			body := l[1:]
			if noNL {
				body = strings.TrimSuffix(body, "\n")
				i++
			}
			switch l[0] {
			case ' ':
				out = append(out, body)
				pos++
			case '-':
				pos++
			case '+':
				out = append(out, body)
			}
		}
	}
	out = append(out, a[pos:]...)
	return strings.Join(out, "")
}

func TestUnifiedDiffAppliesBack(t *testing.T) {
	r := rand.New(rand.NewSource(1))
	words := []string{"a\n", "b\n", "c\n", "}\n", "\n", "  x = 1\n"}
	gen := func() string {
		var b strings.Builder
		for i := r.Intn(30); i > 0; i-- {
			b.WriteString(words[r.Intn(len(words))])
		}
		if r.Intn(4) == 0 {
			b.WriteString("end")
		}
		return b.String()
	}
	for i := 0; i < 2000; i++ {
		old, new := gen(), gen()
		d := UnifiedDiff("f", []byte(old), []byte(new))
		if got := applyDiff(t, old, d); got != new {
			t.Fatalf("case %d: old %q new %q\ndiff:\n%s\napplied: %q", i, old, new, d, got)
		}
		// The script is a shortest one: as many lines kept as the longest
		// common subsequence has.
		a, b := splitLines([]byte(old)), splitLines([]byte(new))
		kept := 0
		for _, o := range diffLines(a, b) {
			if o.kind == ' ' {
				kept++
			}
		}
		if want := lcs(a, b); kept != want {
			t.Fatalf("case %d: %d lines kept, the longest common subsequence has %d", i, kept, want)
		}
	}
}

func lcs(a, b []string) int {
	t := make([][]int, len(a)+1)
	for i := range t {
		t[i] = make([]int, len(b)+1)
	}
	for i := len(a) - 1; i >= 0; i-- {
		for j := len(b) - 1; j >= 0; j-- {
			if a[i] == b[j] {
				t[i][j] = t[i+1][j+1] + 1
			} else {
				t[i][j] = max(t[i+1][j], t[i][j+1])
			}
		}
	}
	return t[0][0]
}

// The system's patch, where there is one, applies what the package writes.
func TestUnifiedDiffPatchApplies(t *testing.T) {
	patch, err := exec.LookPath("patch")
	if err != nil {
		t.Skip("no patch on PATH")
	}
	dir := t.TempDir()
	old := "resource \"a\" \"b\" {\n  x = 1\n}\n"
	new := "resource \"a\" \"b\" {\n  x = 1\n\n  y {\n    z = 2\n  }\n}\n\nresource \"c\" \"d\" {}\n"
	f := filepath.Join(dir, "main.tf")
	if err := os.WriteFile(f, []byte(old), 0o644); err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command(patch, "-p1", "-s")
	cmd.Dir = dir
	cmd.Stdin = strings.NewReader(UnifiedDiff("main.tf", []byte(old), []byte(new)))
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("patch: %v: %s", err, out)
	}
	got, _ := os.ReadFile(f)
	if !bytes.Equal(got, []byte(new)) {
		t.Errorf("patched:\n%s", got)
	}
}
