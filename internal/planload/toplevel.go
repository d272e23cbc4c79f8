package planload

// topLevel reads the keys of a JSON object without decoding its values, and
// the value of format_version, in one pass that allocates only the keys: a
// plan of 10k stages is tens of megabytes, and detection should not cost a
// full decode. ok is false for anything it does not understand; the caller
// then lets encoding/json produce its (positioned) error.
func topLevel(data []byte) (keys map[string]bool, formatVersion string, ok bool) {
	i := skipSpace(data, 0)
	if i >= len(data) || data[i] != '{' {
		return nil, "", false
	}
	keys = map[string]bool{}
	i = skipSpace(data, i+1)
	if i < len(data) && data[i] == '}' {
		return keys, "", skipSpace(data, i+1) == len(data)
	}
	for {
		i = skipSpace(data, i)
		key, next, good := readString(data, i)
		if !good {
			return nil, "", false
		}
		i = skipSpace(data, next)
		if i >= len(data) || data[i] != ':' {
			return nil, "", false
		}
		i = skipSpace(data, i+1)
		start := i
		if i, good = skipValue(data, i); !good {
			return nil, "", false
		}
		keys[key] = true
		if key == "format_version" {
			if v, _, isString := readString(data, start); isString {
				formatVersion = v
			}
		}
		i = skipSpace(data, i)
		if i >= len(data) {
			return nil, "", false
		}
		switch data[i] {
		case ',':
			i++
		case '}':
			return keys, formatVersion, skipSpace(data, i+1) == len(data)
		default:
			return nil, "", false
		}
	}
}

func skipSpace(data []byte, i int) int {
	for i < len(data) && (data[i] == ' ' || data[i] == '\n' || data[i] == '\r' || data[i] == '\t') {
		i++
	}
	return i
}

// readString reads a JSON string at i (escapes are kept as written: keys
// and versions have none).
func readString(data []byte, i int) (string, int, bool) {
	if i >= len(data) || data[i] != '"' {
		return "", i, false
	}
	for j := i + 1; j < len(data); j++ {
		switch data[j] {
		case '\\':
			j++
		case '"':
			return string(data[i+1 : j]), j + 1, true
		}
	}
	return "", i, false
}

// skipValue moves past one JSON value, counting brackets outside strings.
func skipValue(data []byte, i int) (int, bool) {
	if i >= len(data) {
		return i, false
	}
	switch data[i] {
	case '"':
		_, next, ok := readString(data, i)
		return next, ok
	case '{', '[':
		depth := 0
		for j := i; j < len(data); j++ {
			switch data[j] {
			case '"':
				_, next, ok := readString(data, j)
				if !ok {
					return j, false
				}
				j = next - 1
			case '{', '[':
				depth++
			case '}', ']':
				depth--
				if depth == 0 {
					return j + 1, true
				}
			}
		}
		return len(data), false
	}
	j := i
	for j < len(data) && data[j] != ',' && data[j] != '}' && data[j] != ']' && data[j] != ' ' && data[j] != '\n' && data[j] != '\r' && data[j] != '\t' {
		j++
	}
	return j, j > i
}
