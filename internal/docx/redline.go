package docx

import (
	"errors"
	"io"
	"strconv"
	"strings"
	"time"

	"github.com/agii/ovk/internal/compare/worddiff"
	"github.com/agii/ovk/internal/document"
)

// Redline is what RenderRedline draws: what a comparison compared and
// found (package ovk fills it in from package compare's report).
type Redline struct {
	// Old and New are the two agreements compared. With both set the
	// redline is the whole new agreement with the old one tracked; without
	// them (two releases) it shows the changed parts of Model.
	Old, New *document.Document
	// Model is the redline model of the comparison (in Dutch): its title,
	// facts and footer frame the document, and without agreements its
	// sections are the body.
	Model *document.Redline
	// Moved holds the clause ids whose articles the comparison found moved.
	Moved map[string]bool
	// Values are the changed values per clause id, and of the parts before
	// and after the articles.
	Values      map[string]*Values
	Front, Back *Values
	// Author and Date mark every revision: "AgII – release X" and the date
	// of release X, the new side's.
	Author string
	Date   time.Time
}

// Values are the changed values of a part of an agreement (parameters of
// its clause, agreement-wide values such as a contact person), whose words
// the redline marks as value changes.
type Values struct {
	Old, New []string
	// Only: the comparison explains every difference of the part's text by
	// the values, so every change in it is a value change.
	Only bool
}

// RenderRedline writes a redline as a DOCX document with real tracked
// changes: insertions and deletions (w:ins, w:del) under one author and
// date, a clause that moved as a move (w:moveFrom at its old place,
// w:moveTo at its new one), and the words of a changed value (a parameter
// or an agreement-wide value such as a contact person) in the character
// style "Gewijzigde waarde". For two agreements, accepting all changes gives exactly the
// new agreement and rejecting all exactly the old one. The same input
// always gives the same bytes.
func RenderRedline(w io.Writer, in *Redline) error {
	if in == nil || in.Model == nil {
		return errors.New("docx: incomplete redline")
	}
	if (in.Old == nil) != (in.New == nil) {
		return errors.New("docx: a redline of agreements needs both agreements")
	}
	author := in.Author
	if author == "" {
		author = "AgII"
	}
	rw := &redliner{body: body{author: clean(author), date: revDate(in.Date)}}
	m := in.Model
	fr := &frame{
		meta: meta{title: clean(m.Meta.Title), subject: clean(m.Meta.Subject), creator: rw.author,
			language: "nl-BE"},
		footer: clean(m.Footer),
	}
	if m.Meta.Language != "" {
		fr.meta.language = m.Meta.Language
	}
	for field, s := range map[string]string{"title": fr.meta.title, "subject": fr.meta.subject,
		"author": fr.meta.creator, "footer": fr.footer} {
		if err := checkXML(field, s); err != nil {
			return err
		}
	}
	var err error
	if in.Old != nil {
		err = rw.agreements(in)
	} else {
		err = rw.model(m)
	}
	if err != nil {
		return err
	}
	return assemble(fr, rw.bytes()).write(w)
}

// redliner writes the body of a redline.
type redliner struct {
	body
}

// model writes the changed parts of a redline model (releases mode): the
// title and facts, then per section its heading, its notes and its text
// with the deletions and insertions tracked.
func (rw *redliner) model(m *document.Redline) error {
	var texts []string
	plain := func(style, text string) {
		if text = clean(text); text != "" {
			texts = append(texts, text)
			rw.plain(&block{style: style, text: text})
		}
	}
	plain(stTitle, m.Title)
	plain(stSubtitle, m.Subtitle)
	for _, f := range m.Facts {
		plain(stNormal, f.Label+": "+f.Value)
	}
	plain(stNote, m.Legend)
	for _, s := range m.Sections {
		plain(stArticle, s.Heading)
		for _, n := range s.Notes {
			plain(stNote, n)
		}
		for _, p := range spanParagraphs(s.Text) {
			for _, r := range p.runs {
				texts = append(texts, r.text)
			}
			rw.para(stNormal, p.mark, p.runs, "", "")
		}
	}
	for _, s := range texts {
		if err := checkXML("redline", s); err != nil {
			return err
		}
	}
	return nil
}

// spanPara is a paragraph cut from a redline's spans.
type spanPara struct {
	runs []run
	mark rev // of the paragraph mark that ends it
}

