// Package playbook holds the default Follow-Up Playbook site: the repository root is that
// site, and it is built into the binary so `playbook` works with no site on disk.
package playbook

import "embed"

// DefaultSite is the built-in site: site.toml, content/, layouts/ and static/. A site on
// disk falls back on its layouts and static files for any it leaves out. content/ and
// static/ are embedded with all: so that files whose names start with _ or . (the
// _headers hosts read) are not left out, as go:embed otherwise does.
//
//go:embed site.toml all:content layouts all:static
var DefaultSite embed.FS
