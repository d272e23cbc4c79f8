package main

import (
	"bufio"
	"bytes"
	"encoding/json"
	"encoding/xml"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"gopkg.in/yaml.v3"
)

// action is the part of action.yml the runner reads.
type action struct {
	Inputs map[string]struct {
		Default string `yaml:"default"`
	} `yaml:"inputs"`
	Runs struct {
		Using string       `yaml:"using"`
		Steps []actionStep `yaml:"steps"`
	} `yaml:"runs"`
}

type actionStep struct {
	Name  string            `yaml:"name"`
	ID    string            `yaml:"id"`
	If    string            `yaml:"if"`
	Uses  string            `yaml:"uses"`
	Shell string            `yaml:"shell"`
	Run   string            `yaml:"run"`
	Env   map[string]string `yaml:"env"`
}

func readAction(t *testing.T) action {
	t.Helper()
	data, err := os.ReadFile("action.yml")
	if err != nil {
		t.Fatal(err)
	}
	var a action
	if err := yaml.Unmarshal(data, &a); err != nil {
		t.Fatalf("action.yml: %v", err)
	}
	return a
}

// Inputs reach the scripts only through env: an expression in a script
// would let a crafted input run as shell code.
func TestActionScriptsTakeInputsFromTheEnvironment(t *testing.T) {
	a := readAction(t)
	if a.Runs.Using != "composite" {
		t.Fatalf("runs.using %q, want composite", a.Runs.Using)
	}
	for _, s := range a.Runs.Steps {
		if s.Run == "" {
			continue
		}
		if strings.Contains(s.Run, "${{") {
			t.Errorf("step %q: an expression in run:", s.Name)
		}
		if s.Shell != "bash" {
			t.Errorf("step %q: shell %q, want bash", s.Name, s.Shell)
		}
	}
	for _, name := range []string{"paths", "format", "output", "fail-on", "args"} {
		if _, ok := a.Inputs[name]; !ok {
			t.Errorf("no input %q", name)
		}
	}
}

// The action's run steps, run as the runner runs them (inputs through
// their env, GITHUB_OUTPUT, GITHUB_PATH and the step summary as files),
// against the Terragrunt live repository of testdata. The setup-go step
// is left out: this machine has Go, and the build is offline.
func TestActionStepsAgainstAFixture(t *testing.T) {
	t.Parallel() // mostly waits for builds; touches no process-wide state
	if testing.Short() {
		t.Skip("builds tfcomply: not with -short")
	}
	if _, err := exec.LookPath("bash"); err != nil {
		t.Skip("bash is not installed")
	}
	a := readAction(t)
	actionPath, _ := filepath.Abs(".")
	gobin := t.TempDir()
	cases := []struct {
		name     string
		inputs   map[string]string
		exit     int
		outputs  map[string]string
		report   string // file the report must be in, relative to the workspace
		contains string // what the log must show
		absent   string // a file that must not exist afterwards
	}{
		{"defaults: SARIF, failing dev", map[string]string{"paths": "live"}, 1,
			map[string]string{"exit-code": "1", "report": "tfcomply.sarif"}, "tfcomply.sarif", "FAIL  aws_api_gateway_stage.api", ""},
		{"fail-on never reports only", map[string]string{"paths": "live", "fail-on": "never"}, 0,
			map[string]string{"exit-code": "1"}, "tfcomply.sarif", "Root live/dev/api", ""},
		{"JUnit to a chosen file, passing prod", map[string]string{"paths": "live/prod/api", "format": "junit", "output": "reports/junit.xml"}, 0,
			map[string]string{"exit-code": "0", "report": "reports/junit.xml"}, "reports/junit.xml", "1 passed", ""},
		{"extra args", map[string]string{"paths": "live/prod/api\nmodules", "args": "--profile strict --skip-dir modules"}, 1,
			map[string]string{"exit-code": "1"}, "tfcomply.sarif", "FAIL  aws_api_gateway_stage.api", ""},
		{"text to the log only", map[string]string{"paths": "live/prod/api", "format": "text", "summary": "false"}, 0,
			map[string]string{"report": ""}, "", "Summary: 1 stage: 1 passed", ""},
		// Inputs are data: shell syntax in them is not run.
		{"inputs are not shell code", map[string]string{"paths": "$(touch pwned) `touch pwned2`", "args": "; touch pwned3"}, 2,
			map[string]string{"exit-code": "2"}, "", "cannot read path", "pwned"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			work := t.TempDir()
			copyTree(t, filepath.Join("testdata", "terragrunt"), work)
			os.Mkdir(filepath.Join(work, ".git"), 0o755) // the workspace is a checkout
			runner := newRunner(t, actionPath, gobin)
			log, code := runner.run(t, a, c.inputs, work)
			if code != c.exit {
				t.Fatalf("exit %d, want %d\n%s", code, c.exit, log)
			}
			if !strings.Contains(log, c.contains) {
				t.Errorf("log does not show %q:\n%s", c.contains, log)
			}
			outs := runner.outputs(t)
			for k, want := range c.outputs {
				if outs[k] != want {
					t.Errorf("output %s = %q, want %q (all: %v)", k, outs[k], want, outs)
				}
			}
			if c.report != "" {
				checkReport(t, filepath.Join(work, c.report))
			}
			if c.absent != "" {
				if m, _ := filepath.Glob(filepath.Join(work, c.absent+"*")); len(m) > 0 {
					t.Errorf("an input ran as shell code: %v", m)
				}
			}
			summary, _ := os.ReadFile(runner.summary)
			if sum := c.inputs["summary"] != "false"; sum != (len(summary) > 0) {
				t.Errorf("job summary %q (summary input %q)", summary, c.inputs["summary"])
			}
		})
	}
}

