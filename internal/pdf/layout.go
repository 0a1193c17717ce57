package pdf

import (
	"strconv"
	"strings"

	"golang.org/x/text/unicode/norm"

	"github.com/agii/ovk/internal/document"
)

// Page geometry in millimetres (A4 portrait).
const (
	pageW       = 210.0
	pageH       = 297.0
	marginL     = 25.0
	marginR     = 25.0
	marginTop   = 25.0
	bodyBottom  = pageH - 25.0 // lowest y the body may reach
	textW       = pageW - marginL - marginR
	footerRuleY = pageH - 18.0
	footerY     = pageH - 16.5
	ptPerMM     = 72.0 / 25.4
)

// style is a font face and size (points) with the line pitch (mm) used for it.
type style struct {
	face  face
	size  float64
	lineH float64
}

var (
	stTitle    = style{bold, 17, 8}
	stSubtitle = style{regular, 11, 5.6}
	stChapter  = style{bold, 12, 6}
	stHeading  = style{bold, 10.5, 5}
	stBody     = style{regular, 10.5, 5}
	stFooter   = style{regular, 8, 4}
)

// Horizontal indents (mm from the left margin).
const (
	recitalBulletX = 3.0 // the dash of a recital
	recitalTextX   = 8.0
	itemLabelX     = 5.0 // "1°"
	itemTextX      = 13.0
	labelGap       = 2.0 // least space after an item label
	sigGap         = 12.0
	sigMinCol      = 55.0
	sigSpace       = 20.0 // room for the handwritten signature
	sigRuleW       = 60.0
)

// Vertical spacing (mm) before the various elements.
const (
	spSubtitle     = 2.0
	spSection      = 10.0 // before "Tussen ondergetekenden"
	spIntro        = 6.0  // before "Overwegende dat", "Wordt overeengekomen …"
	spAfterHeading = 1.5
	spAfterChapter = 2.5
	spParagraph    = 2.5
	spItem         = 1.0
	spChapter      = 9.0
	spArticle      = 5.5
	spClosing      = 8.0
	spSignatures   = 8.0
	spSigRow       = 10.0
)

// op is one drawing operation: a line of text in a box (x, y+dy, w, h), or,
// when rule is set, a horizontal hairline from x to x+w at y+dy.
type op struct {
	st    style
	x, dy float64
	w     float64
	text  string
	align byte // 'L', 'J', 'C' or 'R'
	rule  bool
}

// elem is the unit of pagination: usually one line of text, or a whole row
// of signature blocks. The page is never broken between an elem with keep set
// and the one after it.
type elem struct {
	spaceBefore float64 // dropped at the top of a page
	height      float64
	keep        bool
	ops         [2]int // range into layout.ops
	mark        *mark  // outline entry starting at this elem
}

// mark is an outline (bookmark) entry.
type mark struct {
	text  string
	level int
}

// placed is an elem positioned on a page.
type placed struct {
	elem int
	y    float64
}

// layout turns a document into positioned elems. It needs only the font
// metrics, not fpdf, so it is cheap and unit-testable.
type layout struct {
	m     *[numFaces]*metrics
	elems []elem
	ops   []op
	pages [][]placed
}

// width returns the advance of s in thousandths of an em.
func (l *layout) width(f face, s string) int {
	fm := l.m[f]
	w := 0
	for _, r := range s {
		w += fm.advance(r)
	}
	return w
}

// mm converts a width in thousandths of an em at size pt to millimetres.
func mm(w int, size float64) float64 { return float64(w) * size / ptPerMM / 1000 }

// add appends an elem with the given ops.
func (l *layout) add(spaceBefore, height float64, ops ...op) int {
	start := len(l.ops)
	l.ops = append(l.ops, ops...)
	l.elems = append(l.elems, elem{spaceBefore: spaceBefore, height: height, ops: [2]int{start, len(l.ops)}})
	return len(l.elems) - 1
}

