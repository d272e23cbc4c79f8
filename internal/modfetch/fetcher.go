package modfetch

import (
	"context"
	"errors"
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"sync"
	"time"
)

// Config configures a Fetcher. NewConfig gives the defaults.
type Config struct {
	// CacheDir is the module cache (see cache.go); "" disables fetching
	// and the cache, with CacheError saying why.
	CacheDir   string
	CacheError error
	// Offline forbids the network: modules come from the installed ones
	// and the cache only.
	Offline bool
	// Environ is the environment: TF_CLI_CONFIG_FILE, TF_TOKEN_*, HOME,
	// and what git needs (proxies, ssh agent).
	Environ []string
	Git     string // the git command

	ConnectTimeout  time.Duration // to open a connection (and a TLS session)
	APITimeout      time.Duration // a registry request
	DownloadTimeout time.Duration // an archive download
	GitTimeout      time.Duration // a git fetch and checkout

	MaxDownload     int64 // bytes of an archive download
	MaxPackageBytes int64 // bytes of a package, extracted or checked out
	MaxFiles        int   // entries in a package
	// MaxPackages bounds the packages one run downloads: scanned code
	// that calls thousands of distinct modules does not get them all.
	MaxPackages int
}

// NewConfig returns the default configuration for an environment:
// TFCOMPLY_OFFLINE (1, true or yes) and TFCOMPLY_CACHE_DIR are read here.
func NewConfig(environ []string) Config {
	env := envMap(environ)
	dir, err := DefaultCacheDir(environ)
	return Config{
		CacheDir: dir, CacheError: err, Offline: OfflineFromEnv(env["TFCOMPLY_OFFLINE"]), Environ: environ, Git: "git",
		ConnectTimeout: 10 * time.Second, APITimeout: 30 * time.Second,
		DownloadTimeout: 3 * time.Minute, GitTimeout: 3 * time.Minute,
		MaxDownload: 200 << 20, MaxPackageBytes: 500 << 20, MaxFiles: 20000, MaxPackages: 500,
	}
}

// OfflineFromEnv reads TFCOMPLY_OFFLINE: "1", "true", "yes" (any case) are on.
func OfflineFromEnv(v string) bool {
	switch strings.ToLower(strings.TrimSpace(v)) {
	case "1", "true", "yes", "on":
		return true
	}
	return false
}

// Fetcher finds the modules `terraform init` would install: installed
// ones first, then the cache, then the network. It is safe for concurrent
// use; each package is fetched once per run however many roots call it.
type Fetcher struct {
	cfg   Config
	cache cache
	http  *httpClient

	cliOnce sync.Once
	cli     *cliConfig

	mu        sync.Mutex
	calls     map[string]*onceCall
	downloads int // packages downloaded this run
}

// New returns a Fetcher.
func New(cfg Config) *Fetcher {
	return &Fetcher{cfg: cfg, cache: cache{dir: cfg.CacheDir}, http: newHTTPClient(cfg), calls: map[string]*onceCall{}}
}

// Request is one module call to resolve.
type Request struct {
	Source  string // as written in the module block
	Version string // its version constraint, "" when none
	// Installed is what .terraform/modules/modules.json records for this
	// call; nil when it records nothing.
	Installed *Installed
}

// Installed is a module recorded by terraform init.
type Installed struct {
	Dir     string // absolute
	Source  string
	Version string
}

// Module is where a module call's module is.
type Module struct {
	Dir string // the module's directory
	// PackageDir is the root of the fetched package that holds Dir: local
	// sources in the module resolve within it. "" for an installed module,
	// which lives in the root's .terraform directory.
	PackageDir string
	// Display names the package in file paths, "NS/NAME/PROVIDER@1.2.0" or
	// "git::https://host/repo.git?ref=v1": a file of the package is shown
	// as Display + "//" + its path in the package.
	Display string
	Version string // the version chosen, for registry modules
	// Warnings are things to tell the user even though the module was
	// found (an installed copy out of date with the configuration).
	Warnings []string
}

// CLIConfigProblems are the problems reading Terraform's CLI configuration,
// once a fetch needed it (nil before).
func (f *Fetcher) CLIConfigProblems() []string {
	f.mu.Lock()
	defer f.mu.Unlock()
	if f.cli == nil {
		return nil
	}
	return append([]string(nil), f.cli.problems...)
}

