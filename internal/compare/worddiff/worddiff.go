// Package worddiff owns the word-level diff of two texts: a tokenizer
// (words, numbers, template actions, punctuation, and the structural breaks
// of a normalised text), the diff of the token streams, its semantic cleanup
// and the segments a redline is drawn from. It knows nothing of agreements:
// callers normalise their texts first (a single space between words,
// LineBreak before a point, ParagraphBreak between paragraphs).
package worddiff

import (
	"slices"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/sergi/go-diff/diffmatchpatch"
	"golang.org/x/text/unicode/norm"
)

// The structural tokens of a normalised text: a line break starts a new
// point of an enumeration ("1°", "- "), a paragraph break a new paragraph.
// Every other run of white space is a single space, which is not a token:
// reflow, line breaks inside a paragraph and runs of spaces are no change.
const (
	LineBreak      = "\n"
	ParagraphBreak = "\n\n"
)

// token is one word, number, template action or punctuation mark of a
// text, or a structural break, with the white space before it.
type token struct {
	text  string
	key   string // what is compared: text, or "#" for the number of a label
	space bool   // preceded by a space
}

// isBreak reports whether t is a structural break.
func (t token) isBreak() bool { return t.text == LineBreak || t.text == ParagraphBreak }

// tokenize splits a normalised text (see the normalise functions) into
// tokens. A word is a run of letters, digits and marks, joined across an
// apostrophe or hyphen between letters or digits ("D'hondt", "OCMW-cliënt")
// and across a point or comma between digits ("5.000", "6.1", "0,5"). A
// template action "{{…}}" is one token. Any other character is a token of
// its own. The text is put in Unicode normal form C first, so that
// canonically equivalent spellings of a word are the same token.
func tokenize(s string) []token {
	s = norm.NFC.String(s)
	var out []token
	space := false
	for i := 0; i < len(s); {
		r, n := utf8.DecodeRuneInString(s[i:])
		switch {
		case r == '\n':
			j := i
			nl := 0
			for j < len(s) {
				r2, n2 := utf8.DecodeRuneInString(s[j:])
				if !unicode.IsSpace(r2) {
					break
				}
				if r2 == '\n' {
					nl++
				}
				j += n2
			}
			t := LineBreak
			if nl > 1 {
				t = ParagraphBreak
			}
			if len(out) > 0 && j < len(s) {
				out = append(out, token{text: t})
			}
			space = false
			i = j
			continue
		case unicode.IsSpace(r):
			space = len(out) > 0 && !out[len(out)-1].isBreak()
			i += n
			continue
		case strings.HasPrefix(s[i:], "{{"):
			end := strings.Index(s[i+2:], "}}")
			if end >= 0 {
				j := i + 2 + end + 2
				out = append(out, token{text: templateAction(s[i+2 : j-2]), space: space})
				space = false
				i = j
				continue
			}
		case isWordRune(r):
			j := i + n
			for j < len(s) {
				r2, n2 := utf8.DecodeRuneInString(s[j:])
				if isWordRune(r2) {
					j += n2
					continue
				}
				if next, n3 := utf8.DecodeRuneInString(s[j+n2:]); j+n2 < len(s) && joins(lastRune(s[i:j]), r2, next) {
					j += n2 + n3
					continue
				}
				break
			}
			out = append(out, token{text: s[i:j], space: space})
			space = false
			i = j
			continue
		}
		out = append(out, token{text: s[i : i+n], space: space})
		space = false
		i += n
	}
	for k := range out {
		out[k].key = out[k].text
		if isLabelNumber(out, k) {
			out[k].key = "#"
		}
	}
	return out
}

// isLabelNumber reports whether out[k] is the number of a paragraph label
// ("§ 3.") or of a point ("2°") at the start of its line. Such numbers
// follow from the paragraphs and points before them: when a point is
// inserted, the points after it are renumbered, which is no change of
// their text. Numbers in running text ("§ 2 van toepassing") still count.
func isLabelNumber(out []token, k int) bool {
	if !isDigits(out[k].text) {
		return false
	}
	lineStart := func(i int) bool { return i == 0 || out[i-1].isBreak() }
	if lineStart(k) && k+1 < len(out) && out[k+1].text == "°" {
		return true
	}
	return k > 0 && out[k-1].text == "§" && lineStart(k-1) && k+1 < len(out) && out[k+1].text == "."
}

func isDigits(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return s != ""
}

