package model

import (
	"sort"
	"strings"

	"github.com/zclconf/go-cty/cty"
)

// Origin is a cty mark that records where a value came from. Marks flow
// through every expression, local, module input and output, so a control can
// tell that an unknown destination_arn is "the arn of log group x", or that a
// stage_name was read from a particular stage instance.
//
// Addr and Attr name a resource instance attribute the value was read from.
// Reason, when set, says why the value is unknown (a variable without a
// value, a module that is not installed, a function only known at apply).
type Origin struct {
	Addr   string
	Attr   string
	Reason string
}

// IsValueIdentity reports whether two values carrying this origin are the
// same value: both are one resource attribute (aws_api_gateway_rest_api.r.id)
// or one unset variable. Origins that only say why something is unknown (a
// module that is not loaded, an unknown count) do not make values equal.
func (o Origin) IsValueIdentity() bool {
	switch {
	case strings.HasPrefix(o.Addr, "var.") || strings.Contains(o.Addr, ".var."):
		return true
	case o.Addr == "" || o.Attr == "" || o.Attr == "*":
		return false
	}
	return true
}

// Type returns the resource type of the origin's address (the part before
// the resource name, after any module path and data. prefix).
func (o Origin) Type() string { return AddressType(o.Addr) }

// AddressType extracts the resource type from an instance address.
func AddressType(addr string) string {
	parts := splitAddress(addr)
	for i := 0; i < len(parts); i++ {
		switch parts[i] {
		case "module":
			i++ // skip the module call name
			continue
		case "data":
			continue
		}
		return parts[i]
	}
	return ""
}

// splitAddress splits an address on dots outside brackets and strips keys.
func splitAddress(addr string) []string {
	var parts []string
	depth, start := 0, 0
	inStr := false
	for i := 0; i < len(addr); i++ {
		c := addr[i]
		switch {
		case c == '"' && (i == 0 || addr[i-1] != '\\'):
			inStr = !inStr
		case inStr:
		case c == '[':
			depth++
		case c == ']':
			depth--
		case c == '.' && depth == 0:
			parts = append(parts, stripKey(addr[start:i]))
			start = i + 1
		}
	}
	return append(parts, stripKey(addr[start:]))
}

// WithoutKeys removes every instance key from an address
// (module.a["x"].aws_b.c[0] -> module.a.aws_b.c), the form depends_on and
// a state's recorded dependencies use.
func WithoutKeys(addr string) string {
	return strings.Join(splitAddress(addr), ".")
}

func stripKey(s string) string {
	if i := strings.IndexByte(s, '['); i >= 0 {
		return s[:i]
	}
	return s
}

// Origins returns every Origin mark found anywhere in v, sorted.
func Origins(v cty.Value) []Origin {
	plain, marks := v.Unmark()
	if !plain.Type().IsPrimitiveType() && plain.Type() != cty.DynamicPseudoType {
		_, marks = v.UnmarkDeep()
	}
	return originsOf(marks)
}

func originsOf(marks cty.ValueMarks) []Origin {
	var out []Origin
	for m := range marks {
		if o, ok := m.(Origin); ok {
			out = append(out, o)
		}
	}
	sort.Slice(out, func(i, j int) bool {
		if out[i].Addr != out[j].Addr {
			return out[i].Addr < out[j].Addr
		}
		if out[i].Attr != out[j].Attr {
			return out[i].Attr < out[j].Attr
		}
		return out[i].Reason < out[j].Reason
	})
	return out
}

// HasOrigin reports whether v was read from attribute attr of instance addr.
func HasOrigin(v cty.Value, addr, attr string) bool {
	for _, o := range Origins(v) {
		if o.Addr == addr && o.Attr == attr {
			return true
		}
	}
	return false
}

// UnknownReasons explains, in words a user can act on, why v is unknown.
func UnknownReasons(v cty.Value) []string {
	seen := map[string]bool{}
	var out []string
	add := func(s string) {
		if !seen[s] {
			seen[s] = true
			out = append(out, s)
		}
	}
	for _, o := range Origins(v) {
		switch {
		case o.Reason != "":
			add(o.Reason)
		case strings.HasPrefix(o.Addr, "data.") || strings.Contains(o.Addr, ".data."):
			add(o.Addr + "." + o.Attr + " is read from a data source: scan a plan to know it")
		}
	}
	if len(out) == 0 {
		for _, o := range Origins(v) {
			if o.Addr != "" {
				add(o.Addr + "." + o.Attr + " is computed by the provider: it is known only after apply")
				break
			}
		}
	}
	if len(out) == 0 {
		add("the value cannot be determined from source")
	}
	return out
}
