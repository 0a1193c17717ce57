package compare

import (
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/agii/ovk/internal/diag"
)

// describer says the parts of a report in words, in the language of t.
// The terminal view, the HTML report and the redline share it.
type describer struct {
	t    diag.Translator
	mode string
}

func (d describer) tr(id string, kv ...any) string { return d.t(id, diag.A(kv...)) }

// title is the heading of the whole report.
func (d describer) title() string {
	if d.mode == ModeReleases {
		return d.tr("msg.diff.title.releases")
	}
	return d.tr("msg.diff.title.agreements")
}

// side describes one side of the comparison.
func (d describer) side(s Side) string {
	muni := ""
	if s.Municipality != nil {
		muni = strings.TrimSpace(s.Municipality.NIS + " " + s.Municipality.Name)
	}
	switch s.Kind {
	case SideRelease:
		return d.tr("msg.diff.side.release", "name", s.Name, "effective", s.Effective)
	case SidePDF:
		return d.tr("msg.diff.side.pdf", "file", s.Name, "reference", s.Reference, "municipality", muni, "release", s.LibraryVersion)
	}
	return d.tr("msg.diff.side.profile", "file", s.Name, "reference", s.Reference, "municipality", muni, "release", s.LibraryVersion)
}

// summary is the one-line count of the statuses.
func (d describer) summary(s Summary) string {
	out := d.tr("msg.diff.summary", "added", s.Added, "removed", s.Removed, "changed", s.Changed,
		"value_changed", s.ValueChanged, "moved", s.Moved, "version_only", s.VersionOnly, "unchanged", s.Unchanged)
	if d.mode == ModeAgreements {
		out += ", " + d.tr("msg.diff.summary.renumbered", "count", s.Renumbered)
	}
	return out
}

func (d describer) status(s Status) string {
	switch s {
	case Added:
		return d.tr("msg.diff.status.added")
	case Removed:
		return d.tr("msg.diff.status.removed")
	case Changed:
		return d.tr("msg.diff.status.changed")
	case ValueChanged:
		return d.tr("msg.diff.status.value_changed")
	case Moved:
		return d.tr("msg.diff.status.moved")
	case VersionOnly:
		return d.tr("msg.diff.status.version_only")
	case Renumbered:
		return d.tr("msg.diff.status.renumbered")
	}
	return d.tr("msg.diff.status.unchanged")
}

// place says where a clause stands on one side: its article number in an
// agreement, its version, chapter and order in a library; "—" when absent.
func (d describer) place(r *ClauseRef) string {
	switch {
	case r == nil:
		return "—"
	case d.mode == ModeAgreements:
		return d.tr("msg.diff.article", "n", r.Article)
	}
	return d.tr("msg.diff.place", "version", r.Version, "chapter", r.Chapter, "order", r.Order)
}

// heading names a clause with its place on both sides.
func (d describer) heading(c ClauseDiff) string {
	title := ""
	switch {
	case c.New != nil:
		title = c.New.Title
	case c.Old != nil:
		title = c.Old.Title
	}
	if d.mode == ModeAgreements {
		return upperFirst(d.tr("msg.diff.heading.article", "old", d.place(c.Old), "new", d.place(c.New), "title", title, "id", c.ID))
	}
	return d.tr("msg.diff.heading.clause", "old", d.place(c.Old), "new", d.place(c.New), "title", title, "id", c.ID)
}

func upperFirst(s string) string {
	r, n := utf8.DecodeRuneInString(s)
	return string(unicode.ToUpper(r)) + s[n:]
}

// aspects lists in a few words what changed, for the summary table.
func (d describer) aspects(c ClauseDiff) string {
	var out []string
	if ch := c.Changes; ch != nil && c.Status != Added && c.Status != Removed {
		add := func(ok bool, id string) {
			if ok {
				out = append(out, d.tr(id))
			}
		}
		add(ch.Text != nil, "msg.diff.aspect.text")
		add(ch.Title != nil, "msg.diff.aspect.title")
		add(ch.Kind != nil, "msg.diff.aspect.kind")
		add(ch.Condition != nil, "msg.diff.aspect.condition")
		add(ch.Requires != nil, "msg.diff.aspect.requires")
		add(ch.Excludes != nil, "msg.diff.aspect.excludes")
		add(ch.LegalRefs != nil, "msg.diff.aspect.legal_refs")
		add(len(ch.Params) > 0, "msg.diff.aspect.params")
		add(len(ch.Values) > 0, "msg.diff.aspect.values")
		add(ch.Version != nil && c.Status != VersionOnly, "msg.diff.aspect.version")
	}
	if c.Moved && c.Status != Moved {
		out = append(out, d.tr("msg.diff.aspect.moved"))
	}
	if c.Renumbered && c.Status != Renumbered {
		out = append(out, d.tr("msg.diff.aspect.renumbered"))
	}
	s := d.status(c.Status)
	if len(out) > 0 {
		s += ": " + strings.Join(out, ", ")
	}
	return s
}

