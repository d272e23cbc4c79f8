package modfetch

import (
	"context"
	"io/fs"
	"net"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	mt "github.com/tfcomply/tfcomply/internal/modfetch/modfetchtest"
)

// testConfig is a Fetcher configuration with its own cache, no user
// configuration, and short timeouts. extra are environment variables.
func testConfig(t *testing.T, extra ...string) Config {
	t.Helper()
	env := append([]string{"HOME=" + t.TempDir(), "PATH=" + os.Getenv("PATH"), "TF_CLI_CONFIG_FILE=" + emptyFile(t)}, extra...)
	cfg := NewConfig(env)
	cfg.CacheDir = filepath.Join(t.TempDir(), "modules")
	cfg.ConnectTimeout, cfg.APITimeout, cfg.DownloadTimeout, cfg.GitTimeout = 2*time.Second, 5*time.Second, 10*time.Second, 30*time.Second
	return cfg
}

func emptyFile(t *testing.T) string {
	p := filepath.Join(t.TempDir(), "empty.tfrc")
	os.WriteFile(p, nil, 0o600)
	return p
}

func stage(name string) string {
	return `resource "aws_api_gateway_stage" "this" {
  stage_name = "` + name + `"
}
`
}

func fetch(t *testing.T, f *Fetcher, source, version string) (Module, error) {
	t.Helper()
	return f.Fetch(context.Background(), Request{Source: source, Version: version})
}

func readModule(t *testing.T, m Module, file string) string {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(m.Dir, file))
	if err != nil {
		t.Fatalf("%s: %v", file, err)
	}
	return string(b)
}

// TestRegistryNewestMatchingThenCache: a host block sends registry.terraform.io
// to the loopback registry; the newest version meeting the constraint is
// fetched; a second run (a new Fetcher on the same cache) sends no request.
func TestRegistryNewestMatchingThenCache(t *testing.T) {
	reg := mt.NewRegistry(t)
	for _, v := range []string{"1.0.0", "1.2.0", "1.9.3", "2.0.0"} {
		reg.AddModule("terraform-aws-modules/apigateway-v2/aws", v, mt.TarGz(mt.Files(map[string]string{"main.tf": stage(v)})), "")
	}
	cfgPath := reg.CLIConfig(t, t.TempDir(), "registry.terraform.io", "")
	cfg := testConfig(t, "TF_CLI_CONFIG_FILE="+cfgPath)

	m, err := fetch(t, New(cfg), "terraform-aws-modules/apigateway-v2/aws", "~> 1.2")
	if err != nil {
		t.Fatal(err)
	}
	if m.Version != "1.9.3" || !strings.Contains(readModule(t, m, "main.tf"), `"1.9.3"`) {
		t.Errorf("version %s: %s", m.Version, readModule(t, m, "main.tf"))
	}
	if m.Display != "terraform-aws-modules/apigateway-v2/aws@1.9.3" || m.PackageDir == "" {
		t.Errorf("module %+v", m)
	}
	first := reg.Count()
	if first == 0 {
		t.Fatal("no request reached the registry")
	}

	again, err := fetch(t, New(cfg), "registry.terraform.io/terraform-aws-modules/apigateway-v2/aws", ">= 1.0, < 2.0.0")
	if err != nil {
		t.Fatal(err)
	}
	if reg.Count() != first {
		t.Errorf("the second run sent %d requests; the cache should serve it", reg.Count()-first)
	}
	if again.Dir != m.Dir {
		t.Errorf("second run %s, first %s", again.Dir, m.Dir)
	}
	// A constraint the cached version does not meet goes to the registry.
	two, err := fetch(t, New(cfg), "terraform-aws-modules/apigateway-v2/aws", "2.0.0")
	if err != nil || two.Version != "2.0.0" {
		t.Errorf("2.0.0: %+v %v", two, err)
	}
	// Offline, the cache still serves.
	off := cfg
	off.Offline = true
	if _, err := fetch(t, New(off), "terraform-aws-modules/apigateway-v2/aws", "~> 1.0"); err != nil {
		t.Errorf("offline from the cache: %v", err)
	}

	_, err = fetch(t, New(cfg), "terraform-aws-modules/apigateway-v2/aws", "> 3.0")
	if err == nil || !strings.Contains(err.Error(), `no version of terraform-aws-modules/apigateway-v2/aws matches "> 3.0"`) || !strings.Contains(err.Error(), "2.0.0") {
		t.Errorf("no matching version: %v", err)
	}
}

