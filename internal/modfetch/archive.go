package modfetch

import (
	"archive/tar"
	"archive/zip"
	"compress/bzip2"
	"compress/gzip"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"strings"

	"github.com/tfcomply/tfcomply/internal/paths"
)

// Archives come from hosts nobody vetted. They are extracted into an empty
// directory without ever writing outside it: names that are absolute or
// climb out with "..", entries written through a symbolic link and links
// pointing out of the package are refused; the total size and the number
// of entries are capped, counted as written (a zip bomb's headers lie).

// limits bound what one package may hold.
type limits struct {
	maxBytes int64
	maxFiles int
}

// extractArchive extracts the archive file at src, of the given format,
// into dst (an existing empty directory).
func extractArchive(src, format, dst string, lim limits) error {
	x := &extractor{root: dst, lim: lim}
	switch format {
	case "zip":
		return x.zip(src)
	case "tar", "tar.gz", "tar.bz2":
		f, err := os.Open(src)
		if err != nil {
			return err
		}
		defer f.Close()
		var r io.Reader = f
		switch format {
		case "tar.gz":
			gz, err := gzip.NewReader(f)
			if err != nil {
				return fmt.Errorf("not a gzip archive: %v", err)
			}
			defer gz.Close()
			r = gz
		case "tar.bz2":
			r = bzip2.NewReader(f)
		}
		return x.tar(r)
	case "tar.xz":
		return &fetchError{msg: "xz-compressed archives (.tar.xz) are not supported", advice: "run terraform init, or publish the module as .tar.gz or .zip"}
	}
	return &fetchError{msg: fmt.Sprintf("archives of type %q are not supported (zip, tar, tar.gz and tar.bz2 are)", format)}
}

type extractor struct {
	root  string
	lim   limits
	files int
	bytes int64
}

func (x *extractor) tar(r io.Reader) error {
	tr := tar.NewReader(r)
	for {
		h, err := tr.Next()
		if err == io.EOF {
			return nil
		}
		if err != nil {
			return fmt.Errorf("the archive is damaged: %v", err)
		}
		switch h.Typeflag {
		case tar.TypeXGlobalHeader, tar.TypeXHeader, tar.TypeGNULongName, tar.TypeGNULongLink:
			continue // metadata (a pax header GitHub puts first), not entries
		case tar.TypeDir:
			err = x.dir(h.Name)
		case tar.TypeReg, tar.TypeRegA, tar.TypeGNUSparse:
			err = x.file(h.Name, tr)
		case tar.TypeSymlink:
			err = x.symlink(h.Name, h.Linkname)
		case tar.TypeLink:
			err = x.hardlink(h.Name, h.Linkname)
		default:
			err = unsafeErr("%q is a device or pipe, which a module package has no use for", h.Name)
		}
		if err != nil {
			return err
		}
	}
}

func (x *extractor) zip(src string) error {
	zr, err := zip.OpenReader(src)
	if err != nil {
		return fmt.Errorf("not a zip archive: %v", err)
	}
	defer zr.Close()
	for _, f := range zr.File {
		mode := f.Mode()
		switch {
		case mode.IsDir() || strings.HasSuffix(f.Name, "/"):
			err = x.dir(f.Name)
		case mode&fs.ModeSymlink != 0:
			var target []byte
			target, err = readSmall(f, 4096)
			if err == nil {
				err = x.symlink(f.Name, string(target))
			}
		case mode.IsRegular():
			var rc io.ReadCloser
			rc, err = f.Open()
			if err == nil {
				err = x.file(f.Name, rc)
				rc.Close()
			}
		default:
			err = unsafeErr("%q is a device or pipe, which a module package has no use for", f.Name)
		}
		if err != nil {
			return err
		}
	}
	return nil
}

func readSmall(f *zip.File, max int64) ([]byte, error) {
	rc, err := f.Open()
	if err != nil {
		return nil, err
	}
	defer rc.Close()
	b, err := io.ReadAll(io.LimitReader(rc, max+1))
	if err != nil {
		return nil, err
	}
	if int64(len(b)) > max {
		return nil, unsafeErr("%q: a symbolic link target longer than %d bytes", f.Name, max)
	}
	return b, nil
}

// local checks an entry name and returns its path in the package,
// slash-separated and cleaned; "" for the package root itself.
func local(name string) (string, error) {
	n := strings.ReplaceAll(name, "\\", "/")
	switch {
	case strings.ContainsRune(n, 0):
		return "", unsafeErr("an entry name holds a NUL byte")
	case strings.HasPrefix(n, "/") || (len(n) >= 2 && n[1] == ':'):
		return "", unsafeErr("%q is an absolute path", name)
	}
	c := path.Clean(n)
	if c == "." {
		return "", nil
	}
	if c == ".." || strings.HasPrefix(c, "../") {
		return "", unsafeErr("%q climbs out of the package (..)", name)
	}
	if !filepath.IsLocal(filepath.FromSlash(c)) {
		return "", unsafeErr("%q is not a plain relative path", name)
	}
	return c, nil
}

// place returns where an entry goes, after checking that no directory on
// the way is a symbolic link (a link to "." or elsewhere would move the
// entry), and creating the missing ones.
func (x *extractor) place(rel string) (string, error) {
	cur := x.root
	parts := strings.Split(rel, "/")
	for _, p := range parts[:len(parts)-1] {
		cur = filepath.Join(cur, p)
		st, err := os.Lstat(cur)
		switch {
		case err == nil && st.Mode()&fs.ModeSymlink != 0:
			return "", unsafeErr("%q is written through the symbolic link %s", rel, p)
		case err == nil && !st.IsDir():
			return "", unsafeErr("%q is under %s, which is a file", rel, p)
		case err == nil:
		case errors.Is(err, fs.ErrNotExist):
			if err := x.count(0); err != nil {
				return "", err
			}
			if err := os.Mkdir(cur, 0o755); err != nil {
				return "", err
			}
		default:
			return "", err
		}
	}
	return filepath.Join(x.root, filepath.FromSlash(rel)), nil
}

