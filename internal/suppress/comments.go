package suppress

import (
	"bytes"
	"encoding/json"
	"os"
	"sort"
	"strings"

	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/hclsyntax"
	"github.com/tfcomply/tfcomply/internal/model"
)

// fileComments are the ignore directives of one file, by line.
type fileComments struct {
	byLine      map[int][]directive
	commentOnly map[int]bool // lines with nothing but comments
	// json: for .tf.json, the "//" properties of resources, by TYPE.NAME.
	json map[string][]directive
}

// commentIndex reads each file once.
type commentIndex map[string]*fileComments

func (ix commentIndex) get(path, display string) *fileComments {
	if fc, ok := ix[path]; ok {
		return fc
	}
	fc := &fileComments{byLine: map[int][]directive{}, commentOnly: map[int]bool{}}
	ix[path] = fc
	src, err := os.ReadFile(path)
	if err != nil || !mayHaveDirective(src) {
		return fc // most files have no ignore comment: not worth lexing
	}
	if strings.HasSuffix(path, ".json") {
		fc.json = jsonComments(src, display)
		return fc
	}
	tokens, _ := hclsyntax.LexConfig(src, path, hcl.InitialPos)
	code := map[int]bool{}
	for _, t := range tokens {
		switch t.Type {
		case hclsyntax.TokenComment:
			fc.byLine[t.Range.Start.Line] = append(fc.byLine[t.Range.Start.Line], parseComment(string(t.Bytes), display, t.Range.Start.Line)...)
			for l := t.Range.Start.Line; l <= t.Range.End.Line; l++ {
				fc.commentOnly[l] = true
			}
		case hclsyntax.TokenNewline, hclsyntax.TokenEOF:
		default:
			for l := t.Range.Start.Line; l <= t.Range.End.Line; l++ {
				code[l] = true
			}
		}
	}
	for l := range code {
		delete(fc.commentOnly, l)
	}
	return fc
}

// mayHaveDirective reports whether src contains the text every directive
// starts with (parseComment's patterns).
func mayHaveDirective(src []byte) bool {
	for _, marker := range [][]byte{[]byte(":ignore"), []byte("checkov:skip"), []byte("kics-scan")} {
		if bytes.Contains(src, marker) {
			return true
		}
	}
	return false
}

// forBlock returns the directives that apply to the block on lines
// start..end: inside it (its first line included), and in the comment lines
// directly above it.
func (fc *fileComments) forBlock(start, end int) []directive {
	var out []directive
	for l := start - 1; l >= 1 && fc.commentOnly[l]; l-- {
		for _, d := range fc.byLine[l] {
			// ignore-line reaches only the line right below it.
			if d.scope == "line" && l != start-1 {
				continue
			}
			out = append(out, d)
		}
	}
	for l := start; l <= end; l++ {
		for _, d := range fc.byLine[l] {
			if d.scope == "line" && l != start-1 && l != start {
				continue
			}
			out = append(out, d)
		}
	}
	return out
}

// jsonComments reads the "//" comment properties of resources in a
// .tf.json file: {"resource": {"TYPE": {"NAME": {"//": "tfcomply:ignore:..."}}}}.
func jsonComments(src []byte, display string) map[string][]directive {
	var doc struct {
		Resource map[string]map[string]json.RawMessage `json:"resource"`
	}
	if json.Unmarshal(src, &doc) != nil {
		return nil
	}
	out := map[string][]directive{}
	for typ, byName := range doc.Resource {
		for name, raw := range byName {
			var body map[string]json.RawMessage
			if json.Unmarshal(raw, &body) != nil {
				continue
			}
			var texts []string
			var one string
			if json.Unmarshal(body["//"], &one) == nil {
				texts = append(texts, one)
			} else {
				_ = json.Unmarshal(body["//"], &texts)
			}
			for _, t := range texts {
				out[typ+"."+name] = append(out[typ+"."+name], parseComment(t, display, 0)...)
			}
		}
	}
	return out
}

// resourceKey is TYPE.NAME of an address (module path, data. and keys dropped).
func resourceKey(addr string) string {
	parts := strings.Split(model.WithoutKeys(addr), ".")
	if len(parts) < 2 {
		return addr
	}
	return parts[len(parts)-2] + "." + parts[len(parts)-1]
}

// all returns every directive of the file, in line order.
func (fc *fileComments) all() []directive {
	var out []directive
	lines := make([]int, 0, len(fc.byLine))
	for l := range fc.byLine {
		lines = append(lines, l)
	}
	sort.Ints(lines)
	for _, l := range lines {
		out = append(out, fc.byLine[l]...)
	}
	keys := make([]string, 0, len(fc.json))
	for k := range fc.json {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		out = append(out, fc.json[k]...)
	}
	return out
}
