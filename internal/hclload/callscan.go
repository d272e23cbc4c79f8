package hclload

import "bytes"

// Root selection needs one thing from each file that may call a module: the
// source of its top-level module blocks. Parsing the file for that costs as
// much as the evaluation's own parse (the corpus's 2 MB of such files took a
// tenth of a scan), so moduleSources reads it in one pass over the bytes,
// following only what can hide a brace or a line end: comments, quoted
// strings with their interpolations, heredocs and brackets. It answers only
// for files it follows completely, where every source is a plain quoted
// string; for anything else (a source that is an expression or has escapes,
// text it does not expect, a file that does not close) it says so, and the
// file is parsed with hcl instead. A test compares the two on every file of
// the repository and of the corpus.

// moduleSources returns the source of every top-level module block of a
// native-syntax file, in order, and true; or false when the file is not
// one it reads exactly as hcl would.
func moduleSources(src []byte) ([]string, bool) {
	s := &callScanner{src: src}
	var out []string
	for {
		if !s.skipSpace(true) {
			return nil, false
		}
		if s.eof() {
			return out, true
		}
		if !isIdentStart(s.src[s.i]) {
			return nil, false
		}
		if s.ident() != "module" {
			if !s.skipItem() {
				return nil, false
			}
			continue
		}
		source, block, ok := s.moduleBlock()
		if !ok {
			return nil, false
		}
		if !block {
			// "module = ..." is an argument, not a block: no call.
			if !s.skipItem() {
				return nil, false
			}
			continue
		}
		if source != nil {
			out = append(out, *source)
		}
	}
}

type callScanner struct {
	src []byte
	i   int
}

func (s *callScanner) eof() bool { return s.i >= len(s.src) }

func (s *callScanner) peek(off int) byte {
	if s.i+off < len(s.src) {
		return s.src[s.i+off]
	}
	return 0
}

func isIdentStart(c byte) bool {
	return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c == '_'
}

func isIdentByte(c byte) bool {
	return isIdentStart(c) || c >= '0' && c <= '9' || c == '-'
}

// ident reads an identifier at the current position. Bytes past ASCII end
// it: identifiers with other letters are rare, and what follows them is then
// not what a block header or an argument expects, so the file goes to hcl.
func (s *callScanner) ident() string {
	start := s.i
	for !s.eof() && isIdentByte(s.src[s.i]) {
		s.i++
	}
	return string(s.src[start:s.i])
}

// skipSpace skips blanks and comments; line ends too when newlines is true.
// A line comment stops before its newline. False for a block comment that
// does not close.
func (s *callScanner) skipSpace(newlines bool) bool {
	for !s.eof() {
		switch c := s.src[s.i]; {
		case c == ' ' || c == '\t' || c == '\r':
			s.i++
		case c == '\n' && newlines:
			s.i++
		case c == '#' || c == '/' && s.peek(1) == '/':
			if nl := bytes.IndexByte(s.src[s.i:], '\n'); nl >= 0 {
				s.i += nl
			} else {
				s.i = len(s.src)
			}
		case c == '/' && s.peek(1) == '*':
			end := bytes.Index(s.src[s.i+2:], []byte("*/"))
			if end < 0 {
				return false
			}
			s.i += 2 + end + 2
		default:
			return true
		}
	}
	return true
}

// moduleBlock reads what follows the word module at the top level. block is
// false when it is not a block header (the caller skips the item); source
// is the block's plain source, nil when it has none.
func (s *callScanner) moduleBlock() (source *string, block, ok bool) {
	start := s.i
	labels := 0
	for {
		if !s.skipSpace(false) || s.eof() {
			return nil, false, false
		}
		c := s.src[s.i]
		switch {
		case c == '"':
			if _, _, ok := s.quoted(); !ok {
				return nil, false, false
			}
			labels++
			continue
		case isIdentStart(c):
			s.ident()
			labels++
			continue
		case c == '{' && labels == 1:
			s.i++
		case c == '{':
			return nil, false, false // a label too few or too many: hcl's error
		default:
			s.i = start
			return nil, false, true
		}
		break
	}
	source, ok = s.moduleBody()
	return source, true, ok
}

// moduleBody reads a module block's body from after its opening brace to
// after the newline that ends the block.
func (s *callScanner) moduleBody() (*string, bool) {
	var source *string
	for {
		if !s.skipSpace(true) || s.eof() {
			return nil, false
		}
		if s.src[s.i] == '}' {
			s.i++
			return source, s.lineEnd()
		}
		if !isIdentStart(s.src[s.i]) {
			return nil, false
		}
		name := s.ident()
		if !s.skipSpace(false) {
			return nil, false
		}
		isArg := s.peek(0) == '=' && s.peek(1) != '='
		if name != "source" || !isArg {
			if !s.skipItem() {
				return nil, false
			}
			continue
		}
		if source != nil {
			return nil, false // a repeated argument is hcl's error to tell
		}
		s.i++
		if !s.skipSpace(false) || s.peek(0) != '"' {
			return nil, false
		}
		v, plain, ok := s.quoted()
		if !ok || !plain {
			return nil, false
		}
		source = &v
		// Only the string: anything after it on the line makes the value
		// an expression.
		if !s.skipSpace(false) {
			return nil, false
		}
		switch s.peek(0) {
		case '\n':
			s.i++
		case '}':
			// A single-line block: `module "x" { source = "./y" }`.
		default:
			return nil, false
		}
	}
}

