package engine

import (
	"bufio"
	"fmt"
	"os"
	"strconv"
	"strings"
	"testing"
)

// An `expected` file beside a fixture lists, one per line:
//
//	VERDICT [ROOT:]ADDRESS aspect=STATUS ...   a control result of the default profile
//	strict VERDICT [ROOT:]ADDRESS              the verdict under the strict profile
//	reason [ROOT:]ADDRESS ASPECT "text"        the aspect's reason contains text
//	note [ROOT:]ADDRESS "text"                 a note contains text
//	advisory [ROOT:]ADDRESS NAME ["text"]      an advisory (its message contains text)
//	error FILE:LINE "text"                     an input error at FILE:LINE containing text
//
// ROOT is the root directory relative to the fixture ("." when left out).
// Control results and advisories must match exactly: nothing missing, nothing more.
type expectation struct {
	verdicts   map[string]string            // key -> verdict
	aspects    map[string]map[string]string // key -> aspect -> status
	strict     map[string]string
	reasons    []textCheck
	notes      []textCheck
	advisories map[string]string // key + "|" + name -> text ("" for any)
	errors     []textCheck
}

type textCheck struct {
	key, aspect, text string
	line              int
}

func readExpectation(path string) (*expectation, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	e := &expectation{verdicts: map[string]string{}, aspects: map[string]map[string]string{}, strict: map[string]string{}, advisories: map[string]string{}}
	sc := bufio.NewScanner(f)
	n := 0
	for sc.Scan() {
		n++
		line := strings.TrimSpace(sc.Text())
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		tok, err := tokens(line)
		if err != nil || len(tok) < 2 {
			return nil, fmt.Errorf("%s:%d: cannot read %q: %v", path, n, line, err)
		}
		bad := fmt.Errorf("%s:%d: malformed line %q", path, n, line)
		switch tok[0] {
		case "PASS", "FAIL", "UNKNOWN":
			k := key(tok[1])
			e.verdicts[k] = tok[0]
			e.aspects[k] = map[string]string{}
			for _, kv := range tok[2:] {
				a, s, ok := strings.Cut(kv, "=")
				if !ok {
					return nil, bad
				}
				e.aspects[k][a] = s
			}
		case "strict":
			if len(tok) != 3 {
				return nil, bad
			}
			e.strict[key(tok[2])] = tok[1]
		case "reason":
			if len(tok) != 4 {
				return nil, bad
			}
			e.reasons = append(e.reasons, textCheck{key: key(tok[1]), aspect: tok[2], text: tok[3], line: n})
		case "note":
			if len(tok) != 3 {
				return nil, bad
			}
			e.notes = append(e.notes, textCheck{key: key(tok[1]), text: tok[2], line: n})
		case "advisory":
			if len(tok) < 3 || len(tok) > 4 {
				return nil, bad
			}
			text := ""
			if len(tok) == 4 {
				text = tok[3]
			}
			e.advisories[key(tok[1])+"|"+tok[2]] = text
		case "error":
			if len(tok) != 3 {
				return nil, bad
			}
			e.errors = append(e.errors, textCheck{key: tok[1], text: tok[2], line: n})
		default:
			return nil, bad
		}
	}
	return e, sc.Err()
}

// key normalises [ROOT:]ADDRESS to ROOT:ADDRESS. A colon inside an
// instance key (["a:b"]) is not a root separator.
func key(s string) string {
	if i := strings.Index(s, ":"); i > 0 && !strings.Contains(s[:i], "[") {
		return s
	}
	return ".:" + s
}

// tokens splits on spaces; a token that starts with a quote is a Go string.
func tokens(line string) ([]string, error) {
	var out []string
	for i := 0; i < len(line); {
		switch {
		case line[i] == ' ' || line[i] == '\t':
			i++
		case line[i] == '"':
			j := i + 1
			for ; j < len(line) && line[j] != '"'; j++ {
				if line[j] == '\\' {
					j++
				}
			}
			if j >= len(line) {
				return nil, fmt.Errorf("unterminated string")
			}
			s, err := strconv.Unquote(line[i : j+1])
			if err != nil {
				return nil, err
			}
			out = append(out, s)
			i = j + 1
		default:
			j := i
			for j < len(line) && line[j] != ' ' && line[j] != '\t' {
				j++
			}
			out = append(out, line[i:j])
			i = j
		}
	}
	return out, nil
}