// templateAction returns a template action in normal form, "{{.x}}" for
// "{{ .x }}". Trim markers ("{{- .x -}}") are kept: they can glue two
// words of the rendered text together.
func templateAction(inner string) string {
	if strings.ContainsAny(inner, "{}") {
		return "{{" + inner + "}}" // not a Go template action; keep it as it is
	}
	left, right := "", ""
	if rest, ok := strings.CutPrefix(inner, "- "); ok {
		inner, left = rest, "- "
	}
	if rest, ok := strings.CutSuffix(inner, " -"); ok {
		inner, right = rest, " -"
	}
	return "{{" + left + strings.Join(strings.Fields(inner), " ") + right + "}}"
}

func isWordRune(r rune) bool { return unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.IsMark(r) }

func lastRune(s string) rune {
	r, _ := utf8.DecodeLastRuneInString(s)
	return r
}

// joins reports whether sep between prev and next keeps one word together.
func joins(prev, sep, next rune) bool {
	switch sep {
	case '.', ',':
		return unicode.IsDigit(prev) && unicode.IsDigit(next)
	case '\'', '’', '-', '‑':
		return isWordRune(prev) && isWordRune(next)
	}
	return false
}

// Op is the operation of a redline segment.
type Op string

// The operations of a redline.
const (
	Equal  Op = "equal"
	Delete Op = "delete"
	Insert Op = "insert"
)

// Segment is a run of text that is unchanged, deleted or inserted. Its text
// includes the space before its first word; "\n" starts a new point of an
// enumeration and "\n\n" a new paragraph.
type Segment struct {
	Op   Op     `json:"op"`
	Text string `json:"text"`
}

// Diff returns the word-level redline from old to new (both normalised
// texts), or nil when they have the same tokens, with the number of words
// deleted and inserted. White space follows the new text where the words are
// unchanged.
func Diff(old, new string) (segs []Segment, deleted, inserted int) {
	if old == new {
		return nil, 0, 0
	}
	a, b := tokenize(old), tokenize(new)
	ops := diffTokens(a, b)
	if len(ops) == 0 {
		return nil, 0, 0
	}
	for _, o := range ops {
		if o.op == Equal {
			continue
		}
		if o.op == Delete {
			deleted += countWords(o.toks)
		} else {
			inserted += countWords(o.toks)
		}
	}
	return segments(ops), deleted, inserted
}

// countWords counts the words and numbers among tokens, not counting the
// numbers of labels.
func countWords(ts []token) int {
	n := 0
	for _, t := range ts {
		if t.key != "#" && isWordRune(firstRune(t.text)) {
			n++
		}
	}
	return n
}

func firstRune(s string) rune {
	r, _ := utf8.DecodeRuneInString(s)
	return r
}

// Same reports whether two normalised texts have the same tokens: whether
// Diff would find no change.
func Same(old, new string) bool {
	if old == new {
		return true
	}
	a, b := tokenize(old), tokenize(new)
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i].key != b[i].key {
			return false
		}
	}
	return true
}

// tokenOp is a run of tokens with one operation: toks are the new text's
// tokens (Equal, Insert) or the old text's (Delete); old holds the old
// text's tokens of an Equal run, which differ from toks in white space only.
type tokenOp struct {
	op   Op
	toks []token
	old  []token
}

// diffTokens diffs two token streams with diffmatchpatch: each distinct
// token is mapped to one rune (the DiffLinesToRunes technique, with words
// instead of lines), the rune strings are diffed, and the result is mapped
// back. The result is nil when the token texts are the same.
func diffTokens(a, b []token) []tokenOp {
	ids := map[string]rune{}
	encode := func(ts []token) []rune {
		rs := make([]rune, len(ts))
		for i, t := range ts {
			r, ok := ids[t.key]
			if !ok {
				r = indexRune(len(ids))
				ids[t.key] = r
			}
			rs[i] = r
		}
		return rs
	}
	ra, rb := encode(a), encode(b)
	if string(ra) == string(rb) {
		return nil
	}
	dmp := diffmatchpatch.New()
	// Exact and deterministic: a text is one article or one preamble long.
	// Only texts far longer than any agreement's (a hostile manifest) get a
	// time limit, beyond which the diff is correct but coarser.
	dmp.DiffTimeout = 0
	if len(ra)+len(rb) > maxExactTokens {
		dmp.DiffTimeout = 2 * time.Second
	}
	diffs := dmp.DiffMainRunes(ra, rb, false)
	var ops []tokenOp
	ia, ib := 0, 0
	for _, d := range diffs {
		n := utf8.RuneCountInString(d.Text)
		var o tokenOp
		switch d.Type {
		case diffmatchpatch.DiffEqual:
			o = tokenOp{op: Equal, toks: b[ib : ib+n], old: a[ia : ia+n]}
			ia += n
			ib += n
		case diffmatchpatch.DiffDelete:
			o = tokenOp{op: Delete, toks: a[ia : ia+n]}
			ia += n
		case diffmatchpatch.DiffInsert:
			o = tokenOp{op: Insert, toks: b[ib : ib+n]}
			ib += n
		}
		ops = append(ops, o)
	}
	return shiftEdits(cleanupSemantic(ops))
}

