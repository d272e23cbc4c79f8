package fix

import (
	"bytes"
	"fmt"
	"sort"
	"strings"
)

// contextLines is how many unchanged lines a hunk shows around a change,
// as diff -u does.
const contextLines = 3

// UnifiedDiff is the unified diff (diff -u, git apply can apply it) that
// turns old into new, with name on both header lines; "" when they are
// equal. Lines are compared whole (a line ending \r\n differs from one
// ending \n); a last line without a newline is marked so.
func UnifiedDiff(name string, old, new []byte) string {
	if bytes.Equal(old, new) {
		return ""
	}
	a, b := splitLines(old), splitLines(new)
	ops := diffLines(a, b)
	var out strings.Builder
	fmt.Fprintf(&out, "--- a/%s\n+++ b/%s\n", name, name)
	for _, h := range hunks(ops) {
		writeHunk(&out, h, ops, a, b)
	}
	return out.String()
}

// splitLines splits after each newline; a last line without one is kept.
func splitLines(s []byte) []string {
	var out []string
	for len(s) > 0 {
		i := bytes.IndexByte(s, '\n')
		if i < 0 {
			out = append(out, string(s))
			break
		}
		out = append(out, string(s[:i+1]))
		s = s[i+1:]
	}
	return out
}

// op is one step of an edit script: a line kept, deleted from a, or
// inserted from b.
type op struct {
	kind byte // ' ', '-', '+'
	a, b int  // line index in a (kept, deleted) and in b (kept, inserted)
}

// diffLines is a shortest edit script from a to b: Myers' algorithm in
// linear space (the middle snake of each part found by searching from
// both ends, then each side of it diffed), so a large change to a large
// file takes memory in proportion to the files, not to the change squared.
func diffLines(a, b []string) []op {
	// Lines as numbers: comparing them is then cheap.
	ids := map[string]int{}
	num := func(lines []string) []int {
		out := make([]int, len(lines))
		for i, l := range lines {
			id, ok := ids[l]
			if !ok {
				id = len(ids)
				ids[l] = id
			}
			out[i] = id
		}
		return out
	}
	d := &differ{a: num(a), b: num(b)}
	d.compare(0, len(a), 0, len(b))
	// Within each run of changes, deletions first, as diff -u shows them.
	ops := d.ops
	for i := 0; i < len(ops); {
		if ops[i].kind == ' ' {
			i++
			continue
		}
		j := i
		for j < len(ops) && ops[j].kind != ' ' {
			j++
		}
		sort.SliceStable(ops[i:j], func(x, y int) bool { return ops[i+x].kind == '-' && ops[i+y].kind == '+' })
		i = j
	}
	return ops
}

type differ struct {
	a, b []int
	ops  []op
}

// compare appends the edit script of a[aLo:aHi] to b[bLo:bHi].
func (d *differ) compare(aLo, aHi, bLo, bHi int) {
	for aLo < aHi && bLo < bHi && d.a[aLo] == d.b[bLo] {
		d.ops = append(d.ops, op{' ', aLo, bLo})
		aLo, bLo = aLo+1, bLo+1
	}
	suffix := 0
	for aLo < aHi-suffix && bLo < bHi-suffix && d.a[aHi-1-suffix] == d.b[bHi-1-suffix] {
		suffix++
	}
	aEnd, bEnd := aHi-suffix, bHi-suffix
	switch {
	case aLo == aEnd:
		for j := bLo; j < bEnd; j++ {
			d.ops = append(d.ops, op{'+', aLo, j})
		}
	case bLo == bEnd:
		for i := aLo; i < aEnd; i++ {
			d.ops = append(d.ops, op{'-', i, bLo})
		}
	default:
		x, y, ok := d.bisect(aLo, aEnd, bLo, bEnd)
		if ok {
			d.compare(aLo, x, bLo, y)
			d.compare(x, aEnd, y, bEnd)
		} else {
			for i := aLo; i < aEnd; i++ {
				d.ops = append(d.ops, op{'-', i, bLo})
			}
			for j := bLo; j < bEnd; j++ {
				d.ops = append(d.ops, op{'+', aEnd, j})
			}
		}
	}
	for i := 0; i < suffix; i++ {
		d.ops = append(d.ops, op{' ', aEnd + i, bEnd + i})
	}
}