// TestRegistryServiceDiscovery reaches a registry named by its host in the
// address, through /.well-known/terraform.json (plain http: a loopback host).
func TestRegistryServiceDiscovery(t *testing.T) {
	reg := mt.NewRegistry(t)
	reg.AddModule("acme/api/aws", "0.3.0", mt.TarGz(mt.Files(map[string]string{"modules/stage/main.tf": stage("d")})), "")
	m, err := fetch(t, New(testConfig(t)), reg.Host()+"/acme/api/aws//modules/stage", "")
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasSuffix(filepath.ToSlash(m.Dir), "/modules/stage") || m.Display != reg.Host()+"/acme/api/aws@0.3.0" {
		t.Errorf("module %+v", m)
	}
	paths := []string{}
	for _, r := range reg.Requests() {
		paths = append(paths, r.Path)
	}
	if paths[0] != "/.well-known/terraform.json" {
		t.Errorf("requests %v", paths)
	}
}

// TestRegistryLocations: X-Terraform-Get relative to the download URL,
// with a //subdirectory, and pointing at a zip.
func TestRegistryLocations(t *testing.T) {
	reg := mt.NewRegistry(t)
	reg.AddFile("/v1/modules/acme/rel/aws/1.0.0/pkg.tar.gz", mt.TarGz(mt.Files(map[string]string{"main.tf": stage("rel")})))
	reg.AddVersion("acme/rel/aws", "1.0.0", "./pkg.tar.gz")
	reg.AddFile("/store/sub.zip", mt.Zip(mt.Files(map[string]string{"repo-abc/main.tf": stage("sub"), "repo-abc/modules/x/main.tf": stage("x")})))
	reg.AddVersion("acme/sub/aws", "1.0.0", "/store/sub.zip//repo-abc")
	cfg := testConfig(t, "TF_CLI_CONFIG_FILE="+reg.CLIConfig(t, t.TempDir(), "registry.terraform.io", ""))

	m, err := fetch(t, New(cfg), "acme/rel/aws", "")
	if err != nil || !strings.Contains(readModule(t, m, "main.tf"), "rel") {
		t.Fatalf("relative location: %+v %v", m, err)
	}
	m, err = fetch(t, New(cfg), "acme/sub/aws//modules/x", "1.0.0")
	if err != nil || !strings.Contains(readModule(t, m, "main.tf"), `"x"`) {
		t.Fatalf("location with subdir: %+v %v", m, err)
	}
	// The location's subdirectory is remembered for cached runs.
	n := reg.Count()
	m, err = fetch(t, New(cfg), "acme/sub/aws", "")
	if err != nil || !strings.Contains(readModule(t, m, "main.tf"), `"sub"`) || reg.Count() != n {
		t.Fatalf("cached location with subdir: %+v %v (%d requests)", m, err, reg.Count()-n)
	}
}

