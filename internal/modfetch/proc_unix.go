//go:build unix

package modfetch

import (
	"os/exec"
	"syscall"
)

// detach runs cmd in a session of its own: without a controlling terminal,
// ssh and credential prompts fail at once instead of waiting for a person,
// and a timeout ends git together with the helpers it started (ssh,
// git-remote-https).
func detach(cmd *exec.Cmd) {
	cmd.SysProcAttr = &syscall.SysProcAttr{Setsid: true}
	cmd.Cancel = func() error {
		if cmd.Process == nil {
			return nil
		}
		return syscall.Kill(-cmd.Process.Pid, syscall.SIGKILL)
	}
}