// spanParagraphs cuts segments into paragraphs at their line and paragraph
// breaks; a break inside a deleted or inserted segment is a deleted or
// inserted paragraph mark.
func spanParagraphs(segs []worddiff.Segment) []spanPara {
	if len(segs) == 0 {
		return nil
	}
	var out []spanPara
	cur := spanPara{}
	for _, s := range segs {
		rv := revNone
		switch s.Op {
		case worddiff.Delete:
			rv = revDel
		case worddiff.Insert:
			rv = revIns
		}
		// A point and a paragraph both start a paragraph of their own.
		for i, piece := range strings.Split(strings.ReplaceAll(s.Text, worddiff.ParagraphBreak, worddiff.LineBreak), worddiff.LineBreak) {
			if i > 0 && len(cur.runs) > 0 {
				cur.mark = rv
				out = append(out, cur)
				cur = spanPara{}
			}
			if piece = collapseSpaces(piece, len(cur.runs) == 0); piece != "" {
				cur.runs = append(cur.runs, run{rev: rv, text: piece})
			}
		}
	}
	out = append(out, cur)
	return out
}

// collapseSpaces collapses runs of white space to one space, dropping the
// leading space at the start of a paragraph.
func collapseSpaces(s string, start bool) string {
	lead := s != "" && (s[0] == ' ' || s[0] == '\t')
	trail := len(s) > 1 && (s[len(s)-1] == ' ' || s[len(s)-1] == '\t')
	f := strings.Join(strings.Fields(s), " ")
	if f == "" {
		if lead && !start {
			return " "
		}
		return ""
	}
	if lead && !start {
		f = " " + f
	}
	if trail {
		f += " "
	}
	return f
}

// artSide is an article on one side of an agreement redline, with the
// chapter heading it stands under (nil when its chapter has none).
type artSide struct {
	sec     *section
	chapter *section
}

// agreements writes the whole new agreement with the changes from the old
// one tracked.
func (rw *redliner) agreements(in *Redline) error {
	olds, news := sections(in.Old), sections(in.New)
	if err := checkSections(olds); err != nil {
		return err
	}
	if err := checkSections(news); err != nil {
		return err
	}
	split := func(secs []section) (front, back *section, arts []artSide) {
		var chapter *section
		for i := range secs {
			s := &secs[i]
			switch s.kind {
			case secFront:
				front = s
			case secBack:
				back = s
			case secChapter:
				chapter = s
			case secArticle:
				arts = append(arts, artSide{s, chapter})
			}
		}
		return front, back, arts
	}
	of, ob, oa := split(olds)
	nf, nb, na := split(news)

	rw.aligned(of.blocks, nf.blocks, in.Front)

	var lastOld, lastNew *section
	for _, it := range mergeArticles(oa, na, in.Moved) {
		var oc, nc *section
		if it.old != nil && it.old.chapter != lastOld {
			oc, lastOld = it.old.chapter, it.old.chapter
		}
		if it.new != nil && it.new.chapter != lastNew {
			nc, lastNew = it.new.chapter, it.new.chapter
		}
		switch {
		case oc != nil && nc != nil:
			rw.aligned(oc.blocks, nc.blocks, nil)
		case oc != nil:
			rw.whole(oc.blocks, revDel)
		case nc != nil:
			rw.whole(nc.blocks, revIns)
		}
		switch it.kind {
		case itemBoth:
			rw.aligned(it.old.sec.blocks, it.new.sec.blocks, in.Values[it.new.sec.key])
		case itemDeleted:
			rw.whole(it.old.sec.blocks, revDel)
		case itemInserted:
			rw.whole(it.new.sec.blocks, revIns)
		case itemMoveFrom, itemMoveTo:
			rw.moved(it)
		}
	}
	rw.aligned(ob.blocks, nb.blocks, in.Back)
	return nil
}

// mark sets value on the deleted and inserted runs that belong to a
// changed value: all of them when the part changed only in its values,
// else those whose words occur in an old (deleted) or new (inserted) value.
func (v *Values) mark(rs []run) {
	if v == nil {
		return
	}
	in := func(s string, list []string) bool {
		s = strings.TrimSpace(s)
		if s == "" {
			return false
		}
		for _, e := range list {
			if strings.Contains(clean(e), s) {
				return true
			}
		}
		return false
	}
	for i := range rs {
		switch r := &rs[i]; {
		case r.tab || r.rev == revNone:
		case v.Only:
			r.value = true
		case r.rev == revDel:
			r.value = in(r.text, v.Old)
		case r.rev == revIns:
			r.value = in(r.text, v.New)
		}
	}
}