// bisect finds where an optimal path through a[aLo:aHi], b[bLo:bHi]
// crosses its middle, searching forward from the start and backward from
// the end until the two meet. ok is false when the split would not make
// the problem smaller (the caller then deletes and inserts everything).
func (d *differ) bisect(aLo, aHi, bLo, bHi int) (x, y int, ok bool) {
	n, m := aHi-aLo, bHi-bLo
	maxD := (n + m + 1) / 2
	off := maxD
	size := 2*maxD + 2
	fwd, bwd := make([]int, size), make([]int, size)
	for i := range fwd {
		fwd[i], bwd[i] = -1, -1
	}
	fwd[off+1], bwd[off+1] = 0, 0
	delta := n - m
	front := delta%2 != 0 // the forward search finds the overlap when delta is odd
	k1start, k1end, k2start, k2end := 0, 0, 0, 0
	split := func(x, y int) (int, int, bool) {
		if (x == 0 && y == 0) || (x == n && y == m) {
			return 0, 0, false
		}
		return aLo + x, bLo + y, true
	}
	for dd := 0; dd < maxD; dd++ {
		for k1 := -dd + k1start; k1 <= dd-k1end; k1 += 2 {
			i := off + k1
			var x1 int
			if k1 == -dd || (k1 != dd && fwd[i-1] < fwd[i+1]) {
				x1 = fwd[i+1]
			} else {
				x1 = fwd[i-1] + 1
			}
			y1 := x1 - k1
			for x1 < n && y1 < m && d.a[aLo+x1] == d.b[bLo+y1] {
				x1, y1 = x1+1, y1+1
			}
			fwd[i] = x1
			switch {
			case x1 > n:
				k1end += 2
			case y1 > m:
				k1start += 2
			case front:
				if j := off + delta - k1; j >= 0 && j < size && bwd[j] != -1 && x1 >= n-bwd[j] {
					return split(x1, y1)
				}
			}
		}
		for k2 := -dd + k2start; k2 <= dd-k2end; k2 += 2 {
			j := off + k2
			var x2 int
			if k2 == -dd || (k2 != dd && bwd[j-1] < bwd[j+1]) {
				x2 = bwd[j+1]
			} else {
				x2 = bwd[j-1] + 1
			}
			y2 := x2 - k2
			for x2 < n && y2 < m && d.a[aHi-1-x2] == d.b[bHi-1-y2] {
				x2, y2 = x2+1, y2+1
			}
			bwd[j] = x2
			switch {
			case x2 > n:
				k2end += 2
			case y2 > m:
				k2start += 2
			case !front:
				if i := off + delta - k2; i >= 0 && i < size && fwd[i] != -1 {
					x1 := fwd[i]
					y1 := off + x1 - i
					if x1 >= n-x2 {
						return split(x1, y1)
					}
				}
			}
		}
	}
	return 0, 0, false
}

// hunk is a range of the edit script: [from, to).
type hunk struct{ from, to int }

// hunks groups changes with their context, merging those whose context
// touches.
func hunks(ops []op) []hunk {
	var out []hunk
	for i := 0; i < len(ops); i++ {
		if ops[i].kind == ' ' {
			continue
		}
		from := max(i-contextLines, 0)
		j := i
		for j < len(ops) && ops[j].kind != ' ' {
			j++
		}
		to := min(j+contextLines, len(ops))
		if len(out) > 0 && from <= out[len(out)-1].to {
			out[len(out)-1].to = to
		} else {
			out = append(out, hunk{from, to})
		}
		i = j - 1
	}
	return out
}

func writeHunk(out *strings.Builder, h hunk, ops []op, a, b []string) {
	aStart, bStart, aLen, bLen := -1, -1, 0, 0
	for _, o := range ops[h.from:h.to] {
		switch o.kind {
		case ' ':
			aLen++
			bLen++
		case '-':
			aLen++
		case '+':
			bLen++
		}
		if aStart < 0 && o.kind != '+' {
			aStart = o.a
		}
		if bStart < 0 && o.kind != '-' {
			bStart = o.b
		}
	}
	// An empty side is named by the line before it, as diff -u does.
	if aStart < 0 {
		aStart = ops[h.from].a - 1
	}
	if bStart < 0 {
		bStart = ops[h.from].b - 1
	}
	fmt.Fprintf(out, "@@ -%s +%s @@\n", span(aStart, aLen), span(bStart, bLen))
	for _, o := range ops[h.from:h.to] {
		line := ""
		switch o.kind {
		case ' ', '-':
			line = a[o.a]
		case '+':
			line = b[o.b]
		}
		out.WriteByte(o.kind)
		out.WriteString(line)
		if !strings.HasSuffix(line, "\n") {
			out.WriteString("\n\\ No newline at end of file\n")
		}
	}
}

func span(start, n int) string {
	if n == 1 {
		return fmt.Sprint(start + 1)
	}
	if n == 0 {
		return fmt.Sprintf("%d,0", start+1)
	}
	return fmt.Sprintf("%d,%d", start+1, n)
}
