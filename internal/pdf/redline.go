package pdf

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"strings"
	"unicode/utf8"

	"github.com/go-pdf/fpdf"
	"golang.org/x/text/unicode/norm"

	"github.com/agii/ovk/internal/compare/worddiff"
	"github.com/agii/ovk/internal/document"
)

// Geometry of the redline (mm, A4 portrait).
const (
	rlMargin     = 20.0
	rlBottom     = 22.0 // auto page break margin; the footer sits below
	rlFooterY    = pageH - 14.0
	rlTextW      = pageW - 2*rlMargin
	rlTextIndent = 4.0 // the redline text is indented under its heading
	rlNoteIndent = 4.0 // hanging indent of a note after its dash
	rlCellPad    = 1.2
	rlFamily     = "dejavuserif"
)

// Colours of the marks.
var (
	rlRed   = [3]int{178, 0, 0}
	rlGreen = [3]int{0, 110, 0}
	rlGray  = [3]int{90, 90, 90}
	rlBlack = [3]int{0, 0, 0}
)

// RenderRedline writes r as a PDF to w: deletions struck through in red,
// insertions underlined in green, the summary table of all changes on the
// first page. Characters the embedded font cannot show are drawn as "?".
// The output is deterministic and nothing is written to w unless rendering
// succeeds. RenderRedline is safe for concurrent use.
func RenderRedline(w io.Writer, r *document.Redline) error {
	if r == nil {
		return errors.New("pdf: nil redline")
	}
	m, err := fontMetrics()
	if err != nil {
		return err
	}
	f := fpdf.New("P", "mm", "A4", "")
	f.SetCatalogSort(true)
	f.SetCreationDate(fixedDate)
	f.SetModificationDate(fixedDate)
	f.SetMargins(rlMargin, rlMargin, rlMargin)
	f.SetAutoPageBreak(true, rlBottom)
	f.SetCellMargin(0)
	f.AddUTF8FontFromBytes(rlFamily, "", ttfRegular)
	f.AddUTF8FontFromBytes(rlFamily, "B", ttfBold)
	if err := f.Error(); err != nil {
		return fmt.Errorf("pdf: %w", err)
	}
	f.SetTitle(metaString(r.Meta.Title), true)
	f.SetSubject(metaString(r.Meta.Subject), true)
	f.SetAuthor(metaString(r.Meta.Author), true)
	f.SetCreator("ovk", true)
	if r.Meta.Language != "" {
		f.SetLang(metaString(r.Meta.Language))
	}
	rw := &redlineWriter{f: f, m: m}
	rw.document(r)
	if err := f.Error(); err != nil {
		return fmt.Errorf("pdf: %w", err)
	}
	var buf bytes.Buffer
	if err := f.Output(&buf); err != nil {
		return fmt.Errorf("pdf: %w", err)
	}
	_, err = w.Write(buf.Bytes())
	return err
}

type redlineWriter struct {
	f *fpdf.Fpdf
	m *[numFaces]*metrics
}

// safe returns s in NFC with every character the font cannot show (or fpdf
// cannot measure) replaced by "?", so that fpdf never panics on it.
func (rw *redlineWriter) safe(s string) string {
	s = norm.NFC.String(strings.ToValidUTF8(s, "?"))
	ok := true
	for _, r := range s {
		if r == utf8.RuneError || !showable(rw.m, r) {
			ok = false
			break
		}
	}
	if ok {
		return s
	}
	return strings.Map(func(r rune) rune {
		if r == utf8.RuneError || !showable(rw.m, r) {
			return '?'
		}
		return r
	}, s)
}

func (rw *redlineWriter) font(style string, size float64, color [3]int) {
	rw.f.SetFont(rlFamily, style, size)
	rw.f.SetTextColor(color[0], color[1], color[2])
}

// room starts a new page unless h mm fit above the bottom margin.
func (rw *redlineWriter) room(h float64) {
	if rw.f.GetY()+h > pageH-rlBottom {
		rw.f.AddPage()
	}
}

// lines draws s wrapped to width w at x, one line of height lh at a time.
func (rw *redlineWriter) lines(s string, x, w, lh float64) {
	f := rw.f
	for _, l := range f.SplitText(rw.safe(s), w) {
		rw.room(lh)
		f.SetX(x)
		f.CellFormat(w, lh, l, "", 1, "L", false, 0, "")
	}
}

