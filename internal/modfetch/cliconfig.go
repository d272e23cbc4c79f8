package modfetch

import (
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"strings"

	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/hclparse"
	"github.com/zclconf/go-cty/cty"
)

// cliConfig is what tfcomply reads of Terraform's CLI configuration: host
// blocks (service URLs for a hostname, so a private or test registry needs
// no discovery document) and credentials (API tokens per hostname).
// Tokens stay in this struct: they are never written to the cache, logged
// or put in a message.
type cliConfig struct {
	services  map[string]map[string]string // host -> service id ("modules.v1") -> URL
	tokens    map[string]string            // host -> token, from credentials blocks
	envTokens map[string]string            // host -> token, from TF_TOKEN_<host>
	problems  []string                     // files that could not be read, for warnings
}

var cliConfigSchema = &hcl.BodySchema{Blocks: []hcl.BlockHeaderSchema{
	{Type: "host", LabelNames: []string{"name"}},
	{Type: "credentials", LabelNames: []string{"name"}},
}}

var hostSchema = &hcl.BodySchema{Attributes: []hcl.AttributeSchema{{Name: "services"}}}

var credentialsSchema = &hcl.BodySchema{Attributes: []hcl.AttributeSchema{{Name: "token"}}}

// loadCLIConfig reads the CLI configuration as Terraform finds it:
// TF_CLI_CONFIG_FILE, or ~/.terraformrc (%APPDATA%\terraform.rc on
// Windows); then the credentials.tfrc.json that terraform login writes; and
// TF_TOKEN_<host> variables, which take precedence over both.
func loadCLIConfig(environ []string) *cliConfig {
	c := &cliConfig{services: map[string]map[string]string{}, tokens: map[string]string{}, envTokens: map[string]string{}}
	env := envMap(environ)
	file := env["TF_CLI_CONFIG_FILE"]
	if file == "" {
		file = env["TERRAFORM_CONFIG"] // the older name, still honoured by Terraform
	}
	if file == "" {
		if dir := userConfigDir(env); dir != "" {
			name := ".terraformrc"
			if runtime.GOOS == "windows" {
				name = "terraform.rc"
			}
			file = filepath.Join(dir, name)
		}
	}
	if file != "" {
		c.readFile(file)
	}
	if dir := userConfigDir(env); dir != "" {
		sub := ".terraform.d"
		if runtime.GOOS == "windows" {
			sub = "terraform.d"
		}
		c.readFile(filepath.Join(dir, sub, "credentials.tfrc.json"))
	}
	for name, value := range env {
		if !strings.HasPrefix(name, "TF_TOKEN_") || value == "" {
			continue
		}
		// Hyphens are written as double underscores (shells do not
		// accept them in names), periods as underscores.
		host := strings.ReplaceAll(name[len("TF_TOKEN_"):], "__", "-")
		host = strings.ReplaceAll(host, "_", ".")
		c.envTokens[hostKey(host)] = value
	}
	return c
}

// userConfigDir is where Terraform looks for its configuration: the home
// directory, %APPDATA% on Windows.
func userConfigDir(env map[string]string) string {
	if runtime.GOOS == "windows" {
		return env["APPDATA"]
	}
	if h := env["HOME"]; h != "" {
		return h
	}
	h, _ := os.UserHomeDir()
	return h
}