func (f *Fetcher) cliConfig() *cliConfig {
	f.cliOnce.Do(func() {
		c := loadCLIConfig(f.cfg.Environ)
		f.mu.Lock()
		f.cli = c
		f.mu.Unlock()
	})
	return f.cli
}

// Fetch finds a module call's module. The error says, for a person, why
// it could not be found and what to do; it starts with "its source".
func (f *Fetcher) Fetch(ctx context.Context, req Request) (Module, error) {
	var warnings []string
	if in := req.Installed; in != nil {
		why := f.staleness(req)
		if why == "" {
			return Module{Dir: in.Dir, Version: in.Version}, nil
		}
		warnings = append(warnings, why)
	}
	m, err := f.fetch(ctx, req)
	m.Warnings = append(warnings, m.Warnings...)
	return m, err
}

// staleness says why an installed module does not match its call, "" when
// it does.
func (f *Fetcher) staleness(req Request) string {
	in := req.Installed
	if st, err := os.Stat(in.Dir); err != nil || !st.IsDir() {
		return fmt.Sprintf(".terraform/modules/modules.json records it in %s, which does not exist; run terraform init. "+
			"It is looked for in the module cache and fetched instead", in.Dir)
	}
	sameSource := in.Source == "" || sameInstalledSource(req.Source, in.Source)
	versionOK := req.Version == "" || in.Version == "" || versionSatisfies(in.Version, req.Version)
	if sameSource && versionOK {
		return ""
	}
	recorded := fmt.Sprintf("source %q", in.Source)
	if in.Version != "" {
		recorded += " version " + in.Version
	}
	wanted := fmt.Sprintf("source %q", req.Source)
	if req.Version != "" {
		wanted += fmt.Sprintf(" version %q", req.Version)
	}
	what := "its source changed"
	switch {
	case sameSource:
		what = "the installed version does not satisfy the version constraint"
	case !versionOK:
		what = "its source changed and the installed version does not satisfy the version constraint"
	}
	return fmt.Sprintf("the copy terraform init installed is out of date (%s): .terraform/modules/modules.json records %s, the configuration asks for %s; run terraform init. "+
		"The installed copy is not used: the module is taken from the module cache or fetched as the configuration says", what, recorded, wanted)
}

// sameInstalledSource compares a call's source with the one terraform init
// recorded, which is normalized ("registry.terraform.io/x/y/aws") and, for
// registry modules of some Terraform versions, leaves out the subdirectory.
func sameInstalledSource(call, recorded string) bool {
	if SameSource(call, recorded) {
		return true
	}
	a, errA := ParseSource(call)
	b, errB := ParseSource(recorded)
	return errA == nil && errB == nil && a.Kind == b.Kind && a.Kind != Unsupported && a.Key() == b.Key() && b.Subdir == ""
}

func (f *Fetcher) fetch(ctx context.Context, req Request) (Module, error) {
	src, err := ParseSource(req.Source)
	if err != nil {
		return Module{}, fmt.Errorf("its source is not valid: %v", err)
	}
	switch {
	case src.Kind == Unsupported:
		return Module{}, fmt.Errorf("its source %q is %s, which tfcomply does not fetch: run terraform init first (tfcomply reads the modules it installs in .terraform/modules)", req.Source, src.Why)
	case src.Kind != Registry && strings.TrimSpace(req.Version) != "":
		return Module{}, fmt.Errorf("its source %q is not a registry address, so its version argument %q cannot apply (terraform init refuses it); pin a git source with ?ref= instead", req.Source, req.Version)
	case f.cfg.CacheDir == "":
		why := "no module cache directory"
		if f.cfg.CacheError != nil {
			why = f.cfg.CacheError.Error()
		}
		return Module{}, fmt.Errorf("its source %q is not installed and cannot be fetched: %s", req.Source, why)
	}
	constraint, err := parseConstraint(req.Version)
	if err != nil {
		return Module{}, fmt.Errorf("its %v", err)
	}

	// The cache: for a registry module, the newest cached version that
	// meets the constraint (as terraform init keeps an installed version
	// that still does).
	if src.Kind == Registry {
		if v := newestMatching(f.cache.cachedVersions(src), constraint); v != "" {
			entry := f.cache.registryEntry(src, v)
			pkg, _ := f.cache.lookup(entry)
			return f.module(src, pkg, v, f.locationSubdir(entry))
		}
	} else if pkg, ok := f.cache.lookup(f.cache.hashedEntry(src)); ok {
		return f.module(src, pkg, "", "")
	}
	if f.cfg.Offline {
		return Module{}, fmt.Errorf("its source %q is not installed and not in the module cache (%s), and fetching is off (--offline or TFCOMPLY_OFFLINE): drop --offline to fetch it, or run terraform init", req.Source, f.cfg.CacheDir)
	}

	var pkg, version, sub string
	if src.Kind == Registry {
		pkg, version, sub, err = f.fetchRegistry(ctx, src, req.Version, constraint)
	} else {
		pkg, err = f.fetchPackage(ctx, src, f.cache.hashedEntry(src), entryInfo{Source: src.Package()})
	}
	if err != nil {
		return Module{}, describe(req.Source, err)
	}
	return f.module(src, pkg, version, sub)
}

