package hclload

import (
	"os"
	"sort"
	"strconv"
	"sync"

	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/json"
	"github.com/tfcomply/tfcomply/internal/model"
	"github.com/tfcomply/tfcomply/internal/paths"
)

// Files reads and parses each file once for a whole scan, however many
// roots load it: a module that twenty roots call is parsed once, and so is
// a file root selection (LocalCalls) parsed before. It also keeps what is
// derived from a file alone: its digest, and the declarations a module
// builds from it (see decodeFile). Safe for concurrent use by the roots of
// one scan.
//
// Entries are keyed by path: within one scan a file is read once, and
// every root sees that content. A new scan starts with a new Files.
//
// Syntax trees take about 13 times the size of their source, so the cache
// keeps only the most recently used files, up to a budget of source bytes:
// roots are evaluated in the order of their directories, and those that
// share modules (a repository's examples, a module's wrappers) come one
// after another. A file evicted and needed again is parsed again.
type Files struct {
	mu      sync.Mutex
	entries map[fileKey]*fileEntry
	size    int      // source bytes of the parsed entries
	budget  int      // at most this many, past which the least recent go
	clock   int64    // counts uses, for lastUse
	keys    sync.Map // file name -> paths.Key of it
	calls   sync.Map // directory -> its LocalCalls
	dirs    sync.Map // directory -> dirFiles: its ConfigFiles
	reals   sync.Map // directory -> realDir of it
	parses  int      // files parsed, for tests and benchmarks
}

// DefaultFilesBudget is the source bytes a Files keeps parsed: about 7 MB
// of syntax trees.
const DefaultFilesBudget = 512 << 10

type fileKey struct {
	path string
	json bool
}

// fileEntry is one file: its source, read on first use, and its syntax
// tree, parsed on first use.
type fileEntry struct {
	path    string
	json    bool
	lastUse int64 // Files.clock at the last use; guarded by Files.mu
	size    int   // source bytes, once parsed; guarded by Files.mu

	parseOnce sync.Once
	file      *hcl.File
	diags     hcl.Diagnostics // the parse's, or why the file was not parsed
	digest    string

	declOnce sync.Once
	decls    *fileDecls
}

// NewFiles returns an empty cache, for one scan, that keeps up to
// DefaultFilesBudget bytes of source parsed.
func NewFiles() *Files {
	return NewFilesBudget(DefaultFilesBudget)
}

// NewFilesBudget returns an empty cache that keeps up to budget bytes of
// source parsed.
func NewFilesBudget(budget int) *Files {
	return &Files{entries: map[fileKey]*fileEntry{}, budget: budget}
}

// Parses is how many times a file was parsed through c.
func (c *Files) Parses() int {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.parses
}

// file returns the parsed file at path, parsing it on first use (or
// again, when it was evicted).
func (c *Files) file(path string, json bool) *fileEntry {
	return c.fileFrom(path, json, nil)
}

// fileFrom is file for a file whose content was read already (src; nil
// to read it).
func (c *Files) fileFrom(path string, json bool, src []byte) *fileEntry {
	k := fileKey{path, json}
	c.mu.Lock()
	e := c.entries[k]
	if e == nil {
		e = &fileEntry{path: path, json: json}
		c.entries[k] = e
	}
	c.clock++
	e.lastUse = c.clock
	c.mu.Unlock()
	parsedNow := false
	e.parseOnce.Do(func() {
		e.parse(src)
		parsedNow = true
	})
	if parsedNow {
		c.mu.Lock()
		c.parses++
		if e.file != nil && c.entries[k] == e {
			e.size = len(e.file.Bytes)
			c.size += e.size
			c.evict()
		}
		c.mu.Unlock()
	}
	return e
}

// evict drops the least recently used entries until the cache is within
// its budget, down to three quarters of it so that it does not evict on
// every parse. The roots that hold an evicted tree keep it.
func (c *Files) evict() {
	if c.size <= c.budget {
		return
	}
	type aged struct {
		k fileKey
		e *fileEntry
	}
	var all []aged
	for k, e := range c.entries {
		all = append(all, aged{k, e})
	}
	sort.Slice(all, func(i, j int) bool { return all[i].e.lastUse < all[j].e.lastUse })
	for _, a := range all {
		if c.size <= c.budget*3/4 {
			break
		}
		delete(c.entries, a.k)
		c.size -= a.e.size
	}
}

