// Package tffuncs is Terraform's built-in function library for the
// evaluator: the functions go-cty, go-cty-funcs and go-cty-yaml provide,
// plus the ones they lack, written here. Functions whose result is only
// known at apply (timestamp, uuid) return unknown values, as in a plan.
package tffuncs

import (
	"github.com/hashicorp/go-cty-funcs/cidr"
	"github.com/hashicorp/go-cty-funcs/crypto"
	"github.com/hashicorp/go-cty-funcs/encoding"
	"github.com/hashicorp/go-cty-funcs/filesystem"
	uuidfuncs "github.com/hashicorp/go-cty-funcs/uuid"
	ctyyaml "github.com/zclconf/go-cty-yaml"
	"github.com/zclconf/go-cty/cty"
	"github.com/zclconf/go-cty/cty/function"
	"github.com/zclconf/go-cty/cty/function/stdlib"
)

// Table returns every function. The file functions read what fa allows,
// and nothing else (see FileAccess).
func Table(fa FileAccess) map[string]function.Function {
	f := newFiles(fa)
	t := map[string]function.Function{
		// numeric
		"abs": stdlib.AbsoluteFunc, "ceil": stdlib.CeilFunc, "floor": stdlib.FloorFunc, "log": stdlib.LogFunc,
		"max": stdlib.MaxFunc, "min": stdlib.MinFunc, "parseint": stdlib.ParseIntFunc, "pow": stdlib.PowFunc,
		"signum": stdlib.SignumFunc, "sum": SumFunc,
		// strings
		"chomp": stdlib.ChompFunc, "format": stdlib.FormatFunc, "formatlist": stdlib.FormatListFunc,
		"indent": stdlib.IndentFunc, "join": stdlib.JoinFunc, "lower": stdlib.LowerFunc, "regex": stdlib.RegexFunc,
		"regexall": stdlib.RegexAllFunc, "replace": ReplaceFunc, "split": stdlib.SplitFunc, "strrev": stdlib.ReverseFunc,
		"substr": stdlib.SubstrFunc, "title": stdlib.TitleFunc, "trim": stdlib.TrimFunc, "trimprefix": stdlib.TrimPrefixFunc,
		"trimsuffix": stdlib.TrimSuffixFunc, "trimspace": stdlib.TrimSpaceFunc, "upper": stdlib.UpperFunc,
		"startswith": StartsWithFunc, "endswith": EndsWithFunc, "strcontains": StrContainsFunc,
		// collections
		"alltrue": AllTrueFunc, "anytrue": AnyTrueFunc, "chunklist": stdlib.ChunklistFunc, "coalesce": CoalesceFunc,
		"coalescelist": stdlib.CoalesceListFunc, "compact": stdlib.CompactFunc, "concat": stdlib.ConcatFunc,
		"contains": stdlib.ContainsFunc, "distinct": stdlib.DistinctFunc, "element": stdlib.ElementFunc,
		"flatten": stdlib.FlattenFunc, "index": IndexFunc, "keys": stdlib.KeysFunc, "length": LengthFunc,
		"lookup": LookupFunc, "matchkeys": MatchKeysFunc, "merge": stdlib.MergeFunc, "one": OneFunc,
		"range": stdlib.RangeFunc, "reverse": stdlib.ReverseListFunc, "setintersection": stdlib.SetIntersectionFunc,
		"setproduct": stdlib.SetProductFunc, "setsubtract": stdlib.SetSubtractFunc, "setunion": stdlib.SetUnionFunc,
		"slice": stdlib.SliceFunc, "sort": stdlib.SortFunc, "transpose": TransposeFunc, "values": stdlib.ValuesFunc,
		"zipmap": stdlib.ZipmapFunc,
		// Terraform 0.11 list() and map(), still found in old code
		"list": ListFunc, "map": MapFunc,
		// encoding
		"base64decode": encoding.Base64DecodeFunc, "base64encode": encoding.Base64EncodeFunc, "base64gzip": Base64GzipFunc,
		"csvdecode": stdlib.CSVDecodeFunc, "jsondecode": stdlib.JSONDecodeFunc, "jsonencode": stdlib.JSONEncodeFunc,
		"textdecodebase64": TextDecodeBase64Func, "textencodebase64": TextEncodeBase64Func, "urlencode": encoding.URLEncodeFunc,
		"yamldecode": ctyyaml.YAMLDecodeFunc, "yamlencode": ctyyaml.YAMLEncodeFunc,
		// filesystem
		"abspath": filesystem.AbsPathFunc, "dirname": filesystem.DirnameFunc, "pathexpand": filesystem.PathExpandFunc,
		"basename": filesystem.BasenameFunc, "file": f.fileFunc(false), "filebase64": f.fileFunc(true),
		"fileexists": f.existsFunc(), "fileset": f.filesetFunc(),
		"filemd5": f.hashFunc("filemd5", "md5", false), "filesha1": f.hashFunc("filesha1", "sha1", false),
		"filesha256": f.hashFunc("filesha256", "sha256", false), "filesha512": f.hashFunc("filesha512", "sha512", false),
		"filebase64sha256": f.hashFunc("filebase64sha256", "sha256", true),
		"filebase64sha512": f.hashFunc("filebase64sha512", "sha512", true),
		// time
		"formatdate": stdlib.FormatDateFunc, "timeadd": stdlib.TimeAddFunc, "timecmp": TimeCmpFunc,
		"timestamp": applyTimeFunc("timestamp()"), "plantimestamp": applyTimeFunc("plantimestamp()"),
		// hashes and crypto
		"base64sha256": Base64HashFunc("sha256"), "base64sha512": Base64HashFunc("sha512"), "bcrypt": crypto.BcryptFunc,
		"md5": crypto.Md5Func, "rsadecrypt": crypto.RsaDecryptFunc, "sha1": crypto.Sha1Func, "sha256": crypto.Sha256Func,
		"sha512": crypto.Sha512Func, "uuid": UUIDFunc, "uuidv5": uuidfuncs.V5Func,
		// ip networks
		"cidrhost": cidr.HostFunc, "cidrnetmask": cidr.NetmaskFunc, "cidrsubnet": cidr.SubnetFunc, "cidrsubnets": cidr.SubnetsFunc,
		// type conversion
		"can": CanFunc, "try": TryFunc,
		"tobool": stdlib.MakeToFunc(cty.Bool), "tolist": makeCollectionToFunc(cty.List),
		"tomap": makeCollectionToFunc(cty.Map), "tonumber": stdlib.MakeToFunc(cty.Number),
		"toset": makeCollectionToFunc(cty.Set), "tostring": stdlib.MakeToFunc(cty.String),
		"sensitive": IdentityFunc, "nonsensitive": IdentityFunc, "issensitive": IsSensitiveFunc,
		"ephemeralasnull": IdentityFunc,
	}
	t["templatefile"] = f.templateFileFunc(t)
	t["templatestring"] = makeTemplateStringFunc(t)
	// Terraform 1.8 and later also name every built-in function in the
	// core:: namespace (core::length), for when a provider function
	// shadows one.
	for name, f := range t {
		t["core::"+name] = f
	}
	return t
}
