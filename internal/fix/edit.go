package fix

import (
	"bytes"
	"fmt"
	"sort"
	"strings"

	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/hclsyntax"
	"github.com/hashicorp/hcl/v2/hclwrite"
)

// An edit replaces src[start:end] with text (an insertion when start ==
// end). Every byte of a file outside its edits stays as it was.
type edit struct {
	start, end int
	text       string
}

// fileEdits collects the edits of one file: additions to block bodies,
// resources after blocks, replaced expressions and whole blocks rewritten.
// Several additions to one place become one edit, in the order added.
type fileEdits struct {
	f        *sourceFile
	inBody   map[*hclsyntax.Block][]string // snippets to add at the end of a block's body
	after    map[*hclsyntax.Block][]string // resources to add after a top-level block
	atEnd    []string                      // resources to add at the end of the file
	replaced map[[2]int]string             // expression ranges -> new text
	order    []*hclsyntax.Block            // blocks in the order first edited
}

func newFileEdits(f *sourceFile) *fileEdits {
	return &fileEdits{f: f, inBody: map[*hclsyntax.Block][]string{}, after: map[*hclsyntax.Block][]string{}, replaced: map[[2]int]string{}}
}

func (fe *fileEdits) touch(b *hclsyntax.Block) {
	if _, ok := fe.inBody[b]; ok {
		return
	}
	if _, ok := fe.after[b]; ok {
		return
	}
	fe.order = append(fe.order, b)
}

// addToBody adds a snippet (an attribute or a block) at the end of a
// block's body, once.
func (fe *fileEdits) addToBody(b *hclsyntax.Block, snippet string) {
	fe.touch(b)
	for _, s := range fe.inBody[b] {
		if s == snippet {
			return
		}
	}
	fe.inBody[b] = append(fe.inBody[b], snippet)
}

// addAfter adds a resource after a top-level block, once.
func (fe *fileEdits) addAfter(b *hclsyntax.Block, snippet string) {
	fe.touch(b)
	for _, s := range fe.after[b] {
		if s == snippet {
			return
		}
	}
	fe.after[b] = append(fe.after[b], snippet)
}

// replace replaces the source of a range (an expression) with text.
func (fe *fileEdits) replace(r hcl.Range, text string) {
	fe.replaced[[2]int{r.Start.Byte, r.End.Byte}] = text
}

// empty reports whether nothing is to change.
func (fe *fileEdits) empty() bool {
	return len(fe.inBody) == 0 && len(fe.after) == 0 && len(fe.atEnd) == 0 && len(fe.replaced) == 0
}

// apply splices the edits into the file's bytes.
func (fe *fileEdits) apply() ([]byte, error) {
	var edits []edit
	// Only the first insertion at the end of a file that does not end
	// with a newline ends its last line.
	ended := false
	for _, b := range fe.order {
		if snippets := fe.inBody[b]; len(snippets) > 0 {
			e, err := fe.bodyEdit(b, snippets)
			if err != nil {
				return nil, err
			}
			edits = append(edits, e)
		}
		if snippets := fe.after[b]; len(snippets) > 0 {
			edits = append(edits, fe.afterEdit(b.Range().End.Byte, indentOf(fe.f.src, b.Range().Start.Byte), snippets, &ended))
		}
	}
	if len(fe.atEnd) > 0 {
		edits = append(edits, fe.afterEdit(len(fe.f.src), "", fe.atEnd, &ended))
	}
	for r, text := range fe.replaced {
		edits = append(edits, edit{start: r[0], end: r[1], text: text})
	}
	return splice(fe.f.src, edits)
}

// splice applies edits that do not overlap; insertions at one offset keep
// the order they were given in.
func splice(src []byte, edits []edit) ([]byte, error) {
	sort.SliceStable(edits, func(i, j int) bool { return edits[i].start < edits[j].start })
	var out bytes.Buffer
	pos := 0
	for i, e := range edits {
		if e.start < pos || e.end < e.start || e.end > len(src) {
			return nil, fmt.Errorf("edits overlap at byte %d", e.start)
		}
		if i > 0 && e.start == edits[i-1].start && (e.end > e.start || edits[i-1].end > edits[i-1].start) {
			return nil, fmt.Errorf("edits overlap at byte %d", e.start)
		}
		out.Write(src[pos:e.start])
		out.WriteString(e.text)
		pos = e.end
	}
	out.Write(src[pos:])
	return out.Bytes(), nil
}

