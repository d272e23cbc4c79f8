package terragrunt

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"strings"

	"github.com/hashicorp/hcl/v2"
	"github.com/tfcomply/tfcomply/internal/model"
	"github.com/tfcomply/tfcomply/internal/paths"
	"github.com/tfcomply/tfcomply/internal/tffuncs"
	"github.com/zclconf/go-cty/cty"
	"github.com/zclconf/go-cty/cty/function"
	ctyjson "github.com/zclconf/go-cty/cty/json"
)

// defaultParentName is what find_in_parent_folders() looks for when given
// no name: terragrunt.hcl, as Terragrunt still does (it recommends naming
// the root configuration root.hcl and passing that name).
const defaultParentName = "terragrunt.hcl"

// maxParentFolders bounds find_in_parent_folders' walk up, as Terragrunt's.
const maxParentFolders = 100

// The Terraform commands Terragrunt's helper functions list, for
// extra_arguments blocks; tfcomply evaluates as `plan` does.
var (
	commandsNeedingVars        = []string{"apply", "console", "destroy", "import", "plan", "push", "refresh"}
	commandsNeedingInput       = []string{"apply", "import", "init", "plan", "refresh"}
	commandsNeedingLocking     = []string{"apply", "destroy", "import", "init", "plan", "refresh", "taint", "untaint"}
	commandsNeedingParallelism = []string{"apply", "plan", "destroy"}
)

