package report

import (
	"fmt"

	"github.com/tfcomply/tfcomply/internal/engine"
)

// problemLocation is where an input problem is, as every report writes it:
// the file as the user sees it, then :line and ,column when known.
func problemLocation(p engine.Problem) string {
	path := p.File
	switch {
	case p.Line > 0 && p.Column > 0:
		return fmt.Sprintf("%s:%d,%d", path, p.Line, p.Column)
	case p.Line > 0:
		return fmt.Sprintf("%s:%d", path, p.Line)
	}
	return path
}