// The kinds of item of an agreement redline.
const (
	itemBoth = iota
	itemDeleted
	itemInserted
	itemMoveFrom
	itemMoveTo
)

type artItem struct {
	kind     int
	old, new *artSide
	move     string // the name of the move range
}

// mergeArticles interleaves the articles of both sides: the articles in
// both that did not move (per the report) in their common order, an
// article only in the old side where it stood (deleted, or the source of a
// move), an article only in the new side where it stands (inserted, or the
// destination of a move). Should the report's moves leave articles out of
// order, the longest common order decides which of them stay.
func mergeArticles(oa, na []artSide, moved map[string]bool) []artItem {
	inOld, inNew := map[string]int{}, map[string]int{}
	for i, a := range oa {
		inOld[a.sec.key] = i
	}
	for i, a := range na {
		inNew[a.sec.key] = i
	}
	// The anchors: of the articles on both sides that did not move, the
	// longest run in the same order on both sides (all of them, when the
	// report's moves are consistent).
	var oldIDs, newIDs []string
	for _, a := range oa {
		if _, ok := inNew[a.sec.key]; ok && !moved[a.sec.key] {
			oldIDs = append(oldIDs, a.sec.key)
		}
	}
	for _, a := range na {
		if _, ok := inOld[a.sec.key]; ok && !moved[a.sec.key] {
			newIDs = append(newIDs, a.sec.key)
		}
	}
	anchor := map[string]bool{}
	for _, p := range lcs(len(oldIDs), len(newIDs), func(i, j int) bool { return oldIDs[i] == newIDs[j] }) {
		anchor[oldIDs[p[0]]] = true
	}
	moves := map[string]string{}
	moveName := func(id string) string {
		if n, ok := moves[id]; ok {
			return n
		}
		n := "ovkMove" + strconv.Itoa(len(moves)+1)
		moves[id] = n
		return n
	}
	var out []artItem
	i, j := 0, 0
	for i < len(oa) || j < len(na) {
		if i < len(oa) && !anchor[oa[i].sec.key] {
			it := artItem{kind: itemDeleted, old: &oa[i]}
			if _, ok := inNew[oa[i].sec.key]; ok {
				it.kind, it.move = itemMoveFrom, moveName(oa[i].sec.key)
			}
			out = append(out, it)
			i++
			continue
		}
		if j < len(na) && !anchor[na[j].sec.key] {
			it := artItem{kind: itemInserted, new: &na[j]}
			if _, ok := inOld[na[j].sec.key]; ok {
				it.kind, it.move = itemMoveTo, moveName(na[j].sec.key)
			}
			out = append(out, it)
			j++
			continue
		}
		// Both are anchors; anchors stand in the same order on both sides.
		out = append(out, artItem{kind: itemBoth, old: &oa[i], new: &na[j]})
		i++
		j++
	}
	return out
}

// moved writes one end of a move: the whole article as it stood (the
// source) or as it stands (the destination), inside a named move range.
func (rw *redliner) moved(it artItem) {
	var blocks []block
	rv, tag := revMoveTo, "moveTo"
	if it.kind == itemMoveFrom {
		blocks, rv, tag = it.old.sec.blocks, revMoveFrom, "moveFrom"
	} else {
		blocks = it.new.sec.blocks
	}
	rangeID := rw.id()
	for bi := range blocks {
		var before, after string
		if bi == 0 {
			before = `<w:` + tag + `RangeStart w:id="` + rangeID + `" w:name="` + it.move + `"` +
				` w:author="` + esc(rw.author) + `" w:date="` + rw.date + `"/>`
		}
		if bi == len(blocks)-1 {
			after += `<w:` + tag + `RangeEnd w:id="` + rangeID + `"/>`
		}
		rw.para(blocks[bi].style, rv, blockRuns(&blocks[bi], rv, nil), before, after)
	}
}

// whole writes blocks that are only on one side, deleted or inserted with
// their paragraph marks.
func (rw *redliner) whole(blocks []block, rv rev) {
	for bi := range blocks {
		rw.para(blocks[bi].style, rv, blockRuns(&blocks[bi], rv, nil), "", "")
	}
}

