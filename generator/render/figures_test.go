package render

import (
	"strings"
	"testing"
)

func TestWriteFigures(t *testing.T) {
	figures := map[string]string{"chaser.after": "7 days", "business-hours": "08:00 to 18:00"}
	hints := map[string]string{"wait": "chaser.after"}
	for _, c := range []struct {
		in, want, problems string
	}{
		{in: "Wait {{< rule chaser.after >}}, then call ({{< rule \"business-hours\" >}}).", want: "Wait 7 days, then call (08:00 to 18:00)."},
		{in: "No figures, a { brace and {{ two.", want: "No figures, a { brace and {{ two."},
		{in: "Wait {{< rule chaser.within >}}.", want: "Wait .", problems: `{{< rule chaser.within >}}: unknown timing figure "chaser.within"; use one of: business-hours, chaser.after`},
		{in: "Wait {wait}.", want: "Wait {wait}.", problems: "{wait}: placeholder {wait} is not filled in; write {{< rule chaser.after >}}"},
		{in: "Call {day}.", want: "Call {day}.", problems: "{day}: placeholder {day} is not filled in; guidance takes its timing figures as {{< rule KEY >}}"},
		{in: "Wait {{< rule chaser.after\n>}}", want: "Wait {{< rule chaser.after\n>}}", problems: "{{< rule chaser.after: shortcode opened with {{< is not closed on the same line; close it with >}}"},
		{in: "{{< rule >}}{{< ref x >}}", want: "", problems: "{{< rule >}}: the rule shortcode takes one key; write it as {{< rule thank-you.within >}}\n" +
			`{{< ref x >}}: unknown shortcode "ref"; the one shortcode is {{< rule KEY >}}`},
	} {
		got, probs := WriteFigures(c.in, figures, hints)
		var ps []string
		for _, p := range probs {
			ps = append(ps, p.Text+": "+p.Msg+"; "+p.Hint)
		}
		if got != c.want || strings.Join(ps, "\n") != c.problems {
			t.Errorf("WriteFigures(%q) = %q,\n%s\nwant %q,\n%s", c.in, got, strings.Join(ps, "\n"), c.want, c.problems)
		}
	}
}
