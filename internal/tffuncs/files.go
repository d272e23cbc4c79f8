package tffuncs

import (
	"encoding/base64"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"syscall"
	"unicode/utf8"

	"github.com/bmatcuk/doublestar"
	"github.com/tfcomply/tfcomply/internal/model"
	"github.com/tfcomply/tfcomply/internal/paths"
	"github.com/zclconf/go-cty/cty"
	"github.com/zclconf/go-cty/cty/function"
)

// DefaultMaxFileBytes is the largest file the file functions read when
// FileAccess.MaxBytes is not set.
const DefaultMaxFileBytes int64 = 10 << 20

// filesetLimit is how many directory entries one fileset call may visit
// before it gives up (a variable so that tests can lower it).
var filesetLimit = 100_000

// FileAccess is what Terraform's file functions (file, filebase64,
// fileexists, fileset, filemd5 and the other file hashes, templatefile) may
// read. The configuration being scanned is untrusted, so they read only
// regular files whose real path (symbolic links resolved) lies inside one of
// the Allowed directories, and none larger than MaxBytes.
//
// A file that is not read (outside, not a regular file, too large, missing,
// unreadable) makes the function's result unknown, marked with a
// model.Origin that names the file and says why, and is passed to Warn.
// It is never an error, and nothing of its content is returned.
type FileAccess struct {
	BaseDir  string                 // relative paths resolve against it (Terraform's working directory)
	Allowed  []string               // the directories files may be read from; none: no file is read
	MaxBytes int64                  // the largest file read; 0 means DefaultMaxFileBytes
	Warn     func(path, why string) // told of each file not read, by the path as written; may be nil
}

// Reasons a file is not read.
const (
	whyOutside = "outside the scanned tree"
	whyMissing = "it does not exist"
)

// files applies a FileAccess.
type files struct {
	base string
	// lexical holds the allowed directories as given and as resolved: a
	// path outside all of them is refused without asking the file system.
	// real holds only the resolved forms, for checking real paths.
	lexical, real []string
	max           int64
	warn          func(path, why string)
}

func newFiles(fa FileAccess) *files {
	f := &files{base: fa.BaseDir, max: fa.MaxBytes, warn: fa.Warn}
	if abs, err := filepath.Abs(fa.BaseDir); err == nil {
		f.base = abs
	}
	if f.max <= 0 {
		f.max = DefaultMaxFileBytes
	}
	for _, d := range fa.Allowed {
		abs, err := filepath.Abs(d)
		if err != nil {
			continue
		}
		f.lexical = append(f.lexical, abs)
		if r, err := filepath.EvalSymlinks(abs); err == nil {
			f.lexical = append(f.lexical, r)
			f.real = append(f.real, r)
		}
	}
	return f
}

// within reports whether p is dir or lies below it (both clean and absolute).
func within(dirs []string, p string) bool {
	return slices.ContainsFunc(dirs, func(d string) bool { return paths.Within(d, p) })
}

// locate turns a path as written into the real path of something that may
// be read, or says why not. A path outside the allowed directories is
// refused before the file system is asked about it.
func (f *files) locate(path string) (real, why string) {
	if strings.HasPrefix(path, "~") {
		return "", whyOutside // the home directory, which Terraform would expand
	}
	p := path
	if !filepath.IsAbs(p) {
		p = filepath.Join(f.base, p)
	}
	p = filepath.Clean(p)
	if !within(f.lexical, p) {
		return "", whyOutside
	}
	real, err := filepath.EvalSymlinks(p)
	switch {
	case err == nil && !within(f.real, real):
		return "", whyOutside // through a symbolic link
	case err == nil:
		return real, ""
	case f.linksOut(p):
		// A dangling link is refused as one that resolves outside is, so
		// that the answer does not tell whether a file outside exists.
		return "", whyOutside
	case errors.Is(err, fs.ErrNotExist) || errors.Is(err, syscall.ENOTDIR):
		return "", whyMissing
	}
	return "", "it cannot be resolved"
}

// linksOut reports whether any symbolic link on the path p names a target
// outside the allowed directories.
func (f *files) linksOut(p string) bool {
	for q := p; within(f.lexical, q); q = filepath.Dir(q) {
		if fi, err := os.Lstat(q); err == nil && fi.Mode()&fs.ModeSymlink != 0 {
			t, err := os.Readlink(q)
			if err != nil {
				return true
			}
			if !filepath.IsAbs(t) {
				t = filepath.Join(filepath.Dir(q), t)
			}
			if !within(f.lexical, filepath.Clean(t)) {
				return true
			}
		}
		if q == filepath.Dir(q) {
			break
		}
	}
	return false
}