// count adds an entry of n bytes to the totals and checks the caps.
func (x *extractor) count(n int64) error {
	x.files++
	x.bytes += n
	if x.files > x.lim.maxFiles {
		return unsafeErr("the package holds more than %d files", x.lim.maxFiles)
	}
	if x.bytes > x.lim.maxBytes {
		return unsafeErr("the package is larger than %d bytes", x.lim.maxBytes)
	}
	return nil
}

func (x *extractor) dir(name string) error {
	rel, err := local(name)
	if err != nil || rel == "" {
		return err
	}
	p, err := x.place(rel)
	if err != nil {
		return err
	}
	st, err := os.Lstat(p)
	if err == nil {
		if !st.IsDir() {
			return unsafeErr("%q is both a directory and something else", name)
		}
		return nil
	}
	if err := x.count(0); err != nil {
		return err
	}
	return os.Mkdir(p, 0o755)
}

func (x *extractor) file(name string, r io.Reader) error {
	rel, err := local(name)
	if err != nil {
		return err
	}
	if rel == "" {
		return unsafeErr("an entry names the package root as a file")
	}
	p, err := x.place(rel)
	if err != nil {
		return err
	}
	if err := x.count(0); err != nil {
		return err
	}
	// O_EXCL: an entry that exists already (a second entry of the same
	// name, or a link planted earlier) is never written through.
	f, err := os.OpenFile(p, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
	if err != nil {
		if errors.Is(err, fs.ErrExist) {
			return unsafeErr("%q appears twice in the archive", name)
		}
		return err
	}
	room := x.lim.maxBytes - x.bytes
	n, err := io.Copy(f, io.LimitReader(r, room+1))
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return fmt.Errorf("the archive is damaged at %q: %v", name, err)
	}
	x.bytes += n
	if x.bytes > x.lim.maxBytes {
		return unsafeErr("the package is larger than %d bytes", x.lim.maxBytes)
	}
	return nil
}

func (x *extractor) symlink(name, target string) error {
	rel, err := local(name)
	if err != nil {
		return err
	}
	if rel == "" {
		return unsafeErr("an entry names the package root as a link")
	}
	if err := linkInside(rel, target); err != nil {
		return err
	}
	p, err := x.place(rel)
	if err != nil {
		return err
	}
	if err := x.count(0); err != nil {
		return err
	}
	if err := os.Symlink(filepath.FromSlash(target), p); err != nil {
		if errors.Is(err, fs.ErrExist) {
			return unsafeErr("%q appears twice in the archive", name)
		}
		return err
	}
	return nil
}

// linkInside checks, by the names alone, that a link at rel pointing to
// target stays in the package. checkTree later checks where links really
// lead, once every entry exists.
func linkInside(rel, target string) error {
	t := strings.ReplaceAll(target, "\\", "/")
	if t == "" || strings.HasPrefix(t, "/") || (len(t) >= 2 && t[1] == ':') {
		return unsafeErr("the symbolic link %q points to the absolute path %q, outside the package", rel, target)
	}
	c := path.Clean(path.Join(path.Dir(rel), t))
	if c == ".." || strings.HasPrefix(c, "../") {
		return unsafeErr("the symbolic link %q points to %q, outside the package", rel, target)
	}
	return nil
}

// hardlink copies an earlier entry: a package has no need for the link.
func (x *extractor) hardlink(name, target string) error {
	trel, err := local(target)
	if err != nil {
		return err
	}
	src := filepath.Join(x.root, filepath.FromSlash(trel))
	st, err := os.Lstat(src)
	if err != nil || !st.Mode().IsRegular() {
		return unsafeErr("the hard link %q names %q, which is not a file extracted before it", name, target)
	}
	if _, err := x.place(trel); err != nil { // the target's directories are real ones
		return err
	}
	f, err := os.Open(src)
	if err != nil {
		return err
	}
	defer f.Close()
	return x.file(name, f)
}

// checkTree checks a fetched package (an extracted archive or a git
// checkout): every symbolic link resolves inside it, and the caps hold.
func checkTree(root string, lim limits) error {
	realRoot, err := filepath.EvalSymlinks(root)
	if err != nil {
		return err
	}
	files := 0
	var size int64
	return filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if p == root {
			return nil
		}
		files++
		if files > lim.maxFiles {
			return unsafeErr("the package holds more than %d files", lim.maxFiles)
		}
		rel, _ := filepath.Rel(root, p)
		switch {
		case d.Type()&fs.ModeSymlink != 0:
			target, err := os.Readlink(p)
			if err != nil {
				return err
			}
			if err := linkInside(filepath.ToSlash(rel), target); err != nil {
				return err
			}
			real, err := filepath.EvalSymlinks(p)
			if errors.Is(err, fs.ErrNotExist) {
				return nil // dangling, but named inside: reading it finds nothing
			}
			if err != nil || !paths.Within(realRoot, real) {
				return unsafeErr("the symbolic link %q leads outside the package", filepath.ToSlash(rel))
			}
		case d.Type().IsRegular():
			info, err := d.Info()
			if err != nil {
				return err
			}
			size += info.Size()
			if size > lim.maxBytes {
				return unsafeErr("the package is larger than %d bytes", lim.maxBytes)
			}
		case d.IsDir():
		default:
			return unsafeErr("%q is a device or pipe, which a module package has no use for", filepath.ToSlash(rel))
		}
		return nil
	})
}