// TestPrivateRegistryToken: the token goes to the registry it is for (from
// TF_TOKEN_ or a credentials block), not to the archive host, and appears
// in no message and no file of the cache.
func TestPrivateRegistryToken(t *testing.T) {
	const token = "tok-abc.123-SECRET"
	reg := mt.NewRegistry(t)
	reg.Token = token
	reg.AddModule("corp/net/aws", "1.0.0", mt.TarGz(mt.Files(map[string]string{"main.tf": stage("p")})), "")
	dir := t.TempDir()

	// Without credentials: refused, with what to do.
	cfg := testConfig(t, "TF_CLI_CONFIG_FILE="+reg.CLIConfig(t, dir, "tf.corp-registry.example", ""))
	_, err := fetch(t, New(cfg), "tf.corp-registry.example/corp/net/aws", "")
	if err == nil || !strings.Contains(err.Error(), "refused access") || !strings.Contains(err.Error(), "TF_TOKEN_tf_corp__registry_example") {
		t.Fatalf("no token: %v", err)
	}

	for name, cfg := range map[string]Config{
		"TF_TOKEN_": testConfig(t, "TF_CLI_CONFIG_FILE="+reg.CLIConfig(t, t.TempDir(), "tf.corp-registry.example", ""),
			"TF_TOKEN_tf_corp__registry_example="+token),
		"credentials block": testConfig(t, "TF_CLI_CONFIG_FILE="+reg.CLIConfig(t, t.TempDir(), "tf.corp-registry.example",
			"credentials \"tf.corp-registry.example\" {\n  token = \""+token+"\"\n}\n")),
	} {
		before := len(reg.Requests())
		m, err := fetch(t, New(cfg), "tf.corp-registry.example/corp/net/aws", "~> 1.0")
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		for _, r := range reg.Requests()[before:] {
			isAPI := strings.HasPrefix(r.Path, "/v1/modules/")
			if isAPI && r.Authorization != "Bearer "+token {
				t.Errorf("%s: %s got %q", name, r.Path, r.Authorization)
			}
			if !isAPI && r.Authorization != "" {
				t.Errorf("%s: the token went to the archive download %s", name, r.Path)
			}
		}
		assertNoSecret(t, cfg.CacheDir, token)
		if strings.Contains(m.Display, token) {
			t.Errorf("display %s", m.Display)
		}
	}

	// A registry that is not the token's host gets no token.
	other := mt.NewRegistry(t)
	other.AddModule("corp/net/aws", "1.0.0", mt.TarGz(mt.Files(map[string]string{"main.tf": stage("o")})), "")
	cfg = testConfig(t, "TF_CLI_CONFIG_FILE="+other.CLIConfig(t, t.TempDir(), "public.example", ""), "TF_TOKEN_tf_corp__registry_example="+token)
	if _, err := fetch(t, New(cfg), "public.example/corp/net/aws", ""); err != nil {
		t.Fatal(err)
	}
	for _, r := range other.Requests() {
		if r.Authorization != "" {
			t.Errorf("another host's token was sent to %s", r.Path)
		}
	}
}

// assertNoSecret fails when any file under dir contains s.
func assertNoSecret(t *testing.T, dir, s string) {
	t.Helper()
	filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err == nil && d.Type().IsRegular() {
			if b, _ := os.ReadFile(p); strings.Contains(string(b), s) {
				t.Errorf("%s holds the token", p)
			}
		}
		if strings.Contains(p, s) {
			t.Errorf("a path holds the token: %s", p)
		}
		return nil
	})
}