// block lays out one paragraph: an optional label drawn at labelX on the
// first line, text starting at x0 on the first line and at x1 on the others,
// all lines ending at the right margin. Justified text ('J') leaves its last
// line ragged. Widows and orphans are avoided: the first two and the last two
// lines stay on one page, and so do the two parts of a hyphenated word. It
// returns the range of elems created.
func (l *layout) block(st style, label string, labelX float64, text string, x0, x1 float64, align byte, spaceBefore float64) (first, last int) {
	right := marginL + textW
	first = len(l.elems)
	if text == "" {
		if label != "" {
			l.add(spaceBefore, st.lineH, op{st: st, x: labelX, w: right - labelX, text: label, align: 'L'})
		}
		return first, len(l.elems) - 1
	}
	var buf [16]string
	var lines []string
	if align == 'J' {
		lines = l.justify(st, text, right-x0, right-x1, buf[:0])
	} else {
		lines = l.wrap(st, text, right-x0, right-x1, buf[:0])
	}
	for i, line := range lines {
		x := x1
		if i == 0 {
			x = x0
		}
		a := align
		if a == 'J' && (i == len(lines)-1 || l.tooLoose(st, line, right-x)) {
			a = 'L'
		}
		textOp := op{st: st, x: x, w: right - x, text: line, align: a}
		sp := 0.0
		if i == 0 {
			sp = spaceBefore
		}
		var e int
		if i == 0 && label != "" {
			e = l.add(sp, st.lineH, op{st: st, x: labelX, w: x0 - labelX, text: label, align: 'L'}, textOp)
		} else {
			e = l.add(sp, st.lineH, textOp)
		}
		// A word is not broken across two pages.
		l.elems[e].keep = strings.HasSuffix(line, "-") && i < len(lines)-1
	}
	last = len(l.elems) - 1
	if last > first {
		l.elems[first].keep = true
		l.elems[last-1].keep = true
	}
	return first, last
}

// paragraph lays out a document paragraph at indent x (mm from the page
// edge): "§ 1." inline before the text, then the enumerated points with
// hanging indents. An enumeration is never split so that a point is left
// alone on a page: the text before the points stays with the first two
// points, and the last two points stay together.
func (l *layout) paragraph(p *document.Paragraph, x float64, spaceBefore float64) {
	st := stBody
	label, text := clean(p.Label), clean(p.Text)
	x0 := x
	if label != "" && text != "" {
		x0 = x + mm(l.width(st.face, label)+l.width(st.face, " "), st.size)
	}
	first, last := l.block(st, label, x, text, x0, x, 'J', spaceBefore)
	if len(p.Items) > 0 && last >= first {
		l.elems[last].keep = true // "… verbindt zich ertoe om:" stays with 1°
	}
	var ibuf [16][2]int
	items := ibuf[:0]
	for i := range p.Items {
		it := &p.Items[i]
		lab := clean(it.Label)
		lx := x + itemLabelX
		tx := max(x+itemTextX, lx+mm(l.width(st.face, lab), st.size)+labelGap)
		sp := spItem
		if last < first && i == 0 {
			sp = spaceBefore // the paragraph has no text of its own
		}
		f, e := l.block(st, lab, lx, clean(it.Text), tx, tx, 'J', sp)
		items = append(items, [2]int{f, e})
	}
	if n := len(items); n > 0 {
		l.keepTogether(items[0][0], items[min(1, n-1)][1])
		l.keepTogether(items[max(0, n-2)][0], items[n-1][1])
	}
}

// keepTogether keeps the elems first..last on one page.
func (l *layout) keepTogether(first, last int) {
	for i := first; i < last; i++ {
		l.elems[i].keep = true
	}
}

// recital lays out a recital as an indented paragraph with a hanging dash
// (or its own label), followed by its points.
func (l *layout) recital(r *document.Paragraph, spaceBefore float64) {
	label := clean(r.Label)
	if label == "" {
		label = "–"
	}
	tx := marginL + recitalTextX
	first, last := l.block(stBody, label, marginL+recitalBulletX, clean(r.Text), tx, tx, 'J', spaceBefore)
	if len(r.Items) == 0 {
		return
	}
	if last >= first {
		l.elems[last].keep = true
	}
	l.paragraph(&document.Paragraph{Items: r.Items}, tx, spItem)
}

// heading lays out a heading kept with what follows it.
func (l *layout) heading(st style, text string, align byte, spaceBefore float64, m *mark) {
	first, last := l.block(st, "", 0, text, marginL, marginL, align, spaceBefore)
	if last < first {
		return
	}
	for i := first; i <= last; i++ {
		l.elems[i].keep = true
	}
	l.elems[first].mark = m
}

// centred lays out centred lines (title, subtitle).
func (l *layout) centred(st style, text string, spaceBefore float64) {
	var buf [4]string
	for i, line := range l.wrap(st, text, textW, textW, buf[:0]) {
		sp := 0.0
		if i == 0 {
			sp = spaceBefore
		}
		l.add(sp, st.lineH, op{st: st, x: marginL, w: textW, text: line, align: 'C'})
	}
}

