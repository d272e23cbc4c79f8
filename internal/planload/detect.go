// Package planload reads `terraform show -json` output (a plan or a state)
// into the same model the source evaluator produces, so every control works
// unchanged on plans and states.
package planload

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"strconv"
	"strings"
)

// Kind of JSON input.
type Kind int

// Kinds.
const (
	KindUnknown Kind = iota
	KindPlan
	KindState
)

// InputError is a JSON input that cannot be read, with a position when the
// JSON itself is broken.
type InputError struct {
	Line, Column int
	Msg          string
}

func (e *InputError) Error() string { return e.Msg }

// Detect tells a plan from a state by content, not by file name. OpenTofu's
// `tofu show -json` writes the same format as Terraform's, with the same
// format_version numbers and the terraform_version key kept for
// compatibility (it holds OpenTofu's version), so both read alike.
func Detect(data []byte) (Kind, error) {
	kind, _, err := detect(data)
	return kind, err
}

// detect also returns the format version.
func detect(data []byte) (Kind, string, error) {
	top, formatVersion, ok := topLevel(data)
	if !ok {
		var v map[string]json.RawMessage
		if err := json.Unmarshal(data, &v); err != nil {
			return KindUnknown, "", syntaxError(data, err)
		}
		return KindUnknown, "", &InputError{Msg: "cannot read the JSON document"}
	}
	kind, err := classify(top)
	return kind, formatVersion, err
}

func classify(top map[string]bool) (Kind, error) {
	hasFormat, hasPlanned, hasChanges := top["format_version"], top["planned_values"], top["resource_changes"]
	hasValues, hasRawVersion, hasTFVersion := top["values"], top["version"], top["terraform_version"]
	switch {
	case top["encryption_version"] && top["encrypted_data"]:
		// OpenTofu's state and plan encryption writes this envelope in
		// place of the state; tofu show decrypts it with the configured key.
		return KindUnknown, &InputError{Msg: "this is an OpenTofu state encrypted at rest (encryption_version, encrypted_data), which tfcomply cannot read: run `tofu show -json > state.json` (it decrypts with your configured key) and scan that"}
	case hasFormat && (hasPlanned || hasChanges):
		return KindPlan, nil
	case hasFormat && hasValues:
		return KindState, nil
	case hasFormat:
		// An empty state shows as just its versions.
		return KindState, nil
	case hasRawVersion && hasTFVersion:
		return KindUnknown, &InputError{Msg: "this is a raw Terraform state file (terraform.tfstate), not `terraform show -json` output: run `terraform show -json > state.json` (or `tofu show -json > state.json`) and scan that"}
	}
	return KindUnknown, &InputError{Msg: "not a Terraform plan or state: expected the output of `terraform show -json` or OpenTofu's `tofu show -json` (with format_version and planned_values, resource_changes or values)"}
}

// checkFormat accepts format versions 1.x: older state JSON comes from
// Terraform before 1.0, newer formats from a Terraform this build does not know.
func checkFormat(what, v string) error {
	if v == "" {
		return &InputError{Msg: what + " JSON has no format_version"}
	}
	majorText, _, _ := strings.Cut(v, ".")
	major, err := strconv.Atoi(majorText)
	if err != nil || major < 0 {
		return &InputError{Msg: fmt.Sprintf("%s JSON has an invalid format_version %q", what, v)}
	}
	switch {
	case major >= 2:
		return &InputError{Msg: fmt.Sprintf("%s JSON format %s is newer than this tfcomply reads (1.x): upgrade tfcomply", what, v)}
	case major == 0 && what == "state":
		return &InputError{Msg: fmt.Sprintf("state JSON format %s was written by Terraform before 1.0, which tfcomply does not read: run `terraform show -json` with Terraform 1.0 or newer", v)}
	}
	return nil
}

// syntaxError turns a JSON decoding error into a message with line and column.
func syntaxError(data []byte, err error) error {
	return positioned(data, err, "invalid JSON: ")
}

// positioned places a decoding error at its line and column.
func positioned(data []byte, err error, prefix string) error {
	var se *json.SyntaxError
	var te *json.UnmarshalTypeError
	offset := int64(-1)
	switch {
	case errors.As(err, &se):
		offset = se.Offset
	case errors.As(err, &te):
		offset = te.Offset
	}
	if strings.Contains(err.Error(), "unexpected end of JSON input") {
		offset = int64(len(data))
		err = errors.New("the JSON ends early (truncated file?)")
	}
	if offset < 0 || offset > int64(len(data)) {
		return &InputError{Msg: prefix + err.Error()}
	}
	line := bytes.Count(data[:offset], []byte("\n")) + 1
	col := int(offset) - bytes.LastIndexByte(data[:offset], '\n')
	return &InputError{Line: line, Column: col, Msg: prefix + err.Error()}
}
