package pdf_test

// The typographic measures of issue 8 (M10–M12), for all examples:
//
//	go test ./internal/pdf -run '^$' -bench Typography -benchtime 1x
//
// BenchmarkTypography reports the widest space of a justified line (in
// normal spaces), the lines whose spaces are more than twice normal, the
// lines ending in a hyphenation, the pages on which an enumeration split
// over pages has one point only, and the introductions on another page
// than their first two points (the cost of hyphenation is measured in
// package hyphen, BenchmarkAgreement). This file and export_test.go use
// only what the layout has had since before hyphenation, so that they also
// measure older versions.

import (
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"

	"github.com/agii/ovk/internal/document"
	"github.com/agii/ovk/internal/ovk"
	"github.com/agii/ovk/internal/pdf"
)

// example is one drafted example agreement.
type example struct {
	name string
	doc  *document.Document
}

// examples drafts every examples/*.toml under the newest embedded release.
func examples(t testing.TB) []example {
	t.Helper()
	files, err := filepath.Glob("../../examples/*.toml")
	if err != nil || len(files) == 0 {
		t.Fatalf("no examples: %v", err)
	}
	cat, err := ovk.Open(ovk.Embedded)
	if err != nil {
		t.Fatal(err)
	}
	d, err := cat.Drafter("")
	if err != nil {
		t.Fatal(err)
	}
	var out []example
	for _, f := range files {
		p, err := ovk.LoadProfile(f)
		if err != nil {
			t.Fatal(err)
		}
		res, err := d.Prepare(p)
		if err != nil {
			t.Fatalf("%s: %v", f, err)
		}
		out = append(out, example{strings.TrimSuffix(filepath.Base(f), ".toml"), res.Doc})
	}
	return out
}

// typoStats are the typographic measures of one laid-out agreement.
type typoStats struct {
	lines       int     // lines of text
	maxGap      float64 // widest space of a justified line, in normal spaces
	looseLines  int     // justified lines whose spaces are more than twice normal
	hyphenLines int     // lines ending in a hyphenated word
	hyphenRuns  int     // three or more such lines in a row
	lonePoints  int     // pages on which an enumeration split over pages has one point only
	splitIntros int     // introductory sentences on another page than their first two points
}

var pointLabel = regexp.MustCompile(`^(\d+°|[a-z]\))$`)

// elisionWords follow a hyphen that is not a hyphenation: "integratie- en".
var elisionWords = map[string]bool{"en": true, "of": true, "tot": true, "noch": true}

// measure computes typoStats from the laid-out lines.
func measure(lines []pdf.LaidLine) typoStats {
	var s typoStats
	s.lines = len(lines)
	for i, l := range lines {
		s.maxGap = max(s.maxGap, l.Gap)
		if l.Gap > 2 {
			s.looseLines++
		}
		if hyphenated(lines, i) {
			s.hyphenLines++
			if i >= 2 && hyphenated(lines, i-1) && hyphenated(lines, i-2) {
				s.hyphenRuns++
			}
		}
	}
	for _, e := range enumerations(lines) {
		pages := map[int]int{}
		for _, it := range e.items {
			seen := map[int]bool{}
			for _, li := range it {
				seen[lines[li].Page] = true
			}
			for p := range seen {
				pages[p]++
			}
		}
		if len(e.items) >= 2 && len(pages) > 1 {
			for _, n := range pages {
				if n == 1 {
					s.lonePoints++
				}
			}
		}
		second := e.items[min(1, len(e.items)-1)]
		if e.intro >= 0 && lines[e.intro].Page != lines[second[len(second)-1]].Page {
			s.splitIntros++
		}
	}
	return s
}

// hyphenated reports whether lines[i] ends in a word broken by hyphenation.
func hyphenated(lines []pdf.LaidLine, i int) bool {
	t := lines[i].Text
	if !strings.HasSuffix(t, "-") || i+1 >= len(lines) {
		return false
	}
	r, _ := utf8.DecodeLastRuneInString(strings.TrimSuffix(t, "-"))
	next := strings.Fields(lines[i+1].Text)
	return unicode.IsLetter(r) && len(next) > 0 && !elisionWords[next[0]]
}

// enumeration is a run of points: for each point the indices of its lines,
// and the line before the first point (-1 when that is not a line of text
// introducing it).
type enumeration struct {
	intro int
	items [][]int
}

func enumerations(lines []pdf.LaidLine) []enumeration {
	var out []enumeration
	var cur *enumeration
	itemX := -1.0
	for i, l := range lines {
		switch {
		case pointLabel.MatchString(l.Label):
			if cur == nil {
				intro := i - 1
				if intro < 0 || lines[intro].Bold {
					intro = -1
				}
				out = append(out, enumeration{intro: intro})
				cur = &out[len(out)-1]
			}
			cur.items = append(cur.items, []int{i})
			itemX = l.X
		case cur != nil && l.Label == "" && l.X == itemX && !l.Bold:
			last := &cur.items[len(cur.items)-1]
			*last = append(*last, i)
		default:
			cur, itemX = nil, -1
		}
	}
	return out
}

func BenchmarkTypography(b *testing.B) {
	exs := examples(b)
	var total typoStats
	for b.Loop() {
		total = typoStats{}
		for _, ex := range exs {
			s := measure(pdf.LayOut(ex.doc))
			if b.N == 1 || testing.Verbose() {
				b.Logf("%-24s %d lines: widest gap %.2f, loose lines %d, hyphenated lines %d (%d third in a row), points alone %d, split introductions %d",
					ex.name, s.lines, s.maxGap, s.looseLines, s.hyphenLines, s.hyphenRuns, s.lonePoints, s.splitIntros)
			}
			total.lines += s.lines
			total.maxGap = max(total.maxGap, s.maxGap)
			total.looseLines += s.looseLines
			total.hyphenLines += s.hyphenLines
			total.hyphenRuns += s.hyphenRuns
			total.lonePoints += s.lonePoints
			total.splitIntros += s.splitIntros
		}
	}
	b.ReportMetric(float64(total.lines), "lines")
	b.ReportMetric(total.maxGap, "widest-gap")
	b.ReportMetric(float64(total.looseLines), "loose-lines")
	b.ReportMetric(float64(total.hyphenLines), "hyphenated-lines")
	b.ReportMetric(float64(total.hyphenRuns), "third-hyphens-in-a-row")
	b.ReportMetric(float64(total.lonePoints), "points-alone")
	b.ReportMetric(float64(total.splitIntros), "split-intros")
}
