package main

import "runtime/debug"

// buildVersion is set by release builds (-ldflags "-X main.buildVersion=v1.2.3").
var buildVersion = ""

// version names the build: the release tag when there is one (-ldflags, or
// the module version `go install ...@v1.2.3` records), otherwise the commit
// it was built from, which `go build` in a git clone records
// ("dev+3f2a1bc", "dev+3f2a1bc.dirty" with uncommitted changes).
func version() string {
	if buildVersion != "" {
		return buildVersion
	}
	info, ok := debug.ReadBuildInfo()
	if !ok {
		return "dev"
	}
	return versionFrom(info)
}

func versionFrom(info *debug.BuildInfo) string {
	if v := info.Main.Version; v != "" && v != "(devel)" {
		return v
	}
	var rev string
	dirty := false
	for _, s := range info.Settings {
		switch s.Key {
		case "vcs.revision":
			rev = s.Value
		case "vcs.modified":
			dirty = s.Value == "true"
		}
	}
	if rev == "" {
		return "dev"
	}
	if len(rev) > 12 {
		rev = rev[:12]
	}
	v := "dev+" + rev
	if dirty {
		v += ".dirty"
	}
	return v
}
