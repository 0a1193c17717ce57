package compare

import (
	"html/template"
	"io"

	"github.com/agii/ovk/internal/compare/worddiff"
	"github.com/agii/ovk/internal/diag"
	"github.com/agii/ovk/internal/document"
)

// WriteHTML writes r as one self-contained HTML page (no scripts, no
// external resources) in the language of t; lang is its language tag
// ("nl", "en").
func WriteHTML(w io.Writer, r *Report, t diag.Translator, lang string) error {
	return htmlPage.Execute(w, struct {
		Lang string
		*document.Redline
	}{lang, Redline(r, t)})
}

var htmlPage = template.Must(template.New("diff.html").Funcs(template.FuncMap{
	"del": func(op worddiff.Op) bool { return op == worddiff.Delete },
	"ins": func(op worddiff.Op) bool { return op == worddiff.Insert },
}).Parse(`<!DOCTYPE html>
<html lang="{{.Lang}}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="generator" content="ovk">
<title>{{.Title}}</title>
<style>
body { font-family: "DejaVu Serif", Georgia, serif; max-width: 60rem; margin: 2rem auto; padding: 0 1rem; color: #111; line-height: 1.45; }
h1 { font-size: 1.5rem; margin-bottom: .2rem; }
h2 { font-size: 1.15rem; margin: 2rem 0 .4rem; border-bottom: 1px solid #bbb; }
.subtitle { margin-top: 0; font-weight: bold; }
dl.facts { display: grid; grid-template-columns: max-content 1fr; gap: .1rem 1rem; }
dl.facts dt { font-weight: bold; }
dl.facts dd { margin: 0; }
table { border-collapse: collapse; width: 100%; font-size: .92rem; }
th, td { border: 1px solid #bbb; padding: .25rem .5rem; text-align: left; vertical-align: top; }
th { background: #eee; }
td:nth-child(-n+2) { white-space: nowrap; }
ul.notes { margin: .3rem 0; padding-left: 1.2rem; }
.text { white-space: pre-wrap; background: #fafafa; border-left: 3px solid #ccc; padding: .5rem .8rem; }
del { color: #b00000; text-decoration: line-through; background: #fde8e8; }
ins { color: #006400; text-decoration: underline; background: #e6f6e6; }
del + ins { margin-left: .2em; }
.legend { font-size: .9rem; color: #444; }
footer { margin-top: 2rem; font-size: .85rem; color: #555; }
</style>
</head>
<body>
<h1>{{.Title}}</h1>
<p class="subtitle">{{.Subtitle}}</p>
<dl class="facts">{{range .Facts}}
<dt>{{.Label}}</dt><dd>{{.Value}}</dd>{{end}}
</dl>
<p class="legend">{{.Legend}}</p>
<h2>{{.Summary.Title}}</h2>
<table>
<thead><tr>{{range .Summary.Header}}<th>{{.}}</th>{{end}}</tr></thead>
<tbody>{{range .Summary.Rows}}
<tr>{{range .}}<td>{{.}}</td>{{end}}</tr>{{else}}
<tr><td colspan="{{len .Summary.Header}}">{{.Summary.Empty}}</td></tr>{{end}}
</tbody>
</table>
{{range .Sections}}
<section>
<h2>{{.Heading}}</h2>{{if .Notes}}
<ul class="notes">{{range .Notes}}
<li>{{.}}</li>{{end}}
</ul>{{end}}{{if .Text}}
<div class="text">{{range .Text}}{{if del .Op}}<del>{{.Text}}</del>{{else if ins .Op}}<ins>{{.Text}}</ins>{{else}}{{.Text}}{{end}}{{end}}</div>{{end}}
</section>
{{end}}
<footer>{{.Footer}}</footer>
</body>
</html>
`))