func (rw *redlineWriter) document(r *document.Redline) {
	f := rw.f
	f.AddPage()
	rw.font("B", 15, rlBlack)
	rw.lines(r.Title, rlMargin, rlTextW, 7.5)
	rw.font("", 10.5, rlBlack)
	rw.lines(r.Subtitle, rlMargin, rlTextW, 5.5)
	f.Ln(2)
	for _, fact := range r.Facts {
		rw.font("B", 9.5, rlBlack)
		label := rw.safe(fact.Label) + ": "
		lw := f.GetStringWidth(label)
		rw.room(4.8)
		y := f.GetY()
		f.SetX(rlMargin)
		f.CellFormat(lw, 4.8, label, "", 0, "L", false, 0, "")
		rw.font("", 9.5, rlBlack)
		f.SetXY(rlMargin+lw, y)
		for i, l := range f.SplitText(rw.safe(fact.Value), rlTextW-lw) {
			if i > 0 {
				rw.room(4.8)
			}
			f.SetX(rlMargin + lw)
			f.CellFormat(rlTextW-lw, 4.8, l, "", 1, "L", false, 0, "")
		}
	}
	f.Ln(1.5)
	rw.legend(r.Legend)
	f.Ln(4)
	rw.table(&r.Summary)
	for i := range r.Sections {
		rw.section(&r.Sections[i])
	}
	rw.footers(r)
}

// legend explains the marks.
func (rw *redlineWriter) legend(s string) {
	if s == "" {
		return
	}
	rw.font("", 9, rlGray)
	rw.lines(s, rlMargin, rlTextW, 4.5)
}

// table draws the summary table, repeating the header row on a new page.
func (rw *redlineWriter) table(t *document.RedlineTable) {
	f := rw.f
	rw.font("B", 11.5, rlBlack)
	rw.room(20)
	rw.lines(t.Title, rlMargin, rlTextW, 6)
	f.Ln(1)
	const lh = 4.1
	// the place columns as wide as their longest entry, within limits; the
	// rest shared by the part and the change
	rw.font("", 8.5, rlBlack)
	place := 16.0
	for _, r := range append([][]string{t.Header}, t.Rows...) {
		for i := 0; i < 2 && i < len(r); i++ {
			place = max(place, f.GetStringWidth(rw.safe(r[i]))+2*rlCellPad+0.5)
		}
	}
	place = min(place, 36)
	rest := rlTextW - 2*place
	widths := []float64{place, place, rest * 0.55, rest * 0.45}
	var row func(cells []string, header bool)
	row = func(cells []string, header bool) {
		style := ""
		if header {
			style = "B"
		}
		rw.font(style, 8.5, rlBlack)
		widths := widths
		if len(cells) == 1 {
			widths = []float64{rlTextW} // one cell spans the table
		}
		var split [][]string
		n := 1
		for i, c := range cells {
			if i >= len(widths) {
				break
			}
			ls := f.SplitText(rw.safe(c), widths[i]-2*rlCellPad)
			split = append(split, ls)
			n = max(n, len(ls))
		}
		h := float64(n)*lh + 2*rlCellPad
		if f.GetY()+h > pageH-rlBottom {
			f.AddPage()
			if !header {
				row(t.Header, true)
				rw.font(style, 8.5, rlBlack)
			}
		}
		y := f.GetY()
		x := rlMargin
		f.SetDrawColor(150, 150, 150)
		f.SetLineWidth(0.2)
		for i, ls := range split {
			if header {
				f.SetFillColor(232, 232, 232)
				f.Rect(x, y, widths[i], h, "FD")
			} else {
				f.Rect(x, y, widths[i], h, "D")
			}
			for k, l := range ls {
				f.SetXY(x+rlCellPad, y+rlCellPad+float64(k)*lh)
				f.CellFormat(widths[i]-2*rlCellPad, lh, l, "", 0, "L", false, 0, "")
			}
			x += widths[i]
		}
		f.SetXY(rlMargin, y+h)
	}
	row(t.Header, true)
	if len(t.Rows) == 0 {
		row([]string{t.Empty}, false)
	}
	for _, r := range t.Rows {
		row(r, false)
	}
}

