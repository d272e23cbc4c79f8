package hclload

import (
	"cmp"
	"testing"
)

// compareNodes orders as comparing the joined keys would, including where
// one module's path is the start of another's and a module name sorts
// around the kinds' digits.
func TestCompareNodesAsJoinedKeys(t *testing.T) {
	prefixes := []string{"/", "a/", "a/b/", "a-b/", "a/0x/", "a/-/", "a/_/", "a0/", "a/3/", ""}
	names := []string{"", "x", "0", "aws_s3_bucket.this", "data.aws_iam_policy_document.p", "/", "3/"}
	var nodes []*node
	for _, p := range prefixes {
		for k := range kindParts {
			for _, n := range names {
				nodes = append(nodes, &node{prefix: p, kind: nodeKind(k), name: n})
			}
		}
	}
	joined := func(n *node) string { return n.prefix + kindParts[n.kind] + n.name }
	for _, a := range nodes {
		for _, b := range nodes {
			if got, want := compareNodes(a, b), cmp.Compare(joined(a), joined(b)); got != want {
				t.Fatalf("compareNodes(%q, %q) = %d, want %d", joined(a), joined(b), got, want)
			}
		}
	}
}
