package modfetch

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"strings"
)

// The module registry protocol: service discovery at
// https://HOST/.well-known/terraform.json gives the "modules.v1" base URL;
// BASE/NAMESPACE/NAME/PROVIDER/versions lists the versions;
// BASE/NAMESPACE/NAME/PROVIDER/VERSION/download answers with the package's
// location in the X-Terraform-Get header (a git, archive or other source
// address, maybe relative to the download URL).

// registryService is a host's modules.v1 endpoint.
type registryService struct {
	base *url.URL
	// token is sent to base's requests: the host's own token, when the
	// service is on that host or the user's host block put it elsewhere.
	token string
}

// service finds a registry host's modules.v1 URL: from a host block of
// the CLI configuration, else by service discovery. Results, failures
// included, are kept for the run: a host that cannot be reached is tried
// once.
func (f *Fetcher) service(ctx context.Context, host string) (*registryService, error) {
	v, err := f.once("discover\x00"+host, func() (interface{}, error) { return f.discover(ctx, host) })
	if err != nil {
		return nil, err
	}
	return v.(*registryService), nil
}

func (f *Fetcher) discover(ctx context.Context, host string) (*registryService, error) {
	cfg := f.cliConfig()
	token := cfg.token(host)
	if raw, ok := cfg.service(host, "modules.v1"); ok {
		if raw == "" {
			return nil, &fetchError{msg: fmt.Sprintf("the CLI configuration's host %q block names no modules.v1 service", host), advice: "add \"modules.v1\" to its services"}
		}
		u, err := url.Parse(raw)
		if err != nil || !u.IsAbs() {
			return nil, &fetchError{msg: fmt.Sprintf("the CLI configuration's host %q block gives modules.v1 the URL %q, which is not an absolute URL", host, raw)}
		}
		if err := serviceScheme(u); err != nil {
			return nil, &fetchError{msg: fmt.Sprintf("the CLI configuration's host %q block: %v", host, err)}
		}
		// The user mapped this host to the URL: its token goes there.
		return &registryService{base: withSlash(u), token: token}, nil
	}
	scheme := "https"
	if isLoopback(host) {
		scheme = "http" // a registry on this machine: see serviceScheme
	}
	disco := &url.URL{Scheme: scheme, Host: host, Path: "/.well-known/terraform.json"}
	var doc map[string]interface{}
	_, status, err := f.http.getJSON(ctx, disco, token, &doc)
	if err != nil {
		e := &fetchError{msg: fmt.Sprintf("service discovery at %s failed: %v", displayURL(disco), err), host: host, network: status == 0}
		if status == http.StatusNotFound {
			e.msg = fmt.Sprintf("%s is not a module registry (no %s)", host, displayURL(disco))
			e.network = false
		}
		return nil, e
	}
	raw, _ := doc["modules.v1"].(string)
	if raw == "" {
		return nil, &fetchError{msg: fmt.Sprintf("%s offers no module registry (its discovery document has no modules.v1)", host)}
	}
	ref, err := url.Parse(raw)
	if err != nil {
		return nil, &fetchError{msg: fmt.Sprintf("%s: modules.v1 %q is not a URL", host, raw)}
	}
	u := disco.ResolveReference(ref)
	if err := serviceScheme(u); err != nil {
		return nil, &fetchError{msg: fmt.Sprintf("%s: modules.v1: %v", host, err)}
	}
	if !strings.EqualFold(u.Host, host) {
		token = "" // a token goes only to the host it belongs to
	}
	return &registryService{base: withSlash(u), token: token}, nil
}

// serviceScheme requires https for registry services, as Terraform does,
// except on loopback addresses, where plain http serves tests and local
// registries without exposing anything to the network.
func serviceScheme(u *url.URL) error {
	switch {
	case u.Scheme == "https":
		return nil
	case u.Scheme == "http" && isLoopback(u.Host):
		return nil
	case u.Scheme == "http":
		return fmt.Errorf("%s uses plain http, which only loopback addresses may; use https", displayURL(u))
	}
	return fmt.Errorf("%s: the scheme must be https", displayURL(u))
}

