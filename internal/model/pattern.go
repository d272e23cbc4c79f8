package model

import "strings"

// MatchAddress matches a Terraform address (or a root's name) against a
// pattern in which * stands for any run of characters and everything else
// is literal, so brackets and quotes in addresses need no escaping. Waivers
// and the estimate's traffic keys use it.
func MatchAddress(pattern, addr string) bool {
	parts := strings.Split(pattern, "*")
	if len(parts) == 1 {
		return pattern == addr
	}
	if !strings.HasPrefix(addr, parts[0]) {
		return false
	}
	rest := addr[len(parts[0]):]
	for _, p := range parts[1 : len(parts)-1] {
		i := strings.Index(rest, p)
		if i < 0 {
			return false
		}
		rest = rest[i+len(p):]
	}
	return strings.HasSuffix(rest, parts[len(parts)-1])
}
