package modfetch

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"html"
	"io"
	"net"
	"net/http"
	"net/url"
	"os"
	"regexp"
	"strings"
	"time"
)

// maxAPIBytes bounds a registry API response (a discovery document, a
// version list): real ones are a few kilobytes.
const maxAPIBytes = 4 << 20

// httpClient makes the requests of a fetch: bounded in time and size, with
// a token only on requests to the host it belongs to.
type httpClient struct {
	client      *http.Client
	apiTimeout  time.Duration
	dlTimeout   time.Duration
	maxDownload int64
}

func newHTTPClient(cfg Config) *httpClient {
	tr := &http.Transport{
		Proxy:                 http.ProxyFromEnvironment,
		DialContext:           (&net.Dialer{Timeout: cfg.ConnectTimeout, KeepAlive: 30 * time.Second}).DialContext,
		TLSHandshakeTimeout:   cfg.ConnectTimeout,
		ResponseHeaderTimeout: cfg.APITimeout,
		MaxIdleConnsPerHost:   4,
		IdleConnTimeout:       30 * time.Second,
	}
	c := &http.Client{Transport: tr}
	c.CheckRedirect = func(req *http.Request, via []*http.Request) error {
		if len(via) >= 10 {
			return errors.New("more than 10 redirects")
		}
		// A token goes only to the host it was given for.
		if req.URL.Host != via[0].URL.Host {
			req.Header.Del("Authorization")
		}
		return nil
	}
	return &httpClient{client: c, apiTimeout: cfg.APITimeout, dlTimeout: cfg.DownloadTimeout, maxDownload: cfg.MaxDownload}
}

// statusError is a response that was not a success.
type statusError struct {
	URL    string
	Status int
	Text   string
}

func (e *statusError) Error() string {
	return fmt.Sprintf("%s answered %d %s", e.URL, e.Status, http.StatusText(e.Status))
}

// getJSON GETs an API URL and decodes its JSON body into v. token, when
// not empty, is sent as a bearer token. It returns the response headers.
func (h *httpClient) getJSON(ctx context.Context, u *url.URL, token string, v interface{}) (http.Header, int, error) {
	ctx, cancel := context.WithTimeout(ctx, h.apiTimeout)
	defer cancel()
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, u.String(), nil)
	if err != nil {
		return nil, 0, err
	}
	req.Header.Set("Accept", "application/json")
	req.Header.Set("User-Agent", userAgent)
	if token != "" {
		req.Header.Set("Authorization", "Bearer "+token)
	}
	resp, err := h.client.Do(req)
	if err != nil {
		return nil, 0, cleanNetError(err)
	}
	defer resp.Body.Close()
	if resp.StatusCode < 200 || resp.StatusCode > 299 {
		io.Copy(io.Discard, io.LimitReader(resp.Body, maxAPIBytes))
		return resp.Header, resp.StatusCode, &statusError{URL: displayURL(u), Status: resp.StatusCode}
	}
	if resp.StatusCode == http.StatusNoContent || v == nil {
		return resp.Header, resp.StatusCode, nil
	}
	body, err := io.ReadAll(io.LimitReader(resp.Body, maxAPIBytes+1))
	if err != nil {
		return resp.Header, resp.StatusCode, cleanNetError(err)
	}
	if len(body) > maxAPIBytes {
		return resp.Header, resp.StatusCode, fmt.Errorf("%s: the response is larger than %d bytes", displayURL(u), maxAPIBytes)
	}
	if len(body) == 0 {
		return resp.Header, resp.StatusCode, nil
	}
	if err := json.Unmarshal(body, v); err != nil {
		return resp.Header, resp.StatusCode, fmt.Errorf("%s: not the JSON expected: %v", displayURL(u), err)
	}
	return resp.Header, resp.StatusCode, nil
}

