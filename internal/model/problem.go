package model

// Problem is an input error or warning: a file that does not parse, a bad
// expression, a module that is not installed. File is relative to the
// scanned path; Line is 0 when the problem has no position.
type Problem struct {
	File     string
	Line     int
	Column   int
	Severity string // "error" or "warning"
	Message  string
}
