package docx

import (
	"bytes"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/agii/ovk/internal/document"
)

// block is one paragraph of a document: a style, a literal label ("§ 1.",
// "1°", "–") and the text. The label is text, not a Word list number, so
// that it stays what the PDF says when a reviewer edits around it.
type block struct {
	style string
	label string
	tab   bool // a tab (hanging indent) rather than a space after the label
	text  string
}

// The kinds of section of a document.
const (
	secFront = iota
	secChapter
	secArticle
	secBack
)

// section is a run of blocks the redline aligns as a whole: the front
// matter, a chapter heading, an article, the back matter.
type section struct {
	kind   int
	key    string // article: clause id; chapter: its heading
	blocks []block
}

// sections cuts a document into its sections, in document order, with
// every text cleaned as the PDF cleans it.
func sections(d *document.Document) []section {
	var out []section
	var cur *section
	open := func(kind int, key string) {
		out = append(out, section{kind: kind, key: key})
		cur = &out[len(out)-1]
	}
	add := func(style, label string, tab bool, text string) {
		label, text = clean(label), clean(text)
		if label == "" && text == "" {
			return
		}
		cur.blocks = append(cur.blocks, block{style, label, tab, text})
	}
	items := func(its []document.Item) {
		for _, it := range its {
			add(stItem, it.Label, true, it.Text)
		}
	}
	paragraph := func(p document.Paragraph) {
		add(stNormal, p.Label, false, p.Text)
		items(p.Items)
	}

	open(secFront, "")
	add(stTitle, "", false, d.Title)
	add(stSubtitle, "", false, d.Subtitle)
	if d.Reference != "" {
		add(stReference, "", false, "Referentie: "+d.Reference)
	}
	add(stIntro, "", false, d.PartiesIntro)
	for _, p := range d.Parties {
		paragraph(p)
	}
	add(stNormal, "", false, d.PartiesOutro)
	add(stIntro, "", false, d.RecitalsIntro)
	for _, r := range d.Recitals {
		label := r.Label
		if clean(label) == "" {
			label = "–"
		}
		add(stRecital, label, true, r.Text)
		items(r.Items)
	}
	add(stIntro, "", false, d.AgreedIntro)
	for ci := range d.Chapters {
		ch := &d.Chapters[ci]
		if h := document.ChapterHeading(ch.Number, clean(ch.Title)); h != "" {
			open(secChapter, h)
			add(stChapter, "", false, h)
		}
		for ai := range ch.Articles {
			a := &ch.Articles[ai]
			open(secArticle, a.ClauseID)
			add(stArticle, "", false, document.ArticleHeading(a.Number, clean(a.Title)))
			for _, p := range a.Paragraphs {
				paragraph(p)
			}
		}
	}
	open(secBack, "")
	add(stNormal, "", false, d.Closing)
	for _, s := range d.Signatures {
		add(stSigParty, "", false, s.Party)
		for _, sg := range s.Signers {
			add(stSigName, "", false, sg.Name)
			add(stSigFunc, "", false, sg.Function)
		}
	}
	return out
}

// The revision marks of a run or a paragraph mark.
type rev uint8

const (
	revNone rev = iota
	revIns
	revDel
	revMoveFrom
	revMoveTo
)

// run is a piece of a paragraph: text, or a tab.
type run struct {
	rev   rev
	tab   bool
	value bool // the words of a changed value (style "Gewijzigde waarde")
	text  string
}

// body collects the paragraphs of w:body and writes them.
type body struct {
	b      bytes.Buffer
	paras  []para
	author string // of revisions
	date   string
	nextID int // w:id of revisions and move ranges
}

// para is one paragraph: its style, the revision of its paragraph mark,
// its runs, and markup written inside it before and after the runs (move
// ranges). oldStyle, when set, is the style it had before (a tracked
// paragraph property change).
type para struct {
	style, oldStyle string
	mark            rev
	runs            []run
	before, after   string
}

func (w *body) id() string {
	w.nextID++
	return strconv.Itoa(w.nextID)
}

// revAttrs are the attributes of a revision element.
func (w *body) revAttrs() string {
	return ` w:id="` + w.id() + `" w:author="` + esc(w.author) + `" w:date="` + w.date + `"`
}

var revElem = [...]string{revIns: "w:ins", revDel: "w:del", revMoveFrom: "w:moveFrom", revMoveTo: "w:moveTo"}

// para adds one paragraph.
func (w *body) para(style string, mark rev, runs []run, before, after string) {
	w.paras = append(w.paras, para{style: style, mark: mark, runs: runs, before: before, after: after})
}

// bytes writes the paragraphs collected and returns the content of w:body.
func (w *body) bytes() []byte {
	w.joinInsertions()
	for i := range w.paras {
		w.write(&w.paras[i])
	}
	w.paras = w.paras[:0]
	return w.b.Bytes()
}

