// Command tfcomply checks Terraform for compliance controls before anything
// is applied. This file only wires flags to the engine and the reports.
package main

import (
	"errors"
	"fmt"
	"os"

	"github.com/spf13/cobra"
)

// Exit codes.
const (
	exitOK      = 0
	exitFailed  = 1
	exitProblem = 2
)

// exitError carries an exit code out of a command.
type exitError struct{ code int }

func (e exitError) Error() string { return fmt.Sprintf("exit %d", e.code) }

func main() {
	os.Exit(run(os.Args[1:]))
}

func run(args []string) int {
	root := &cobra.Command{
		Use:           "tfcomply",
		Short:         "Check Terraform for compliance controls before anything is applied",
		SilenceUsage:  true,
		SilenceErrors: true,
		Version:       version(),
	}
	root.AddCommand(newScanCommand(), newFixCommand(), newEstimateCommand(), newControlsCommand(), newFrameworksCommand())
	root.SetArgs(terraformStyleFlags(args))
	err := root.Execute()
	var ee exitError
	switch {
	case err == nil:
		return exitOK
	case errors.As(err, &ee):
		return ee.code
	default:
		fmt.Fprintln(os.Stderr, "tfcomply:", err)
		return exitProblem
	}
}
