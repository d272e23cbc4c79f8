package controls

// FrameworkInfo describes a compliance framework and the requirements of it
// that tfcomply's controls map to.
type FrameworkInfo struct {
	ID           string        `json:"id"`
	Name         string        `json:"name"`
	Profile      string        `json:"profile"` // the profile its requirements are evaluated under
	Requirements []Requirement `json:"requirements"`
}

// Requirement is one requirement of a framework.
type Requirement struct {
	ID       string   `json:"id"`
	Title    string   `json:"title"`
	Controls []string `json:"controls"`
}

// Frameworks is the framework catalog. PCI DSS asks for both kinds of API
// Gateway logging, so it is evaluated under the strict profile.
var Frameworks = []FrameworkInfo{
	{ID: "soc2", Name: "SOC 2", Profile: ProfileDefault, Requirements: []Requirement{
		{ID: "CC7.2", Title: "The entity monitors system components for anomalies", Controls: []string{"apigateway_stage_logging_enabled"}},
	}},
	{ID: "pci-dss-v4", Name: "PCI DSS v4.0", Profile: ProfileStrict, Requirements: []Requirement{
		{ID: "10.2", Title: "Audit logs are implemented to support the detection of anomalies and suspicious activity", Controls: []string{"apigateway_stage_logging_enabled"}},
	}},
	{ID: "hipaa", Name: "HIPAA Omnibus Rule 2013", Profile: ProfileDefault, Requirements: []Requirement{
		{ID: "45 CFR 164.312(b)", Title: "Audit controls", Controls: []string{"apigateway_stage_logging_enabled"}},
	}},
	{ID: "nist-800-53-r5", Name: "NIST SP 800-53 Rev 5", Profile: ProfileDefault, Requirements: []Requirement{
		{ID: "AU-2", Title: "Event logging", Controls: []string{"apigateway_stage_logging_enabled"}},
		{ID: "AU-3", Title: "Content of audit records", Controls: []string{"apigateway_stage_logging_enabled"}},
		{ID: "AU-12", Title: "Audit record generation", Controls: []string{"apigateway_stage_logging_enabled"}},
	}},
	{ID: "nist-csf-2", Name: "NIST CSF v2.0", Profile: ProfileDefault, Requirements: []Requirement{
		{ID: "DE.CM", Title: "Continuous monitoring", Controls: []string{"apigateway_stage_logging_enabled"}},
	}},
	{ID: "fedramp-moderate", Name: "FedRAMP Moderate (Rev 4)", Profile: ProfileDefault, Requirements: []Requirement{
		{ID: "AU-2", Title: "Audit events", Controls: []string{"apigateway_stage_logging_enabled"}},
		{ID: "AU-3", Title: "Content of audit records", Controls: []string{"apigateway_stage_logging_enabled"}},
	}},
}

// Framework looks a framework up by id.
func Framework(id string) (FrameworkInfo, bool) {
	for _, f := range Frameworks {
		if f.ID == id {
			return f, true
		}
	}
	return FrameworkInfo{}, false
}

// FrameworkIDs lists the known framework ids, for messages.
func FrameworkIDs() []string {
	ids := make([]string, len(Frameworks))
	for i, f := range Frameworks {
		ids[i] = f.ID
	}
	return ids
}
