package render

import (
	"github.com/followup-playbook/playbook/generator/load/rules"
	"github.com/followup-playbook/playbook/generator/load/rules/holidays"
)

// Region is one choice of the pages' "Public holidays of" select.
type Region struct {
	Code, Name string
}

// RegionChoices are the select's options for r, written into the page so that it needs no
// script to show them and none of the rules to start: "None" first on a site without a
// region of its own (the engine reads "" as the site's region), then each region offered.
func RegionChoices(r *rules.Rules) []Region {
	var out []Region
	if r.Policy.Region == "" {
		out = append(out, Region{"", "None"})
	}
	for _, c := range r.Regions() {
		out = append(out, Region{c, holidays.Name(c)})
	}
	return out
}
