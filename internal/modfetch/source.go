package modfetch

import (
	"fmt"
	"net/url"
	"path"
	"regexp"
	"strconv"
	"strings"
)

// Kind is how a module source is fetched.
type Kind int

const (
	// Registry is a module registry address: [HOST/]NAMESPACE/NAME/PROVIDER.
	Registry Kind = iota + 1
	// Git is a git repository, fetched with the git command.
	Git
	// HTTP is an archive (or a page naming one) downloaded over HTTP(S).
	HTTP
	// Unsupported is a source Terraform knows that tfcomply does not fetch
	// (S3, GCS, Mercurial, absolute paths): Source.Why says which.
	Unsupported
)

// DefaultRegistryHost is the registry of addresses without a hostname.
const DefaultRegistryHost = "registry.terraform.io"

// Source is a parsed module source address, as Terraform's "Module Sources"
// documentation describes them. Local paths ("./x", "../y") are not
// sources this package handles; the loader resolves them itself.
type Source struct {
	Kind Kind
	Raw  string // as written

	// Registry addresses.
	Host, Namespace, Name, Provider string

	// Git and HTTP: the repository or archive URL without the arguments
	// tfcomply consumes (ref, depth, archive). For git it may be scp-like
	// (git@github.com:owner/repo.git).
	URL     string
	Ref     string // git ?ref=
	Depth   int    // git ?depth=, 0 for a full clone
	Archive string // HTTP: the archive format ("zip", "tar.gz", ...), "" when the URL must be asked for one

	// Subdir is the directory in the package that holds the module
	// (after "//"), "" for the package root. It may hold * globs.
	Subdir string

	// Why says, for an Unsupported source, what it is.
	Why string
}

// IsLocal reports whether a source is a local path, which Terraform loads
// in place without installing it.
func IsLocal(src string) bool {
	for _, p := range []string{"./", "../", ".\\", "..\\"} {
		if strings.HasPrefix(src, p) {
			return true
		}
	}
	return false
}

var (
	forcedGetter  = regexp.MustCompile(`^([A-Za-z0-9]+)::(.+)$`)
	registryIdent = regexp.MustCompile(`^[0-9A-Za-z](?:[0-9A-Za-z_-]{0,62}[0-9A-Za-z])?$`)
	registryProv  = regexp.MustCompile(`^[0-9a-z]{1,64}$`)
	hostPort      = regexp.MustCompile(`^[A-Za-z0-9](?:[A-Za-z0-9.-]*[A-Za-z0-9])?(?::[0-9]{1,5})?$`)
	scpLike       = regexp.MustCompile(`^[A-Za-z0-9._-]+@[A-Za-z0-9.-]+:[^/]`)
	s3Host        = regexp.MustCompile(`^(?:[^/]+\.)?s3[.-](?:[a-z0-9-]+\.)?amazonaws\.com(?:/|$)`)
	archiveExts   = []struct{ ext, format string }{
		{".tar.gz", "tar.gz"}, {".tgz", "tar.gz"}, {".tar.bz2", "tar.bz2"}, {".tbz2", "tar.bz2"},
		{".tar.xz", "tar.xz"}, {".txz", "tar.xz"}, {".zip", "zip"}, {".tar", "tar"},
	}
)

// ParseSource parses a module source address. Local paths are an error:
// they are not fetched.
func ParseSource(raw string) (Source, error) {
	s := strings.TrimSpace(raw)
	switch {
	case s == "":
		return Source{}, fmt.Errorf("the source is empty")
	case IsLocal(s):
		return Source{}, fmt.Errorf("%q is a local path, not a source to fetch", raw)
	}
	if m := forcedGetter.FindStringSubmatch(s); m != nil {
		return parseForced(raw, strings.ToLower(m[1]), m[2])
	}
	if strings.HasPrefix(s, "/") || (len(s) > 2 && s[1] == ':' && (s[2] == '\\' || s[2] == '/')) {
		return unsupported(raw, "an absolute path: Terraform copies it in terraform init; tfcomply reads only relative local paths (./ or ../), installed and fetched modules")
	}
	if src, ok := parseRegistry(raw, s); ok {
		return src, nil
	}
	if strings.Contains(s, "://") {
		return parseURL(raw, s)
	}
	switch {
	case strings.HasPrefix(s, "github.com/"):
		return parseHosted(raw, s, "github.com")
	case strings.HasPrefix(s, "bitbucket.org/"):
		return parseHosted(raw, s, "bitbucket.org")
	case scpLike.MatchString(s):
		return parseGit(raw, s)
	case s3Host.MatchString(s):
		return unsupported(raw, "an S3 bucket")
	case strings.HasPrefix(s, "www.googleapis.com/storage/"):
		return unsupported(raw, "a GCS bucket")
	}
	return Source{}, fmt.Errorf("%q is not a module source Terraform accepts: not a local path (./ or ../), a registry address (NAMESPACE/NAME/PROVIDER), a git or an http(s) URL", raw)
}

func unsupported(raw, why string) (Source, error) {
	return Source{Kind: Unsupported, Raw: raw, Why: why}, nil
}

