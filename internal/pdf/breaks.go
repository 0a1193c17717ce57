package pdf

import (
	"math"
	"slices"
	"strings"
	"unicode/utf8"

	"github.com/agii/ovk/internal/hyphen"
)

// Line breaking. A paragraph is a run of pieces, the fragments of its text
// between two places where a line may end: a space, or a hyphenation point
// inside a word. Spaces that hyphen.Keep protects ("7 juni 2013",
// "artikel 8, § 1") are glue that stretches but never breaks, so texts need
// no no-break spaces of their own.

// piece is a fragment of a paragraph: s[start:end], w wide, followed by
// the junction named by its fields (none after the last piece).
type piece struct {
	start, end int
	w          int
	// space: a space follows; keep: a space that must not be broken.
	space, keep bool
	// hyphen: a hyphenation point follows; addHyphen: the line then ends
	// with an added "-"; lead replaces the first rune (of leadLen bytes)
	// of the next piece when the line is broken here (a trema dropped).
	hyphen, addHyphen bool
	lead              string
	leadLen           int
	leadDelta         int // width of lead minus that of the rune it replaces
}

// breakable reports whether a line may end after p.
func (p *piece) breakable() bool { return p.space && !p.keep || p.hyphen }

// pieces splits s (clean) into pieces, with hyphenation points when
// hyphenate is set, and marks the spaces hyphen.Keep protects.
func (l *layout) pieces(f face, s string, hyphenate bool, buf []piece) []piece {
	fm := l.m[f]
	var wbuf [128]string
	words := wbuf[:0]
	for w := range strings.SplitSeq(s, " ") {
		words = append(words, w)
	}
	var kbuf [128]bool
	keep := hyphen.Keep(words, kbuf[:0])
	out := buf[:0]
	off := 0
	for i, w := range words {
		var brs []hyphen.Break
		if hyphenate && !hyphen.Protected(keep, i) {
			brs = hyphen.Breaks(w)
		}
		from := 0
		for _, b := range brs {
			p := piece{start: off + from, end: off + b.At, hyphen: true, addHyphen: b.Hyphen}
			p.w = l.width(f, w[from:b.At])
			if lead, size := b.Lead(w); size > 0 {
				r, _ := utf8.DecodeRuneInString(w[b.At:])
				nr, _ := utf8.DecodeRuneInString(lead)
				p.lead, p.leadLen = lead, size
				p.leadDelta = fm.advance(nr) - fm.advance(r)
			}
			out = append(out, p)
			from = b.At
		}
		p := piece{start: off + from, end: off + len(w), w: l.width(f, w[from:])}
		if i < len(words)-1 {
			p.space, p.keep = true, keep[i]
		}
		out = append(out, p)
		off += len(w) + 1
	}
	return out
}

// lineText is the text of the line of pieces ps[i..j].
func lineText(s string, ps []piece, i, j int) string {
	text := s[ps[i].start:ps[j].end]
	if i > 0 && ps[i-1].lead != "" {
		text = ps[i-1].lead + text[ps[i-1].leadLen:]
	}
	if ps[j].hyphen && ps[j].addHyphen {
		text += "-"
	}
	return text
}

// Demerits of the line breaker (after Knuth and Plass; TeX's defaults for
// the hyphen penalties).
const (
	linePenalty          = 10.0
	hyphenPenalty        = 50.0 // squared into the demerits of a hyphenated line
	doubleHyphenDemerits = 10000.0
	tripleHyphenDemerits = 30000.0 // a third hyphenated line in a row: rare, when it spares loose lines
	finalHyphenDemerits  = 5000.0  // the last full line ends with a hyphen
	loneWordBadness      = 1e6     // a line of one word, set ragged
)

// maxStretch is how far (in normal spaces) the spaces of a justified line
// may stretch beyond their width, so that none is wider than three normal
// spaces; a line that would need more, next to a long word that cannot be
// broken (an e-mail address), is set ragged. Its badness grows only
// linearly beyond that of the limit, so its neighbours are not made loose
// to spare it, while a short ragged line is still avoided.
const maxStretch = 2.0

// pruneStretch is the looseness beyond which justify looks no further for
// a line ending at a break that already has a setting.
const pruneStretch = 3.0

// tooLoose reports whether the justified line text, limit mm wide, would
// stretch its spaces beyond maxStretch.
func (l *layout) tooLoose(st style, text string, limit float64) bool {
	n := strings.Count(text, " ")
	if n == 0 {
		return true
	}
	slack := limit*1000*ptPerMM/st.size - float64(l.width(st.face, text))
	return slack/float64(n*l.m[st.face].advance(' ')) > maxStretch
}

