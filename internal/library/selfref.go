package library

import (
	"regexp"
	"strings"

	"github.com/agii/ovk/internal/diag"
)

// A clause refers to another article or chapter of the same agreement
// through {{artikel "id"}} and {{hoofdstuk "id"}}, never by a number typed
// in: the numbers depend on which clauses an agreement holds (legal review
// S5). A number typed in is allowed only where it cites another act:
// "artikel 20 van het decreet", "artikel 8, § 1, van het decreet van
// 18 juli 2008", "artikel 6, lid 1, e), van de AVG", "art. 279 DLB".

// refHead finds "artikel 6", "art. 6", "artikelen 5 en 6", "hoofdstuk 4",
// "hoofdstuk IV".
var refHead = regexp.MustCompile(`(?i)\b(artikel(?:en|s)?|art\.|hoofdstuk(?:ken)?)\s+(\d+(?:\.\d+)*(?:bis|ter|quater)?|[IVXL]+)\b`)

// refLocator is what may follow the number and still belong to the
// reference: paragraphs, sub-paragraphs, points, further numbers.
var refLocator = regexp.MustCompile(`(?i)^(?:\s*,?\s*(?:§\s*\d+|lid\s+\d+|(?:eerste|tweede|derde|vierde|vijfde|zesde|zevende|achtste|negende|tiende)\s+lid|\d+°|[a-z]\)|(?:en|of|tot\s+en\s+met)\s+(?:\d+(?:\.\d+)*|[a-z]\)|\d+°|§\s*\d+)|\d+(?:\.\d+)*))*`)

// actAfter is a citation of another act after the reference.
var actAfter = regexp.MustCompile(`(?i)^\s*,?\s*(?:(?:van|uit)\s+(?:het|de|dit|deze|die|dat)?\s*(?:decreet|wet\b|wetboek|burgerlijk\s+wetboek|gerechtelijk\s+wetboek|strafwetboek|verordening|algemene\s+verordening|avg\b|koninklijk\s+besluit|ministerieel\s+besluit|besluit\s+van\s+de\s+vlaamse\s+regering|besluit\b|richtlijn|grondwet|protocol|samenwerkingsakkoord|verdrag|e-govdecreet|inburgeringsdecreet|dlb\b)|(?:avg|dlb|bw|kb|gw|e-govdecreet|inburgeringsdecreet|ger\.\s*w\.|sw\.|w\.)\b)`)

// actBefore is an act named just before the reference: "DLB art. 279".
var actBefore = regexp.MustCompile(`(?i)\b(?:avg|dlb|bw|kb|gw)\s*$`)

// templateAction matches a template action, whose text is not printed as is.
var templateAction = regexp.MustCompile(`\{\{.*?\}\}`)

// HardRef is a hard-coded reference to an article or chapter found in a
// text: its byte offset and the text of the reference.
type HardRef struct {
	Offset int
	Text   string
}

// HardCodedRefs finds the references in src (a clause text's source) to
// an article or chapter by a number typed in, that cite no other act.
func HardCodedRefs(src string) []HardRef {
	masked := templateAction.ReplaceAllStringFunc(src, func(a string) string { return strings.Repeat(" ", len(a)) })
	var out []HardRef
	for _, m := range refHead.FindAllStringIndex(masked, -1) {
		end := m[1]
		end += len(refLocator.FindString(masked[end:]))
		if actAfter.MatchString(masked[end:]) || actBefore.MatchString(masked[:m[0]]) {
			continue
		}
		out = append(out, HardRef{Offset: m[0], Text: strings.Join(strings.Fields(masked[m[0]:end]), " ")})
	}
	return out
}

// checkHardRefs reports every hard-coded reference of a clause text, at
// its line and column in the clause file.
func (c *Clause) checkHardRefs(probs *diag.List) {
	if c.Body == nil {
		return
	}
	for _, r := range HardCodedRefs(c.Body.Src) {
		p := c.Problem("tekst", "err.text.hard_ref", diag.A("ref", r.Text))
		if line, col, ok := c.textPos(r.Offset, r.Text); ok {
			p.Line, p.Col = line, col
		}
		probs.Add(p)
	}
}

// textPos finds where the text at offset of the clause's tekst stands in
// its file: the same words, as often before it, after the value's start.
func (c *Clause) textPos(offset int, text string) (line, col int, ok bool) {
	start := c.file.ValuePos("tekst")
	if start.Line == 0 {
		return 0, 0, false
	}
	src := string(c.file.Src)
	// byte offset of the value's start
	pos := 0
	for l := 1; l < start.Line; l++ {
		i := strings.IndexByte(src[pos:], '\n')
		if i < 0 {
			return 0, 0, false
		}
		pos += i + 1
	}
	first := strings.Fields(text)[0]
	n := strings.Count(c.Body.Src[:offset], first)
	rest := src[pos:]
	at := -1
	for k := 0; k <= n; k++ {
		i := strings.Index(rest[at+1:], first)
		if i < 0 {
			return 0, 0, false
		}
		at += i + 1
	}
	abs := pos + at
	line = strings.Count(src[:abs], "\n") + 1
	lineStart := strings.LastIndexByte(src[:abs], '\n') + 1
	return line, len([]rune(src[lineStart:abs])) + 1, true
}