// parseForced parses a source with a getter prefix ("git::", "s3::").
func parseForced(raw, getter, rest string) (Source, error) {
	switch getter {
	case "git":
		return parseGit(raw, rest)
	case "http", "https":
		return parseURL(raw, rest)
	case "s3":
		return unsupported(raw, "an S3 bucket (s3::)")
	case "gcs":
		return unsupported(raw, "a GCS bucket (gcs::)")
	case "hg":
		return unsupported(raw, "a Mercurial repository (hg::)")
	}
	return unsupported(raw, fmt.Sprintf("fetched by Terraform's %q getter", getter+"::"))
}

// parseRegistry recognises [HOST/]NAMESPACE/NAME/PROVIDER[//SUBDIR].
func parseRegistry(raw, s string) (Source, bool) {
	if strings.ContainsAny(s, "?:@") && !hostPort.MatchString(strings.SplitN(s, "/", 2)[0]) {
		return Source{}, false
	}
	addr, sub := splitSubdir(s)
	if strings.Contains(addr, "?") || strings.Contains(sub, "?") {
		return Source{}, false
	}
	sub = cleanSubdir(sub)
	parts := strings.Split(addr, "/")
	host := DefaultRegistryHost
	switch len(parts) {
	case 3:
	case 4:
		host = parts[0]
		lower := strings.ToLower(host)
		if !hostPort.MatchString(host) || lower == "github.com" || lower == "bitbucket.org" {
			return Source{}, false
		}
		parts = parts[1:]
	default:
		return Source{}, false
	}
	if !registryIdent.MatchString(parts[0]) || !registryIdent.MatchString(parts[1]) || !registryProv.MatchString(parts[2]) {
		return Source{}, false
	}
	return Source{Kind: Registry, Raw: raw, Host: strings.ToLower(host), Namespace: parts[0], Name: parts[1], Provider: parts[2], Subdir: sub}, true
}

// parseHosted expands github.com/OWNER/REPO[/SUB...] and the bitbucket.org
// form to git over https, as Terraform does.
func parseHosted(raw, s, host string) (Source, error) {
	s, sub, query := splitAll(s)
	parts := strings.Split(s, "/")
	if len(parts) < 3 || parts[1] == "" || parts[2] == "" {
		return Source{}, fmt.Errorf("%q: a %s source needs an owner and a repository (%s/OWNER/REPO)", raw, host, host)
	}
	if len(parts) > 3 {
		sub = path.Join(append(parts[3:], sub)...)
	}
	repo := strings.TrimSuffix(parts[2], ".git") + ".git"
	u := "https://" + host + "/" + parts[1] + "/" + repo
	if sub != "" {
		u += "//" + sub
	}
	if query != "" {
		u += "?" + query
	}
	return parseGit(raw, u)
}

// parseGit parses a git URL with its ref, depth and //subdir.
func parseGit(raw, s string) (Source, error) {
	s, sub, query := splitAll(s)
	src := Source{Kind: Git, Raw: raw, Subdir: sub}
	vals, err := url.ParseQuery(query)
	if err != nil {
		return Source{}, fmt.Errorf("%q: bad query string: %v", raw, err)
	}
	if v := vals.Get("ref"); v != "" {
		if strings.HasPrefix(v, "-") {
			return Source{}, fmt.Errorf("%q: ref %q may not start with a dash", raw, v)
		}
		src.Ref = v
	}
	vals.Del("ref")
	if v := vals.Get("depth"); v != "" {
		n, err := strconv.Atoi(v)
		if err != nil || n < 0 {
			return Source{}, fmt.Errorf("%q: depth %q is not a whole number", raw, v)
		}
		src.Depth = n
	}
	vals.Del("depth")
	if vals.Has("sshkey") {
		return unsupported(raw, "a git source with ?sshkey= (a private key in the address); configure the key for ssh or git instead")
	}
	if !scpLike.MatchString(s) {
		u, err := url.Parse(s)
		if err != nil {
			return Source{}, fmt.Errorf("%q: %v", raw, err)
		}
		switch u.Scheme {
		case "https", "http", "ssh", "git", "file":
		case "":
			return Source{}, fmt.Errorf("%q: a git source needs a URL with a scheme (https://, ssh://, file://) or the scp-like form user@host:path", raw)
		default:
			return Source{}, fmt.Errorf("%q: git over %q is not a transport tfcomply uses", raw, u.Scheme)
		}
	}
	if strings.HasPrefix(s, "-") {
		return Source{}, fmt.Errorf("%q: a git URL may not start with a dash", raw)
	}
	src.URL = s
	if len(vals) > 0 {
		src.URL += "?" + vals.Encode()
	}
	return src, nil
}

