package fix

import (
	"fmt"
	"path/filepath"

	"github.com/hashicorp/hcl/v2/hclsyntax"
	"github.com/tfcomply/tfcomply/internal/controls/apigateway"
	"github.com/tfcomply/tfcomply/internal/model"
	"github.com/zclconf/go-cty/cty"
)

// planAccess plans access logging for a stage block: an
// access_log_settings block (or the destination a block without one
// lacks) sending to a new log group beside the stage. It never replaces a
// destination, and never adds a block beside a dynamic one.
func (p *planner) planAccess(g *group, f *sourceFile, blk *hclsyntax.Block, sh shape) ([]func(), []string) {
	in := p.instance(g.members[0])
	disp := display(in)
	addr := localAddr(in)
	if a := blk.Body.Attributes["access_log_settings"]; a != nil {
		return nil, []string{fmt.Sprintf("access_log_settings of %s is set as an argument (%s), not written as a block: write it as a block by hand", addr, where(disp, a.SrcRange))}
	}
	if ignoresChanges(blk, "access_log_settings") {
		return nil, []string{fmt.Sprintf("the lifecycle ignore_changes of %s (%s) covers access_log_settings, so a change to it would never be applied: take it out of ignore_changes first", addr, where(disp, blk.DefRange()))}
	}
	static, dynamic := nested(blk.Body, "access_log_settings")
	var vals []cty.Value
	for _, m := range g.members {
		vals = append(vals, model.Attr(p.instance(m).Value, "access_log_settings"))
	}
	if len(dynamic) > 0 {
		d := dynamic[0]
		at := where(disp, d.DefRange())
		if fe := d.Body.Attributes["for_each"]; fe != nil {
			at = where(disp, fe.SrcRange)
		}
		w := fmt.Sprintf("access_log_settings of %s comes from the dynamic block whose for_each (%s) is empty here", addr, at)
		if ss := settingsOf(vals); len(ss) > 0 {
			w += "; that is decided by " + decidedBy(ss, "")
		} else {
			w += ": change it so that it holds an element for this stage"
		}
		return nil, []string{w + " (tfcomply does not add a block beside a dynamic one)"}
	}
	dir := filepath.Dir(f.path)
	kind := formatKind(p.before.roots[g.members[0].root].facts[g.members[0].addr].Kind)
	newGroup := func() (string, string, change) {
		name := p.names.take(dir, typeLogGroup, in.Name+"_access")
		return name, logGroup(sh, name, p.opts.RetentionDays),
			change{text: fmt.Sprintf("new %s.%s ({at}), retention_in_days = %d", typeLogGroup, name, p.opts.RetentionDays), file: f.path, typ: typeLogGroup, name: name}
	}
	if len(static) == 0 {
		lgName, lg, lgChange := newGroup()
		snippet := accessLogSettings(sh, lgName, kind)
		g.changes = append(g.changes,
			change{text: fmt.Sprintf("access_log_settings added to %s ({at}): JSON access logs with $context.requestId to the new log group", addr), file: f.path, typ: in.Type, name: in.Name}, lgChange)
		return []func(){func() {
			fe := p.fileEdits(f)
			fe.addToBody(blk, snippet)
			fe.addAfter(blk, lg)
			p.readBy(f.path, g.roots...)
		}}, nil
	}
	ab := static[0]
	dest := ab.Body.Attributes["destination_arn"]
	if dest != nil && !emptyLiteral(dest.Expr) {
		reason := p.before.results[g.members[0]].Aspects["access"].Reason
		w := fmt.Sprintf("%s: tfcomply never replaces an access log destination (destination_arn of %s, %s)", reason, addr, where(disp, dest.SrcRange))
		if ss := settingsOf(p.destinations(g)); len(ss) > 0 {
			w += "; it comes from " + decidedBy(ss, "the ARN of a CloudWatch Logs log group")
		} else {
			w += ": set it to the ARN of a CloudWatch Logs log group"
		}
		return nil, []string{w}
	}
	// No destination, or a literal null or "": that is none, so it is set.
	lgName, lg, lgChange := newGroup()
	withFormat := ab.Body.Attributes["format"] == nil
	var edit func(fe *fileEdits)
	text := fmt.Sprintf("destination_arn added to the access_log_settings of %s ({at}): the new log group", addr)
	if dest == nil {
		snippet := accessLogAttributes(sh, lgName, kind, withFormat)
		edit = func(fe *fileEdits) { fe.addToBody(ab, snippet) }
	} else {
		text = fmt.Sprintf("destination_arn of %s: %s → the new log group ({at})", addr, f.text(dest.Expr.Range()))
		ref, rng := sh.ref(typeLogGroup, lgName)+".arn", dest.Expr.Range()
		var format string
		if withFormat {
			format = attribute("format", string(accessFormatTokens(kind).Bytes()))
		}
		edit = func(fe *fileEdits) {
			fe.replace(rng, ref)
			if format != "" {
				fe.addToBody(ab, format)
			}
		}
	}
	g.changes = append(g.changes, change{text: text, file: f.path, typ: in.Type, name: in.Name}, lgChange)
	return []func(){func() {
		fe := p.fileEdits(f)
		edit(fe)
		fe.addAfter(blk, lg)
		p.readBy(f.path, g.roots...)
	}}, nil
}

// emptyLiteral reports whether an expression is a literal null or "".
func emptyLiteral(e hclsyntax.Expression) bool {
	s, isNull, ok := literalString(e)
	return ok && (isNull || s == "")
}

// destinations are the members' configured destination_arn values.
func (p *planner) destinations(g *group) []cty.Value {
	var out []cty.Value
	for _, m := range g.members {
		blocks, _ := model.Blocks(p.instance(m).Value, "access_log_settings")
		if len(blocks) > 0 {
			out = append(out, model.Attr(blocks[0], "destination_arn"))
		}
	}
	return out
}

// formatKind is the access log format a stage kind gets.
func formatKind(kind string) string {
	switch kind {
	case apigateway.StageKindREST, apigateway.StageKindImplicit:
		return kindREST
	case apigateway.StageKindHTTP:
		return kindHTTP
	case apigateway.StageKindWebSocket:
		return kindWebSocket
	}
	return ""
}
