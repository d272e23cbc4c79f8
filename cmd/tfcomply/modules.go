package main

import (
	"context"

	"github.com/tfcomply/tfcomply/internal/engine"
	"github.com/tfcomply/tfcomply/internal/hclload"
	"github.com/tfcomply/tfcomply/internal/model"
	"github.com/tfcomply/tfcomply/internal/modfetch"
)

// moduleFetcher lets the evaluator find remote modules through modfetch:
// installed by terraform init, in the module cache, or fetched (never with
// --offline or TFCOMPLY_OFFLINE).
type moduleFetcher struct{ f *modfetch.Fetcher }

func newModuleFetcher(environ []string, offline bool) moduleFetcher {
	cfg := modfetch.NewConfig(environ)
	cfg.Offline = cfg.Offline || offline
	return moduleFetcher{f: modfetch.New(cfg)}
}

func (m moduleFetcher) FetchModule(req hclload.ModuleRequest) (hclload.FetchedModule, error) {
	r := modfetch.Request{Source: req.Source, Version: req.Version}
	if in := req.Installed; in != nil {
		r.Installed = &modfetch.Installed{Dir: in.Dir, Source: in.Source, Version: in.Version}
	}
	mod, err := m.f.Fetch(context.Background(), r)
	return hclload.FetchedModule{Dir: mod.Dir, PackageDir: mod.PackageDir, Display: mod.Display, Warnings: mod.Warnings}, err
}

// problems are the warnings of reading Terraform's CLI configuration, when
// a fetch read it.
func (m moduleFetcher) problems() []engine.Problem {
	var out []engine.Problem
	for _, p := range m.f.CLIConfigProblems() {
		out = append(out, engine.Problem{Problem: model.Problem{Severity: "warning", Message: p}})
	}
	return out
}