// module makes the Module of a package in the cache. locSub is the
// subdirectory a registry's download location names, under which the
// call's own //subdir is.
func (f *Fetcher) module(src Source, pkg, version, locSub string) (Module, error) {
	dir, err := packageSubdir(pkg, cleanSubdir(strings.Trim(locSub+"/"+src.Subdir, "/")))
	if err != nil {
		return Module{}, describe(src.Raw, err)
	}
	display := src.Package()
	if version != "" {
		display += "@" + version
	}
	return Module{Dir: dir, PackageDir: pkg, Display: display, Version: version}, nil
}

// fetchRegistry resolves a registry module's version and fetches its
// package into the cache. It returns the package, the version and the
// subdirectory the download location names.
func (f *Fetcher) fetchRegistry(ctx context.Context, src Source, raw string, c versionConstraints) (pkg, version, sub string, err error) {
	versions, err := f.registryVersions(ctx, src)
	if err != nil {
		return "", "", "", err
	}
	version = newestMatching(versions, c)
	if version == "" {
		return "", "", "", noVersionError(src, raw, versions)
	}
	if !safeSegment.MatchString(version) {
		return "", "", "", &fetchError{msg: fmt.Sprintf("the registry lists the version %q, which is not a version", version)}
	}
	entry := f.cache.registryEntry(src, version)
	if p, ok := f.cache.lookup(entry); ok {
		return p, version, f.locationSubdir(entry), nil
	}
	loc, err := f.registryLocation(ctx, src, version)
	if err != nil {
		return "", "", "", err
	}
	inner, err := ParseSource(loc)
	if err != nil || inner.Kind == Registry || inner.Kind == Unsupported {
		why := "not a git or archive source"
		if err != nil {
			why = err.Error()
		} else if inner.Kind == Unsupported {
			why = inner.Why + ", which tfcomply does not fetch"
		}
		return "", "", "", &fetchError{msg: fmt.Sprintf("the registry puts %s %s at %q: %s", src.Package(), version, redactLocation(loc), why),
			advice: "run terraform init (tfcomply reads the modules it installs)"}
	}
	p, err := f.fetchPackage(ctx, inner, entry, entryInfo{Source: src.Package(), Version: version, Subdir: inner.Subdir})
	return p, version, inner.Subdir, err
}

// locationSubdir is the subdirectory recorded for a registry entry, ""
// when none.
func (f *Fetcher) locationSubdir(entry string) string {
	return readEntryInfo(entry).Subdir
}

func noVersionError(src Source, raw string, versions []string) error {
	if len(versions) == 0 {
		return &fetchError{msg: fmt.Sprintf("the registry %s lists no versions of %s", src.Host, src.Package())}
	}
	sorted := sortVersions(versions)
	shown := sorted
	if len(shown) > 8 {
		shown = shown[len(shown)-8:]
	}
	list := strings.Join(shown, ", ")
	if len(sorted) > len(shown) {
		list = "…, " + list
	}
	return &fetchError{msg: fmt.Sprintf("no version of %s matches %q (the registry has %s)", src.Package(), raw, list), advice: "check the version constraint"}
}

