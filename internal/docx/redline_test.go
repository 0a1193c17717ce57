package docx_test

import (
	"bytes"
	"strings"
	"testing"

	"github.com/agii/ovk/internal/compare"
	"github.com/agii/ovk/internal/compare/worddiff"
	"github.com/agii/ovk/internal/docx"
	"github.com/agii/ovk/internal/testlib"
)

func renderRedline(t testing.TB, rl *docx.Redline) []byte {
	t.Helper()
	var b bytes.Buffer
	if err := docx.RenderRedline(&b, rl); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

// crossRelease is a profile that drafts under releases 2020.1 and 2025.1
// (the examples are written for 2026.1): between those two releases Halle's
// agreement gains, loses, changes, moves and renumbers articles.
const crossRelease = "testdata/profiles/23027-halle-2025.toml"

// redlinePairs are the agreement redlines the tests check: one
// municipality under two releases, and pairs of example municipalities
// under the default release (different parties, values and clauses).
func redlinePairs(t testing.TB) map[string]*docx.Redline {
	rl, _ := agreementRedline(t, crossRelease, "2020.1", "2025.1")
	if rl == nil {
		t.Fatalf("%s no longer drafts under 2020.1 and 2025.1", crossRelease)
	}
	out := map[string]*docx.Redline{"halle-2020.1-2025.1": rl}
	ex := examples(t)
	for _, p := range [][2]string{{"23060-opwijk", "73028-herstappe"}, {"24062-leuven", "31005-brugge"},
		{"41002-aalst", "44087-lochristi"}, {"73111-tongeren-borgloon", "23027-halle"}} {
		out[p[0]+"-"+p[1]] = profileRedline(t, ex[p[0]], ex[p[1]], "")
	}
	return out
}

// TestRedlineResolves reads each redline back and resolves its revisions
// as the OOXML model defines them: accepting all gives the paragraphs of
// the new agreement's DOCX, rejecting all those of the old one, exactly.
// (TestOffice checks the same with LibreOffice.)
func TestRedlineResolves(t *testing.T) {
	for name, rl := range redlinePairs(t) {
		ps := paragraphs(t, part(t, renderRedline(t, rl), "word/document.xml"))
		want := resolved(paragraphs(t, part(t, render(t, rl.New), "word/document.xml")), true)
		if got := resolved(ps, true); got != want {
			t.Errorf("%s: accepting all does not give the new agreement:\n%s", name, lineDiff(want, got))
		}
		want = resolved(paragraphs(t, part(t, render(t, rl.Old), "word/document.xml")), true)
		if got := resolved(ps, false); got != want {
			t.Errorf("%s: rejecting all does not give the old agreement:\n%s", name, lineDiff(want, got))
		}
	}
}

// TestRedlineAgreesWithReport counts, per clause of the report, what the
// redline shows of its article: inserted or deleted whole, moved (a named
// move from and to), changed word by word, or untouched; and it finds the
// words of changed values marked as such.
func TestRedlineAgreesWithReport(t *testing.T) {
	rl, r := agreementRedline(t, crossRelease, "2020.1", "2025.1")
	ps := paragraphs(t, part(t, renderRedline(t, rl), "word/document.xml"))
	type shown struct{ inserted, deleted, moveFrom, moveTo, edited, values int }
	got := map[string]*shown{}
	title := map[string]string{} // article heading text (new, else old) → clause id
	for _, c := range r.Clauses {
		ref := c.New
		if ref == nil {
			ref = c.Old
		}
		got[c.ID] = &shown{}
		title[ref.Title] = c.ID
	}
	var cur *shown
	for _, p := range ps {
		if p.style == "Heading1" {
			cur = nil
		}
		if p.style == "Heading2" {
			h := p.text(p.mark != "del" && p.mark != "moveFrom")
			_, t2, _ := strings.Cut(h, ". ")
			cur = got[title[t2]]
			if cur == nil {
				t.Fatalf("heading %q names no clause of the report", h)
			}
			switch p.mark {
			case "ins":
				cur.inserted++
			case "del":
				cur.deleted++
			case "moveFrom":
				cur.moveFrom++
			case "moveTo":
				cur.moveTo++
			}
			continue
		}
		if cur == nil {
			continue
		}
		for _, run := range p.runs {
			if p.mark == "" && (run.rev == "ins" || run.rev == "del") {
				cur.edited++
			}
			if run.value {
				cur.values++
			}
		}
	}
	moved, changed, valued := 0, 0, 0
	for _, c := range r.Clauses {
		s := got[c.ID]
		if c.Moved {
			moved++
			if s.moveFrom != 1 || s.moveTo != 1 {
				t.Errorf("%s moved: shown %+v", c.ID, *s)
			}
			continue
		}
		switch c.Status {
		case compare.Added:
			if s.inserted != 1 {
				t.Errorf("%s added: shown %+v", c.ID, *s)
			}
		case compare.Removed:
			if s.deleted != 1 {
				t.Errorf("%s removed: shown %+v", c.ID, *s)
			}
		case compare.Changed:
			changed++
			if s.edited == 0 {
				t.Errorf("%s changed: no revisions in its article (%+v)", c.ID, *s)
			}
		case compare.ValueChanged:
			valued++
			if s.edited == 0 || s.values == 0 {
				t.Errorf("%s: values changed, not marked as such (%+v)", c.ID, *s)
			}
		default: // unchanged, version only, renumbered: the new number at most
			if s.inserted+s.deleted+s.moveFrom+s.moveTo+s.values+s.edited != 0 {
				t.Errorf("%s %s: shown %+v", c.ID, c.Status, *s)
			}
		}
	}
	if sm := r.Summary; changed != sm.Changed || valued != sm.ValueChanged {
		t.Errorf("%d changed and %d with changed values, report counts %+v", changed, valued, sm)
	}
	if moved == 0 || changed == 0 || valued == 0 || r.Summary.Removed == 0 {
		t.Fatalf("the comparison no longer moves, changes, changes values and removes clauses: %+v", r.Summary)
	}
	for _, p := range ps {
		for _, run := range p.runs {
			if run.rev != "" && run.rev != "ins" && run.rev != "del" && run.rev != "moveFrom" && run.rev != "moveTo" {
				t.Errorf("unknown revision %q", run.rev)
			}
		}
	}
	doc := string(part(t, renderRedline(t, rl), "word/document.xml"))
	for _, s := range []string{`w:author="AgII – release 2025.1" w:date="2025-01-01T00:00:00Z"`} {
		if !strings.Contains(doc, s) {
			t.Errorf("document.xml lacks %s", s)
		}
	}
}

// TestRedlineDeterministic: the same comparison gives the same bytes.
func TestRedlineDeterministic(t *testing.T) {
	a, _ := agreementRedline(t, crossRelease, "2020.1", "2025.1")
	b, _ := agreementRedline(t, crossRelease, "2020.1", "2025.1")
	if !bytes.Equal(renderRedline(t, a), renderRedline(t, b)) {
		t.Error("two redlines of the same comparison differ")
	}
}

// TestRedlineReleases draws the changed clauses of two releases: accepting
// all gives each clause's new text, rejecting all its old one.
func TestRedlineReleases(t *testing.T) {
	for _, pair := range [][2]string{{"2020.1", "2025.1"}, {"2025.1", "2026.1"}} {
		rl, r := releasesRedline(t, pair[0], pair[1])
		if r.Summary.Changed == 0 {
			t.Fatalf("%v: no changed clauses", pair)
		}
		ps := paragraphs(t, part(t, renderRedline(t, rl), "word/document.xml"))
		for _, accept := range []bool{true, false} {
			if got, want := collapsed(resolved(ps, accept)), modelText(rl, accept); got != want {
				t.Errorf("%v, accept=%v:\n%s", pair, accept, lineDiff(want, got))
			}
		}
	}
}

// modelText is the text of a releases redline with all its revisions
// accepted or rejected: its paragraphs, white space collapsed, one a line.
func modelText(rl *docx.Redline, accept bool) string {
	var want strings.Builder
	keep := func(s string) {
		if s = strings.Join(strings.Fields(s), " "); s != "" {
			want.WriteString(s + "\n")
		}
	}
	m := rl.Model
	keep(m.Title)
	keep(m.Subtitle)
	for _, f := range m.Facts {
		keep(f.Label + ": " + f.Value)
	}
	keep(m.Legend)
	for _, s := range m.Sections {
		keep(s.Heading)
		for _, n := range s.Notes {
			keep(n)
		}
		var text strings.Builder
		for _, sp := range s.Text {
			if sp.Op == worddiff.Equal || (sp.Op == worddiff.Insert) == accept {
				text.WriteString(sp.Text)
			}
		}
		for _, p := range strings.Split(text.String(), "\n") {
			keep(p)
		}
	}
	return want.String()
}

// collapsed is s with white space collapsed, one non-empty line a line.
func collapsed(s string) string {
	var b strings.Builder
	for _, line := range strings.Split(s, "\n") {
		if line = strings.Join(strings.Fields(line), " "); line != "" {
			b.WriteString(line + "\n")
		}
	}
	return b.String()
}

// lineDiff shows the first line where two texts differ.
func lineDiff(want, got string) string { return testlib.FirstDiff(want, got) }

// TestRedlineWithoutMoves: when the comparison names no moves although an
// article changed its place, the longest common order decides, the article
// still shows as a move, and both sides still come out exactly.
func TestRedlineWithoutMoves(t *testing.T) {
	rl, _ := agreementRedline(t, crossRelease, "2020.1", "2025.1")
	rl.Moved = nil
	doc := part(t, renderRedline(t, rl), "word/document.xml")
	if !bytes.Contains(doc, []byte("<w:moveFromRangeStart")) || !bytes.Contains(doc, []byte("<w:moveToRangeStart")) {
		t.Error("the article that changed its place is not shown as a move")
	}
	ps := paragraphs(t, doc)
	if got, want := resolved(ps, true), resolved(paragraphs(t, part(t, render(t, rl.New), "word/document.xml")), true); got != want {
		t.Errorf("accept all:\n%s", lineDiff(want, got))
	}
	if got, want := resolved(ps, false), resolved(paragraphs(t, part(t, render(t, rl.Old), "word/document.xml")), true); got != want {
		t.Errorf("reject all:\n%s", lineDiff(want, got))
	}
}
