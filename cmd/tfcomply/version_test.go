package main

import (
	"runtime/debug"
	"testing"
)

func TestVersionFrom(t *testing.T) {
	rev := debug.BuildSetting{Key: "vcs.revision", Value: "3f2a1bc9d8e7f6a5b4c3d2e1f0a9b8c7d6e5f4a3"}
	cases := []struct {
		info debug.BuildInfo
		want string
	}{
		{debug.BuildInfo{Main: debug.Module{Version: "v1.2.3"}}, "v1.2.3"},
		{debug.BuildInfo{Main: debug.Module{Version: "(devel)"}, Settings: []debug.BuildSetting{rev}}, "dev+3f2a1bc9d8e7"},
		{debug.BuildInfo{Main: debug.Module{Version: "(devel)"}, Settings: []debug.BuildSetting{rev, {Key: "vcs.modified", Value: "true"}}}, "dev+3f2a1bc9d8e7.dirty"},
		{debug.BuildInfo{Main: debug.Module{Version: "(devel)"}}, "dev"},
	}
	for _, c := range cases {
		if got := versionFrom(&c.info); got != c.want {
			t.Errorf("versionFrom(%+v) = %q, want %q", c.info.Main, got, c.want)
		}
	}
}