// justify breaks s into lines for justified setting, choosing the breaks
// that minimise the demerits of the whole paragraph: a line's badness grows
// with the cube of how far its spaces must stretch, so one very loose line
// is avoided at the price of a few slightly looser ones, and a word is
// hyphenated (Dutch patterns, see package hyphen) when that spares a loose
// line. Spaces never shrink; the last line is free. The first line is at
// most first mm wide, the others rest. A paragraph that cannot be set
// without breaking a protected space is set without that protection, and
// one with a word wider than a line falls back to wrap.
func (l *layout) justify(st style, s string, first, rest float64, lines []string) []string {
	var pbuf [256]piece
	// As TeX does, first without hyphenation: a paragraph whose every
	// line fits within pretolerance needs no hyphen.
	ps := l.pieces(st.face, s, false, pbuf[:0])
	if out, ok := l.bestBreaks(st, s, ps, first, rest, pretolerance, lines); ok {
		return out
	}
	ps = l.pieces(st.face, s, true, ps[:0])
	if out, ok := l.bestBreaks(st, s, ps, first, rest, math.Inf(1), lines); ok {
		return out
	}
	for i := range ps {
		ps[i].keep = false
	}
	if out, ok := l.bestBreaks(st, s, ps, first, rest, math.Inf(1), lines); ok {
		return out
	}
	return l.wrap(st, s, first, rest, lines)
}

// pretolerance is the stretch (in normal spaces) up to which a paragraph is
// set without hyphenation: its spaces then stay below twice normal.
const pretolerance = 1.0

// bestBreaks is the dynamic programme of justify; it returns false when no
// setting fits. A line (but the last) that would stretch its spaces beyond
// tolerance does not fit.
func (l *layout) bestBreaks(st style, s string, ps []piece, first, rest, tolerance float64, lines []string) ([]string, bool) {
	fm := l.m[st.face]
	toUnits := 1000 * ptPerMM / st.size
	limFirst, limRest := first*toUnits, rest*toUnits
	maxLim := max(limFirst, limRest)
	space := fm.advance(' ')
	hyphenW := fm.advance('-')
	n := len(ps)

	// best[k][j] is the least demerits of setting ps[:j] with a break
	// after ps[j-1], where the last line begins after a hyphenation (k = 1)
	// or not (k = 0): three hyphenated lines in a row can then be told.
	// from[k][j] is where that last line begins and the k of the setting
	// before it.
	type back struct{ i, k int }
	var bbuf [2][257]float64
	var fbuf [2][257]back
	var best [2][]float64
	var from [2][]back
	for k := range 2 {
		if n+1 > len(bbuf[k]) {
			best[k], from[k] = make([]float64, n+1), make([]back, n+1)
		} else {
			best[k], from[k] = bbuf[k][:n+1], fbuf[k][:n+1]
		}
	}
	fits := func(j int) bool { return !math.IsInf(best[0][j], 1) || !math.IsInf(best[1][j], 1) }
	// pre[k] is the width of ps[:k] with the spaces after them; nsp[k] the
	// number of those spaces. starts lists the pieces a line may begin
	// with (after a break whose setting fits), in order.
	var prebuf, nspbuf, stbuf [257]int
	pre, nsp, starts := prebuf[:0], nspbuf[:0], stbuf[:0]
	pre, nsp = append(pre, 0), append(nsp, 0)
	for k := range ps {
		w, c := ps[k].w, 0
		if ps[k].space {
			w, c = w+space, 1
		}
		pre, nsp = append(pre, pre[k]+w), append(nsp, nsp[k]+c)
	}
	starts = append(starts, 0)
	for j := 1; j <= n; j++ {
		best[0][j], best[1][j] = math.Inf(1), math.Inf(1)
		end := &ps[j-1]
		if j < n && !end.breakable() {
			continue
		}
		// The line ps[i:j]: its pieces, the spaces between them, and the
		// hyphen it ends with.
		endW, endSp := pre[j], nsp[j-1]
		if end.space {
			endW -= space
		}
		if end.hyphen && end.addHyphen && j < n {
			endW += hyphenW
		}
		// From the longest line that fits to shorter and looser ones; a line
		// looser than pruneStretch ends the search once one setting fits.
		si0, _ := slices.BinarySearchFunc(starts, endW-int(maxLim), func(i, min int) int { return pre[i] - min })
		if si0 == len(starts) {
			return lines, false // no line can end here, nor further on
		}
		for si := si0; si < len(starts); si++ {
			i := starts[si]
			w := endW - pre[i]
			if float64(w) > maxLim {
				continue
			}
			spaces := endSp - nsp[i]
			if i > 0 {
				w += ps[i-1].leadDelta
			}
			limit := limRest
			if i == 0 {
				limit = limFirst
			}
			if float64(w) > limit {
				continue
			}
			bad := 0.0
			if j < n { // the last line is set ragged
				if spaces == 0 {
					if !math.IsInf(tolerance, 1) {
						continue
					}
					bad = loneWordBadness
				} else {
					r := (limit - float64(w)) / float64(spaces*space)
					if r > tolerance || r > pruneStretch && fits(j) {
						break
					}
					bad = 100 * r * r * r
					if r > maxStretch { // set ragged
						bad = 100 * maxStretch * maxStretch * maxStretch * (1 + r - maxStretch)
					}
				}
			}
			d := (linePenalty + bad) * (linePenalty + bad)
			afterHyphen := i > 0 && ps[i-1].hyphen
			if end.hyphen && j < n {
				d += hyphenPenalty * hyphenPenalty
				if afterHyphen {
					d += doubleHyphenDemerits
				}
			}
			if j == n && afterHyphen {
				d += finalHyphenDemerits
			}
			k := 0
			if afterHyphen {
				k = 1
			}
			for pk := range 2 {
				dd := d
				if i > 0 {
					dd += best[pk][i]
					if pk == 1 && afterHyphen && end.hyphen && j < n {
						dd += tripleHyphenDemerits
					}
				} else if pk == 1 {
					break
				}
				if dd < best[k][j] {
					best[k][j], from[k][j] = dd, back{i, pk}
				}
			}
		}
		if j < n && fits(j) {
			starts = append(starts, j)
		}
	}
	if !fits(n) {
		return lines, false
	}
	k := 0
	if best[1][n] < best[0][n] {
		k = 1
	}
	first0 := len(lines)
	for j := n; j > 0; {
		b := from[k][j]
		lines = append(lines, lineText(s, ps, b.i, j-1))
		j, k = b.i, b.k
	}
	slices.Reverse(lines[first0:])
	return lines, true
}

