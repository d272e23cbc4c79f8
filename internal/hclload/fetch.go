package hclload

// ModuleFetcher finds the modules of calls whose source is not a local
// path, as terraform init would: installed ones, a cache, the network.
// internal/modfetch provides one; without one (Options.Modules nil) only
// modules installed in .terraform/modules are read.
type ModuleFetcher interface {
	// FetchModule returns where the module is, or an error that says,
	// for a person, why it is not evaluated and what to do.
	FetchModule(req ModuleRequest) (FetchedModule, error)
}

// ModuleRequest is a module call whose source is not local.
type ModuleRequest struct {
	Source  string // as written
	Version string // the version constraint, "" when none
	// Installed is what .terraform/modules/modules.json records for the
	// call, nil when it records nothing (or the call is in a fetched
	// package, which the manifest does not describe).
	Installed *InstalledModule
}

// InstalledModule is a module recorded by terraform init.
type InstalledModule struct {
	Dir     string // absolute
	Source  string // as recorded ("registry.terraform.io/x/y/aws")
	Version string
}

// FetchedModule is where a call's module is.
type FetchedModule struct {
	Dir string
	// PackageDir is the fetched package that holds Dir; "" for an
	// installed module. Local sources in a package resolve within it, and
	// its files are named Display + "//" + their path in it.
	PackageDir string
	Display    string
	// Warnings are reported at the call even when Dir is found (an
	// installed copy out of date with the configuration).
	Warnings []string
}

// modulePackage is the fetched package a module was loaded from.
type modulePackage struct {
	dir     string // absolute
	display string // see FetchedModule.Display
}
