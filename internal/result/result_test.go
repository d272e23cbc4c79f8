package result

import "testing"

func TestVerdictUnder(t *testing.T) {
	r := Result{Verdict: Pass, FrameworkVerdicts: map[string]Verdict{"soc2": Pass, "pci-dss-v4": Fail, "hipaa": Unknown}}
	for _, c := range []struct {
		frameworks []string
		want       Verdict
	}{
		{nil, Pass},                             // the profile's verdict
		{[]string{"soc2"}, Pass},                // every chosen framework passes
		{[]string{"soc2", "hipaa"}, Unknown},    // one unknown, none failing
		{[]string{"hipaa", "pci-dss-v4"}, Fail}, // any failing fails
	} {
		if got := r.VerdictUnder(c.frameworks); got != c.want {
			t.Errorf("VerdictUnder(%v) = %q, want %q", c.frameworks, got, c.want)
		}
	}
	advisory := Result{Kind: KindAdvisory, Verdict: Fail}
	if got := advisory.VerdictUnder([]string{"soc2"}); got != Fail {
		t.Errorf("an advisory under chosen frameworks: %q, want its own FAIL", got)
	}
}