// read returns the content of the file at path, or why it is not read.
func (f *files) read(path string) ([]byte, string) {
	real, why := f.locate(path)
	if why != "" {
		return nil, why
	}
	// Stat the resolved path before opening anything: a FIFO would block
	// and a device never end.
	fi, err := os.Stat(real)
	if err != nil {
		return nil, statWhy(err)
	}
	if why := f.readable(fi); why != "" {
		return nil, why
	}
	// O_NONBLOCK: should the file be swapped for a FIFO after the Stat,
	// opening it still does not wait for a writer.
	h, err := os.OpenFile(real, os.O_RDONLY|syscall.O_NONBLOCK, 0)
	if err != nil {
		return nil, statWhy(err)
	}
	defer h.Close()
	if hi, err := h.Stat(); err != nil || !os.SameFile(fi, hi) || !hi.Mode().IsRegular() {
		return nil, "it changed while being read"
	}
	data, err := io.ReadAll(io.LimitReader(h, f.max+1))
	if err != nil {
		return nil, "it cannot be read"
	}
	if int64(len(data)) > f.max {
		return nil, f.tooLarge()
	}
	return data, ""
}

// readable says why a file with these attributes is not read, or "".
func (f *files) readable(fi fs.FileInfo) string {
	switch {
	case fi.IsDir():
		return "it is a directory"
	case !fi.Mode().IsRegular():
		return "it is not a regular file"
	case fi.Size() > f.max:
		return f.tooLarge()
	}
	return ""
}

func (f *files) tooLarge() string {
	return "it is larger than the " + byteSize(f.max) + " limit"
}

func byteSize(n int64) string {
	switch {
	case n >= 1<<20 && n%(1<<20) == 0:
		return fmt.Sprintf("%d MB", n>>20)
	case n >= 1<<10 && n%(1<<10) == 0:
		return fmt.Sprintf("%d KB", n>>10)
	}
	return fmt.Sprintf("%d bytes", n)
}

func statWhy(err error) string {
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return whyMissing
	case errors.Is(err, fs.ErrPermission):
		return "it cannot be read (permission denied)"
	}
	return "it cannot be read"
}

// notRead is the result of a function whose file was not read: an unknown
// that says which file and why. Warn is told too.
func (f *files) notRead(fn, path, why string, ty cty.Type) cty.Value {
	if f.warn != nil {
		f.warn(path, why)
	}
	v := cty.UnknownVal(ty)
	if ty != cty.DynamicPseudoType {
		v = v.RefineNotNull()
	}
	return v.Mark(model.Origin{Reason: fmt.Sprintf("%s(%q) was not read: %s", fn, path, why)})
}

// fileFunc is file and filebase64.
func (f *files) fileFunc(b64 bool) function.Function {
	name := "file"
	if b64 {
		name = "filebase64"
	}
	return function.New(&function.Spec{
		Params: []function.Parameter{{Name: "path", Type: cty.String}},
		Type:   function.StaticReturnType(cty.String),
		Impl: func(args []cty.Value, _ cty.Type) (cty.Value, error) {
			path := args[0].AsString()
			data, why := f.read(path)
			switch {
			case why != "":
				return f.notRead(name, path, why, cty.String), nil
			case b64:
				return cty.StringVal(base64.StdEncoding.EncodeToString(data)), nil
			case !utf8.Valid(data):
				return f.notRead(name, path, "it is not UTF-8 text (filebase64 reads binary files)", cty.String), nil
			}
			return cty.StringVal(string(data)), nil
		},
	})
}

// hashFunc is filemd5, filesha256, filebase64sha256 and the like.
func (f *files) hashFunc(name, alg string, b64 bool) function.Function {
	return function.New(&function.Spec{
		Params: []function.Parameter{{Name: "path", Type: cty.String}},
		Type:   function.StaticReturnType(cty.String),
		Impl: func(args []cty.Value, _ cty.Type) (cty.Value, error) {
			path := args[0].AsString()
			data, why := f.read(path)
			if why != "" {
				return f.notRead(name, path, why, cty.String), nil
			}
			h := newHash(alg)
			h.Write(data)
			if b64 {
				return cty.StringVal(base64.StdEncoding.EncodeToString(h.Sum(nil))), nil
			}
			return cty.StringVal(hex.EncodeToString(h.Sum(nil))), nil
		},
	})
}

