package apigateway

import (
	"fmt"
	"strings"

	"github.com/tfcomply/tfcomply/internal/controls"
	"github.com/tfcomply/tfcomply/internal/model"
	"github.com/tfcomply/tfcomply/internal/parallel"
	"github.com/tfcomply/tfcomply/internal/result"
	"github.com/zclconf/go-cty/cty"
)

// rootFacts are the root-wide facts the advisories need, gathered once.
type rootFacts struct {
	root          *model.Root
	hasRole       bool                                  // an aws_api_gateway_account sets cloudwatch_role_arn
	logGroupNames map[string][]*model.Instance          // by known name
	byID          map[string]map[string]*model.Instance // deployments and v2 APIs by type and known id
}

func newRootFacts(root *model.Root) *rootFacts {
	f := &rootFacts{root: root, logGroupNames: map[string][]*model.Instance{}, byID: map[string]map[string]*model.Instance{}}
	for _, typ := range []string{typeDeployment, typeV2API} {
		f.byID[typ] = map[string]*model.Instance{}
		for _, in := range root.OfType(typ) {
			if id, known, ok := model.String(model.Attr(in.Value, "id")); known && ok && id != "" {
				f.byID[typ][id] = in
			}
		}
	}
	for _, in := range root.OfType(typeAccount) {
		if roleConfigured(model.Attr(in.Value, "cloudwatch_role_arn"), in.Address) {
			f.hasRole = true
		}
	}
	for _, in := range root.OfType(typeLogGroup) {
		if n, known, ok := model.String(model.Attr(in.Value, "name")); known && ok {
			f.logGroupNames[n] = append(f.logGroupNames[n], in)
		}
	}
	return f
}

// roleConfigured reports whether an account's cloudwatch_role_arn is set by
// the configuration: a non-empty value, or an unknown that comes from
// somewhere (a role's arn, a variable). An unknown that only the account
// itself explains is the provider reading the current setting (a plan), and
// an empty string is no role (a state).
func roleConfigured(v cty.Value, self string) bool {
	s, known, ok := model.String(v)
	if known {
		return ok && s != ""
	}
	for _, o := range model.Origins(v) {
		if o.Addr != self || o.Reason != "" {
			return true
		}
	}
	return false
}

func advisory(name string, s *subject, root *model.Root, msg, fix string) result.Result {
	c := controls.StageLogging
	r := base(c, root, s.inst)
	r.Control, r.Severity, r.Kind, r.Verdict = c.AdvisoryID(name), "low", result.KindAdvisory, result.Fail
	for _, a := range c.Advisories {
		if a.Name == name {
			r.Title = a.Title
		}
	}
	r.Profile, r.Message, r.Remediation = controls.ProfileDefault, msg, fix
	return r
}

// advisories reports the pitfalls of one stage.
func advisories(s *subject, d *decision, f *rootFacts) []result.Result {
	var out []result.Result
	root := f.root
	if (d.exec.configured || d.rt.configured) && !f.hasRole {
		out = append(out, advisory("cloudwatch_role", s, root,
			"execution logging is configured but this root has no aws_api_gateway_account with cloudwatch_role_arn: without the account-level role, API Gateway writes no execution logs (the plan still succeeds)",
			accountSnippet))
	}
	if msg := destinationOrder(s, d, f); msg != "" {
		out = append(out, advisory("log_destination_order", s, root, msg,
			"create the log group in this configuration and set destination_arn = aws_cloudwatch_log_group.<name>.arn, or add it to the stage's depends_on"))
	}
	if s.kind != v2Stage {
		if dep := deploymentOf(s, f); dep != nil && !hasTriggers(dep) {
			out = append(out, advisory("redeployment_trigger", s, root,
				fmt.Sprintf("%s has no triggers: changes to the API may not be redeployed, and the console shows a stale configuration", dep.Address),
				"triggers = { redeployment = sha1(jsonencode([...the resources of the API...])) } with lifecycle { create_before_destroy = true }"))
		}
	}
	return out
}