// build lays out the whole document (unpaginated).
func (l *layout) build(doc *document.Document) {
	l.centred(stTitle, clean(doc.Title), 0)
	l.centred(stSubtitle, clean(doc.Subtitle), spSubtitle)

	sp := spSection
	if s := clean(doc.PartiesIntro); s != "" {
		l.heading(stHeading, s, 'L', sp, nil)
		sp = spAfterHeading
	}
	for i := range doc.Parties {
		l.paragraph(&doc.Parties[i], marginL, sp)
		sp = spParagraph
	}
	l.block(stBody, "", 0, clean(doc.PartiesOutro), marginL, marginL, 'J', spParagraph)

	sp = spIntro
	if s := clean(doc.RecitalsIntro); s != "" {
		l.heading(stHeading, s, 'L', sp, nil)
		sp = spAfterHeading
	}
	for i := range doc.Recitals {
		l.recital(&doc.Recitals[i], sp)
		sp = spParagraph
	}
	if s := clean(doc.AgreedIntro); s != "" {
		l.heading(stHeading, s, 'L', spIntro, nil)
	}

	for ci := range doc.Chapters {
		ch := &doc.Chapters[ci]
		level := 0
		if ch.Number != 0 || ch.Title != "" {
			t := chapterHeading(ch)
			l.heading(stChapter, t, 'L', spChapter, &mark{text: t, level: 0})
			level = 1
		}
		sp := spArticle
		if level == 1 {
			sp = spAfterChapter
		}
		for ai := range ch.Articles {
			a := &ch.Articles[ai]
			t := articleHeading(a)
			l.heading(stHeading, t, 'L', sp, &mark{text: t, level: level})
			sp = spArticle
			body := len(l.elems)
			psp := spAfterHeading
			for pi := range a.Paragraphs {
				l.paragraph(&a.Paragraphs[pi], marginL, psp)
				psp = spParagraph
			}
			// Keep the heading with at least two lines of the article, even
			// when its first paragraph has a single line.
			if len(l.elems)-body >= 2 {
				l.elems[body].keep = true
			}
		}
	}

	first, last := l.block(stBody, "", 0, clean(doc.Closing), marginL, marginL, 'J', spClosing)
	if len(doc.Signatures) > 0 {
		sp := spSignatures
		if last >= first {
			for i := first; i <= last; i++ {
				l.elems[i].keep = true
			}
		}
		l.signatures(doc.Signatures, sp)
	}
}

// chapterHeading is "Hoofdstuk N. Title".
func chapterHeading(ch *document.Chapter) string {
	t := clean(ch.Title)
	if ch.Number == 0 {
		return t
	}
	h := "Hoofdstuk " + strconv.Itoa(ch.Number) + "."
	if t != "" {
		h += " " + t
	}
	return h
}

// articleHeading is "Artikel N. Title".
func articleHeading(a *document.Article) string {
	return document.ArticleHeading(a.Number, clean(a.Title))
}

// signatures lays out the signature blocks side by side, as many per row as
// fit (at least sigMinCol wide, names and functions on one line), one row
// per elem so that a block is never split over two pages, and the rows
// kept together.
func (l *layout) signatures(blocks []document.SignatureBlock, spaceBefore float64) {
	cols := min(len(blocks), 3)
	for ; cols > 1; cols-- {
		colW := (textW - sigGap*float64(cols-1)) / float64(cols)
		if colW >= sigMinCol && l.signersFit(blocks, colW) {
			break
		}
	}
	colW := (textW - sigGap*float64(cols-1)) / float64(cols)
	sp := spaceBefore
	var lines [8]string
	for row := 0; row < len(blocks); row += cols {
		rowBlocks := blocks[row:min(row+cols, len(blocks))]
		start := len(l.ops)
		// The party lines of a row take as much room as the longest, so that
		// the signature lines of the row are level.
		partyH := 0.0
		for c := range rowBlocks {
			n := len(l.wrap(stBody, clean(rowBlocks[c].Party), colW, colW, lines[:0]))
			partyH = max(partyH, float64(n)*stBody.lineH)
		}
		height := 0.0
		for c := range rowBlocks {
			b := &rowBlocks[c]
			x := marginL + float64(c)*(colW+sigGap)
			dy := 0.0
			if party := clean(b.Party); party != "" {
				for _, line := range l.wrap(stBody, party, colW, colW, lines[:0]) {
					l.ops = append(l.ops, op{st: stBody, x: x, dy: dy, w: colW, text: line, align: 'L'})
					dy += stBody.lineH
				}
			}
			dy = partyH
			for si := range b.Signers {
				s := &b.Signers[si]
				if si > 0 {
					dy += 4
				}
				dy += sigSpace
				l.ops = append(l.ops, op{st: stBody, x: x, dy: dy, w: min(colW, sigRuleW), rule: true})
				dy += 1.5
				if name := clean(s.Name); name != "" {
					for _, line := range l.wrap(stHeading, name, colW, colW, lines[:0]) {
						l.ops = append(l.ops, op{st: stHeading, x: x, dy: dy, w: colW, text: line, align: 'L'})
						dy += stHeading.lineH
					}
				}
				if fn := clean(s.Function); fn != "" {
					for _, line := range l.wrap(stBody, fn, colW, colW, lines[:0]) {
						l.ops = append(l.ops, op{st: stBody, x: x, dy: dy, w: colW, text: line, align: 'L'})
						dy += stBody.lineH
					}
				}
			}
			height = max(height, dy)
		}
		// The rows stay on one page, so that every party signs on the page
		// of the closing sentence (unless they do not fit on one).
		last := row+cols >= len(blocks)
		l.elems = append(l.elems, elem{spaceBefore: sp, height: height, keep: !last, ops: [2]int{start, len(l.ops)}})
		sp = spSigRow
	}
}

