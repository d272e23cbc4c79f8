package fix

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
)

// Write writes every changed file: each only if it still holds the bytes
// fix read (someone may have edited it meanwhile), atomically (a
// temporary file in the same directory, renamed over it) and keeping its
// permissions. A symbolic link stays a link: the file it leads to is
// written. Every file is checked before any is written.
func Write(o *Outcome) error {
	for _, f := range o.Files {
		cur, err := os.ReadFile(f.Abs)
		if err != nil {
			return err
		}
		if !bytes.Equal(cur, f.Old) {
			return fmt.Errorf("%s changed since tfcomply read it: nothing was written; run tfcomply fix again", f.Path)
		}
	}
	for _, f := range o.Files {
		if err := writeAtomic(f.Abs, f.New); err != nil {
			return fmt.Errorf("cannot write %s: %w", f.Path, err)
		}
	}
	return nil
}

func writeAtomic(path string, data []byte) error {
	real, err := filepath.EvalSymlinks(path)
	if err != nil {
		return err
	}
	st, err := os.Stat(real)
	if err != nil {
		return err
	}
	tmp, err := os.CreateTemp(filepath.Dir(real), "."+filepath.Base(real)+".tfcomply-*")
	if err != nil {
		return err
	}
	defer os.Remove(tmp.Name())
	if err := tmp.Chmod(st.Mode().Perm()); err != nil {
		tmp.Close()
		return err
	}
	if _, err := tmp.Write(data); err != nil {
		tmp.Close()
		return err
	}
	if err := tmp.Sync(); err != nil {
		tmp.Close()
		return err
	}
	if err := tmp.Close(); err != nil {
		return err
	}
	return os.Rename(tmp.Name(), real)
}