// checkReport checks that a report file parses as what its name says.
func checkReport(t *testing.T, path string) {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("report: %v", err)
	}
	switch {
	case strings.HasSuffix(path, ".sarif"):
		var sarif struct {
			Version string `json:"version"`
			Runs    []struct {
				Results []json.RawMessage `json:"results"`
			} `json:"runs"`
		}
		if err := json.Unmarshal(data, &sarif); err != nil || sarif.Version != "2.1.0" || len(sarif.Runs) != 1 || len(sarif.Runs[0].Results) == 0 {
			t.Errorf("%s is not SARIF 2.1.0 with results: %v\n%.300s", path, err, data)
		}
	case strings.HasSuffix(path, ".xml"):
		var suites struct {
			XMLName xml.Name
		}
		if err := xml.Unmarshal(data, &suites); err != nil || suites.XMLName.Local != "testsuites" {
			t.Errorf("%s is not JUnit XML: %v\n%.300s", path, err, data)
		}
	}
}

// runner plays GitHub's runner for composite run steps.
type runner struct {
	actionPath, gobin     string
	output, path, summary string
	env                   []string
}

func newRunner(t *testing.T, actionPath, gobin string) *runner {
	dir := t.TempDir()
	r := &runner{actionPath: actionPath, gobin: gobin,
		output: filepath.Join(dir, "output"), path: filepath.Join(dir, "path"), summary: filepath.Join(dir, "summary")}
	for _, f := range []string{r.output, r.path, r.summary} {
		os.WriteFile(f, nil, 0o644)
	}
	r.env = append(append(os.Environ(), offlineBuildEnv(t)...),
		"GITHUB_ACTION_PATH="+actionPath, "GITHUB_OUTPUT="+r.output, "GITHUB_PATH="+r.path, "GITHUB_STEP_SUMMARY="+r.summary,
		"GOBIN="+gobin)
	return r
}

var inputExpr = regexp.MustCompile(`\$\{\{\s*inputs\.([A-Za-z0-9_-]+)\s*\}\}`)

// run runs the action's run steps in work, as the runner would, stopping
// at the first that fails; it returns the log and that step's exit code.
func (r *runner) run(t *testing.T, a action, inputs map[string]string, work string) (string, int) {
	t.Helper()
	var log bytes.Buffer
	for _, s := range a.Runs.Steps {
		if s.Run == "" {
			continue // uses: steps (setup-go)
		}
		env := append([]string{}, r.env...)
		env = append(env, "PATH="+r.pathDirs()+string(os.PathListSeparator)+os.Getenv("PATH"))
		for k, v := range s.Env {
			v = inputExpr.ReplaceAllStringFunc(v, func(m string) string {
				name := inputExpr.FindStringSubmatch(m)[1]
				if given, ok := inputs[name]; ok {
					return given
				}
				return a.Inputs[name].Default
			})
			env = append(env, k+"="+v)
		}
		cmd := exec.Command("bash", "--noprofile", "--norc", "-e", "-o", "pipefail", "-c", s.Run)
		cmd.Dir, cmd.Env = work, env
		cmd.Stdout, cmd.Stderr = &log, &log
		if err := cmd.Run(); err != nil {
			if ee, ok := err.(*exec.ExitError); ok {
				return log.String(), ee.ExitCode()
			}
			t.Fatalf("step %q: %v", s.Name, err)
		}
	}
	return log.String(), 0
}

// pathDirs are the directories steps added to GITHUB_PATH, last first.
func (r *runner) pathDirs() string {
	data, _ := os.ReadFile(r.path)
	var dirs []string
	for _, line := range strings.Split(strings.TrimSpace(string(data)), "\n") {
		if line != "" {
			dirs = append([]string{line}, dirs...)
		}
	}
	return strings.Join(dirs, string(os.PathListSeparator))
}

// outputs are the step outputs written to GITHUB_OUTPUT (name=value lines).
func (r *runner) outputs(t *testing.T) map[string]string {
	f, err := os.Open(r.output)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	out := map[string]string{}
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		if k, v, ok := strings.Cut(sc.Text(), "="); ok {
			out[k] = v
		}
	}
	return out
}

func copyTree(t *testing.T, from, to string) {
	t.Helper()
	err := filepath.Walk(from, func(p string, info os.FileInfo, err error) error {
		if err != nil || info.IsDir() {
			return err
		}
		rel, _ := filepath.Rel(from, p)
		copyFile(t, p, filepath.Join(to, rel))
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}
