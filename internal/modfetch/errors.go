package modfetch

import (
	"errors"
	"fmt"
)

// fetchError is a fetch that failed, with what the user can do.
type fetchError struct {
	msg     string
	advice  string
	host    string // the host that could not be reached, for network errors
	network bool
}

func (e *fetchError) Error() string {
	if e.advice != "" {
		return e.msg + "; " + e.advice
	}
	return e.msg
}

// errUnsafe marks a package refused for what it holds (or its size).
type errUnsafe struct{ msg string }

func (e *errUnsafe) Error() string { return e.msg }

func unsafeErr(format string, a ...interface{}) error {
	return &errUnsafe{msg: fmt.Sprintf(format, a...)}
}

// describe is the reason a module call could not be fetched, for the
// "module not loaded" warning: the cause and what to do.
func describe(source string, err error) error {
	var fe *fetchError
	var ue *errUnsafe
	switch {
	case errors.As(err, &ue):
		return fmt.Errorf("its source %q could not be fetched: the package was refused: %s (nothing of it was kept)", source, ue.msg)
	case errors.As(err, &fe) && fe.advice != "":
		return fmt.Errorf("its source %q could not be fetched: %s; %s", source, fe.msg, fe.advice)
	case errors.As(err, &fe) && fe.network:
		where := ""
		if fe.host != "" {
			where = " to " + fe.host
		}
		return fmt.Errorf("its source %q could not be fetched: %s; check the network%s (and HTTPS_PROXY), or run terraform init where it can be reached; --offline skips fetching", source, fe.msg, where)
	case errors.As(err, &fe):
		return fmt.Errorf("its source %q could not be fetched: %s; run terraform init", source, fe.msg)
	}
	return fmt.Errorf("its source %q could not be fetched: %v; run terraform init", source, err)
}
