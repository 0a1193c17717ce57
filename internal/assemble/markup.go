package assemble

import (
	"strconv"
	"strings"

	"github.com/agii/ovk/internal/document"
)

// ParseMarkup turns clause text markup into numbered paragraphs: a blank
// line separates paragraphs, a paragraph starting with "§ " is numbered
// "§ N.", and a line starting with "- " is a point "N°" of its paragraph.
// Line breaks and runs of white space within a paragraph are not
// significant.
func ParseMarkup(src string) []document.Paragraph {
	var out []document.Paragraph
	var cur *document.Paragraph
	section := 0
	inItem := false
	appendText := func(dst *string, s string) {
		if *dst == "" {
			*dst = s
		} else {
			*dst += " " + s
		}
	}
	for _, raw := range strings.Split(src, "\n") {
		line := strings.Join(strings.Fields(raw), " ")
		switch {
		case line == "":
			cur, inItem = nil, false
		case strings.HasPrefix(line, "- "):
			if cur == nil {
				out = append(out, document.Paragraph{})
				cur = &out[len(out)-1]
			}
			cur.Items = append(cur.Items, document.Item{Label: strconv.Itoa(len(cur.Items)+1) + "°", Text: strings.TrimSpace(line[2:])})
			inItem = true
		case cur == nil:
			p := document.Paragraph{}
			if line == "§" || strings.HasPrefix(line, "§ ") {
				section++
				p.Label = "§ " + strconv.Itoa(section) + "."
				line = strings.TrimSpace(strings.TrimPrefix(line, "§"))
			}
			p.Text = line
			out = append(out, p)
			cur = &out[len(out)-1]
		case inItem:
			appendText(&cur.Items[len(cur.Items)-1].Text, line)
		default:
			appendText(&cur.Text, line)
		}
	}
	return out
}
