package hclload

import (
	"bytes"
	"slices"

	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/hclsyntax"
	"github.com/tfcomply/tfcomply/internal/parallel"
)

// Large files are parsed in pieces. hclsyntax lexes a whole file into one
// slice of tokens (about 20 bytes for every byte of source, grown a quarter
// at a time) before parsing it: a generated 4 MB file with 10,000 stages
// allocates 400 MB of tokens, and the copying and zeroing cost more than
// the lexing. Cut between top-level blocks, each piece needs only its
// own tokens, and the pieces parse on every core.

const (
	// chunkedAbove is the size from which a file is parsed in pieces.
	chunkedAbove = 256 << 10
	// chunkSize is about how much source each piece holds.
	chunkSize = 64 << 10
)

// parseHCL parses native syntax as hclsyntax.ParseConfig does, with the
// same result: a large file is cut where a line starts with a name (where
// a top-level block may begin) and the pieces are parsed each from its own
// position in the file. That is the same parse only when every cut falls
// between top-level items; a cut inside a block, a heredoc or a comment
// leaves a piece unclosed, which is an error. So when any piece has a
// problem, or a top-level argument (which the whole file would check for
// repeats), the whole file is parsed in one go instead, and the problems
// are exactly hcl's.
func parseHCL(src []byte, filename string) (*hcl.File, hcl.Diagnostics) {
	if len(src) <= chunkedAbove {
		return hclsyntax.ParseConfig(src, filename, hcl.Pos{Byte: 0, Line: 1, Column: 1})
	}
	return parseChunked(src, filename, chunkSize)
}

// parseChunked is parseHCL with pieces of about size bytes.
func parseChunked(src []byte, filename string, size int) (*hcl.File, hcl.Diagnostics) {
	start := hcl.Pos{Byte: 0, Line: 1, Column: 1}
	cuts := chunkCuts(src, size)
	bodies := make([]*hclsyntax.Body, len(cuts)) // nil: the piece did not parse cleanly
	parallel.For(len(cuts), func(i int) {
		end := len(src)
		if i+1 < len(cuts) {
			end = cuts[i+1].Byte
		}
		f, diags := hclsyntax.ParseConfig(src[cuts[i].Byte:end], filename, cuts[i])
		if len(diags) > 0 || f == nil {
			return
		}
		b, isSyntax := f.Body.(*hclsyntax.Body)
		if !isSyntax || len(b.Attributes) > 0 {
			return
		}
		bodies[i] = b
	})
	if slices.Contains(bodies, nil) {
		return hclsyntax.ParseConfig(src, filename, start)
	}
	body := &hclsyntax.Body{
		Attributes: hclsyntax.Attributes{},
		SrcRange:   hcl.RangeBetween(bodies[0].SrcRange, bodies[len(bodies)-1].SrcRange),
		EndRange:   bodies[len(bodies)-1].EndRange,
	}
	n := 0
	for _, b := range bodies {
		n += len(b.Blocks)
	}
	body.Blocks = make(hclsyntax.Blocks, 0, n)
	for _, b := range bodies {
		body.Blocks = append(body.Blocks, b.Blocks...)
	}
	return &hcl.File{Body: body, Bytes: src}, nil
}

// chunkCuts are the positions the pieces of src start at: the file's
// start, then about every size bytes the next line that starts with a
// letter.
func chunkCuts(src []byte, size int) []hcl.Pos {
	cuts := []hcl.Pos{{Byte: 0, Line: 1, Column: 1}}
	line, counted := 1, 0
	for at := size; at < len(src); {
		nl := bytes.IndexByte(src[at:], '\n')
		if nl < 0 {
			break
		}
		p := at + nl + 1
		if p >= len(src) {
			break
		}
		if c := src[p]; !(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z') {
			at = p
			continue
		}
		line += bytes.Count(src[counted:p], []byte{'\n'})
		counted = p
		cuts = append(cuts, hcl.Pos{Byte: p, Line: line, Column: 1})
		at = p + size
	}
	return cuts
}
