package pdf_test

// Layout tests on real agreements: every example profile is drafted under
// the newest embedded release, laid out, and checked as a lawyer would look
// at the pages (no point alone on a page, nothing broken inside a date, a
// phone number, an address, a reference, an amount or an e-mail address,
// hyphenation as the Woordenlijst has it), and as a reader sees the PDF
// (pdftotext says what the plain text says).

import (
	"bufio"
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/agii/ovk/internal/document"
	"github.com/agii/ovk/internal/pdf"
	"github.com/agii/ovk/internal/testlib"
)

// No enumeration point is left alone at the top or bottom of a page, and
// an introductory sentence is on the page of its first two points.
func TestAgreementsNoPointAlone(t *testing.T) {
	for _, ex := range examples(t) {
		lines := pdf.LayOut(ex.doc)
		s := measure(lines)
		if s.lonePoints != 0 || s.splitIntros != 0 {
			t.Errorf("%s: %d points alone on a page, %d introductions split from their points", ex.name, s.lonePoints, s.splitIntros)
		}
		if len(enumerations(lines)) < 4 { // release 2026.1: definities, both parties' engagements, gegevensuitwisseling
			t.Errorf("%s: only %d enumerations found: the measurement does not see them", ex.name, len(enumerations(lines)))
		}
	}
}

// measure sees a point alone on a page.
func TestMeasureSeesLonePoints(t *testing.T) {
	lines := []pdf.LaidLine{
		{Page: 1, Text: "Het lokaal bestuur verbindt zich ertoe om:"},
		{Page: 1, Label: "1°", Text: "a;", X: 38},
		{Page: 2, Label: "2°", Text: "b;", X: 38},
		{Page: 2, Label: "3°", Text: "c", X: 38},
		{Page: 2, Text: "en d.", X: 38},
	}
	if s := measure(lines); s.lonePoints != 1 || s.splitIntros != 1 {
		t.Errorf("measure = %+v, want one lone point and one split introduction", s)
	}
}

// Protected spans, found in the model's texts by patterns of their own
// (not by the layout's rules, which they check).
var protectedSpans = []*regexp.Regexp{
	regexp.MustCompile(`\b\d{1,2} (januari|februari|maart|april|mei|juni|juli|augustus|september|oktober|november|december)( \d{4})?`),
	regexp.MustCompile(`\+\d{2}( \d{1,4}){2,5}`),
	regexp.MustCompile(`\b0\d{1,3}( \d{2,3}){2,4}\b`),
	regexp.MustCompile(`\p{L}+(straat|laan|plein|weg|markt|lei|dreef|kaai|baan|singel|park|hof|vest|dijk) \d+[A-Za-z]?\b`),
	regexp.MustCompile(`\b(artikel|hoofdstuk) \d+(\.\d+)?(, § \d+|, lid \d+)?`),
	regexp.MustCompile(`§ \d+`),
	regexp.MustCompile(`\b\d[\d.]* (euro|uur|dagen|maanden)\b`),
	regexp.MustCompile(`[\w.+-]+@[\w-]+(\.[\w-]+)+`),
}

// texts returns every text of the model that the PDF draws.
func texts(d *document.Document) []string {
	out := []string{d.Title, d.Subtitle, d.PartiesIntro, d.PartiesOutro, d.RecitalsIntro, d.AgreedIntro, d.Closing}
	para := func(p document.Paragraph) {
		out = append(out, p.Text)
		for _, it := range p.Items {
			out = append(out, it.Text)
		}
	}
	for _, p := range d.Parties {
		para(p)
	}
	for _, p := range d.Recitals {
		para(p)
	}
	for _, ch := range d.Chapters {
		out = append(out, ch.Title)
		for _, a := range ch.Articles {
			out = append(out, a.Title)
			for _, p := range a.Paragraphs {
				para(p)
			}
		}
	}
	for _, s := range d.Signatures {
		out = append(out, s.Party)
		for _, sg := range s.Signers {
			out = append(out, sg.Name, sg.Function)
		}
	}
	for i, s := range out {
		out[i] = strings.Join(strings.Fields(s), " ")
	}
	return out
}

// Nothing is broken inside a protected span: each occurrence in the texts
// is whole on one line.
func TestAgreementsNoBreakInProtectedSpans(t *testing.T) {
	total := 0
	for _, ex := range examples(t) {
		var drawn []string
		for _, l := range pdf.LayOut(ex.doc) {
			drawn = append(drawn, l.Text)
		}
		src := texts(ex.doc)
		want := map[string]int{}
		for _, re := range protectedSpans {
			for _, s := range src {
				for _, m := range re.FindAllString(s, -1) {
					if strings.Contains(m, " ") || strings.Contains(m, "@") {
						want[m]++
					}
				}
			}
		}
		for span, n := range want {
			got := 0
			for _, d := range drawn {
				got += strings.Count(d, span)
			}
			if got < n {
				t.Errorf("%s: %q occurs %d times, but only %d times whole on a line", ex.name, span, n, got)
			}
			total += n
		}
	}
	if total < 50 {
		t.Errorf("only %d protected spans in all examples: the patterns find nothing", total)
	}
}

