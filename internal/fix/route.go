package fix

import (
	"fmt"

	"github.com/hashicorp/hcl/v2/hclsyntax"
	"github.com/tfcomply/tfcomply/internal/model"
	"github.com/zclconf/go-cty/cty"
)

// planRoute plans a WebSocket stage's default route logging (the strict
// profile): the level set in default_route_settings, or a new block with
// the level and explicit throttling (see routeSettings).
func (p *planner) planRoute(g *group, f *sourceFile, blk *hclsyntax.Block) ([]func(), []string) {
	in := p.instance(g.members[0])
	disp, addr := display(in), localAddr(in)
	level := p.opts.ExecutionLevel
	readBy := func() { p.readBy(f.path, g.roots...) }
	if a := blk.Body.Attributes["default_route_settings"]; a != nil {
		return nil, []string{fmt.Sprintf("default_route_settings of %s is set as an argument (%s): set logging_level = %q in it by hand", addr, where(disp, a.SrcRange), level)}
	}
	if ignoresChanges(blk, "default_route_settings") {
		return nil, []string{fmt.Sprintf("the lifecycle ignore_changes of %s (%s) covers default_route_settings, so a change to it would never be applied", addr, where(disp, blk.DefRange()))}
	}
	var levels, blocksVals []cty.Value
	for _, m := range g.members {
		v := model.Attr(p.instance(m).Value, "default_route_settings")
		blocksVals = append(blocksVals, v)
		if blocks, _ := model.Blocks(p.instance(m).Value, "default_route_settings"); len(blocks) > 0 && !loggingOn(model.Attr(blocks[0], "logging_level")) {
			levels = append(levels, model.Attr(blocks[0], "logging_level"))
		}
	}
	static, dynamic := nested(blk.Body, "default_route_settings")
	if len(dynamic) > 0 {
		w := fmt.Sprintf("default_route_settings of %s comes from a dynamic block (%s)", addr, where(disp, dynamic[0].DefRange()))
		if ss := settingsOf(append(blocksVals, levels...)); len(ss) > 0 {
			w += " decided by " + decidedBy(ss, quoted(level))
		} else {
			w += fmt.Sprintf(": make it set logging_level = %q for this stage", level)
		}
		return nil, []string{w}
	}
	if len(static) == 0 {
		snippet := routeSettings(level)
		g.changes = append(g.changes, change{text: fmt.Sprintf("default_route_settings added to %s ({at}): logging_level = %q, and throttling at API Gateway's account defaults (left out, the provider would set 0 and reject every request)", addr, level),
			file: f.path, typ: in.Type, name: in.Name})
		return []func(){func() { p.fileEdits(f).addToBody(blk, snippet); readBy() }}, nil
	}
	rb := static[0]
	a := rb.Body.Attributes["logging_level"]
	if a == nil {
		snippet := attribute("logging_level", quoted(level))
		g.changes = append(g.changes, change{text: fmt.Sprintf("logging_level = %q added to the default_route_settings of %s ({at})", level, addr), file: f.path, typ: in.Type, name: in.Name})
		return []func(){func() { p.fileEdits(f).addToBody(rb, snippet); readBy() }}, nil
	}
	ops, changes, why := p.setLiteral(f, a, levels, level, "default_route_settings.logging_level of "+addr, in, readBy)
	g.changes = append(g.changes, changes...)
	return ops, why
}