func TestHTTPArchiveSources(t *testing.T) {
	srv := mt.NewRegistry(t)
	srv.AddFile("/m.zip", mt.Zip(mt.Files(map[string]string{"main.tf": stage("zip")})))
	srv.AddFile("/dl", mt.TarGz(mt.Files(map[string]string{"sub/main.tf": stage("forced")})))
	srv.AddFile("/page", []byte(`<html><head><meta name="terraform-get" content="`+srv.URL+`/m.zip"></head></html>`))
	srv.AddFile("/bad.tar.gz", mt.TarGz([]mt.Entry{{Name: "../../escape.tf", Body: "x"}}))
	f := New(testConfig(t))
	for src, want := range map[string]string{
		srv.URL + "/m.zip":                  "zip",
		srv.URL + "/dl?archive=tar.gz//sub": "forced",
		srv.URL + "/page":                   "zip",
	} {
		m, err := fetch(t, f, src, "")
		if err != nil {
			t.Errorf("%s: %v", src, err)
			continue
		}
		if !strings.Contains(readModule(t, m, "main.tf"), want) {
			t.Errorf("%s: wrong content", src)
		}
	}
	_, err := fetch(t, f, srv.URL+"/bad.tar.gz", "")
	if err == nil || !strings.Contains(err.Error(), "refused") || !strings.Contains(err.Error(), "climbs out") {
		t.Errorf("hostile archive: %v", err)
	}
	entries, _ := os.ReadDir(filepath.Join(f.cfg.CacheDir, "tmp"))
	if len(entries) != 0 {
		t.Errorf("a refused package left %v behind", entries)
	}
	if _, err := fetch(t, f, srv.URL+"/m.zip", "1.0.0"); err == nil || !strings.Contains(err.Error(), "not a registry address") {
		t.Errorf("version on an archive: %v", err)
	}

	few := testConfig(t)
	few.MaxPackages = 1
	fl := New(few)
	if _, err := fetch(t, fl, srv.URL+"/m.zip", ""); err != nil {
		t.Fatal(err)
	}
	if _, err := fetch(t, fl, srv.URL+"/dl?archive=tar.gz", ""); err == nil || !strings.Contains(err.Error(), "the most one run fetches") {
		t.Errorf("package cap: %v", err)
	}

	small := testConfig(t)
	small.MaxDownload = 100
	if _, err := fetch(t, New(small), srv.URL+"/m.zip", ""); err == nil || !strings.Contains(err.Error(), "more than the 100 bytes") {
		t.Errorf("oversized download: %v", err)
	}
}

func TestOfflineAndUnsupported(t *testing.T) {
	cfg := testConfig(t)
	cfg.Offline = true
	_, err := fetch(t, New(cfg), "terraform-aws-modules/vpc/aws", "~> 5.0")
	if err == nil || !strings.Contains(err.Error(), "drop --offline") || !strings.Contains(err.Error(), "terraform init") {
		t.Errorf("offline: %v", err)
	}
	_, err = fetch(t, New(testConfig(t)), "s3::https://s3-eu-west-1.amazonaws.com/corp-modules/vpc.zip", "")
	if err == nil || !strings.Contains(err.Error(), "S3 bucket") || !strings.Contains(err.Error(), "does not fetch") {
		t.Errorf("s3: %v", err)
	}
}

// TestUnreachableRegistryFailsFastOnce: a registry nobody answers fails at
// once, and one failed discovery serves every module of that host.
func TestUnreachableRegistryFailsFastOnce(t *testing.T) {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	refused := l.Addr().String()
	l.Close() // nothing listens there now: connections are refused

	// A host that accepts connections and hangs up, counting them.
	hangup, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer hangup.Close()
	var conns atomic.Int32
	go func() {
		for {
			c, err := hangup.Accept()
			if err != nil {
				return
			}
			conns.Add(1)
			c.Close()
		}
	}()

	f := New(testConfig(t))
	start := time.Now()
	for _, host := range []string{refused, hangup.Addr().String()} {
		for _, name := range []string{"a", "b", "c"} {
			_, err := fetch(t, f, host+"/corp/"+name+"/aws", "")
			if err == nil || !strings.Contains(err.Error(), "service discovery") || !strings.Contains(err.Error(), "check the network") {
				t.Errorf("%s/%s: %v", host, name, err)
			}
		}
	}
	if d := time.Since(start); d > 3*time.Second {
		t.Errorf("took %v", d)
	}
	if n := conns.Load(); n != 1 {
		t.Errorf("%d connections to the failing host; one discovery should serve every module", n)
	}
}