// functions are Terraform's built-in functions (file functions reading
// only inside the scanned tree, relative to get_terragrunt_dir()) and
// Terragrunt's. Those that would run a command or call a cloud API give
// an unknown value that says so, and a warning.
func (s *scope) functions() map[string]function.Function {
	fa := tffuncs.FileAccess{BaseDir: s.tgDir, Allowed: []string{s.l.tree}, Warn: func(path, why string) {
		s.note(fmt.Sprintf("%q was not read: %s; what is computed from it is unknown", path, why))
	}}
	t := tffuncs.Table(fa)
	dirFunc := func(dir func() string) function.Function {
		return fixed(func() (cty.Value, error) { return cty.StringVal(dir()), nil })
	}
	t["get_terragrunt_dir"] = dirFunc(func() string { return s.tgDir })
	t["get_original_terragrunt_dir"] = dirFunc(func() string { return s.origDir })
	t["get_parent_terragrunt_dir"] = optionalStrings(1, func(args []string) (cty.Value, error) {
		inc, err := s.selectInclude(args)
		if err != nil || inc == nil {
			return cty.StringVal(filepath.Dir(s.cfgPath)), err
		}
		return cty.StringVal(filepath.Dir(inc.path)), nil
	})
	t["path_relative_to_include"] = optionalStrings(1, func(args []string) (cty.Value, error) {
		return s.relativeInclude(args, true)
	})
	t["path_relative_from_include"] = optionalStrings(1, func(args []string) (cty.Value, error) {
		return s.relativeInclude(args, false)
	})
	t["find_in_parent_folders"] = optionalStrings(2, s.findInParentFolders)
	t["get_env"] = function.New(&function.Spec{
		Params:   []function.Parameter{{Name: "name", Type: cty.String}},
		VarParam: &function.Parameter{Name: "default", Type: cty.String},
		Type:     function.StaticReturnType(cty.String),
		Impl: func(args []cty.Value, _ cty.Type) (cty.Value, error) {
			if len(args) > 2 {
				return cty.NilVal, errors.New("get_env takes a name and at most one default")
			}
			name := args[0].AsString()
			if v, ok := s.l.environ[name]; ok {
				return cty.StringVal(v), nil
			}
			if len(args) == 2 {
				return args[1], nil
			}
			s.note(fmt.Sprintf("environment variable %s is not set, and get_env gives no default (Terragrunt would stop here)", name))
			return cty.UnknownVal(cty.String).Mark(model.Origin{Reason: fmt.Sprintf("get_env(%q) reads an environment variable that is not set", name)}), nil
		},
	})
	t["get_platform"] = fixed(func() (cty.Value, error) { return cty.StringVal(runtime.GOOS), nil })
	t["get_repo_root"] = fixed(func() (cty.Value, error) {
		root, err := s.repoRoot()
		return cty.StringVal(root), err
	})
	t["get_path_from_repo_root"] = fixed(func() (cty.Value, error) {
		root, err := s.repoRoot()
		if err != nil {
			return cty.NilVal, err
		}
		rel, err := filepath.Rel(root, s.tgDir)
		return cty.StringVal(filepath.ToSlash(rel)), err
	})
	t["get_path_to_repo_root"] = fixed(func() (cty.Value, error) {
		root, err := s.repoRoot()
		if err != nil {
			return cty.NilVal, err
		}
		rel, err := filepath.Rel(s.tgDir, root)
		return cty.StringVal(filepath.ToSlash(rel)), err
	})
	t["get_terraform_command"] = fixed(func() (cty.Value, error) { return cty.StringVal("plan"), nil })
	t["get_terraform_cli_args"] = fixed(func() (cty.Value, error) { return cty.ListValEmpty(cty.String), nil })
	t["get_default_retryable_errors"] = fixed(func() (cty.Value, error) { return cty.ListValEmpty(cty.String), nil })
	t["get_terragrunt_source_cli_flag"] = fixed(func() (cty.Value, error) {
		for _, name := range []string{"TG_SOURCE", "TERRAGRUNT_SOURCE"} {
			if v, ok := s.l.environ[name]; ok {
				return cty.StringVal(v), nil
			}
		}
		return cty.StringVal(""), nil
	})
	for name, list := range map[string][]string{
		"get_terraform_commands_that_need_vars":        commandsNeedingVars,
		"get_terraform_commands_that_need_input":       commandsNeedingInput,
		"get_terraform_commands_that_need_locking":     commandsNeedingLocking,
		"get_terraform_commands_that_need_parallelism": commandsNeedingParallelism,
	} {
		vals := make([]cty.Value, len(list))
		for i, c := range list {
			vals[i] = cty.StringVal(c)
		}
		t[name] = fixed(func() (cty.Value, error) { return cty.ListVal(vals), nil })
	}
	t["mark_as_read"] = function.New(&function.Spec{
		Params: []function.Parameter{{Name: "path", Type: cty.String}},
		Type:   function.StaticReturnType(cty.String),
		Impl:   func(args []cty.Value, _ cty.Type) (cty.Value, error) { return args[0], nil },
	})
	// What needs a command, a cloud API or a secret is not done.
	t["run_cmd"] = s.notDone("run_cmd", "runs a command, and tfcomply runs nothing from the code it scans")
	t["get_working_dir"] = s.notDone("get_working_dir", "names the directory Terragrunt copies the module into when it runs")
	t["sops_decrypt_file"] = s.notDone("sops_decrypt_file", "decrypts a file with keys tfcomply does not use")
	for _, name := range []string{"get_aws_account_id", "get_aws_account_alias", "get_aws_caller_identity_arn", "get_aws_caller_identity_user_id"} {
		t[name] = s.notDone(name, "asks AWS with the caller's credentials, and tfcomply calls no cloud API")
	}
	t["read_terragrunt_config"] = function.New(&function.Spec{
		Params:   []function.Parameter{{Name: "config_path", Type: cty.String}},
		VarParam: &function.Parameter{Name: "default", Type: cty.DynamicPseudoType, AllowNull: true},
		Type: func(args []cty.Value) (cty.Type, error) {
			return cty.DynamicPseudoType, nil
		},
		Impl: func(args []cty.Value, _ cty.Type) (cty.Value, error) {
			if len(args) > 2 {
				return cty.NilVal, errors.New("read_terragrunt_config takes a path and at most one default")
			}
			return s.readTerragruntConfig(args[0].AsString(), args[1:])
		},
	})
	t["read_tfvars_file"] = function.New(&function.Spec{
		Params: []function.Parameter{{Name: "path", Type: cty.String}},
		Type:   function.StaticReturnType(cty.String),
		Impl: func(args []cty.Value, _ cty.Type) (cty.Value, error) {
			return s.readTfvarsFile(args[0].AsString(), t["file"])
		},
	})
	return t
}