// bodyEdit adds snippets at the end of a block's body: before the line of
// its closing brace, indented one level deeper than that brace, each
// after a blank line unless it directly follows the opening brace (a
// blank line also keeps terraform fmt from aligning a new attribute with
// the ones above it). A block that closes on a line with other content
// (a one-line block) is rewritten whole, laid out as terraform fmt would.
func (fe *fileEdits) bodyEdit(b *hclsyntax.Block, snippets []string) (edit, error) {
	src := fe.f.src
	closeAt := b.CloseBraceRange.Start.Byte
	start := lineStart(src, closeAt)
	if !blank(src[start:closeAt]) {
		return fe.rewriteBlock(b, snippets)
	}
	indent := string(src[start:closeAt]) + "  "
	var text strings.Builder
	prev := lineStart(src, max(start-1, 0))
	afterOpen := start == 0 || prev <= b.OpenBraceRange.Start.Byte
	prevBlank := start > 0 && blank(src[prev:start])
	for i, s := range snippets {
		if i > 0 || (!afterOpen && !prevBlank) {
			text.WriteString(fe.f.nl)
		}
		text.WriteString(indentLines(s, indent, fe.f.nl))
	}
	return edit{start: start, end: start, text: text.String()}, nil
}

// rewriteBlock replaces a block that does not end on a line of its own
// with the same block laid out over several lines, the snippets added.
func (fe *fileEdits) rewriteBlock(b *hclsyntax.Block, snippets []string) (edit, error) {
	src := fe.f.src
	rng := b.Range()
	head := string(src[rng.Start.Byte:b.OpenBraceRange.End.Byte])
	inner := strings.TrimSpace(string(src[b.OpenBraceRange.End.Byte:b.CloseBraceRange.Start.Byte]))
	var text strings.Builder
	text.WriteString(head + "\n")
	if inner != "" {
		text.WriteString(inner + "\n")
	}
	for i, s := range snippets {
		if i > 0 || inner != "" {
			text.WriteString("\n")
		}
		text.WriteString(s)
	}
	text.WriteString("}\n")
	formatted := hclwrite.Format([]byte(text.String()))
	if _, diags := hclsyntax.ParseConfig(formatted, "", hcl.InitialPos); diags.HasErrors() {
		return edit{}, fmt.Errorf("cannot lay out the block at line %d over several lines", rng.Start.Line)
	}
	indent := indentOf(src, rng.Start.Byte)
	out := indentLines(string(formatted), indent, fe.f.nl)
	out = strings.TrimPrefix(out, indent)  // the block's first line keeps its place
	out = strings.TrimSuffix(out, fe.f.nl) // and what follows its closing brace stays
	return edit{start: rng.Start.Byte, end: rng.End.Byte, text: out}, nil
}

// afterEdit adds top-level snippets after the line that holds offset (the
// end of a block), or at the end of the file, each after a blank line,
// and a blank line after them when code follows directly.
func (fe *fileEdits) afterEdit(offset int, indent string, snippets []string, ended *bool) edit {
	src, nl := fe.f.src, fe.f.nl
	at := len(src)
	if offset < len(src) {
		at = lineEnd(src, offset)
	}
	var text strings.Builder
	if at == len(src) && len(src) > 0 && src[len(src)-1] != '\n' && !*ended {
		text.WriteString(nl) // end the last line first
		*ended = true
	}
	for i, s := range snippets {
		if at > 0 || i > 0 {
			text.WriteString(nl)
		}
		text.WriteString(indentLines(s, indent, nl))
	}
	if at < len(src) && !blank(src[at:lineEnd(src, at)]) {
		text.WriteString(nl)
	}
	return edit{start: at, end: at, text: text.String()}
}

// indentLines indents every non-empty line of s and ends lines with nl.
func indentLines(s, indent, nl string) string {
	var out strings.Builder
	for _, line := range strings.SplitAfter(s, "\n") {
		if line == "" {
			continue
		}
		body := strings.TrimSuffix(line, "\n")
		if body != "" {
			out.WriteString(indent)
			out.WriteString(body)
		}
		if strings.HasSuffix(line, "\n") {
			out.WriteString(nl)
		}
	}
	return out.String()
}
