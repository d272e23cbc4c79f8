package modfetchtest

import (
	"archive/tar"
	"archive/zip"
	"bytes"
	"compress/gzip"
	"os"
	"sort"
	"strings"
)

// Entry is one member of a test archive. Kinds: "" (a file), "dir",
// "symlink" (Body is the target), "hardlink" (Body is the target).
type Entry struct {
	Name, Body, Kind string
}

// Files makes file entries of a name -> content map, in name order.
func Files(files map[string]string) []Entry {
	names := make([]string, 0, len(files))
	for n := range files {
		names = append(names, n)
	}
	sort.Strings(names)
	out := make([]Entry, len(names))
	for i, n := range names {
		out[i] = Entry{Name: n, Body: files[n]}
	}
	return out
}

// TarGz builds a .tar.gz of the entries, names written as given (hostile
// ones included).
func TarGz(entries []Entry) []byte {
	var buf bytes.Buffer
	gz := gzip.NewWriter(&buf)
	tw := tar.NewWriter(gz)
	for _, e := range entries {
		h := &tar.Header{Name: e.Name, Mode: 0o644, Format: tar.FormatPAX}
		switch e.Kind {
		case "dir":
			h.Typeflag, h.Mode = tar.TypeDir, 0o755
		case "symlink":
			h.Typeflag, h.Linkname = tar.TypeSymlink, e.Body
		case "hardlink":
			h.Typeflag, h.Linkname = tar.TypeLink, e.Body
		default:
			h.Typeflag, h.Size = tar.TypeReg, int64(len(e.Body))
		}
		if err := tw.WriteHeader(h); err != nil {
			panic(err)
		}
		if h.Typeflag == tar.TypeReg {
			tw.Write([]byte(e.Body))
		}
	}
	tw.Close()
	gz.Close()
	return buf.Bytes()
}

// Zip builds a .zip of the entries.
func Zip(entries []Entry) []byte {
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	for _, e := range entries {
		h := &zip.FileHeader{Name: e.Name, Method: zip.Deflate}
		switch e.Kind {
		case "dir":
			h.Name = strings.TrimSuffix(e.Name, "/") + "/"
			h.SetMode(os.ModeDir | 0o755)
		case "symlink":
			h.SetMode(os.ModeSymlink | 0o777)
		default:
			h.SetMode(0o644)
		}
		w, err := zw.CreateHeader(h)
		if err != nil {
			panic(err)
		}
		if e.Kind != "dir" {
			w.Write([]byte(e.Body))
		}
	}
	zw.Close()
	return buf.Bytes()
}
