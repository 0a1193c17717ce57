package pdf

import (
	"strings"
	"testing"

	"github.com/agii/ovk/internal/document"
)

func TestClean(t *testing.T) {
	for in, want := range map[string]string{
		"":                      "",
		"a b":                   "a b",
		"  a \t\n b  ":          "a b",
		"a\u00a0b":              "a\u00a0b", // no-break space is kept
		"Zoe\u0308":             "Zoë",
		"line\r\nbreak  twice ": "line break twice",
	} {
		if got := clean(in); got != want {
			t.Errorf("clean(%q) = %q, want %q", in, got, want)
		}
	}
	s := "already clean"
	if allocs := testing.AllocsPerRun(100, func() { _ = clean(s) }); allocs != 0 {
		t.Errorf("clean of a clean string allocates %v times", allocs)
	}
}

// letters is s without spaces and hyphens, and without tremas (which a
// break drops): what line breaking must leave unchanged.
func letters(s string) string {
	return strings.NewReplacer(" ", "", "-", "", "ë", "e", "ï", "i", "ü", "u", "ö", "o", "ä", "a").Replace(s)
}

// Every line fits, and the lines joined give the text back.
func TestBreakLines(t *testing.T) {
	l := layout{m: mustMetrics()}
	text := clean(testDocument().Parties[0].Text + " " + strings.Repeat("Inburgeringsovereenkomstenadministratie ", 3) +
		strings.Repeat("x", 200))
	for _, width := range []float64{30, 75, 160} {
		for name, brk := range map[string]func(style, string, float64, float64, []string) []string{
			"wrap": l.wrap, "justify": l.justify,
		} {
			first := width - 10
			lines := brk(stBody, text, first, width, nil)
			if got := strings.Join(lines, " "); got != text && letters(got) != letters(text) {
				t.Errorf("%s %v: lines do not reassemble the text", name, width)
			}
			for i, line := range lines {
				limit := width
				if i == 0 {
					limit = first
				}
				if w := mm(l.width(stBody.face, line), stBody.size); w > limit+1e-9 {
					t.Errorf("%s %v: line %d is %.2f mm wide, limit %.2f: %q", name, width, i, w, limit, line)
				}
				if line == "" || line[0] == ' ' || line[len(line)-1] == ' ' {
					t.Errorf("%s %v: line %d has stray spaces: %q", name, width, i, line)
				}
			}
		}
	}
}

// Justification avoids one very loose line when a few slightly looser ones
// do: its worst justified line is never looser than the greedy worst line,
// and it sets no more lines ragged for being too loose.
func TestJustifyNotWorseThanGreedy(t *testing.T) {
	l := layout{m: mustMetrics()}
	space := float64(l.m[regular].advance(' '))
	worst := func(lines []string, width float64, justified bool) (w float64, ragged int) {
		limit := width * 1000 * ptPerMM / stBody.size
		for _, line := range lines[:len(lines)-1] {
			if l.tooLoose(stBody, line, width) {
				ragged++
				if justified {
					continue
				}
			}
			if n := strings.Count(line, " "); n > 0 {
				w = max(w, (limit-float64(l.width(regular, line)))/(float64(n)*space))
			}
		}
		return w, ragged
	}
	doc := testDocument()
	for _, p := range doc.Recitals {
		text := clean(p.Text)
		for _, width := range []float64{80, 120, 152} {
			g, gr := worst(l.wrap(stBody, text, width, width, nil), width, false)
			j, jr := worst(l.justify(stBody, text, width, width, nil), width, true)
			if j > g+1e-9 || jr > gr {
				t.Errorf("width %v: justify's loosest line stretches %.2f (%d ragged), greedy %.2f (%d): %q", width, j, jr, g, gr, text)
			}
		}
	}
}

