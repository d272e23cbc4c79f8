//go:build !unix

package modfetch

import "os/exec"

// detach: on systems without sessions, a timeout ends git itself
// (exec.CommandContext's default).
func detach(cmd *exec.Cmd) {}
