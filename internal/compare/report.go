// Package compare owns the one answer to "what changed": between two
// releases of the clause library, and between two agreements (one
// municipality under two releases, two drafts, two generated PDFs), for the
// diff, the impact preview of a register and verify alike. It builds one
// Report, whose JSON form is the documented, versioned schema "ovk-diff/2"
// (docs/diff-schema.md), and renders it for a terminal, as a self-contained
// HTML page, or as the model of a Dutch redline PDF (document.Redline;
// package pdf draws it). The word diff under the redlines is the
// domain-free package compare/worddiff.
//
// Clauses are matched by id: moving a clause or renumbering an article is
// reported as a move or a renumbering, never as a text change. Texts are
// compared word by word after normalising white space, so reflow is no
// change; everything else that differs is reported, so that what the report
// calls unchanged is unchanged.
package compare

import (
	"github.com/agii/ovk/internal/compare/worddiff"
	"github.com/agii/ovk/internal/document"
)

// Schema names the report format; it changes only with an incompatible
// change of the JSON.
const Schema = "ovk-diff/2"

// The modes of a report.
const (
	ModeReleases   = "releases"
	ModeAgreements = "agreements"
)

// The kinds of side.
const (
	SideRelease = "release"
	SideProfile = "profile"
	SidePDF     = "pdf"
)

// Status is what happened to one clause: the one vocabulary of diff,
// impact and verify. A clause found on both sides gets the first status
// that applies, in the order of the constants (see statusOf).
type Status string

// The statuses of a clause.
const (
	Added        Status = "added"         // only in the new side
	Removed      Status = "removed"       // only in the old side
	Changed      Status = "changed"       // its text or title differs (it may have moved, and values changed, too)
	ValueChanged Status = "value_changed" // only parameter values differ (a library: parameter definitions)
	Moved        Status = "moved"         // only its place differs: another chapter, or another order
	VersionOnly  Status = "version_only"  // only its version number differs: same text, values and place
	Renumbered   Status = "renumbered"    // only its article number differs
	Unchanged    Status = "unchanged"     // identical
)

// statusOf is the one rule that names what happened to a clause found on
// both sides, from what differs: content (text, title, or in a library kind,
// condition, requirements, legal references), values (parameter values, or
// in a library parameter definitions), place, version number, article
// number.
func statusOf(content, values, moved, version, renumbered bool) Status {
	switch {
	case content:
		return Changed
	case values:
		return ValueChanged
	case moved:
		return Moved
	case version:
		return VersionOnly
	case renumbered:
		return Renumbered
	}
	return Unchanged
}

// Report is the result of a diff. Its field order is the key order of the
// JSON.
type Report struct {
	Schema  string  `json:"schema"`
	Mode    string  `json:"mode"`
	Old     Side    `json:"old"`
	New     Side    `json:"new"`
	Summary Summary `json:"summary"`
	// Library holds the changes to the release header (releases mode).
	Library *LibraryChanges `json:"library,omitempty"`
	// Agreement holds the changes outside the articles (agreements mode).
	Agreement *AgreementChanges `json:"agreement,omitempty"`
	// Clauses lists every clause id of either side, in the new order, with
	// removed clauses after the clause that preceded them in the old order.
	Clauses []ClauseDiff `json:"clauses"`
	// OldDoc and NewDoc are the two agreements compared (agreements mode),
	// for the renderings that show a whole agreement (the DOCX redline).
	OldDoc, NewDoc *document.Document `json:"-"`
}

// Side describes one of the two things compared.
type Side struct {
	Kind           string        `json:"kind"` // release, profile or pdf
	Name           string        `json:"name"` // release name or file name
	LibraryID      string        `json:"library_id"`
	LibraryVersion string        `json:"library_version"`
	Effective      string        `json:"effective,omitempty"` // releases: effective date, ISO
	Reference      string        `json:"reference,omitempty"` // agreements
	Municipality   *Municipality `json:"municipality,omitempty"`
	ProfileSHA256  string        `json:"profile_sha256,omitempty"`
	ToolVersion    string        `json:"tool_version,omitempty"`
}

// Municipality identifies the municipality of an agreement, as its
// manifest does.
type Municipality = document.ManifestMunicip