// notes lists every change of a clause other than its text redline.
func (d describer) notes(c ClauseDiff) []string {
	var out []string
	switch {
	case c.Status == Added && d.mode == ModeReleases:
		out = append(out, d.tr("msg.diff.note.added_clause", "kind", c.New.Kind, "chapter", c.New.Chapter, "order", c.New.Order, "version", c.New.Version))
	case c.Status == Removed && d.mode == ModeReleases:
		out = append(out, d.tr("msg.diff.note.removed_clause", "kind", c.Old.Kind, "chapter", c.Old.Chapter, "order", c.Old.Order, "version", c.Old.Version))
	}
	if c.Moved {
		if d.mode == ModeReleases {
			out = append(out, d.tr("msg.diff.note.moved_library", "old", c.Old.Chapter+"/"+strconv.Itoa(c.Old.Order), "new", c.New.Chapter+"/"+strconv.Itoa(c.New.Order)))
		} else {
			out = append(out, d.tr("msg.diff.note.moved_agreement", "old", c.Old.Position, "new", c.New.Position))
		}
	}
	if c.Renumbered {
		out = append(out, d.tr("msg.diff.note.renumbered", "old", c.Old.Article, "new", c.New.Article))
	}
	ch := c.Changes
	if ch == nil {
		return out
	}
	if ch.Version != nil {
		out = append(out, d.tr("msg.diff.note.version", "old", ch.Version.Old, "new", ch.Version.New))
	} else if d.mode == ModeReleases && (c.Status == Changed || c.Status == ValueChanged) {
		out = append(out, d.tr("msg.diff.note.same_version", "version", c.New.Version))
	}
	if ch.Title != nil {
		out = append(out, d.tr("msg.diff.note.title", "old", ch.Title.Old, "new", ch.Title.New))
	}
	if ch.Kind != nil {
		out = append(out, d.tr("msg.diff.note.kind", "old", ch.Kind.Old, "new", ch.Kind.New))
	}
	if ch.Condition != nil {
		out = append(out, d.tr("msg.diff.note.condition", "old", d.orNone(ch.Condition.Old), "new", d.orNone(ch.Condition.New)))
	}
	out = append(out, d.list("vereist", ch.Requires)...)
	out = append(out, d.list("sluit_uit", ch.Excludes)...)
	out = append(out, d.list("rechtsgronden", ch.LegalRefs)...)
	for _, p := range ch.Params {
		switch p.Status {
		case Added:
			out = append(out, d.tr("msg.diff.note.param_added", "name", p.Name, "def", d.paramDef(p.New)))
		case Removed:
			out = append(out, d.tr("msg.diff.note.param_removed", "name", p.Name, "def", d.paramDef(p.Old)))
		default:
			for _, f := range p.Fields {
				out = append(out, d.tr("msg.diff.note.param_field", "name", p.Name, "field", paramKeys[f.Field],
					"old", d.fieldValue(f.Field, f.Old), "new", d.fieldValue(f.Field, f.New)))
			}
		}
	}
	out = append(out, d.values(ch.Values)...)
	if len(ch.Values) > 0 && ch.Text == nil && d.mode == ModeAgreements {
		out = append(out, d.tr("msg.diff.note.values_only"))
	}
	if ch.Text != nil && c.Status != Added && c.Status != Removed {
		out = append(out, d.tr("msg.diff.note.text", "deleted", ch.Text.Deleted, "inserted", ch.Text.Inserted))
	}
	return out
}

func (d describer) values(vs []ValueChange) []string {
	var out []string
	for _, v := range vs {
		out = append(out, d.tr("msg.diff.note.value", "name", v.Name, "old", d.orAbsent(v.Old), "new", d.orAbsent(v.New)))
	}
	return out
}

// list describes a change of a list with the TOML key of the list.
func (d describer) list(key string, lc *ListChange) []string {
	if lc == nil {
		return nil
	}
	var out []string
	for _, s := range lc.Removed {
		out = append(out, d.tr("msg.diff.note.list_removed", "key", key, "item", s))
	}
	for _, s := range lc.Added {
		out = append(out, d.tr("msg.diff.note.list_added", "key", key, "item", s))
	}
	if lc.Reordered {
		out = append(out, d.tr("msg.diff.note.list_reordered", "key", key))
	}
	return out
}

// paramKeys are the TOML keys of the fields of a parameter definition.
var paramKeys = map[string]string{"type": "soort", "label": "label", "required": "verplicht", "default": "standaard",
	"min": "min", "max": "max", "max_length": "max_lengte", "pattern": "patroon", "choices": "keuzes"}

// headerKeys are the TOML keys of the fields of a release header.
var headerKeys = map[string]string{"id": "bibliotheek", "version": "versie", "effective": "van_kracht",
	"policy": "beleid", "approved_by": "goedgekeurd_door", "approved_on": "goedgekeurd_op",
	"agency.name": "agii.naam", "agency.seat": "agii.zetel", "agency.company_number": "agii.ondernemingsnummer"}

