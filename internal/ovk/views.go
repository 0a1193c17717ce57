package ovk

import (
	"github.com/agii/ovk/internal/diag"
	"github.com/agii/ovk/internal/document"
	"github.com/agii/ovk/internal/library"
	"github.com/agii/ovk/internal/ovk/errs"
	"github.com/agii/ovk/internal/profile"
	"github.com/agii/ovk/internal/rules"
)

// The JSON views of ovk's results: every machine output has English keys
// and names its schema in "schema"; docs/json.md documents each. A schema
// id's number goes up when a key changes meaning or goes away; new keys
// keep it.
const (
	SchemaAgreement = "ovk-agreement/1"
	SchemaExplain   = "ovk-explain/1"
	SchemaReleases  = "ovk-releases/1"
	SchemaClauses   = "ovk-clauses/1"
	SchemaLint      = "ovk-lint/1"
	SchemaVerify    = "ovk-verify/2"
	SchemaVersion   = "ovk-version/1"
	SchemaError     = errs.SchemaError
	SchemaImpact    = "ovk-impact/2"
	SchemaBatchItem = "ovk-batch-item/1"
	SchemaBatchRun  = "ovk-batch-summary/1"
)

// Municipality names the municipality an agreement is for.
type Municipality struct {
	NIS  string `json:"nis"`
	Name string `json:"name"`
}

func municipality(p *profile.Profile) Municipality {
	return Municipality{NIS: p.Municipality.NIS, Name: p.Municipality.Name}
}

// Explanation is the rules' verdict on every clause of a release for one
// profile ("ovk explain --json").
type Explanation struct {
	Schema       string           `json:"schema"`
	Municipality Municipality     `json:"municipality"`
	Library      string           `json:"library"`
	Release      string           `json:"release"`
	Clauses      []ClauseDecision `json:"clauses"`
}

// ClauseDecision is whether one clause is in an agreement, and why.
type ClauseDecision struct {
	ID      string `json:"id"`
	Version int    `json:"version"`
	Title   string `json:"title"`
	Kind    string `json:"kind"`
	Chapter string `json:"chapter"`
	In      bool   `json:"included"`
	// Reason is the rule's code ("why.condition_true", …); Text says it in
	// the user's language.
	Reason     string    `json:"reason"`
	Text       string    `json:"text"`
	Condition  string    `json:"condition,omitempty"`
	Bindings   []Binding `json:"bindings,omitempty"`
	RequiredBy string    `json:"required_by,omitempty"`
}

// Binding is a variable of a condition with its value for the profile.
type Binding struct {
	Name  string `json:"name"`
	Value any    `json:"value"`
}

func decisions(es []rules.Explanation) []ClauseDecision {
	out := make([]ClauseDecision, 0, len(es))
	for _, e := range es {
		d := ClauseDecision{ID: e.ID, Version: e.Version, Title: e.Title, Kind: e.Kind, Chapter: e.Chapter, In: e.In,
			Reason: e.Reason, Text: e.Text, Condition: e.Condition, RequiredBy: e.RequiredBy}
		for _, b := range e.Bindings {
			d.Bindings = append(d.Bindings, Binding{Name: b.Name, Value: b.Value})
		}
		out = append(out, d)
	}
	return out
}

// AgreementView is the JSON form of an assembled agreement: its provenance,
// the document model (document.Document's keys) and the rules' explanation.
type AgreementView struct {
	Schema        string             `json:"schema"`
	Library       string             `json:"library"`
	Release       string             `json:"release"`
	ToolVersion   string             `json:"tool_version"`
	ProfileSHA256 string             `json:"profile_sha256"`
	Municipality  Municipality       `json:"municipality"`
	Document      *document.Document `json:"document"`
	Explanation   []ClauseDecision   `json:"explanation"`
}

// ReleaseList is the JSON form of the releases of a catalog ("ovk releases
// --json", GET /v1/releases).
type ReleaseList struct {
	Schema   string        `json:"schema"`
	Default  string        `json:"default"`
	Releases []ReleaseInfo `json:"releases"`
}

// List returns the releases of the catalog as a ReleaseList, with release
// def as the default ("" the catalog's own).
func (c *Catalog) List(def string) ReleaseList {
	out := ReleaseList{Schema: SchemaReleases, Releases: c.Releases()}
	if d, err := c.Release(def); err == nil {
		out.Default = d.Version()
		for i := range out.Releases {
			out.Releases[i].Default = out.Releases[i].Folder == d.Folder
		}
	}
	return out
}

// ClauseList is the JSON form of the clauses of one release, in document
// order (GET /v1/clauses).
type ClauseList struct {
	Schema  string       `json:"schema"`
	Release string       `json:"release"`
	Clauses []ClauseView `json:"clauses"`
}

