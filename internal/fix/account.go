package fix

import (
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"github.com/tfcomply/tfcomply/internal/paths"
)

// accountPlan is an aws_api_gateway_account and its role added to a root.
type accountPlan struct {
	root          string
	file          string // absolute
	account, role string
}

// planAccounts finds the roots that will have execution (or WebSocket
// route) logging and no account-level CloudWatch role, without which API
// Gateway writes no execution logs. With --add-account-role each gets an
// aws_api_gateway_account and its role, once; otherwise, where fix turns
// execution logging on, a note says so.
func (p *planner) planAccounts(groups []*group) {
	turnedOn := map[string]bool{}
	var rootFiles = map[string][]string{} // root -> files of its root module fix edits
	for _, g := range groups {
		if len(g.why) > 0 {
			continue
		}
		for _, m := range g.members {
			if g.execRoot {
				turnedOn[m.root] = true
			}
			if in := p.instance(m); in != nil && in.Module == "" {
				rootFiles[m.root] = append(rootFiles[m.root], in.Range.AbsFile)
			}
		}
	}
	var roots []string
	for name := range p.before.roots {
		roots = append(roots, name)
	}
	sort.Strings(roots)
	for _, name := range roots {
		ev := p.before.roots[name]
		if ev.hasRole || p.moduleAlone(name) {
			continue
		}
		on := turnedOn[name]
		for _, f := range ev.facts {
			if f.Execution.Known && f.Execution.Level != "OFF" {
				on = true
			}
		}
		if !on {
			continue
		}
		if accounts := ev.model.OfType(typeAccount); len(accounts) > 0 {
			a := accounts[0]
			p.notes = append(p.notes, fmt.Sprintf("root %s: %s (%s:%d) sets no cloudwatch_role_arn, so API Gateway writes no execution logs: set it to the ARN of a role with %s (tfcomply does not change an existing account)",
				name, a.Address, display(a), a.Range.Line, PushToCloudWatchLogs))
			continue
		}
		if !p.opts.AddAccountRole {
			if turnedOn[name] {
				p.notes = append(p.notes, fmt.Sprintf("root %s will have execution logging but no aws_api_gateway_account with a CloudWatch role, without which API Gateway writes no execution logs: run tfcomply fix --add-account-role to add them", name))
			}
			continue
		}
		file := p.accountFile(ev.dir, rootFiles[name])
		if file == "" {
			p.notes = append(p.notes, fmt.Sprintf("root %s has no .tf file tfcomply may add the aws_api_gateway_account to: add it by hand", name))
			continue
		}
		f, err := p.files.get(file)
		if err != nil {
			p.notes = append(p.notes, fmt.Sprintf("root %s: %v", name, err))
			continue
		}
		dir := filepath.Dir(file)
		acc := p.names.take(dir, typeAccount, "this")
		role := p.names.take(dir, typeRole, "apigateway_cloudwatch")
		fe := p.fileEdits(f)
		fe.atEnd = append(fe.atEnd, account(acc, role))
		p.readBy(file, name)
		p.accounts = append(p.accounts, accountPlan{root: name, file: file, account: acc, role: role})
	}
}

// moduleAlone reports whether a root is a called module evaluated alone
// (--all-dirs): the account belongs in the roots that call it.
func (p *planner) moduleAlone(root string) bool {
	for k, r := range p.before.results {
		if k.root == root && r.ModuleAlone {
			return true
		}
	}
	return false
}

// accountFile chooses the root module file the account goes in: the one
// of a stage fix changes there, main.tf, or the first .tf file.
func (p *planner) accountFile(dir string, edited []string) string {
	ok := func(abs string) bool {
		base := strings.TrimSuffix(filepath.Base(abs), ".tf")
		return !strings.HasSuffix(base, "_override") && base != "override" && p.tree.notEditable(paths.Display(abs), abs) == ""
	}
	for _, f := range edited {
		if ok(f) {
			return f
		}
	}
	abs, err := filepath.Abs(dir)
	if err != nil {
		return ""
	}
	if main := filepath.Join(abs, "main.tf"); fileExists(main) && ok(main) {
		return main
	}
	entries, _ := os.ReadDir(abs)
	for _, e := range entries {
		if f := filepath.Join(abs, e.Name()); strings.HasSuffix(e.Name(), ".tf") && !e.IsDir() && ok(f) {
			return f
		}
	}
	return ""
}

func fileExists(path string) bool {
	st, err := os.Stat(path)
	return err == nil && st.Mode().IsRegular()
}