// woordenlijst reads the reviewed hyphenations of the agreements' words.
func woordenlijst(t testing.TB) map[string]map[int]bool {
	f, err := os.Open("../hyphen/testdata/woordenlijst.txt")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	m := map[string]map[int]bool{}
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		h := strings.TrimSpace(sc.Text())
		if h == "" || h[0] == '#' {
			continue
		}
		p := map[int]bool{}
		var b strings.Builder
		for i, part := range strings.Split(h, "-") {
			if i > 0 {
				p[b.Len()] = true
			}
			b.WriteString(part)
		}
		m[b.String()] = p
	}
	return m
}

// tremaLess drops the diaeresis a hyphenation removes.
var tremaLess = strings.NewReplacer("ä", "a", "ë", "e", "ï", "i", "ö", "o", "ü", "u")

// Every hyphenation in the agreements breaks a word of lower-case letters
// where the Woordenlijst breaks it, leaving at least two letters before the
// break and three after it, and drops a trema after the break.
func TestAgreementsHyphenation(t *testing.T) {
	known := woordenlijst(t)
	checked, total := 0, 0
	for _, ex := range examples(t) {
		lines := pdf.LayOut(ex.doc)
		// The words of the model, without tremas: a broken word must be one.
		words := map[string]string{}
		for _, s := range texts(ex.doc) {
			for _, w := range strings.Fields(s) {
				w = strings.Trim(w, "()[],.;:“”‘’\"'")
				words[tremaLess.Replace(w)] = w
			}
		}
		for i := range lines {
			if !hyphenated(lines, i) {
				continue
			}
			total++
			fields := strings.Fields(lines[i].Text)
			head := strings.TrimSuffix(fields[len(fields)-1], "-")
			tail := strings.Trim(strings.Fields(lines[i+1].Text)[0], "()[],.;:“”‘’\"'")
			head = strings.TrimLeft(head, "(“‘\"'")
			word, ok := words[tremaLess.Replace(head+tail)]
			if !ok {
				if _, compound := words[tremaLess.Replace(head+"-"+tail)]; compound {
					continue // a compound broken after its own hyphen
				}
				t.Errorf("%s: %q + %q is not a word of the agreement", ex.name, head, tail)
				continue
			}
			if utf8.RuneCountInString(head) < 2 || utf8.RuneCountInString(tail) < 3 {
				t.Errorf("%s: %s-%s leaves a fragment too short", ex.name, head, tail)
			}
			if strings.ToLower(word) != word {
				t.Errorf("%s: %s-%s hyphenates a name or an abbreviation", ex.name, head, tail)
			}
			if tail != tremaLess.Replace(word[len(head):]) || !strings.HasPrefix(word, head) {
				t.Errorf("%s: %s-%s does not follow %q (a trema after the break is dropped)", ex.name, head, tail, word)
			}
			if p, ok := known[word]; ok {
				checked++
				if !p[len(head)] {
					t.Errorf("%s: %s-%s is not a Woordenlijst break of %q", ex.name, head, tail, word)
				}
			} else {
				t.Logf("%s: %s-%s is not in ../hyphen/testdata/woordenlijst.txt", ex.name, head, tail)
			}
		}
	}
	if total == 0 {
		t.Fatal("no line of any example ends in a hyphenation")
	}
	if checked < total/2 { // a new clause text may bring words not yet reviewed: they are logged
		t.Errorf("only %d of %d hyphenations checked against the list", checked, total)
	}
}

// The widest space of a justified line stays within three normal spaces in
// every example (it was up to 7.7 before hyphenation): a line that would
// need more is set ragged.
func TestAgreementsSpacing(t *testing.T) {
	for _, ex := range examples(t) {
		s := measure(pdf.LayOut(ex.doc))
		if s.maxGap > 1+2.0+1e-9 { // 1 + maxStretch
			t.Errorf("%s: a justified line stretches its spaces to %.2f normal spaces", ex.name, s.maxGap)
		}
	}
}

// The same agreement renders to the same bytes, and its PDF dates are the
// agreement's date.
func TestAgreementsDeterministic(t *testing.T) {
	for _, ex := range examples(t)[:3] {
		var a, b bytes.Buffer
		if err := pdf.Render(&a, ex.doc); err != nil {
			t.Fatal(err)
		}
		if err := pdf.Render(&b, ex.doc); err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(a.Bytes(), b.Bytes()) {
			t.Errorf("%s: two renders differ", ex.name)
		}
		date := "D:" + ex.doc.Meta.Date.Format("20060102")
		if ex.doc.Meta.Date.IsZero() || bytes.Count(a.Bytes(), []byte(date)) < 2 {
			t.Errorf("%s: creation and modification dates are not %s", ex.name, date)
		}
	}
}