// hasTriggers reports whether a deployment sets a non-empty triggers map
// (an unknown one counts: it will have values).
func hasTriggers(dep *model.Instance) bool {
	v, _ := model.Attr(dep.Value, "triggers").UnmarkDeep()
	switch {
	case !v.IsKnown():
		return true
	case v.IsNull():
		return false
	case v.CanIterateElements():
		return v.LengthInt() > 0
	}
	return true
}

// deploymentOf finds the deployment a REST stage uses (the deployment itself
// for an implicit stage).
func deploymentOf(s *subject, f *rootFacts) *model.Instance {
	if s.kind == implicitStage {
		return s.inst
	}
	id := model.Attr(s.inst.Value, "deployment_id")
	for _, o := range model.Origins(id) {
		if o.Type() == typeDeployment && o.Attr == "id" {
			return f.root.Lookup(o.Addr)
		}
	}
	return f.withID(typeDeployment, id)
}

// withID finds the instance of a type (a deployment or a v2 API) whose
// known id equals v: in a state every id is known and nothing records
// references.
func (f *rootFacts) withID(typ string, v cty.Value) *model.Instance {
	id, known, ok := model.String(v)
	if !known || !ok || id == "" {
		return nil
	}
	return f.byID[typ][id]
}

// destinationOrder explains why the log group may not exist when the stage
// is applied, or returns "".
func destinationOrder(s *subject, d *decision, f *rootFacts) string {
	acc := d.acc
	if acc.dest == cty.NilVal || acc.firehose || acc.logGroup != "" || acc.aspect.Status == result.StatusFail {
		return ""
	}
	if acc.logGroupNm == "" {
		return "the access log destination comes from a value this configuration does not create (a variable or data source): make sure the log group exists before the stage is applied"
	}
	groups := f.logGroupNames[acc.logGroupNm]
	if len(groups) == 0 {
		return fmt.Sprintf("log group %q is not created in this configuration: the stage update fails with an opaque error if it does not exist at apply time", acc.logGroupNm)
	}
	for _, g := range groups {
		group := model.WithoutKeys(g.Address)
		for _, dep := range s.inst.DependsOn {
			// depends_on names a resource, or a module that holds it.
			dep = model.WithoutKeys(dep)
			if dep == group || strings.HasPrefix(group, dep+".") {
				return ""
			}
		}
	}
	return fmt.Sprintf("log group %q is created here (%s) but the stage neither references its arn nor depends_on it: Terraform may update the stage first, and the update fails", acc.logGroupNm, groups[0].Address)
}

// wrongAPIType reports method settings that point at an HTTP/WebSocket API
// or stage, where they never apply.
func wrongAPIType(ix *settingsIndex, f *rootFacts) []result.Result {
	root := f.root
	// Each method settings on its own, on every core; in order after.
	found := make([]*result.Result, len(ix.all))
	parallel.For(len(ix.all), func(i int) {
		ms := ix.all[i]
		var v2 []string
		stage := ""
		for _, o := range append(model.Origins(ms.restAPI), model.Origins(ms.stageName)...) {
			if o.Type() == typeV2API || o.Type() == typeV2Stage {
				v2 = append(v2, o.Addr+"."+o.Attr)
			}
			if o.Type() == typeV2Stage {
				stage = o.Addr
			}
		}
		if api := f.withID(typeV2API, ms.restAPI); api != nil && len(v2) == 0 {
			v2 = append(v2, api.Address+".id")
		}
		if len(v2) == 0 {
			return
		}
		s := &subject{inst: ms.inst}
		r := advisory("wrong_api_type", s, root,
			fmt.Sprintf("%s refers to an HTTP/WebSocket API (%s): method settings apply only to REST APIs, so this enables no logging", ms.inst.Address, strings.Join(dedupe(v2), ", ")),
			"for HTTP and WebSocket stages use access_log_settings (and default_route_settings on WebSocket APIs) on the aws_apigatewayv2_stage")
		r.Subject = stage
		found[i] = &r
	})
	var out []result.Result
	for _, r := range found {
		if r != nil {
			out = append(out, *r)
		}
	}
	return out
}

func dedupe(in []string) []string {
	seen := map[string]bool{}
	var out []string
	for _, s := range in {
		if !seen[s] {
			seen[s] = true
			out = append(out, s)
		}
	}
	return out
}
