// Package modfetchtest serves the Terraform module registry protocol on a
// loopback address, for tests that must not touch the network: service
// discovery, version lists, downloads with X-Terraform-Get, and the
// archives themselves. It counts requests and records the Authorization
// headers it receives.
package modfetchtest

import (
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"sync"
	"testing"
)

// Registry is a loopback module registry.
type Registry struct {
	*httptest.Server
	// Token, when not empty, is required (as a bearer token) by the
	// discovery, versions and download endpoints.
	Token string

	mu       sync.Mutex
	modules  map[string]map[string]string // "ns/name/prov" -> version -> X-Terraform-Get
	files    map[string][]byte            // "/archives/NAME" -> bytes
	requests []Request
}

// Request is one request the registry received.
type Request struct {
	Path          string
	Authorization string
}

// NewRegistry starts a registry; it stops when the test ends.
func NewRegistry(t testing.TB) *Registry {
	r := &Registry{modules: map[string]map[string]string{}, files: map[string][]byte{}}
	r.Server = httptest.NewServer(http.HandlerFunc(r.serve))
	t.Cleanup(r.Close)
	return r
}

// ModulesURL is the modules.v1 base URL, for a host block.
func (r *Registry) ModulesURL() string { return r.URL + "/v1/modules/" }

// Host is the registry's host:port, for addresses that name it
// (HOST/NAMESPACE/NAME/PROVIDER) and are found by service discovery.
func (r *Registry) Host() string { return strings.TrimPrefix(r.URL, "http://") }

// AddModule publishes a version of a module whose package is the archive
// (a .tar.gz unless name says .zip), served by this registry.
func (r *Registry) AddModule(addr, version string, archive []byte, name string) {
	if name == "" {
		name = strings.ReplaceAll(addr, "/", "-") + "-" + version + ".tar.gz"
	}
	r.AddFile("/archives/"+name, archive)
	r.AddVersion(addr, version, r.URL+"/archives/"+name)
}

// AddVersion publishes a version of a module whose package is at location
// (the X-Terraform-Get value: any source address, or a relative URL).
func (r *Registry) AddVersion(addr, version, location string) {
	r.mu.Lock()
	defer r.mu.Unlock()
	if r.modules[addr] == nil {
		r.modules[addr] = map[string]string{}
	}
	r.modules[addr][version] = location
}

// AddFile serves bytes at path.
func (r *Registry) AddFile(path string, data []byte) {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.files[path] = data
}

// Requests returns the requests received so far.
func (r *Registry) Requests() []Request {
	r.mu.Lock()
	defer r.mu.Unlock()
	return append([]Request(nil), r.requests...)
}

// Count is how many requests were received.
func (r *Registry) Count() int { return len(r.Requests()) }

func (r *Registry) serve(w http.ResponseWriter, req *http.Request) {
	r.mu.Lock()
	r.requests = append(r.requests, Request{Path: req.URL.Path, Authorization: req.Header.Get("Authorization")})
	r.mu.Unlock()
	p := req.URL.Path
	if data, ok := r.file(p); ok {
		w.Header().Set("Content-Type", "application/octet-stream")
		w.Write(data)
		return
	}
	if r.Token != "" && req.Header.Get("Authorization") != "Bearer "+r.Token {
		http.Error(w, `{"errors":["unauthorized"]}`, http.StatusUnauthorized)
		return
	}
	switch {
	case p == "/.well-known/terraform.json":
		writeJSON(w, map[string]string{"modules.v1": "/v1/modules/"})
		return
	case strings.HasPrefix(p, "/v1/modules/"):
		parts := strings.Split(strings.TrimPrefix(p, "/v1/modules/"), "/")
		if len(parts) == 4 && parts[3] == "versions" {
			r.versions(w, strings.Join(parts[:3], "/"))
			return
		}
		if len(parts) == 5 && parts[4] == "download" {
			r.download(w, strings.Join(parts[:3], "/"), parts[3])
			return
		}
	}
	http.NotFound(w, req)
}

func (r *Registry) file(p string) ([]byte, bool) {
	r.mu.Lock()
	defer r.mu.Unlock()
	d, ok := r.files[p]
	return d, ok
}

func (r *Registry) versions(w http.ResponseWriter, addr string) {
	r.mu.Lock()
	vs := r.modules[addr]
	var list []map[string]string
	for v := range vs {
		list = append(list, map[string]string{"version": v})
	}
	r.mu.Unlock()
	if vs == nil {
		http.NotFound(w, nil)
		return
	}
	sort.Slice(list, func(i, j int) bool { return list[i]["version"] < list[j]["version"] })
	writeJSON(w, map[string]interface{}{"modules": []interface{}{map[string]interface{}{"versions": list}}})
}

func (r *Registry) download(w http.ResponseWriter, addr, version string) {
	r.mu.Lock()
	loc, ok := r.modules[addr][version]
	r.mu.Unlock()
	if !ok {
		http.NotFound(w, nil)
		return
	}
	w.Header().Set("X-Terraform-Get", loc)
	w.WriteHeader(http.StatusNoContent)
}

func writeJSON(w http.ResponseWriter, v interface{}) {
	w.Header().Set("Content-Type", "application/json")
	json.NewEncoder(w).Encode(v)
}

// CLIConfig writes a Terraform CLI configuration file into dir that maps
// host to the registry's modules.v1 URL, plus any extra text (credentials
// blocks), and returns its path for TF_CLI_CONFIG_FILE.
func (r *Registry) CLIConfig(t testing.TB, dir, host, extra string) string {
	t.Helper()
	path := filepath.Join(dir, "test.tfrc")
	text := fmt.Sprintf("host %q {\n  services = {\n    \"modules.v1\" = %q\n  }\n}\n%s", host, r.ModulesURL(), extra)
	if err := os.WriteFile(path, []byte(text), 0o600); err != nil {
		t.Fatal(err)
	}
	return path
}