// compareKey is a word of a rendering as compared: lower case, without
// tremas and hyphens (a hyphenation drops the one, pdftotext the other).
func compareKey(w string) string {
	return strings.ReplaceAll(tremaLess.Replace(strings.ToLower(w)), "-", "")
}

// The PDF says what the plain text says (M13): pdftotext's words, with
// hyphenations joined again, are the words of document.Text, up to the
// signature blocks (which pdftotext reads across their columns), and every
// signature label is said alike in both (the text once had a comma more).
func TestAgreementsPDFSaysWhatTextSays(t *testing.T) {
	bin := testlib.NeedTool(t, "pdftotext", "apt-get install poppler-utils")
	for _, ex := range examples(t)[:4] {
		var buf bytes.Buffer
		if err := pdf.Render(&buf, ex.doc); err != nil {
			t.Fatal(err)
		}
		file := filepath.Join(t.TempDir(), "a.pdf")
		if err := os.WriteFile(file, buf.Bytes(), 0o644); err != nil {
			t.Fatal(err)
		}
		out, err := exec.Command(bin, "-enc", "UTF-8", file, "-").Output()
		if err != nil {
			t.Fatalf("pdftotext: %v", err)
		}
		pdfText := string(out)
		text := document.Text(ex.doc)
		flat := " " + strings.Join(strings.Fields(pdfText), " ") + " "
		for _, s := range ex.doc.Signatures {
			if !strings.Contains(text, "\n"+s.Party+"\n") || !strings.Contains(flat, " "+s.Party+" ") {
				t.Errorf("%s: signature label %q is not said alike in both renderings", ex.name, s.Party)
			}
		}
		footer := regexp.MustCompile(`^Pagina \d+ van \d+$`)
		var pw []string
		for line := range strings.SplitSeq(pdfText, "\n") {
			line = strings.Trim(line, "\f ")
			if line == ex.doc.Reference || footer.MatchString(line) || strings.HasPrefix(line, "ONTWERP") {
				continue
			}
			for _, w := range strings.Fields(line) {
				if strings.Trim(w, "–-") != "" {
					pw = append(pw, w)
				}
			}
		}
		var tw []string
		for line := range strings.SplitSeq(text, "\n") {
			if strings.HasPrefix(line, "Referentie: ") {
				continue
			}
			for _, w := range strings.Fields(line) {
				if strings.Trim(w, "–-") != "" {
					tw = append(tw, w)
				}
			}
		}
		// Compare up to the end of the closing sentence. pdftotext joins
		// a word hyphenated at a line end again, and keeps or drops the
		// hyphen of a compound broken at its own hyphen.
		closing := strings.Fields(ex.doc.Closing)
		end := -1
		for j := len(closing); j <= len(tw); j++ {
			if strings.Join(tw[j-len(closing):j], " ") == strings.Join(closing, " ") {
				end = j
				break
			}
		}
		if end < 0 {
			t.Fatalf("%s: the closing sentence is not in the text", ex.name)
		}
		i, j := 0, 0
		for ; j < end; j++ {
			switch {
			case i < len(pw) && compareKey(pw[i]) == compareKey(tw[j]):
				i++
			case i+1 < len(pw) && compareKey(pw[i]+pw[i+1]) == compareKey(tw[j]):
				i += 2 // a hyphenation pdftotext did not join
			default:
				got := ""
				if i < len(pw) {
					got = pw[i]
				}
				t.Fatalf("%s: PDF has %q where the text has %q (word %d, after %q)", ex.name, got, tw[j], j, strings.Join(tw[max(0, j-8):j], " "))
			}
		}
	}
}

// The closing sentence and every party's signature block are on one page.
func TestAgreementsSignaturePage(t *testing.T) {
	for _, ex := range examples(t) {
		lines := pdf.LayOut(ex.doc)
		first := strings.Fields(ex.doc.Closing)[0]
		start := -1
		for i, l := range lines {
			if strings.HasPrefix(l.Text, first+" ") && start < 0 && i > len(lines)/2 {
				start = i
			}
		}
		if start < 0 {
			t.Fatalf("%s: closing sentence not found", ex.name)
		}
		for _, l := range lines[start:] {
			if l.Page != lines[start].Page {
				t.Errorf("%s: %q is on page %d, the closing sentence on page %d", ex.name, l.Text, l.Page, lines[start].Page)
			}
		}
	}
}

// No heading is the last line of a page: it stays with what it heads.
func TestAgreementsNoHeadingAtFoot(t *testing.T) {
	for _, ex := range examples(t) {
		lines := pdf.LayOut(ex.doc)
		for i, l := range lines[:len(lines)-1] {
			if l.Bold && lines[i+1].Page != l.Page {
				t.Errorf("%s: heading %q ends page %d", ex.name, l.Text, l.Page)
			}
		}
	}
}
