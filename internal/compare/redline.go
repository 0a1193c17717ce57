package compare

import (
	"strings"

	"github.com/agii/ovk/internal/diag"
	"github.com/agii/ovk/internal/document"
)

// Redline returns the redline of r in the language of t (Dutch for the
// redline PDF): a summary table with one row per change, each labelled with
// its place (article number, or version, chapter and order) on both sides,
// then one section per change, and last the unchanged clauses. The HTML
// report and the PDF are both drawn from it.
func Redline(r *Report, t diag.Translator) *document.Redline {
	d := describer{t: t, mode: r.Mode}
	rl := &document.Redline{
		Title:    d.title(),
		Subtitle: d.summary(r.Summary),
		Facts: []document.RedlineFact{
			{Label: d.tr("msg.diff.old"), Value: d.side(r.Old)},
			{Label: d.tr("msg.diff.new"), Value: d.side(r.New)},
		},
		Summary: document.RedlineTable{
			Title:  d.tr("msg.diff.table.title"),
			Header: []string{d.tr("msg.diff.table.old"), d.tr("msg.diff.table.new"), d.tr("msg.diff.table.part"), d.tr("msg.diff.table.change")},
			Empty:  d.tr("msg.diff.no_changes"),
		},
		Legend:    d.tr("msg.diff.legend"),
		Footer:    footer(r),
		PageLabel: d.tr("msg.diff.page"),
		Meta: document.RedlineMeta{Title: d.title(), Subject: d.side(r.Old) + " → " + d.side(r.New),
			Author: "ovk", Language: d.tr("msg.diff.language")},
	}
	row := func(old, new, part, change string) {
		rl.Summary.Rows = append(rl.Summary.Rows, []string{old, new, part, change})
	}
	if lc := r.Library; lc != nil {
		if notes := d.libraryNotes(lc); len(notes) > 0 {
			sec := document.RedlineSection{Heading: d.tr("msg.diff.library"), Notes: notes}
			if lc.Recitals != nil {
				sec.Text = lc.Recitals.Redline
			}
			rl.Sections = append(rl.Sections, sec)
			row("—", "—", d.tr("msg.diff.library"), d.tr("msg.diff.status.changed"))
		}
		if fc := lc.Frame; fc.changed() {
			rl.Sections = append(rl.Sections, document.RedlineSection{Heading: d.tr("msg.diff.frame"), Notes: d.frameNotes(fc)})
			for _, p := range fc.Parts {
				if p.Status == Unchanged {
					continue
				}
				row("—", "—", d.frameHeading(p), d.status(p.Status))
				rl.Sections = append(rl.Sections, document.RedlineSection{Heading: d.frameHeading(p) + " [" + d.status(p.Status) + "]",
					Notes: []string{d.tr("msg.diff.note.text", "deleted", p.Text.Deleted, "inserted", p.Text.Inserted)}, Text: p.Text.Redline})
			}
		}
	}
	part := func(title string, ch *Changes) {
		if ch == nil {
			return
		}
		sec := document.RedlineSection{Heading: title, Notes: d.sectionNotes(ch)}
		if ch.Text != nil {
			sec.Text = ch.Text.Redline
		}
		rl.Sections = append(rl.Sections, sec)
		row("—", "—", title, d.partAspects(ch))
	}
	if a := r.Agreement; a != nil {
		if len(a.Values) > 0 {
			rl.Sections = append(rl.Sections, document.RedlineSection{Heading: d.tr("msg.diff.values"), Notes: d.values(a.Values)})
		}
		part(d.tr("msg.diff.front"), a.Front)
		part(d.tr("msg.diff.recitals"), a.Recitals)
	}
	for _, c := range r.Clauses {
		if c.Status == Unchanged {
			continue
		}
		title := c.ID
		if c.New != nil {
			title = c.New.Title + " (" + c.ID + ")"
		} else if c.Old != nil {
			title = c.Old.Title + " (" + c.ID + ")"
		}
		row(d.place(c.Old), d.place(c.New), title, d.aspects(c))
		if c.Status == Renumbered {
			continue // the table says it all
		}
		sec := document.RedlineSection{Heading: d.heading(c), Notes: d.notes(c)}
		if c.Changes != nil && c.Changes.Text != nil {
			sec.Text = c.Changes.Text.Redline
		}
		rl.Sections = append(rl.Sections, sec)
	}
	if a := r.Agreement; a != nil {
		part(d.tr("msg.diff.back"), a.Back)
	}
	same, renumbered := unchangedIDs(r)
	last := document.RedlineSection{Heading: d.tr("msg.diff.unchanged"),
		Notes: []string{d.tr("msg.diff.unchanged_list", "count", len(same), "ids", joinOrNone(d, same))}}
	if r.Mode == ModeAgreements {
		last.Notes = append(last.Notes, d.tr("msg.diff.renumbered_list", "count", len(renumbered), "ids", joinOrNone(d, renumbered)))
	}
	rl.Sections = append(rl.Sections, last)
	return rl
}

// footer identifies the comparison on every page.
func footer(r *Report) string {
	name := func(s Side) string {
		if s.Reference != "" && s.Kind != SideRelease {
			return s.Reference + " (" + s.LibraryVersion + ")"
		}
		return s.Name
	}
	return strings.TrimSpace(name(r.Old) + " → " + name(r.New))
}