// maxExactTokens is the length (old plus new) up to which diffs are exact.
const maxExactTokens = 50000

// indexRune maps a token index to a rune that survives a round trip through
// a Go string (no surrogates).
func indexRune(i int) rune {
	r := rune(i + 1)
	if r >= 0xD800 {
		r += 0x800
	}
	return r
}

// cleanupSemantic merges edits separated by short unchanged runs ("de",
// ",") into one deletion and one insertion, so that a rewritten sentence
// reads as a rewrite instead of as word salad. It is the first phase of
// diffmatchpatch's DiffCleanupSemantic, counted in tokens; the library's own
// function cannot be used on the token runes because its second phase mixes
// byte and rune offsets on multi-byte runes.
func cleanupSemantic(ops []tokenOp) []tokenOp {
	for {
		merged := false
		for i := 1; i+1 < len(ops); i++ {
			if ops[i].op != Equal {
				continue
			}
			before := editSize(ops[:i], true)
			after := editSize(ops[i+1:], false)
			n := len(ops[i].toks)
			if n <= before && n <= after {
				ops = mergeAround(ops, i)
				merged = true
				break
			}
		}
		if !merged {
			return normaliseOps(ops)
		}
	}
}

// editSize returns the larger of the deleted and inserted token counts of
// the edit run adjacent to an equality: the run ending ops (backward) or
// starting it (forward).
func editSize(ops []tokenOp, backward bool) int {
	del, ins := 0, 0
	for k := range ops {
		o := ops[k]
		if backward {
			o = ops[len(ops)-1-k]
		}
		if o.op == Equal {
			break
		}
		if o.op == Delete {
			del += len(o.toks)
		} else {
			ins += len(o.toks)
		}
	}
	return max(del, ins)
}

// mergeAround turns the equality at i and the edit runs on both sides into
// one deletion followed by one insertion.
func mergeAround(ops []tokenOp, i int) []tokenOp {
	lo, hi := i, i+1
	for lo > 0 && ops[lo-1].op != Equal {
		lo--
	}
	for hi < len(ops) && ops[hi].op != Equal {
		hi++
	}
	var del, ins []token
	for _, o := range ops[lo:hi] {
		switch o.op {
		case Equal:
			del = append(del, o.old...)
			ins = append(ins, o.toks...)
		case Delete:
			del = append(del, o.toks...)
		case Insert:
			ins = append(ins, o.toks...)
		}
	}
	out := append([]tokenOp(nil), ops[:lo]...)
	out = append(out, tokenOp{op: Delete, toks: del}, tokenOp{op: Insert, toks: ins})
	return append(out, ops[hi:]...)
}

// normaliseOps drops empty runs and puts each edit run in the order
// deletion, insertion.
func normaliseOps(ops []tokenOp) []tokenOp {
	var out []tokenOp
	for i := 0; i < len(ops); {
		if ops[i].op == Equal {
			if len(ops[i].toks) > 0 {
				out = append(out, ops[i])
			}
			i++
			continue
		}
		var del, ins []token
		for ; i < len(ops) && ops[i].op != Equal; i++ {
			if ops[i].op == Delete {
				del = append(del, ops[i].toks...)
			} else {
				ins = append(ins, ops[i].toks...)
			}
		}
		if len(del) > 0 {
			out = append(out, tokenOp{op: Delete, toks: del})
		}
		if len(ins) > 0 {
			out = append(out, tokenOp{op: Insert, toks: ins})
		}
	}
	return out
}

