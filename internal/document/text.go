package document

import (
	"fmt"
	"io"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/agii/ovk/internal/hyphen"
)

// TextWidth is the line width of the plain-text rendering.
const TextWidth = 80

// Text renders the whole agreement as plain text: the form lawyers review
// in golden files and diffs, and the text a PDF's manifest carries.
func Text(d *Document) string {
	var b strings.Builder
	WriteText(&b, d)
	return b.String()
}

// WriteText writes the plain-text rendering of d to w.
func WriteText(w io.Writer, d *Document) {
	tw := &textWriter{w: w}
	tw.center(strings.ToUpper(d.Title))
	tw.center(d.Subtitle)
	tw.line("")
	tw.line("Referentie: " + d.Reference)
	tw.line("")
	tw.wrap("", d.PartiesIntro)
	tw.line("")
	for _, p := range d.Parties {
		writeParagraph(tw, p)
	}
	tw.wrap("", d.PartiesOutro)
	tw.line("")
	tw.wrap("", d.RecitalsIntro)
	tw.line("")
	for _, p := range d.Recitals {
		tw.wrapHanging("- ", p.Text)
		for _, it := range p.Items {
			tw.wrapHanging("    "+it.Label+" ", it.Text)
		}
	}
	tw.line("")
	tw.wrap("", d.AgreedIntro)
	tw.line("")
	for _, ch := range d.Chapters {
		tw.line("")
		tw.line(fmt.Sprintf("HOOFDSTUK %d. %s", ch.Number, strings.ToUpper(ch.Title)))
		tw.line("")
		for _, a := range ch.Articles {
			WriteArticle(w, a) // ends with a blank line
		}
	}
	tw.line("")
	tw.wrap("", d.Closing)
	for _, s := range d.Signatures {
		tw.line("")
		tw.line(s.Party)
		for _, sg := range s.Signers {
			tw.line("")
			tw.line("")
			tw.line("    " + sg.Name)
			tw.line("    " + sg.Function)
		}
	}
}

// ArticleHeading is the heading of an article in every rendering:
// "Artikel 7. Duur" (Dutch drafting convention). Diffs of two PDFs find the
// articles of the embedded text by it.
func ArticleHeading(number int, title string) string {
	h := "Artikel " + strconv.Itoa(number) + "."
	if title = strings.TrimSpace(title); title != "" {
		h += " " + title
	}
	return h
}

// ChapterHeading is the heading of a chapter as the PDF and the DOCX set
// it: "Hoofdstuk 2. Samenwerking met het OCMW"; a chapter without a number
// is headed by its title alone.
func ChapterHeading(number int, title string) string {
	title = strings.TrimSpace(title)
	if number == 0 {
		return title
	}
	h := "Hoofdstuk " + strconv.Itoa(number) + "."
	if title != "" {
		h += " " + title
	}
	return h
}

// WriteArticle writes one article: its heading and paragraphs.
func WriteArticle(w io.Writer, a Article) {
	tw := &textWriter{w: w}
	tw.line(ArticleHeading(a.Number, a.Title))
	tw.line("")
	for _, p := range a.Paragraphs {
		writeParagraph(tw, p)
	}
}

func writeParagraph(tw *textWriter, p Paragraph) {
	if p.Text != "" || p.Label != "" {
		if p.Label != "" {
			tw.wrapHanging(p.Label+" ", p.Text)
		} else {
			tw.wrap("", p.Text)
		}
	}
	for _, it := range p.Items {
		tw.wrapHanging("    "+it.Label+" ", it.Text)
	}
	tw.line("")
}

type textWriter struct{ w io.Writer }

func (t *textWriter) line(s string) {
	io.WriteString(t.w, strings.TrimRight(s, " "))
	io.WriteString(t.w, "\n")
}

func (t *textWriter) center(s string) {
	for _, l := range wrapWords(s, TextWidth) {
		pad := (TextWidth - len([]rune(l))) / 2
		if pad < 0 {
			pad = 0
		}
		t.line(strings.Repeat(" ", pad) + l)
	}
}

func (t *textWriter) wrap(indent, s string) { t.wrapHanging(indent, s) }

// wrapHanging writes s wrapped to TextWidth after a first-line prefix, with
// continuation lines indented to the prefix's width.
func (t *textWriter) wrapHanging(prefix, s string) {
	width := utf8.RuneCountInString(prefix)
	lines := wrapWords(s, TextWidth-width)
	if len(lines) == 0 {
		t.line(prefix)
		return
	}
	indent := strings.Repeat(" ", width)
	for i, l := range lines {
		if i == 0 {
			io.WriteString(t.w, prefix)
		} else {
			io.WriteString(t.w, indent)
		}
		t.line(l)
	}
}

// wrapWords wraps s to width runes, without breaking the spaces that the
// PDF does not break either (a date, a phone number, "artikel 8, § 1"; see
// hyphen.Keep), so that both renderings keep the same spans together.
func wrapWords(s string, width int) []string {
	var lines []string
	var cur strings.Builder
	n := 0 // runes in cur
	words := strings.Fields(s)
	keep := hyphen.Keep(words, nil)
	for i := 0; i < len(words); i++ {
		w := words[i]
		if keep[i] {
			j := i
			for keep[j] {
				j++
			}
			w, i = strings.Join(words[i:j+1], " "), j
		}
		wl := utf8.RuneCountInString(w)
		switch {
		case n == 0:
		case n+1+wl <= width:
			cur.WriteByte(' ')
			n++
		default:
			lines = append(lines, cur.String())
			cur.Reset()
			n = 0
		}
		cur.WriteString(w)
		n += wl
	}
	if n > 0 {
		lines = append(lines, cur.String())
	}
	return lines
}