// signersFit reports whether every name and function, and every word of the
// party lines, fits on one line of a column colW wide.
func (l *layout) signersFit(blocks []document.SignatureBlock, colW float64) bool {
	fits := func(st style, s string) bool { return mm(l.width(st.face, clean(s)), st.size) <= colW }
	for _, b := range blocks {
		for _, w := range strings.Fields(b.Party) {
			if !fits(stBody, w) {
				return false
			}
		}
		for _, s := range b.Signers {
			if !fits(stHeading, s.Name) || !fits(stBody, s.Function) {
				return false
			}
		}
	}
	return true
}

// paginate assigns the elems to pages. A chain of elems joined by keep is
// moved to a new page as a whole when it does not fit; a chain taller than a
// page is broken where it must.
func (l *layout) paginate() {
	var page []placed
	y := marginTop
	newPage := func() {
		l.pages = append(l.pages, page)
		page = make([]placed, 0, 64)
		y = marginTop
	}
	page = make([]placed, 0, 64)
	chainHeight := func(i, j int, atTop bool) float64 {
		h := 0.0
		for k := i; k <= j; k++ {
			if k > i || !atTop {
				h += l.elems[k].spaceBefore
			}
			h += l.elems[k].height
		}
		return h
	}
	for i := 0; i < len(l.elems); {
		j := i
		for j+1 < len(l.elems) && l.elems[j].keep {
			j++
		}
		atTop := len(page) == 0
		if y+chainHeight(i, j, atTop) > bodyBottom {
			if !atTop && marginTop+chainHeight(i, j, true) <= bodyBottom {
				newPage()
				atTop = true
			} else {
				// The chain cannot be kept together: place its first elem
				// alone and look at the rest again.
				j = i
				if !atTop && y+chainHeight(i, i, false) > bodyBottom {
					newPage()
					atTop = true
				}
			}
		}
		for k := i; k <= j; k++ {
			if k > i || !atTop {
				y += l.elems[k].spaceBefore
			}
			page = append(page, placed{elem: k, y: y})
			y += l.elems[k].height
		}
		i = j + 1
	}
	if len(page) > 0 || len(l.pages) == 0 {
		l.pages = append(l.pages, page)
	}
}

// clean returns s in Unicode normalization form C with runs of spaces, tabs
// and line breaks collapsed into single spaces and the ends trimmed. It
// returns s itself, without allocating, when s is already clean. Other
// spaces, such as the no-break space, are kept: they are not break
// opportunities.
func clean(s string) string {
	s = norm.NFC.String(s)
	prevSpace := true // at the start, a space would be leading
	for i := 0; i < len(s); i++ {
		c := s[i]
		sp := c == ' ' || c == '\t' || c == '\n' || c == '\r'
		if sp && (c != ' ' || prevSpace) {
			return collapse(s)
		}
		prevSpace = sp
	}
	if prevSpace && s != "" {
		return collapse(s) // trailing space
	}
	return s
}

// collapse is the slow path of clean.
func collapse(s string) string {
	var b strings.Builder
	b.Grow(len(s))
	pending := false
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c == ' ' || c == '\t' || c == '\n' || c == '\r' {
			pending = b.Len() > 0
			continue
		}
		if pending {
			b.WriteByte(' ')
			pending = false
		}
		b.WriteByte(c)
	}
	return b.String()
}
