package pdf

import (
	"fmt"
	"strconv"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"

	"github.com/agii/ovk/internal/document"
)

// textError reports a character of a drawn field that the font cannot show.
type textError struct {
	field string
	r     rune
}

func (e *textError) Error() string {
	if e.r == utf8.RuneError {
		return fmt.Sprintf("pdf: %s: invalid UTF-8 or replacement character", e.field)
	}
	return fmt.Sprintf("pdf: %s: character %q (%U) is not in the embedded font", e.field, e.r, e.r)
}

// checkText is CheckText, also rejecting invalid UTF-8.
func checkText(m *[numFaces]*metrics, s string) (rune, bool) {
	if !utf8.ValidString(s) {
		return utf8.RuneError, false
	}
	for _, r := range norm.NFC.String(s) {
		if !showable(m, r) {
			return r, false
		}
	}
	return 0, true
}

// checkDocument checks every drawn text of doc. Metadata is not drawn and
// not checked.
func checkDocument(doc *document.Document) error {
	m, err := fontMetrics()
	if err != nil {
		return err
	}
	var bad *textError
	check := func(field func() string, s string) {
		if bad != nil {
			return
		}
		if r, ok := checkText(m, s); !ok {
			bad = &textError{field: field(), r: r}
		}
	}
	name := func(s string) func() string { return func() string { return s } }
	paras := func(prefix string, ps []document.Paragraph) {
		for i := range ps {
			p := &ps[i]
			at := func(suffix string) func() string {
				return func() string { return prefix + "[" + strconv.Itoa(i) + "]" + suffix }
			}
			check(at(".Label"), p.Label)
			check(at(".Text"), p.Text)
			for j := range p.Items {
				item := func(suffix string) func() string {
					return at(".Items[" + strconv.Itoa(j) + "]" + suffix)
				}
				check(item(".Label"), p.Items[j].Label)
				check(item(".Text"), p.Items[j].Text)
			}
		}
	}
	check(name("Reference"), doc.Reference)
	check(name("Title"), doc.Title)
	check(name("Subtitle"), doc.Subtitle)
	check(name("PartiesIntro"), doc.PartiesIntro)
	paras("Parties", doc.Parties)
	check(name("PartiesOutro"), doc.PartiesOutro)
	check(name("RecitalsIntro"), doc.RecitalsIntro)
	paras("Recitals", doc.Recitals)
	check(name("AgreedIntro"), doc.AgreedIntro)
	for ci := range doc.Chapters {
		ch := &doc.Chapters[ci]
		check(func() string { return fmt.Sprintf("Chapters[%d].Title", ci) }, ch.Title)
		for ai := range ch.Articles {
			a := &ch.Articles[ai]
			prefix := func() string { return fmt.Sprintf("Artikel %d", a.Number) }
			check(func() string { return prefix() + ".Title" }, a.Title)
			paras(fmt.Sprintf("Artikel %d.Paragraphs", a.Number), a.Paragraphs)
		}
	}
	check(name("Closing"), doc.Closing)
	for i := range doc.Signatures {
		s := &doc.Signatures[i]
		check(func() string { return fmt.Sprintf("Signatures[%d].Party", i) }, s.Party)
		for j := range s.Signers {
			check(func() string { return fmt.Sprintf("Signatures[%d].Signers[%d].Name", i, j) }, s.Signers[j].Name)
			check(func() string { return fmt.Sprintf("Signatures[%d].Signers[%d].Function", i, j) }, s.Signers[j].Function)
		}
	}
	if bad != nil {
		return bad
	}
	return nil
}