// download GETs a URL into the file at dst, at most maxDownload bytes. No
// token is sent: archive locations are other hosts (object stores, code
// hosts) that the registry's token is not for. It returns the response
// headers (X-Terraform-Get) and the content type.
func (h *httpClient) download(ctx context.Context, u *url.URL, dst string) (http.Header, error) {
	ctx, cancel := context.WithTimeout(ctx, h.dlTimeout)
	defer cancel()
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, u.String(), nil)
	if err != nil {
		return nil, err
	}
	req.Header.Set("User-Agent", userAgent)
	resp, err := h.client.Do(req)
	if err != nil {
		return nil, cleanNetError(err)
	}
	defer resp.Body.Close()
	if resp.StatusCode < 200 || resp.StatusCode > 299 {
		return resp.Header, &statusError{URL: displayURL(u), Status: resp.StatusCode}
	}
	if resp.ContentLength > h.maxDownload {
		return resp.Header, unsafeErr("%s is %d bytes, more than the %d bytes a module download may be", displayURL(u), resp.ContentLength, h.maxDownload)
	}
	f, err := os.OpenFile(dst, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o600)
	if err != nil {
		return resp.Header, err
	}
	n, err := io.Copy(f, io.LimitReader(resp.Body, h.maxDownload+1))
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return resp.Header, cleanNetError(err)
	}
	if n > h.maxDownload {
		return resp.Header, unsafeErr("%s is more than the %d bytes a module download may be", displayURL(u), h.maxDownload)
	}
	return resp.Header, nil
}

const userAgent = "tfcomply (module fetch)"

// isNetwork reports whether a download failed on the way (no answer, or
// a server error) rather than by a refusal.
func isNetwork(err error) bool {
	var se *statusError
	return !errors.As(err, &se) || se.Status >= 500
}

// displayURL is a URL for messages: no user information, no query (which
// may carry a signature).
func displayURL(u *url.URL) string {
	c := *u
	c.User = nil
	if c.RawQuery != "" {
		c.RawQuery = ""
		return c.String() + "?…"
	}
	return c.String()
}

// cleanNetError shortens the errors of net/http to what a person needs:
// "dial tcp: lookup registry.terraform.io: no such host".
func cleanNetError(err error) error {
	var ue *url.Error
	if errors.As(err, &ue) {
		err = ue.Err
	}
	if errors.Is(err, context.DeadlineExceeded) {
		return errors.New("timed out")
	}
	msg := err.Error()
	if i := strings.Index(msg, "dial tcp"); i > 0 {
		msg = msg[i:]
	}
	return errors.New(msg)
}

// isLoopback reports whether a URL host (with or without a port) is this
// machine: the only hosts that may serve the registry protocol over plain
// http (tests, a registry on localhost).
func isLoopback(host string) bool {
	h := host
	if hh, _, err := net.SplitHostPort(host); err == nil {
		h = hh
	}
	h = strings.Trim(h, "[]")
	if strings.EqualFold(h, "localhost") {
		return true
	}
	ip := net.ParseIP(h)
	return ip != nil && ip.IsLoopback()
}

// terraformGetMeta finds the package location an HTML page names in
// <meta name="terraform-get" content="...">, as Terraform follows it; ""
// when there is none.
func terraformGetMeta(file string) string {
	f, err := os.Open(file)
	if err != nil {
		return ""
	}
	defer f.Close()
	head, _ := io.ReadAll(io.LimitReader(f, 1<<20))
	for _, m := range metaTag.FindAll(head, -1) {
		if !metaName.Match(m) {
			continue
		}
		if c := metaContent.FindSubmatch(m); c != nil {
			return html.UnescapeString(string(c[2]))
		}
	}
	return ""
}

var (
	metaTag     = regexp.MustCompile(`(?is)<meta\s[^>]*>`)
	metaName    = regexp.MustCompile(`(?is)\sname\s*=\s*["']?terraform-get["'\s/>]`)
	metaContent = regexp.MustCompile(`(?is)\scontent\s*=\s*(["'])(.*?)(["'])`)
)