// existsFunc is fileexists: true or false inside the allowed directories,
// unknown outside them.
func (f *files) existsFunc() function.Function {
	return function.New(&function.Spec{
		Params: []function.Parameter{{Name: "path", Type: cty.String}},
		Type:   function.StaticReturnType(cty.Bool),
		Impl: func(args []cty.Value, _ cty.Type) (cty.Value, error) {
			path := args[0].AsString()
			real, why := f.locate(path)
			if why == whyMissing {
				return cty.False, nil
			}
			if why != "" {
				return f.notRead("fileexists", path, why, cty.Bool), nil
			}
			fi, err := os.Stat(real)
			switch {
			case errors.Is(err, fs.ErrNotExist):
				return cty.False, nil
			case err != nil:
				return f.notRead("fileexists", path, statWhy(err), cty.Bool), nil
			case !fi.Mode().IsRegular():
				// Terraform fails on anything but a regular file.
				return f.notRead("fileexists", path, "it is not a regular file", cty.Bool), nil
			}
			return cty.True, nil
		},
	})
}

var errTooMany = errors.New("too many entries")

// filesetFunc is fileset. It walks only the directory named, which must lie
// inside the allowed directories, follows no symbolic link to a directory,
// lists a linked file only when its real path is allowed, and gives up
// (unknown) after visiting filesetLimit entries.
func (f *files) filesetFunc() function.Function {
	return function.New(&function.Spec{
		Params: []function.Parameter{{Name: "path", Type: cty.String}, {Name: "pattern", Type: cty.String}},
		Type:   function.StaticReturnType(cty.Set(cty.String)),
		Impl: func(args []cty.Value, _ cty.Type) (cty.Value, error) {
			path, pattern := args[0].AsString(), args[1].AsString()
			ty := cty.Set(cty.String)
			pattern = filepath.ToSlash(filepath.Clean(filepath.FromSlash(pattern)))
			if filepath.IsAbs(pattern) || strings.HasPrefix(pattern, "/") || pattern == ".." || strings.HasPrefix(pattern, "../") {
				return f.notRead("fileset", path, fmt.Sprintf("the pattern %q reaches outside the directory", pattern), ty), nil
			}
			dir, why := f.locate(path)
			if why == whyMissing {
				return cty.SetValEmpty(cty.String), nil // as Terraform: nothing matches
			}
			if why != "" {
				return f.notRead("fileset", path, why, ty), nil
			}
			// Without "**" (or braces, which may hide a "/"), a match is
			// exactly as deep as the pattern: no need to look deeper.
			depth := -1
			if !strings.Contains(pattern, "**") && !strings.Contains(pattern, "{") {
				depth = strings.Count(pattern, "/") + 1
			}
			var found []cty.Value
			visited := 0
			err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
				if visited++; visited > filesetLimit {
					return errTooMany
				}
				if p == dir {
					return err // the directory itself cannot be read
				}
				rel, rerr := filepath.Rel(dir, p)
				if rerr != nil {
					return nil
				}
				name := filepath.ToSlash(rel)
				if d.IsDir() {
					if err != nil || (depth >= 0 && strings.Count(name, "/")+1 >= depth) {
						return filepath.SkipDir
					}
					return nil
				}
				if d.Type()&fs.ModeSymlink != 0 {
					real, rerr := filepath.EvalSymlinks(p)
					if rerr != nil || !within(f.real, real) {
						return nil
					}
					if fi, serr := os.Stat(real); serr != nil || !fi.Mode().IsRegular() {
						return nil
					}
				} else if !d.Type().IsRegular() {
					return nil
				}
				ok, merr := doublestar.Match(pattern, name)
				if merr != nil {
					return merr
				}
				if ok {
					found = append(found, cty.StringVal(name))
				}
				return nil
			})
			switch {
			case errors.Is(err, errTooMany):
				return f.notRead("fileset", path, fmt.Sprintf("it holds more than %d entries to search", filesetLimit), ty), nil
			case errors.Is(err, doublestar.ErrBadPattern):
				return cty.UnknownVal(ty), fmt.Errorf("invalid pattern %q", pattern)
			case err != nil:
				return f.notRead("fileset", path, "it cannot be read", ty), nil
			case len(found) == 0:
				return cty.SetValEmpty(cty.String), nil
			}
			return cty.SetVal(found), nil
		},
	})
}

// templateFileFunc is templatefile; the template it renders calls the
// same (policed) file functions.
func (f *files) templateFileFunc(funcs map[string]function.Function) function.Function {
	return function.New(&function.Spec{
		Params: []function.Parameter{{Name: "path", Type: cty.String}, {Name: "vars", Type: cty.DynamicPseudoType}},
		Type:   function.StaticReturnType(cty.DynamicPseudoType),
		Impl: func(args []cty.Value, _ cty.Type) (cty.Value, error) {
			path := args[0].AsString()
			data, why := f.read(path)
			if why != "" {
				return f.notRead("templatefile", path, why, cty.DynamicPseudoType), nil
			}
			return renderTemplate(string(data), path, args[1], funcs)
		},
	})
}