// parse reads (unless src holds it already) and parses the file, as
// parseSource describes.
func (e *fileEntry) parse(src []byte) {
	var err error
	if src == nil {
		src, err = os.ReadFile(e.path)
	}
	if err != nil {
		e.diags = hcl.Diagnostics{{Severity: hcl.DiagError, Summary: "cannot read file",
			Detail: err.Error(), Subject: fileStart(e.path).Ptr()}}
		return
	}
	if why := notText(src); why != "" {
		e.diags = hcl.Diagnostics{{Severity: hcl.DiagError, Summary: "not a text file",
			Detail: why, Subject: fileStart(e.path).Ptr()}}
		return
	}
	if e.json {
		e.file, e.diags = json.Parse(src, e.path)
	} else {
		e.file, e.diags = parseHCL(src, e.path)
	}
	if e.file != nil {
		e.digest = model.Digest(e.file.Bytes)
	}
}

// declarationsOrNil are what a module takes from this file (see
// decodeFile), decoded once; nil for no file or when it did not parse.
func (e *fileEntry) declarationsOrNil() *fileDecls {
	if e == nil {
		return nil
	}
	e.declOnce.Do(func() {
		if e.file != nil && e.file.Body != nil {
			e.decls = decodeFile(e.file.Body)
		}
	})
	return e.decls
}

// key is paths.Key(name), worked out once per name: it looks for the git
// work tree, directory by directory, on every call.
func (c *Files) key(name string) string {
	if k, ok := c.keys.Load(name); ok {
		return k.(string)
	}
	k := paths.Key(name)
	c.keys.Store(name, k)
	return k
}

// rootFiles is the files one root reads, through the scan's cache. A file
// read twice in one root (a module directory called twice) gives its
// problems once, as before the cache.
type rootFiles struct {
	cache *Files
	read  map[string]*fileEntry // by path, those that parsed
	// overlay holds bytes that replace files on disk for this root alone
	// (see Options.Overlay): such a file is parsed here and never enters
	// the shared cache, where other roots would see the edit.
	overlay map[string][]byte
}

func newRootFiles(cache *Files, overlay map[string][]byte) *rootFiles {
	if cache == nil {
		cache = NewFiles()
	}
	return &rootFiles{cache: cache, read: map[string]*fileEntry{}, overlay: overlay}
}

// parse returns a file's syntax tree: see parseSource.
func (rf *rootFiles) parse(path string, json bool) (*fileEntry, hcl.Diagnostics) {
	if e := rf.read[path]; e != nil {
		return e, nil // a module directory called twice is read once
	}
	var e *fileEntry
	if src, ok := rf.overlay[path]; ok {
		if src == nil {
			src = []byte{} // an empty file, not one to read from disk
		}
		e = &fileEntry{path: path, json: json}
		e.parse(src)
	} else {
		e = rf.cache.file(path, json)
	}
	f, diags := e.file, e.diags
	if f == nil {
		return nil, append(hcl.Diagnostics(nil), diags...) // the caller's to append to
	}
	rf.read[path] = e
	return e, append(hcl.Diagnostics(nil), diags...)
}

// digests are the files the root read, by path, with their digests.
func (rf *rootFiles) digests() map[string]string {
	out := make(map[string]string, len(rf.read))
	for p, e := range rf.read {
		out[p] = e.digest
	}
	return out
}

// rangeText names where a value was set relative to the git work tree (see
// paths.Key): the reason it goes into is part of a baseline fingerprint,
// which must not change with the directory tfcomply runs in.
func (rf *rootFiles) rangeText(r hcl.Range) string {
	return rf.cache.key(r.Filename) + ":" + strconv.Itoa(r.Start.Line)
}

// dirFiles is what ConfigFiles returned for a directory.
type dirFiles struct {
	primary, overrides []string
	warns              hcl.Diagnostics
	err                error
}

// configFiles is ConfigFiles(dir), listed once per scan: every root that
// loads a module lists its directory, and so does each root's file access
// check. The slices are clipped, so that appending to them copies.
func (c *Files) configFiles(dir string) (primary, overrides []string, warns hcl.Diagnostics, err error) {
	v, ok := c.dirs.Load(dir)
	if !ok {
		var d dirFiles
		d.primary, d.overrides, d.warns, d.err = ConfigFiles(dir)
		v, _ = c.dirs.LoadOrStore(dir, d)
	}
	d := v.(dirFiles)
	return d.primary[:len(d.primary):len(d.primary)], d.overrides[:len(d.overrides):len(d.overrides)],
		d.warns[:len(d.warns):len(d.warns)], d.err
}

// realDir is realDir(dir), resolved once per scan (it reads every
// component of the path).
func (c *Files) realDir(dir string) string {
	if v, ok := c.reals.Load(dir); ok {
		return v.(string)
	}
	r := realDir(dir)
	c.reals.Store(dir, r)
	return r
}