// wrap breaks s (clean: single spaces, no leading or trailing space) into
// ragged lines, the first at most first mm wide and the others at most rest
// mm wide, greedily, without hyphenation and without breaking a protected
// space where it can. A word wider than a line is broken between
// characters.
func (l *layout) wrap(st style, s string, first, rest float64, lines []string) []string {
	var pbuf [256]piece
	ps := l.pieces(st.face, s, false, pbuf[:0])
	first0 := len(lines)
	space := l.m[st.face].advance(' ')
	toUnits := 1000 * ptPerMM / st.size
	limit := first * toUnits
	start, lineW := 0, 0
	lastBreak := -1 // last piece after which this line may end
	for i := 0; i < len(ps); i++ {
		add := ps[i].w
		if i > start {
			add += space
		}
		if float64(lineW+add) <= limit || i == start && float64(add) <= limit {
			lineW += add
			if ps[i].breakable() {
				lastBreak = i
			}
			continue
		}
		if lastBreak < start {
			// No break on this line: break a protected space, or the
			// word itself, where the line is full.
			return l.wrapChars(st, s, first, rest, lines[:first0])
		}
		lines = append(lines, lineText(s, ps, start, lastBreak))
		start, lineW, i = lastBreak+1, 0, lastBreak
		limit = rest * toUnits
	}
	if start < len(ps) || len(lines) == 0 {
		if len(ps) == 0 {
			return append(lines, "")
		}
		lines = append(lines, lineText(s, ps, start, len(ps)-1))
	}
	return lines
}

// wrapChars breaks s into lines like wrap, at any space, and breaks a word
// wider than a line between characters.
func (l *layout) wrapChars(st style, s string, first, rest float64, lines []string) []string {
	fm := l.m[st.face]
	toUnits := 1000 * ptPerMM / st.size
	limit := first * toUnits
	space := fm.advance(' ')
	start, lineW := 0, 0
	lastSpace, wBefore := -1, 0 // last break opportunity on this line, width before it
	for i, r := range s {
		if r == ' ' {
			lastSpace, wBefore = i, lineW
			lineW += space
			continue
		}
		a := fm.advance(r)
		lineW += a
		if float64(lineW) <= limit || i == start {
			continue
		}
		if lastSpace > start {
			lines = append(lines, s[start:lastSpace])
			start, lineW = lastSpace+1, lineW-wBefore-space
			lastSpace = -1
			limit = rest * toUnits
			if float64(lineW) <= limit || i == start {
				continue
			}
		}
		// A word longer than the line: break it before r.
		lines = append(lines, s[start:i])
		start, lineW, lastSpace = i, a, -1
		limit = rest * toUnits
	}
	if start < len(s) || len(lines) == 0 {
		lines = append(lines, s[start:])
	}
	return lines
}