// readFile reads one configuration file. A missing file is not a problem,
// even one TF_CLI_CONFIG_FILE names: Terraform ignores it too.
func (c *cliConfig) readFile(path string) {
	st, err := os.Stat(path)
	if err != nil {
		if !os.IsNotExist(err) {
			c.problems = append(c.problems, fmt.Sprintf("cannot read the Terraform CLI configuration %s: %v", path, err))
		}
		return
	}
	if !st.Mode().IsRegular() || st.Size() > 1<<20 {
		c.problems = append(c.problems, fmt.Sprintf("the Terraform CLI configuration %s is not a regular file of at most 1 MiB; it is not read", path))
		return
	}
	src, err := os.ReadFile(path)
	if err != nil {
		c.problems = append(c.problems, fmt.Sprintf("cannot read the Terraform CLI configuration %s: %v", path, err))
		return
	}
	p := hclparse.NewParser()
	var f *hcl.File
	var diags hcl.Diagnostics
	if strings.HasSuffix(path, ".json") {
		f, diags = p.ParseJSON(src, path)
	} else {
		f, diags = p.ParseHCL(src, path)
	}
	if diags.HasErrors() || f == nil {
		c.problems = append(c.problems, fmt.Sprintf("the Terraform CLI configuration %s does not parse (%s); its host and credentials blocks are not used", path, firstError(diags)))
		return
	}
	content, _, _ := f.Body.PartialContent(cliConfigSchema)
	for _, b := range content.Blocks {
		host := hostKey(b.Labels[0])
		switch b.Type {
		case "host":
			bc, _, _ := b.Body.PartialContent(hostSchema)
			a := bc.Attributes["services"]
			if a == nil {
				continue
			}
			v, d := a.Expr.Value(nil)
			if d.HasErrors() || !v.IsWhollyKnown() || v.IsNull() || !(v.Type().IsObjectType() || v.Type().IsMapType()) {
				c.problems = append(c.problems, fmt.Sprintf("%s: host %q: services must be an object of service ids to URLs", path, b.Labels[0]))
				continue
			}
			m := map[string]string{}
			for k, sv := range v.AsValueMap() {
				if sv.Type() == cty.String && !sv.IsNull() {
					m[k] = sv.AsString()
				}
			}
			c.services[host] = m
		case "credentials":
			bc, _, _ := b.Body.PartialContent(credentialsSchema)
			a := bc.Attributes["token"]
			if a == nil {
				continue
			}
			v, d := a.Expr.Value(nil)
			if d.HasErrors() || v.Type() != cty.String || v.IsNull() || !v.IsKnown() {
				c.problems = append(c.problems, fmt.Sprintf("%s: credentials %q: token must be a string", path, b.Labels[0]))
				continue
			}
			if _, seen := c.tokens[host]; !seen { // the CLI configuration file wins over credentials.tfrc.json
				c.tokens[host] = v.AsString()
			}
		}
	}
}

func firstError(diags hcl.Diagnostics) string {
	for _, d := range diags {
		if d.Severity == hcl.DiagError {
			where := ""
			if d.Subject != nil {
				where = fmt.Sprintf("line %d: ", d.Subject.Start.Line)
			}
			return where + d.Summary
		}
	}
	return "no content"
}

// token is the API token for a host: TF_TOKEN_<host> first, then a
// credentials block. "" when there is none.
func (c *cliConfig) token(host string) string {
	k := hostKey(host)
	if t := c.envTokens[k]; t != "" {
		return t
	}
	return c.tokens[k]
}

// service is the URL a host block gives a service, "" when none does.
func (c *cliConfig) service(host, id string) (string, bool) {
	m, ok := c.services[hostKey(host)]
	if !ok {
		return "", false
	}
	return m[id], true
}

// hostKey is a hostname as compared: lower case, without the default
// https port.
func hostKey(host string) string {
	return strings.TrimSuffix(strings.ToLower(strings.TrimSpace(host)), ":443")
}

// tokenVarName is the TF_TOKEN_ variable that holds a host's token.
func tokenVarName(host string) string {
	h := strings.ReplaceAll(hostKey(host), "-", "__")
	return "TF_TOKEN_" + strings.ReplaceAll(h, ".", "_")
}

func envMap(environ []string) map[string]string {
	m := make(map[string]string, len(environ))
	for _, kv := range environ {
		if i := strings.IndexByte(kv, '='); i > 0 {
			m[kv[:i]] = kv[i+1:]
		}
	}
	return m
}