// parseURL parses an http(s) source: an archive, or a page that names one.
func parseURL(raw, s string) (Source, error) {
	s, sub, query := splitAll(s)
	u, err := url.Parse(s)
	if err != nil {
		return Source{}, fmt.Errorf("%q: %v", raw, err)
	}
	switch u.Scheme {
	case "http", "https":
	case "s3":
		return unsupported(raw, "an S3 bucket")
	case "gs", "gcs":
		return unsupported(raw, "a GCS bucket")
	case "file":
		return unsupported(raw, "a file:// path: Terraform copies it in terraform init; tfcomply reads only relative local paths (./ or ../)")
	default:
		return unsupported(raw, fmt.Sprintf("a %s:// URL", u.Scheme))
	}
	if s3Host.MatchString(u.Host + "/") {
		return unsupported(raw, "an S3 bucket")
	}
	if strings.EqualFold(u.Host, "www.googleapis.com") && strings.HasPrefix(u.Path, "/storage/") {
		return unsupported(raw, "a GCS bucket")
	}
	vals, err := url.ParseQuery(query)
	if err != nil {
		return Source{}, fmt.Errorf("%q: bad query string: %v", raw, err)
	}
	src := Source{Kind: HTTP, Raw: raw, Subdir: sub}
	if vals.Has("archive") {
		a := strings.ToLower(vals.Get("archive"))
		vals.Del("archive")
		switch a {
		case "false":
			return unsupported(raw, "a file that is not to be extracted (archive=false), not a module package")
		case "tgz":
			a = "tar.gz"
		case "tbz2":
			a = "tar.bz2"
		case "txz":
			a = "tar.xz"
		}
		src.Archive = a
	} else {
		lower := strings.ToLower(u.Path)
		for _, e := range archiveExts {
			if strings.HasSuffix(lower, e.ext) {
				src.Archive = e.format
				break
			}
		}
	}
	u.RawQuery = vals.Encode()
	src.URL = u.String()
	return src, nil
}

// splitQuery splits "x?y" into "x" and "y".
func splitQuery(s string) (string, string) {
	if i := strings.IndexByte(s, '?'); i >= 0 {
		return s[:i], s[i+1:]
	}
	return s, ""
}

// splitAll splits "URL//subdir?query" into its three parts. The "//" after
// a scheme's "://" does not count; a query written before the "//"
// ("x.git?ref=v1//sub") belongs to the URL all the same.
func splitAll(s string) (base, sub, query string) {
	base, sub = splitSubdir(s)
	base, q1 := splitQuery(base)
	sub, q2 := splitQuery(sub)
	switch {
	case q1 == "":
		query = q2
	case q2 == "":
		query = q1
	default:
		query = q1 + "&" + q2
	}
	return base, cleanSubdir(sub), query
}

// cleanSubdir cleans a //subdir; "" for the package root. One that climbs
// out ("..") stays so, for packageSubdir to refuse.
func cleanSubdir(sub string) string {
	sub = strings.Trim(sub, "/")
	if sub == "" {
		return ""
	}
	if sub = path.Clean(sub); sub == "." {
		return ""
	}
	return sub
}

// splitSubdir splits "URL//subdir" into the URL and the subdirectory, the
// "//" after a scheme's "://" not counting.
func splitSubdir(s string) (string, string) {
	from := 0
	if i := strings.Index(s, "://"); i >= 0 {
		from = i + 3
	}
	i := strings.Index(s[from:], "//")
	if i < 0 {
		return s, ""
	}
	i += from
	return s[:i], strings.Trim(s[i+2:], "/")
}

// Key identifies a package in the cache: the normalized source without
// its subdirectory. Registry keys leave out the version (see cache.go).
func (s Source) Key() string {
	switch s.Kind {
	case Registry:
		return strings.ToLower(s.Host + "/" + s.Namespace + "/" + s.Name + "/" + s.Provider)
	case Git:
		return "git::" + s.URL + "?ref=" + s.Ref
	case HTTP:
		return s.URL + "#archive=" + s.Archive
	}
	return s.Raw
}

// Package names the package for people: a registry address without the
// default host, a git URL with its ref, an archive URL; passwords in URLs
// are left out.
func (s Source) Package() string {
	switch s.Kind {
	case Registry:
		addr := s.Namespace + "/" + s.Name + "/" + s.Provider
		if s.Host != DefaultRegistryHost {
			addr = s.Host + "/" + addr
		}
		return addr
	case Git:
		p := "git::" + redactURL(s.URL)
		if s.Ref != "" {
			p += "?ref=" + s.Ref
		}
		return p
	case HTTP:
		return redactURL(s.URL)
	}
	return s.Raw
}

// SameSource reports whether two source addresses name the same module
// (package and subdirectory), however each is spelled: "x/y/aws" and
// "registry.terraform.io/x/y/aws" are the same, as are "github.com/a/b"
// and "git::https://github.com/a/b.git".
func SameSource(a, b string) bool {
	if a == b {
		return true
	}
	sa, errA := ParseSource(a)
	sb, errB := ParseSource(b)
	if errA != nil || errB != nil || sa.Kind != sb.Kind || sa.Kind == Unsupported {
		return false
	}
	return sa.Key() == sb.Key() && sa.Subdir == sb.Subdir
}

// redactURL hides the password of a URL's user information.
func redactURL(s string) string {
	u, err := url.Parse(s)
	if err != nil || u.User == nil {
		return s
	}
	if _, ok := u.User.Password(); !ok {
		return s
	}
	return u.Redacted()
}