// aligned writes the blocks of one section on both sides: the blocks that
// are equal stay as they are; between them, blocks of the same style are
// paired and diffed word by word, the others deleted or inserted. The
// words of changed values are marked as such.
func (rw *redliner) aligned(old, new []block, vals *Values) {
	emit := func(style string, mark rev, runs []run) {
		vals.mark(runs)
		rw.para(style, mark, runs, "", "")
	}
	// byStyle pairs the blocks of a gap that have the same style, when the
	// gap has as many on both sides (a rewrite, paragraph for paragraph);
	// else the old ones are deleted and the new ones inserted whole.
	byStyle := func(o, n []block) {
		var pairs [][2]int
		if len(o) == len(n) {
			pairs = lcs(len(o), len(n), func(i, j int) bool { return o[i].style == n[j].style })
		}
		i, j := 0, 0
		for _, p := range append(pairs, [2]int{len(o), len(n)}) {
			for ; i < p[0]; i++ {
				emit(o[i].style, revDel, blockRuns(&o[i], revDel, nil))
			}
			for ; j < p[1]; j++ {
				emit(n[j].style, revIns, blockRuns(&n[j], revIns, nil))
			}
			if i < len(o) && j < len(n) {
				emit(n[j].style, revNone, wordRuns(&o[i], &n[j]))
				i++
				j++
			}
		}
	}
	// gap pairs first the blocks that are alike (a point that moved down
	// when one was inserted before it), then the rest by style (byStyle).
	gap := func(o, n []block) {
		if len(o) == 0 || len(n) == 0 {
			byStyle(o, n)
			return
		}
		wo, wn := wordSets(o), wordSets(n)
		pairs := lcs(len(o), len(n), func(i, j int) bool { return o[i].style == n[j].style && alike(wo[i], wn[j]) })
		i, j := 0, 0
		for _, p := range append(pairs, [2]int{len(o), len(n)}) {
			byStyle(o[i:p[0]], n[j:p[1]])
			i, j = p[0], p[1]
			if i < len(o) && j < len(n) {
				emit(n[j].style, revNone, wordRuns(&o[i], &n[j]))
				i++
				j++
			}
		}
	}
	pairs := lcs(len(old), len(new), func(i, j int) bool { return old[i] == new[j] })
	i, j := 0, 0
	for _, p := range append(pairs, [2]int{len(old), len(new)}) {
		gap(old[i:p[0]], new[j:p[1]])
		i, j = p[0], p[1]
		if i < len(old) && j < len(new) {
			emit(new[j].style, revNone, blockRuns(&new[j], revNone, nil))
			i++
			j++
		}
	}
}

// lcs returns the index pairs of a longest common subsequence of two
// sequences of lengths n and m under eq, in order.
func lcs(n, m int, eq func(i, j int) bool) [][2]int {
	if n == 0 || m == 0 {
		return nil
	}
	// t[i][j] is the length of an LCS of the suffixes from i and j.
	t := make([]int, (n+1)*(m+1))
	at := func(i, j int) *int { return &t[i*(m+1)+j] }
	for i := n - 1; i >= 0; i-- {
		for j := m - 1; j >= 0; j-- {
			switch {
			case eq(i, j):
				*at(i, j) = *at(i+1, j+1) + 1
			case *at(i+1, j) >= *at(i, j+1):
				*at(i, j) = *at(i+1, j)
			default:
				*at(i, j) = *at(i, j+1)
			}
		}
	}
	var out [][2]int
	for i, j := 0, 0; i < n && j < m; {
		switch {
		case eq(i, j) && *at(i, j) == *at(i+1, j+1)+1:
			out = append(out, [2]int{i, j})
			i++
			j++
		case *at(i+1, j) >= *at(i, j+1):
			i++
		default:
			j++
		}
	}
	return out
}

// wordSets returns the set of the words of each block's text.
func wordSets(bs []block) []map[string]bool {
	out := make([]map[string]bool, len(bs))
	for i := range bs {
		ws := strings.Fields(bs[i].text)
		set := make(map[string]bool, len(ws))
		for _, w := range ws {
			set[w] = true
		}
		out[i] = set
	}
	return out
}

// alike reports whether two texts share at least half their words (Dice
// coefficient of their word sets).
func alike(a, b map[string]bool) bool {
	if len(a) == 0 || len(b) == 0 {
		return len(a) == len(b)
	}
	if len(a) > len(b) {
		a, b = b, a
	}
	common := 0
	for w := range a {
		if b[w] {
			common++
		}
	}
	return 4*common >= len(a)+len(b)
}
