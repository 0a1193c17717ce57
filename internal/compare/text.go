package compare

import (
	"bufio"
	"io"
	"strings"

	"github.com/agii/ovk/internal/compare/worddiff"
	"github.com/agii/ovk/internal/diag"
)

// ANSI escapes of the coloured terminal view.
const (
	ansiBold   = "\x1b[1m"
	ansiDel    = "\x1b[31;9m" // red, struck through
	ansiIns    = "\x1b[32;4m" // green, underlined
	ansiReset  = "\x1b[0m"
	textIndent = "    "
)

// WriteText writes the terminal view of r in the language of t. With color,
// deletions are red and struck through and insertions green and underlined;
// without, they are marked [-so-] and {+so+}, as git's word diff does.
func WriteText(w io.Writer, r *Report, t diag.Translator, color bool) error {
	bw := bufio.NewWriter(w)
	tw := &textView{w: bw, d: describer{t: t, mode: r.Mode}, color: color}
	tw.report(r)
	return bw.Flush()
}

type textView struct {
	w     *bufio.Writer
	d     describer
	color bool
}

func (v *textView) line(s string) {
	v.w.WriteString(s)
	v.w.WriteByte('\n')
}

func (v *textView) bold(s string) string {
	if v.color {
		return ansiBold + s + ansiReset
	}
	return s
}

func (v *textView) report(r *Report) {
	d := v.d
	v.line(v.bold(d.title()))
	v.line(d.tr("msg.diff.old") + ": " + d.side(r.Old))
	v.line(d.tr("msg.diff.new") + ": " + d.side(r.New))
	v.line(d.summary(r.Summary))
	if lc := r.Library; lc != nil {
		if notes := d.libraryNotes(lc); len(notes) > 0 {
			v.line("")
			v.line(v.bold("= " + d.tr("msg.diff.library")))
			v.notes(notes)
			if lc.Recitals != nil {
				v.redline(lc.Recitals.Redline)
			}
		}
		v.frame(lc.Frame)
	}
	if a := r.Agreement; a != nil {
		if len(a.Values) > 0 {
			v.line("")
			v.line(v.bold("= " + d.tr("msg.diff.values")))
			v.notes(d.values(a.Values))
		}
		v.section(d.tr("msg.diff.front"), a.Front)
		v.section(d.tr("msg.diff.recitals"), a.Recitals)
	}
	for _, c := range r.Clauses {
		if c.Status == Unchanged || c.Status == Renumbered {
			continue // listed at the end
		}
		v.line("")
		v.line(v.bold(Mark(c.Status) + " " + d.heading(c) + " [" + d.status(c.Status) + "]"))
		v.notes(d.notes(c))
		if c.Changes != nil && c.Changes.Text != nil {
			v.redline(c.Changes.Text.Redline)
		}
	}
	if a := r.Agreement; a != nil {
		v.section(d.tr("msg.diff.back"), a.Back)
	}
	same, renumbered := unchangedIDs(r)
	v.line("")
	v.line(d.tr("msg.diff.unchanged_list", "count", len(same), "ids", joinOrNone(d, same)))
	if r.Mode == ModeAgreements {
		v.line(d.tr("msg.diff.renumbered_list", "count", len(renumbered), "ids", joinOrNone(d, renumbered)))
	}
}

func joinOrNone(d describer, ids []string) string {
	if len(ids) == 0 {
		return d.tr("msg.diff.absent")
	}
	return strings.Join(ids, ", ")
}

// frame writes the frame's changed parts, each with its redline.
func (v *textView) frame(fc *FrameChanges) {
	if !fc.changed() {
		return
	}
	d := v.d
	v.line("")
	v.line(v.bold("= " + d.tr("msg.diff.frame")))
	v.notes(d.frameNotes(fc))
	for _, p := range fc.Parts {
		if p.Status == Unchanged {
			continue
		}
		v.line("")
		v.line(v.bold(Mark(p.Status) + " " + d.frameHeading(p) + " [" + d.status(p.Status) + "]"))
		v.notes([]string{d.tr("msg.diff.note.text", "deleted", p.Text.Deleted, "inserted", p.Text.Inserted)})
		v.redline(p.Text.Redline)
	}
}

func (v *textView) section(title string, ch *Changes) {
	if ch == nil {
		return
	}
	v.line("")
	v.line(v.bold("~ " + title))
	v.notes(v.d.sectionNotes(ch))
	if ch.Text != nil {
		v.redline(ch.Text.Redline)
	}
}

// Mark is the one-character sign of a status in terminal views.
func Mark(s Status) string {
	switch s {
	case Added:
		return "+"
	case Removed:
		return "-"
	case ValueChanged:
		return "="
	case Moved:
		return ">"
	case VersionOnly:
		return "v"
	case Renumbered:
		return "#"
	case Unchanged:
		return " "
	}
	return "~"
}

func (v *textView) notes(notes []string) {
	for _, n := range notes {
		v.line("  " + n)
	}
}

// redline writes a redline indented, one paragraph or point per line, with
// a blank line between paragraphs.
func (v *textView) redline(segs []worddiff.Segment) {
	var b strings.Builder
	b.WriteString(textIndent)
	for _, s := range segs {
		lines := strings.Split(s.Text, "\n")
		for i, l := range lines {
			if i > 0 {
				b.WriteString("\n" + textIndent)
			}
			if l == "" {
				continue
			}
			switch {
			case s.Op == worddiff.Equal:
				b.WriteString(l)
			case v.color && s.Op == worddiff.Delete:
				b.WriteString(ansiDel + l + ansiReset)
			case v.color:
				b.WriteString(ansiIns + l + ansiReset)
			case s.Op == worddiff.Delete:
				b.WriteString("[-" + l + "-]")
			default:
				b.WriteString("{+" + l + "+}")
			}
		}
	}
	for _, l := range strings.Split(b.String(), "\n") {
		v.line(strings.TrimRight(l, " "))
	}
}
