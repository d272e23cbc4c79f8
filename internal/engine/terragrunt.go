package engine

import (
	"github.com/tfcomply/tfcomply/internal/hclload"
	"github.com/tfcomply/tfcomply/internal/terragrunt"
)

// localCallsIn lists the directories dir runs as modules through local
// sources: those its module blocks call (read through the scan's files)
// and, for a Terragrunt unit, the module its terraform.source names. A
// unit's configuration is read and evaluated for this with a parser of its
// own, and again when the unit is loaded. base is the PATH dir was found
// under, the tree Terragrunt configuration may be read from.
func localCallsIn(files *hclload.Files, dir, base string) []string {
	calls := files.LocalCalls(dir)
	if terragrunt.IsUnit(dir) {
		calls = append(calls, terragrunt.ModuleDirs(dir, base)...)
	}
	return calls
}