// fixed is a function without parameters.
func fixed(impl func() (cty.Value, error)) function.Function {
	return function.New(&function.Spec{
		Type: func([]cty.Value) (cty.Type, error) {
			v, err := impl()
			if err != nil {
				return cty.DynamicPseudoType, nil
			}
			return v.Type(), nil
		},
		Impl: func([]cty.Value, cty.Type) (cty.Value, error) { return impl() },
	})
}

// optionalStrings is a function of at most max string arguments.
func optionalStrings(max int, impl func(args []string) (cty.Value, error)) function.Function {
	return function.New(&function.Spec{
		VarParam: &function.Parameter{Name: "args", Type: cty.String},
		Type:     function.StaticReturnType(cty.String),
		Impl: func(args []cty.Value, _ cty.Type) (cty.Value, error) {
			if len(args) > max {
				return cty.NilVal, fmt.Errorf("takes at most %d arguments, not %d", max, len(args))
			}
			strs := make([]string, len(args))
			for i, a := range args {
				strs[i] = a.AsString()
			}
			return impl(strs)
		},
	})
}

// notDone is a function tfcomply does not carry out: its value is unknown,
// and a warning says so where it is called.
func (s *scope) notDone(name, why string) function.Function {
	return function.New(&function.Spec{
		VarParam: &function.Parameter{Name: "args", Type: cty.DynamicPseudoType, AllowNull: true, AllowUnknown: true},
		Type:     function.StaticReturnType(cty.String),
		Impl: func(args []cty.Value, _ cty.Type) (cty.Value, error) {
			s.note(fmt.Sprintf("%s() is not evaluated: it %s; its value is unknown", name, why))
			return cty.UnknownVal(cty.String).Mark(model.Origin{Reason: fmt.Sprintf("%s() %s", name, why)}), nil
		},
	})
}

// selectInclude chooses the include the path functions answer for: the one
// being evaluated (in an included configuration), the only one, or the one
// named (with several).
func (s *scope) selectInclude(args []string) (*include, error) {
	if s.original != nil {
		return s.original, nil
	}
	switch {
	case len(s.includes) == 0:
		return nil, nil
	case len(s.includes) == 1 && len(args) == 0:
		return s.includes[0], nil
	case len(args) == 0:
		return nil, errors.New("this configuration has several include blocks: name the one meant, as in path_relative_to_include(\"root\")")
	}
	for _, inc := range s.includes {
		if inc.label == args[0] {
			return inc, nil
		}
	}
	return nil, fmt.Errorf("there is no include block named %q", args[0])
}

// relativeInclude is path_relative_to_include (to: the path from the
// included configuration's directory to the unit's) and
// path_relative_from_include (the other way).
func (s *scope) relativeInclude(args []string, to bool) (cty.Value, error) {
	inc, err := s.selectInclude(args)
	if err != nil {
		return cty.NilVal, err
	}
	if inc == nil {
		return cty.StringVal("."), nil
	}
	incDir, here := filepath.Dir(inc.path), filepath.Dir(s.cfgPath)
	from, target := incDir, here
	if !to {
		from, target = here, incDir
	}
	rel, err := filepath.Rel(from, target)
	if err != nil {
		return cty.NilVal, err
	}
	return cty.StringVal(filepath.ToSlash(rel)), nil
}

// findInParentFolders looks for a file (or directory) by name in the
// folders above the configuration, nearest first, within the scanned tree.
func (s *scope) findInParentFolders(args []string) (cty.Value, error) {
	name := defaultParentName
	if len(args) > 0 && args[0] != "" {
		name = args[0]
	}
	start := filepath.Dir(s.cfgPath)
	dir := start
	for i := 0; i < maxParentFolders; i++ {
		parent := filepath.Dir(dir)
		if parent == dir || !paths.Within(s.l.tree, realPath(parent)) {
			break
		}
		dir = parent
		candidate := filepath.Join(dir, name)
		if _, err := os.Stat(candidate); err == nil {
			return cty.StringVal(candidate), nil
		}
	}
	if len(args) > 1 {
		return cty.StringVal(args[1]), nil
	}
	err := fmt.Errorf("no %s in any folder above %s (within the scanned tree)", name, s.l.display(start))
	if len(args) == 0 || args[0] == "" {
		if found, _ := s.findInParentFolders([]string{"root.hcl", ""}); found.AsString() != "" {
			err = fmt.Errorf("%v: without a name, find_in_parent_folders() looks for %s; to include %s, name it: find_in_parent_folders(\"root.hcl\")",
				err, defaultParentName, s.l.display(found.AsString()))
		}
	}
	return cty.NilVal, err
}

