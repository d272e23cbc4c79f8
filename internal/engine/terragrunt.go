package engine

import (
	"github.com/tfcomply/tfcomply/internal/hclload"
	"github.com/tfcomply/tfcomply/internal/terragrunt"
)

// localCallsIn lists, reading through the scan's files, the directories dir runs as modules through local
// sources: those its module blocks call and, for a Terragrunt unit, the
// module its terraform.source names. base is the PATH dir was found under,
// the tree Terragrunt configuration may be read from.
func localCallsIn(files *hclload.Files, dir, base string) []string {
	calls := files.LocalCalls(dir)
	if terragrunt.IsUnit(dir) {
		calls = append(calls, terragrunt.ModuleDirs(dir, base)...)
	}
	return calls
}