// Summary counts the clauses per status.
type Summary struct {
	Added        int `json:"added"`
	Removed      int `json:"removed"`
	Changed      int `json:"changed"`
	ValueChanged int `json:"value_changed"`
	Moved        int `json:"moved"`
	VersionOnly  int `json:"version_only"`
	Renumbered   int `json:"renumbered"`
	Unchanged    int `json:"unchanged"`
}

// Add counts one status.
func (s *Summary) Add(st Status) {
	switch st {
	case Added:
		s.Added++
	case Removed:
		s.Removed++
	case Changed:
		s.Changed++
	case ValueChanged:
		s.ValueChanged++
	case Moved:
		s.Moved++
	case VersionOnly:
		s.VersionOnly++
	case Renumbered:
		s.Renumbered++
	case Unchanged:
		s.Unchanged++
	}
}

// Changes counts the clauses that are not unchanged.
func (s Summary) Changes() int {
	return s.Added + s.Removed + s.Changed + s.ValueChanged + s.Moved + s.VersionOnly + s.Renumbered
}

// ClauseDiff is what happened to one clause id.
type ClauseDiff struct {
	ID     string     `json:"id"`
	Status Status     `json:"status"`
	Old    *ClauseRef `json:"old"` // null when added
	New    *ClauseRef `json:"new"` // null when removed
	// Moved: in a library, its chapter or order changed; in an agreement,
	// its place relative to the other articles changed.
	Moved bool `json:"moved"`
	// Renumbered: its article number changed (agreements only).
	Renumbered bool     `json:"renumbered"`
	Changes    *Changes `json:"changes,omitempty"`
	// OldReason and NewReason say why the rules left an added clause out
	// of the old agreement and took it into the new one, or the other way
	// round for a removed clause (agreements, when known).
	OldReason *Reason `json:"old_reason,omitempty"`
	NewReason *Reason `json:"new_reason,omitempty"`
}

// ClauseRef is where a clause stands on one side.
type ClauseRef struct {
	Version  int    `json:"version"`
	Title    string `json:"title"`
	Position int    `json:"position"`          // 1-based, in document order
	Article  int    `json:"article,omitempty"` // agreements: article number
	Chapter  string `json:"chapter"`           // library: chapter id; agreement: chapter heading
	Order    int    `json:"order,omitempty"`   // library: order within the chapter
	Kind     string `json:"kind,omitempty"`    // library: verplicht, voorwaardelijk, optioneel
}

// Changes are the differences of one clause (or of a part of an agreement
// outside the articles). Absent fields did not change.
type Changes struct {
	Version   *IntChange    `json:"version,omitempty"`
	Title     *StringChange `json:"title,omitempty"`
	Kind      *StringChange `json:"kind,omitempty"`
	Condition *StringChange `json:"condition,omitempty"`
	Requires  *ListChange   `json:"requires,omitempty"`
	Excludes  *ListChange   `json:"excludes,omitempty"`
	LegalRefs *ListChange   `json:"legal_refs,omitempty"`
	// Params are changes to parameter definitions (releases).
	Params []ParamChange `json:"params,omitempty"`
	// Values are changed parameter values (agreements): the clause's own
	// parameters by name, agreement-wide values from the profile by dotted
	// name (e.g. "contact.gemeente.naam").
	Values []ValueChange `json:"values,omitempty"`
	// Text is the word-level redline of the text. In an agreement it is
	// absent when the text differs only where changed Values are filled in.
	Text *TextChange `json:"text,omitempty"`
}

// IntChange is a changed number.
type IntChange struct {
	Old int `json:"old"`
	New int `json:"new"`
}

// StringChange is a changed one-line value; "" is none.
type StringChange struct {
	Old string `json:"old"`
	New string `json:"new"`
}

// ListChange lists the entries of a list that were added and removed;
// Reordered is set when the entries are the same in another order.
type ListChange struct {
	Added     []string `json:"added"`
	Removed   []string `json:"removed"`
	Reordered bool     `json:"reordered,omitempty"`
}

// TextChange is a word-level redline. Impact and verify, which show none,
// leave it empty (see documents).
type TextChange struct {
	Deleted  int                `json:"deleted_words"`
	Inserted int                `json:"inserted_words"`
	Redline  []worddiff.Segment `json:"redline"`
}

// ParamChange is a parameter definition added, removed or changed.
type ParamChange struct {
	Name   string        `json:"name"`
	Status Status        `json:"status"` // added, removed or changed
	Old    *ParamDef     `json:"old"`
	New    *ParamDef     `json:"new"`
	Fields []FieldChange `json:"fields,omitempty"` // changed: which fields
}

