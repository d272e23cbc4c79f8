package engine

import (
	"os"
	"path/filepath"
	"strings"
)

// affectedRoots maps changed files to the roots whose plan they can
// change, as absolute directories, for Options.RootsOf:
//
//   - a file in a root's directory (.tf, .tofu, tfvars): that root;
//   - a file in a module's directory: every root that calls the module,
//     directly or through other modules (for Terragrunt, every unit whose
//     terraform.source names it);
//   - an .hcl file (a unit's terragrunt.hcl, root.hcl, env.hcl: what units
//     include or read, a terragrunt.hcl too, through
//     find_in_parent_folders()), hidden ones aside: every root at or below
//     its directory.
//
// Modules count too when --all-dirs evaluates them alone. A file in no
// root's or module's directory affects nothing.
func affectedRoots(changed []string, set rootSet) map[string]bool {
	roots := map[string]bool{}
	for _, r := range set.roots {
		abs, _ := filepath.Abs(r)
		roots[abs] = true
	}
	keep := map[string]bool{}
	visited := map[string]bool{}
	var climb func(dir string)
	climb = func(dir string) {
		if visited[dir] {
			return
		}
		visited[dir] = true
		if roots[dir] {
			keep[dir] = true
		}
		if callers, ok := set.modules[dir]; ok {
			keep[dir] = true // kept only under --all-dirs: see Scan
			for _, c := range callers {
				abs, _ := filepath.Abs(c)
				climb(abs)
			}
		}
	}
	for _, f := range changed {
		abs, err := filepath.Abs(f)
		if err != nil {
			continue
		}
		dir, name := filepath.Dir(abs), filepath.Base(abs)
		if st, err := os.Stat(abs); err == nil && st.IsDir() {
			dir, name = abs, ""
		}
		// Hidden .hcl files (.terraform.lock.hcl, .tflint.hcl) belong to
		// their directory only.
		if strings.HasSuffix(name, ".hcl") && !strings.HasPrefix(name, ".") {
			for r := range roots {
				if r == dir || strings.HasPrefix(r, dir+string(filepath.Separator)) {
					climb(r)
				}
			}
			continue
		}
		climb(dir)
	}
	return keep
}
