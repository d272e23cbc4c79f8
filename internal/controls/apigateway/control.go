package apigateway

import (
	"strings"

	"github.com/tfcomply/tfcomply/internal/controls"
	"github.com/tfcomply/tfcomply/internal/model"
	"github.com/tfcomply/tfcomply/internal/parallel"
	"github.com/tfcomply/tfcomply/internal/result"
	"github.com/zclconf/go-cty/cty"
)

// Aspect names, as results report them.
const (
	aspectExecution = "execution"
	aspectAccess    = "access"
	aspectRoute     = "route"
)

// Evaluate decides the control for every stage of a root under a profile,
// and reports the advisories that apply.
func Evaluate(root *model.Root, profile string) []result.Result {
	subs := subjects(root)
	addrs := make(map[string]bool, len(subs))
	for _, s := range subs {
		addrs[s.inst.Address] = true
	}
	ix := indexSettings(root, addrs)
	env := newRootFacts(root)
	// Stages are decided independently (everything they read is built
	// above and only read), so on every core; the order stays the same.
	per := make([][]result.Result, len(subs))
	parallel.For(len(subs), func(i int) {
		s := subs[i]
		d := decide(s, env, ix, profile)
		per[i] = append([]result.Result{d.result(s, env, profile)}, advisories(s, d, env)...)
	})
	wrong := wrongAPIType(ix, env)
	n := len(wrong)
	for _, rs := range per {
		n += len(rs)
	}
	out := make([]result.Result, 0, n)
	for _, rs := range per {
		out = append(out, rs...)
	}
	return append(out, wrong...)
}

// decision is everything known about one stage.
type decision struct {
	verdict   result.Verdict            // under the chosen profile
	byProfile map[string]result.Verdict // under each profile
	aspects   map[string]result.Aspect
	notes     []string
	message   string
	exec      executionResult
	acc       accessResult
	rt        routeResult
	proto     protocol
	noDeploy  string // why the REST stage has no deployment, if it has none
}

func decide(s *subject, f *rootFacts, ix *settingsIndex, profile string) *decision {
	root := f.root
	d := &decision{aspects: map[string]result.Aspect{}}
	d.acc = access(s, root)
	d.aspects[aspectAccess] = d.acc.aspect
	d.notes = append(d.notes, d.acc.notes...)
	var required, anyOf []string // aspects that must pass (strict) / of which one must pass (default)
	switch s.kind {
	case restStage, implicitStage:
		d.exec = execution(s, ix)
		d.aspects[aspectExecution] = d.exec.aspect
		d.aspects[aspectRoute] = result.Aspect{Status: result.StatusNotApplicable, Reason: "route logging exists only for WebSocket APIs"}
		d.notes = append(d.notes, d.exec.notes...)
		required, anyOf = []string{aspectExecution, aspectAccess}, []string{aspectExecution, aspectAccess}
		if s.kind == restStage {
			d.noDeploy = missingDeployment(s)
		}
	case v2Stage:
		var why string
		d.proto, why = v2Protocol(s, f)
		d.rt = route(s, d.proto, why)
		d.aspects[aspectRoute] = d.rt.aspect
		d.notes = append(d.notes, d.rt.notes...)
		d.aspects[aspectExecution] = result.Aspect{Status: result.StatusNotApplicable, Reason: "HTTP and WebSocket APIs have no method settings; their execution logs are route logs"}
		switch d.proto {
		case protoHTTP:
			required, anyOf = []string{aspectAccess}, []string{aspectAccess}
		case protoWebSocket:
			required, anyOf = []string{aspectAccess, aspectRoute}, []string{aspectAccess, aspectRoute}
		default:
			// Unknown protocol: access logging decides for either kind; route
			// logging could only count on a WebSocket API, and route()
			// already reports it as UNKNOWN when it is configured.
			required, anyOf = []string{aspectAccess}, []string{aspectAccess, aspectRoute}
		}
	}
	// The aspects do not depend on the profile; only the verdict does, and
	// both are decided here so every framework's verdict comes from one pass.
	strict := allPass(d.aspects, required)
	if strict == result.Pass && d.exec.pathOff {
		strict = result.Fail
	}
	lenient := anyPass(d.aspects, anyOf)
	if d.noDeploy != "" {
		strict, lenient = result.Fail, result.Fail
	}
	d.byProfile = map[string]result.Verdict{controls.ProfileDefault: lenient, controls.ProfileStrict: strict}
	d.verdict = d.byProfile[profile]
	if profile == controls.ProfileStrict && d.exec.pathOff && d.noDeploy == "" {
		d.notes = append(d.notes, "strict profile: a method path with logging_level OFF fails the stage")
	}
	d.message = d.summary(s, profile)
	return d
}