// lineEnd checks that nothing but blanks and comments follows on the line,
// and moves past its newline.
func (s *callScanner) lineEnd() bool {
	if !s.skipSpace(false) {
		return false
	}
	if s.eof() {
		return true
	}
	if s.src[s.i] != '\n' {
		return false
	}
	s.i++
	return true
}

// quoted reads a quoted string at the current position, to after its
// closing quote. plain is true, and v its text, when it holds no escape and
// no template sequence. ok is false when the string does not close on its
// line.
func (s *callScanner) quoted() (v string, plain, ok bool) {
	s.i++ // the opening quote
	start := s.i
	plain = true
	for !s.eof() {
		c := s.src[s.i]
		switch {
		case c == '"':
			s.i++
			if !plain {
				return "", false, true
			}
			return string(s.src[start : s.i-1]), true, true
		case c == '\n':
			return "", false, false
		case c == '\\':
			plain = false
			s.i += 2
		case (c == '$' || c == '%') && s.peek(1) == c && s.peek(2) == '{':
			plain = false // $${ and %%{ are literal
			s.i += 3
		case (c == '$' || c == '%') && s.peek(1) == '{':
			plain = false
			s.i += 2
			if !s.skipUntil('}') {
				return "", false, false
			}
		default:
			s.i++
		}
	}
	return "", false, false
}

// skipItem skips the rest of a body item: to the newline that ends it at
// this level (consumed) or to a closing bracket of the enclosing level (not
// consumed), whichever comes first, or to the end of the file.
func (s *callScanner) skipItem() bool {
	return s.skipExpr(0)
}

// skipUntil skips the inside of a template interpolation up to and past
// its closing brace.
func (s *callScanner) skipUntil(close byte) bool {
	if !s.skipExpr(close) {
		return false
	}
	if s.peek(0) != close {
		return false
	}
	s.i++
	return true
}

// skipExpr skips nested brackets, strings, heredocs and comments. With
// close 0 it stops after a newline at its own level, or before a closing
// bracket of the enclosing one; otherwise newlines do not end it and it
// stops before close at its own level.
func (s *callScanner) skipExpr(close byte) bool {
	var stack []byte
	for !s.eof() {
		c := s.src[s.i]
		switch {
		case c == '\n':
			s.i++
			if len(stack) == 0 && close == 0 {
				return true
			}
		case c == '#' || c == '/' && (s.peek(1) == '/' || s.peek(1) == '*'):
			if !s.skipSpace(false) {
				return false
			}
		case c == '"':
			if _, _, ok := s.quoted(); !ok {
				return false
			}
		case c == '<' && s.peek(1) == '<':
			if !s.heredoc() {
				return false
			}
		case c == '{' || c == '[' || c == '(':
			stack = append(stack, closer(c))
			s.i++
		case c == '}' || c == ']' || c == ')':
			if len(stack) == 0 {
				if close == 0 || c == close {
					return true // the enclosing level's, for the caller
				}
				return false
			}
			if stack[len(stack)-1] != c {
				return false
			}
			stack = stack[:len(stack)-1]
			s.i++
		default:
			s.i++
		}
	}
	return len(stack) == 0 && close == 0
}

// heredoc skips a heredoc from its <<: the lines after the introducer up to
// and including the one that holds only the marker (and blanks).
func (s *callScanner) heredoc() bool {
	s.i += 2
	if s.peek(0) == '-' {
		s.i++
	}
	if s.eof() || !isIdentStart(s.src[s.i]) {
		return false
	}
	marker := s.ident()
	if s.peek(0) == '\r' {
		s.i++
	}
	if s.peek(0) != '\n' {
		return false
	}
	s.i++
	for !s.eof() {
		end := bytes.IndexByte(s.src[s.i:], '\n')
		line := s.src[s.i:]
		if end >= 0 {
			line = s.src[s.i : s.i+end]
		}
		if end < 0 {
			break // the marker's line must end: hcl's rule
		}
		if string(bytes.TrimSpace(line)) == marker {
			s.i += len(line) // the newline ends the item, for the caller
			return true
		}
		s.i += end + 1
	}
	return false
}

// closer is the bracket that closes open.
func closer(open byte) byte {
	switch open {
	case '{':
		return '}'
	case '[':
		return ']'
	}
	return ')'
}
