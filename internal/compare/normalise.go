package compare

import (
	"strings"

	"golang.org/x/text/unicode/norm"

	"github.com/agii/ovk/internal/compare/worddiff"
)

// normaliseSource normalises clause text markup (see assemble.ParseMarkup):
// a blank line separates paragraphs, a line starting with "- " starts a
// point, and every other line break or run of spaces is one space.
func normaliseSource(src string) string {
	return normalise(strings.Split(src, "\n"), func(raw, line string) bool { return strings.HasPrefix(line, "- ") })
}

// normalisePlain normalises the plain-text rendering of an agreement (see
// document.WriteText): a blank line separates paragraphs; a point ("    1° "
// under an article, "- " under the recitals) starts a line; every other line
// break, indentation or run of spaces is one space.
func normalisePlain(lines []string) string {
	return normalise(lines, func(raw, _ string) bool { return isPointLine(raw) })
}

// normalise joins lines into paragraphs separated by worddiff.ParagraphBreak, with
// the lines isPoint accepts starting on a new line (worddiff.LineBreak) and white
// space collapsed to one space.
func normalise(lines []string, isPoint func(raw, line string) bool) string {
	var b strings.Builder
	para, started := false, false
	for _, raw := range lines {
		line := strings.Join(strings.Fields(raw), " ")
		switch {
		case line == "":
			para = false
			continue
		case !started:
		case !para:
			b.WriteString(worddiff.ParagraphBreak)
		case isPoint(raw, line):
			b.WriteString(worddiff.LineBreak)
		default:
			b.WriteByte(' ')
		}
		b.WriteString(line)
		para, started = true, true
	}
	return b.String()
}

// isPointLine reports whether a line of the plain-text rendering starts a
// point: "- " in the first column (a recital), or four spaces and "N° " (a
// point of an article). Continuation lines are indented by the width of
// their label, which is never exactly four.
func isPointLine(raw string) bool {
	if strings.HasPrefix(raw, "- ") {
		return true
	}
	rest, ok := strings.CutPrefix(raw, "    ")
	if !ok {
		return false
	}
	i := 0
	for i < len(rest) && rest[i] >= '0' && rest[i] <= '9' {
		i++
	}
	return i > 0 && strings.HasPrefix(rest[i:], "° ")
}

// collapse puts a one-line value (a title, a condition, a parameter value)
// in normal form: NFC, single spaces, no leading or trailing space.
func collapse(s string) string { return norm.NFC.String(strings.Join(strings.Fields(s), " ")) }
