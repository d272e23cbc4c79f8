package engine

import (
	"fmt"
	"path/filepath"
	"sort"
	"strings"

	"github.com/tfcomply/tfcomply/internal/paths"
	"github.com/tfcomply/tfcomply/internal/result"
)

// rootSet splits the directories found under the scanned paths into roots
// (what a user runs `terraform plan` in) and modules (directories another
// scanned directory calls through a local source). A module's resources are
// reported through each root that calls it, never on their own.
type rootSet struct {
	roots   []string
	modules map[string][]string // absolute module dir -> the scanned dirs that call it, as found
}

// splitRootsBy decides which directories are roots, given the function that
// lists the directories a directory calls through local sources. A
// directory nobody calls stays a root (examples, wrappers, a module
// library's modules). Directories called only from within a loop of calls
// (a -> b -> a) would leave no root to report them through, so the first of
// each such group stays a root.
func splitRootsBy(dirs []string, localCalls func(dir string) []string) rootSet {
	abs := make(map[string]string, len(dirs)) // absolute -> as found
	lower := map[string][]string{}            // lower-case absolute -> absolute, for sources written with other letter case
	for i, a := range paths.AbsAll(dirs) {
		d := dirs[i]
		abs[a] = d
		lower[strings.ToLower(a)] = append(lower[strings.ToLower(a)], a)
	}
	calls := map[string][]string{} // caller -> callees, absolute
	called := map[string][]string{}
	for a := range abs {
		for _, target := range localCalls(a) {
			if _, ok := abs[target]; !ok {
				// Written on a case-insensitive file system: the same
				// directory when exactly one matches.
				if m := lower[strings.ToLower(target)]; len(m) == 1 {
					target = m[0]
				} else {
					continue
				}
			}
			if target == a {
				continue // a module that calls itself is an error evaluation reports
			}
			calls[a] = append(calls[a], target)
			called[target] = append(called[target], abs[a])
		}
	}
	sorted := make([]string, 0, len(abs))
	for a := range abs {
		sorted = append(sorted, a)
	}
	sort.Strings(sorted)
	reached := map[string]bool{}
	var visit func(string)
	visit = func(a string) {
		if reached[a] {
			return
		}
		reached[a] = true
		for _, c := range calls[a] {
			visit(c)
		}
	}
	set := rootSet{modules: map[string][]string{}}
	isRoot := map[string]bool{}
	for _, a := range sorted {
		if len(called[a]) == 0 {
			isRoot[a] = true
			visit(a)
		}
	}
	for _, a := range sorted {
		if !reached[a] {
			isRoot[a] = true
			visit(a)
		}
	}
	for _, a := range sorted {
		if isRoot[a] {
			set.roots = append(set.roots, abs[a])
			continue
		}
		{
			callers := called[a]
			sort.Strings(callers)
			set.modules[a] = callers
		}
	}
	sort.Strings(set.roots)
	return set
}

// markAlone says on a result that it comes from a module directory
// evaluated on its own (--all-dirs): its inputs are the variables'
// defaults, not what any caller passes.
func markAlone(res *result.Result, j job) {
	res.ModuleAlone = true
	names := make([]string, len(j.callers))
	for i, c := range j.callers {
		names[i] = displayDir(j.base, c)
	}
	callers := strings.Join(names, ", ")
	if len(names) > 3 {
		callers = fmt.Sprintf("%s and %d more", strings.Join(names[:3], ", "), len(names)-3)
	}
	res.Notes = append(res.Notes, fmt.Sprintf("module evaluated alone (--all-dirs) with its variables' defaults; it is called by %s, whose results say what is deployed", callers))
}

// displayDir names a directory relative to the scanned path, as results do.
func displayDir(base, dir string) string {
	if rel, err := filepath.Rel(base, dir); err == nil {
		return filepath.ToSlash(rel)
	}
	return dir
}