// ParamDef is a parameter definition.
type ParamDef struct {
	Type      string   `json:"type"`
	Label     string   `json:"label"`
	Required  bool     `json:"required"`
	Default   *string  `json:"default"`
	Min       *string  `json:"min,omitempty"`
	Max       *string  `json:"max,omitempty"`
	MaxLength int      `json:"max_length,omitempty"`
	Pattern   string   `json:"pattern,omitempty"`
	Choices   []string `json:"choices,omitempty"`
}

// FieldChange is one changed field; null is absent.
type FieldChange struct {
	Field string  `json:"field"`
	Old   *string `json:"old"`
	New   *string `json:"new"`
}

// ValueChange is a changed value; null is absent.
type ValueChange struct {
	Name string  `json:"name"`
	Old  *string `json:"old"`
	New  *string `json:"new"`
}

// LibraryChanges are the changes to a release header.
type LibraryChanges struct {
	Fields    []FieldChange `json:"fields"`
	Recitals  *TextChange   `json:"recitals,omitempty"`
	Chapters  []EntryChange `json:"chapters"`
	NotServed []EntryChange `json:"not_served"`
	Mergers   []EntryChange `json:"mergers"`
	// Frame compares the frames (kader), part by part; nil only for a
	// report that was not made by Releases.
	Frame *FrameChanges `json:"frame,omitempty"`
	// Map compares the municipal maps (indeling); nil when neither release
	// names one.
	Map *MapChange `json:"map,omitempty"`
	// Requirements are the [[vereist]] tables by key, ToConfirm the
	// [[te_bevestigen]] tables by key.
	Requirements []EntryChange `json:"requirements"`
	ToConfirm    []EntryChange `json:"to_confirm"`
}

// EntryChange is an entry of a header list (a chapter, a municipality not
// served, a merger) added, removed or changed, keyed by id or NIS code.
type EntryChange struct {
	Key    string  `json:"key"`
	Status Status  `json:"status"`
	Old    *string `json:"old"`
	New    *string `json:"new"`
}

// AgreementChanges are the changes of an agreement outside its articles.
type AgreementChanges struct {
	// Values are the agreement-wide values (municipality, period, contact
	// persons, signatories) that changed.
	Values []ValueChange `json:"values"`
	// Front is the title, reference and parties; Recitals the recitals and
	// the sentence before the articles; Back the closing and the
	// signatures. Nil when unchanged.
	Front    *Changes `json:"front,omitempty"`
	Recitals *Changes `json:"recitals,omitempty"`
	Back     *Changes `json:"back,omitempty"`
}

// empty reports whether no field changed.
func (c *Changes) empty() bool {
	return c.Version == nil && c.Title == nil && c.Kind == nil && c.Condition == nil && c.Requires == nil &&
		c.Excludes == nil && c.LegalRefs == nil && len(c.Params) == 0 && len(c.Values) == 0 && c.Text == nil
}

// wholeText is the redline of a text that was added or removed as a whole.
func wholeText(op worddiff.Op, text string) *Changes {
	segs, n := worddiff.Whole(op, text)
	if segs == nil {
		return nil
	}
	tc := &TextChange{Redline: segs}
	if op == worddiff.Delete {
		tc.Deleted = n
	} else {
		tc.Inserted = n
	}
	return &Changes{Text: tc}
}

func ptr[T any](v T) *T { return &v }

// count recomputes the summary from the clauses.
func (r *Report) count() {
	r.Summary = Summary{}
	for _, c := range r.Clauses {
		r.Summary.Add(c.Status)
	}
}

// Same reports whether the report found no difference at all: every clause
// unchanged, and nothing outside the articles.
func (r *Report) Same() bool {
	if r.Summary.Changes() > 0 {
		return false
	}
	if a := r.Agreement; a != nil && (len(a.Values) > 0 || a.Front != nil || a.Recitals != nil || a.Back != nil) {
		return false
	}
	if l := r.Library; l != nil && (len(l.Fields) > 0 || l.Recitals != nil || len(l.Chapters) > 0 || len(l.NotServed) > 0 || len(l.Mergers) > 0 ||
		l.Frame.changed() || l.Map.changed() || len(l.Requirements) > 0 || len(l.ToConfirm) > 0) {
		return false
	}
	return true
}