func TestPagination(t *testing.T) {
	l := layout{m: mustMetrics()}
	l.build(testDocument())
	l.paginate()
	seen := 0
	for pi, page := range l.pages {
		if len(page) == 0 {
			t.Fatalf("page %d is empty", pi+1)
		}
		y := 0.0
		for k, p := range page {
			if p.elem != seen {
				t.Fatalf("page %d: elem %d out of order, want %d", pi+1, p.elem, seen)
			}
			seen++
			el := l.elems[p.elem]
			if p.y < y-1e-9 {
				t.Errorf("page %d: elem %d overlaps the one above", pi+1, p.elem)
			}
			y = p.y + el.height
			if y > bodyBottom+1e-9 {
				t.Errorf("page %d: elem %d ends at %.1f mm, below the body", pi+1, p.elem, y)
			}
			if k == 0 && p.y != marginTop {
				t.Errorf("page %d starts at %.1f mm", pi+1, p.y)
			}
			// A heading (a mark) is followed on its page by two lines.
			if el.mark != nil && k+2 >= len(page) {
				t.Errorf("page %d: heading %q is orphaned at the bottom", pi+1, el.mark.text)
			}
			if k == len(page)-1 && el.keep && pi < len(l.pages)-1 {
				t.Errorf("page %d breaks after a kept elem %d", pi+1, p.elem)
			}
		}
	}
	if seen != len(l.elems) {
		t.Fatalf("%d of %d elems placed", seen, len(l.elems))
	}
}

func TestSignatureColumns(t *testing.T) {
	l := layout{m: mustMetrics()}
	blocks := []document.SignatureBlock{
		{Party: "Voor A", Signers: []document.Signer{{Name: "Zoë Çelik", Function: "burgemeester"}}},
		{Party: "Voor B", Signers: []document.Signer{{Name: "Łukasz Wróblewski", Function: "directeur"}}},
		{Party: "Voor C", Signers: []document.Signer{{Name: "Nguyễn Thị Hoa", Function: "algemeen directeur"}}},
	}
	l.signatures(blocks, 0)
	// Three columns would be narrower than sigMinCol: two rows, 2 + 1.
	if len(l.elems) != 2 {
		t.Fatalf("%d signature rows, want 2", len(l.elems))
	}
	xs := map[float64]bool{}
	for _, o := range l.ops {
		xs[o.x] = true
	}
	if len(xs) != 2 {
		t.Errorf("signature blocks use %d columns, want 2", len(xs))
	}
}

// The keep flags that implement "a heading stays with two lines of its
// article", "an introducing line stays with points 1° and 2°" and "the last
// two points stay together", and no more: the points of a long enumeration
// may be split over pages between 2° and the last but one.
func TestKeepFlags(t *testing.T) {
	l := layout{m: mustMetrics()}
	doc := &document.Document{Chapters: []document.Chapter{{Articles: []document.Article{{
		Number: 1, Title: "Kort",
		Paragraphs: []document.Paragraph{
			{Label: "§ 1.", Text: "Eén regel."},
			{Label: "§ 2.", Text: "Het lokaal bestuur verbindt zich ertoe om:", Items: []document.Item{
				{Label: "1°", Text: "a;"}, {Label: "2°", Text: "b;"}, {Label: "3°", Text: "c;"},
				{Label: "4°", Text: "d;"}, {Label: "5°", Text: "e."},
			}},
		},
	}}}}}
	l.build(doc)
	var texts []string
	for _, e := range l.elems {
		o := l.ops[e.ops[1]-1]
		texts = append(texts, o.text)
	}
	want := map[string]bool{
		"Artikel 1. Kort": true, // heading → first line
		"Eén regel.":      true, // a one-line § 1 still keeps the heading company
		"Het lokaal bestuur verbindt zich ertoe om:": true, // → 1°
		"a;": true, "b;": false, "c;": false, "d;": true, "e.": false,
	}
	for i, e := range l.elems {
		if w, ok := want[texts[i]]; ok && e.keep != w {
			t.Errorf("keep after %q = %v, want %v", texts[i], e.keep, w)
		}
	}
}
