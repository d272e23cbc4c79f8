package suppress

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"os"
	"sort"
	"strings"

	"github.com/tfcomply/tfcomply/internal/paths"
	"github.com/tfcomply/tfcomply/internal/result"
)

// Baseline is a set of accepted findings (--baseline-write, --baseline).
type Baseline struct {
	Version  int       `json:"version"`
	Findings []Finding `json:"findings"`
	path     string
	byPrint  map[string]bool
	lines    map[string]int // fingerprint -> its line in the file
}

// Finding is one accepted failure. The fingerprint is made of the control,
// the root, the address and the reasons: it survives line moves and
// unrelated edits; the same resource failing for another reason is new.
// The root is keyed relative to its git work tree (see paths.Key), so a
// baseline written in one directory matches a scan from another.
type Finding struct {
	Fingerprint string `json:"fingerprint"`
	Control     string `json:"control"`
	Root        string `json:"root"`
	Address     string `json:"address"`
}

// FindingPrint fingerprints a result for the baseline.
func FindingPrint(r result.Result) string {
	var reasons []string
	for name, a := range r.Aspects {
		if a.Status != result.StatusPass && a.Status != result.StatusNotApplicable {
			reasons = append(reasons, name+"="+string(a.Status)+":"+a.Reason)
		}
	}
	if len(r.Aspects) == 0 {
		reasons = append(reasons, r.Message)
	}
	sort.Strings(reasons)
	sum := sha256.Sum256([]byte(r.Control + "\x00" + paths.Key(r.Root) + "\x00" + r.Address + "\x00" + strings.Join(reasons, "\x00")))
	return hex.EncodeToString(sum[:16])
}

// NewBaseline accepts every failing result.
func NewBaseline(results []result.Result) *Baseline {
	b := &Baseline{Version: 1, Findings: []Finding{}}
	seen := map[string]bool{}
	for _, r := range results {
		if r.Verdict != result.Fail {
			continue
		}
		fp := FindingPrint(r)
		if seen[fp] {
			continue
		}
		seen[fp] = true
		b.Findings = append(b.Findings, Finding{Fingerprint: fp, Control: r.Control, Root: paths.Key(r.Root), Address: r.Address})
	}
	sort.Slice(b.Findings, func(i, j int) bool {
		x, y := b.Findings[i], b.Findings[j]
		if x.Root+x.Address+x.Control != y.Root+y.Address+y.Control {
			return x.Root+x.Address+x.Control < y.Root+y.Address+y.Control
		}
		return x.Fingerprint < y.Fingerprint
	})
	return b
}

// Marshal writes the baseline, sorted and stable.
func (b *Baseline) Marshal() ([]byte, error) {
	data, err := json.MarshalIndent(b, "", "  ")
	return append(data, '\n'), err
}

// LoadBaseline reads a baseline file.
func LoadBaseline(path string) (*Baseline, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	b := &Baseline{path: path}
	if err := json.Unmarshal(data, b); err != nil {
		return nil, fmt.Errorf("%s is not a tfcomply baseline: %v", path, err)
	}
	if b.Version != 1 {
		return nil, fmt.Errorf("%s: baseline version %d is not one this tfcomply reads (1)", path, b.Version)
	}
	b.byPrint = map[string]bool{}
	b.lines = map[string]int{}
	for _, f := range b.Findings {
		b.byPrint[f.Fingerprint] = true
		if i := bytes.Index(data, []byte(`"`+f.Fingerprint+`"`)); i >= 0 {
			b.lines[f.Fingerprint] = bytes.Count(data[:i], []byte("\n")) + 1
		}
	}
	return b, nil
}

func (b *Baseline) hasPrint(fp string) bool { return b != nil && b.byPrint[fp] }

// line is where a finding is in the baseline file (0 when unknown).
func (b *Baseline) line(fp string) int { return b.lines[fp] }
