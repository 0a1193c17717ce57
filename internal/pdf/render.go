// Package pdf renders an assembled agreement (document.Document) as a PDF
// with go-pdf/fpdf, and reads back the provenance manifest embedded in it.
//
// The output is deterministic: the same document always gives the same bytes.
// There is no wall clock in the file: the PDF creation and modification dates
// are the agreement's date (document.Meta.Date), and the manifest carries the
// real provenance.
//
// fpdf is used only in this package. Its known pitfalls are worked around
// here: texts are checked against the font's cmap before any fpdf call (fpdf
// panics or writes a broken file on runes it cannot show), the document is
// paginated by this package so that the page total is known in advance (no
// {nb} alias, whose width fpdf measures instead of the number's), and outline
// destinations are corrected for fpdf writing the attachment objects before
// the pages (see Render).
package pdf

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/go-pdf/fpdf"

	"github.com/agii/ovk/internal/document"
)

// fixedDate is the creation and modification date of a PDF without a date
// of its own (a redline, a document without Meta.Date). The time of
// rendering would make two renders of the same document differ.
var fixedDate = time.Date(2000, 1, 1, 0, 0, 0, 0, time.UTC)

// pdfDate is the creation and modification date of doc's PDF: the
// agreement's date, so that the metadata says what the deed says.
func pdfDate(doc *document.Document) time.Time {
	if doc.Meta.Date.IsZero() {
		return fixedDate
	}
	return doc.Meta.Date
}

// manifestName is the file name of the embedded manifest attachment.
const manifestName = "manifest.json"

// Render writes doc as a PDF to w. The same doc always gives byte-identical
// output. Render checks every text against the embedded font first and
// returns an error naming the field when a character cannot be shown; the
// PDF is built in memory and nothing is written to w unless it succeeds.
// Render is safe for concurrent use.
func Render(w io.Writer, doc *document.Document) error {
	f, err := render(doc)
	if err != nil {
		return err
	}
	// The document is complete in f's buffer: Output only writes it, in a
	// single Write, without another copy.
	return f.Output(w)
}

// render builds the PDF in memory and closes it. fpdf reports most failures
// through f.Error(), but panics on some (runes it has no width for, failed
// buffer writes); texts are checked before fpdf sees them, and any panic
// left is turned into an error rather than taking a server down.
func render(doc *document.Document) (out *fpdf.Fpdf, err error) {
	defer func() {
		if p := recover(); p != nil {
			out, err = nil, fmt.Errorf("pdf: internal error in PDF writer: %v", p)
		}
	}()
	if doc == nil {
		return nil, errors.New("pdf: nil document")
	}
	m, err := fontMetrics()
	if err != nil {
		return nil, err
	}
	if err := checkDocument(doc); err != nil {
		return nil, err
	}
	manifest, err := json.Marshal(&doc.Meta.Manifest)
	if err != nil {
		return nil, fmt.Errorf("pdf: encoding manifest: %w", err)
	}
	manifest = append(manifest, '\n')

	l := layout{m: m}
	l.build(doc)
	l.paginate()

	f := fpdf.New("P", "mm", "A4", "")
	f.SetCatalogSort(true)
	f.SetCreationDate(pdfDate(doc))
	f.SetModificationDate(pdfDate(doc))
	setMetadata(f, doc)
	f.SetMargins(marginL, marginTop, marginR)
	f.SetAutoPageBreak(false, 0)
	f.SetCellMargin(0)
	for fc := range numFaces {
		b := ttfRegular
		if fc == bold {
			b = ttfBold
		}
		f.AddUTF8FontFromBytes(fontFamily, faceStyle[fc], b)
		// fpdf only prints a font that fails to parse (and does not
		// register it); selecting it turns that into an error.
		f.SetFont(fontFamily, faceStyle[fc], stBody.size)
		if err := f.Error(); err != nil {
			return nil, fmt.Errorf("pdf: loading embedded font: %w", err)
		}
	}
	// A fresh slice: fpdf writes object numbers into the caller's slice.
	attachments := []fpdf.Attachment{{
		Content:     manifest,
		Filename:    manifestName,
		Description: "ovk-manifest: herkomst van dit document",
	}}
	if len(doc.Meta.Profile) > 0 {
		attachments = append(attachments, fpdf.Attachment{
			Content:     doc.Meta.Profile,
			Filename:    doc.Meta.ProfileName,
			Description: "ovk-profiel waaruit dit document werd opgesteld",
		})
	}
	f.SetAttachments(attachments)

	e := emitter{f: f, l: &l, ref: clean(doc.Reference), draft: doc.Meta.Manifest.Draft()}
	e.emit()
	if err := f.Error(); err != nil {
		return nil, fmt.Errorf("pdf: %w", err)
	}
	f.Close()
	if err := f.Error(); err != nil {
		return nil, fmt.Errorf("pdf: %w", err)
	}
	return f, nil
}

// setMetadata writes the document information dictionary and the language.
func setMetadata(f *fpdf.Fpdf, doc *document.Document) {
	meta := &doc.Meta
	f.SetTitle(metaString(meta.Title), true)
	f.SetAuthor(metaString(meta.Author), true)
	f.SetSubject(metaString(meta.Subject), true)
	kw := make([]string, 0, len(meta.Keywords)+2)
	for _, k := range meta.Keywords {
		if k = metaString(k); k != "" {
			kw = append(kw, k)
		}
	}
	for _, k := range [...]string{"bibliotheek " + meta.LibraryVersion, "profiel-sha256 " + meta.ProfileSHA256} {
		if k = metaString(k); strings.Contains(k, " ") && !slices.Contains(kw, k) {
			kw = append(kw, k)
		}
	}
	f.SetKeywords(strings.Join(kw, ", "), true)
	f.SetCreator(strings.TrimSpace("ovk "+metaString(meta.ToolVersion)), true)
	lang := meta.Language
	if lang == "" {
		lang = "nl-BE"
	}
	f.SetLang(metaString(lang))
}

