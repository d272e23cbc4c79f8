package suppress

import "github.com/tfcomply/tfcomply/internal/controls"

// suggestID is the control or advisory id closest to a mistyped one, or ""
// when none is close (more than a third of it would have to change).
func suggestID(id string) string {
	best, bestDist := "", len(id)/3+1
	try := func(known string) {
		if d := editDistance(id, known); d < bestDist {
			best, bestDist = known, d
		}
	}
	for _, c := range controls.All {
		try(c.ID)
		for _, a := range c.Advisories {
			try(c.AdvisoryID(a.Name))
		}
	}
	return best
}

// editDistance is the Levenshtein distance between a and b (in bytes: ids
// are ASCII).
func editDistance(a, b string) int {
	prev := make([]int, len(b)+1)
	cur := make([]int, len(b)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(a); i++ {
		cur[0] = i
		for j := 1; j <= len(b); j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev, cur = cur, prev
	}
	return prev[len(b)]
}
