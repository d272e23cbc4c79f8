package hclload

import "strings"

// Configuration file names. OpenTofu reads .tofu and .tofu.json files as
// well as Terraform's .tf and .tf.json; Terraform ignores the OpenTofu ones.
var configSuffixes = []string{".tofu.json", ".tf.json", ".tofu", ".tf"}

// IsConfigFileName reports whether a file name is a Terraform or OpenTofu
// configuration file: .tf, .tf.json, .tofu or .tofu.json.
func IsConfigFileName(name string) bool {
	return configStem(name) != name
}

// configStem is the name without its configuration suffix ("main" for
// main.tf and main.tofu.json); name itself when it has none.
func configStem(name string) string {
	for _, s := range configSuffixes {
		if strings.HasSuffix(name, s) && len(name) > len(s) {
			return strings.TrimSuffix(name, s)
		}
	}
	return name
}

// isOverrideName reports whether a configuration file is an override file:
// override.tf, x_override.tf, and the same with .tf.json, .tofu, .tofu.json.
func isOverrideName(name string) bool {
	stem := configStem(name)
	return stem == "override" || strings.HasSuffix(stem, "_override")
}

// withoutTofuAlternates drops each x.tf that has an x.tofu beside it, and
// each x.tf.json that has an x.tofu.json, as OpenTofu does: a module that
// supports both tools keeps the OpenTofu variant of a file under the same
// name, and OpenTofu reads only that one. The rule pairs .tf with .tofu and
// .tf.json with .tofu.json only (x.tofu does not hide x.tf.json), and holds
// for override files alike. paths are full paths in one directory.
func withoutTofuAlternates(paths []string) []string {
	have := make(map[string]bool, len(paths))
	for _, p := range paths {
		have[p] = true
	}
	out := paths[:0:0]
	for _, p := range paths {
		switch {
		case strings.HasSuffix(p, ".tf") && have[strings.TrimSuffix(p, ".tf")+".tofu"]:
			continue
		case strings.HasSuffix(p, ".tf.json") && have[strings.TrimSuffix(p, ".tf.json")+".tofu.json"]:
			continue
		}
		out = append(out, p)
	}
	return out
}
