package modfetch

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestCLIConfigHostsAndCredentials(t *testing.T) {
	home := t.TempDir()
	cfgFile := filepath.Join(t.TempDir(), "custom.tfrc")
	os.WriteFile(cfgFile, []byte(`
plugin_cache_dir = "$HOME/.terraform.d/plugin-cache"
provider_installation {
  direct {}
}
host "Registry.Example.com" {
  services = {
    "modules.v1" = "https://modules.example.com/v1/"
  }
}
credentials "registry.example.com" {
  token = "from-config-block"
}
credentials "only-block.example.com" {
  token = "block-token"
}
`), 0o600)
	os.MkdirAll(filepath.Join(home, ".terraform.d"), 0o700)
	os.WriteFile(filepath.Join(home, ".terraform.d", "credentials.tfrc.json"),
		[]byte(`{"credentials": {"login.example.com": {"token": "from-terraform-login"}, "only-block.example.com": {"token": "loses"}}}`), 0o600)

	c := loadCLIConfig([]string{
		"TF_CLI_CONFIG_FILE=" + cfgFile, "HOME=" + home,
		"TF_TOKEN_my__registry_example_com=dashed",
		"TF_TOKEN_registry_example_com=from-env",
	})
	if len(c.problems) > 0 {
		t.Fatalf("problems: %v", c.problems)
	}
	if u, ok := c.service("registry.example.com", "modules.v1"); !ok || u != "https://modules.example.com/v1/" {
		t.Errorf("host block: %q %v", u, ok)
	}
	for host, want := range map[string]string{
		"registry.example.com":     "from-env", // TF_TOKEN_ wins over a credentials block
		"my-registry.example.com":  "dashed",   // "__" is a hyphen
		"only-block.example.com":   "block-token",
		"login.example.com":        "from-terraform-login",
		"REGISTRY.example.com:443": "from-env",
		"other.example.com":        "",
	} {
		if got := c.token(host); got != want {
			t.Errorf("token(%s) = %q, want %q", host, got, want)
		}
	}
	if got := tokenVarName("my-registry.example.com"); got != "TF_TOKEN_my__registry_example_com" {
		t.Errorf("tokenVarName = %s", got)
	}
}

func TestCLIConfigProblemsNeverQuoteTokens(t *testing.T) {
	cfgFile := filepath.Join(t.TempDir(), "bad.tfrc")
	os.WriteFile(cfgFile, []byte("credentials \"x.example.com\" {\n  token = \"sekrit-token\"\n}\nhost {{{ broken\n"), 0o600)
	c := loadCLIConfig([]string{"TF_CLI_CONFIG_FILE=" + cfgFile, "HOME=" + t.TempDir()})
	if len(c.problems) != 1 || !strings.Contains(c.problems[0], "does not parse") {
		t.Fatalf("problems: %v", c.problems)
	}
	if strings.Contains(c.problems[0], "sekrit") {
		t.Errorf("a problem quotes the token: %s", c.problems[0])
	}
	missing := loadCLIConfig([]string{"TF_CLI_CONFIG_FILE=" + filepath.Join(t.TempDir(), "nope.tfrc"), "HOME=" + t.TempDir()})
	if len(missing.problems) != 0 {
		t.Errorf("a TF_CLI_CONFIG_FILE that does not exist is ignored, as Terraform ignores it: %v", missing.problems)
	}
	none := loadCLIConfig([]string{"HOME=" + t.TempDir()})
	if len(none.problems) != 0 {
		t.Errorf("no ~/.terraformrc is not a problem: %v", none.problems)
	}
}
