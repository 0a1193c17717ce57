package document

import (
	"errors"
	"fmt"
	"sort"
	"strconv"
	"strings"
)

// ErrManifestText is wrapped by the errors of Manifest.Document for a /1
// manifest whose text does not match its list of clauses (a damaged or
// foreign PDF).
var ErrManifestText = errors.New("the manifest's agreement does not match its list of clauses")

// fromText rebuilds the agreement of a /1 manifest from its plain text
// (WriteText), the inverse of the text writer: the front (title, subtitle,
// reference, parties, recitals), the chapters with each article found by its
// heading from the list of clauses, and the back (closing, signatures).
// What the text does not keep stays empty: chapter ids; and the title and
// chapter titles come back in the capitals the text shows them in.
func fromText(m *Manifest) (*Document, error) {
	lines := strings.Split(m.Text, "\n")
	clauses := append([]ManifestClause(nil), m.Clauses...)
	sort.SliceStable(clauses, func(i, j int) bool { return clauses[i].Article < clauses[j].Article })
	d := &Document{Reference: m.Reference}
	type span struct{ head, end int }
	spans := make([]span, len(clauses))
	seen := map[string]bool{}
	at := 0
	for i, c := range clauses {
		if seen[c.ID] || c.ID == "" {
			return nil, fmt.Errorf("%w: clause %q twice", ErrManifestText, c.ID)
		}
		seen[c.ID] = true
		head := ArticleHeading(c.Article, c.Title)
		k := at
		for k < len(lines) && lines[k] != head {
			k++
		}
		if k == len(lines) {
			return nil, fmt.Errorf("%w: heading %q not found", ErrManifestText, head)
		}
		spans[i] = span{head: k}
		at = k + 1
	}
	front, back := lines, []string(nil)
	if len(spans) > 0 {
		front = lines[:spans[0].head]
	}
	for i, c := range clauses {
		// an article ends at the first double blank line, the chapter
		// heading or the next article
		end := len(lines)
		if i+1 < len(spans) {
			end = spans[i+1].head
		}
		stop := spans[i].head + 1
		for stop < end && !(lines[stop] == "" && stop+1 < len(lines) && lines[stop+1] == "") {
			stop++
		}
		spans[i].end = stop
		from := 0
		if i > 0 {
			from = spans[i-1].end
		}
		for k := from; k < spans[i].head; k++ {
			if num, title, ok := chapterHeading(lines[k]); ok {
				if i == 0 {
					front = lines[:k]
				}
				d.Chapters = append(d.Chapters, Chapter{Number: num, Title: title})
			}
		}
		if len(d.Chapters) == 0 {
			d.Chapters = append(d.Chapters, Chapter{Number: 1})
		}
		a := Article{Number: c.Article, ClauseID: c.ID, ClauseVersion: c.Version, Title: c.Title, Params: c.Params}
		for _, block := range blocks(lines[spans[i].head+1 : stop]) {
			a.Paragraphs = append(a.Paragraphs, paragraph(block))
		}
		ch := &d.Chapters[len(d.Chapters)-1]
		ch.Articles = append(ch.Articles, a)
	}
	if len(spans) > 0 {
		back = lines[spans[len(spans)-1].end:]
	}
	readFront(d, front)
	readBack(d, back)
	return d, nil
}

// chapterHeading reads "HOOFDSTUK 2. TITEL".
func chapterHeading(line string) (int, string, bool) {
	rest, ok := strings.CutPrefix(line, "HOOFDSTUK ")
	if !ok {
		return 0, "", false
	}
	num, title, ok := strings.Cut(rest, ". ")
	n, err := strconv.Atoi(num)
	if !ok || err != nil {
		return 0, "", false
	}
	return n, title, true
}

// blocks splits lines at blank lines into runs of non-blank lines.
func blocks(lines []string) [][]string {
	var out [][]string
	var cur []string
	for _, l := range lines {
		if strings.TrimSpace(l) == "" {
			if cur != nil {
				out = append(out, cur)
				cur = nil
			}
			continue
		}
		cur = append(cur, l)
	}
	if cur != nil {
		out = append(out, cur)
	}
	return out
}

// pointLabel returns the label of a line that starts a point ("    1° …")
// and the text after it. Continuation lines are indented by the width of
// their label, which is never exactly four spaces followed by "N° ".
func pointLabel(raw string) (label, text string, ok bool) {
	rest, ok := strings.CutPrefix(raw, "    ")
	if !ok {
		return "", "", false
	}
	i := 0
	for i < len(rest) && rest[i] >= '0' && rest[i] <= '9' {
		i++
	}
	if i == 0 || !strings.HasPrefix(rest[i:], "° ") {
		return "", "", false
	}
	return rest[:i] + "°", rest[i+len("° "):], true
}