// metaString prepares a string for fpdf's metadata encoder, which handles
// only valid UTF-8 within the Basic Multilingual Plane: other runes become
// U+FFFD. Metadata is not drawn, so it needs no glyphs.
func metaString(s string) string {
	s = clean(s)
	for _, r := range s {
		if r > 0xFFFF || r == utf8.RuneError {
			return strings.Map(func(r rune) rune {
				if r > 0xFFFF {
					return utf8.RuneError
				}
				return r
			}, strings.ToValidUTF8(s, string(utf8.RuneError)))
		}
	}
	return s
}

// emitter draws a paginated layout with fpdf.
type emitter struct {
	f     *fpdf.Fpdf
	l     *layout
	ref   string
	cur   style
	gray  bool
	marks []pendingMark
	// draft marks every page ONTWERP: the release is not approved.
	draft bool
}

// pendingMark is an outline entry waiting to be registered (see emit).
type pendingMark struct {
	mark *mark
	page int
	y    float64
}

// setStyle selects st's font unless it is current.
func (e *emitter) setStyle(st style) {
	if e.cur.face == st.face && e.cur.size == st.size {
		return
	}
	e.f.SetFont(fontFamily, faceStyle[st.face], st.size)
	e.cur = st
}

// emit draws all pages, footers and outline entries.
func (e *emitter) emit() {
	f, l := e.f, e.l
	total := strconv.Itoa(len(l.pages))
	e.cur = style{face: numFaces}
	for pi, page := range l.pages {
		f.AddPage()
		if pi == 0 {
			f.SetLineWidth(0.2)
		}
		for _, p := range page {
			el := &l.elems[p.elem]
			if el.mark != nil {
				e.marks = append(e.marks, pendingMark{el.mark, pi + 1, p.y})
			}
			for _, o := range l.ops[el.ops[0]:el.ops[1]] {
				e.draw(&o, p.y)
			}
		}
		e.footer(pi+1, total)
	}
	e.outline()
}

// draw performs one op with its top at y.
func (e *emitter) draw(o *op, y float64) {
	f := e.f
	if o.rule {
		f.SetDrawColor(110, 110, 110)
		f.Line(o.x, y+o.dy, o.x+o.w, y+o.dy)
		return
	}
	e.setStyle(o.st)
	f.SetXY(o.x, y+o.dy)
	f.CellFormat(o.w, o.st.lineH, o.text, "", 0, string(o.align), false, 0, "")
}

// draftMark is the word on every page of an agreement drafted under a
// release that is not approved.
const draftMark = "ONTWERP"

// footer draws the reference and "Pagina X van Y" under a hairline.
func (e *emitter) footer(page int, total string) {
	f := e.f
	f.SetDrawColor(150, 150, 150)
	f.Line(marginL, footerRuleY, marginL+textW, footerRuleY)
	e.setStyle(stFooter)
	f.SetTextColor(90, 90, 90)
	f.SetXY(marginL, footerY)
	f.CellFormat(textW/2, stFooter.lineH, e.ref, "", 0, "L", false, 0, "")
	f.SetXY(marginL+textW/2, footerY)
	f.CellFormat(textW/2, stFooter.lineH, "Pagina "+strconv.Itoa(page)+" van "+total, "", 0, "R", false, 0, "")
	if e.draft {
		// Above the body and in the footer's middle: a draft of an
		// unapproved release must not be signed as if it were approved.
		e.setStyle(stHeading)
		f.SetTextColor(170, 0, 0)
		f.SetXY(marginL, marginTop/2)
		f.CellFormat(textW, stHeading.lineH, draftMark+" – release niet goedgekeurd, niet ondertekenen", "", 0, "C", false, 0, "")
		f.SetXY(marginL, footerY)
		f.CellFormat(textW, stFooter.lineH, draftMark, "", 0, "C", false, 0, "")
	}
	f.SetTextColor(0, 0, 0)
}

// outline registers the outline entries.
//
// fpdf v0.9.0 writes an outline destination for page p as object 1+2p, which
// is where page p lives only when no attachment objects precede the pages.
// With the manifest attachment (an embedded file stream and its file
// specification, objects 3 and 4) page p is object 3+2p, so an entry for page
// p is registered while page p+1 is current. For the last page an extra,
// empty page is added and then dropped: fpdf writes only pages 1 to the
// current page number. TestOutlineDestinations checks the result against
// qpdf, so an fpdf upgrade that fixes the numbering will be noticed.
func (e *emitter) outline() {
	if len(e.marks) == 0 {
		return
	}
	f := e.f
	last := f.PageNo()
	f.AddPage() // the scratch page last+1
	// Bookmark encodes titles as UTF-16 only while a UTF-8 font is current.
	f.SetFont(fontFamily, faceStyle[regular], stBody.size)
	for _, m := range e.marks {
		f.SetPage(m.page + attachmentPageShift)
		f.Bookmark(m.mark.text, m.mark.level, m.y)
	}
	f.SetPage(last)
}

// attachmentPageShift is the number of pages by which fpdf's outline
// destinations lag behind: two objects per page, two attachment objects.
const attachmentPageShift = 1
