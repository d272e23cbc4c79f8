package tffuncs

import (
	"bytes"
	"compress/gzip"
	"crypto/md5"
	"crypto/sha1"
	"crypto/sha256"
	"crypto/sha512"
	"encoding/base64"
	"fmt"
	"hash"
	"unicode/utf16"
	"unicode/utf8"

	"github.com/zclconf/go-cty/cty"
	"github.com/zclconf/go-cty/cty/function"
)

func newHash(name string) hash.Hash {
	switch name {
	case "md5":
		return md5.New()
	case "sha1":
		return sha1.New()
	case "sha512":
		return sha512.New()
	}
	return sha256.New()
}

// Base64HashFunc is base64sha256 / base64sha512: the hash of a string, base64-encoded.
func Base64HashFunc(alg string) function.Function {
	return function.New(&function.Spec{
		Params: []function.Parameter{{Name: "str", Type: cty.String}},
		Type:   function.StaticReturnType(cty.String),
		Impl: func(args []cty.Value, _ cty.Type) (cty.Value, error) {
			h := newHash(alg)
			h.Write([]byte(args[0].AsString()))
			return cty.StringVal(base64.StdEncoding.EncodeToString(h.Sum(nil))), nil
		},
	})
}

// Base64GzipFunc is base64gzip: gzip a string, then base64-encode it.
var Base64GzipFunc = function.New(&function.Spec{
	Params: []function.Parameter{{Name: "str", Type: cty.String}},
	Type:   function.StaticReturnType(cty.String),
	Impl: func(args []cty.Value, _ cty.Type) (cty.Value, error) {
		var buf bytes.Buffer
		w := gzip.NewWriter(&buf)
		if _, err := w.Write([]byte(args[0].AsString())); err != nil {
			return cty.NilVal, err
		}
		if err := w.Close(); err != nil {
			return cty.NilVal, err
		}
		return cty.StringVal(base64.StdEncoding.EncodeToString(buf.Bytes())), nil
	},
})

// TextEncodeBase64Func is textencodebase64 for the encodings configurations
// use in practice (UTF-8 and UTF-16 in either byte order).
var TextEncodeBase64Func = function.New(&function.Spec{
	Params: []function.Parameter{{Name: "string", Type: cty.String}, {Name: "encoding", Type: cty.String}},
	Type:   function.StaticReturnType(cty.String),
	Impl: func(args []cty.Value, _ cty.Type) (cty.Value, error) {
		s, enc := args[0].AsString(), args[1].AsString()
		var out []byte
		switch enc {
		case "UTF-8", "utf-8":
			out = []byte(s)
		case "UTF-16LE", "UTF-16BE":
			for _, u := range utf16.Encode([]rune(s)) {
				if enc == "UTF-16LE" {
					out = append(out, byte(u), byte(u>>8))
				} else {
					out = append(out, byte(u>>8), byte(u))
				}
			}
		default:
			return cty.NilVal, fmt.Errorf("encoding %q is not supported by tfcomply (UTF-8, UTF-16LE, UTF-16BE are)", enc)
		}
		return cty.StringVal(base64.StdEncoding.EncodeToString(out)), nil
	},
})

// TextDecodeBase64Func is textdecodebase64 for the same encodings.
var TextDecodeBase64Func = function.New(&function.Spec{
	Params: []function.Parameter{{Name: "source", Type: cty.String}, {Name: "encoding", Type: cty.String}},
	Type:   function.StaticReturnType(cty.String),
	Impl: func(args []cty.Value, _ cty.Type) (cty.Value, error) {
		data, err := base64.StdEncoding.DecodeString(args[0].AsString())
		if err != nil {
			return cty.NilVal, fmt.Errorf("invalid base64: %v", err)
		}
		switch enc := args[1].AsString(); enc {
		case "UTF-8", "utf-8":
			if !utf8.Valid(data) {
				return cty.NilVal, fmt.Errorf("the decoded bytes are not valid UTF-8")
			}
			return cty.StringVal(string(data)), nil
		case "UTF-16LE", "UTF-16BE":
			if len(data)%2 != 0 {
				return cty.NilVal, fmt.Errorf("odd number of bytes for UTF-16")
			}
			units := make([]uint16, len(data)/2)
			for i := range units {
				if enc == "UTF-16LE" {
					units[i] = uint16(data[2*i]) | uint16(data[2*i+1])<<8
				} else {
					units[i] = uint16(data[2*i])<<8 | uint16(data[2*i+1])
				}
			}
			return cty.StringVal(string(utf16.Decode(units))), nil
		default:
			return cty.NilVal, fmt.Errorf("encoding %q is not supported by tfcomply (UTF-8, UTF-16LE, UTF-16BE are)", enc)
		}
	},
})
