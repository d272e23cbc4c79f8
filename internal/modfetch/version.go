package modfetch

import (
	"fmt"
	"strings"

	version "github.com/hashicorp/go-version"
)

// Version constraints are Terraform's ("~> 1.2", ">= 1.0, < 2.0.0"), checked
// with hashicorp/go-version, the library Terraform's own syntax comes from:
// it treats pre-releases as Terraform does (a pre-release is chosen only by
// a constraint that names it).

// parseConstraint parses a module call's version argument; "" allows any
// version.
func parseConstraint(s string) (version.Constraints, error) {
	if strings.TrimSpace(s) == "" {
		return nil, nil
	}
	c, err := version.NewConstraint(s)
	if err != nil {
		return nil, fmt.Errorf("version constraint %q: %v", s, err)
	}
	return c, nil
}

// satisfies reports whether v meets the constraints. Without constraints,
// any release does, and no pre-release (Terraform installs pre-releases only
// when asked for by exact version).
func satisfies(v *version.Version, c version.Constraints) bool {
	if c == nil {
		return v.Prerelease() == ""
	}
	return c.Check(v)
}

// newestMatching returns the newest of versions that meets the constraint,
// "" when none does. Strings that are not versions are ignored.
func newestMatching(versions []string, c version.Constraints) string {
	var best *version.Version
	bestRaw := ""
	for _, raw := range versions {
		v, err := version.NewVersion(raw)
		if err != nil || !satisfies(v, c) {
			continue
		}
		if best == nil || v.GreaterThan(best) {
			best, bestRaw = v, raw
		}
	}
	return bestRaw
}

// versionSatisfies reports whether the version string meets the constraint
// string; false when either does not parse.
func versionSatisfies(v, constraint string) bool {
	c, err := parseConstraint(constraint)
	if err != nil {
		return false
	}
	ver, err := version.NewVersion(v)
	if err != nil {
		return false
	}
	if c == nil {
		return true // an installed pre-release, with no constraint, is still what init installed
	}
	return c.Check(ver)
}

type versionConstraints = version.Constraints

// versionLess orders version strings; strings that are not versions sort
// first, by text.
func versionLess(a, b string) bool {
	va, errA := version.NewVersion(a)
	vb, errB := version.NewVersion(b)
	switch {
	case errA != nil && errB != nil:
		return a < b
	case errA != nil:
		return true
	case errB != nil:
		return false
	}
	return va.LessThan(vb)
}