// ClauseVersions is the JSON form of one clause in every release that has
// it, by release name (GET /v1/clauses/{id}).
type ClauseVersions struct {
	Schema   string       `json:"schema"`
	ID       string       `json:"id"`
	Versions []ClauseView `json:"versions"`
}

// ClauseView is a clause of one release. Text is only set where one
// clause is asked for.
type ClauseView struct {
	Release   string      `json:"release,omitempty"`
	ID        string      `json:"id"`
	Version   int         `json:"version"`
	Title     string      `json:"title"`
	Kind      string      `json:"kind"`
	Chapter   string      `json:"chapter"`
	Order     int         `json:"order"`
	Condition string      `json:"condition,omitempty"`
	Requires  []string    `json:"requires,omitempty"`
	Excludes  []string    `json:"excludes,omitempty"`
	LegalRefs []string    `json:"legal_refs,omitempty"`
	Params    []ParamView `json:"params"`
	Text      string      `json:"text,omitempty"`
}

// ParamView is a clause parameter.
type ParamView struct {
	Name     string   `json:"name"`
	Type     string   `json:"type"`
	Label    string   `json:"label"`
	Required bool     `json:"required"`
	Default  *string  `json:"default,omitempty"`
	Choices  []string `json:"choices,omitempty"`
	Min      *float64 `json:"min,omitempty"`
	Max      *float64 `json:"max,omitempty"`
	MaxLen   int      `json:"max_length,omitempty"`
	Pattern  string   `json:"pattern,omitempty"`
}

func clauseView(release string, c *library.Clause, withText bool) ClauseView {
	v := ClauseView{Release: release, ID: c.ID, Version: c.Version, Title: c.Title, Kind: string(c.Kind),
		Chapter: c.Chapter, Order: c.Order, Condition: c.Condition, Requires: c.Requires, Excludes: c.Excludes,
		LegalRefs: c.LegalRefs, Params: make([]ParamView, 0, len(c.Params))}
	if withText && c.Body != nil {
		v.Text = c.Body.Src
	}
	for _, p := range c.Params {
		vp := ParamView{Name: p.Name, Type: string(p.Type), Label: p.Label, Required: p.Required, Choices: p.Choices,
			Min: p.Min, Max: p.Max, MaxLen: p.MaxLen}
		if p.Default != nil {
			vp.Default = &p.Default.Text
		}
		if p.Pattern != nil {
			vp.Pattern = p.Pattern.String()
		}
		v.Params = append(v.Params, vp)
	}
	return v
}

// Clauses lists the clauses of release in document order.
func (c *Catalog) Clauses(release string) (*ClauseList, error) {
	d, err := c.Drafter(release)
	if err != nil {
		return nil, err
	}
	out := &ClauseList{Schema: SchemaClauses, Release: d.Lib.Version, Clauses: make([]ClauseView, 0, len(d.Lib.Clauses))}
	for _, cl := range d.Lib.Clauses {
		out.Clauses = append(out.Clauses, clauseView("", cl, false))
	}
	return out, nil
}

// Clause returns clause id in every release that has it, with its text;
// none is an error naming the releases.
func (c *Catalog) Clause(id string) (*ClauseVersions, error) {
	out := &ClauseVersions{Schema: SchemaClauses, ID: id, Versions: []ClauseView{}}
	var names []string
	for _, ri := range c.Releases() {
		d, err := c.Drafter(ri.Folder)
		if err != nil {
			return nil, err
		}
		names = append(names, ri.Name)
		if cl := d.Lib.Clause(id); cl != nil {
			out.Versions = append(out.Versions, clauseView(ri.Name, cl, true))
		}
	}
	if len(out.Versions) == 0 {
		return nil, &Error{Code: NotFound, ID: "err.clause.not_found", Args: diag.A("id", id, "releases", joinNames(names))}
	}
	return out, nil
}

// ErrorView is the JSON form of an error (ovk-error/1).
type ErrorView = errs.ErrorView

// ProblemView is one problem behind an error.
type ProblemView = errs.ProblemView

// LintView is the JSON form of a lint run ("ovk lint --json").
type LintView struct {
	Schema   string          `json:"schema"`
	OK       bool            `json:"ok"`
	Releases []LintedRelease `json:"releases"`
	Problems []ProblemView   `json:"problems"`
	// Warnings are the printed values still to be confirmed ([[te_bevestigen]]).
	Warnings []ProblemView `json:"warnings"`
}

// View is the JSON form of the lint report in the language of t.
func (r *LintReport) View(t diag.Translator) LintView {
	v := LintView{Schema: SchemaLint, OK: len(r.Problems) == 0, Releases: r.Releases, Problems: []ProblemView{},
		Warnings: []ProblemView{}}
	if len(r.Problems) > 0 {
		v.Problems = (&Error{Problems: r.Problems}).View(t).Details
	}
	if len(r.Warnings) > 0 {
		v.Warnings = (&Error{Problems: r.Warnings}).View(t).Details
	}
	return v
}