// joinInsertions rewrites a paragraph that ends with inserted words and is
// followed by inserted paragraphs (A [y]¶ [X¶]) into the equivalent form
// with the inserted paragraph mark moved up (A [y ¶] [X]¶). LibreOffice
// joins the insertion at the end of A with the inserted paragraph after
// it, and rejecting both would then join A with the paragraph after X.
// The last inserted paragraph keeps A's style on rejection through a
// tracked change of its style.
func (w *body) joinInsertions() {
	ps := w.paras
	for i := 1; i < len(ps); i++ {
		prev := &ps[i-1]
		if ps[i].mark != revIns || prev.mark != revNone || len(prev.runs) == 0 || prev.runs[len(prev.runs)-1].rev != revIns {
			continue
		}
		j := i
		for j+1 < len(ps) && ps[j+1].mark == revIns && onlyInserted(ps[j+1].runs) {
			j++
		}
		if !onlyInserted(ps[j].runs) {
			continue
		}
		prev.mark, ps[j].mark = revIns, revNone
		if ps[j].style != prev.style {
			ps[j].oldStyle = prev.style
		}
		i = j
	}
}

func onlyInserted(rs []run) bool {
	for _, r := range rs {
		if r.rev != revIns {
			return false
		}
	}
	return true
}

// write writes one paragraph.
func (w *body) write(p *para) {
	b := &w.b
	b.WriteString(`<w:p>`)
	if p.style != stNormal || p.mark != revNone || p.oldStyle != "" {
		b.WriteString(`<w:pPr>`)
		if p.style != stNormal {
			b.WriteString(`<w:pStyle w:val="` + p.style + `"/>`)
		}
		if p.mark != revNone {
			b.WriteString(`<w:rPr><` + revElem[p.mark] + w.revAttrs() + `/></w:rPr>`)
		}
		if p.oldStyle != "" {
			b.WriteString(`<w:pPrChange` + w.revAttrs() + `><w:pPr><w:pStyle w:val="` + p.oldStyle + `"/></w:pPr></w:pPrChange>`)
		}
		b.WriteString(`</w:pPr>`)
	}
	b.WriteString(p.before)
	runs := p.runs
	for i := 0; i < len(runs); {
		r := runs[i]
		if r.rev == revNone {
			w.run(r)
			i++
			continue
		}
		// Consecutive runs of one revision share one revision element.
		b.WriteString(`<` + revElem[r.rev] + w.revAttrs() + `>`)
		j := i
		for ; j < len(runs) && runs[j].rev == r.rev; j++ {
			w.run(runs[j])
		}
		b.WriteString(`</` + revElem[r.rev] + `>`)
		i = j
	}
	b.WriteString(p.after)
	b.WriteString(`</w:p>`)
}

func (w *body) run(r run) {
	b := &w.b
	if r.tab {
		b.WriteString(`<w:r><w:tab/></w:r>`)
		return
	}
	if r.text == "" {
		return
	}
	el := "w:t"
	if r.rev == revDel {
		el = "w:delText"
	}
	b.WriteString(`<w:r>`)
	if r.value {
		b.WriteString(`<w:rPr><w:rStyle w:val="` + stValue + `"/></w:rPr>`)
	}
	b.WriteString(`<` + el + ` xml:space="preserve">`)
	escText(b, r.text)
	b.WriteString(`</` + el + `></w:r>`)
}

// plain writes a block without revisions.
func (w *body) plain(bl *block) {
	w.para(bl.style, revNone, blockRuns(bl, revNone, nil), "", "")
}

// blockRuns appends the runs of a block, all with revision rv.
func blockRuns(bl *block, rv rev, rs []run) []run {
	if bl.label != "" {
		rs = append(rs, run{rev: rv, text: bl.label})
		if bl.text != "" {
			if bl.tab {
				rs = append(rs, run{rev: rv, tab: true})
			} else {
				rs = append(rs, run{rev: rv, text: " "})
			}
		}
	}
	if bl.text != "" {
		rs = append(rs, run{rev: rv, text: bl.text})
	}
	return rs
}

// revDate is the date of a revision in the form Word writes.
func revDate(t time.Time) string {
	if t.IsZero() {
		t = fixedTime
	}
	return t.UTC().Format("2006-01-02T15:04:05Z")
}

// keywords joins the keywords of the PDF metadata: the document's own, then
// the library version and the profile hash.
func keywords(m *document.Meta) string {
	kw := make([]string, 0, len(m.Keywords)+2)
	for _, k := range m.Keywords {
		if k = clean(k); k != "" {
			kw = append(kw, k)
		}
	}
	for _, k := range [...]string{"bibliotheek " + m.LibraryVersion, "profiel-sha256 " + m.ProfileSHA256} {
		if k = clean(k); strings.Contains(k, " ") && !slices.Contains(kw, k) {
			kw = append(kw, k)
		}
	}
	return strings.Join(kw, ", ")
}