// TestInstalledModules: an installed module that matches its call is used
// as installed; one whose version or source is out of date is a warning
// naming both, and the module is taken as the configuration says.
func TestInstalledModules(t *testing.T) {
	reg := mt.NewRegistry(t)
	reg.AddModule("acme/api/aws", "2.1.0", mt.TarGz(mt.Files(map[string]string{"main.tf": stage("fresh")})), "")
	cfg := testConfig(t, "TF_CLI_CONFIG_FILE="+reg.CLIConfig(t, t.TempDir(), "registry.terraform.io", ""))
	dir := t.TempDir()
	os.WriteFile(filepath.Join(dir, "main.tf"), []byte(stage("installed")), 0o644)
	f := New(cfg)
	ctx := context.Background()

	m, err := f.Fetch(ctx, Request{Source: "acme/api/aws", Version: "~> 1.0",
		Installed: &Installed{Dir: dir, Source: "registry.terraform.io/acme/api/aws", Version: "1.4.0"}})
	if err != nil || m.Dir != dir || len(m.Warnings) != 0 || reg.Count() != 0 {
		t.Errorf("up to date: %+v %v (%d requests)", m, err, reg.Count())
	}

	m, err = f.Fetch(ctx, Request{Source: "acme/api/aws", Version: "~> 2.0",
		Installed: &Installed{Dir: dir, Source: "registry.terraform.io/acme/api/aws", Version: "1.4.0"}})
	if err != nil || m.Dir == dir || m.Version != "2.1.0" {
		t.Fatalf("stale version: %+v %v", m, err)
	}
	if len(m.Warnings) != 1 || !strings.Contains(m.Warnings[0], `version 1.4.0`) || !strings.Contains(m.Warnings[0], `version "~> 2.0"`) ||
		!strings.Contains(m.Warnings[0], "run terraform init") {
		t.Errorf("warnings %q", m.Warnings)
	}

	m, err = f.Fetch(ctx, Request{Source: "acme/api/aws",
		Installed: &Installed{Dir: dir, Source: "git::https://example.com/old.git?ref=v1", Version: ""}})
	if err != nil || m.Dir == dir || len(m.Warnings) != 1 || !strings.Contains(m.Warnings[0], "its source changed") ||
		!strings.Contains(m.Warnings[0], `"git::https://example.com/old.git?ref=v1"`) {
		t.Errorf("changed source: %+v %v", m, err)
	}

	off := cfg
	off.Offline = true
	off.CacheDir = filepath.Join(t.TempDir(), "empty")
	m, err = New(off).Fetch(ctx, Request{Source: "acme/api/aws", Version: "~> 3.0",
		Installed: &Installed{Dir: dir, Source: "registry.terraform.io/acme/api/aws", Version: "1.4.0"}})
	if err == nil || len(m.Warnings) != 1 {
		t.Errorf("stale and offline: the module is not evaluated, never the stale copy: %+v %v", m, err)
	}
}

// TestConcurrentFetches: roots evaluated in parallel share one download;
// two runs filling the same cache at once both succeed.
func TestConcurrentFetches(t *testing.T) {
	reg := mt.NewRegistry(t)
	reg.AddModule("acme/api/aws", "1.0.0", mt.TarGz(mt.Files(map[string]string{"main.tf": stage("c")})), "pkg.tar.gz")
	cfg := testConfig(t, "TF_CLI_CONFIG_FILE="+reg.CLIConfig(t, t.TempDir(), "registry.terraform.io", ""))
	runs := []*Fetcher{New(cfg), New(cfg)}
	var wg sync.WaitGroup
	errs := make(chan error, 32)
	for i := 0; i < 32; i++ {
		wg.Add(1)
		go func(f *Fetcher) {
			defer wg.Done()
			if _, err := fetch(t, f, "acme/api/aws", ""); err != nil {
				errs <- err
			}
		}(runs[i%2])
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Error(err)
	}
	downloads := 0
	for _, r := range reg.Requests() {
		if r.Path == "/archives/pkg.tar.gz" {
			downloads++
		}
	}
	if downloads < 1 || downloads > 2 {
		t.Errorf("%d downloads for two runs", downloads)
	}
	if entries, _ := os.ReadDir(filepath.Join(cfg.CacheDir, "tmp")); len(entries) != 0 {
		t.Errorf("left behind: %v", entries)
	}
}
