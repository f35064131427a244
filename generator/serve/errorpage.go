package serve

import (
	"bytes"
	"html/template"

	"github.com/followup-playbook/playbook/generator/diag"
)

// errorTemplate is the page shown while the last build failed. html/template escapes the
// messages and source lines, which are the site owner's text. It is parsed per failure
// rather than held in a package variable: a failure is rare and the parse takes
// microseconds. Its style is inline: the page is the server's own, not the site's, so no
// site Content-Security-Policy applies to it.
const errorTemplate = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>The site did not build · playbook serve</title>
<style>
body { font: 16px/1.5 system-ui, sans-serif; margin: 2rem auto; max-width: 60rem; padding: 0 1rem; color: #1d1d1f; background: #fff; }
h1 { color: #b3261e; font-size: 1.5rem; }
ol { padding: 0; list-style: none; }
li { border-left: 4px solid #b3261e; padding: .25rem 1rem; margin: 1rem 0; background: #fdf3f2; }
.pos { font-family: ui-monospace, monospace; font-weight: bold; }
.hint { color: #444; }
pre { background: #fff; border: 1px solid #ddd; padding: .5rem; overflow-x: auto; }
</style>
</head>
<body>
<main>
<h1>The site did not build</h1>
<p>{{len .Errors}} problem(s). The fix shows here by itself: save the file and this page reloads.</p>
<ol>
{{- range .Errors}}
<li>{{with .Pos}}<p class="pos">{{.}}</p>{{end}}
<p class="msg">{{.Msg}}</p>
{{- with .Hint}}<p class="hint">{{.}}</p>{{end}}
{{- with .Source}}<pre><code>{{.}}</code></pre>{{end}}
</li>
{{- end}}
</ol>
</main>
<script src="{{.Script}}" defer></script>
</body>
</html>
`

// problem is one error as the page shows it.
type problem struct {
	Pos, Msg, Hint, Source string
}

// errorPage renders every problem in err, in the terminal report's order, with its position and offending line, and the
// reload script so the page goes back to the site once a build succeeds.
func errorPage(id string, err error) []byte {
	var ps []problem
	for _, e := range diag.Problems(err) {
		p := problem{Msg: e.Msg, Hint: e.Hint}
		if e.Path != "" {
			p.Pos = e.Pos()
		}
		if src, caret := e.Excerpt(); caret != "" {
			p.Source = src + "\n" + caret
		} else {
			p.Source = src
		}
		ps = append(ps, p)
	}
	data := struct {
		Errors []problem
		Script string
	}{ps, scriptPath + "?v=" + id}
	var b bytes.Buffer
	t, err := template.New("error").Parse(errorTemplate)
	if err == nil {
		err = t.Execute(&b, data)
	}
	if err != nil {
		// Only a mistake in errorTemplate itself gets here (its test renders it); still,
		// the page must say something and the server must not stop.
		return []byte(`<!doctype html><title>The site did not build</title><p>The site did not build; the terminal lists the problems.` +
			`<script src="` + data.Script + `" defer></script>`)
	}
	return b.Bytes()
}