// shiftEdits slides each pure insertion or deletion between two unchanged
// runs to the equivalent place that best follows the structure of the text:
// a whole line or point rather than "the end of one and the start of the
// next" (diffmatchpatch's DiffCleanupSemanticLossless, on tokens).
func shiftEdits(ops []tokenOp) []tokenOp {
	for i := 1; i+1 < len(ops); i++ {
		if ops[i].op == Equal || ops[i-1].op != Equal || ops[i+1].op != Equal {
			continue
		}
		e1, e, e2 := ops[i-1], ops[i], ops[i+1]
		eOld := append(slices.Clone(e1.old), e2.old...)
		eNew := append(slices.Clone(e1.toks), e2.toks...)
		side := eNew
		if e.op == Delete {
			side = eOld
		}
		seq := append(append(slices.Clone(side[:len(e1.toks)]), e.toks...), side[len(e1.toks):]...)
		n := len(e.toks)
		c := len(e1.toks)
		for c > 0 && seq[c-1].key == seq[c-1+n].key {
			c--
		}
		best, bestScore := c, -1
		for ; ; c++ {
			if sc := boundary(seq, c) + boundary(seq, c+n); sc >= bestScore {
				best, bestScore = c, sc
			}
			if c+n >= len(seq) || seq[c].key != seq[c+n].key {
				break
			}
		}
		if best == len(e1.toks) {
			continue
		}
		ops[i] = tokenOp{op: e.op, toks: seq[best : best+n]}
		if e.op == Insert { // seq is the new text
			ops[i-1] = tokenOp{op: Equal, toks: seq[:best], old: eOld[:best]}
			ops[i+1] = tokenOp{op: Equal, toks: seq[best+n:], old: eOld[best:]}
		} else { // seq is the old text
			ops[i-1] = tokenOp{op: Equal, toks: eNew[:best], old: seq[:best]}
			ops[i+1] = tokenOp{op: Equal, toks: eNew[best:], old: seq[best+n:]}
		}
	}
	return normaliseOps(ops)
}

// boundary scores the boundary before seq[k]: the start of a paragraph or
// line is best, then the end of one, then a sentence or clause mark, then
// a space between words.
func boundary(seq []token, k int) int {
	if k <= 0 || k >= len(seq) {
		return 6
	}
	x, y := seq[k-1], seq[k]
	switch {
	case x.text == ParagraphBreak:
		return 5
	case x.text == LineBreak:
		return 4
	case y.isBreak():
		return 3
	case strings.ContainsAny(x.text, ".;:,") && y.space:
		return 2
	case y.space:
		return 1
	}
	return 0
}

// segments renders token runs as text. The space in front of a replacement
// (a deletion followed by an insertion) moves into the unchanged text before
// it, so that neither is struck through or underlined from the previous word
// on; a pure deletion or insertion keeps its space, so that both the old and
// the new text read with single spaces.
func segments(ops []tokenOp) []Segment {
	segs := make([]Segment, 0, len(ops))
	for i, o := range ops {
		var b strings.Builder
		for j, t := range o.toks {
			if t.space && !(j == 0 && i == 0) {
				b.WriteByte(' ')
			}
			b.WriteString(t.text)
		}
		segs = append(segs, Segment{Op: o.op, Text: b.String()})
	}
	for i := 0; i < len(segs); i++ {
		if segs[i].Op == Equal {
			continue
		}
		j := i
		for j < len(segs) && segs[j].Op != Equal {
			j++
		}
		all := j-i == 2
		for _, s := range segs[i:j] {
			all = all && strings.HasPrefix(s.Text, " ")
		}
		if all && i > 0 {
			segs[i-1].Text += " "
			for k := i; k < j; k++ {
				segs[k].Text = segs[k].Text[1:]
			}
		}
		i = j
	}
	// An unchanged word keeps the space before it in the new text. Where
	// the old text had a space there and the new one has none, put the
	// space at the end of the deletion before it (or, after a pure
	// insertion, before the insertion), so that the old text does not run
	// two words together.
	for i := 1; i < len(ops); i++ {
		o := ops[i]
		if o.op != Equal || len(o.toks) == 0 || !o.old[0].space || o.toks[0].space {
			continue
		}
		k := i - 1
		for k >= 0 && ops[k].op == Insert {
			k--
		}
		switch {
		case k >= 0 && ops[k].op == Delete:
			segs[k].Text += " "
		case k >= 0 && k < i-1: // a pure insertion after unchanged text
			if strings.HasPrefix(segs[k+1].Text, " ") {
				segs[k+1].Text = segs[k+1].Text[1:]
			}
			segs[k].Text += " "
		}
	}
	return segs
}

// Join returns the old (side Delete: the segments Equal and Delete) or the
// new text (side Insert) of a redline.
func Join(segs []Segment, side Op) string {
	var b strings.Builder
	for _, s := range segs {
		if s.Op == Equal || s.Op == side {
			b.WriteString(s.Text)
		}
	}
	return b.String()
}

// Whole returns the redline of a text added (op Insert) or removed (op
// Delete) as a whole, and its number of words; nil for an empty text.
func Whole(op Op, text string) ([]Segment, int) {
	toks := tokenize(text)
	if len(toks) == 0 {
		return nil, 0
	}
	return segments([]tokenOp{{op: op, toks: toks}}), countWords(toks)
}