// section draws one changed part: its heading, its notes and its redline.
func (rw *redlineWriter) section(s *document.RedlineSection) {
	f := rw.f
	f.Ln(5)
	rw.room(18) // no heading alone at the foot of a page
	rw.font("B", 10.5, rlBlack)
	rw.lines(s.Heading, rlMargin, rlTextW, 5.2)
	f.Ln(0.8)
	for _, n := range s.Notes {
		rw.font("", 9, rlGray)
		ls := f.SplitText(rw.safe(n), rlTextW-rlNoteIndent)
		for i, l := range ls {
			rw.room(4.4)
			if i == 0 {
				f.SetX(rlMargin)
				f.CellFormat(rlNoteIndent, 4.4, "–", "", 0, "L", false, 0, "")
			}
			f.SetX(rlMargin + rlNoteIndent)
			f.CellFormat(rlTextW-rlNoteIndent, 4.4, l, "", 1, "L", false, 0, "")
		}
	}
	if len(s.Text) == 0 {
		return
	}
	f.Ln(1.5)
	rw.spans(s.Text)
}

// spans writes a redline as flowing text, word by word so that fpdf wraps
// it between words and the marks follow the words across lines. fpdf's own
// strike-out sits too low to tell from an underline, so deletions get a
// line of their own through the middle of the lowercase letters.
func (rw *redlineWriter) spans(spans []worddiff.Segment) {
	f := rw.f
	const (
		lh   = 5.0
		size = 10.0
	)
	sizeMM := size / ptPerMM
	strikeDY := 0.5*lh + 0.3*sizeMM - 0.27*sizeMM // from the top of the line
	f.SetLeftMargin(rlMargin + rlTextIndent)
	f.SetX(rlMargin + rlTextIndent)
	prev := worddiff.Equal
	for _, sp := range spans {
		switch sp.Op {
		case worddiff.Delete:
			rw.font("", size, rlRed)
		case worddiff.Insert:
			rw.font("U", size, rlGreen)
		default:
			rw.font("", size, rlBlack)
		}
		text := rw.safe(sp.Text)
		if prev == worddiff.Delete && sp.Op == worddiff.Insert && !strings.HasPrefix(text, " ") {
			f.SetX(f.GetX() + 0.8) // keep "de|een" from reading as one word
		}
		prev = sp.Op
		for i, line := range strings.Split(text, "\n") {
			if i > 0 {
				f.Ln(lh)
			}
			for _, w := range words(line) {
				x0, y0 := f.GetXY()
				page := f.PageNo()
				f.Write(lh, w)
				if sp.Op != worddiff.Delete {
					continue
				}
				x1, y1 := f.GetXY()
				if y1 != y0 || f.PageNo() != page {
					x0 = rlMargin + rlTextIndent // wrapped: the word starts the line
				}
				f.SetDrawColor(rlRed[0], rlRed[1], rlRed[2])
				f.SetLineWidth(0.25)
				f.Line(x0, y1+strikeDY, x1, y1+strikeDY)
			}
		}
	}
	f.Ln(lh)
	f.SetLeftMargin(rlMargin)
	rw.font("", size, rlBlack)
}

// words splits a line into words, each with the spaces before it.
func words(line string) []string {
	var out []string
	start := 0
	inWord := false
	for i, r := range line {
		if r == ' ' {
			if inWord {
				out = append(out, line[start:i])
				start = i
				inWord = false
			}
			continue
		}
		inWord = true
	}
	if start < len(line) {
		out = append(out, line[start:])
	}
	return out
}

// footers writes the footer of every page once the page count is known.
func (rw *redlineWriter) footers(r *document.Redline) {
	f := rw.f
	total := f.PageCount()
	f.SetAutoPageBreak(false, 0)
	label := r.PageLabel
	if strings.Count(label, "%d") != 2 {
		label = "%d / %d"
	}
	for p := 1; p <= total; p++ {
		f.SetPage(p)
		f.SetDrawColor(150, 150, 150)
		f.SetLineWidth(0.2)
		f.Line(rlMargin, rlFooterY-1.5, pageW-rlMargin, rlFooterY-1.5)
		rw.font("", 8, rlGray)
		f.SetXY(rlMargin, rlFooterY)
		f.CellFormat(rlTextW*0.75, 4, rw.safe(r.Footer), "", 0, "L", false, 0, "")
		f.SetXY(rlMargin+rlTextW*0.75, rlFooterY)
		f.CellFormat(rlTextW*0.25, 4, rw.safe(fmt.Sprintf(label, p, total)), "", 0, "R", false, 0, "")
	}
	f.SetPage(total)
}