func (d describer) paramDef(p *ParamDef) string {
	if p == nil {
		return ""
	}
	req := d.tr("msg.diff.no")
	if p.Required {
		req = d.tr("msg.diff.yes")
	}
	return d.tr("msg.diff.param_def", "type", p.Type, "required", req, "default", d.orAbsent(p.Default))
}

func (d describer) fieldValue(field string, v *string) string {
	if field == "required" && v != nil {
		if *v == "true" {
			return d.tr("msg.diff.yes")
		}
		return d.tr("msg.diff.no")
	}
	return d.orAbsent(v)
}

func (d describer) orAbsent(v *string) string {
	if v == nil {
		return d.tr("msg.diff.absent")
	}
	if *v == "" {
		return d.tr("msg.diff.empty")
	}
	return *v
}

func (d describer) orNone(s string) string {
	if s == "" {
		return d.tr("msg.diff.absent")
	}
	return s
}

// libraryNotes lists the changes to the release header other than the
// recitals' redline.
func (d describer) libraryNotes(lc *LibraryChanges) []string {
	var out []string
	for _, f := range lc.Fields {
		out = append(out, d.tr("msg.diff.note.field", "key", headerKeys[f.Field], "old", d.orAbsent(f.Old), "new", d.orAbsent(f.New)))
	}
	for _, g := range []struct {
		key string
		es  []EntryChange
	}{{"hoofdstuk", lc.Chapters}, {"niet_bediend", lc.NotServed}, {"fusie", lc.Mergers},
		{"vereist", lc.Requirements}, {"te_bevestigen", lc.ToConfirm}} {
		for _, e := range g.es {
			switch e.Status {
			case Added:
				out = append(out, d.tr("msg.diff.note.entry_added", "key", g.key, "id", e.Key, "new", *e.New))
			case Removed:
				out = append(out, d.tr("msg.diff.note.entry_removed", "key", g.key, "id", e.Key, "old", *e.Old))
			case Moved:
				out = append(out, d.tr("msg.diff.note.entry_moved", "key", g.key, "id", e.Key, "new", *e.New))
			default:
				out = append(out, d.tr("msg.diff.note.entry_changed", "key", g.key, "id", e.Key, "old", *e.Old, "new", *e.New))
			}
		}
	}
	if lc.Map.changed() || lc.Map != nil && len(out) > 0 {
		out = append(out, d.mapNote(lc.Map)) // the count of codes, even when none changed
	}
	if lc.Recitals != nil {
		out = append(out, d.tr("msg.diff.note.recitals", "deleted", lc.Recitals.Deleted, "inserted", lc.Recitals.Inserted))
	}
	return out
}

// sectionNotes lists the changes of a part of an agreement outside the
// articles.
func (d describer) sectionNotes(ch *Changes) []string {
	out := d.values(ch.Values)
	if ch.Text == nil {
		out = append(out, d.tr("msg.diff.note.values_only"))
	} else {
		out = append(out, d.tr("msg.diff.note.text", "deleted", ch.Text.Deleted, "inserted", ch.Text.Inserted))
	}
	return out
}

// unchangedIDs lists the ids of the unchanged clauses, and of the articles
// that were only renumbered.
func unchangedIDs(r *Report) (same, renumbered []string) {
	for _, c := range r.Clauses {
		switch c.Status {
		case Unchanged:
			same = append(same, c.ID)
		case Renumbered:
			renumbered = append(renumbered, c.ID)
		}
	}
	return same, renumbered
}

// line says in one line what happened to a clause: its heading, its status
// with what changed, and its version.
func (d describer) line(c ClauseDiff) string {
	s := d.heading(c) + ": " + d.aspects(c)
	if ch := c.Changes; ch != nil && ch.Version != nil {
		s += " (" + d.tr("msg.diff.note.version", "old", ch.Version.Old, "new", ch.Version.New) + ")"
	}
	return s
}

// Lines says, one line per clause or part that is not unchanged, what the
// report found, in the language of t: for verify, which names the clauses
// that differ, and for anyone who wants the gist of a report.
func Lines(r *Report, t diag.Translator) []string {
	d := describer{t: t, mode: r.Mode}
	var out []string
	if a := r.Agreement; a != nil {
		for _, p := range []struct {
			id string
			ch *Changes
		}{{"msg.diff.front", a.Front}, {"msg.diff.recitals", a.Recitals}, {"msg.diff.back", a.Back}} {
			if p.ch != nil {
				out = append(out, d.tr(p.id)+": "+d.partAspects(p.ch))
			}
		}
	}
	for _, c := range r.Clauses {
		if c.Status != Unchanged {
			out = append(out, d.line(c))
		}
	}
	return out
}

// partAspects is the status of a part outside the articles and what
// changed in it.
func (d describer) partAspects(ch *Changes) string {
	if ch.Text == nil {
		return d.status(ValueChanged) + ": " + d.tr("msg.diff.aspect.values")
	}
	return d.status(Changed) + ": " + d.tr("msg.diff.aspect.text")
}
