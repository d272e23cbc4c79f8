package main

import "runtime/debug"

// buildVersion is set by release builds (-ldflags "-X main.buildVersion=v1.2.3").
var buildVersion = ""

func version() string {
	if buildVersion != "" {
		return buildVersion
	}
	if info, ok := debug.ReadBuildInfo(); ok && info.Main.Version != "" && info.Main.Version != "(devel)" {
		return info.Main.Version
	}
	return "dev"
}