// fetchPackage downloads a git or archive package into a cache entry,
// once per run.
func (f *Fetcher) fetchPackage(ctx context.Context, src Source, entry string, info entryInfo) (string, error) {
	v, err := f.once("install\x00"+entry, func() (interface{}, error) {
		if p, ok := f.cache.lookup(entry); ok {
			return p, nil
		}
		f.mu.Lock()
		f.downloads++
		n := f.downloads
		f.mu.Unlock()
		if f.cfg.MaxPackages > 0 && n > f.cfg.MaxPackages {
			return nil, &fetchError{msg: fmt.Sprintf("this run already downloaded %d module packages, the most one run fetches", f.cfg.MaxPackages),
				advice: "run terraform init, then scan"}
		}
		return f.cache.install(entry, info, func(pkg string) error {
			return f.download(ctx, src, pkg, 0)
		})
	})
	if err != nil {
		return "", err
	}
	return v.(string), nil
}

// download puts src's package in pkg, a directory that does not exist.
func (f *Fetcher) download(ctx context.Context, src Source, pkg string, depth int) error {
	lim := limits{maxBytes: f.cfg.MaxPackageBytes, maxFiles: f.cfg.MaxFiles}
	switch src.Kind {
	case Git:
		if err := f.gitFetch(ctx, src, pkg); err != nil {
			return err
		}
		return checkTree(pkg, lim)
	case HTTP:
		u, err := url.Parse(src.URL)
		if err != nil {
			return err
		}
		tmp, err := os.MkdirTemp(filepath.Dir(pkg), "download-")
		if err != nil {
			return err
		}
		defer os.RemoveAll(tmp)
		file := filepath.Join(tmp, "archive")
		hdr, err := f.http.download(ctx, u, file)
		var unsafe *errUnsafe
		if errors.As(err, &unsafe) {
			return err
		}
		if err != nil {
			return &fetchError{msg: fmt.Sprintf("downloading %s failed: %v", displayURL(u), err), network: isNetwork(err), host: u.Host}
		}
		format := src.Archive
		if format == "" {
			// Not an archive by its name: the answer may name the
			// package's location, in a header or an HTML meta tag.
			next := hdr.Get("X-Terraform-Get")
			if next == "" {
				next = terraformGetMeta(file)
			}
			if next == "" {
				return &fetchError{msg: fmt.Sprintf("%s is not an archive tfcomply recognizes", displayURL(u)),
					advice: "name it with its archive type (.zip, .tar.gz) or add ?archive=zip"}
			}
			if depth >= 3 {
				return &fetchError{msg: fmt.Sprintf("%s: too many redirections through X-Terraform-Get", displayURL(u))}
			}
			if strings.HasPrefix(next, "/") || strings.HasPrefix(next, "./") || strings.HasPrefix(next, "../") {
				if ref, err := url.Parse(next); err == nil {
					next = u.ResolveReference(ref).String()
				}
			}
			inner, err := ParseSource(next)
			if err != nil || (inner.Kind != Git && inner.Kind != HTTP) {
				return &fetchError{msg: fmt.Sprintf("%s names %q as the module's location, which is not a git or archive source", displayURL(u), redactLocation(next))}
			}
			if inner.Subdir != "" {
				return &fetchError{msg: fmt.Sprintf("%s names a location with a //subdirectory, which tfcomply does not follow", displayURL(u))}
			}
			return f.download(ctx, inner, pkg, depth+1)
		}
		if err := os.Mkdir(pkg, 0o755); err != nil {
			return err
		}
		if err := extractArchive(file, format, pkg, lim); err != nil {
			return err
		}
		return checkTree(pkg, lim)
	}
	return fmt.Errorf("cannot download a %v source", src.Kind)
}

// once runs fn once per key for the whole run; callers of the same key
// wait for the first and share its result, failures included.
func (f *Fetcher) once(key string, fn func() (interface{}, error)) (interface{}, error) {
	f.mu.Lock()
	c, ok := f.calls[key]
	if !ok {
		c = &onceCall{done: make(chan struct{})}
		f.calls[key] = c
		f.mu.Unlock()
		c.val, c.err = fn()
		close(c.done)
		return c.val, c.err
	}
	f.mu.Unlock()
	<-c.done
	return c.val, c.err
}

type onceCall struct {
	done chan struct{}
	val  interface{}
	err  error
}

// redactLocation shortens a download location for a message: signed URLs
// carry credentials in their query.
func redactLocation(loc string) string {
	if i := strings.IndexByte(loc, '?'); i >= 0 {
		return redactURL(loc[:i]) + "?…"
	}
	return redactURL(loc)
}

func sortVersions(vs []string) []string {
	out := append([]string(nil), vs...)
	sort.SliceStable(out, func(i, j int) bool { return versionLess(out[i], out[j]) })
	return out
}