func anyPass(aspects map[string]result.Aspect, names []string) result.Verdict {
	v := result.Fail
	for _, n := range names {
		switch aspects[n].Status {
		case result.StatusPass:
			return result.Pass
		case result.StatusUnknown:
			v = result.Unknown
		}
	}
	return v
}

func allPass(aspects map[string]result.Aspect, names []string) result.Verdict {
	v := result.Pass
	for _, n := range names {
		switch aspects[n].Status {
		case result.StatusFail:
			return result.Fail
		case result.StatusUnknown:
			v = result.Unknown
		}
	}
	return v
}

// missingDeployment says why a REST stage has no deployment, or "".
func missingDeployment(s *subject) string {
	id, known, ok := model.String(model.Attr(s.inst.Value, "deployment_id"))
	switch {
	case !known:
		return ""
	case !ok:
		return "deployment_id is not set: a REST stage must reference a deployment"
	case id == "":
		return "deployment_id is empty: a REST stage must reference a deployment"
	}
	return ""
}

var kindNames = map[subjectKind]string{restStage: "REST stage", implicitStage: "REST stage (created by a deployment)", v2Stage: "HTTP/WebSocket stage"}

func (d *decision) summary(s *subject, profile string) string {
	kind := kindNames[s.kind]
	switch {
	case d.noDeploy != "":
		return kind + " fails: " + d.noDeploy
	case d.verdict == result.Pass && profile == controls.ProfileStrict:
		return kind + " has every kind of logging that applies to it"
	case d.verdict == result.Pass:
		return kind + " has logging enabled"
	case d.verdict == result.Unknown:
		return kind + ": whether logging is enabled cannot be decided from this input: " + d.firstUnknown()
	case profile == controls.ProfileStrict:
		return kind + " lacks a kind of logging the strict profile requires"
	}
	return kind + " has no logging enabled"
}

func (d *decision) result(s *subject, f *rootFacts, profile string) result.Result {
	c := controls.StageLogging
	r := base(c, f.root, s.inst)
	r.Control, r.Title, r.Severity, r.Kind = c.ID, c.Title, c.Severity, result.KindControl
	r.Verdict, r.Profile, r.Aspects, r.Message, r.Notes = d.verdict, profile, d.aspects, d.message, d.notes
	r.ProfileVerdicts = d.byProfile
	if d.noDeploy != "" {
		r.Notes = append([]string{d.noDeploy}, r.Notes...)
	}
	if note := unknownKeysNote(s.inst, d.verdict); note != "" {
		r.Notes = append(r.Notes, note)
	}
	if d.verdict != result.Pass {
		r.Remediation = remediation(s, d, f)
	}
	return r
}

// unknownKeysNote explains a result on the placeholder that stands for the
// instances of a stage whose count or for_each is unknown. A decided
// verdict holds for every instance: it was reached without knowing
// each.key, each.value or count.index, which are unknown here.
func unknownKeysNote(in *model.Instance, v result.Verdict) string {
	if in.Key == cty.NilVal || in.Key.IsKnown() {
		return ""
	}
	// The key carries the generic "cannot be known before apply" and the
	// reasons of the count/for_each value itself: name the cause.
	why := "its count or for_each is not known"
	for _, r := range model.UnknownReasons(in.Key) {
		why = r
		if !strings.Contains(r, "cannot be known before apply") {
			break
		}
	}
	if v == result.Unknown {
		return "the instances of this stage cannot be enumerated: " + why
	}
	return "the instances of this stage cannot be enumerated (" + why + "), but its logging settings do not depend on which instance it is: every instance is " + string(v)
}

// base fills the fields every result of a subject shares.
//
// The control's frameworks and references are shared by all its results,
// which only read them (a copy each was 1 KB per stage): the slice is
// clipped, so that appending to it copies.
func base(c *controls.Control, root *model.Root, in *model.Instance) result.Result {
	return result.Result{
		Root: root.Dir, Address: in.Address, Type: in.Type,
		File: in.Range.File, Line: in.Range.Line, EndLine: in.Range.EndLine, AbsFile: in.Range.AbsFile,
		Frameworks: c.Frameworks[:len(c.Frameworks):len(c.Frameworks)], References: c.References,
	}
}

// firstUnknown is the reason of the first UNKNOWN aspect, in report order.
func (d *decision) firstUnknown() string {
	for _, name := range []string{aspectExecution, aspectAccess, aspectRoute} {
		if a := d.aspects[name]; a.Status == result.StatusUnknown {
			return a.Reason
		}
	}
	return "see the aspects"
}
