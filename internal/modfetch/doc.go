// Package modfetch finds the modules a Terraform configuration calls by a
// registry, git or archive source, as `terraform init` would install them:
// the copies terraform init installed (when they still match the
// configuration), then a per-user cache shared by every run and repository,
// then the network (never when offline).
//
// One file per concern: source.go parses source addresses (Terraform's
// "Module Sources"), version.go resolves version constraints, registry.go
// speaks the module registry protocol, git.go runs git, archive.go
// extracts archives safely, httpget.go makes bounded HTTP requests,
// cliconfig.go reads Terraform's CLI configuration (host and credentials
// blocks, TF_TOKEN_ variables), cache.go keeps fetched packages, and
// fetcher.go puts them in order. docs/modules.md is the user's view.
package modfetch
