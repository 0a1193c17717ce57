package pdf

import (
	"strings"

	"github.com/agii/ovk/internal/document"
)

// LaidLine is one line of text as the layout places it, for the tests of
// package pdf_test, which draft real agreements (package draft imports
// this package, so those tests cannot live in it).
type LaidLine struct {
	Page  int     // 1-based
	Elem  int     // the unit of pagination it belongs to
	Label string  // the label drawn before it on the same line ("1°", "–")
	Text  string  // what is drawn
	X     float64 // left edge, mm
	Bold  bool
	Align byte
	// Gap is, for a justified line, the width of its spaces as a multiple
	// of a normal space; 0 for other lines.
	Gap float64
}

// LayOut lays doc out and paginates it, and returns its lines in order.
// It uses only what the layout has had since before hyphenation, so that
// the same measurement runs on older versions (see BenchmarkTypography).
func LayOut(doc *document.Document) []LaidLine {
	l := layout{m: mustMetrics()}
	l.build(doc)
	l.paginate()
	var out []LaidLine
	for pi, page := range l.pages {
		for _, p := range page {
			ops := l.ops[l.elems[p.elem].ops[0]:l.elems[p.elem].ops[1]]
			label := ""
			if len(ops) == 2 && !ops[0].rule && !ops[1].rule && ops[0].dy == ops[1].dy && ops[0].x < ops[1].x {
				label, ops = ops[0].text, ops[1:]
			}
			for _, o := range ops {
				if o.rule {
					continue
				}
				ll := LaidLine{Page: pi + 1, Elem: p.elem, Label: label, Text: o.text, X: o.x, Bold: o.st.face == bold, Align: o.align}
				if n := strings.Count(o.text, " "); o.align == 'J' && n > 0 {
					toUnits := 1000 * ptPerMM / o.st.size
					space := float64(l.m[o.st.face].advance(' '))
					slack := o.w*toUnits - float64(l.width(o.st.face, o.text))
					ll.Gap = (slack/float64(n) + space) / space
				}
				out = append(out, ll)
			}
		}
	}
	return out
}
