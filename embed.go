// Package playbook holds the default Follow-Up Playbook site: the repository root is that
// site, and it is built into the binary so `playbook` works with no site on disk.
package playbook

import "embed"

// DefaultSite is the built-in site: site.toml, content/, layouts/ and static/. A site on
// disk falls back on its layouts and static files for any it leaves out.
//
//go:embed site.toml all:content layouts static
var DefaultSite embed.FS
