package docx

import "github.com/agii/ovk/internal/compare/worddiff"

// wordRuns returns the runs of a paragraph that was old and is new, with
// the words that differ deleted and inserted: a changed label as a whole,
// the text as the project's word diff (package worddiff) has it. The word
// diff normalises (label numbers, white space); where its two sides are
// not exactly the two texts, the text is deleted and inserted as a whole,
// so that accepting and rejecting always give the texts exactly.
func wordRuns(old, new *block) []run {
	var out []run
	add := func(rv rev, text string) {
		if text != "" {
			out = appendRun(out, run{rev: rv, text: text})
		}
	}
	if old.label == new.label {
		add(revNone, new.label)
	} else {
		add(revDel, old.label)
		add(revIns, new.label)
	}
	sepOld, sepNew := old.label != "" && old.text != "", new.label != "" && new.text != ""
	sep := func(rv rev) {
		if new.tab {
			out = append(out, run{rev: rv, tab: true})
		} else {
			add(rv, " ")
		}
	}
	switch {
	case sepOld && sepNew:
		sep(revNone)
	case sepOld:
		sep(revDel)
	case sepNew:
		sep(revIns)
	}
	if old.text == new.text {
		add(revNone, new.text)
		return out
	}
	segs, _, _ := worddiff.Diff(old.text, new.text)
	if segs == nil || worddiff.Join(segs, worddiff.Delete) != old.text || worddiff.Join(segs, worddiff.Insert) != new.text {
		add(revDel, old.text)
		add(revIns, new.text)
		return out
	}
	for _, s := range segs {
		switch s.Op {
		case worddiff.Equal:
			add(revNone, s.Text)
		case worddiff.Delete:
			add(revDel, s.Text)
		case worddiff.Insert:
			add(revIns, s.Text)
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