// paragraph reads one paragraph as writeParagraph wrote it: its text (with
// a "§ N." label) and its points.
func paragraph(lines []string) Paragraph {
	var p Paragraph
	target := &p.Text
	for i, raw := range lines {
		if label, text, ok := pointLabel(raw); ok {
			p.Items = append(p.Items, Item{Label: label, Text: collapseSpace(text)})
			target = &p.Items[len(p.Items)-1].Text
			continue
		}
		line := collapseSpace(raw)
		if i == 0 {
			if label, rest, ok := sectionLabel(line); ok {
				p.Label, line = label, rest
			}
		}
		*target = joinSpace(*target, line)
	}
	return p
}

// sectionLabel reads the "§ 3." in front of a numbered paragraph.
func sectionLabel(line string) (label, rest string, ok bool) {
	after, ok := strings.CutPrefix(line, "§ ")
	if !ok {
		return "", "", false
	}
	num, rest, _ := strings.Cut(after, " ")
	if n := strings.TrimSuffix(num, "."); n == num || n == "" || strings.Trim(n, "0123456789") != "" {
		return "", "", false
	}
	return "§ " + num, rest, true
}

// readFront reads the part before the first chapter: the centred title (its
// lines without lower-case letters) and subtitle, the reference, the
// parties' introduction, the parties, their closing line, the recitals'
// introduction, the recitals ("- " lines with their points) and the
// sentence before the articles.
func readFront(d *Document, lines []string) {
	bs := blocks(lines)
	if len(bs) == 0 {
		return
	}
	head := bs[0]
	for len(head) > 0 && strings.ToUpper(head[0]) == head[0] {
		d.Title = joinSpace(d.Title, collapseSpace(head[0]))
		head = head[1:]
	}
	for _, l := range head {
		d.Subtitle = joinSpace(d.Subtitle, collapseSpace(l))
	}
	bs = bs[1:]
	if len(bs) > 0 && strings.HasPrefix(bs[0][0], "Referentie: ") {
		bs = bs[1:]
	}
	recitals := -1
	for i, b := range bs {
		if strings.HasPrefix(b[0], "- ") {
			recitals = i
			break
		}
	}
	var before, after [][]string
	if recitals >= 0 {
		before, after = bs[:recitals], bs[recitals+1:]
		for _, l := range bs[recitals] {
			switch label, text, ok := pointLabel(l); {
			case ok && len(d.Recitals) > 0:
				r := &d.Recitals[len(d.Recitals)-1]
				r.Items = append(r.Items, Item{Label: label, Text: collapseSpace(text)})
			case strings.HasPrefix(l, "- "):
				d.Recitals = append(d.Recitals, Paragraph{Text: collapseSpace(l[2:])})
			case len(d.Recitals) > 0:
				r := &d.Recitals[len(d.Recitals)-1]
				if n := len(r.Items); n > 0 {
					r.Items[n-1].Text = joinSpace(r.Items[n-1].Text, collapseSpace(l))
				} else {
					r.Text = joinSpace(r.Text, collapseSpace(l))
				}
			}
		}
	} else {
		before = bs
	}
	text := func(b []string) string { return paragraph(b).Text }
	if len(before) > 0 {
		d.PartiesIntro, before = text(before[0]), before[1:]
	}
	if n := len(before); n >= 2 {
		d.PartiesOutro, d.RecitalsIntro = text(before[n-2]), text(before[n-1])
		before = before[:n-2]
	}
	for _, b := range before {
		d.Parties = append(d.Parties, paragraph(b))
	}
	for _, b := range after {
		d.AgreedIntro = joinSpace(d.AgreedIntro, text(b))
	}
}

// readBack reads the part after the last article: the closing sentence,
// then per party "Party," and its signers' name and function lines.
func readBack(d *Document, lines []string) {
	bs := blocks(lines)
	if len(bs) == 0 {
		return
	}
	d.Closing = paragraph(bs[0]).Text
	var signer []string
	for _, b := range bs[1:] {
		for _, l := range b {
			if !strings.HasPrefix(l, "    ") {
				d.Signatures = append(d.Signatures, SignatureBlock{Party: strings.TrimSuffix(collapseSpace(l), ",")})
				continue
			}
			if len(d.Signatures) == 0 {
				continue
			}
			signer = append(signer, collapseSpace(l))
			if len(signer) == 2 {
				s := &d.Signatures[len(d.Signatures)-1]
				s.Signers = append(s.Signers, Signer{Name: signer[0], Function: signer[1]})
				signer = nil
			}
		}
	}
}

func collapseSpace(s string) string { return strings.Join(strings.Fields(s), " ") }

func joinSpace(a, b string) string {
	switch {
	case a == "":
		return b
	case b == "":
		return a
	}
	return a + " " + b
}
