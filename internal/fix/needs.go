package fix

import (
	"fmt"
	"strings"

	"github.com/tfcomply/tfcomply/internal/controls/apigateway"
	"github.com/tfcomply/tfcomply/internal/model"
	"github.com/tfcomply/tfcomply/internal/result"
	"github.com/zclconf/go-cty/cty"
)

// need is what one failing stage instance lacks, in the terms fix changes.
type need struct {
	access bool
	// exec: REST execution logging on */*. addSettings: no method
	// settings on */* is associated, so one is added; else relevel lists
	// the associated */* settings whose level is changed.
	exec        bool
	addSettings bool
	relevel     []string // method settings instance addresses
	// offPaths are method settings on narrower paths that set OFF, which
	// the strict profile fails.
	offPaths []string
	route    bool // WebSocket default route logging
}

// signature says what a need asks of the stage block itself, so that
// the instances of one block can be checked to need the same: one edit
// of the block changes them all.
func (n need) signature() string {
	var parts []string
	if n.access {
		parts = append(parts, "access")
	}
	if n.addSettings {
		parts = append(parts, "method-settings")
	}
	if n.route {
		parts = append(parts, "route")
	}
	return strings.Join(parts, " ")
}

// describe says in words what a need asks of the stage block.
func (n need) describe() string {
	var parts []string
	if n.access {
		parts = append(parts, "access logging")
	}
	if n.addSettings {
		parts = append(parts, "a method settings on */*")
	}
	if n.route {
		parts = append(parts, "route logging")
	}
	if len(parts) == 0 {
		return "nothing of the block"
	}
	return strings.Join(parts, ", ")
}

// needOf works out what a failing stage lacks under the profile fix works
// for, or why fix cannot make it pass: a REST stage without a deployment,
// a deployment's implicit stage, an aspect that cannot be decided.
func (p *planner) needOf(k stageKey) (need, []string) {
	var n need
	r := p.before.results[k]
	ev := p.before.roots[k.root]
	if r == nil || ev == nil || ev.model.Lookup(k.addr) == nil {
		return n, []string{"the stage is not in the evaluated configuration"}
	}
	inst := ev.model.Lookup(k.addr)
	facts := ev.facts[k.addr]
	at := r.File + ":" + fmt.Sprint(r.Line)
	switch facts.Kind {
	case apigateway.StageKindImplicit:
		return n, []string{fmt.Sprintf("this stage is made by the stage_name of %s (%s), and such a stage cannot carry access logs (AWS provider v6 has no stage_name on deployments at all): declare an aws_api_gateway_stage for it; moving a stage out of a deployment replaces the stage, so that is done by hand", k.addr, at)}
	case apigateway.StageKindREST:
		if why := noDeployment(inst, at); why != "" {
			return n, []string{why}
		}
	}
	required := []string{"access"}
	if p.strict {
		switch facts.Kind {
		case apigateway.StageKindREST:
			required = []string{"execution", "access"}
		case apigateway.StageKindWebSocket:
			required = []string{"access", "route"}
		}
	}
	var why []string
	for _, name := range required {
		a, ok := r.Aspects[name]
		switch {
		case !ok || a.Status == result.StatusPass || a.Status == result.StatusNotApplicable:
		case a.Status == result.StatusUnknown:
			why = append(why, fmt.Sprintf("%s logging cannot be decided from this input: %s", name, a.Reason))
		case name == "access":
			n.access = true
		case name == "execution":
			n.exec = true
		case name == "route":
			n.route = true
		}
	}
	if len(why) > 0 {
		return n, why
	}
	if facts.Kind == apigateway.StageKindREST {
		p.readMethodSettings(&n, ev.links[k.addr])
	}
	return n, nil
}

// readMethodSettings decides how execution logging is turned on: by the
// */* settings already associated, or a new one; and, under the strict
// profile, which narrower paths at OFF to turn on.
func (p *planner) readMethodSettings(n *need, links []apigateway.MethodSettingsLink) {
	for _, l := range links {
		if !l.Certain {
			continue
		}
		path, pathKnown, _ := model.String(l.Path)
		level, levelKnown, levelSet := model.String(l.Level)
		switch {
		case !pathKnown:
		case path == "*/*" && n.exec:
			n.relevel = append(n.relevel, l.Address)
		case path != "*/*" && p.strict && levelKnown && levelSet && level == "OFF":
			n.offPaths = append(n.offPaths, l.Address)
		}
	}
	n.addSettings = n.exec && len(n.relevel) == 0
}

// noDeployment says why a REST stage fails for lack of a deployment, and
// that fix does not invent one, or "".
func noDeployment(inst *model.Instance, at string) string {
	v := model.Attr(inst.Value, "deployment_id")
	id, known, ok := model.String(v)
	if !known || (ok && id != "") {
		return ""
	}
	why := fmt.Sprintf("deployment_id is not set on %s (%s)", inst.Address, at)
	if ok {
		why = fmt.Sprintf("deployment_id is empty on %s (%s)", inst.Address, at)
	}
	why += ": a REST stage must reference a deployment, and tfcomply never invents one: set deployment_id = aws_api_gateway_deployment.<name>.id"
	if ss := settingsOf([]cty.Value{v}); len(ss) > 0 {
		why += "; it comes from " + decidedBy(ss, "the id of the stage's deployment")
	}
	return why
}
