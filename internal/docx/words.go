package docx

import (
	"strings"
	"unicode/utf8"

	"github.com/sergi/go-diff/diffmatchpatch"
)

// token is a word of a block, or the separator after its label.
type token struct {
	text string
	sep  bool
}

// tokens splits a block into its words: the label's, the separator, the
// text's. Texts are clean, so words are separated by single spaces.
func tokens(bl *block) []token {
	var out []token
	if bl.label != "" {
		for _, w := range strings.Split(bl.label, " ") {
			out = append(out, token{text: w})
		}
		if bl.text != "" {
			out = append(out, token{sep: true})
		}
	}
	if bl.text != "" {
		for _, w := range strings.Split(bl.text, " ") {
			out = append(out, token{text: w})
		}
	}
	return out
}

// wordRuns returns the runs of a paragraph that was old and is new, with
// the words that differ deleted and inserted. The words are diffed with
// diffmatchpatch, each distinct word mapped to one rune; the result is
// tidied up so that a rewritten phrase reads as one deletion and one
// insertion. A space between two words belongs to the second; where only
// one side has it (a word added at the start of a point), the space itself
// is tracked, so that both sides come out exactly.
func wordRuns(old, new *block) []run {
	a, b := tokens(old), tokens(new)
	ids := map[token]rune{}
	encode := func(ts []token) []rune {
		rs := make([]rune, len(ts))
		for i, t := range ts {
			r, ok := ids[t]
			if !ok {
				r = rune(len(ids) + 1)
				if r >= 0xD800 {
					r += 0x800 // no surrogates
				}
				ids[t] = r
			}
			rs[i] = r
		}
		return rs
	}
	ra, rb := encode(a), encode(b)
	dmp := diffmatchpatch.New()
	dmp.DiffTimeout = 0 // one paragraph: exact and deterministic
	diffs := dmp.DiffCleanupSemantic(dmp.DiffMainRunes(ra, rb, false))

	tab := new.tab
	var out []run
	emit := func(rv rev, t token, space bool) {
		if space {
			out = appendRun(out, run{rev: rv, text: " "})
		}
		if t.sep {
			if tab {
				out = append(out, run{rev: rv, tab: true})
			} else {
				out = appendRun(out, run{rev: rv, text: " "})
			}
			return
		}
		out = appendRun(out, run{rev: rv, text: t.text})
	}
	spaced := func(ts []token, i int) bool { return i > 0 && !ts[i-1].sep && !ts[i].sep }
	ia, ib := 0, 0
	for _, d := range diffs {
		n := utf8.RuneCountInString(d.Text)
		for k := 0; k < n; k++ {
			switch d.Type {
			case diffmatchpatch.DiffEqual:
				so, sn := spaced(a, ia), spaced(b, ib)
				switch {
				case so && !sn:
					out = appendRun(out, run{rev: revDel, text: " "})
				case sn && !so:
					out = appendRun(out, run{rev: revIns, text: " "})
				}
				emit(revNone, b[ib], so && sn)
				ia++
				ib++
			case diffmatchpatch.DiffDelete:
				emit(revDel, a[ia], spaced(a, ia))
				ia++
			case diffmatchpatch.DiffInsert:
				emit(revIns, b[ib], spaced(b, ib))
				ib++
			}
		}
	}
	return out
}

// appendRun appends r, joining it to the last run when both are text of
// the same revision.
func appendRun(rs []run, r run) []run {
	if n := len(rs); n > 0 && !rs[n-1].tab && !r.tab && rs[n-1].rev == r.rev && rs[n-1].value == r.value {
		rs[n-1].text += r.text
		return rs
	}
	return append(rs, r)
}