// check compares a scan of dir with the expectation, for the default profile
// (rep) and the strict profile (strict).
func (e *expectation) check(t *testing.T, rep, strict *Report) {
	t.Helper()
	got := map[string]bool{}
	gotAdv := map[string]bool{}
	for _, r := range rep.Results {
		k := rootKey(r.Root) + ":" + r.Address
		if r.IsAdvisory() {
			name := strings.TrimPrefix(r.Control, "apigateway_stage_logging_enabled.")
			gotAdv[k+"|"+name] = true
			want, ok := e.advisories[k+"|"+name]
			if !ok {
				t.Errorf("unexpected advisory %s on %s: %s", name, k, r.Message)
			} else if !strings.Contains(r.Message, want) {
				t.Errorf("advisory %s on %s: message %q does not contain %q", name, k, r.Message, want)
			}
			continue
		}
		got[k] = true
		want, ok := e.verdicts[k]
		if !ok {
			t.Errorf("unexpected result %s %s (%s)", r.Verdict, k, r.Message)
			continue
		}
		if string(r.Verdict) != want {
			t.Errorf("%s: verdict %s, want %s (aspects %v)", k, r.Verdict, want, r.Aspects)
		}
		for a, s := range e.aspects[k] {
			if string(r.Aspects[a].Status) != s {
				t.Errorf("%s: %s is %s (%s), want %s", k, a, r.Aspects[a].Status, r.Aspects[a].Reason, s)
			}
		}
		if len(r.Frameworks) == 0 || len(r.References) == 0 {
			t.Errorf("%s: result lacks frameworks or references", k)
		}
	}
	for k := range e.verdicts {
		if !got[k] {
			t.Errorf("missing result for %s", k)
		}
	}
	for k := range e.advisories {
		if !gotAdv[k] {
			t.Errorf("missing advisory %s", k)
		}
	}
	find := func(rep *Report, k string) (int, bool) {
		for i, r := range rep.Results {
			if !r.IsAdvisory() && rootKey(r.Root)+":"+r.Address == k {
				return i, true
			}
		}
		return 0, false
	}
	for _, c := range e.reasons {
		if i, ok := find(rep, c.key); ok && !strings.Contains(rep.Results[i].Aspects[c.aspect].Reason, c.text) {
			t.Errorf("line %d: %s %s reason %q does not contain %q", c.line, c.key, c.aspect, rep.Results[i].Aspects[c.aspect].Reason, c.text)
		}
	}
	for _, c := range e.notes {
		if i, ok := find(rep, c.key); ok && !strings.Contains(strings.Join(rep.Results[i].Notes, "\n"), c.text) {
			t.Errorf("line %d: %s notes %q do not contain %q", c.line, c.key, rep.Results[i].Notes, c.text)
		}
	}
	for k, want := range e.strict {
		if i, ok := find(strict, k); !ok {
			t.Errorf("strict: missing result for %s", k)
		} else if string(strict.Results[i].Verdict) != want {
			t.Errorf("strict: %s verdict %s, want %s (aspects %v)", k, strict.Results[i].Verdict, want, strict.Results[i].Aspects)
		}
	}
	var errs []Problem
	for _, p := range rep.Problems {
		if p.Severity == "error" {
			errs = append(errs, p)
		}
	}
	for _, c := range e.errors {
		found := false
		for _, p := range errs {
			if fmt.Sprintf("%s:%d", p.File, p.Line) == c.key && strings.Contains(p.Message, c.text) {
				found = true
			}
		}
		if !found {
			t.Errorf("line %d: no error at %s containing %q; errors: %v", c.line, c.key, c.text, errs)
		}
	}
	if len(e.errors) == 0 && len(errs) > 0 {
		t.Errorf("unexpected errors: %v", errs)
	}
}

// scanIn scans paths (relative to dir) from dir, as a user working there
// would: reports name roots and files relative to the working directory.
func scanIn(t testing.TB, dir string, opts Options, paths ...string) *Report {
	t.Helper()
	if len(paths) == 0 {
		paths = []string{"."}
	}
	var rep *Report
	inDir(t, dir, func() { rep = Scan(paths, opts) })
	return rep
}

// inDir runs f with dir as the working directory.
func inDir(t testing.TB, dir string, f func()) {
	t.Helper()
	wd, err := os.Getwd()
	if err != nil {
		t.Fatal(err)
	}
	if err := os.Chdir(dir); err != nil {
		t.Fatal(err)
	}
	defer os.Chdir(wd)
	f()
}

// rootKey is the root as expected files name it: "." for the case's own
// directory, also when the input is its plan or state.
func rootKey(root string) string {
	if strings.HasSuffix(root, ".json") {
		return "."
	}
	return root
}