func (s *scope) repoRoot() (string, error) {
	root := paths.GitRoot(s.tgDir)
	if root == "" {
		return "", fmt.Errorf("%s is not in a git repository", s.l.display(s.tgDir))
	}
	return root, nil
}

// readTerragruntConfig is read_terragrunt_config: the configuration at path
// evaluated in its own directory, its includes merged, as a value.
func (s *scope) readTerragruntConfig(path string, def []cty.Value) (cty.Value, error) {
	l := s.l
	if !filepath.IsAbs(path) {
		path = filepath.Join(s.tgDir, path)
	}
	path = filepath.Clean(path)
	if _, err := os.Stat(path); os.IsNotExist(err) && len(def) == 1 {
		return def[0], nil
	}
	if why := l.readable(path); why != "" {
		if why == "it does not exist" {
			return cty.NilVal, fmt.Errorf("%s does not exist", l.display(path))
		}
		s.note(fmt.Sprintf("%q was not read: %s; what is computed from it is unknown", path, why))
		return cty.DynamicVal.Mark(model.Origin{Reason: fmt.Sprintf("read_terragrunt_config(%q) was not read: %s", l.display(path), why)}), nil
	}
	for _, p := range l.reading {
		if samePath(p, path) {
			return cty.NilVal, fmt.Errorf("%s reads itself through read_terragrunt_config", l.display(path))
		}
	}
	if len(l.reading) >= maxReadDepth {
		return cty.NilVal, fmt.Errorf("more than %d read_terragrunt_config calls within each other", maxReadDepth)
	}
	l.reading = append(l.reading, path)
	defer func() { l.reading = l.reading[:len(l.reading)-1] }()
	rs := newScope(l, path, filepath.Dir(path), path, s.origDir)
	at := hcl.Range{Filename: s.file}
	cfg := l.evalConfig(path, rs, nil, &at)
	return cfg.value(), nil
}

// readTfvarsFile is read_tfvars_file: the variables a .tfvars (or
// .tfvars.json) file sets, as JSON text.
func (s *scope) readTfvarsFile(path string, file function.Function) (cty.Value, error) {
	content, err := file.Call([]cty.Value{cty.StringVal(path)})
	if err != nil {
		return cty.NilVal, err
	}
	if !content.IsKnown() {
		return content, nil // not read: file says why
	}
	abs := path
	if !filepath.IsAbs(abs) {
		abs = filepath.Join(s.tgDir, abs)
	}
	src := []byte(content.AsString())
	var f *hcl.File
	var diags hcl.Diagnostics
	if strings.HasSuffix(path, ".json") {
		f, diags = s.l.parser.ParseJSON(src, abs)
	} else {
		f, diags = s.l.parser.ParseHCL(src, abs)
	}
	if diags.HasErrors() || f == nil {
		return cty.NilVal, fmt.Errorf("%s: %s", path, diags.Error())
	}
	attrs, diags := f.Body.JustAttributes()
	if diags.HasErrors() {
		return cty.NilVal, fmt.Errorf("%s: %s", path, diags.Error())
	}
	vals := map[string]cty.Value{}
	for name, a := range attrs {
		v, d := a.Expr.Value(nil)
		if d.HasErrors() {
			return cty.NilVal, fmt.Errorf("%s: %s", path, d.Error())
		}
		vals[name] = v
	}
	obj := cty.ObjectVal(vals)
	text, err := ctyjson.Marshal(obj, obj.Type())
	if err != nil {
		return cty.NilVal, err
	}
	return cty.StringVal(string(text)), nil
}
