package fix

import (
	"strings"
	"testing"
)

func mustParse(t *testing.T, src string) *sourceFile {
	t.Helper()
	f, err := parseSource("/x/main.tf", []byte(src))
	if err != nil {
		t.Fatal(err)
	}
	return f
}

func applied(t *testing.T, fe *fileEdits) string {
	t.Helper()
	out, err := fe.apply()
	if err != nil {
		t.Fatal(err)
	}
	if _, err := parseSource("/x/main.tf", out); err != nil {
		t.Fatalf("the result does not parse: %v\n%s", err, out)
	}
	return string(out)
}

func TestAddToBodyKeepsEverythingElse(t *testing.T) {
	src := "# head\nresource \"a\" \"b\" {\n  x = 1 # one\n}\n# tail\n"
	f := mustParse(t, src)
	fe := newFileEdits(f)
	fe.addToBody(f.resource("a", "b"), "y {\n  z = 2\n}\n")
	fe.addToBody(f.resource("a", "b"), "y {\n  z = 2\n}\n") // once
	got := applied(t, fe)
	want := "# head\nresource \"a\" \"b\" {\n  x = 1 # one\n\n  y {\n    z = 2\n  }\n}\n# tail\n"
	if got != want {
		t.Errorf("got\n%s\nwant\n%s", got, want)
	}
}

func TestAddToEmptyBodyNeedsNoBlankLine(t *testing.T) {
	f := mustParse(t, "resource \"a\" \"b\" {\n}\n")
	fe := newFileEdits(f)
	fe.addToBody(f.resource("a", "b"), "x = 1\n")
	if got, want := applied(t, fe), "resource \"a\" \"b\" {\n  x = 1\n}\n"; got != want {
		t.Errorf("got %q want %q", got, want)
	}
}

func TestOneLineBlockIsLaidOutOverLines(t *testing.T) {
	src := "resource \"a\" \"b\" {\n  settings {}\n  other { x = 1 }\n}\n"
	f := mustParse(t, src)
	fe := newFileEdits(f)
	blk := f.resource("a", "b")
	fe.addToBody(blk.Body.Blocks[0], "logging_level = \"ERROR\"\n")
	fe.addToBody(blk.Body.Blocks[1], "y = 2\n")
	want := "resource \"a\" \"b\" {\n  settings {\n    logging_level = \"ERROR\"\n  }\n  other {\n    x = 1\n\n    y = 2\n  }\n}\n"
	if got := applied(t, fe); got != want {
		t.Errorf("got\n%s\nwant\n%s", got, want)
	}
}

func TestAfterBlockSeparatesWithBlankLines(t *testing.T) {
	src := "resource \"a\" \"b\" {\n}\nresource \"c\" \"d\" {\n}"
	f := mustParse(t, src)
	fe := newFileEdits(f)
	fe.addAfter(f.resource("a", "b"), "resource \"n\" \"m\" {\n}\n")
	fe.addAfter(f.resource("c", "d"), "resource \"o\" \"p\" {\n}\n")
	fe.atEnd = append(fe.atEnd, "resource \"q\" \"r\" {\n}\n")
	want := "resource \"a\" \"b\" {\n}\n\nresource \"n\" \"m\" {\n}\n\nresource \"c\" \"d\" {\n}\n\nresource \"o\" \"p\" {\n}\n\nresource \"q\" \"r\" {\n}\n"
	if got := applied(t, fe); got != want {
		t.Errorf("got\n%q\nwant\n%q", got, want)
	}
}

func TestCRLFFilesGetCRLF(t *testing.T) {
	src := "resource \"a\" \"b\" {\r\n  x = 1\r\n}\r\n"
	f := mustParse(t, src)
	fe := newFileEdits(f)
	fe.addToBody(f.resource("a", "b"), "y = 2\n")
	fe.addAfter(f.resource("a", "b"), "resource \"c\" \"d\" {\n}\n")
	got := applied(t, fe)
	if strings.Count(got, "\n") != strings.Count(got, "\r\n") {
		t.Errorf("mixed line endings: %q", got)
	}
	if !strings.HasPrefix(got, src[:len(src)-3]) {
		t.Errorf("the original bytes changed: %q", got)
	}
}

func TestReplaceAndInsertDoNotOverlap(t *testing.T) {
	f := mustParse(t, "resource \"a\" \"b\" {\n  settings {\n    logging_level = \"OFF\"\n  }\n}\n")
	fe := newFileEdits(f)
	s := f.resource("a", "b").Body.Blocks[0]
	fe.replace(s.Body.Attributes["logging_level"].Expr.Range(), `"ERROR"`)
	fe.replace(s.Body.Attributes["logging_level"].Expr.Range(), `"ERROR"`) // the same edit twice is one
	got := applied(t, fe)
	if !strings.Contains(got, `logging_level = "ERROR"`) || strings.Contains(got, "OFF") {
		t.Errorf("got %s", got)
	}
	if _, err := splice([]byte("abcdef"), []edit{{1, 3, "x"}, {2, 4, "y"}}); err == nil {
		t.Error("overlapping edits must be refused")
	}
}

func TestIndentLinesLeavesEmptyLinesEmpty(t *testing.T) {
	if got := indentLines("a\n\nb\n", "  ", "\n"); got != "  a\n\n  b\n" {
		t.Errorf("%q", got)
	}
}

func TestIgnoresChanges(t *testing.T) {
	for src, want := range map[string]bool{
		`lifecycle { ignore_changes = [access_log_settings] }`: true,
		`lifecycle { ignore_changes = all }`:                   true,
		`lifecycle { ignore_changes = [tags] }`:                false,
		`lifecycle { create_before_destroy = true }`:           false,
	} {
		f := mustParse(t, "resource \"a\" \"b\" {\n  "+src+"\n}\n")
		if got := ignoresChanges(f.resource("a", "b"), "access_log_settings"); got != want {
			t.Errorf("%s: %v", src, got)
		}
	}
}