func withSlash(u *url.URL) *url.URL {
	c := *u
	if !strings.HasSuffix(c.Path, "/") {
		c.Path += "/"
	}
	return &c
}

// registryVersions lists the versions a registry offers for a module.
func (f *Fetcher) registryVersions(ctx context.Context, src Source) ([]string, error) {
	v, err := f.once("versions\x00"+src.Key(), func() (interface{}, error) {
		svc, err := f.service(ctx, src.Host)
		if err != nil {
			return nil, err
		}
		u := svc.base.ResolveReference(&url.URL{Path: modulePath(src) + "/versions"})
		var body struct {
			Modules []struct {
				Versions []struct {
					Version string `json:"version"`
				} `json:"versions"`
			} `json:"modules"`
		}
		_, status, err := f.http.getJSON(ctx, u, svc.token, &body)
		if err != nil {
			return nil, registryError(src, status, err, svc.token != "")
		}
		var out []string
		for _, m := range body.Modules {
			for _, v := range m.Versions {
				out = append(out, v.Version)
			}
		}
		return out, nil
	})
	if err != nil {
		return nil, err
	}
	return v.([]string), nil
}

// registryLocation asks the registry where a module version's package is:
// a source address, resolved against the download URL when relative.
func (f *Fetcher) registryLocation(ctx context.Context, src Source, version string) (string, error) {
	svc, err := f.service(ctx, src.Host)
	if err != nil {
		return "", err
	}
	u := svc.base.ResolveReference(&url.URL{Path: modulePath(src) + "/" + version + "/download"})
	var body struct {
		Location string `json:"location"`
	}
	hdr, status, err := f.http.getJSON(ctx, u, svc.token, &body)
	if err != nil {
		return "", registryError(src, status, err, svc.token != "")
	}
	loc := hdr.Get("X-Terraform-Get")
	if loc == "" {
		loc = body.Location
	}
	if loc == "" {
		return "", &fetchError{msg: fmt.Sprintf("the registry gave no location for %s %s (no X-Terraform-Get header)", src.Package(), version)}
	}
	// A location that looks like a relative URL is one, relative to the
	// download URL; anything else is a source address.
	if strings.HasPrefix(loc, "/") || strings.HasPrefix(loc, "./") || strings.HasPrefix(loc, "../") {
		ref, err := url.Parse(loc)
		if err != nil {
			return "", &fetchError{msg: fmt.Sprintf("the registry's location for %s %s does not parse: %v", src.Package(), version, err)}
		}
		loc = u.ResolveReference(ref).String()
	}
	return loc, nil
}

// modulePath is NAMESPACE/NAME/PROVIDER: characters ParseSource allows,
// which need no escaping in a URL path.
func modulePath(src Source) string {
	return src.Namespace + "/" + src.Name + "/" + src.Provider
}

// registryError explains a failed registry request and what to do.
func registryError(src Source, status int, err error, hadToken bool) error {
	var se *statusError
	if !errors.As(err, &se) {
		return &fetchError{msg: fmt.Sprintf("the registry %s could not be reached: %v", src.Host, err), host: src.Host, network: true}
	}
	switch status {
	case http.StatusUnauthorized, http.StatusForbidden:
		what := "no credentials were sent"
		if hadToken {
			what = "the token sent was refused"
		}
		return &fetchError{msg: fmt.Sprintf("the registry %s refused access to %s (%d %s; %s)", src.Host, src.Package(), status, http.StatusText(status), what),
			advice: credentialsAdvice(src.Host)}
	case http.StatusNotFound:
		return &fetchError{msg: fmt.Sprintf("the registry %s has no module %s (404)", src.Host, src.Package()),
			advice: "check the source address; for a private module, " + credentialsAdvice(src.Host)}
	}
	return &fetchError{msg: fmt.Sprintf("the registry %s: %v", src.Host, err), host: src.Host, network: status >= 500}
}

// credentialsAdvice says how to give tfcomply a token for a host.
func credentialsAdvice(host string) string {
	return fmt.Sprintf("add credentials for %s (terraform login %s, a credentials block in the Terraform CLI configuration, or %s)", host, host, tokenVarName(host))
}
