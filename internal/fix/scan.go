package fix

import (
	"sync"

	"github.com/tfcomply/tfcomply/internal/controls"
	"github.com/tfcomply/tfcomply/internal/controls/apigateway"
	"github.com/tfcomply/tfcomply/internal/engine"
	"github.com/tfcomply/tfcomply/internal/model"
	"github.com/tfcomply/tfcomply/internal/result"
)

// evaluated is one root as a scan evaluated it: its model and what the
// control reads of it.
type evaluated struct {
	name    string // as results name the root
	dir     string // its configuration directory, as the scan found it
	model   *model.Root
	facts   map[string]apigateway.StageLogging
	links   map[string][]apigateway.MethodSettingsLink
	hasRole bool
}

// scanned is a scan with the roots it evaluated.
type scanned struct {
	report *engine.Report
	roots  map[string]*evaluated
	// results are the control's verdicts by root and address.
	results map[stageKey]*result.Result
}

// stageKey names a stage instance across roots.
type stageKey struct{ root, addr string }

// scan runs the engine as scan does, keeping every root it evaluates.
func scan(paths []string, opts engine.Options) *scanned {
	s := &scanned{roots: map[string]*evaluated{}, results: map[stageKey]*result.Result{}}
	var mu sync.Mutex
	opts.RootLoaded = func(r *model.Root, root, configDir string) {
		ev := &evaluated{name: root, dir: configDir, model: r, facts: map[string]apigateway.StageLogging{},
			links: apigateway.MethodSettingsOf(r), hasRole: apigateway.HasCloudWatchRole(r)}
		for _, f := range apigateway.StageLoggingFacts(r) {
			ev.facts[f.Address] = f
		}
		mu.Lock()
		defer mu.Unlock()
		s.roots[root] = ev
	}
	s.report = engine.Scan(paths, opts)
	for i := range s.report.Results {
		r := &s.report.Results[i]
		if r.Kind == result.KindControl && r.Control == controls.StageLogging.ID {
			s.results[stageKey{r.Root, r.Address}] = r
		}
	}
	return s
}

// failing reports whether a verdict fails the run: under the profile, or,
// when frameworks are chosen, under any of theirs (as scan's exit code).
func failing(r *result.Result, frameworks []string) bool {
	return r.VerdictUnder(frameworks) == result.Fail
}
