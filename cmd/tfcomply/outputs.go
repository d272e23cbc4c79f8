package main

import (
	"bufio"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"

	"github.com/fatih/color"
	"github.com/tfcomply/tfcomply/internal/engine"
	"github.com/tfcomply/tfcomply/internal/report"
)

// The reports a scan writes, and where.

// output is one report to write: a format and where (empty: standard output).
type output struct{ format, file string }

var formats = map[string]bool{"text": true, "json": true, "sarif": true, "junit": true, "markdown": true, "html": true}

// parseOutputs reads the --format values (FMT or FMT=FILE) and --output.
func parseOutputs(f *scanFlags) ([]output, error) {
	var outs []output
	toStdout := 0
	for _, v := range f.formats {
		name, file, _ := strings.Cut(v, "=")
		if !formats[name] {
			return nil, fmt.Errorf("--format must be text, json, sarif, junit, markdown or html, not %q", name)
		}
		if file == "" {
			file = f.output
		}
		if file == "" || file == "-" {
			toStdout++
		}
		outs = append(outs, output{name, file})
	}
	if toStdout > 1 {
		return nil, fmt.Errorf("only one report can go to standard output: give the others a file (--format FMT=FILE)")
	}
	return outs, nil
}

func render(w io.Writer, o output, rep *engine.Report, f *scanFlags, meta report.Meta) error {
	switch o.format {
	case "json":
		return report.JSON(w, rep, f.profile, version())
	case "sarif":
		return report.SARIF(w, rep, meta)
	case "junit":
		return report.JUnit(w, rep)
	case "markdown":
		return report.Markdown(w, rep)
	case "html":
		return report.HTML(w, rep, meta)
	}
	useColor := o.file == "" && !f.noColor && !color.NoColor
	return report.Text(w, rep, report.TextOptions{ShowPassed: f.showPassed, Color: useColor})
}

// scanMeta describes the scan for the reports that record it.
func scanMeta(f *scanFlags, args []string) report.Meta {
	m := report.Meta{Version: version(), Time: report.ScanTime(), Paths: args, Profile: f.profile, Frameworks: f.frameworks}
	m.WorkDir, _ = os.Getwd()
	for _, v := range f.vars {
		if v.File != "" {
			m.VarFiles = append(m.VarFiles, v.File)
		}
	}
	dir := args[0]
	if st, err := os.Stat(dir); err != nil || !st.IsDir() {
		dir = filepath.Dir(dir)
	}
	m.GitCommit, m.GitDirty = report.GitState(dir)
	return m
}

// writeReport writes a report file: a regular file (or a new one) is
// replaced atomically; anything else (/dev/null, a FIFO, a terminal) is
// written to as it is, never replaced by a regular file.
func writeReport(path string, data []byte) error {
	return streamReport(path, func(w io.Writer) error {
		_, err := w.Write(data)
		return err
	})
}

// streamReport is writeReport for a report that write writes a piece at a
// time, through a buffer.
func streamReport(path string, write func(io.Writer) error) error {
	buffered := func(f *os.File) error {
		w := bufio.NewWriterSize(f, 64<<10)
		if err := write(w); err != nil {
			return err
		}
		return w.Flush()
	}
	if st, err := os.Stat(path); err == nil && !st.Mode().IsRegular() {
		if st.IsDir() {
			return fmt.Errorf("%s is a directory", path)
		}
		f, err := os.OpenFile(path, os.O_WRONLY, 0)
		if err != nil {
			return err
		}
		if err := buffered(f); err != nil {
			f.Close()
			return err
		}
		return f.Close()
	}
	return writeAtomicStream(path, buffered)
}

// textOnStdout reports whether the text report goes to standard output,
// which ends with the summary already.
func textOnStdout(outs []output) bool {
	for _, o := range outs {
		if o.format == "text" && (o.file == "" || o.file == "-") {
			return true
		}
	}
	return false
}

// writeAtomic writes a file through a temporary file in the same directory
// and a rename, so a reader never sees half a report.
func writeAtomic(path string, data []byte) error {
	return writeAtomicStream(path, func(f *os.File) error {
		_, err := f.Write(data)
		return err
	})
}

// writeAtomicStream is writeAtomic for what write writes to the file.
func writeAtomicStream(path string, write func(*os.File) error) error {
	tmp, err := os.CreateTemp(filepath.Dir(path), "."+filepath.Base(path)+".*")
	if err != nil {
		return err
	}
	defer os.Remove(tmp.Name())
	// A temporary file is private; a report is not. Keep the mode of the
	// file being replaced.
	mode := os.FileMode(0o644)
	if st, err := os.Stat(path); err == nil {
		mode = st.Mode().Perm()
	}
	if err := tmp.Chmod(mode); err != nil {
		tmp.Close()
		return err
	}
	if err := write(tmp); err != nil {
		tmp.Close()
		return err
	}
	if err := tmp.Close(); err != nil {
		return err
	}
	return os.Rename(tmp.Name(), path)
}
