package compare

import (
	"strings"

	"golang.org/x/text/unicode/norm"

	"github.com/agii/ovk/internal/compare/worddiff"
)

// normaliseSource normalises clause text markup (see assemble.ParseMarkup)
// for the word diff: a blank line separates paragraphs, a line starting
// with "- " starts a point, and every other line break or run of spaces is
// one space.
func normaliseSource(src string) string {
	var b strings.Builder
	para, started := false, false
	for _, raw := range strings.Split(src, "\n") {
		line := strings.Join(strings.Fields(raw), " ")
		switch {
		case line == "":
			para = false
			continue
		case !started:
		case !para:
			b.WriteString(worddiff.ParagraphBreak)
		case strings.HasPrefix(line, "- "):
			b.WriteString(worddiff.LineBreak)
		default:
			b.WriteByte(' ')
		}
		b.WriteString(line)
		para, started = true, true
	}
	return b.String()
}

// collapse puts a one-line value (a title, a condition, a parameter value)
// in normal form: NFC, single spaces, no leading or trailing space.
func collapse(s string) string { return norm.NFC.String(strings.Join(strings.Fields(s), " ")) }
